import type { Role } from '@jiayuan/contracts';
import { sql } from 'drizzle-orm';
import { configOrExit, serve } from './main.js';
import { countUsers, insertUser } from './platform/auth/identity.repository.js';
import { hashPassword } from './platform/auth/passwords.js';
import { queryOne, queryRows } from './platform/db/database.js';
import { saveRule } from './platform/obligations/obligations.service.js';
import { createPlatform } from './platform/platform.js';
import { systemActor } from './platform/access/actor.js';
import { generateScenario } from './scenario/generate.js';
import { SHAPES } from './scenario/shapes.js';
import { buildApp } from './app.js';
import type { Platform } from './platform/context.js';
import { inProcessCaller, type ApiCaller } from './platform/http/in-process.js';
import { localDate } from './platform/time.js';
import { MODULES } from './modules.js';
import type { DemoSetting } from './platform/modules/define-module.js';

/** The shared password of the demo accounts. Demo only: never use these accounts on real data. */
export const DEMO_PASSWORD = 'Jiayuan-demo-2026';

interface DemoAccount {
  username: string;
  displayName: string;
  roles: Role[];
  scope: 'all' | 'center' | 'department' | 'community' | 'station' | 'compound' | 'employer' | 'none';
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { username: 'admin', displayName: '系统管理员', roles: ['admin'], scope: 'all' },
  { username: 'center', displayName: '中心协调员', roles: ['center_coordinator'], scope: 'center' },
  { username: 'department', displayName: '金春花（协调部数据专班）', roles: ['department_coordinator'], scope: 'department' },
  { username: 'community', displayName: '王雷（居委会书记）', roles: ['community_staff'], scope: 'community' },
  { username: 'station', displayName: '董蕾（协调站站长）', roles: ['station_staff'], scope: 'station' },
  { username: 'liaison', displayName: '单位联络员', roles: ['employer_liaison'], scope: 'employer' },
  { username: 'property', displayName: '物业门岗', roles: ['property_staff'], scope: 'compound' },
  { username: 'health', displayName: '协调站医务员', roles: ['health_worker'], scope: 'community' },
  { username: 'volunteer', displayName: '志愿者', roles: ['volunteer'], scope: 'community' },
  { username: 'auditor', displayName: '审计员', roles: ['auditor'], scope: 'none' },
];

/**
 * Today's activity, made by the demo accounts themselves through the API (in this process): each
 * module's (return requests in every step of the loop, hotline orders in every stage…), so each
 * role's first screen has work waiting and the figures are today's.
 */
async function seedDemoDay(platform: Platform, demo: DemoSetting) {
  const app = await buildApp(platform, { serveWeb: false });
  // The accounts' requests are the demo's own set-up: not logged one by one like visitors'.
  const level = platform.log.level;
  platform.log.level = 'warn';
  try {
    const callers = new Map<string, Promise<ApiCaller>>();
    const as = (username: string) => {
      let c = callers.get(username);
      if (!c) callers.set(username, (c = inProcessCaller(app, username, DEMO_PASSWORD)));
      return c;
    };
    for (const m of MODULES) await m.seedDemoDay?.(as, demo);
  } finally {
    platform.log.level = level;
    await app.close();
  }
}

/** `npm run demo`: a fresh data folder with the wenhui scenario and one account per role. */
async function demo() {
  const config = configOrExit({ ...process.env, DATA_DIR: process.env.DATA_DIR ?? './data-demo' });
  const platform = await createPlatform(config);
  if ((await countUsers(platform.db)) === 0) {
    console.log('  Loading the wenhui scenario (one department, 12 communities, ~80,000 synthetic residents)…');
    const r = await generateScenario(platform, SHAPES.wenhui!, { seed: 1 });
    const pick = async (type: string) =>
      (await queryOne<{ id: number }>(platform.db, sql`SELECT id FROM places WHERE type = ${type} ORDER BY path LIMIT 1`))!.id;
    const scopes = {
      center: await pick('center'),
      department: await pick('department'),
      community: await pick('community'),
      station: await pick('station'),
      compound: await pick('compound'),
    };
    const employer = (await queryOne<{ id: number }>(platform.db, sql`SELECT id FROM employers ORDER BY id LIMIT 1`))!.id;
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    const userIds = new Map<string, number>();
    for (const a of DEMO_ACCOUNTS) {
      const scope =
        a.scope === 'all'
          ? { all: true, placeIds: [], employerIds: [] }
          : a.scope === 'none'
            ? { all: false, placeIds: [], employerIds: [] }
            : a.scope === 'employer'
              ? { all: false, placeIds: [], employerIds: [employer] }
              : { all: false, placeIds: [scopes[a.scope]], employerIds: [] };
      userIds.set(a.username, (await insertUser(platform.db, { username: a.username, displayName: a.displayName, roles: a.roles, scope, passwordHash })).id);
    }
    const demoCtx = { platform, actor: systemActor('demo'), origin: { ip: null, channel: 'system' as const, requestId: null }, lang: 'zh-CN' as const };
    const pathOf = async (id: number) => (await queryOne<{ path: string }>(platform.db, sql`SELECT path FROM places WHERE id = ${id}`))!.path;
    const employees = await queryRows<{ id: number }>(
      platform.db,
      sql`SELECT id FROM residents WHERE employer_id = ${employer} AND place_path LIKE ${`${await pathOf(scopes.community)}%`} ORDER BY id LIMIT 10`,
    );
    const flats = await queryRows<{ id: number }>(
      platform.db,
      sql`SELECT id FROM places WHERE type = 'dwelling' AND path LIKE ${`${await pathOf(scopes.compound)}%`} ORDER BY path LIMIT 9`,
    );
    const demo: DemoSetting = {
      community: scopes.community,
      compound: scopes.compound,
      employer,
      users: userIds,
      employees: employees.map((e) => e.id),
      flats: flats.map((f) => f.id),
      today: localDate(platform.clock.now(), platform.config.timezone),
    };
    for (const m of MODULES) await m.seedDemo?.(demoCtx, demo);
    await saveRule(demoCtx, null, {
      kind: 'registry.building_walk',
      title: { 'zh-CN': '网格员每周楼栋巡查走访', 'en-US': 'Weekly building walk by the grid worker' },
      placeId: scopes.community,
      targetType: 'building',
      responsibleRole: 'community_staff',
      recurrence: 'weekly',
      interval: 1,
      times: ['17:00'],
      weekdays: [1, 4],
      startsOn: new Date().toISOString().slice(0, 10),
      escalateAfterMinutes: 24 * 60,
      // Mondays and Thursdays: 1 and 5 October fall in the National Day holiday, so those walks are skipped.
      onHoliday: 'skip',
      active: true,
    });
    await seedDemoDay(platform, demo);
    console.log(`  ${r.residents} residents in ${r.households} households loaded in ${r.seconds.toFixed(0)} s.`);
  }
  const resident = await queryOne<{ phone_enc: Buffer }>(platform.db, sql`SELECT phone_enc FROM residents WHERE phone_enc IS NOT NULL ORDER BY id LIMIT 1`);
  console.log('\n  DEMO ONLY — these accounts share one password; never use them on real data.');
  console.log(`  password: ${DEMO_PASSWORD}`);
  for (const a of DEMO_ACCOUNTS) console.log(`    ${a.username.padEnd(11)} ${a.roles.join(', ')}`);
  if (resident) {
    const phone = platform.cipher.decrypt('phone', Buffer.from(resident.phone_enc));
    console.log(`  resident sign-in: phone ${phone} (synthetic); the one-time code is written to this console`);
  }
  await serve(platform);
}

await demo();
