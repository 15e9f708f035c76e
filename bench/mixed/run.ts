// bench/mixed: a realistic day of the everyday path on PostgreSQL, open loop at fixed rates.
//   Requests are sent by the clock (request i at t0 + i / rate), never waiting for answers, so a
//   slow server shows as latency, not as a politely lower rate; latency counts from the moment a
//   request was due. The mix: to-do lists, the hotline board, list pages with filters, detail
//   pages, creates and every transition step of service-desk orders, sign-ins — while PAGES open
//   pages listen to live events (server-sent events) and get the fan-out. The minimal Fastify + pg
//   insert endpoint (bench/lib/minimal-pg.mjs) runs at the same rates in the same run; a separate
//   low-rate pass on an instance counting statements gives SQL statements and round trips per
//   request type.
//   npm run bench:mixed   (BENCH_RATES=250,500,1000,2000, BENCH_SECONDS=20, BENCH_PAGES=2000,
//   BENCH_SCENARIO=city-1m, BENCH_DATABASE_URL, BENCH_PORT=3231)
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import type { Role } from '@jiayuan/contracts';
import { insertUser } from '../../server/src/platform/auth/identity.repository.js';
import { hashPassword } from '../../server/src/platform/auth/passwords.js';
import { queryOne, queryRows } from '../../server/src/platform/db/database.js';
import { generateScenario } from '../../server/src/scenario/generate.js';
import { Random } from '../../server/src/scenario/random.js';
import { SHAPES } from '../../server/src/scenario/shapes.js';
import { benchPlatform, machine, writeResults } from '../lib/bench-db.js';
import { cpuMeter, cpuText } from '../lib/cpu.js';
import { since, statementsOf, statementsTable } from '../lib/statements.js';

const RATES = (process.env.BENCH_RATES ?? '250,500,1000,2000').split(',').map(Number);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const PAGES = Number(process.env.BENCH_PAGES ?? 2000);
const SCENARIO = process.env.BENCH_SCENARIO ?? 'city-1m';
const PORT = Number(process.env.BENCH_PORT ?? 3231);
const COUNT_PORT = PORT + 1;
const MIN_PORT = PORT + 2;
const PASSWORD = 'Bench-pass-2026';
const TIMEOUT_MS = 10_000;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---- HTTP without waiting: node:http on a keep-alive agent with room for the backlog ----
const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });

interface Answer {
  status: number;
  body: string;
  headers: http.IncomingHttpHeaders;
}

function send(port: number, method: string, url: string, headers: Record<string, string>, body?: unknown): Promise<Answer> {
  return new Promise((resolve) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path: url,
        agent,
        timeout: TIMEOUT_MS,
        headers: { ...headers, ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
        res.on('error', () => resolve({ status: 0, body: '', headers: {} }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve({ status: 0, body: '', headers: {} }));
    req.end(payload);
  });
}

let addresses = 0;
const nextAddress = () => {
  const n = ++addresses;
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
};

interface Session {
  cookie: string;
  csrf: string;
}

async function signIn(port: number, username: string): Promise<{ status: number; session: Session | null }> {
  const r = await send(port, 'POST', '/api/auth/login', { 'x-forwarded-for': nextAddress() }, { username, password: PASSWORD });
  if (r.status !== 200) return { status: r.status, session: null };
  const cookie = String(r.headers['set-cookie']?.[0] ?? '').split(';')[0]!;
  const me = await send(port, 'GET', '/api/me', { cookie });
  if (me.status !== 200) return { status: me.status, session: null };
  return { status: r.status, session: { cookie, csrf: (JSON.parse(me.body) as { csrfToken: string }).csrfToken } };
}

const call = (port: number, s: Session, method: string, url: string, body?: unknown) =>
  send(port, method, url, { cookie: s.cookie, ...(method === 'GET' ? {} : { 'x-csrf-token': s.csrf }) }, body);

// ---- processes ----
const children: ChildProcess[] = [];

async function waitFor(url: string) {
  for (let i = 0; i < 400; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    await sleep(250);
  }
  throw new Error(`${url} did not answer`);
}

async function start(script: string[], env: NodeJS.ProcessEnv, health: string) {
  const child = spawn(process.execPath, script, { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'] });
  children.push(child);
  await waitFor(health);
  return child;
}

async function stop(child: ChildProcess) {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
}

// ---- open-loop driver ----
type Op = { name: string; run: () => Promise<number> };

interface RateResult {
  rate: number;
  sent: number;
  seconds: number;
  lat: Map<string, number[]>;
  errors: Map<string, number>;
  all: number[];
}

/** Sends `rate` requests a second for SECONDS, each when it is due; `pick` chooses the next. */
async function openLoop(rate: number, pick: () => Op): Promise<RateResult> {
  const n = Math.round(rate * SECONDS);
  const lat = new Map<string, number[]>();
  const errors = new Map<string, number>();
  const all: number[] = [];
  const pending = new Set<Promise<void>>();
  const t0 = performance.now() + 20;
  let i = 0;
  while (i < n) {
    const due = Math.min(n, Math.floor(((performance.now() - t0) * rate) / 1000) + 1);
    for (; i < due; i++) {
      const at = t0 + (i * 1000) / rate;
      const op = pick();
      // A request that fails in the bench itself counts as an error of its operation, not a crash.
      const p = op
        .run()
        .catch(() => 0)
        .then((status) => {
          const ms = performance.now() - at;
          (lat.get(op.name) ?? lat.set(op.name, []).get(op.name)!).push(ms);
          all.push(ms);
          if (status === 0 || status >= 400) errors.set(`${op.name} ${status || 'timeout'}`, (errors.get(`${op.name} ${status || 'timeout'}`) ?? 0) + 1);
        });
      pending.add(p);
      void p.then(() => pending.delete(p));
    }
    await sleep(1);
  }
  const sentSeconds = (performance.now() - t0) / 1000;
  await Promise.all(pending);
  return { rate, sent: n, seconds: sentSeconds, lat, errors, all };
}

// ---- live pages ----
class LivePages {
  events = 0;
  private readonly reqs: http.ClientRequest[] = [];
  open(port: number, sessions: Session[], count: number, topics: string) {
    const a = new http.Agent({ keepAlive: false, maxSockets: Infinity });
    for (let i = 0; i < count; i++) {
      const s = sessions[i % sessions.length]!;
      const req = http.get(
        { host: '127.0.0.1', port, path: `/api/events?topics=${topics}`, agent: a, headers: { cookie: s.cookie, accept: 'text/event-stream' } },
        (res) => {
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            for (let k = chunk.indexOf('event: '); k >= 0; k = chunk.indexOf('event: ', k + 7)) this.events++;
          });
          res.on('error', () => undefined);
        },
      );
      req.on('error', () => undefined);
      this.reqs.push(req);
    }
  }
  close() {
    for (const r of this.reqs) r.destroy();
  }
}

async function main() {
  console.log(`bench/mixed: ${machine()}`);
  const b = await benchPlatform('mixed');
  try {
    await run(b);
  } finally {
    for (const c of children) await stop(c);
    agent.destroy();
    if (process.env.BENCH_KEEP) console.log(`kept ${b.url}`);
    else await b.drop();
  }
}

async function run(b: Awaited<ReturnType<typeof benchPlatform>>) {
  const { platform } = b;
  const g0 = Date.now();
  const shape = SHAPES[SCENARIO];
  if (!shape) throw new Error(`unknown scenario ${SCENARIO}`);
  const scen = await generateScenario(platform, shape, { seed: 1, withResidents: true });
  const generated = (Date.now() - g0) / 1000;
  console.log(`${SCENARIO}: ${scen.places} places, ${scen.residents} residents in ${generated.toFixed(1)} s`);
  await platform.db.execute(sql`ANALYZE`);

  // People: hotline desks over a street (department), a repair team, community staff, sign-in users.
  const passwordHash = await hashPassword(PASSWORD);
  const dept = (await queryOne<{ id: number; path: string }>(platform.db, sql`SELECT id, path FROM places WHERE type = 'department' ORDER BY id LIMIT 1`))!;
  const communities = await queryRows<{ id: number }>(
    platform.db,
    sql`SELECT id FROM places WHERE type = 'community' AND path LIKE ${`${dept.path}%`} ORDER BY id LIMIT 20`,
  );
  const mkUser = async (username: string, roles: Role[], placeIds: number[]) =>
    (await insertUser(platform.db, { username, displayName: username, roles, scope: { all: false, placeIds, employerIds: [] }, passwordHash })).id;
  const desks: string[] = [];
  for (let i = 0; i < 8; i++) {
    desks.push(`desk${i}`);
    await mkUser(`desk${i}`, ['property_staff'], [dept.id]);
  }
  const repairers: number[] = [];
  for (let i = 0; i < 24; i++) repairers.push(await mkUser(`repairer${i}`, ['property_staff'], [dept.id]));
  const leader = await mkUser('leader', ['property_staff'], [dept.id]);
  const staff: string[] = [];
  for (const [i, c] of communities.entries()) {
    staff.push(`staff${i}`);
    await mkUser(`staff${i}`, ['community_staff'], [c.id]);
  }
  for (let i = 0; i < 200; i++) await mkUser(`signin${i}`, ['community_staff'], [communities[i % communities.length]!.id]);
  const team = (await queryOne<{ id: number }>(
    platform.db,
    sql`INSERT INTO sd_teams (name, place_id, place_path, leader_user_id) VALUES ('维修队', ${dept.id}, ${dept.path}, ${leader}) RETURNING id`,
  ))!;
  for (const r of repairers) await platform.db.execute(sql`INSERT INTO sd_team_members (team_id, user_id) VALUES (${team.id}, ${r})`);
  const cats: { id: number; kind: string }[] = [];
  for (const code of ['water', 'power', 'heating', 'elevator', 'property_fees']) {
    const row = (await queryOne<{ id: number; kind: string }>(platform.db, sql`SELECT id, kind FROM sd_categories WHERE code = ${code}`))!;
    await platform.db.execute(sql`INSERT INTO sd_category_teams (category_id, team_id) VALUES (${row.id}, ${team.id})`);
    cats.push(row);
  }
  // What each page opens: dwellings of the street, residents of each community.
  const dwellings = (
    await queryRows<{ id: number }>(platform.db, sql`SELECT id FROM places WHERE type = 'dwelling' AND path LIKE ${`${dept.path}%`} ORDER BY id`)
  ).map((r) => r.id);
  const residentsBy: number[][] = [];
  for (const c of communities) {
    const p = (await queryOne<{ path: string }>(platform.db, sql`SELECT path FROM places WHERE id = ${c.id}`))!.path;
    residentsBy.push(
      (await queryRows<{ id: number }>(platform.db, sql`SELECT id FROM residents WHERE place_path LIKE ${`${p}%`} ORDER BY id LIMIT 300`)).map((r) => r.id),
    );
  }
  console.log(`${dwellings.length} dwellings in the street, ${residentsBy.reduce((a, r) => a + r.length, 0)} residents sampled`);

  const env = (port: number, extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_URL: b.url,
    JIAYUAN_SECRET_KEY: platform.config.secretKey!,
    DATA_DIR: platform.config.dataDir,
    JIAYUAN_TRUST_PROXY: 'true',
    JIAYUAN_SIGN_INS_PER_MINUTE: '10000',
    LOG_LEVEL: 'warn',
    ...extra,
  });
  const server = await start(['--import', 'tsx', 'server/src/main.ts'], env(PORT), `http://127.0.0.1:${PORT}/healthz`);
  await start(
    [path.join(root, 'bench/lib/minimal-pg.mjs')],
    { ...process.env, DATABASE_URL: b.url, PORT: String(MIN_PORT) },
    `http://127.0.0.1:${MIN_PORT}/healthz`,
  );

  /** The day's mix against a server on `port`. */
  async function mixOn(port: number) {
    const open = async (names: string[]) => Promise.all(names.map(async (u) => (await signIn(port, u)).session!));
    const deskS = await open(desks);
    const staffS = await open(staff);
    const repairerS = new Map<number, Session>();
    for (const [i, id] of repairers.entries()) repairerS.set(id, (await signIn(port, `repairer${i}`)).session!);
    const rng = new Random(7);
    const received: { id: number; version: number; kind: string }[] = [];
    const dispatched: { id: number; version: number; repairer: number; step: number }[] = [];
    const known: number[] = [];
    const desk = () => deskS[rng.int(0, deskS.length - 1)]!;
    const st = () => rng.int(0, staffS.length - 1);
    const json = (a: Answer) => (a.status < 300 && a.body ? (JSON.parse(a.body) as Record<string, unknown>) : {});
    const create: Op = {
      name: 'servicedesk: file an order',
      run: async () => {
        const cat = cats[rng.int(0, cats.length - 1)]!;
        const r = await call(port, desk(), 'POST', '/api/servicedesk/orders', {
          categoryId: cat.id,
          description: '水管漏水，请尽快处理',
          dwellingId: dwellings[rng.int(0, dwellings.length - 1)],
          callerPhone: `139${String(rng.int(0, 99999999)).padStart(8, '0')}`,
        });
        const o = json(r);
        if (r.status === 201) {
          received.push({ id: o.id as number, version: o.version as number, kind: cat.kind });
          known.push(o.id as number);
        }
        return r.status;
      },
    };
    const ops: [number, Op][] = [
      [14, { name: 'to-do list', run: async () => (await call(port, staffS[st()]!, 'GET', '/api/todos')).status }],
      [8, { name: 'servicedesk: board', run: async () => (await call(port, desk(), 'GET', '/api/servicedesk/board')).status }],
      [
        8,
        {
          name: 'servicedesk: order list, filtered',
          run: async () =>
            (await call(port, desk(), 'GET', `/api/servicedesk/orders?status=open&kind=repair&categoryId=${cats[0]!.id}&page=1&pageSize=20`)).status,
        },
      ],
      [
        10,
        {
          name: 'servicedesk: order detail',
          run: async () =>
            known.length ? (await call(port, desk(), 'GET', `/api/servicedesk/orders/${known[rng.int(0, known.length - 1)]}`)).status : create.run(),
        },
      ],
      [
        10,
        {
          name: 'registry: resident list, filtered',
          run: async () => {
            const i = st();
            return (await call(port, staffS[i]!, 'GET', `/api/residents?placeId=${communities[i]!.id}&sex=female&ageMin=60&page=1&pageSize=20`)).status;
          },
        },
      ],
      [
        10,
        {
          name: 'registry: resident detail',
          run: async () => {
            const i = st();
            const ids = residentsBy[i]!;
            return (await call(port, staffS[i]!, 'GET', `/api/residents/${ids[rng.int(0, ids.length - 1)]}`)).status;
          },
        },
      ],
      [7, { name: 'notifications', run: async () => (await call(port, staffS[st()]!, 'GET', '/api/notifications')).status }],
      [2, { name: 'dashboard', run: async () => (await call(port, staffS[st()]!, 'GET', '/api/dashboard')).status }],
      [12, create],
      [
        18,
        {
          name: 'servicedesk: transition',
          run: async () => {
            // The oldest order waiting for its next step: dispatch (or pause a complaint), accept, arrive, resolve.
            const d = dispatched.shift();
            if (d) {
              const action = (['accept', 'arrive', 'resolve'] as const)[d.step]!;
              const r = await call(port, repairerS.get(d.repairer)!, 'POST', `/api/servicedesk/orders/${d.id}/transitions`, {
                action,
                version: d.version,
                ...(action === 'resolve' ? { firstVisitFix: true, workDone: '更换阀门' } : {}),
              });
              if (r.status === 200 && d.step < 2) dispatched.push({ ...d, version: json(r).version as number, step: d.step + 1 });
              return r.status;
            }
            const o = received.shift();
            if (!o) return create.run();
            if (o.kind !== 'repair')
              return (
                await call(port, desk(), 'POST', `/api/servicedesk/orders/${o.id}/transitions`, {
                  action: 'pause',
                  reason: '等待投诉人回电',
                  version: o.version,
                })
              ).status;
            const repairer = repairers[rng.int(0, repairers.length - 1)]!;
            const r = await call(port, desk(), 'POST', `/api/servicedesk/orders/${o.id}/transitions`, {
              action: 'dispatch',
              assigneeUserId: repairer,
              version: o.version,
            });
            if (r.status === 200) dispatched.push({ id: o.id, version: json(r).version as number, repairer, step: 0 });
            return r.status;
          },
        },
      ],
      [1, { name: 'sign-in', run: async () => (await signIn(port, `signin${rng.int(0, 199)}`)).status }],
    ];
    const total = ops.reduce((a, [w]) => a + w, 0);
    const pick = () => {
      let x = rng.next() * total;
      for (const [w, op] of ops) if ((x -= w) < 0) return op;
      return ops[0]![1];
    };
    return { pick, deskS, staffS, weights: ops.map(([w, op]) => `${op.name} ${((100 * w) / total).toFixed(0)} %`) };
  }

  // ---- 1. The rates, each beside the minimal endpoint ----
  const mix = await mixOn(PORT);
  const pages = new LivePages();
  const deskPages = Math.round(PAGES * 0.05);
  pages.open(PORT, mix.deskS, deskPages, 'servicedesk');
  pages.open(PORT, mix.staffS, PAGES - deskPages, 'servicedesk');
  await sleep(2000);
  console.log(`${PAGES} live pages open`);
  // Warm-up, at a rate the server keeps up with: every route compiled and the caches filled.
  await openLoop(Math.min(50, RATES[0]!), mix.pick);
  const results: { r: RateResult; min: RateResult; events: number; cpu: string }[] = [];
  let saturated: string | null = null;
  for (const rate of RATES) {
    if (saturated) break;
    const e0 = pages.events;
    const meter = cpuMeter(server.pid!);
    const r = await openLoop(rate, mix.pick);
    const cpu = cpuText(meter());
    const events = pages.events - e0;
    const minimal = await openLoop(rate, () => ({
      name: 'minimal insert',
      run: async () => (await send(MIN_PORT, 'POST', '/items', {}, { body: '水管漏水' })).status,
    }));
    results.push({ r, min: minimal, events, cpu });
    // Past the point where answers take seconds, a higher rate only measures the queue.
    const errorShare = [...r.errors.values()].reduce((a, x) => a + x, 0) / r.sent;
    if (quantile(r.all, 0.99) > 5000 || errorShare > 0.05)
      saturated = `${rate.toLocaleString()} requests/s (p99 ${(quantile(r.all, 0.99) / 1000).toFixed(1)} s, ${(100 * errorShare).toFixed(0)} % errors)`;
    console.log(
      `${rate}/s: sent ${r.sent} in ${r.seconds.toFixed(1)} s; p50 ${quantile(r.all, 0.5).toFixed(0)} ms, p99 ${quantile(r.all, 0.99).toFixed(0)} ms; ` +
        `errors ${JSON.stringify(Object.fromEntries(r.errors))}; live events delivered ${events}; minimal p50 ${quantile(minimal.all, 0.5).toFixed(1)} ms p99 ${quantile(minimal.all, 0.99).toFixed(1)} ms; ${cpu}`,
    );
  }
  pages.close();

  // ---- 2. Statements and round trips per request type, on an instance counting them ----
  await start(
    ['--import', 'tsx', 'server/src/main.ts'],
    env(COUNT_PORT, { JIAYUAN_COUNT_STATEMENTS: 'true', JIAYUAN_SCHEDULER: 'false' }),
    `http://127.0.0.1:${COUNT_PORT}/healthz`,
  );
  const counted = await mixOn(COUNT_PORT);
  const scrape = async () => statementsOf((await send(COUNT_PORT, 'GET', '/metrics', {})).body);
  const before = await scrape();
  await openLoop(Math.min(250, RATES[0]!), counted.pick);
  const perRoute = since(await scrape(), before);
  console.log(statementsTable(perRoute));

  const f = (x: number) => (x < 10 ? `${x.toFixed(1)} ms` : `${x.toFixed(0)} ms`);
  const opNames = [...new Set(results.flatMap((x) => [...x.r.lat.keys()]))].sort();
  const at1000 = results.find((x) => x.r.rate === 1000);
  await writeResults(
    'mixed',
    `## bench/mixed — ${new Date().toISOString().slice(0, 10)}

Command: \`${['BENCH_RATES', 'BENCH_SECONDS', 'BENCH_PAGES', 'BENCH_SCENARIO']
      .filter((k) => process.env[k])
      .map((k) => `${k}=${process.env[k]} `)
      .join(
        '',
      )}npm run bench:mixed\` (PostgreSQL on 127.0.0.1; ${machine()}; the API server in its own process, the minimal endpoint in another, the load generator and the ${PAGES.toLocaleString()} live pages in the bench process — all on the same cores as PostgreSQL).

Scenario **${SCENARIO}** (${scen.places.toLocaleString()} places, ${scen.residents.toLocaleString()} residents; generated in ${generated.toFixed(0)} s). One street's hotline (8 desks, a repair team of 24), the staff of its first ${communities.length} communities. **Open loop**: at each rate, request *i* is sent at *t0 + i / rate* for ${SECONDS} s whether or not earlier ones were answered; latency counts from when a request was due, so queueing shows. The mix: ${mix.weights.join(', ')}. A transition is the next step of the oldest order waiting (dispatch or pause, then accept, arrive, resolve by the assigned repairer). ${PAGES.toLocaleString()} pages hold a live-event connection (${deskPages} hotline pages of the whole street, the rest community staff's), joined to the service desk's topic.

| rate (requests/s) | sent | p50 | **p99** | errors | live events delivered | minimal Fastify + pg insert at the same rate: p50 / p99 | CPU during the mix |
|---|---|---|---|---|---|---|---|
${results
  .map(
    ({ r, min, events, cpu }) =>
      `| ${r.rate.toLocaleString()} | ${r.sent.toLocaleString()} | ${f(quantile(r.all, 0.5))} | **${f(quantile(r.all, 0.99))}** | ${r.errors.size ? [...r.errors].map(([k, v]) => `${k}: ${v}`).join(', ') : 'none'} | ${events.toLocaleString()} (${(events / r.seconds).toFixed(0)}/s) | ${f(quantile(min.all, 0.5))} / ${f(quantile(min.all, 0.99))} | ${cpu} |`,
  )
  .join('\n')}

${
  saturated
    ? `Saturated at ${saturated}: the higher rates (${RATES.slice(results.length)
        .map((x) => x.toLocaleString())
        .join(', ')} requests/s) were not run.\n\n`
    : ''
}Goal: p99 ≤ 50 ms at 1,000 requests/s — ${at1000 ? (quantile(at1000.r.all, 0.99) <= 50 ? 'met' : `**not met** (${f(quantile(at1000.r.all, 0.99))})`) : 'not measured'}.

p50 / p99 per operation and rate:

| operation | ${results.map((x) => `${x.r.rate.toLocaleString()}/s`).join(' | ')} |
|---|${results.map(() => '---|').join('')}
${opNames
  .map(
    (op) =>
      `| ${op} | ${results
        .map((x) => {
          const xs = x.r.lat.get(op) ?? [];
          return xs.length ? `${f(quantile(xs, 0.5))} / ${f(quantile(xs, 0.99))}` : '—';
        })
        .join(' | ')} |`,
  )
  .join('\n')}

SQL sent per request type (a second instance with \`JIAYUAN_COUNT_STATEMENTS=true\`, the same mix at ${Math.min(250, RATES[0]!)} requests/s; round trips include BEGIN and COMMIT, each one a wait on the database):

${statementsTable(perRoute)}
`,
  );
  console.log('written to bench/RESULTS.md');
}

await main();
