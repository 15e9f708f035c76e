// bench/duty: a call-up filled by a crowd, on PostgreSQL (issue 12).
//   Every member of one community (5,938, each with their own session) answers one call-up of 4,669
//   posts over HTTP at once; reports claims/s, p50/p99, the time until every post is filled, and the
//   overfilled shifts and double bookings (both must be 0), beside the minimal Fastify+pg endpoint
//   driven the same way in the same run.
//   npm run bench:duty   (BENCH_MEMBERS, BENCH_POSTS, BENCH_CONNECTIONS, BENCH_DATABASE_URL, BENCH_KEEP;
//   BENCH_SERVER_NODE_ARGS='--cpu-prof --cpu-prof-dir=…' profiles the API server)
import crypto from 'node:crypto';
import http from 'node:http';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { insertUser } from '../../server/src/platform/auth/identity.repository.js';
import { hashPassword } from '../../server/src/platform/auth/passwords.js';
import { queryOne, queryRows } from '../../server/src/platform/db/database.js';
import { generateScenario } from '../../server/src/scenario/generate.js';
import { SHAPES } from '../../server/src/scenario/shapes.js';
import { benchPlatform, machine, writeResults } from '../lib/bench-db.js';
import { cpuMeter, cpuText } from '../lib/cpu.js';

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 5938);
const POSTS = Number(process.env.BENCH_POSTS ?? 4669);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 64);
const PORT = Number(process.env.BENCH_PORT ?? 3223);
const PASSWORD = 'Bench-pass-2026';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
};
const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });

/** One HTTP request on the bench's keep-alive pool (at most CONNECTIONS sockets: the crowd queues for them, as at a gateway). */
function request(port: number, method: string, url: string, headers: Record<string, string>, body?: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path: url,
        agent,
        headers: { ...headers, ...(body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    if (body) req.write(body);
    req.end();
  });
}

async function waitUp(port: number) {
  for (let i = 0; i < 400; i++) {
    try {
      if ((await request(port, 'GET', '/healthz', {})).status === 200) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`nothing answered on port ${port}`);
}

async function stop(child: ChildProcess) {
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
}

/** The same crowd against the minimal endpoint (one INSERT per request): the floor of this machine. */
async function baseline(url: string, n: number) {
  const port = PORT + 50;
  const child = spawn(process.execPath, [path.join(root, 'bench/lib/minimal-pg.mjs')], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    await waitUp(port);
    const t0 = performance.now();
    const ms = await Promise.all(
      Array.from({ length: n }, async () => {
        const s = performance.now();
        await request(port, 'POST', '/items', {}, '{"body":"认领"}');
        return performance.now() - s;
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    return { rate: n / seconds, seconds, p50: quantile(ms, 0.5), p99: quantile(ms, 0.99) };
  } finally {
    await stop(child);
  }
}

async function main() {
  console.log(`bench/duty: ${machine()}; ${MEMBERS} members, ${POSTS} posts, ${CONNECTIONS} connections`);
  const b = await benchPlatform('duty');
  let server: ChildProcess | null = null;
  try {
    const { platform } = b;
    const db = platform.db;
    await generateScenario(platform, SHAPES.wenhui!, { seed: 1, withResidents: false });
    const community = (await queryOne<{ id: number; path: string }>(db, sql`SELECT id, path FROM places WHERE type = 'community' ORDER BY id LIMIT 1`))!;
    const dwellings = await queryRows<{ id: number; path: string }>(
      db,
      sql`SELECT id, path FROM places WHERE type = 'dwelling' AND path LIKE ${`${community.path}%`} ORDER BY id`,
    );
    const buildings = await queryRows<{ id: number; path: string }>(
      db,
      sql`SELECT id, path FROM places WHERE type = 'building' AND path LIKE ${`${community.path}%`} ORDER BY id`,
    );
    console.log(`community ${community.id}: ${dwellings.length} dwellings, ${buildings.length} buildings`);

    // The members: a household and a resident each, confirmed, with a resident's account and a session of their own
    // (written directly: the set-up is not what is measured).
    const t0 = Date.now();
    const homes = Array.from({ length: MEMBERS }, (_, i) => dwellings[i % dwellings.length]!);
    const households = await queryRows<{ id: number; place_path: string }>(
      db,
      sql`INSERT INTO households (dwelling_id, place_path) SELECT * FROM unnest(${`{${homes.map((d) => d.id).join(',')}}`}::bigint[], ${`{${homes.map((d) => `"${d.path}"`).join(',')}}`}::text[]) RETURNING id, place_path`,
    );
    const residents = await queryRows<{ id: number; place_path: string }>(
      db,
      sql`INSERT INTO residents (household_id, place_path, name, tags)
          SELECT h.id, h.place_path, '党员' || row_number() OVER (ORDER BY h.id), '{party_member}' FROM households h WHERE h.id >= ${households[0]!.id} RETURNING id, place_path`,
    );
    await db.execute(
      sql`INSERT INTO duty_members (resident_id, community_id, place_path, status, roles, confirmed_at)
          SELECT id, ${community.id}, place_path, 'confirmed', '{gatekeeper,patrol}', now() FROM residents WHERE id >= ${residents[0]!.id}`,
    );
    await db.execute(
      sql`INSERT INTO users (username, display_name, kind, resident_id, roles) SELECT 'resident-' || id, name, 'resident', id, '{resident}' FROM residents WHERE id >= ${residents[0]!.id}`,
    );
    const users = await queryRows<{ id: number }>(db, sql`SELECT id FROM users WHERE kind = 'resident' ORDER BY id`);
    const tokens = users.map(() => crypto.randomBytes(32).toString('base64url'));
    const csrfs = users.map(() => crypto.randomBytes(24).toString('base64url'));
    await db.execute(
      sql`INSERT INTO sessions (id, user_id, csrf_token, expires_at)
          SELECT * FROM unnest(${`{${tokens.map((t) => crypto.createHash('sha256').update(t).digest('hex')).join(',')}}`}::text[],
                               ${`{${users.map((u) => u.id).join(',')}}`}::bigint[], ${`{${csrfs.join(',')}}`}::text[]), LATERAL (SELECT now() + interval '1 day') e`,
    );
    // The posts: one per building of the community in turn, each an area post.
    const posts = Array.from({ length: POSTS }, (_, i) => buildings[i % buildings.length]!);
    const postIds = (
      await queryRows<{ id: number }>(
        db,
        sql`INSERT INTO duty_posts (place_id, place_path, community_id, kind, name, role)
            SELECT p, pp, ${community.id}, 'area', '岗位' || n, 'gatekeeper'
            FROM unnest(${`{${posts.map((p) => p.id).join(',')}}`}::bigint[], ${`{${posts.map((p) => `"${p.path}"`).join(',')}}`}::text[]) WITH ORDINALITY AS x(p, pp, n) RETURNING id`,
      )
    ).map((r) => Number(r.id));
    await insertUser(db, {
      username: 'whistle',
      displayName: 'whistle',
      roles: ['community_staff'],
      scope: { all: false, placeIds: [community.id], employerIds: [] },
      passwordHash: await hashPassword(PASSWORD),
    });
    console.log(`set-up: ${MEMBERS} members with sessions, ${postIds.length} posts in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

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
    server = spawn(process.execPath, [...(process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? []), '--import', 'tsx', 'server/src/main.ts'], {
      cwd: root,
      env,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    await waitUp(PORT);

    // The community blows the whistle: N = every post, tomorrow morning, answer within the hour.
    const staff = await signedIn();
    const now = Date.now();
    const created0 = performance.now();
    const callUp = await request(
      PORT,
      'POST',
      '/api/duty/call-ups',
      staff,
      JSON.stringify({
        title: '全员吹哨',
        placeId: community.id,
        postIds,
        needed: postIds.length,
        roles: [],
        startsAt: new Date(now + 20 * 3600000).toISOString(),
        endsAt: new Date(now + 28 * 3600000).toISOString(),
        deadline: new Date(now + 3600000).toISOString(),
      }),
    );
    const createMs = performance.now() - created0;
    if (callUp.status !== 201) throw new Error(`call-up: ${callUp.status} ${callUp.text.slice(0, 300)}`);
    const callUpId = JSON.parse(callUp.text).id as number;
    console.log(`call-up ${callUpId} made (${postIds.length} shifts, ${MEMBERS} members notified) in ${createMs.toFixed(0)} ms`);

    // Everyone answers at once.
    const cpu = cpuMeter(server.pid!);
    const ms: number[] = [];
    const outcomes = new Map<string, number>();
    let held = 0;
    let filledAtMs = 0;
    const start = performance.now();
    await Promise.all(
      users.map(async (_, i) => {
        const s = performance.now();
        const r = await request(
          PORT,
          'POST',
          `/api/duty/call-ups/${callUpId}/respond`,
          {
            cookie: `jy_session=${tokens[i]}`,
            'x-csrf-token': csrfs[i]!,
            'x-forwarded-for': `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
          },
          '{}',
        );
        ms.push(performance.now() - s);
        const status =
          r.status === 201 ? (JSON.parse(r.text) as { status: string }).status : `${r.status} ${(JSON.parse(r.text) as { code?: string }).code ?? ''}`;
        outcomes.set(status, (outcomes.get(status) ?? 0) + 1);
        if (status === 'held' && ++held === postIds.length) filledAtMs = performance.now() - start;
      }),
    );
    const seconds = (performance.now() - start) / 1000;
    const used = cpu();

    const over = await queryOne<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM duty_shifts WHERE call_up_id = ${callUpId} AND filled > headcount`);
    const mismatch = await queryOne<{ n: number }>(
      db,
      sql`SELECT count(*)::int AS n FROM duty_shifts s WHERE s.call_up_id = ${callUpId}
          AND s.filled <> (SELECT count(*) FROM duty_claims c WHERE c.shift_id = s.id AND c.status = 'held')`,
    );
    const doubles = await queryOne<{ n: number }>(
      db,
      sql`SELECT count(*)::int AS n FROM (SELECT member_id FROM duty_claims WHERE status IN ('held', 'waiting', 'checkedIn') GROUP BY member_id HAVING count(*) > 1) x`,
    );
    const filled = await queryOne<{ status: string; seconds: number | null }>(
      db,
      sql`SELECT status, extract(epoch FROM filled_at - created_at)::float AS seconds FROM duty_call_ups WHERE id = ${callUpId}`,
    );
    await stop(server);
    server = null;
    const base = await baseline(b.url, MEMBERS);

    const lines = [
      `| | duty (call-up answers) | minimal Fastify+pg INSERT |`,
      `|---|---|---|`,
      `| requests | ${MEMBERS} (one per member, all at once) | ${MEMBERS} |`,
      `| per second | ${(MEMBERS / seconds).toFixed(0)} | ${base.rate.toFixed(0)} |`,
      `| p50 / p99 (ms, from the crowd's start, queueing for ${CONNECTIONS} connections included) | ${quantile(ms, 0.5).toFixed(0)} / ${quantile(ms, 0.99).toFixed(0)} | ${base.p50.toFixed(0)} / ${base.p99.toFixed(0)} |`,
      `| all answered in | ${seconds.toFixed(2)} s | ${base.seconds.toFixed(2)} s |`,
    ];
    const md = `## duty: a call-up answered by every member at once

\`npm run bench:duty\` (BENCH_MEMBERS=${MEMBERS} BENCH_POSTS=${POSTS} BENCH_CONNECTIONS=${CONNECTIONS}) on ${machine()}, PostgreSQL, ${new Date().toISOString().slice(0, 10)}.
One community with ${MEMBERS} confirmed members, each with a session of their own; one call-up of ${postIds.length} posts
(one place each), made through the API in ${createMs.toFixed(0)} ms (its shifts, and ${MEMBERS} members notified). Then every
member answers (\`POST /api/duty/call-ups/:id/respond\`) at once, over at most ${CONNECTIONS} keep-alive connections.

${lines.join('\n')}

- Outcomes: ${[...outcomes.entries()].map(([k, v]) => `${k} ${v}`).join(', ')}.
- **All ${postIds.length} posts filled ${filledAtMs ? `${(filledAtMs / 1000).toFixed(2)} s` : 'never'} after the crowd started** (the call-up's own record: ${filled?.status}, ${filled?.seconds?.toFixed(1) ?? '–'} s from its making, which includes the set-up pause before the crowd).
- **Overfilled shifts: ${over!.n}**; shifts whose count differs from their held claims: ${mismatch!.n}; **members holding two places (double bookings): ${doubles!.n}**.
- CPU during the crowd: ${cpuText(used)}.
`;
    console.log(md);
    await writeResults('duty', md);
  } finally {
    if (server) await stop(server);
    agent.destroy();
    if (process.env.BENCH_KEEP) console.log(`kept ${b.url}`);
    else await b.drop();
  }

  /** The whistle-blower's session: cookie and CSRF header. */
  async function signedIn(): Promise<Record<string, string>> {
    const res = await new Promise<http.IncomingMessage>((resolve, reject) => {
      const body = JSON.stringify({ username: 'whistle', password: PASSWORD });
      const req = http.request(
        {
          host: '127.0.0.1',
          port: PORT,
          method: 'POST',
          path: '/api/auth/login',
          agent,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        resolve,
      );
      req.on('error', reject);
      req.end(body);
    });
    res.resume();
    const cookie = String(res.headers['set-cookie']).split(';')[0]!;
    const me = JSON.parse((await request(PORT, 'GET', '/api/me', { cookie })).text) as { csrfToken: string };
    return { cookie, 'x-csrf-token': me.csrfToken };
  }
}

await main();
