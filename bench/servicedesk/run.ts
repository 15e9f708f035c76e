// bench/servicedesk: the service desk on PostgreSQL.
//   1. Intake throughput and latency through the HTTP API with a realistic mix: the hotline files
//      orders, dispatches them, repairers accept / arrive / resolve, the desk reads the live board.
//   2. The figures dashboard over 1,000,000 historical orders (made with COPY). Goal: < 500 ms.
//   npm run bench:servicedesk   (BENCH_SECONDS, BENCH_CONCURRENCY, BENCH_HISTORY, BENCH_DATABASE_URL;
//   BENCH_SERVER_NODE_ARGS='--cpu-prof' profiles the server; JIAYUAN_COUNT_STATEMENTS=true adds statements per request;
//   BENCH_SERVER_ENTRY=<dir>/server/src/main.ts runs another checkout's server, e.g. the commit before a change)
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import type { Role } from '@jiayuan/contracts';
import { insertUser } from '../../server/src/platform/auth/identity.repository.js';
import { hashPassword } from '../../server/src/platform/auth/passwords.js';
import { copyLine } from '../../server/src/platform/db/copy-format.js';
import { queryOne, queryRows } from '../../server/src/platform/db/database.js';
import { rebuildFigures } from '../../server/src/modules/servicedesk/index.js';
import { generateScenario } from '../../server/src/scenario/generate.js';
import { Random } from '../../server/src/scenario/random.js';
import { SHAPES } from '../../server/src/scenario/shapes.js';
import { benchPlatform, machine, writeResults } from '../lib/bench-db.js';
import { scrapeStatements, since, statementsTable, type RouteStatements } from '../lib/statements.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const HISTORY = Number(process.env.BENCH_HISTORY ?? 1_000_000);
const PORT = Number(process.env.BENCH_PORT ?? 3213);
const PASSWORD = 'Bench-pass-2026';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const base = `http://127.0.0.1:${PORT}`;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
};

class Session {
  constructor(
    readonly cookie: string,
    readonly csrf: string,
  ) {}
  static opened = 0;
  static async open(username: string) {
    // Each client signs in from its own address, as the desk's and the repairers' devices would.
    const ip = `10.9.${Math.floor(++Session.opened / 250)}.${(Session.opened % 250) + 1}`;
    const r = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
      body: JSON.stringify({ username, password: PASSWORD }),
    });
    if (r.status !== 200) throw new Error(`sign-in ${username}: ${r.status} ${await r.text()}`);
    const cookie = r.headers.get('set-cookie')!.split(';')[0]!;
    const me = (await (await fetch(`${base}/api/me`, { headers: { cookie } })).json()) as { csrfToken: string };
    return new Session(cookie, me.csrfToken);
  }
  async call<T>(method: 'GET' | 'POST', url: string, body?: unknown): Promise<{ status: number; json: T }> {
    const r = await fetch(`${base}/api${url}`, {
      method,
      headers: { cookie: this.cookie, 'x-csrf-token': this.csrf, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: r.status, json: (await r.json()) as T };
  }
}

let running: ChildProcess | null = null;

/** The minimal endpoint (bench/lib/minimal-pg.mjs) driven closed-loop like the mix. */
async function minimalInserts(url: string, clients: number, seconds: number) {
  const port = PORT + 50;
  const child = spawn(process.execPath, [path.join(root, 'bench/lib/minimal-pg.mjs')], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    for (let i = 0; i < 100; i++) {
      try {
        if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) break;
      } catch {
        /* not up yet */
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    const ms: number[] = [];
    const end = Date.now() + seconds * 1000;
    const start = Date.now();
    await Promise.all(
      Array.from({ length: clients }, async () => {
        while (Date.now() < end) {
          const s0 = performance.now();
          const r = await fetch(`http://127.0.0.1:${port}/items`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: '{"body":"水管漏水"}',
          });
          await r.arrayBuffer();
          ms.push(performance.now() - s0);
        }
      }),
    );
    return { rate: ms.length / ((Date.now() - start) / 1000), p50: quantile(ms, 0.5), p99: quantile(ms, 0.99) };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

async function startServer(env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const child = (running = spawn(
    process.execPath,
    [...(process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? []), '--import', 'tsx', process.env.BENCH_SERVER_ENTRY ?? 'server/src/main.ts'],
    { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'] },
  ));
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) return child;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('the server did not start');
}

async function stopServer(child: ChildProcess) {
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  running = null;
}

async function main() {
  console.log(`bench/servicedesk: ${machine()}`);
  const b = await benchPlatform('servicedesk');
  try {
    await run(b);
  } finally {
    if (running) await stopServer(running);
    if (process.env.BENCH_KEEP) console.log(`kept ${b.url}`);
    else await b.drop();
  }
}

async function run(b: Awaited<ReturnType<typeof benchPlatform>>) {
  const { platform } = b;
  const t0 = Date.now();
  const scen = await generateScenario(platform, SHAPES.wenhui!, { seed: 1, withResidents: false });
  console.log(`wenhui places generated in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  // People, teams and categories, written directly (the API is measured below, not the set-up).
  const passwordHash = await hashPassword(PASSWORD);
  const dept = (await queryOne<{ id: number }>(platform.db, sql`SELECT id FROM places WHERE type = 'department' ORDER BY id LIMIT 1`))!.id;
  const mkUser = async (username: string, roles: Role[], all = false) =>
    (await insertUser(platform.db, { username, displayName: username, roles, scope: { all, placeIds: all ? [] : [dept], employerIds: [] }, passwordHash })).id;
  const desks = [];
  for (let i = 0; i < 4; i++) desks.push(await mkUser(`desk${i}`, ['property_staff']));
  const repairers: number[] = [];
  for (let i = 0; i < 24; i++) repairers.push(await mkUser(`repairer${i}`, ['property_staff']));
  const leader = await mkUser('leader', ['property_staff']);
  await mkUser('coordinator', ['department_coordinator'], true);
  const community = (await queryOne<{ id: number }>(platform.db, sql`SELECT id FROM places WHERE type = 'community' ORDER BY id LIMIT 1`))!.id;
  await insertUser(platform.db, {
    username: 'communitystaff',
    displayName: 'communitystaff',
    roles: ['community_staff'],
    scope: { all: false, placeIds: [community], employerIds: [] },
    passwordHash,
  });
  const team = await queryOne<{ id: number }>(
    platform.db,
    sql`INSERT INTO sd_teams (name, place_id, place_path, leader_user_id) SELECT '维修队', id, path, ${leader} FROM places WHERE id = ${dept} RETURNING id`,
  );
  for (const r of repairers) await platform.db.execute(sql`INSERT INTO sd_team_members (team_id, user_id) VALUES (${team!.id}, ${r})`);
  // The default categories (from the migration), answered for by the bench's team.
  const cats: { id: number; kind: string }[] = [];
  for (const code of ['water', 'power', 'heating', 'elevator', 'property_fees']) {
    const row = await queryOne<{ id: number; kind: string }>(platform.db, sql`SELECT id, kind FROM sd_categories WHERE code = ${code}`);
    await platform.db.execute(sql`INSERT INTO sd_category_teams (category_id, team_id) VALUES (${row!.id}, ${team!.id})`);
    cats.push(row!);
  }
  const dwellings = await queryRows<{ id: number; path: string; building: number; community: number }>(
    platform.db,
    sql`SELECT d.id, d.path, s.parent_id AS building, split_part(d.path, '.', 3)::bigint AS community
        FROM places d JOIN places s ON s.id = d.parent_id WHERE d.type = 'dwelling' ORDER BY d.id`,
  );
  console.log(`${dwellings.length} dwellings, ${scen.places} places`);

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(PORT),
    HOST: '127.0.0.1',
    DATABASE_URL: b.url,
    JIAYUAN_SECRET_KEY: platform.config.secretKey!,
    DATA_DIR: platform.config.dataDir,
    JIAYUAN_TRUST_PROXY: 'true',
    LOG_LEVEL: 'warn',
  };

  // ---- 1. The mix through the API ----
  let server = await startServer(env);
  const deskSessions = await Promise.all(desks.map((_, i) => Session.open(`desk${i}`)));
  const repairerSessions = new Map<number, Session>();
  for (const [i, id] of repairers.entries()) repairerSessions.set(id, await Session.open(`repairer${i}`));
  const rng = new Random(11);
  const received: { id: number; version: number; kind: string }[] = [];
  const dispatched: { id: number; version: number; repairer: number }[] = [];
  const lat = new Map<string, number[]>();
  const errors = new Map<string, number>();
  const timed = async <T>(op: string, f: () => Promise<{ status: number; json: T }>) => {
    const s = performance.now();
    const r = await f();
    (lat.get(op) ?? lat.set(op, []).get(op)!).push(performance.now() - s);
    if (r.status >= 300) errors.set(`${op} ${r.status}`, (errors.get(`${op} ${r.status}`) ?? 0) + 1);
    return r;
  };
  const deadline = Date.now() + SECONDS * 1000;
  const worker = async (w: number) => {
    const desk = deskSessions[w % deskSessions.length]!;
    while (Date.now() < deadline) {
      const roll = rng.next();
      if (roll < 0.35 || received.length === 0) {
        const cat = cats[rng.int(0, cats.length - 1)]!;
        const d = dwellings[rng.int(0, dwellings.length - 1)]!;
        const r = await timed<{ id: number; version: number }>('create', () =>
          desk.call('POST', '/servicedesk/orders', {
            categoryId: cat.id,
            description: '水管漏水，请尽快处理',
            dwellingId: d.id,
            callerPhone: `139${String(rng.int(0, 99999999)).padStart(8, '0')}`,
          }),
        );
        if (r.status === 201) received.push({ id: r.json.id, version: r.json.version, kind: cat.kind });
      } else if (roll < 0.55) {
        const o = received.shift()!;
        if (o.kind !== 'repair') {
          await timed('pause (complaint)', () =>
            desk.call('POST', `/servicedesk/orders/${o.id}/transitions`, { action: 'pause', reason: '等待投诉人回电', version: o.version }),
          );
          continue;
        }
        const repairer = repairers[rng.int(0, repairers.length - 1)]!;
        const r = await timed<{ version: number }>('dispatch', () =>
          desk.call('POST', `/servicedesk/orders/${o.id}/transitions`, { action: 'dispatch', assigneeUserId: repairer, version: o.version }),
        );
        if (r.status === 200) dispatched.push({ id: o.id, version: r.json.version, repairer });
      } else if (roll < 0.8 && dispatched.length > 0) {
        const o = dispatched.shift()!;
        const s = repairerSessions.get(o.repairer)!;
        let v = o.version;
        for (const body of [{ action: 'accept' }, { action: 'arrive' }, { action: 'resolve', firstVisitFix: true, workDone: '更换阀门' }]) {
          const r = await timed<{ version: number }>(body.action, () => s.call('POST', `/servicedesk/orders/${o.id}/transitions`, { ...body, version: v }));
          if (r.status !== 200) break;
          v = r.json.version;
        }
      } else {
        await timed('board', () => desk.call('GET', '/servicedesk/board'));
      }
    }
  };
  const before = await scrapeStatements(base);
  const mixStart = Date.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, (_, i) => worker(i)));
  const mixSeconds = (Date.now() - mixStart) / 1000;
  const all = [...lat.values()].flat();
  const requests = all.length;
  console.log(`mix: ${requests} requests in ${mixSeconds.toFixed(1)} s; errors ${JSON.stringify(Object.fromEntries(errors))}`);
  const perRoute: RouteStatements[] = since(await scrapeStatements(base), before);
  // The minimal Fastify + pg insert endpoint, same clients and seconds, while the API server idles.
  const minimal = await minimalInserts(b.url, CONCURRENCY, SECONDS);
  console.log(`minimal Fastify + pg insert: ${minimal.rate.toFixed(0)} requests/s, p50 ${minimal.p50.toFixed(1)} ms, p99 ${minimal.p99.toFixed(1)} ms`);
  if (perRoute.length) console.log(statementsTable(perRoute));
  const orderCount = (await queryOne<{ n: number }>(platform.db, sql`SELECT count(*)::int AS n FROM sd_orders`))!.n;
  await stopServer(server);

  // ---- 2. History: 1,000,000 orders over two years, by COPY ----
  const h0 = Date.now();
  const now = Date.now();
  const span = 730 * 86400000;
  const cols = [
    'kind',
    'channel',
    'status',
    'category_id',
    'place_id',
    'place_path',
    'community_id',
    'building_id',
    'description',
    'team_id',
    'assignee_user_id',
    'received_at',
    'clock_start_at',
    'accept_due_at',
    'arrive_due_at',
    'resolve_due_at',
    'accepted_at',
    'arrived_at',
    'resolved_at',
    'closed_at',
    'first_visit_fix',
    'rating',
    'updated_at',
  ];
  const hr = new Random(5);
  function* lines() {
    for (let i = 0; i < HISTORY; i++) {
      const d = dwellings[hr.int(0, dwellings.length - 1)]!;
      const cat = cats[hr.int(0, cats.length - 1)]!;
      const repair = cat.kind === 'repair';
      const at = now - Math.floor(hr.next() * span);
      const recent = now - at < 10 * 86400000;
      const status = recent && hr.chance(0.3) ? 'accepted' : hr.chance(0.03) ? 'cancelled' : 'closed';
      const m = 60000;
      const acceptDue = at + 30 * m;
      const accepted = at + Math.floor(hr.next() * (hr.chance(0.97) ? 30 : 90)) * m;
      const arrived = repair ? accepted + Math.floor(hr.next() * 100) * m : null;
      const resolved = status === 'closed' ? (arrived ?? accepted) + Math.floor(hr.next() * 400) * m : null;
      yield copyLine([
        cat.kind,
        hr.pick(['hotline', 'hotline', 'self_service', 'walk_in']),
        status,
        cat.id,
        d.id,
        d.path,
        d.community,
        d.building,
        '历史工单',
        team!.id,
        repair ? repairers[hr.int(0, repairers.length - 1)]! : null,
        new Date(at),
        new Date(at),
        new Date(acceptDue),
        repair ? new Date(at + 120 * m) : null,
        new Date(at + 1440 * m),
        new Date(accepted),
        arrived ? new Date(arrived) : null,
        resolved ? new Date(resolved) : null,
        resolved ? new Date(resolved + 600 * m) : null,
        repair && resolved ? hr.chance(0.95) : null,
        resolved && hr.chance(0.7) ? hr.pick([5, 5, 5, 4, 4, 3, 2]) : null,
        new Date(resolved ?? accepted),
      ]);
    }
  }
  await platform.db.transaction(async (tx) => {
    await platform.database.copyInto(tx as never, 'sd_orders', cols, lines());
  });
  await platform.db.execute(sql`ANALYZE sd_orders`);
  const historySeconds = (Date.now() - h0) / 1000;
  console.log(`history: ${HISTORY} orders by COPY in ${historySeconds.toFixed(1)} s`);
  // Orders loaded behind the service's back: their settled figures are rebuilt from them once.
  const r0 = Date.now();
  await rebuildFigures(platform.db, platform);
  await platform.db.execute(sql`ANALYZE sd_figures_daily`);
  const rebuildSeconds = (Date.now() - r0) / 1000;
  const dailyRows = (await queryOne<{ n: number }>(platform.db, sql`SELECT count(*)::int AS n FROM sd_figures_daily`))!.n;
  console.log(`settled figures rebuilt in ${rebuildSeconds.toFixed(1)} s (${dailyRows} rows)`);

  // ---- 3. The figures through the API ----
  server = await startServer(env);
  const coordinator = await Session.open('coordinator');
  const staff = await Session.open('communitystaff');
  const today = new Date().toISOString().slice(0, 10);
  const twoYears = new Date(now - span).toISOString().slice(0, 10);
  const figures: { what: string; ms: number[] }[] = [];
  for (const [who, s] of [
    ['coordinator (whole district)', coordinator],
    ['community staff (one community)', staff],
  ] as const) {
    for (const [label, query] of [
      ['last 12 months, by month', 'groupBy=month'],
      ['last 12 months, by team', 'groupBy=team'],
      ['last 12 months, by category', 'groupBy=category'],
      ['last 12 months, by community', 'groupBy=community'],
      ['all 2 years, by month', `groupBy=month&from=${twoYears}&to=${today}`],
    ] as const) {
      const ms: number[] = [];
      for (let i = 0; i < 6; i++) {
        const s0 = performance.now();
        const r = await s.call<{ totals: { orders: number } }>('GET', `/servicedesk/figures?${query}`);
        if (r.status !== 200) throw new Error(`figures ${r.status}`);
        if (i > 0) ms.push(performance.now() - s0);
        if (i === 0) console.log(`${who}, ${label}: ${r.json.totals.orders} orders`);
      }
      figures.push({ what: `${who}: ${label}`, ms });
    }
  }
  const boardMs: number[] = [];
  for (let i = 0; i < 6; i++) {
    const s0 = performance.now();
    await coordinator.call('GET', '/servicedesk/board');
    if (i > 0) boardMs.push(performance.now() - s0);
  }
  await stopServer(server);

  const ops = [...lat.entries()].sort((a, b2) => b2[1].length - a[1].length);
  const f = (x: number) => `${x.toFixed(0)} ms`;
  const worst = Math.max(...figures.map((x) => median(x.ms)));
  await writeResults(
    'servicedesk',
    `## bench/servicedesk — ${new Date().toISOString().slice(0, 10)}

Command: \`npm run bench:servicedesk\` (PostgreSQL on 127.0.0.1; ${machine()}; the server runs in its own process, the load generator in the bench process, both on the same two cores as PostgreSQL)

**1. The hotline mix through the HTTP API** — ${CONCURRENCY} concurrent clients for ${SECONDS} s on the wenhui places (${dwellings.length.toLocaleString()} dwellings): 35 % file an order (hotline form with the caller's phone, encrypted), 20 % dispatch one (a complaint: waiting on the complainant), 25 % a repairer accepts, arrives and resolves one, 20 % read the live board. Every request is a full use-case: scope check, state guard, one transaction with the audit row, obligations, notifications and a live event.

| what | figure |
|---|---|
| requests | ${requests.toLocaleString()} in ${mixSeconds.toFixed(1)} s: **${(requests / mixSeconds).toFixed(0)} requests/s** (${orderCount.toLocaleString()} orders filed) |
| all requests | p50 ${f(quantile(all, 0.5))}, **p99 ${f(quantile(all, 0.99))}** |
| the minimal Fastify + pg insert endpoint, same ${CONCURRENCY} clients and ${SECONDS} s, same run | **${minimal.rate.toFixed(0)} requests/s**, p50 ${minimal.p50.toFixed(1)} ms, p99 ${minimal.p99.toFixed(1)} ms (the mix runs at ${((100 * requests) / mixSeconds / minimal.rate).toFixed(0)} % of it) |
${ops.map(([op, xs]) => `| ${op} (${xs.length.toLocaleString()}) | p50 ${f(quantile(xs, 0.5))}, p99 ${f(quantile(xs, 0.99))} |`).join('\n')}
| errors | ${
      errors.size === 0
        ? 'none'
        : Object.entries(Object.fromEntries(errors))
            .map(([k, v]) => `${k}: ${v}`)
            .join(', ')
    } |

${perRoute.length ? `SQL sent per request (JIAYUAN_COUNT_STATEMENTS=true; round trips include BEGIN and COMMIT):\n\n${statementsTable(perRoute)}\n\n` : ''}**2. The figures dashboard over ${HISTORY.toLocaleString()} historical orders** (two years, written by COPY in ${historySeconds.toFixed(0)} s; their settled figures rebuilt from them in ${rebuildSeconds.toFixed(1)} s into ${dailyRows.toLocaleString()} rows of day × kind × team × category × community), \`GET /api/servicedesk/figures\` through the API, median of 5 warm runs (goal < 500 ms: ${worst < 500 ? 'met' : '**not met**'}). Settled orders (closed, cancelled) are read from the daily figures that every closing or reopening transaction keeps up to date; open orders are counted live; scopes narrower than a community are counted from the orders; repeated buildings are counted over the last 90 days of the period:

| who, what | median | slowest |
|---|---|---|
${figures.map((x) => `| ${x.what} | **${f(median(x.ms))}** | ${f(Math.max(...x.ms))} |`).join('\n')}
| the hotline board over the same table (whole district) | ${f(median(boardMs))} | ${f(Math.max(...boardMs))} |
`,
  );
  console.log('written to bench/RESULTS.md');
}

await main();
