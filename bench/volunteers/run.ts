// bench/volunteers: the hours ledger and the love bank at a city's scale, on PostgreSQL (issue 13).
//   1,000,000 ledger entries over 20,000 volunteers in 200 communities, 20,000 love-bank accounts with
//   200,000 postings, 50,000 needs; then: a person's statement and balance (goal ≤ 50 ms), the district's
//   needs board and hours figures (goal ≤ 200 ms), and 100 volunteers taking the same 10 needs at once
//   (exactly 10 takers). Beside each, the same pool's round trip for one trivial query (the floor).
//   npm run bench:volunteers   (BENCH_PEOPLE, BENCH_ENTRIES, BENCH_DATABASE_URL)
import { sql } from 'drizzle-orm';
import type { Role } from '@jiayuan/contracts';
import { systemActor, type Actor } from '../../server/src/platform/access/actor.js';
import type { Ctx } from '../../server/src/platform/context.js';
import { queryOne, queryRows } from '../../server/src/platform/db/database.js';
import { isAppError } from '../../server/src/platform/errors/app-error.js';
import { computeFigures } from '../../server/src/platform/figures/figures.registry.js';
import { accountStatement, minutesSummary, myEntries, needsBoard, takeNeed } from '../../server/src/modules/volunteers/index.js';
import { benchPlatform, machine, writeResults } from '../lib/bench-db.js';
import { MODULES } from '../../server/src/modules.js';
import { registerFigures } from '../../server/src/platform/figures/figures.registry.js';
import { localDate } from '../../server/src/platform/time.js';

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 20000);
const ENTRIES = Number(process.env.BENCH_ENTRIES ?? 1000000);
const COMMUNITIES = 200;
const NEEDS = 50000;

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
};
async function timed(n: number, fn: (i: number) => Promise<unknown>) {
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn(i);
    ms.push(performance.now() - t0);
  }
  return { p50: quantile(ms, 0.5), p99: quantile(ms, 0.99) };
}
const f = (x: number) => x.toFixed(1);

const { platform, drop } = await benchPlatform('volunteers');
const db = platform.db;
const sys: Ctx = { platform, actor: systemActor('bench'), origin: { ip: null, channel: 'system', requestId: null }, lang: 'zh-CN' };
for (const m of MODULES) for (const fig of m.figures ?? []) registerFigures(fig);
try {
  const t0 = performance.now();
  // The place tree the records hang on: a centre, a department, 200 communities (one dwelling each for the needs' residents).
  await db.execute(
    sql`INSERT INTO places (id, parent_id, type, name, path, depth) OVERRIDING SYSTEM VALUE VALUES (1, NULL, 'center', '中心', '1.', 0), (2, 1, 'department', '协调部', '1.2.', 1)`,
  );
  await db.execute(sql`INSERT INTO places (id, parent_id, type, name, path, depth) OVERRIDING SYSTEM VALUE
                       SELECT 100 + c, 2, 'community', '社区' || c, '1.2.' || (100 + c) || '.', 2 FROM generate_series(1, ${COMMUNITIES}) c`);
  await db.execute(sql`SELECT setval(pg_get_serial_sequence('places', 'id'), 10000)`);
  // Volunteers (synthetic residents' ids), a year of ledger entries, their love-bank accounts and postings.
  await db.execute(sql`INSERT INTO vol_volunteers (id, resident_id, community_id, place_path, employer_id, service_types) OVERRIDING SYSTEM VALUE
                       SELECT v, 5000000 + v, 100 + (v % ${COMMUNITIES}) + 1, '1.2.' || (100 + (v % ${COMMUNITIES}) + 1) || '.', 1 + v % 66, '{elderCare}'
                       FROM generate_series(1, ${PEOPLE}) v`);
  await db.execute(sql`SELECT setval(pg_get_serial_sequence('vol_volunteers', 'id'), ${PEOPLE + 1})`);
  await db.execute(sql`INSERT INTO vol_teams (name, service_type, place_id, place_path, community_id)
                       SELECT '队' || c, 'shopping', 100 + c, '1.2.' || (100 + c) || '.', 100 + c FROM generate_series(1, ${COMMUNITIES}) c`);
  await db.execute(
    sql`INSERT INTO vol_team_members (team_id, volunteer_id) SELECT t.id, v.id FROM vol_volunteers v JOIN vol_teams t ON t.community_id = v.community_id`,
  );
  const now = platform.clock.now();
  const year = 365 * 86400;
  await db.execute(sql`INSERT INTO vol_hours (volunteer_id, source, source_id, minutes, served_at, status, community_id, place_path, employer_id, verified_at)
                       SELECT 1 + (e % ${PEOPLE}), (ARRAY['need','activity','dispatch','duty'])[1 + e % 4], e, 30 + e % 150,
                              ${now}::timestamptz - make_interval(secs => (e::bigint * 7919) % ${year}),
                              CASE WHEN e % 20 = 0 THEN 'pending' ELSE 'confirmed' END, 100 + ((e % ${PEOPLE}) % ${COMMUNITIES}) + 1,
                              '1.2.' || (100 + ((e % ${PEOPLE}) % ${COMMUNITIES}) + 1) || '.', 1 + (e % ${PEOPLE}) % 66, ${now}
                       FROM generate_series(1, ${ENTRIES}) e`);
  await db.execute(sql`INSERT INTO vol_bank_accounts (kind, resident_id, community_id, place_path, floor)
                       SELECT 'member', 5000000 + v, 100 + (v % ${COMMUNITIES}) + 1, '1.2.' || (100 + (v % ${COMMUNITIES}) + 1) || '.', 0 FROM generate_series(1, ${PEOPLE}) v`);
  await db.execute(sql`INSERT INTO vol_bank_accounts (kind, community_id, place_path, floor)
                       SELECT 'issuance', 100 + c, '1.2.' || (100 + c) || '.', NULL FROM generate_series(1, ${COMMUNITIES}) c`);
  // 200,000 earnings: each a posting with two lines (issuance −, member +), balances kept as the ledger does.
  await db.execute(sql`INSERT INTO vol_bank_postings (id, kind, source_type, source_id, posted_at) OVERRIDING SYSTEM VALUE
                       SELECT p, 'earn', 'hours', p, ${now}::timestamptz - make_interval(secs => (p::bigint * 104729) % ${year}) FROM generate_series(1, ${PEOPLE * 10}) p`);
  await db.execute(sql`SELECT setval(pg_get_serial_sequence('vol_bank_postings', 'id'), ${PEOPLE * 10 + 1})`);
  await db.execute(sql`INSERT INTO vol_bank_lines (posting_id, account_id, amount, balance_after, posted_at)
                       SELECT posting_id, acc, amount, sum(amount) OVER (PARTITION BY acc ORDER BY posted_at, posting_id), posted_at FROM (
                         SELECT p.id AS posting_id, x.acc, x.amount, p.posted_at
                         FROM vol_bank_postings p
                         JOIN vol_bank_accounts a ON a.kind = 'member' AND a.resident_id = 5000000 + 1 + (p.id % ${PEOPLE})
                         JOIN vol_bank_accounts i ON i.kind = 'issuance' AND i.community_id = a.community_id
                         CROSS JOIN LATERAL (VALUES (a.id, 30 + p.id % 90), (i.id, -(30 + p.id % 90))) x(acc, amount)) s`);
  await db.execute(sql`UPDATE vol_bank_accounts a SET balance = coalesce((SELECT sum(amount) FROM vol_bank_lines l WHERE l.account_id = a.id), 0)`);
  // 50,000 needs over the communities (most served), for the board.
  await db.execute(sql`INSERT INTO vol_needs (category, title, resident_id, community_id, place_path, window_start, window_end, takers, status, take_by, created_at, taken_at)
                       SELECT (ARRAY['shopping','medicine','elderCare','cleaning'])[1 + n % 4], '需求' || n, 6000000 + n, 100 + (n % ${COMMUNITIES}) + 1,
                              '1.2.' || (100 + (n % ${COMMUNITIES}) + 1) || '.', ${now}::timestamptz - make_interval(secs => (n * 613) % ${year}),
                              ${now}::timestamptz - make_interval(secs => (n * 613) % ${year}) + interval '2 hours',
                              CASE WHEN n % 10 = 0 THEN 0 ELSE 1 END, CASE WHEN n % 10 = 0 THEN 'open' ELSE 'confirmed' END,
                              ${now}::timestamptz, ${now}::timestamptz - make_interval(secs => (n * 613) % ${year}) - interval '3 hours',
                              CASE WHEN n % 10 = 0 THEN NULL ELSE ${now}::timestamptz - make_interval(secs => (n * 613) % ${year}) - interval '2 hours' END
                       FROM generate_series(1, ${NEEDS}) n`);
  await db.execute(sql`ANALYZE`);
  const loadSeconds = (performance.now() - t0) / 1000;
  const counts = (await queryOne<{ hours: number; lines: number; accounts: number }>(
    db,
    sql`SELECT (SELECT count(*)::int FROM vol_hours) AS hours, (SELECT count(*)::int FROM vol_bank_lines) AS lines, (SELECT count(*)::int FROM vol_bank_accounts WHERE kind = 'member') AS accounts`,
  ))!;

  // A person's statement and balance, as the volunteer's page and the staff's statement page ask for them.
  const ids = Array.from({ length: 200 }, (_, i) => 1 + ((i * 7919) % PEOPLE));
  const accounts = await queryRows<{ id: number }>(db, sql`SELECT id FROM vol_bank_accounts WHERE kind = 'member' ORDER BY id LIMIT 200`);
  const baseline = await timed(200, () => queryOne(db, sql`SELECT 1`));
  const minutes = await timed(200, (i) => minutesSummary(sys, ids[i]!));
  const entries = await timed(200, (i) => myEntries(sys, ids[i]!, { page: 1, pageSize: 20 }));
  const balance = await timed(200, (i) => queryOne(db, sql`SELECT balance, held FROM vol_bank_accounts WHERE id = ${accounts[i]!.id}`));
  const statement = await timed(200, (i) => accountStatement(sys, accounts[i]!.id, Number(localDate(now, 'Asia/Shanghai').slice(0, 4))));

  // The district's needs board and hours figures (a centre coordinator over everything).
  const today = localDate(now, 'Asia/Shanghai');
  const board = await timed(30, () => needsBoard(sys, { page: 1, pageSize: 20, status: 'active' }));
  const boardAll = await timed(30, () => needsBoard(sys, { page: 1, pageSize: 20, status: 'all' }));
  const monthFrom = `${today.slice(0, 7)}-01`;
  const hoursMonth = await timed(20, () => computeFigures(sys, 'volunteers.hours', { from: monthFrom, to: today, groupBy: 'community' }));
  const yearFrom = `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`;
  const hoursYear = await timed(10, () => computeFigures(sys, 'volunteers.hours', { from: yearFrom, to: today, groupBy: 'community' }));
  const needsFig = await timed(10, () => computeFigures(sys, 'volunteers.needs', { from: yearFrom, to: today, groupBy: 'community' }));

  // 100 volunteers of one community taking the same 10 needs at once.
  const community = 101;
  await db.execute(sql`UPDATE vol_volunteers SET community_id = ${community}, place_path = '1.2.101.' WHERE id <= 100`);
  const crowd = await queryRows<{ id: number; resident_id: number }>(
    db,
    sql`SELECT id, resident_id FROM vol_volunteers WHERE community_id = ${community} ORDER BY id LIMIT 100`,
  );
  const needIds: number[] = [];
  const actor = (residentId: number): Actor => ({
    kind: 'user',
    userId: null,
    tokenId: null,
    name: 'bench',
    roles: ['resident' as Role],
    permissions: new Set(),
    scope: { all: false, places: [], employerIds: [] },
    residentId,
    householdId: null,
  });
  for (let i = 0; i < 10; i++) {
    const r = await queryOne<{ id: number }>(
      db,
      sql`INSERT INTO vol_needs (category, title, resident_id, community_id, place_path, window_start, window_end, take_by)
          VALUES ('shopping', '抢单' || ${i}, ${7000000 + i}, ${community}, '1.2.101.', ${new Date(now.getTime() + 3600000)}, ${new Date(now.getTime() + 7200000)}, ${new Date(now.getTime() + 3600000)}) RETURNING id`,
    );
    needIds.push(r!.id);
  }
  const c0 = performance.now();
  const outcomes = await Promise.all(
    crowd.map(async (v, i) => {
      try {
        await takeNeed({ ...sys, actor: actor(v.resident_id) }, needIds[i % 10]!);
        return 'ok';
      } catch (e) {
        return isAppError(e) ? e.code : String(e);
      }
    }),
  );
  const crowdMs = performance.now() - c0;
  const takers = (await queryOne<{ n: number; over: number }>(
    db,
    sql`SELECT count(*)::int AS n, (SELECT count(*)::int FROM vol_needs WHERE id IN (${sql.join(
      needIds.map((i) => sql`${i}`),
      sql`, `,
    )}) AND takers > 1) AS over FROM vol_need_takers WHERE need_id IN (${sql.join(
      needIds.map((i) => sql`${i}`),
      sql`, `,
    )}) AND status = 'taken'`,
  ))!;
  const refused = outcomes.filter((o) => o !== 'ok');

  const md = `## volunteers: the hours ledger and the love bank at a city's scale

\`npm run bench:volunteers\` (BENCH_PEOPLE=${PEOPLE} BENCH_ENTRIES=${ENTRIES}) on ${machine()}, PostgreSQL, ${today}.
${counts.hours.toLocaleString('en')} hours-ledger entries over ${PEOPLE.toLocaleString('en')} volunteers in ${COMMUNITIES} communities (a year, 5 % pending),
${counts.accounts.toLocaleString('en')} love-bank accounts with ${counts.lines.toLocaleString('en')} lines (${(counts.lines / 2).toLocaleString('en')} postings), ${NEEDS.toLocaleString('en')} needs; loaded in ${loadSeconds.toFixed(0)} s.
Each read through the module's own service function, in process, on a pool of 10; beside them the same pool's \`SELECT 1\`.

| | p50 (ms) | p99 (ms) | goal |
|---|---|---|---|
| baseline: \`SELECT 1\` on the same pool | ${f(baseline.p50)} | ${f(baseline.p99)} | |
| a person's minutes (confirmed, pending, this year, this month) | ${f(minutes.p50)} | ${f(minutes.p99)} | ≤ 50 |
| a person's ledger, first page | ${f(entries.p50)} | ${f(entries.p99)} | ≤ 50 |
| a love-bank balance | ${f(balance.p50)} | ${f(balance.p99)} | ≤ 50 |
| a love-bank yearly statement (lines, holds) | ${f(statement.p50)} | ${f(statement.p99)} | ≤ 50 |
| the district's needs board (active, with counts) | ${f(board.p50)} | ${f(board.p99)} | ≤ 200 |
| the district's needs board (all 50,000, with counts) | ${f(boardAll.p50)} | ${f(boardAll.p99)} | ≤ 200 |
| hours figures, the district by community, this month | ${f(hoursMonth.p50)} | ${f(hoursMonth.p99)} | ≤ 200 |
| hours figures, the district by community, a year | ${f(hoursYear.p50)} | ${f(hoursYear.p99)} | ≤ 200 |
| needs figures, the district by community, a year | ${f(needsFig.p50)} | ${f(needsFig.p99)} | ≤ 200 |

- **100 volunteers taking the same 10 needs at once: ${takers.n} takers** (needs with more than one taker: ${takers.over}); ${refused.length} refused
  (${[...new Set(refused)].join(', ') || 'none'}), all answered in ${crowdMs.toFixed(0)} ms.
`;
  console.log(md);
  await writeResults('volunteers', md);
} finally {
  await drop();
}
