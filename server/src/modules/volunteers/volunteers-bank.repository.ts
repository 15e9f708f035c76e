import { sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../platform/access/actor.js';
import { scopeWhere } from '../../platform/access/scope-sql.js';
import type { Executor } from '../../platform/db/database.js';
import { sqlOne, sqlRows } from './volunteers.sql.js';

/**
 * The love bank's SQL. Balances move only here, each by one conditional UPDATE that refuses to take
 * `balance − held` below the account's floor (the table's CHECK is the same rule, for any other path).
 */

export interface AccountRow {
  id: number;
  kind: 'member' | 'pool' | 'issuance' | 'redeemed';
  residentId: number | null;
  communityId: number;
  placePath: string;
  balance: number;
  held: number;
  floor: number | null;
}
const ACC = sql.raw(
  `a.id, a.kind, a.resident_id AS "residentId", a.community_id AS "communityId", a.place_path AS "placePath", a.balance::bigint::float8 AS balance, a.held::float8 AS held, a.floor::float8 AS floor`,
);

export async function findAccount(ex: Executor, id: number, lock = false): Promise<AccountRow | undefined> {
  return sqlOne<AccountRow>(ex, sql`SELECT ${ACC} FROM vol_bank_accounts a WHERE a.id = ${id} ${lock ? sql`FOR UPDATE` : sql``}`);
}

export async function accountOfResident(ex: Executor, residentId: number): Promise<AccountRow | undefined> {
  return sqlOne<AccountRow>(ex, sql`SELECT ${ACC} FROM vol_bank_accounts a WHERE a.resident_id = ${residentId}`);
}

/** A member's account, opened on first use (answers whether it was opened now). */
export async function ensureMemberAccount(ex: Executor, residentId: number, communityId: number, placePath: string) {
  const made = await sqlOne<{ id: number }>(
    ex,
    sql`INSERT INTO vol_bank_accounts (kind, resident_id, community_id, place_path, floor) VALUES ('member', ${residentId}, ${communityId}, ${placePath}, 0)
        ON CONFLICT (resident_id) DO NOTHING RETURNING id`,
  );
  return { account: (await accountOfResident(ex, residentId))!, opened: made !== undefined };
}

/** A community's pool, issuance or redeemed account, opened on first use (issuance alone has no floor: minutes come from it). */
export async function ensureCommunityAccount(
  ex: Executor,
  communityId: number,
  placePath: string,
  kind: 'pool' | 'issuance' | 'redeemed',
): Promise<AccountRow> {
  await ex.execute(
    sql`INSERT INTO vol_bank_accounts (kind, community_id, place_path, floor) VALUES (${kind}, ${communityId}, ${placePath}, ${kind === 'issuance' ? null : 0})
        ON CONFLICT (community_id, kind) WHERE kind <> 'member' DO NOTHING`,
  );
  return (await sqlOne<AccountRow>(ex, sql`SELECT ${ACC} FROM vol_bank_accounts a WHERE a.community_id = ${communityId} AND a.kind = ${kind}`))!;
}

export interface PostingRow {
  id: number;
  kind: string;
  sourceType: string | null;
  sourceId: number | null;
  reversesId: number | null;
  memo: string | null;
  postedAt: Date;
}
const POST = sql.raw(
  `p.id, p.kind, p.source_type AS "sourceType", p.source_id AS "sourceId", p.reverses_id AS "reversesId", p.memo, p.posted_at AS "postedAt"`,
);

export async function findPosting(ex: Executor, id: number): Promise<PostingRow | undefined> {
  return sqlOne<PostingRow>(ex, sql`SELECT ${POST} FROM vol_bank_postings p WHERE p.id = ${id}`);
}
export async function postingOfSource(ex: Executor, sourceType: string, sourceId: number): Promise<PostingRow | undefined> {
  return sqlOne<PostingRow>(ex, sql`SELECT ${POST} FROM vol_bank_postings p WHERE p.source_type = ${sourceType} AND p.source_id = ${sourceId}`);
}
export async function reversalOf(ex: Executor, id: number): Promise<PostingRow | undefined> {
  return sqlOne<PostingRow>(ex, sql`SELECT ${POST} FROM vol_bank_postings p WHERE p.reverses_id = ${id}`);
}
export async function linesOfPostings(ex: Executor, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return sqlRows<{ postingId: number; accountId: number; amount: number }>(
    ex,
    sql`SELECT posting_id AS "postingId", account_id AS "accountId", amount::float8 AS amount FROM vol_bank_lines
        WHERE posting_id IN (${sql.join(
          ids.map((i) => sql`${i}`),
          sql`, `,
        )}) ORDER BY id`,
  );
}

/** Posting header; undefined when one for the same source is there already (posting it twice changes nothing). */
export async function insertPosting(
  ex: Executor,
  p: { kind: string; sourceType: string | null; sourceId: number | null; reversesId: number | null; memo: string | null; createdBy: number | null; at: Date },
): Promise<PostingRow | undefined> {
  return sqlOne<PostingRow>(
    ex,
    sql`INSERT INTO vol_bank_postings AS p (kind, source_type, source_id, reverses_id, memo, created_by, posted_at)
        VALUES (${p.kind}, ${p.sourceType}, ${p.sourceId}, ${p.reversesId}, ${p.memo}, ${p.createdBy}, ${p.at})
        ON CONFLICT (source_type, source_id) WHERE source_type IS NOT NULL DO NOTHING
        RETURNING ${POST}`,
  );
}

/**
 * Moves an account's balance by `amount` and writes the line, unless that would take what is
 * available below the floor: then nothing is written and undefined is answered.
 */
export async function applyLine(ex: Executor, postingId: number, accountId: number, amount: number, at: Date): Promise<number | undefined> {
  const row = await sqlOne<{ balance: number }>(
    ex,
    sql`UPDATE vol_bank_accounts SET balance = balance + ${amount}
        WHERE id = ${accountId} AND (${amount} > 0 OR floor IS NULL OR balance + ${amount} - held >= floor)
        RETURNING balance::float8 AS balance`,
  );
  if (!row) return undefined;
  await ex.execute(
    sql`INSERT INTO vol_bank_lines (posting_id, account_id, amount, balance_after, posted_at) VALUES (${postingId}, ${accountId}, ${amount}, ${row.balance}, ${at})`,
  );
  return row.balance;
}

/** Holds minutes unless that would take what is available below the floor (undefined then). */
export async function holdMinutes(ex: Executor, accountId: number, minutes: number): Promise<AccountRow | undefined> {
  return sqlOne<AccountRow>(
    ex,
    sql`UPDATE vol_bank_accounts a SET held = held + ${minutes}
        WHERE id = ${accountId} AND (floor IS NULL OR balance - held - ${minutes} >= floor) RETURNING ${ACC}`,
  );
}

export async function unholdMinutes(ex: Executor, accountId: number, minutes: number): Promise<void> {
  await ex.execute(sql`UPDATE vol_bank_accounts SET held = held - ${minutes} WHERE id = ${accountId}`);
}

export interface HoldRow {
  id: number;
  accountId: number;
  minutes: number;
  status: 'held' | 'settled' | 'released' | 'expired';
  needId: number | null;
  expiresAt: Date;
  createdAt: Date;
  closedAt: Date | null;
  postingId: number | null;
}
const HOLD = sql.raw(
  `h.id, h.account_id AS "accountId", h.minutes, h.status, h.need_id AS "needId", h.expires_at AS "expiresAt", h.created_at AS "createdAt", h.closed_at AS "closedAt", h.posting_id AS "postingId"`,
);

export async function insertHold(
  ex: Executor,
  h: { accountId: number; minutes: number; needId: number | null; requestedBy: number | null; expiresAt: Date; at: Date },
) {
  return (await sqlOne<HoldRow>(
    ex,
    sql`INSERT INTO vol_bank_holds AS h (account_id, minutes, need_id, requested_by, expires_at, created_at)
        VALUES (${h.accountId}, ${h.minutes}, ${h.needId}, ${h.requestedBy}, ${h.expiresAt}, ${h.at}) RETURNING ${HOLD}`,
  ))!;
}

export async function setHoldNeed(ex: Executor, holdId: number, needId: number) {
  await ex.execute(sql`UPDATE vol_bank_holds SET need_id = ${needId} WHERE id = ${holdId}`);
}

/** Closes an open hold (held → settled / released / expired); undefined when it was not open any more. */
export async function closeHold(ex: Executor, id: number, status: 'settled' | 'released' | 'expired', at: Date): Promise<HoldRow | undefined> {
  return sqlOne<HoldRow>(ex, sql`UPDATE vol_bank_holds h SET status = ${status}, closed_at = ${at} WHERE id = ${id} AND status = 'held' RETURNING ${HOLD}`);
}

export async function setHoldPosting(ex: Executor, id: number, postingId: number) {
  await ex.execute(sql`UPDATE vol_bank_holds SET posting_id = ${postingId} WHERE id = ${id}`);
}

export async function findHold(ex: Executor, id: number): Promise<HoldRow | undefined> {
  return sqlOne<HoldRow>(ex, sql`SELECT ${HOLD} FROM vol_bank_holds h WHERE h.id = ${id}`);
}

export async function holdsOf(ex: Executor, accountId: number, onlyOpen: boolean, since?: Date): Promise<HoldRow[]> {
  return sqlRows<HoldRow>(
    ex,
    sql`SELECT ${HOLD} FROM vol_bank_holds h WHERE h.account_id = ${accountId} ${onlyOpen ? sql`AND h.status = 'held'` : sql``}
        ${since ? sql`AND (h.status = 'held' OR h.created_at >= ${since})` : sql``} ORDER BY h.id DESC LIMIT 200`,
  );
}

export async function expiredHolds(ex: Executor, now: Date, limit: number): Promise<number[]> {
  const rows = await sqlRows<{ id: number }>(
    ex,
    sql`SELECT id FROM vol_bank_holds WHERE status = 'held' AND expires_at <= ${now} ORDER BY expires_at LIMIT ${limit}`,
  );
  return rows.map((r) => Number(r.id));
}

export async function addDelegate(ex: Executor, accountId: number, residentId: number) {
  await ex.execute(sql`INSERT INTO vol_bank_delegates (account_id, resident_id) VALUES (${accountId}, ${residentId}) ON CONFLICT DO NOTHING`);
}
export async function delegatesOf(ex: Executor, accountIds: readonly number[]) {
  if (accountIds.length === 0) return [];
  return sqlRows<{ accountId: number; residentId: number }>(
    ex,
    sql`SELECT account_id AS "accountId", resident_id AS "residentId" FROM vol_bank_delegates WHERE account_id IN (${sql.join(
      accountIds.map((i) => sql`${i}`),
      sql`, `,
    )})`,
  );
}
/** The accounts this resident was named on (they may spend for those members). */
export async function accountsDelegatedTo(ex: Executor, residentId: number): Promise<AccountRow[]> {
  return sqlRows<AccountRow>(
    ex,
    sql`SELECT ${ACC} FROM vol_bank_accounts a JOIN vol_bank_delegates d ON d.account_id = a.id WHERE d.resident_id = ${residentId} ORDER BY a.id`,
  );
}
export async function isDelegate(ex: Executor, accountId: number, residentId: number): Promise<boolean> {
  return (await sqlOne(ex, sql`SELECT 1 FROM vol_bank_delegates WHERE account_id = ${accountId} AND resident_id = ${residentId}`)) !== undefined;
}

export async function listAccounts(
  ex: Executor,
  actor: Actor,
  f: { communityId?: number | undefined; kind?: string | undefined },
  limit: number,
  offset: number,
) {
  const conds: SQL[] = [scopeWhere(actor, { path: sql`a.place_path` })];
  if (f.communityId) conds.push(sql`a.community_id = ${f.communityId}`);
  if (f.kind) conds.push(sql`a.kind = ${f.kind}`);
  const where = sql.join(conds, sql` AND `);
  const rows = await sqlRows<AccountRow>(ex, sql`SELECT ${ACC} FROM vol_bank_accounts a WHERE ${where} ORDER BY a.id LIMIT ${limit} OFFSET ${offset}`);
  const total = (await sqlOne<{ n: number }>(ex, sql`SELECT count(*)::int AS n FROM vol_bank_accounts a WHERE ${where}`))!.n;
  return { rows, total };
}

export async function findAccountInScope(ex: Executor, actor: Actor, id: number): Promise<AccountRow | undefined> {
  return sqlOne<AccountRow>(ex, sql`SELECT ${ACC} FROM vol_bank_accounts a WHERE a.id = ${id} AND ${scopeWhere(actor, { path: sql`a.place_path` })}`);
}

/** An account's lines over a period, with their postings, and its balance before the period. */
export async function statementLines(ex: Executor, accountId: number, from: Date, to: Date) {
  const opening = await sqlOne<{ b: number }>(
    ex,
    sql`SELECT balance_after::float8 AS b FROM vol_bank_lines WHERE account_id = ${accountId} AND posted_at < ${from} ORDER BY posted_at DESC, id DESC LIMIT 1`,
  );
  const lines = await sqlRows<{
    postingId: number;
    kind: string;
    amount: number;
    balanceAfter: number;
    memo: string | null;
    reversesId: number | null;
    postedAt: Date;
  }>(
    ex,
    sql`SELECT l.posting_id AS "postingId", p.kind, l.amount::float8 AS amount, l.balance_after::float8 AS "balanceAfter", p.memo, p.reverses_id AS "reversesId", l.posted_at AS "postedAt"
        FROM vol_bank_lines l JOIN vol_bank_postings p ON p.id = l.posting_id
        WHERE l.account_id = ${accountId} AND l.posted_at >= ${from} AND l.posted_at < ${to} ORDER BY l.posted_at, l.id LIMIT 5000`,
  );
  return { opening: opening?.b ?? 0, lines };
}
