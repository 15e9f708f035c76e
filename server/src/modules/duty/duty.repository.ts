import { and, asc, desc, eq, gt, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../platform/access/actor.js';
import { scopeWhere, underPath } from '../../platform/access/scope-sql.js';
import { preparedIn, queryOne, queryRows, type Database, type Executor, type Tx } from '../../platform/db/database.js';
import { dutyCallUps, dutyClaims, dutyMembers, dutyPosts, dutyShifts } from './duty.schema.js';

/** The duty module's SQL for members, posts, shifts, claims and call-ups (teams and the roster: duty-teams.repository.ts). */

export type MemberRow = typeof dutyMembers.$inferSelect;
export type PostRow = typeof dutyPosts.$inferSelect;
export type ShiftRow = typeof dutyShifts.$inferSelect;
export type ClaimRow = typeof dutyClaims.$inferSelect;
export type CallUpRow = typeof dutyCallUps.$inferSelect;

/** Claims that hold a place or wait for one, or are being served: they count for overlaps and the rest rule. */
export const ACTIVE_CLAIM = ['held', 'waiting', 'checkedIn'] as const;

const memberScope = (actor: Actor) => scopeWhere(actor, { path: dutyMembers.placePath, employerId: dutyMembers.employerId });

// Members

export async function memberOfResident(ex: Executor, residentId: number, forUpdate = false): Promise<MemberRow | undefined> {
  const q = ex.select().from(dutyMembers).where(eq(dutyMembers.residentId, residentId));
  const [row] = forUpdate ? await q.for('update') : await q;
  return row;
}

export async function findMember(ex: Executor, id: number, forUpdate = false): Promise<MemberRow | undefined> {
  const q = ex.select().from(dutyMembers).where(eq(dutyMembers.id, id));
  const [row] = forUpdate ? await q.for('update') : await q;
  return row;
}

/** A member the actor may see: under their places, or working for their employer (a liaison). */
export async function findMemberInScope(ex: Executor, actor: Actor, id: number, forUpdate = false): Promise<MemberRow | undefined> {
  const q = ex
    .select()
    .from(dutyMembers)
    .where(and(eq(dutyMembers.id, id), memberScope(actor)));
  const [row] = forUpdate ? await q.for('update') : await q;
  return row;
}

/** Inserts a report, or updates one still reported or rejected; a confirmed member is left alone (undefined). */
export async function upsertReport(ex: Executor, values: typeof dutyMembers.$inferInsert, now: Date): Promise<MemberRow | undefined> {
  const [row] = await ex
    .insert(dutyMembers)
    .values(values)
    .onConflictDoUpdate({
      target: dutyMembers.residentId,
      set: {
        communityId: values.communityId,
        placePath: values.placePath,
        employerId: values.employerId ?? null,
        partyOrganisation: values.partyOrganisation ?? null,
        skills: values.skills ?? [],
        roles: values.roles ?? [],
        availability: values.availability ?? null,
        status: 'reported',
        rejectReason: null,
        reportedAt: now,
        updatedAt: now,
        version: sql`${dutyMembers.version} + 1`,
      },
      setWhere: sql`${dutyMembers.status} <> 'confirmed'`,
    })
    .returning();
  return row;
}

export async function updateMemberVersioned(ex: Executor, id: number, status: string, version: number, set: Partial<MemberRow>, at: Date) {
  const [row] = await ex
    .update(dutyMembers)
    .set({ ...set, updatedAt: at, version: sql`${dutyMembers.version} + 1` })
    .where(and(eq(dutyMembers.id, id), eq(dutyMembers.status, status), eq(dutyMembers.version, version)))
    .returning();
  return row;
}

export async function setCalendarSecret(ex: Executor, id: number, secret: string) {
  await ex.update(dutyMembers).set({ calendarSecret: secret }).where(eq(dutyMembers.id, id));
}

export interface MemberFilter {
  communityId?: number | undefined;
  employerId?: number | undefined;
  role?: string | undefined;
  status?: string | undefined;
  residentIds?: SQL | undefined;
}

function memberWhere(actor: Actor, f: MemberFilter, withStatus: boolean): SQL {
  return and(
    memberScope(actor),
    f.communityId ? eq(dutyMembers.communityId, f.communityId) : sql`TRUE`,
    f.employerId ? eq(dutyMembers.employerId, f.employerId) : sql`TRUE`,
    f.role ? sql`${f.role} = ANY(${dutyMembers.roles})` : sql`TRUE`,
    withStatus && f.status && f.status !== 'all' ? eq(dutyMembers.status, f.status) : sql`TRUE`,
    f.residentIds ? sql`${dutyMembers.residentId} IN (${f.residentIds})` : sql`TRUE`,
  )!;
}

export async function listMembers(ex: Executor, actor: Actor, f: MemberFilter, paging: { limit: number; offset: number }) {
  const where = memberWhere(actor, f, true);
  const [rows, total, counts] = await Promise.all([
    ex.select().from(dutyMembers).where(where).orderBy(desc(dutyMembers.reportedAt), desc(dutyMembers.id)).limit(paging.limit).offset(paging.offset),
    ex.$count(dutyMembers, where),
    ex
      .select({ status: dutyMembers.status, n: sql<number>`count(*)::int` })
      .from(dutyMembers)
      .where(memberWhere(actor, f, false))
      .groupBy(dutyMembers.status),
  ]);
  return { rows, total, counts };
}

/** Confirmed members of a community who answer a call-up for these roles (none: all), with the resident behind each. */
export async function confirmedMembersFor(ex: Executor, communityId: number, roles: readonly string[]) {
  return ex
    .select({ id: dutyMembers.id, residentId: dutyMembers.residentId })
    .from(dutyMembers)
    .where(
      and(
        eq(dutyMembers.communityId, communityId),
        eq(dutyMembers.status, 'confirmed'),
        roles.length
          ? sql`${dutyMembers.roles} && ${sql`ARRAY[${sql.join(
              roles.map((r) => sql`${r}`),
              sql`, `,
            )}]::text[]`}`
          : sql`TRUE`,
      ),
    );
}

/** Minutes served (checked out) by each of these members. */
export async function servedByMembers(ex: Executor, memberIds: readonly number[]): Promise<Map<number, number>> {
  if (memberIds.length === 0) return new Map();
  const rows = await ex
    .select({ memberId: dutyClaims.memberId, minutes: sql<number>`coalesce(sum(${dutyClaims.servedMinutes}), 0)::int` })
    .from(dutyClaims)
    .where(and(inArray(dutyClaims.memberId, [...new Set(memberIds)]), eq(dutyClaims.status, 'checkedOut')))
    .groupBy(dutyClaims.memberId);
  return new Map(rows.map((r) => [Number(r.memberId), Number(r.minutes)]));
}

/** A member's served minutes since an instant (all when null). */
export async function servedSince(ex: Executor, memberId: number, since: Date | null): Promise<number> {
  const row = await queryOne<{ m: number }>(
    ex,
    sql`SELECT coalesce(sum(served_minutes), 0)::int AS m FROM duty_claims
        WHERE member_id = ${memberId} AND status = 'checkedOut' ${since ? sql`AND checked_out_at >= ${since}` : sql``}`,
  );
  return row?.m ?? 0;
}

// Posts

export async function insertPost(ex: Executor, values: typeof dutyPosts.$inferInsert): Promise<PostRow> {
  const [row] = await ex.insert(dutyPosts).values(values).returning();
  return row!;
}

export async function findPost(ex: Executor, id: number): Promise<PostRow | undefined> {
  const [row] = await ex.select().from(dutyPosts).where(eq(dutyPosts.id, id));
  return row;
}

export async function findPostInScope(ex: Executor, actor: Actor, id: number, forUpdate = false): Promise<PostRow | undefined> {
  const q = ex
    .select()
    .from(dutyPosts)
    .where(and(eq(dutyPosts.id, id), scopeWhere(actor, { path: dutyPosts.placePath })));
  const [row] = forUpdate ? await q.for('update') : await q;
  return row;
}

export async function updatePost(ex: Executor, id: number, set: Partial<Pick<PostRow, 'name' | 'kind' | 'role' | 'ownerUserId' | 'teamId'>>, at: Date) {
  const [row] = await ex
    .update(dutyPosts)
    .set({ ...set, updatedAt: at })
    .where(eq(dutyPosts.id, id))
    .returning();
  return row;
}

export async function postsByIds(ex: Executor, ids: readonly number[]): Promise<PostRow[]> {
  if (ids.length === 0) return [];
  return ex
    .select()
    .from(dutyPosts)
    .where(inArray(dutyPosts.id, [...new Set(ids)]))
    .orderBy(asc(dutyPosts.id));
}

export interface PostFilter {
  communityId?: number | undefined;
  placePath?: string | undefined;
  role?: string | undefined;
  kind?: string | undefined;
  teamId?: number | undefined;
  unfilledFrom?: { from: Date; to: Date } | undefined;
}

export async function listPosts(ex: Executor, actor: Actor, f: PostFilter, paging: { limit: number; offset: number }) {
  const where = and(
    scopeWhere(actor, { path: dutyPosts.placePath }),
    f.communityId ? eq(dutyPosts.communityId, f.communityId) : sql`TRUE`,
    f.placePath ? underPath(dutyPosts.placePath, f.placePath) : sql`TRUE`,
    f.role ? eq(dutyPosts.role, f.role) : sql`TRUE`,
    f.kind ? eq(dutyPosts.kind, f.kind) : sql`TRUE`,
    f.teamId ? eq(dutyPosts.teamId, f.teamId) : sql`TRUE`,
    f.unfilledFrom
      ? sql`EXISTS (SELECT 1 FROM duty_shifts s WHERE s.post_id = ${dutyPosts.id} AND s.starts_at >= ${f.unfilledFrom.from}
              AND s.starts_at < ${f.unfilledFrom.to} AND s.filled < s.headcount)`
      : sql`TRUE`,
  )!;
  const [rows, total] = await Promise.all([
    ex.select().from(dutyPosts).where(where).orderBy(asc(dutyPosts.placePath), asc(dutyPosts.id)).limit(paging.limit).offset(paging.offset),
    ex.$count(dutyPosts, where),
  ]);
  return { rows, total };
}

/** The posts at or under a place path (a recurring duty owed to each post: a daily round of the gates…). */
export async function postsUnder(ex: Executor, rootPath: string) {
  return ex
    .select({ id: dutyPosts.id, placeId: dutyPosts.placeId, placePath: dutyPosts.placePath })
    .from(dutyPosts)
    .where(underPath(dutyPosts.placePath, rootPath))
    .orderBy(asc(dutyPosts.id));
}

/** Per post: shifts starting in [from, to), their places and places filled. */
export async function postLoad(ex: Executor, postIds: readonly number[], from: Date, to: Date) {
  const out = new Map<number, { shifts: number; headcount: number; filled: number }>();
  if (postIds.length === 0) return out;
  const rows = await ex
    .select({
      postId: dutyShifts.postId,
      shifts: sql<number>`count(*)::int`,
      headcount: sql<number>`coalesce(sum(${dutyShifts.headcount}), 0)::int`,
      filled: sql<number>`coalesce(sum(${dutyShifts.filled}), 0)::int`,
    })
    .from(dutyShifts)
    .where(and(inArray(dutyShifts.postId, [...new Set(postIds)]), gte(dutyShifts.startsAt, from), lt(dutyShifts.startsAt, to)))
    .groupBy(dutyShifts.postId);
  for (const r of rows) out.set(Number(r.postId), { shifts: Number(r.shifts), headcount: Number(r.headcount), filled: Number(r.filled) });
  return out;
}

// Shifts

export async function insertShifts(ex: Executor, values: (typeof dutyShifts.$inferInsert)[]): Promise<ShiftRow[]> {
  const out: ShiftRow[] = [];
  for (let i = 0; i < values.length; i += 1000)
    out.push(
      ...(await ex
        .insert(dutyShifts)
        .values(values.slice(i, i + 1000))
        .returning()),
    );
  return out;
}

/** Shifts of a post already at these start times (a template run twice keeps them). */
export async function shiftStartsOfPost(ex: Executor, postId: number, from: Date, to: Date): Promise<Set<number>> {
  const rows = await ex
    .select({ startsAt: dutyShifts.startsAt, endsAt: dutyShifts.endsAt })
    .from(dutyShifts)
    .where(and(eq(dutyShifts.postId, postId), gte(dutyShifts.startsAt, from), lt(dutyShifts.startsAt, to), sql`${dutyShifts.callUpId} IS NULL`));
  return new Set(rows.map((r) => r.startsAt.getTime()));
}

export async function findShift(ex: Executor, id: number): Promise<ShiftRow | undefined> {
  const [row] = await ex.select().from(dutyShifts).where(eq(dutyShifts.id, id));
  return row;
}

export async function findShiftInScope(ex: Executor, actor: Actor, id: number): Promise<ShiftRow | undefined> {
  const [row] = await ex
    .select()
    .from(dutyShifts)
    .where(and(eq(dutyShifts.id, id), scopeWhere(actor, { path: dutyShifts.placePath })));
  return row;
}

export interface ShiftFilter {
  communityId?: number | undefined;
  postId?: number | undefined;
  callUpId?: number | undefined;
  from: Date;
  to: Date;
  open?: boolean | undefined;
  /** Shifts of this community first (a member's own). */
  firstCommunity?: number | undefined;
}

/** Shifts in the actor's scope (or, for a member, everywhere: `actor` null) by start time. */
export async function listShifts(ex: Executor, actor: Actor | null, f: ShiftFilter, paging: { limit: number; offset: number }) {
  const where = and(
    actor ? scopeWhere(actor, { path: dutyShifts.placePath }) : sql`TRUE`,
    f.communityId ? eq(dutyShifts.communityId, f.communityId) : sql`TRUE`,
    f.postId ? eq(dutyShifts.postId, f.postId) : sql`TRUE`,
    f.callUpId ? eq(dutyShifts.callUpId, f.callUpId) : sql`TRUE`,
    gte(dutyShifts.startsAt, f.from),
    lt(dutyShifts.startsAt, f.to),
    f.open ? sql`${dutyShifts.filled} < ${dutyShifts.headcount}` : sql`TRUE`,
  )!;
  const order = f.firstCommunity
    ? [sql`(${dutyShifts.communityId} = ${f.firstCommunity}) DESC`, asc(dutyShifts.startsAt), asc(dutyShifts.id)]
    : [asc(dutyShifts.startsAt), asc(dutyShifts.id)];
  const [rows, total] = await Promise.all([
    ex
      .select()
      .from(dutyShifts)
      .where(where)
      .orderBy(...order)
      .limit(paging.limit)
      .offset(paging.offset),
    ex.$count(dutyShifts, where),
  ]);
  return { rows, total };
}

/**
 * Takes one place on a shift, if one is left: the only write that raises `filled`. Concurrent
 * claims queue on the row lock; each re-reads `filled` after the one before commits.
 */
export async function takePlace(ex: Executor, shiftId: number): Promise<ShiftRow | undefined> {
  const [row] = await ex
    .update(dutyShifts)
    .set({ filled: sql`${dutyShifts.filled} + 1` })
    .where(and(eq(dutyShifts.id, shiftId), lt(dutyShifts.filled, dutyShifts.headcount)))
    .returning();
  return row;
}

/** Locks a shift's row for the transaction (a cancellation and a claim joining its waiting list take turns). */
export async function lockShift(ex: Executor, shiftId: number): Promise<ShiftRow | undefined> {
  const [row] = await ex.select().from(dutyShifts).where(eq(dutyShifts.id, shiftId)).for('update');
  return row;
}

/** A place given back (a cancellation nobody waits for). */
export async function givePlaceBack(ex: Executor, shiftId: number) {
  await ex
    .update(dutyShifts)
    .set({ filled: sql`${dutyShifts.filled} - 1` })
    .where(and(eq(dutyShifts.id, shiftId), gt(dutyShifts.filled, 0)));
}

export async function addWaiting(ex: Executor, shiftId: number, delta: 1 | -1): Promise<ShiftRow | undefined> {
  const [row] = await ex
    .update(dutyShifts)
    .set({ waiting: sql`${dutyShifts.waiting} + ${delta}` })
    .where(eq(dutyShifts.id, shiftId))
    .returning();
  return row;
}

/** Whether a call-up has a shift with a place left (as committed now; autocommitted, prepared). */
export async function callUpHasRoom(database: Pick<Database, 'prepared'>, callUpId: number): Promise<boolean> {
  const rows = await database.prepared(
    'jiayuan_duty_call_up_room_v1',
    'SELECT 1 AS one FROM duty_shifts WHERE call_up_id = $1 AND filled < headcount LIMIT 1',
    [callUpId],
  );
  return rows.length > 0;
}

/** The first member waiting on any shift of a call-up, locked. */
export async function firstWaitingOfCallUp(ex: Executor, callUpId: number): Promise<ClaimRow | undefined> {
  const [row] = await ex
    .select()
    .from(dutyClaims)
    .where(and(eq(dutyClaims.status, 'waiting'), sql`${dutyClaims.shiftId} IN (SELECT id FROM duty_shifts WHERE call_up_id = ${callUpId})`))
    .orderBy(asc(dutyClaims.id))
    .limit(1)
    .for('update');
  return row;
}

// Claims

export async function insertClaim(ex: Executor, values: typeof dutyClaims.$inferInsert): Promise<ClaimRow> {
  const [row] = await ex.insert(dutyClaims).values(values).returning();
  return row!;
}

export async function findClaim(ex: Executor, id: number, forUpdate = false): Promise<ClaimRow | undefined> {
  const q = ex.select().from(dutyClaims).where(eq(dutyClaims.id, id));
  const [row] = forUpdate ? await q.for('update') : await q;
  return row;
}

export async function updateClaimVersioned(ex: Executor, id: number, status: string, version: number, set: Partial<ClaimRow>, at: Date) {
  const [row] = await ex
    .update(dutyClaims)
    .set({ ...set, updatedAt: at, version: sql`${dutyClaims.version} + 1` })
    .where(and(eq(dutyClaims.id, id), eq(dutyClaims.status, status), eq(dutyClaims.version, version)))
    .returning();
  return row;
}

/** A member's claim on a shift that is not cancelled. */
export async function claimOnShift(ex: Executor, memberId: number, shiftId: number): Promise<ClaimRow | undefined> {
  const [row] = await ex
    .select()
    .from(dutyClaims)
    .where(and(eq(dutyClaims.memberId, memberId), eq(dutyClaims.shiftId, shiftId), sql`${dutyClaims.status} <> 'cancelled'`));
  return row;
}

/** A member's active claims (held, waiting, on duty) touching [from, to). */
export async function activeClaimsBetween(ex: Executor, memberId: number, from: Date, to: Date) {
  return ex
    .select({ id: dutyClaims.id, startsAt: dutyClaims.startsAt, endsAt: dutyClaims.endsAt })
    .from(dutyClaims)
    .where(and(eq(dutyClaims.memberId, memberId), inArray(dutyClaims.status, [...ACTIVE_CLAIM]), lt(dutyClaims.startsAt, to), gt(dutyClaims.endsAt, from)));
}

/** The first member waiting on a shift, locked (the one a cancellation promotes). */
export async function firstWaiting(ex: Executor, shiftId: number): Promise<ClaimRow | undefined> {
  const [row] = await ex
    .select()
    .from(dutyClaims)
    .where(and(eq(dutyClaims.shiftId, shiftId), eq(dutyClaims.status, 'waiting')))
    .orderBy(asc(dutyClaims.id))
    .limit(1)
    .for('update');
  return row;
}

/** Each waiting claim's place in its queue (1 = next). */
export async function waitingPositions(ex: Executor, claims: readonly Pick<ClaimRow, 'id' | 'shiftId' | 'status'>[]): Promise<Map<number, number>> {
  const waiting = claims.filter((c) => c.status === 'waiting');
  if (waiting.length === 0) return new Map();
  const rows = await queryRows<{ id: number; pos: number }>(
    ex,
    sql`SELECT w.id, (SELECT count(*)::int FROM duty_claims o WHERE o.shift_id = w.shift_id AND o.status = 'waiting' AND o.id <= w.id) AS pos
        FROM duty_claims w WHERE w.id IN (${sql.join(
          waiting.map((c) => sql`${c.id}`),
          sql`, `,
        )})`,
  );
  return new Map(rows.map((r) => [Number(r.id), Number(r.pos)]));
}

export async function claimsOfShifts(ex: Executor, shiftIds: readonly number[], statuses?: readonly string[]): Promise<ClaimRow[]> {
  if (shiftIds.length === 0) return [];
  return ex
    .select()
    .from(dutyClaims)
    .where(and(inArray(dutyClaims.shiftId, [...new Set(shiftIds)]), statuses ? inArray(dutyClaims.status, [...statuses]) : sql`TRUE`))
    .orderBy(asc(dutyClaims.shiftId), asc(dutyClaims.id));
}

/** The member's claims on these shifts (their own view of a list). */
export async function memberClaimsOn(ex: Executor, memberId: number, shiftIds: readonly number[]): Promise<ClaimRow[]> {
  if (shiftIds.length === 0) return [];
  return ex
    .select()
    .from(dutyClaims)
    .where(and(eq(dutyClaims.memberId, memberId), inArray(dutyClaims.shiftId, [...new Set(shiftIds)]), sql`${dutyClaims.status} <> 'cancelled'`));
}

export async function memberClaims(ex: Executor, memberId: number, when: 'upcoming' | 'past' | 'all', now: Date, paging: { limit: number; offset: number }) {
  const where = and(
    eq(dutyClaims.memberId, memberId),
    when === 'upcoming' ? and(gt(dutyClaims.endsAt, now), inArray(dutyClaims.status, [...ACTIVE_CLAIM])) : sql`TRUE`,
    when === 'past' ? sql`(${dutyClaims.endsAt} <= ${now} OR ${dutyClaims.status} IN ('checkedOut', 'noShow', 'cancelled'))` : sql`TRUE`,
  )!;
  const [rows, total] = await Promise.all([
    ex
      .select()
      .from(dutyClaims)
      .where(where)
      .orderBy(when === 'upcoming' ? asc(dutyClaims.startsAt) : desc(dutyClaims.startsAt), asc(dutyClaims.id))
      .limit(paging.limit)
      .offset(paging.offset),
    ex.$count(dutyClaims, where),
  ]);
  return { rows, total };
}

/** The member's held or on-duty claim at a post around now (the QR scan). */
export async function claimAtPostNow(ex: Executor, memberId: number, postId: number, now: Date, earlyMinutes: number): Promise<ClaimRow | undefined> {
  const [row] = await ex
    .select()
    .from(dutyClaims)
    .where(
      and(
        eq(dutyClaims.memberId, memberId),
        eq(dutyClaims.postId, postId),
        inArray(dutyClaims.status, ['held', 'checkedIn']),
        lt(dutyClaims.startsAt, new Date(now.getTime() + earlyMinutes * 60000)),
        gt(dutyClaims.endsAt, new Date(now.getTime() - 2 * 3600000)),
      ),
    )
    .orderBy(sql`(${dutyClaims.status} = 'checkedIn') DESC`, asc(dutyClaims.startsAt))
    .limit(1)
    .for('update');
  return row;
}

/** Held places whose check-in time has passed (the no-show job), a batch at a time; each with its community's grace. */
export async function heldPastStart(ex: Executor, before: Date, limit: number) {
  return ex
    .select()
    .from(dutyClaims)
    .where(and(eq(dutyClaims.status, 'held'), lt(dutyClaims.startsAt, before)))
    .orderBy(asc(dutyClaims.startsAt))
    .limit(limit);
}

/** Claims on duty past their shift's end by more than `graceMs` (checked out at the end by the job). */
export async function onDutyPastEnd(ex: Executor, before: Date, limit: number) {
  return ex
    .select()
    .from(dutyClaims)
    .where(and(eq(dutyClaims.status, 'checkedIn'), lt(dutyClaims.endsAt, before)))
    .orderBy(asc(dutyClaims.endsAt))
    .limit(limit);
}

// Call-ups

export async function insertCallUp(ex: Executor, values: typeof dutyCallUps.$inferInsert): Promise<CallUpRow> {
  const [row] = await ex.insert(dutyCallUps).values(values).returning();
  return row!;
}

export async function findCallUp(ex: Executor, id: number, forUpdate = false): Promise<CallUpRow | undefined> {
  const q = ex.select().from(dutyCallUps).where(eq(dutyCallUps.id, id));
  const [row] = forUpdate ? await q.for('update') : await q;
  return row;
}

export async function findCallUpInScope(ex: Executor, actor: Actor, id: number, forUpdate = false): Promise<CallUpRow | undefined> {
  const q = ex
    .select()
    .from(dutyCallUps)
    .where(and(eq(dutyCallUps.id, id), scopeWhere(actor, { path: dutyCallUps.placePath })));
  const [row] = forUpdate ? await q.for('update') : await q;
  return row;
}

export async function updateCallUpVersioned(ex: Executor, id: number, status: string, version: number, set: Partial<CallUpRow>, at: Date) {
  const [row] = await ex
    .update(dutyCallUps)
    .set({ ...set, updatedAt: at, version: sql`${dutyCallUps.version} + 1` })
    .where(and(eq(dutyCallUps.id, id), eq(dutyCallUps.status, status), eq(dutyCallUps.version, version)))
    .returning();
  return row;
}

export async function setCallUpNotified(ex: Executor, id: number, n: number) {
  await ex.update(dutyCallUps).set({ notified: n }).where(eq(dutyCallUps.id, id));
}

/** Marks the call-up filled when none of its shifts has a place left (once: WHERE status = 'open'). */
export async function markFilledIfFull(ex: Executor, callUpId: number, at: Date): Promise<CallUpRow | undefined> {
  const [row] = await ex
    .update(dutyCallUps)
    .set({ status: 'filled', filledAt: at, updatedAt: at, version: sql`${dutyCallUps.version} + 1` })
    .where(
      and(
        eq(dutyCallUps.id, callUpId),
        eq(dutyCallUps.status, 'open'),
        sql`NOT EXISTS (SELECT 1 FROM duty_shifts s WHERE s.call_up_id = ${callUpId} AND s.filled < s.headcount)`,
      ),
    )
    .returning();
  return row;
}

export async function listCallUps(
  ex: Executor,
  actor: Actor | null,
  f: { status?: string | undefined; communityId?: number | undefined; roles?: readonly string[] },
  paging: { limit: number; offset: number },
) {
  const where = and(
    actor ? scopeWhere(actor, { path: dutyCallUps.placePath }) : sql`TRUE`,
    f.status && f.status !== 'all' ? eq(dutyCallUps.status, f.status) : sql`TRUE`,
    f.communityId ? eq(dutyCallUps.communityId, f.communityId) : sql`TRUE`,
  )!;
  const [rows, total] = await Promise.all([
    ex.select().from(dutyCallUps).where(where).orderBy(desc(dutyCallUps.createdAt), desc(dutyCallUps.id)).limit(paging.limit).offset(paging.offset),
    ex.$count(dutyCallUps, where),
  ]);
  return { rows, total };
}

/** Per call-up: places taken, members waiting, posts. */
export async function callUpCounts(ex: Executor, ids: readonly number[]) {
  const out = new Map<number, { filled: number; waiting: number; posts: number }>();
  if (ids.length === 0) return out;
  const rows = await ex
    .select({
      id: dutyShifts.callUpId,
      filled: sql<number>`coalesce(sum(${dutyShifts.filled}), 0)::int`,
      waiting: sql<number>`coalesce(sum(${dutyShifts.waiting}), 0)::int`,
      posts: sql<number>`count(*)::int`,
    })
    .from(dutyShifts)
    .where(inArray(dutyShifts.callUpId, [...new Set(ids)]))
    .groupBy(dutyShifts.callUpId);
  for (const r of rows) out.set(Number(r.id), { filled: Number(r.filled), waiting: Number(r.waiting), posts: Number(r.posts) });
  return out;
}

/** Open call-ups past their deadline (the closing job). */
export async function callUpsPastDeadline(ex: Executor, now: Date, limit: number) {
  return ex
    .select()
    .from(dutyCallUps)
    .where(and(eq(dutyCallUps.status, 'open'), lt(dutyCallUps.deadline, now)))
    .limit(limit);
}

/** The member's claims on call-ups (their own view). */
export async function memberCallUpClaims(ex: Executor, memberId: number, callUpIds: readonly number[]) {
  if (callUpIds.length === 0) return [];
  return queryRows<{ id: number; status: string; shift_id: number; call_up_id: number }>(
    ex,
    sql`SELECT c.id, c.status, c.shift_id, s.call_up_id FROM duty_claims c JOIN duty_shifts s ON s.id = c.shift_id
        WHERE c.member_id = ${memberId} AND c.status <> 'cancelled' AND s.call_up_id IN (${sql.join(
          callUpIds.map((i) => sql`${i}`),
          sql`, `,
        )})`,
  );
}

// Answering a call-up (the crowd's path: a few fixed statements, prepared, nothing built per call)

/** A row as the driver gives it (snake_case) with camelCase keys. */
function camelRow(row: Record<string, unknown>, prefix = ''): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    if (prefix && !k.startsWith(prefix)) continue;
    out[k.slice(prefix.length).replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase())] = v;
  }
  return out;
}

const MEMBER_FOR_CALL_UP = `
  SELECT m.*, c.id AS cu_id, c.community_id AS cu_community_id, c.status AS cu_status, c.roles AS cu_roles,
         c.starts_at AS cu_starts_at, c.ends_at AS cu_ends_at,
         s.community_id AS rules_community_id, s.max_hours_in_24 AS rules_max_hours_in_24, s.cancel_notice_hours AS rules_cancel_notice_hours,
         s.check_in_early_minutes AS rules_check_in_early_minutes, s.no_show_after_minutes AS rules_no_show_after_minutes
  FROM duty_members m
  LEFT JOIN duty_call_ups c ON c.id = $2
  LEFT JOIN duty_settings s ON s.community_id = c.community_id
  WHERE m.resident_id = $1
  FOR UPDATE OF m`;

export interface CallUpAnswered {
  id: number;
  communityId: number;
  status: string;
  roles: string[];
  startsAt: Date;
  endsAt: Date;
}

/**
 * The resident's member row, locked for the transaction (their claims are checked one after the
 * other), with the call-up they answer and their community's rules row, in one statement.
 */
export async function memberForCallUpLocked(
  tx: Tx,
  residentId: number,
  callUpId: number,
): Promise<{ member: MemberRow; callUp: CallUpAnswered | null; rulesRow: Record<string, unknown> | null } | undefined> {
  const [row] = await preparedIn<Record<string, unknown>>(tx, 'jiayuan_duty_member_call_up_v1', MEMBER_FOR_CALL_UP, [residentId, callUpId]);
  if (!row) return undefined;
  const own: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) if (!k.startsWith('cu_') && !k.startsWith('rules_')) own[k] = v;
  const member = camelRow(own);
  return {
    member: member as unknown as MemberRow,
    callUp: row.cu_id === null ? null : (camelRow(row, 'cu_') as unknown as CallUpAnswered),
    rulesRow: row.rules_community_id === null ? null : camelRow(row, 'rules_'),
  };
}

/** A member's active claims touching [$3, $4), read with the statement that takes the place (after the member's lock). */
const HELD_OF_MEMBER = `(SELECT coalesce(json_agg(json_build_array(h.starts_at, h.ends_at)), '[]'::json) FROM duty_claims h
    WHERE h.member_id = $2 AND h.status IN ('held', 'waiting', 'checkedIn') AND h.starts_at < $4 AND h.ends_at > $3) AS held_windows`;

const takeCallUpPlaceSql = (skipLocked: boolean) => `
  WITH pick AS (
    SELECT id FROM duty_shifts WHERE call_up_id = $1 AND filled < headcount ORDER BY id LIMIT 1 FOR UPDATE${skipLocked ? ' SKIP LOCKED' : ''}
  ), took AS (
    UPDATE duty_shifts s SET filled = s.filled + 1 FROM pick WHERE s.id = pick.id AND s.filled < s.headcount RETURNING s.*
  ), claim AS (
    INSERT INTO duty_claims (shift_id, member_id, post_id, community_id, place_path, status, starts_at, ends_at)
    SELECT id, $2, post_id, community_id, place_path, 'held', starts_at, ends_at FROM took
    RETURNING *
  )
  SELECT (SELECT count(*) FROM pick)::int AS picked, took.filled AS shift_filled, took.headcount AS shift_headcount,
         took.unfilled_flagged_at AS shift_unfilled_flagged_at, p.name AS post_name, p.place_path AS post_place_path,
         ${HELD_OF_MEMBER}, claim.*
  FROM (SELECT 1) AS one LEFT JOIN took ON TRUE LEFT JOIN claim ON TRUE LEFT JOIN duty_posts p ON p.id = took.post_id`;
const TAKE_SKIP_LOCKED = takeCallUpPlaceSql(true);
const TAKE_WAITING = takeCallUpPlaceSql(false);

export interface CallUpTake {
  /** Whether a shift with room was found (and locked). */
  picked: boolean;
  /** The place taken: the new claim, its shift's counts after it, its post. */
  taken: { claim: ClaimRow; filled: number; headcount: number; unfilledFlaggedAt: Date | null; post: { id: number; name: string; placePath: string } } | null;
  /** The member's other active claims around the call-up's window (for overlaps and the rest rule). */
  held: { startsAt: Date; endsAt: Date }[];
}

function heldWindows(v: unknown): { startsAt: Date; endsAt: Date }[] {
  const list = (typeof v === 'string' ? JSON.parse(v) : v) as [string, string][];
  return list.map(([a, b]) => ({ startsAt: new Date(a), endsAt: new Date(b) }));
}

function claimOf(row: Record<string, unknown>): ClaimRow {
  const c: Record<string, unknown> = {};
  for (const col of CLAIM_COLUMNS) c[col.replace(/_([a-z0-9])/g, (_, x: string) => x.toUpperCase())] = row[col];
  return c as unknown as ClaimRow;
}

const CLAIM_COLUMNS = [
  'id',
  'shift_id',
  'member_id',
  'post_id',
  'community_id',
  'place_path',
  'status',
  'starts_at',
  'ends_at',
  'assigned_by',
  'checked_in_at',
  'checked_in_by',
  'checked_out_at',
  'served_minutes',
  'cancel_reason',
  'cancelled_at',
  'promoted_at',
  'created_at',
  'updated_at',
  'version',
] as const;

/**
 * Takes a place on the first shift of the call-up with room, skipping those another claim holds
 * locked (a crowd spreads over the shifts) or, with `skipLocked` false, waiting for the first; the
 * conditional UPDATE (filled < headcount) is the only write raising `filled`, so a shift never
 * overfills. One statement: the shift's row, the claim, and the member's active claims around
 * [from, to) as they stand once the member's row is locked. A refusal afterwards (overlap, rest
 * rule) throws, and the place goes back with the transaction.
 */
export async function takeCallUpPlace(tx: Tx, callUpId: number, memberId: number, from: Date, to: Date, skipLocked: boolean): Promise<CallUpTake> {
  const [row] = await preparedIn<Record<string, unknown>>(
    tx,
    skipLocked ? 'jiayuan_duty_take_skip_v1' : 'jiayuan_duty_take_wait_v1',
    skipLocked ? TAKE_SKIP_LOCKED : TAKE_WAITING,
    [callUpId, memberId, from, to],
  );
  const r = row!;
  return {
    picked: Number(r.picked) > 0,
    held: heldWindows(r.held_windows),
    taken:
      r.id === null || r.id === undefined
        ? null
        : {
            claim: claimOf(r),
            filled: Number(r.shift_filled),
            headcount: Number(r.shift_headcount),
            unfilledFlaggedAt: (r.shift_unfilled_flagged_at as Date | null) ?? null,
            post: { id: Number(r.post_id), name: String(r.post_name ?? ''), placePath: String(r.post_place_path ?? '') },
          },
  };
}

const WAIT_ON_CALL_UP = `
  WITH first_shift AS (
    SELECT id FROM duty_shifts WHERE call_up_id = $1 ORDER BY id LIMIT 1
  ), w AS (
    UPDATE duty_shifts s SET waiting = s.waiting + 1 FROM first_shift f WHERE s.id = f.id RETURNING s.*
  ), claim AS (
    INSERT INTO duty_claims (shift_id, member_id, post_id, community_id, place_path, status, starts_at, ends_at)
    SELECT id, $2, post_id, community_id, place_path, 'waiting', starts_at, ends_at FROM w
    RETURNING *
  )
  SELECT p.name AS post_name, p.place_path AS post_place_path, claim.*
  FROM claim JOIN w ON TRUE LEFT JOIN duty_posts p ON p.id = w.post_id`;

/**
 * A place on the call-up's waiting list: it is kept on the call-up's first shift (a place freed on
 * any of its shifts goes to its first member). One statement; undefined when the call-up has no shift.
 */
export async function waitOnCallUp(
  tx: Tx,
  callUpId: number,
  memberId: number,
): Promise<{ claim: ClaimRow; post: { id: number; name: string; placePath: string } } | undefined> {
  const [r] = await preparedIn<Record<string, unknown>>(tx, 'jiayuan_duty_wait_v1', WAIT_ON_CALL_UP, [callUpId, memberId]);
  if (!r) return undefined;
  return { claim: claimOf(r), post: { id: Number(r.post_id), name: String(r.post_name ?? ''), placePath: String(r.post_place_path ?? '') } };
}
