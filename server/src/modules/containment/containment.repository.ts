import { and, asc, desc, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/access/actor.js';
import { scopeWhere, underPath } from '../../platform/access/scope-sql.js';
import { queryRows, type Executor } from '../../platform/db/database.js';
import { containmentCases, type containmentSettings } from './containment.schema.js';
import { notifyLockdownsChanged } from './lockdowns.list.js';
import { nextListVersion } from './lockdowns.list.js';
import { lockdownOrders } from './lockdowns.schema.js';

export type CaseRow = typeof containmentCases.$inferSelect;
export type OrderRow = typeof lockdownOrders.$inferSelect;
export type SettingsRow = typeof containmentSettings.$inferSelect;

/** The key of the transaction lock every change to lockdown orders takes ('封控' in a number). */
const ORDERS_LOCK = 0x5c01_0001;

/**
 * Serialises the transactions that change lockdown orders: list versions then commit in the
 * order they were drawn, so a gate asking "since v" never misses a lower version committed
 * late, and two case changes cannot both propose the same place.
 */
export async function lockOrders(ex: Executor) {
  await queryRows(ex, sql`SELECT pg_advisory_xact_lock(${ORDERS_LOCK})`);
}

// Cases

export async function insertCase(ex: Executor, values: typeof containmentCases.$inferInsert) {
  const [row] = await ex.insert(containmentCases).values(values).returning();
  return row!;
}

export async function findCaseInScope(ex: Executor, actor: Actor, id: number, forUpdate = false) {
  const q = ex
    .select()
    .from(containmentCases)
    .where(and(eq(containmentCases.id, id), scopeWhere(actor, { path: containmentCases.placePath })));
  const [row] = forUpdate ? await q.for('update') : await q;
  return row;
}

export async function updateCaseVersioned(ex: Executor, id: number, version: number, set: Partial<CaseRow>, at: Date) {
  const [row] = await ex
    .update(containmentCases)
    .set({ ...set, updatedAt: at, version: sql`${containmentCases.version} + 1` })
    .where(and(eq(containmentCases.id, id), eq(containmentCases.version, version)))
    .returning();
  return row;
}

export async function listCases(
  ex: Executor,
  actor: Actor,
  f: { statuses: string[]; kind?: string | undefined; placePath: string | null },
  paging: { limit: number; offset: number },
) {
  const where = and(
    scopeWhere(actor, { path: containmentCases.placePath }),
    inArray(containmentCases.status, f.statuses),
    f.kind ? eq(containmentCases.kind, f.kind) : sql`TRUE`,
    f.placePath ? underPath(containmentCases.placePath, f.placePath) : sql`TRUE`,
  )!;
  const [rows, total] = await Promise.all([
    ex
      .select()
      .from(containmentCases)
      .where(where)
      .orderBy(desc(containmentCases.reportedOn), desc(containmentCases.id))
      .limit(paging.limit)
      .offset(paging.offset),
    ex.$count(containmentCases, where),
  ]);
  return { rows, total };
}

/** Every case of a compound that was not excluded (the rule then counts those its settings allow). */
export async function casesOfCompound(ex: Executor, compoundId: number) {
  return ex
    .select()
    .from(containmentCases)
    .where(and(eq(containmentCases.compoundId, compoundId), sql`${containmentCases.status} <> 'excluded'`))
    .orderBy(asc(containmentCases.id));
}

/** Counted cases per place under a path (for the map): the dwelling paths of cases not excluded. */
export async function casePathsUnder(ex: Executor, path: string) {
  return ex
    .select({ placePath: containmentCases.placePath, kind: containmentCases.kind })
    .from(containmentCases)
    .where(and(underPath(containmentCases.placePath, path), sql`${containmentCases.status} <> 'excluded'`));
}

// Settings

// Orders

/** Orders proposed or in force at or under a path (a compound's, for the rule). */
export async function openOrdersUnder(ex: Executor, path: string) {
  return ex
    .select()
    .from(lockdownOrders)
    .where(and(inArray(lockdownOrders.status, ['proposed', 'active']), underPath(lockdownOrders.placePath, path)))
    .orderBy(asc(lockdownOrders.placePath));
}

/** Orders proposed or in force over a place or any place above it. */
export async function openOrdersOver(ex: Executor, pathIds: number[]) {
  if (pathIds.length === 0) return [];
  return ex
    .select()
    .from(lockdownOrders)
    .where(and(inArray(lockdownOrders.status, ['proposed', 'active']), inArray(lockdownOrders.placeId, pathIds)));
}

/** Earlier orders of a place that are over (dismissed or released): a proposal they already answered is not made again. */
export async function closedOrdersOf(ex: Executor, placeIds: number[]) {
  if (placeIds.length === 0) return [];
  return ex
    .select()
    .from(lockdownOrders)
    .where(and(inArray(lockdownOrders.placeId, placeIds), inArray(lockdownOrders.status, ['dismissed', 'released'])));
}

export async function insertOrder(ex: Executor, values: typeof lockdownOrders.$inferInsert) {
  const [row] = await ex.insert(lockdownOrders).values(values).returning();
  if (row!.status === 'active') await notifyLockdownsChanged(ex);
  return row!;
}

/**
 * Changes an order if it is still in `from` (a concurrent change loses cleanly), taking the next
 * list version so gates' deltas carry the change.
 */
export async function updateOrder(ex: Executor, id: number, from: readonly string[], set: Partial<OrderRow>, at: Date, listVersion?: number) {
  const [row] = await ex
    .update(lockdownOrders)
    .set({ ...set, updatedAt: at, listVersion: nextListVersion })
    .where(
      and(
        eq(lockdownOrders.id, id),
        inArray(lockdownOrders.status, [...from]),
        listVersion === undefined ? undefined : eq(lockdownOrders.listVersion, listVersion),
      ),
    )
    .returning();
  // Gates' view in every instance reads the orders in force again once this commits.
  if (row) await notifyLockdownsChanged(ex);
  return row;
}

export function orderScope(actor: Actor) {
  return scopeWhere(actor, { path: lockdownOrders.placePath });
}

export async function findOrderInScope(ex: Executor, actor: Actor, id: number, forUpdate = false) {
  const q = ex
    .select()
    .from(lockdownOrders)
    .where(and(eq(lockdownOrders.id, id), orderScope(actor)));
  const [row] = forUpdate ? await q.for('update') : await q;
  return row;
}

export async function listOrders(ex: Executor, actor: Actor, f: { status: string; placePath: string | null }, paging: { limit: number; offset: number }) {
  const base = and(orderScope(actor), f.placePath ? underPath(lockdownOrders.placePath, f.placePath) : sql`TRUE`)!;
  const where = and(base, eq(lockdownOrders.status, f.status))!;
  const [rows, total, counts] = await Promise.all([
    ex.select().from(lockdownOrders).where(where).orderBy(desc(lockdownOrders.updatedAt), desc(lockdownOrders.id)).limit(paging.limit).offset(paging.offset),
    ex.$count(lockdownOrders, where),
    ex
      .select({ status: lockdownOrders.status, n: sql<number>`count(*)::int` })
      .from(lockdownOrders)
      .where(base)
      .groupBy(lockdownOrders.status),
  ]);
  return { rows, total, counts };
}

/** Orders in force (and proposals) in the actor's scope, for the map and the dashboard. */
export async function openOrdersInScope(ex: Executor, actor: Actor) {
  return ex
    .select()
    .from(lockdownOrders)
    .where(and(inArray(lockdownOrders.status, ['proposed', 'active']), orderScope(actor)))
    .orderBy(asc(lockdownOrders.placePath));
}

/** Orders in force whose release date has come and whose coordinators have not yet been told. */
export async function dueForReleaseNotice(ex: Executor, now: Date, limit = 100) {
  return ex
    .select()
    .from(lockdownOrders)
    .where(and(eq(lockdownOrders.status, 'active'), lte(lockdownOrders.releaseAfter, now), isNull(lockdownOrders.releaseNotifiedAt)))
    .orderBy(asc(lockdownOrders.releaseAfter))
    .limit(limit);
}

/** Cases by the day they were reported (local date), per kind; excluded ones apart (the figure set). */
export async function caseFiguresByDay(ex: Executor, actor: Actor, from: string, to: string) {
  return queryRows<{ day: string; confirmed: number; suspected: number; excluded: number }>(
    ex,
    sql`SELECT reported_on::text AS day,
               count(*) FILTER (WHERE kind = 'confirmed' AND status <> 'excluded')::int AS confirmed,
               count(*) FILTER (WHERE kind = 'suspected' AND status <> 'excluded')::int AS suspected,
               count(*) FILTER (WHERE status = 'excluded')::int AS excluded
        FROM containment_cases WHERE reported_on >= ${from} AND reported_on <= ${to} AND ${scopeWhere(actor, { path: containmentCases.placePath })}
        GROUP BY 1`,
  );
}

/** Lockdown orders put in force and released per local day of [from, to) (the figure set). */
export async function orderFiguresByDay(ex: Executor, actor: Actor, from: Date, to: Date, tz: string) {
  const scope = scopeWhere(actor, { path: lockdownOrders.placePath });
  return queryRows<{ day: string; sealed: number; released: number }>(
    ex,
    sql`SELECT d AS day, sum(s)::int AS sealed, sum(r)::int AS released FROM (
          SELECT to_char(starts_at AT TIME ZONE ${tz}, 'YYYY-MM-DD') AS d, 1 AS s, 0 AS r FROM lockdown_orders WHERE starts_at >= ${from} AND starts_at < ${to} AND ${scope}
          UNION ALL
          SELECT to_char(released_at AT TIME ZONE ${tz}, 'YYYY-MM-DD'), 0, 1 FROM lockdown_orders WHERE released_at >= ${from} AND released_at < ${to} AND ${scope}) x
        GROUP BY d`,
  );
}
