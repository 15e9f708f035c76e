import { and, asc, eq, gt, inArray, isNull, lt, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { likePrefix } from '../access/scope-sql.js';
import { queryOne, queryRows, type Executor } from '../db/database.js';
import { defineKeyedCache, tableWritten } from '../db/reference-cache.js';
import { apiTokens, otpCodes, sessions, users } from './identity.schema.js';
import { sessionGone, userChanged } from './session-cache.js';

export type UserRow = typeof users.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;
export type ApiTokenRow = typeof apiTokens.$inferSelect;

export async function findUserByUsername(ex: Executor, username: string): Promise<UserRow | undefined> {
  const [row] = await ex
    .select()
    .from(users)
    .where(sql`lower(${users.username}) = lower(${username})`);
  return row;
}

export async function findUser(ex: Executor, id: number): Promise<UserRow | undefined> {
  const [row] = await ex.select().from(users).where(eq(users.id, id));
  return row;
}

export async function lockUserRow(ex: Executor, id: number): Promise<UserRow | undefined> {
  const [row] = await ex.select().from(users).where(eq(users.id, id)).for('update');
  return row;
}

export async function findUserByResident(ex: Executor, residentId: number): Promise<UserRow | undefined> {
  const [row] = await ex.select().from(users).where(eq(users.residentId, residentId));
  return row;
}

export async function countUsers(ex: Executor): Promise<number> {
  const [row] = await ex.select({ n: sql<number>`count(*)::int` }).from(users);
  return row?.n ?? 0;
}

export async function insertUser(ex: Executor, values: typeof users.$inferInsert): Promise<UserRow> {
  const [row] = await ex.insert(users).values(values).returning();
  return row!;
}

/** Updates a user only if nobody changed it since `version`; returns undefined when they did. */
export async function updateUserVersioned(
  ex: Executor,
  id: number,
  version: number,
  values: Partial<typeof users.$inferInsert>,
  now: Date,
): Promise<UserRow | undefined> {
  if (values.displayName !== undefined) tableWritten(ex, 'users');
  const [row] = await ex
    .update(users)
    .set({ ...values, updatedAt: now, version: sql`${users.version} + 1` })
    .where(and(eq(users.id, id), eq(users.version, version)))
    .returning();
  userChanged(id);
  return row;
}

export async function setUserFields(ex: Executor, id: number, values: Partial<typeof users.$inferInsert>) {
  if (values.displayName !== undefined) tableWritten(ex, 'users');
  await ex.update(users).set(values).where(eq(users.id, id));
  userChanged(id);
}

/**
 * Counts one wrong password in one statement: the row lock makes concurrent guesses wait for each
 * other, so fifteen sent at once count fifteen (reading the count and writing it back would let
 * them all write 1). A lock that has run out starts a fresh count; reaching `maxFailures` locks
 * the account until `lockUntil`, and further wrong passwords keep counting without extending it.
 * Answers the new count, the lock, and whether this guess is the one that locked the account.
 */
export async function recordFailedLogin(
  ex: Executor,
  id: number,
  now: Date,
  maxFailures: number,
  lockUntil: Date,
): Promise<{ failures: number; lockedUntil: Date | null; lockedNow: boolean }> {
  const at = sql`${now.toISOString()}::timestamptz`;
  const fresh = sql`(b.locked_until IS NOT NULL AND b.locked_until <= ${at})`;
  const failures = sql`CASE WHEN ${fresh} THEN 1 ELSE u.failed_logins + 1 END`;
  const row = await queryOne<{ failures: number; locked_until: Date | string | null; locked_now: boolean }>(
    ex,
    sql`WITH b AS (SELECT id, locked_until FROM users WHERE id = ${id} FOR UPDATE)
        UPDATE users u SET
          failed_logins = ${failures},
          locked_until = CASE
            WHEN b.locked_until > ${at} THEN b.locked_until
            WHEN ${failures} >= ${maxFailures} THEN ${lockUntil.toISOString()}::timestamptz
            ELSE NULL END
        FROM b WHERE u.id = b.id
        RETURNING u.failed_logins AS failures, u.locked_until,
          (b.locked_until IS NULL OR b.locked_until <= ${at}) AND u.locked_until > ${at} AS locked_now`,
  );
  if (!row) throw new Error(`user ${id} vanished while signing in`);
  return {
    failures: row.failures,
    lockedUntil: row.locked_until === null ? null : new Date(row.locked_until),
    lockedNow: row.locked_now === true,
  };
}

/**
 * Records a sign-in with the right password, unless wrong ones sent alongside it locked the
 * account meanwhile (then nothing changes and it answers false).
 */
export async function recordSuccessfulLogin(ex: Executor, id: number, now: Date): Promise<boolean> {
  const rows = await ex
    .update(users)
    .set({ failedLogins: 0, lockedUntil: null, lastLoginAt: now })
    .where(and(eq(users.id, id), sql`(${users.lockedUntil} IS NULL OR ${users.lockedUntil} <= ${now.toISOString()}::timestamptz)`))
    .returning({ id: users.id });
  return rows.length === 1;
}

export async function countActiveAdmins(ex: Executor): Promise<number> {
  const [row] = await ex
    .select({ n: sql<number>`count(*)::int` })
    .from(users)
    .where(and(isNull(users.disabledAt), sql`'admin' = ANY(${users.roles})`));
  return row?.n ?? 0;
}

export async function insertSession(ex: Executor, values: typeof sessions.$inferInsert) {
  await ex.insert(sessions).values(values);
}

const sessionWithUserQuery = (ex: Executor) =>
  ex
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, sql.placeholder('id')), gt(sessions.expiresAt, sql.placeholder('now'))))
    .prepare('jiayuan_session_with_user_v1');

/** Built once per database (a session's first request after a start, or past the session cache, runs it: a crowd signing in does it for each). */
const sessionWithUser = new WeakMap<object, ReturnType<typeof sessionWithUserQuery>>();

export async function findSessionWithUser(ex: Executor, id: string, now: Date) {
  let q = sessionWithUser.get(ex);
  if (!q) sessionWithUser.set(ex, (q = sessionWithUserQuery(ex)));
  const [row] = await q.execute({ id, now });
  return row;
}

export async function touchSession(ex: Executor, id: string, now: Date) {
  await ex.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id));
}

export async function deleteSession(ex: Executor, id: string) {
  await ex.delete(sessions).where(eq(sessions.id, id));
  sessionGone(id);
}

export async function deleteUserSessions(ex: Executor, userId: number, exceptId?: string) {
  userChanged(userId);
  await ex.delete(sessions).where(exceptId ? and(eq(sessions.userId, userId), sql`${sessions.id} <> ${exceptId}`) : eq(sessions.userId, userId));
}

export async function deleteExpiredSessions(ex: Executor, now: Date, idleBefore: Date) {
  const rows = await ex
    .delete(sessions)
    .where(sql`${sessions.expiresAt} < ${now} OR ${sessions.lastSeenAt} < ${idleBefore}`)
    .returning({ id: sessions.id });
  return rows.length;
}

/**
 * Serialises the sign-in codes of one phone: the resend wait and the daily limit are read and the
 * new code written under this lock, so requests sent at once cannot all pass the checks.
 */
export async function lockOtpPhone(ex: Executor, phoneBi: Buffer) {
  await ex.execute(sql`SELECT pg_advisory_xact_lock(7355612, ${phoneBi.readInt32BE(0)}::int)`);
}

export async function insertOtp(ex: Executor, values: typeof otpCodes.$inferInsert) {
  await ex.insert(otpCodes).values(values);
}

export async function latestOtp(ex: Executor, phoneBi: Buffer) {
  const [row] = await ex
    .select()
    .from(otpCodes)
    .where(eq(otpCodes.phoneBi, phoneBi))
    .orderBy(sql`${otpCodes.createdAt} DESC`)
    .limit(1)
    .for('update');
  return row;
}

export async function countOtpsSince(ex: Executor, phoneBi: Buffer, since: Date): Promise<number> {
  const [row] = await ex
    .select({ n: sql<number>`count(*)::int` })
    .from(otpCodes)
    .where(and(eq(otpCodes.phoneBi, phoneBi), gt(otpCodes.createdAt, since)));
  return row?.n ?? 0;
}

export async function updateOtp(ex: Executor, id: number, values: Partial<typeof otpCodes.$inferInsert>) {
  await ex.update(otpCodes).set(values).where(eq(otpCodes.id, id));
}

/** One more wrong code against this sign-in code, counted in the database. */
export async function countOtpAttempt(ex: Executor, id: number) {
  await ex
    .update(otpCodes)
    .set({ attempts: sql`${otpCodes.attempts} + 1` })
    .where(eq(otpCodes.id, id));
}

export async function deleteOldOtps(ex: Executor, before: Date) {
  await ex.delete(otpCodes).where(lt(otpCodes.createdAt, before));
}

export async function findTokenByHash(ex: Executor, secretHash: string): Promise<ApiTokenRow | undefined> {
  const [row] = await ex.select().from(apiTokens).where(eq(apiTokens.secretHash, secretHash));
  return row;
}

export async function touchToken(ex: Executor, id: number, now: Date) {
  await ex.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, id));
}

/**
 * True for a user row with a place in its scope under one of `paths`. Each of the user's own few
 * scope places is read by its primary key: the cost is the user's places, never the place tree
 * (a subquery over `places` per user row took seconds for a district's staff).
 */
export function scopePlaceUnder(scope: SQL, paths: string[]): SQL {
  if (paths.length === 0) return sql`FALSE`;
  const patterns = sql.join(
    paths.map((p) => sql`${likePrefix(p)}`),
    sql`, `,
  );
  return sql`EXISTS (SELECT 1 FROM jsonb_array_elements_text(${scope}->'placeIds') AS sp(id)
    WHERE (SELECT p.path FROM places p WHERE p.id = sp.id::bigint) LIKE ANY (ARRAY[${patterns}]::text[]))`;
}

/**
 * Active staff for a picker, by name: at most `limit`, in name order, found through the partial
 * index on staff names. `under` limits them to staff with a scope place under these paths.
 */
export function lookupStaffQuery(ex: Executor, f: { q?: string | undefined; role?: string | undefined; under: string[] | 'all'; limit: number }) {
  return ex
    .select({ id: users.id, username: users.username, displayName: users.displayName })
    .from(users)
    .where(
      and(
        sql`${users.kind} = 'staff' AND ${users.disabledAt} IS NULL`,
        f.q ? sql`(${users.displayName} LIKE ${`%${f.q}%`} OR ${users.username} ILIKE ${`%${f.q}%`})` : undefined,
        f.role ? sql`${users.roles} @> ARRAY[${f.role}]::text[]` : undefined,
        f.under === 'all' ? undefined : scopePlaceUnder(sql`${users.scope}`, f.under),
      ),
    )
    .orderBy(asc(users.displayName), asc(users.id))
    .limit(f.limit);
}

/** Users' display names by id (for modules naming the people in their records; never their tables). */
/** Users' display names, kept per instance (a name changes rarely; every list shows some). */
const namesById = defineKeyedCache<number, { id: number; name: string }>({
  name: 'users.names',
  tables: ['users'],
  load: (ex, ids) => ex.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, ids)),
  keyOf: (r) => r.id,
  max: 100_000,
});

export async function userNames(ex: Executor, ids: readonly number[]): Promise<Map<number, string>> {
  const rows = await namesById.getMany(ex, ids);
  return new Map([...rows.values()].map((r) => [r.id, r.name]));
}

/** The display name of the user with this id, as a scalar subquery: for a module's SQL that sorts or groups by it. */
export function userDisplayNameSql(userId: SQL | AnyColumn): SQL<string> {
  return sql<string>`(SELECT u.display_name FROM users u WHERE u.id = ${userId})`;
}

/** Which of these users are active staff. */
export async function activeStaffAmong(ex: Executor, ids: readonly number[]): Promise<{ id: number }[]> {
  if (ids.length === 0) return [];
  return ex
    .select({ id: users.id })
    .from(users)
    .where(and(inArray(users.id, [...new Set(ids)]), isNull(users.disabledAt), eq(users.kind, 'staff')));
}

/** The active account of a resident (phone-code sign-in), or null. */
export async function activeUserOfResident(ex: Executor, residentId: number): Promise<number | null> {
  const [row] = await ex
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.residentId, residentId), isNull(users.disabledAt)));
  return row?.id ?? null;
}

/** The active accounts of these residents (phone-code sign-in), by resident id: whom a module notifies. */
export async function activeUsersOfResidents(ex: Executor, residentIds: readonly number[]): Promise<Map<number, number>> {
  const wanted = [...new Set(residentIds)];
  if (wanted.length === 0) return new Map();
  const out = new Map<number, number>();
  for (let i = 0; i < wanted.length; i += 5000) {
    const rows = await ex
      .select({ id: users.id, residentId: users.residentId })
      .from(users)
      .where(and(inArray(users.residentId, wanted.slice(i, i + 5000)), isNull(users.disabledAt)));
    for (const r of rows) if (r.residentId !== null) out.set(Number(r.residentId), r.id);
  }
  return out;
}

/** Users' names, roles, scope and whether disabled, by id (for assigning work to them). */
export async function userProfiles(ex: Executor, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return queryRows<{ id: number; display_name: string; roles: string[]; scope: { all?: boolean; placeIds?: number[] }; disabled_at: Date | null }>(
    ex,
    sql`SELECT id, display_name, roles, scope, disabled_at FROM users WHERE id IN (${sql.join(
      [...new Set(ids)].map((i) => sql`${i}`),
      sql`, `,
    )})`,
  );
}

/** Active employer liaisons scoped to any of these employers, one row per (liaison, employer), by username. */
export async function employerLiaisons(ex: Executor, employerIds: readonly number[]) {
  if (employerIds.length === 0) return [];
  return queryRows<{ id: number; username: string; display_name: string; employer_id: number }>(
    ex,
    sql`SELECT u.id, u.username, u.display_name, e.value::bigint AS employer_id
        FROM users u, jsonb_array_elements_text(u.scope->'employerIds') e
        WHERE 'employer_liaison' = ANY(u.roles) AND u.disabled_at IS NULL AND e.value::bigint IN (${sql.join(
          employerIds.map((i) => sql`${i}`),
          sql`, `,
        )})
        ORDER BY u.username`,
  );
}

/** Whether any user or live token has this place in its scope. */
export async function placeInAnyScope(ex: Executor, id: number): Promise<boolean> {
  const row = await queryOne<{ n: number }>(
    ex,
    sql`SELECT 1 AS n FROM users WHERE scope->'placeIds' @> ${JSON.stringify([id])}::jsonb
        UNION ALL SELECT 1 FROM api_tokens WHERE revoked_at IS NULL AND scope->'placeIds' @> ${JSON.stringify([id])}::jsonb LIMIT 1`,
  );
  return !!row;
}

/** API tokens' names by id (the audit page names what an entry is about). */
export async function apiTokenNames(ex: Executor, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await ex
    .select({ id: apiTokens.id, name: apiTokens.name })
    .from(apiTokens)
    .where(inArray(apiTokens.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/**
 * The SQL of the active users holding a role whose scope covers the place (or everything): the
 * role through its GIN index, then each holder's own few scope places read by key (a subquery
 * over the place tree per user took seconds for a district).
 */
export function usersWithRoleOverQuery(role: string, placePath: string | null): SQL {
  return sql`SELECT u.id FROM users u
      WHERE u.disabled_at IS NULL AND u.roles @> ARRAY[${role}]::text[]
        AND ((u.scope->>'all')::boolean
          OR (${placePath}::text IS NOT NULL AND EXISTS (
            SELECT 1 FROM jsonb_array_elements_text(u.scope->'placeIds') AS sp(id)
            WHERE starts_with(${placePath}::text, (SELECT p.path FROM places p WHERE p.id = sp.id::bigint)))))`;
}

/** Disables the accounts of a resident (their record is deleted). */
export async function disableUsersOfResident(ex: Executor, residentId: number, now: Date) {
  await ex.execute(sql`UPDATE users SET disabled_at = ${now} WHERE resident_id = ${residentId}`);
}
