// bench/access/staleness.ts: how soon a gate's verification sees a change to the lists it keeps
// in memory (access/gate-view.ts). Timing goals live here, not in the tests, which only check
// that the change is seen. On PostgreSQL, two app instances in this process on one database:
//  (1) a pass revoked in the instance that verifies: refused at once;
//  (2) a pass revoked behind the app's back (an UPDATE, no NOTIFY), seen through the version poll: goal < 1,500 ms;
//  (3) a pass revoked on one instance, seen by the other (NOTIFY): goal < 1,000 ms;
//  (4) a lockdown order written into the database, sealing a pass on the other instance: goal < 1,500 ms.
// Each BENCH_ROUNDS (10) times; the median and the slowest are reported.
//   npm run bench:gate-staleness   (BENCH_DATABASE_URL, BENCH_ROUNDS)
import os from 'node:os';
import pino from 'pino';
import { buildApp, type App } from '../../server/src/app.js';
import { insertUser } from '../../server/src/platform/auth/identity.repository.js';
import { hashPassword } from '../../server/src/platform/auth/passwords.js';
import { openPostgres, queryOne, sql } from '../../server/src/platform/db/database.js';
import { signInInProcess } from '../../server/src/platform/http/in-process.js';
import { createPlatform } from '../../server/src/platform/platform.js';
import { benchPlatform, machine, writeResults } from '../lib/bench-db.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 10);
/** Stop asking after this long: a change not seen by then is reported as missed. */
const GIVE_UP_MS = 10_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  console.log(`bench/access staleness: ${ROUNDS} rounds each, ${machine()}`);
  const loadAtStart = os.loadavg()[0]!;
  const bench = await benchPlatform('staleness');
  const { platform } = bench;
  const apps: App[] = [];
  let second: Awaited<ReturnType<typeof createPlatform>> | null = null;
  try {
    const here = await buildApp(platform, { serveWeb: false });
    await here.ready();
    apps.push(here);
    second = await createPlatform(platform.config, { database: await openPostgres(bench.url, 3), log: pino({ level: 'warn' }) });
    const there = await buildApp(second, { serveWeb: false });
    await there.ready();
    apps.push(there);

    const password = 'Bench-pass-123';
    await insertUser(platform.db, {
      username: 'bench-coord',
      displayName: '协调部',
      roles: ['center_coordinator'],
      scope: { all: true, placeIds: [], employerIds: [] },
      passwordHash: await hashPassword(password),
    });
    const { cookie, csrf } = await signInInProcess(here, 'bench-coord', password);
    const call = async <T>(url: string, body: unknown): Promise<T> => {
      const res = await here.inject({ method: 'POST', url: `/api${url}`, headers: { cookie, 'x-csrf-token': csrf }, payload: body as object });
      if (res.statusCode >= 300) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
      return res.json() as T;
    };
    const place = async (parentId: number | null, type: string, name: string) => (await call<{ id: number }>('/places', { parentId, type, name })).id;
    const community = await place(await place(await place(null, 'center', '测试中心'), 'department', '测试协调部'), 'community', '测试社区');
    const compound = await place(community, 'compound', '测试小区');
    const building = await place(compound, 'building', '1号楼');
    await call(`/places/${building}/layout`, { stairwells: 1, floors: 1, flatsPerFloor: 1 });
    const dwelling = (await queryOne<{ id: number }>(platform.db, sql`SELECT id FROM places WHERE type = 'dwelling' LIMIT 1`))!.id;
    const compoundPath = (await queryOne<{ path: string }>(platform.db, sql`SELECT path FROM places WHERE id = ${compound}`))!.path;
    const resident = (await call<{ id: number }>('/residents', { dwellingId: dwelling, name: '张建国' })).id;
    const gate = (await call<{ id: number }>('/access/gates', { name: '东门', kind: 'gate', placeId: compound })).id;
    const device = (await call<{ secret: string }>(`/access/gates/${gate}/tokens`, {})).secret;

    const verify = async (app: App, token: string) =>
      (
        await app.inject({ method: 'POST', url: '/api/access/gate/verify', headers: { authorization: `Bearer ${device}` }, payload: { gateId: gate, token } })
      ).json() as { decision: string; reason: string | null };
    /** Milliseconds from the change until the instance refuses the pass for that reason (Infinity: not within GIVE_UP_MS). */
    let asks = 0;
    const seen = async (app: App, token: string, reason: string, changed: number) => {
      asks = 0;
      for (;;) {
        const v = await verify(app, token);
        asks++;
        const ms = performance.now() - changed;
        if (v.reason === reason) return ms;
        if (ms > GIVE_UP_MS) return Infinity;
        await sleep(5);
      }
    };
    /** A fresh pass, allowed on both instances (the last round's lockdown released there too) and so kept in memory. */
    const freshPass = async () => {
      const p = await call<{ id: number; token: string; version: number }>('/access/passes', { kind: 'health_pass', residentId: resident });
      const t0 = performance.now();
      for (const app of apps) {
        while ((await verify(app, p.token)).decision !== 'allowed') {
          if (performance.now() - t0 > GIVE_UP_MS) throw new Error('a fresh pass was not allowed');
          await sleep(20);
        }
      }
      return p;
    };

    /** Whether the instance that revoked refused the pass at the first ask after the revocation, every round. */
    let firstAsk = true;
    const runs = { same: [] as number[], poll: [] as number[], notify: [] as number[], lockdown: [] as number[] };
    for (let r = 0; r < ROUNDS; r++) {
      let p = await freshPass();
      let t0 = performance.now();
      await call(`/access/passes/${p.id}/revoke`, { reason: '测试撤销', version: p.version });
      runs.same.push(await seen(here, p.token, 'revoked', t0));
      if (asks > 1) firstAsk = false;

      p = await freshPass();
      t0 = performance.now();
      await platform.db.execute(sql`UPDATE access_passes SET status = 'revoked', list_version = nextval('pass_list_version') WHERE id = ${p.id}`);
      runs.poll.push(await seen(here, p.token, 'revoked', t0));

      p = await freshPass();
      t0 = performance.now();
      await call(`/access/passes/${p.id}/revoke`, { reason: '另一实例', version: p.version });
      runs.notify.push(await seen(there, p.token, 'revoked', t0));

      p = await freshPass();
      t0 = performance.now();
      await platform.db.execute(
        sql`INSERT INTO lockdown_orders (place_id, place_path, level, status, starts_at) VALUES (${compound}, ${compoundPath}, 'compound', 'active', now())`,
      );
      runs.lockdown.push(await seen(there, p.token, 'sealed', t0));
      await platform.db.execute(sql`UPDATE lockdown_orders SET status = 'released', list_version = nextval('lockdown_list_version') WHERE status = 'active'`);
      console.log(
        `round ${r + 1}: same ${runs.same.at(-1)!.toFixed(0)} ms, poll ${runs.poll.at(-1)!.toFixed(0)} ms, notify ${runs.notify.at(-1)!.toFixed(0)} ms, lockdown ${runs.lockdown.at(-1)!.toFixed(0)} ms`,
      );
    }

    const ms = (x: number) => (Number.isFinite(x) ? `${x.toFixed(0)} ms` : `not within ${GIVE_UP_MS / 1000} s`);
    const row = (what: string, xs: number[], goal: number | null) => {
      const worst = Math.max(...xs);
      const verdict = (goal === null ? firstAsk : worst < goal) ? 'met' : '**missed**';
      return `| ${what} | ${ms(median(xs))} | ${ms(worst)} | ${goal === null ? 'refused at the first ask' : `< ${goal.toLocaleString('en-US')} ms`} | ${verdict} |`;
    };
    const today = new Date().toISOString().slice(0, 10);
    const md = `## bench/access staleness — ${today}

\`npm run bench:gate-staleness\` (PostgreSQL 127.0.0.1, a fresh database; two app instances in one process on it, as two
servers behind a load balancer would be; the gate device's verification \`POST /api/access/gate/verify\` asked every 5 ms
after the change until it refuses the pass; ${ROUNDS} rounds; machine: ${machine()}, load average ${loadAtStart.toFixed(1)} at the start,
${os.loadavg()[0]!.toFixed(1)} at the end). These goals were wall-clock limits inside \`gate-view.test.ts\`; the tests now
check only that the change is seen.

| change | median | slowest | goal | |
|---|---|---|---|---|
${row('(1) a pass revoked through the API, verified on the same instance', runs.same, null)}
${row("(2) a pass revoked behind the app's back (no NOTIFY): the version poll", runs.poll, 1500)}
${row('(3) a pass revoked on one instance, verified on the other (NOTIFY)', runs.notify, 1000)}
${row('(4) a lockdown order written into the database, a pass of its place verified on the other instance', runs.lockdown, 1500)}
`;
    await writeResults('access-staleness', md);
    console.log(md);
  } finally {
    for (const app of apps) await app.close();
    await second?.shutdown();
    await bench.drop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
