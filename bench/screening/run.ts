// bench/screening: door-to-door visits synced from phones through the HTTP API on PostgreSQL,
// on the wenhui scenario (one department, 12 communities, ~30,000 households). Goal ≥ 2,000 visits/s.
//   npm run bench:screening   (BENCH_DATABASE_URL defaults to the local PostgreSQL)
import crypto from 'node:crypto';
import { DEFAULT_QUESTIONS } from '@jiayuan/contracts';
import { sql } from 'drizzle-orm';
import { buildApp } from '../../server/src/app.js';
import { insertUser } from '../../server/src/platform/auth/identity.repository.js';
import { hashPassword } from '../../server/src/platform/auth/passwords.js';
import { queryOne, queryRows } from '../../server/src/platform/db/database.js';
import { localDate } from '../../server/src/platform/time.js';
import { generateScenario } from '../../server/src/scenario/generate.js';
import { SHAPES } from '../../server/src/scenario/shapes.js';
import { benchPlatform, machine, writeResults } from '../lib/bench-db.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const BATCH = Number(process.env.BENCH_BATCH ?? 50);
const PASSWORD = 'Bench-password-1';

interface Session {
  cookie: string;
  csrf: string;
}

async function signIn(base: string, username: string): Promise<Session> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`sign-in ${username}: ${res.status} ${await res.text()}`);
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  const me = (await (await fetch(`${base}/api/me`, { headers: { cookie } })).json()) as { csrfToken: string };
  return { cookie, csrf: me.csrfToken };
}

async function call(base: string, s: Session, method: string, path: string, body?: string) {
  const res = await fetch(`${base}/api${path}`, {
    method,
    headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body } : {}),
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
  return JSON.parse(text) as Record<string, unknown>;
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))] ?? 0;

async function main() {
  console.log(`bench/screening: wenhui, ${ROUNDS} rounds, batches of ${BATCH}, ${machine()}`);
  const b = await benchPlatform('screening');
  const { platform } = b;
  const scen = await generateScenario(platform, SHAPES.wenhui!, { seed: 1 });
  console.log(`wenhui generated: ${scen.households} households, ${scen.residents} residents in ${scen.seconds.toFixed(1)} s`);

  const app = await buildApp(platform, { serveWeb: false });
  const base = (await app.listen({ port: 0, host: '127.0.0.1' })).replace('localhost', '127.0.0.1');

  // One coordinator for the department; one visitor per community (station staff: they visit any
  // household of their community), each syncing from their own phone at the same time.
  const hash = await hashPassword(PASSWORD);
  const department = (await queryOne<{ id: number }>(platform.db, sql`SELECT id FROM places WHERE type = 'department' LIMIT 1`))!.id;
  const communities = await queryRows<{ id: number; name: string }>(platform.db, sql`SELECT id, name FROM places WHERE type = 'community' ORDER BY id`);
  await insertUser(platform.db, {
    username: 'bench-coord',
    displayName: '数据专班',
    roles: ['department_coordinator'],
    scope: { all: false, placeIds: [department], employerIds: [] },
    passwordHash: hash,
  });
  for (const c of communities) {
    await insertUser(platform.db, {
      username: `bench-visitor-${c.id}`,
      displayName: `走访员${c.id}`,
      roles: ['station_staff'],
      scope: { all: false, placeIds: [c.id], employerIds: [] },
      passwordHash: hash,
    });
  }
  const coord = await signIn(base, 'bench-coord');
  const visitors = await Promise.all(communities.map(async (c) => ({ community: c.id, session: await signIn(base, `bench-visitor-${c.id}`) })));

  const today = localDate(platform.clock.now(), platform.config.timezone);
  const campaign = await call(
    base,
    coord,
    'POST',
    '/screening/campaigns',
    JSON.stringify({ name: '入户摸排基准', placeIds: [department], questions: DEFAULT_QUESTIONS, startsOn: today, endsOn: today }),
  );
  await call(base, coord, 'POST', `/screening/campaigns/${campaign.id}/start`);

  // Every household with its members, per community (what each visitor's phone holds).
  const households = await queryRows<{ id: number; community: number; members: number[] }>(
    platform.db,
    sql`SELECT h.id, split_part(h.place_path, '.', 3)::bigint AS community, array_agg(r.id ORDER BY r.id) AS members
        FROM households h JOIN residents r ON r.household_id = h.id GROUP BY h.id ORDER BY h.id`,
  );

  const rng = (() => {
    let x = 42;
    return () => (x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  })();
  const answers = () => {
    const roll = rng();
    if (roll < 0.01) return { returned: false, symptoms: true, temperature: 37.9 };
    if (roll < 0.03) return { returned: true, returnedFrom: '湖北武汉', returnedRisk: 'high', returnedOn: today, symptoms: false, temperature: 36.6 };
    return { returned: false, symptoms: false, temperature: Math.round((36 + rng()) * 10) / 10 };
  };
  /** A round's batches per visitor, as JSON bodies made before the clock starts. */
  const makeRound = (round: number) => {
    const out = new Map<number, { body: string; visits: number; persons: number }[]>();
    for (const v of visitors) {
      const mine = households.filter((h) => h.community === v.community);
      const batches: { body: string; visits: number; persons: number }[] = [];
      for (let i = 0; i < mine.length; i += BATCH) {
        let persons = 0;
        const visits = mine.slice(i, i + BATCH).map((h) => {
          const roll = rng();
          const outcome = roll < 0.9 ? 'visited' : roll < 0.96 ? 'nobody_home' : roll < 0.98 ? 'refused' : 'revisit';
          const ps = outcome === 'visited' ? h.members.map((residentId) => ({ residentId, present: rng() < 0.9, answers: answers() })) : [];
          for (const p of ps) if (!p.present) p.answers = {} as ReturnType<typeof answers>;
          persons += ps.length;
          return { id: crypto.randomUUID(), campaignId: campaign.id, householdId: h.id, round, outcome, visitedAt: new Date().toISOString(), persons: ps };
        });
        batches.push({ body: JSON.stringify({ visits }), visits: visits.length, persons });
      }
      out.set(v.community, batches);
    }
    return out;
  };

  const rounds: { visits: number; persons: number; seconds: number; latencies: number[]; stored: number }[] = [];
  let lastRound: Map<number, { body: string; visits: number; persons: number }[]> | null = null;
  for (let round = 1; round <= ROUNDS; round++) {
    if (round > 1) await call(base, coord, 'POST', `/screening/campaigns/${campaign.id}/rounds`);
    const plan = makeRound(round);
    lastRound = plan;
    const latencies: number[] = [];
    let stored = 0;
    const t0 = performance.now();
    await Promise.all(
      visitors.map(async (v) => {
        for (const batch of plan.get(v.community)!) {
          const t = performance.now();
          const res = await call(base, v.session, 'POST', '/screening/sync', batch.body);
          latencies.push(performance.now() - t);
          stored += res.stored as number;
          if ((res.rejected as number) > 0) throw new Error(`rejected: ${JSON.stringify((res.results as unknown[]).slice(0, 2))}`);
        }
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    const all = [...plan.values()].flat();
    const visits = all.reduce((n, x) => n + x.visits, 0);
    const persons = all.reduce((n, x) => n + x.persons, 0);
    rounds.push({ visits, persons, seconds, latencies, stored });
    console.log(
      `round ${round}: ${visits} visits (${persons} persons) in ${seconds.toFixed(1)} s = ${Math.round(visits / seconds)} visits/s; p50 ${pct(latencies, 50).toFixed(0)} ms, p99 ${pct(latencies, 99).toFixed(0)} ms per batch`,
    );
    if (stored !== visits) throw new Error(`stored ${stored} of ${visits}`);
  }

  // The last round sent again by every phone (answers lost): nothing new may be stored.
  const t1 = performance.now();
  let resentStored = 0;
  await Promise.all(
    visitors.map(async (v) => {
      for (const batch of lastRound!.get(v.community)!) resentStored += (await call(base, v.session, 'POST', '/screening/sync', batch.body)).stored as number;
    }),
  );
  const resendS = (performance.now() - t1) / 1000;
  const resent = rounds.at(-1)!.visits;
  const count = (await queryOne<{ n: number }>(platform.db, sql`SELECT count(*)::int AS n FROM screening_visits`))!.n;
  console.log(
    `resent ${resent} visits in ${resendS.toFixed(1)} s (${Math.round(resent / resendS)} visits/s), stored again: ${resentStored}; visits in table: ${count}`,
  );
  if (resentStored !== 0) throw new Error('a resent visit was stored twice');

  // The coordinator's coverage page: communities, then one community's buildings.
  const coverageMs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    await call(base, coord, 'GET', `/screening/campaigns/${campaign.id}/coverage?level=community`);
    coverageMs.push(performance.now() - t);
  }
  const buildingMs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    await call(base, coord, 'GET', `/screening/campaigns/${campaign.id}/coverage?level=building&placeId=${communities[0]!.id}`);
    buildingMs.push(performance.now() - t);
  }
  const cov = (await call(base, coord, 'GET', `/screening/campaigns/${campaign.id}/coverage?level=community&round=1`)) as {
    allRounds: { householdVisits: number; personVisits: number };
  };
  await app.close();
  await b.drop();

  const visits = rounds.reduce((n, r) => n + r.visits, 0);
  const persons = rounds.reduce((n, r) => n + r.persons, 0);
  const seconds = rounds.reduce((n, r) => n + r.seconds, 0);
  const latencies = rounds.flatMap((r) => r.latencies);
  const rate = visits / seconds;
  await writeResults(
    'screening',
    `## bench/screening — ${new Date().toISOString().slice(0, 10)}

Command: \`npm run bench:screening\` (PostgreSQL on 127.0.0.1; ${machine()}; server, PostgreSQL and the ${visitors.length} simulated phones share the machine)

The \`wenhui\` scenario (${scen.households.toLocaleString()} households, ${scen.residents.toLocaleString()} residents, 12 communities). One campaign
over the department with the six standard questions; ${visitors.length} visitors (one per community, each
signed in with their own session) sync at the same time through \`POST /api/screening/sync\`, in
batches of ${BATCH} visits, ${ROUNDS} rounds over every household (the seed's 82,887 household visits and
224,592 person visits are about three rounds). 90 % visited, the rest nobody home / refused /
revisit; ~1 % of people with a fever, ~2 % back from a risk area.

| what | figure |
|---|---|
| visits ingested through the HTTP sync API | **${Math.round(rate).toLocaleString()} visits/s** (goal ≥ 2,000: ${rate >= 2000 ? 'met' : '**not met**'}) |
| — ${ROUNDS} rounds | ${visits.toLocaleString()} household visits, ${persons.toLocaleString()} person visits in ${seconds.toFixed(1)} s (${Math.round(persons / seconds).toLocaleString()} persons/s) |
| — per round | ${rounds.map((r) => `${Math.round(r.visits / r.seconds).toLocaleString()}`).join(' / ')} visits/s |
| — one batch of ${BATCH}, end to end | p50 ${pct(latencies, 50).toFixed(0)} ms, p99 ${pct(latencies, 99).toFixed(0)} ms |
| the last round sent again by every phone (idempotent: ${resentStored} stored twice) | ${Math.round(resent / resendS).toLocaleString()} visits/s |
| coverage page: 12 communities over ${count.toLocaleString()} visits (household visits of all rounds: ${cov.allRounds.householdVisits.toLocaleString()}) | p50 ${pct(coverageMs, 50).toFixed(0)} ms |
| coverage page: one community's buildings | p50 ${pct(buildingMs, 50).toFixed(0)} ms |

What one batch does: authenticate the session, read the campaign (shared lock), the households
and their members, validate every answer against the question set, insert visits with
\`ON CONFLICT (id) DO NOTHING\` (the phone's UUID makes a resend harmless), persons, findings with
their duties and the health worker's alert, one audit row for the batch, and a live
\`screening.coverage\` event per community, all in one transaction.
`,
  );
}

await main();
