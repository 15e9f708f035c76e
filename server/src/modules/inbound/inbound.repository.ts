import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { InboundStatus } from '@jiayuan/contracts';
import type { Actor } from '../../platform/access/actor.js';
import { scopeWhere } from '../../platform/access/scope-sql.js';
import { queryOne, queryRows, type Executor } from '../../platform/db/database.js';
import { employerLiaisons } from '../../platform/auth/identity.repository.js';
import { findEmployers } from '../../platform/places/places.repository.js';
import { places } from '../../platform/places/places.schema.js';
import * as registry from '../registry/index.js';
import { inboundEvents, inboundRequests, type inboundSettings } from './inbound.schema.js';

export type RequestRow = typeof inboundRequests.$inferSelect;
export type RequestInsert = typeof inboundRequests.$inferInsert;
export type SettingsRow = typeof inboundSettings.$inferSelect;

/**
 * Who sees a request: the department it sits with (coordinators), the community it was
 * routed to (committee staff), the station over its dwelling, and its employer's liaisons.
 */
export function requestScope(actor: Actor): SQL {
  if (actor.scope.all) return sql`TRUE`;
  return sql`(${scopeWhere(actor, { path: inboundRequests.departmentPath, employerId: inboundRequests.employerId })}
    OR ${scopeWhere(actor, { path: inboundRequests.communityPath })}
    OR ${scopeWhere(actor, { path: inboundRequests.dwellingPath })})`;
}

export async function insertRequest(ex: Executor, values: RequestInsert): Promise<RequestRow> {
  const [row] = await ex.insert(inboundRequests).values(values).returning();
  return row!;
}

export async function findInScope(ex: Executor, actor: Actor, id: number, forUpdate = false) {
  const q = ex
    .select()
    .from(inboundRequests)
    .where(and(eq(inboundRequests.id, id), requestScope(actor)));
  const [row] = forUpdate ? await q.for('update') : await q;
  return row;
}

export async function findById(ex: Executor, id: number, forUpdate = false) {
  const q = ex.select().from(inboundRequests).where(eq(inboundRequests.id, id));
  const [row] = forUpdate ? await q.for('update') : await q;
  return row;
}

/**
 * Moves a request from one status to another if it is still there (and at the version read,
 * when given): a concurrent change makes this return undefined, and the caller answers 409.
 */
export async function transition(ex: Executor, id: number, from: InboundStatus, version: number | null, values: Partial<RequestInsert>, now: Date) {
  const [row] = await ex
    .update(inboundRequests)
    .set({ ...values, updatedAt: now, version: sql`${inboundRequests.version} + 1` })
    .where(and(eq(inboundRequests.id, id), eq(inboundRequests.status, from), version === null ? sql`TRUE` : eq(inboundRequests.version, version)))
    .returning();
  return row;
}

export async function updateFields(ex: Executor, id: number, values: Partial<RequestInsert>, now: Date) {
  const [row] = await ex
    .update(inboundRequests)
    .set({ ...values, updatedAt: now, version: sql`${inboundRequests.version} + 1` })
    .where(eq(inboundRequests.id, id))
    .returning();
  return row!;
}

/** A request of the same person still under way (not rejected, withdrawn or arrived). */
export async function openRequestOf(ex: Executor, by: { residentId: number | null; idNumberBi: Buffer | null }) {
  const conds: SQL[] = [];
  if (by.residentId) conds.push(eq(inboundRequests.residentId, by.residentId));
  if (by.idNumberBi) conds.push(sql`${inboundRequests.idNumberBi} = ${by.idNumberBi}`);
  if (conds.length === 0) return undefined;
  const [row] = await ex
    .select({ id: inboundRequests.id })
    .from(inboundRequests)
    .where(and(sql`(${sql.join(conds, sql` OR `)})`, inArray(inboundRequests.status, ['submitted', 'routed', 'approved', 'notified'])))
    .limit(1);
  return row;
}

export const QUEUE_STATUSES: Record<string, InboundStatus[]> = {
  route: ['submitted'],
  review: ['routed'],
  notify: ['approved'],
  arrival: ['approved', 'notified'],
  closed: ['arrived', 'rejected', 'withdrawn'],
  open: ['submitted', 'routed', 'approved', 'notified'],
};

/** What the figures count as approved (and the list's outcome filter shows): decided with a measure, not since withdrawn. */
const APPROVED = sql`measure IS NOT NULL AND status IN ('approved', 'notified', 'arrived')`;

export interface RequestFilter {
  queue: string;
  submittedFrom?: Date | undefined;
  submittedBefore?: Date | undefined;
  outcome?: 'approved' | 'rejected' | undefined;
  status?: InboundStatus | undefined;
  employerId?: number | undefined;
  communityId?: number | undefined;
  namePrefix?: string | null;
  submittedBy?: number | null;
}

function filterWhere(actor: Actor, f: RequestFilter): SQL {
  const conds: SQL[] = [requestScope(actor)];
  const statuses = QUEUE_STATUSES[f.queue];
  if (statuses) conds.push(inArray(inboundRequests.status, statuses));
  if (f.queue === 'mine') conds.push(f.submittedBy ? eq(inboundRequests.submittedBy, f.submittedBy) : sql`FALSE`);
  if (f.status) conds.push(eq(inboundRequests.status, f.status));
  if (f.employerId) conds.push(eq(inboundRequests.employerId, f.employerId));
  if (f.communityId) conds.push(eq(inboundRequests.communityId, f.communityId));
  if (f.submittedFrom) conds.push(sql`${inboundRequests.submittedAt} >= ${f.submittedFrom}`);
  if (f.submittedBefore) conds.push(sql`${inboundRequests.submittedAt} < ${f.submittedBefore}`);
  if (f.outcome === 'approved') conds.push(APPROVED);
  if (f.outcome === 'rejected') conds.push(eq(inboundRequests.status, 'rejected'));
  if (f.namePrefix) conds.push(sql`${inboundRequests.name} LIKE ${`${f.namePrefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
  return and(...conds)!;
}

export async function listRequests(ex: Executor, actor: Actor, f: RequestFilter, paging: { limit: number; offset: number }) {
  const where = filterWhere(actor, f);
  const closed = f.queue === 'closed' || f.queue === 'all' || f.queue === 'mine';
  const rows = await ex
    .select()
    .from(inboundRequests)
    .where(where)
    .orderBy(...(closed ? [desc(inboundRequests.updatedAt)] : [sql`${inboundRequests.dueAt} ASC NULLS LAST`]), asc(inboundRequests.id))
    .limit(paging.limit)
    .offset(paging.offset);
  const total = await ex.$count(inboundRequests, where);
  return { rows, total };
}

/** Counts per queue within the actor's scope, for the tabs. */
export async function queueCounts(ex: Executor, actor: Actor, userId: number | null, now: Date) {
  const row = await queryOne<Record<string, number>>(
    ex,
    sql`SELECT count(*) FILTER (WHERE status = 'submitted')::int AS route,
               count(*) FILTER (WHERE status = 'routed')::int AS review,
               count(*) FILTER (WHERE status = 'approved')::int AS notify,
               count(*) FILTER (WHERE status IN ('approved', 'notified'))::int AS arrival,
               count(*) FILTER (WHERE submitted_by = ${userId ?? -1})::int AS mine,
               count(*) FILTER (WHERE status IN ('arrived', 'rejected', 'withdrawn'))::int AS closed,
               count(*)::int AS "all",
               count(*) FILTER (WHERE due_at < ${now} AND status IN ('submitted', 'routed', 'approved', 'notified'))::int AS overdue
        FROM inbound_requests WHERE ${requestScope(actor)}`,
  );
  return row ?? {};
}

export async function insertEvent(ex: Executor, values: typeof inboundEvents.$inferInsert) {
  await ex.insert(inboundEvents).values(values);
}

export async function eventsOf(ex: Executor, requestId: number) {
  return ex.select().from(inboundEvents).where(eq(inboundEvents.requestId, requestId)).orderBy(asc(inboundEvents.at), asc(inboundEvents.id));
}

export async function employerNames(ex: Executor, ids: number[]) {
  if (ids.length === 0) return new Map<number, string>();
  const rows = await findEmployers(ex, ids);
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function placeNames(ex: Executor, ids: number[]) {
  if (ids.length === 0) return new Map<number, string>();
  const rows = await ex
    .select({ id: places.id, name: places.name })
    .from(places)
    .where(inArray(places.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The ancestors of a place path by type (department, community…), from the place tree. */
export async function ancestorsByType(ex: Executor, path: string) {
  const ids = path.split('.').filter(Boolean).map(Number);
  if (ids.length === 0) return new Map<string, { id: number; path: string; name: string }>();
  const rows = await ex.select({ id: places.id, type: places.type, path: places.path, name: places.name }).from(places).where(inArray(places.id, ids));
  return new Map(rows.map((r) => [r.type, { id: r.id, path: r.path, name: r.name }]));
}

export async function findPlace(ex: Executor, id: number) {
  const [row] = await ex.select().from(places).where(eq(places.id, id));
  return row;
}

export async function communities(ex: Executor) {
  return ex.select({ id: places.id, name: places.name, path: places.path }).from(places).where(eq(places.type, 'community')).orderBy(asc(places.path));
}

/** A resident with their dwelling (the registry's typed read). */
export const residentRow = registry.residentRecord;

export const residentByIdIndex = registry.residentByIdIndexAnywhere;

export const phoneIndexOfResident = registry.residentPhoneIndex;

/** Liaisons of an employer (users scoped to it), to push results to. */
export async function liaisonsOf(ex: Executor, employerId: number) {
  return [...new Set((await employerLiaisons(ex, [employerId])).map((r) => r.id))];
}

/** A resident's own requests (phone-code session): by resident id or by their phone's blind index. */
export async function requestsOfResident(ex: Executor, residentId: number, phoneBi: Buffer | null) {
  return ex
    .select()
    .from(inboundRequests)
    .where(
      phoneBi ? sql`(${inboundRequests.residentId} = ${residentId} OR ${inboundRequests.phoneBi} = ${phoneBi})` : eq(inboundRequests.residentId, residentId),
    )
    .orderBy(desc(inboundRequests.submittedAt))
    .limit(20);
}

/** The loop's figures grouped by submission day, employer or community, computed in SQL. */
export async function figures(ex: Executor, actor: Actor, from: Date, to: Date, by: 'day' | 'employer' | 'community', tz: string) {
  const key =
    by === 'day'
      ? sql`to_char(submitted_at AT TIME ZONE ${tz}, 'YYYY-MM-DD')`
      : by === 'employer'
        ? sql`coalesce(employer_id::text, '-')`
        : sql`coalesce(community_id::text, '-')`;
  const minutes = sql`extract(epoch FROM decided_at - submitted_at) / 60.0`;
  const body = (group: SQL) => sql`
    SELECT ${group} AS key,
      count(*)::int AS submitted,
      count(*) FILTER (WHERE ${APPROVED})::int AS approved,
      count(*) FILTER (WHERE status = 'rejected')::int AS rejected,
      count(*) FILTER (WHERE decided_at IS NOT NULL)::int AS decided,
      round((percentile_cont(0.5) WITHIN GROUP (ORDER BY ${minutes}) FILTER (WHERE decided_at IS NOT NULL))::numeric, 1) AS median,
      round((percentile_cont(0.9) WITHIN GROUP (ORDER BY ${minutes}) FILTER (WHERE decided_at IS NOT NULL))::numeric, 1) AS p90,
      round((count(*) FILTER (WHERE decided_at IS NOT NULL AND decided_at - submitted_at <= interval '1 hour'))::numeric
        / nullif(count(*) FILTER (WHERE decided_at IS NOT NULL), 0), 4) AS within_hour
    FROM inbound_requests
    WHERE submitted_at >= ${from} AND submitted_at < ${to} AND ${requestScope(actor)}`;
  type Row = {
    key: string;
    submitted: number;
    approved: number;
    rejected: number;
    decided: number;
    median: number | null;
    p90: number | null;
    within_hour: number | null;
  };
  const rows = await queryRows<Row>(ex, sql`${body(key)} GROUP BY 1 ORDER BY 1`);
  const total = await queryOne<Row>(ex, body(sql`'total'`));
  return { rows, total: total! };
}

/** Children of a place (or the roots), names only: for choosing a dwelling when submitting. */
export async function childPlaces(ex: Executor, parentId: number | null) {
  return ex
    .select({ id: places.id, name: places.name, type: places.type })
    .from(places)
    .where(parentId === null ? sql`${places.parentId} IS NULL` : eq(places.parentId, parentId))
    .orderBy(asc(places.sortOrder), asc(places.id))
    .limit(2000);
}
