// bench/inbound: 900 return requests through the whole six-step loop on the wenhui scenario, over
// the HTTP API, by 8 concurrent actors — submit, route, approve, notify, notice, scan, check-in
// (which opens home observation) and a first reading. Throughput and p50/p99 per step.
//   npm run bench:inbound   (BENCH_DATABASE_URL defaults to the local PostgreSQL; BENCH_REQUESTS, BENCH_ACTORS)
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { login } from '../../server/src/platform/auth/identity.service.js';
import { insertUser } from '../../server/src/platform/auth/identity.repository.js';
import { hashPassword } from '../../server/src/platform/auth/passwords.js';
import { queryOne, queryRows } from '../../server/src/platform/db/database.js';
import { localDate } from '../../server/src/platform/time.js';
import { generateScenario } from '../../server/src/scenario/generate.js';
import { SHAPES } from '../../server/src/scenario/shapes.js';
import { benchPlatform, machine, writeResults } from '../lib/bench-db.js';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 900);
const ACTORS = Number(process.env.BENCH_ACTORS ?? 8);
const PORT = Number(process.env.BENCH_PORT ?? 3211);
const BASE = `http://127.0.0.1:${PORT}`;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const STEPS = ['submit', 'route', 'approve', 'notified', 'notice', 'scan', 'checkIn', 'reading'] as const;
type Step = (typeof STEPS)[number];

class Session {
  constructor(
    readonly cookie: string,
    readonly csrf: string,
  ) {}
  async call<T>(method: string, p: string, body?: unknown): Promise<T> {
    const res = await fetch(`${BASE}/api${p}`, {
      method,
      headers: { cookie: this.cookie, 'x-csrf-token': this.csrf, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await res.json()) as T;
    if (res.status >= 300) throw new Error(`${method} ${p}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  }
}

function percentile(xs: number[], p: number) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? 0;
}

async function main() {
  console.log(`bench/inbound: ${REQUESTS} requests, ${ACTORS} actors, ${machine()}`);
  const b = await benchPlatform('inbound');
  const { platform } = b;
  let server: ReturnType<typeof spawn> | null = null;
  try {
    const scen = await generateScenario(platform, SHAPES.wenhui!, { seed: 1 });
    console.log(`wenhui: ${scen.residents} residents, ${scen.employers} employers in ${scen.seconds.toFixed(1)} s`);
    const department = (await queryOne<{ id: number }>(platform.db, sql`SELECT id FROM places WHERE type = 'department' LIMIT 1`))!.id;
    const password = 'Bench-pass-123';
    const hash = await hashPassword(password);
    await insertUser(platform.db, {
      username: 'bench-dept',
      displayName: '协调部',
      roles: ['department_coordinator'],
      scope: { all: false, placeIds: [department], employerIds: [] },
      passwordHash: hash,
    });
    await platform.db.execute(sql`UPDATE users SET password_hash = ${hash}`);

    // The API server in its own process, on the same database and key, as in production.
    server = spawn(process.execPath, ['server/dist/main.js'], {
      cwd: root,
      env: {
        ...process.env,
        PORT: String(PORT),
        HOST: '127.0.0.1',
        NODE_ENV: 'production',
        DATABASE_URL: b.url,
        JIAYUAN_SECRET_KEY: platform.config.secretKey!,
        JIAYUAN_SCHEDULER: 'false',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`${BASE}/healthz`)).ok) break;
      } catch {
        /* starting */
      }
      if (i > 200) throw new Error('the server did not start');
      await new Promise((r) => setTimeout(r, 250));
    }

    // Sessions (signed in through the identity service: the HTTP sign-in is rate-limited per address).
    const sessions = new Map<string, Session>();
    const sessionOf = async (username: string) => {
      let s = sessions.get(username);
      if (!s) {
        const signed = await login(platform, { username, password }, { ip: '127.0.0.1', channel: 'web', requestId: null }, 'bench');
        const cookie = `jy_session=${signed.token}`;
        const me = (await (await fetch(`${BASE}/api/me`, { headers: { cookie } })).json()) as { csrfToken: string };
        s = new Session(cookie, me.csrfToken);
        sessions.set(username, s);
      }
      return s;
    };
    const staffOf = new Map(
      (
        await queryRows<{ community_id: number; username: string; role: string }>(
          platform.db,
          sql`SELECT (scope->'placeIds'->>0)::bigint AS community_id, username, roles[1] AS role FROM users WHERE roles && ARRAY['community_staff', 'health_worker']::text[] ORDER BY username`,
        )
      ).map((u) => [`${u.community_id}:${u.role}`, u.username]),
    );
    const liaisonOf = new Map(
      (
        await queryRows<{ employer_id: number; username: string }>(
          platform.db,
          sql`SELECT (scope->'employerIds'->>0)::bigint AS employer_id, username FROM users WHERE 'employer_liaison' = ANY(roles)`,
        )
      ).map((u) => [u.employer_id, u.username]),
    );
    // 900 employees spread over the 66 employers, as in seed 000.
    const people = await queryRows<{ id: number; employer_id: number }>(
      platform.db,
      sql`SELECT id, employer_id FROM (SELECT id, employer_id, row_number() OVER (PARTITION BY employer_id ORDER BY id) AS n FROM residents WHERE employer_id IS NOT NULL) x
          ORDER BY n, employer_id LIMIT ${REQUESTS}`,
    );
    const today = localDate(new Date(), 'Asia/Shanghai');
    const coordinator = await sessionOf('bench-dept');

    const times: Record<Step, number[]> = Object.fromEntries(STEPS.map((s) => [s, []])) as never;
    const timed = async <T>(step: Step, f: () => Promise<T>): Promise<T> => {
      const t0 = performance.now();
      const out = await f();
      times[step].push(performance.now() - t0);
      return out;
    };
    type R = { id: number; version: number; communityId: number; observationCaseId: number | null };
    let next = 0;
    let failures = 0;
    const started = performance.now();
    const actor = async () => {
      for (;;) {
        const p = people[next++];
        if (!p) return;
        try {
          const liaison = await sessionOf(liaisonOf.get(p.employer_id)!);
          let r = await timed('submit', () =>
            liaison.call<R>('POST', '/inbound/requests', {
              residentId: p.id,
              fromCity: '河南濮阳',
              fromRisk: 'low',
              plannedArrival: today,
              health: { symptoms: [], contactWithCase: false },
            }),
          );
          r = await timed('route', () => coordinator.call<R>('POST', `/inbound/requests/${r.id}/route`, { version: r.version }));
          const staff = await sessionOf(staffOf.get(`${r.communityId}:community_staff`)!);
          r = await timed('approve', () =>
            staff.call<R>('POST', `/inbound/requests/${r.id}/approve`, { measure: { kind: 'home_observation', days: 14 }, version: r.version }),
          );
          r = await timed('notified', () => liaison.call<R>('POST', `/inbound/requests/${r.id}/notified`, { version: r.version }));
          const notice = await timed('notice', () => liaison.call<{ token: string }>('GET', `/inbound/requests/${r.id}/notice`));
          await timed('scan', () => staff.call('POST', '/inbound/scan', { token: notice.token }));
          r = await timed('checkIn', () => staff.call<R>('POST', `/inbound/requests/${r.id}/check-in`, { method: 'scan', version: r.version }));
          const health = await sessionOf(staffOf.get(`${r.communityId}:health_worker`)!);
          await timed('reading', () => health.call('POST', `/observation/cases/${r.observationCaseId}/readings`, { temperature: 36.5 }));
        } catch (err) {
          failures++;
          console.error(String(err).slice(0, 300));
        }
      }
    };
    await Promise.all(Array.from({ length: ACTORS }, actor));
    const seconds = (performance.now() - started) / 1000;
    const calls = STEPS.reduce((n, s) => n + times[s].length, 0);
    const done = times.reading.length;
    const cases = (await queryOne<{ n: number }>(platform.db, sql`SELECT count(*)::int AS n FROM observation_cases`))!.n;
    const fig = await queryOne<{ median: number; p90: number; within: number }>(
      platform.db,
      sql`SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM decided_at - submitted_at)) AS median,
                 percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM decided_at - submitted_at)) AS p90,
                 avg((decided_at - submitted_at <= interval '1 hour')::int) AS within FROM inbound_requests WHERE decided_at IS NOT NULL`,
    );
    console.log(
      `${done} requests through the loop in ${seconds.toFixed(1)} s (${(done / seconds).toFixed(1)}/s, ${(calls / seconds).toFixed(0)} API calls/s), ${failures} failures, ${cases} observation cases`,
    );
    const rows = STEPS.map(
      (s) =>
        `| ${s} | ${times[s].length} | ${percentile(times[s], 50).toFixed(1)} | ${percentile(times[s], 99).toFixed(1)} | ${Math.max(...times[s]).toFixed(1)} |`,
    );
    for (const r of rows) console.log(r);
    await writeResults(
      'inbound',
      `## bench/inbound — ${today}

Command: \`npm run bench:inbound\` (PostgreSQL on 127.0.0.1; ${machine()}; the API server in its own Node process, the load generator in another)

The \`wenhui\` scenario (${scen.residents.toLocaleString('en')} residents, ${scen.employers} employer units), then ${REQUESTS} return requests of employees of
the 66 units taken through the whole loop over HTTP by ${ACTORS} concurrent actors, each request end to end by its own
parties' sessions: the liaison submits, the department routes, the committee approves (14 days of home observation), the
liaison marks the person notified and fetches the notice (signing its QR pass), the committee verifies the scanned pass and
checks the person in (which opens the observation case, its slots and to-dos), the health worker records a reading.

| what | figure |
|---|---|
| requests through the whole loop | **${done} in ${seconds.toFixed(1)} s = ${(done / seconds).toFixed(1)} requests/s** (${(calls / seconds).toFixed(0)} API calls/s, ${failures} failures) |
| observation cases opened | ${cases} |
| submit → decision in the data (bench pace) | median ${fig!.median.toFixed(2)} s, p90 ${fig!.p90.toFixed(2)} s, ${(fig!.within * 100).toFixed(1)} % within an hour |

Latency per step, as the actors saw it (ms):

| step | calls | p50 | p99 | max |
|---|---|---|---|---|
${rows.join('\n')}
`,
    );
  } finally {
    server?.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    await b.drop();
  }
}

await main();
