import { and, asc, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { OrderStatus, Stage } from '@jiayuan/contracts';
import type { Actor } from '../../platform/access/actor.js';
import { scopeWhere, underPath } from '../../platform/access/scope-sql.js';
import * as identity from '../../platform/auth/identity.repository.js';
import { queryRows, type Executor } from '../../platform/db/database.js';
import { pageWithTotal } from '../../platform/db/paging.js';
import { appendAtEnd } from '../../platform/db/tx-tail.js';
import { defineSnapshotCache, tableWritten } from '../../platform/db/reference-cache.js';
import { sdBreaches, sdCategories, sdCategoryTeams, sdOrderEvents, sdOrders, sdPhotos, sdTeamMembers, sdTeams } from './servicedesk.schema.js';

export type TeamRow = typeof sdTeams.$inferSelect;
export type CategoryRow = typeof sdCategories.$inferSelect;
export type OrderRow = typeof sdOrders.$inferSelect;
export type OrderInsert = typeof sdOrders.$inferInsert;
export type BreachRow = typeof sdBreaches.$inferSelect;

/**
 * The service desk's configuration — categories, teams, their members and which team answers for
 * which category — read on every order's step and kept per instance until any of it changes
 * (platform/db/reference-cache.ts; the tables' triggers announce every change).
 */
const config = defineSnapshotCache({
  name: 'servicedesk.config',
  tables: ['sd_categories', 'sd_teams', 'sd_team_members', 'sd_category_teams'],
  async load(ex) {
    // One after the other: the read may run on a transaction's single connection.
    const categories = await ex.select().from(sdCategories).orderBy(asc(sdCategories.sortOrder), asc(sdCategories.id));
    const teams = await ex.select().from(sdTeams).orderBy(asc(sdTeams.name), asc(sdTeams.id));
    const members = await ex.select().from(sdTeamMembers).orderBy(asc(sdTeamMembers.teamId), asc(sdTeamMembers.userId));
    const categoryTeams = await ex.select().from(sdCategoryTeams).orderBy(asc(sdCategoryTeams.categoryId), asc(sdCategoryTeams.teamId));
    return {
      categories: categories.map((c) => Object.freeze(c)),
      categoryById: new Map(categories.map((c) => [c.id, c])),
      teams: teams.map((t) => Object.freeze(t)),
      teamById: new Map(teams.map((t) => [t.id, t])),
      members: members.map((m) => Object.freeze(m)),
      categoryTeams: categoryTeams.map((ct) => Object.freeze(ct)),
    };
  },
});

const OPEN = sql`${sdOrders.status} NOT IN ('closed', 'cancelled', 'merged')`;
export const openOrders = OPEN;

// ---- people ----

export async function userNames(ex: Executor, ids: (number | null | undefined)[]): Promise<Map<number, string>> {
  return identity.userNames(
    ex,
    ids.filter((i): i is number => typeof i === 'number'),
  );
}

export const activeStaff = identity.activeStaffAmong;

export const userIdOfResident = identity.activeUserOfResident;

// ---- teams ----

/** Teams the user belongs to, as a member or as the leader. */
export async function teamIdsOf(ex: Executor, userId: number | null): Promise<number[]> {
  return (await teamsOf(ex, userId)).teamIds;
}

/** Teams the user belongs to (as a member or as the leader), and those they lead. */
export async function teamsOf(ex: Executor, userId: number | null): Promise<{ teamIds: number[]; leaderOf: number[] }> {
  if (userId === null) return { teamIds: [], leaderOf: [] };
  const c = await config.get(ex);
  const leaderOf = c.teams.filter((t) => t.leaderUserId === userId).map((t) => t.id);
  const memberOf = c.members.filter((m) => m.userId === userId).map((m) => m.teamId);
  return { teamIds: [...new Set([...memberOf, ...leaderOf])], leaderOf };
}

export async function listTeams(ex: Executor, actor: Actor) {
  return ex
    .select()
    .from(sdTeams)
    .where(scopeWhere(actor, { path: sdTeams.placePath }))
    .orderBy(asc(sdTeams.name));
}

export async function allTeams(ex: Executor): Promise<readonly TeamRow[]> {
  return (await config.get(ex)).teams;
}

export async function findTeam(ex: Executor, id: number, forUpdate = false): Promise<TeamRow | undefined> {
  if (!forUpdate) return (await config.get(ex)).teamById.get(id);
  const [row] = await ex.select().from(sdTeams).where(eq(sdTeams.id, id)).for('update');
  return row;
}

export async function teamByName(ex: Executor, name: string, exceptId?: number) {
  const [row] = await ex
    .select({ id: sdTeams.id })
    .from(sdTeams)
    .where(and(eq(sdTeams.name, name), exceptId ? sql`${sdTeams.id} <> ${exceptId}` : sql`TRUE`));
  return row;
}

export async function insertTeam(ex: Executor, values: typeof sdTeams.$inferInsert) {
  tableWritten(ex, 'sd_teams');
  const [row] = await ex.insert(sdTeams).values(values).returning();
  return row!;
}

export async function updateTeam(ex: Executor, id: number, values: Partial<typeof sdTeams.$inferInsert>, now: Date) {
  tableWritten(ex, 'sd_teams');
  const [row] = await ex
    .update(sdTeams)
    .set({ ...values, updatedAt: now, version: sql`${sdTeams.version} + 1` })
    .where(eq(sdTeams.id, id))
    .returning();
  return row!;
}

export async function setMembers(ex: Executor, teamId: number, userIds: number[]) {
  tableWritten(ex, 'sd_team_members');
  await ex.delete(sdTeamMembers).where(eq(sdTeamMembers.teamId, teamId));
  if (userIds.length > 0) await ex.insert(sdTeamMembers).values([...new Set(userIds)].map((userId) => ({ teamId, userId })));
}

/** The members of these teams with their names, by name. */
export async function membersOf(ex: Executor, teamIds: number[]): Promise<{ teamId: number; userId: number; name: string }[]> {
  if (teamIds.length === 0) return [];
  const wanted = new Set(teamIds);
  const rows = (await config.get(ex)).members.filter((m) => wanted.has(m.teamId));
  const names = await userNames(
    ex,
    rows.map((m) => m.userId),
  );
  return rows
    .map((m) => ({ teamId: m.teamId, userId: m.userId, name: names.get(m.userId) ?? '' }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.userId - b.userId));
}

/** Open orders a team holds (or is asked to take over) whose place lies outside the given path. */
export async function openOrdersOutside(ex: Executor, teamId: number, path: string): Promise<number> {
  return ex.$count(
    sdOrders,
    and(OPEN, sql`(${sdOrders.teamId} = ${teamId} OR ${sdOrders.transferToTeamId} = ${teamId})`, sql`NOT (${underPath(sdOrders.placePath, path)})`),
  );
}

export async function openCountsByTeam(ex: Executor, teamIds: number[]) {
  if (teamIds.length === 0) return new Map<number, number>();
  const rows = await queryRows<{ team_id: number; n: number }>(
    ex,
    sql`SELECT team_id, count(*)::int AS n FROM sd_orders WHERE ${OPEN} AND ${inArray(sdOrders.teamId, teamIds)} GROUP BY team_id`,
  );
  return new Map(rows.map((r) => [r.team_id, r.n]));
}

// ---- categories ----

export async function listCategories(ex: Executor): Promise<readonly CategoryRow[]> {
  return (await config.get(ex)).categories;
}

export async function findCategory(ex: Executor, id: number): Promise<CategoryRow | undefined> {
  return (await config.get(ex)).categoryById.get(id);
}

/** Names of categories and teams by id (for lists of orders). */
export async function configNames(ex: Executor) {
  const c = await config.get(ex);
  return { categoryById: c.categoryById, teamById: c.teamById };
}

export async function categoryByCode(ex: Executor, code: string) {
  const [row] = await ex.select().from(sdCategories).where(eq(sdCategories.code, code));
  return row;
}

export async function insertCategory(ex: Executor, values: typeof sdCategories.$inferInsert) {
  tableWritten(ex, 'sd_categories');
  const [row] = await ex.insert(sdCategories).values(values).returning();
  return row!;
}

export async function updateCategory(ex: Executor, id: number, version: number, values: Partial<typeof sdCategories.$inferInsert>, now: Date) {
  tableWritten(ex, 'sd_categories');
  const [row] = await ex
    .update(sdCategories)
    .set({ ...values, updatedAt: now, version: sql`${sdCategories.version} + 1` })
    .where(and(eq(sdCategories.id, id), eq(sdCategories.version, version)))
    .returning();
  return row;
}

// ---- the teams of categories ----

export async function categoryTeamIds(ex: Executor): Promise<Map<number, number[]>> {
  const rows = (await config.get(ex)).categoryTeams;
  const out = new Map<number, number[]>();
  for (const r of rows) out.set(r.categoryId, [...(out.get(r.categoryId) ?? []), r.teamId]);
  return out;
}

export async function setCategoryTeams(ex: Executor, categoryId: number, teamIds: number[]) {
  tableWritten(ex, 'sd_category_teams');
  await ex.delete(sdCategoryTeams).where(eq(sdCategoryTeams.categoryId, categoryId));
  if (teamIds.length > 0) await ex.insert(sdCategoryTeams).values([...new Set(teamIds)].map((teamId) => ({ categoryId, teamId })));
}

/** Makes a team answer for the top-level categories of one kind that no team answers for yet (the demo's set-up). */
export async function teamForUnservedRootCategories(ex: Executor, teamId: number, repairs: boolean) {
  tableWritten(ex, 'sd_category_teams');
  await ex.execute(
    sql`INSERT INTO sd_category_teams (category_id, team_id)
        SELECT c.id, ${teamId} FROM sd_categories c
        WHERE c.parent_id IS NULL AND (c.kind = 'repair') = ${repairs}
          AND NOT EXISTS (SELECT 1 FROM sd_category_teams ct WHERE ct.category_id = c.id)`,
  );
}

/** The active teams of these categories whose served place is one of the given paths, with the category each answers for. */
export async function categoryTeamsAt(ex: Executor, categoryIds: number[], placePaths: string[]): Promise<{ categoryId: number; team: TeamRow }[]> {
  if (categoryIds.length === 0 || placePaths.length === 0) return [];
  const c = await config.get(ex);
  const cats = new Set(categoryIds);
  const paths = new Set(placePaths);
  return c.categoryTeams.flatMap((ct) => {
    const team = c.teamById.get(ct.teamId);
    return cats.has(ct.categoryId) && team && team.active && paths.has(team.placePath) ? [{ categoryId: ct.categoryId, team }] : [];
  });
}

// ---- orders ----

/**
 * Orders the actor may see: inside their place scope (a resident: their own household's), or
 * held by a team they belong to, or assigned to or owned by them.
 */
export function orderVisible(actor: Actor, teamIds: readonly number[]): SQL {
  const parts: SQL[] = [scopeWhere(actor, { path: sdOrders.placePath, householdId: sdOrders.reporterHouseholdId })];
  if (teamIds.length > 0) {
    parts.push(inArray(sdOrders.teamId, [...teamIds]));
    parts.push(inArray(sdOrders.transferToTeamId, [...teamIds]));
  }
  if (actor.userId !== null && actor.residentId === null) {
    parts.push(sql`${sdOrders.assigneeUserId} = ${actor.userId}`);
    parts.push(sql`${sdOrders.ownerUserId} = ${actor.userId}`);
  }
  return sql`(${sql.join(parts, sql` OR `)})`;
}

export async function insertOrder(ex: Executor, values: OrderInsert) {
  const [row] = await ex.insert(sdOrders).values(values).returning();
  return row!;
}

export async function findOrderVisible(ex: Executor, actor: Actor, teamIds: readonly number[], id: number, forUpdate = false) {
  const q = ex
    .select()
    .from(sdOrders)
    .where(and(eq(sdOrders.id, id), orderVisible(actor, teamIds)));
  const [row] = forUpdate ? await q.for('update') : await q;
  return row;
}

export async function findOrder(ex: Executor, id: number, forUpdate = false) {
  const q = ex.select().from(sdOrders).where(eq(sdOrders.id, id));
  const [row] = forUpdate ? await q.for('update') : await q;
  return row;
}

export async function findOrderByToken(ex: Executor, token: string) {
  const [row] = await ex.select().from(sdOrders).where(eq(sdOrders.open311Token, token));
  return row;
}

/**
 * Moves an order on, only if it is still in the status and version the caller read: a
 * concurrent change makes this return nothing, and the caller answers 409.
 */
export async function updateOrderFrom(ex: Executor, id: number, from: OrderStatus, version: number, values: Partial<OrderInsert>, now: Date) {
  const [row] = await ex
    .update(sdOrders)
    .set({ ...values, updatedAt: now, version: sql`${sdOrders.version} + 1` })
    .where(and(eq(sdOrders.id, id), eq(sdOrders.status, from), eq(sdOrders.version, version)))
    .returning();
  return row;
}

export interface OrderFilter {
  status: string;
  kind?: string | undefined;
  teamId?: number | undefined;
  categoryId?: number | undefined;
  placePath?: string | null;
  assigneeUserId?: number | undefined;
  overdueAt?: Date | null;
  q?: string | undefined;
  householdId?: number | null;
  receivedFrom?: Date | null;
  receivedBefore?: Date | null;
}

function filterWhere(actor: Actor, teamIds: readonly number[], f: OrderFilter): SQL {
  const conds: SQL[] = [orderVisible(actor, teamIds)];
  if (f.status === 'open') conds.push(OPEN);
  else if (f.status === 'closed') conds.push(sql`NOT (${OPEN})`);
  else if (f.status === 'counted') conds.push(sql`${sdOrders.status} <> 'merged'`);
  else if (f.status !== 'all') conds.push(eq(sdOrders.status, f.status as OrderStatus));
  if (f.kind) conds.push(eq(sdOrders.kind, f.kind as 'repair'));
  if (f.teamId) conds.push(eq(sdOrders.teamId, f.teamId));
  if (f.categoryId) conds.push(eq(sdOrders.categoryId, f.categoryId));
  if (f.placePath) conds.push(underPath(sdOrders.placePath, f.placePath));
  if (f.assigneeUserId) conds.push(eq(sdOrders.assigneeUserId, f.assigneeUserId));
  if (f.householdId) conds.push(eq(sdOrders.reporterHouseholdId, f.householdId));
  if (f.overdueAt) conds.push(sql`${sdOrders.nextDueAt} < ${f.overdueAt}`);
  if (f.receivedFrom) conds.push(sql`${sdOrders.receivedAt} >= ${f.receivedFrom}`);
  if (f.receivedBefore) conds.push(sql`${sdOrders.receivedAt} < ${f.receivedBefore}`);
  if (f.q) {
    const term = f.q.trim();
    if (/^\d{1,15}$/.test(term)) conds.push(eq(sdOrders.id, Number(term)));
    else {
      const like = `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      conds.push(sql`(${sdOrders.description} LIKE ${like} OR ${sdOrders.address} LIKE ${like})`);
    }
  }
  return and(...conds)!;
}

export async function listOrders(ex: Executor, actor: Actor, teamIds: readonly number[], f: OrderFilter, paging: { limit: number; offset: number }) {
  return pageWithTotal(ex, sdOrders, filterWhere(actor, teamIds, f), [desc(sdOrders.receivedAt), desc(sdOrders.id)], paging);
}

/** One column of the hotline board. */
export async function boardColumn(
  ex: Executor,
  actor: Actor,
  teamIds: readonly number[],
  which: 'new' | 'unassigned' | 'dueSoon' | 'overdue',
  now: Date,
  limit: number,
) {
  const visible = orderVisible(actor, teamIds);
  const soon = new Date(now.getTime() + 60 * 60000);
  const cond: Record<typeof which, SQL> = {
    new: sql`${sdOrders.receivedAt} > ${new Date(now.getTime() - 24 * 3600000)} AND ${sdOrders.status} = 'received'`,
    unassigned: sql`((${sdOrders.kind} = 'repair' AND ${sdOrders.status} = 'received') OR ${sdOrders.teamId} IS NULL OR ${sdOrders.transferToTeamId} IS NOT NULL)`,
    dueSoon: sql`${sdOrders.nextDueAt} >= ${now} AND ${sdOrders.nextDueAt} < ${soon}`,
    overdue: sql`${sdOrders.nextDueAt} < ${now}`,
  };
  const where = and(OPEN, visible, cond[which]);
  return pageWithTotal(ex, sdOrders, where, [which === 'new' ? desc(sdOrders.receivedAt) : asc(sdOrders.nextDueAt), asc(sdOrders.id)], { limit, offset: 0 });
}

export async function countOpen(ex: Executor, actor: Actor, teamIds: readonly number[]) {
  return ex.$count(sdOrders, and(OPEN, orderVisible(actor, teamIds)));
}

/** Likely duplicates: open orders of the category in the same building (or dwelling) in the last week. */
export async function likelyDuplicates(
  ex: Executor,
  actor: Actor,
  teamIds: readonly number[],
  p: { categoryId: number; buildingId: number | null; placePath: string; since: Date },
) {
  const near = p.buildingId !== null ? eq(sdOrders.buildingId, p.buildingId) : eq(sdOrders.placePath, p.placePath);
  return ex
    .select()
    .from(sdOrders)
    .where(and(OPEN, orderVisible(actor, teamIds), near, eq(sdOrders.categoryId, p.categoryId), sql`${sdOrders.receivedAt} > ${p.since}`))
    .orderBy(desc(sdOrders.receivedAt))
    .limit(10);
}

export async function workOf(ex: Executor, userId: number, teamIds: readonly number[]) {
  const mine = await ex
    .select()
    .from(sdOrders)
    .where(and(OPEN, eq(sdOrders.assigneeUserId, userId)))
    .orderBy(asc(sdOrders.nextDueAt), asc(sdOrders.id))
    .limit(100);
  const pool =
    teamIds.length === 0
      ? []
      : await ex
          .select()
          .from(sdOrders)
          .where(and(eq(sdOrders.status, 'received'), eq(sdOrders.kind, 'repair'), inArray(sdOrders.teamId, [...teamIds])))
          .orderBy(asc(sdOrders.nextDueAt), asc(sdOrders.id))
          .limit(100);
  return { mine, pool };
}

export async function openOrdersOfHousehold(ex: Executor, householdIds: number[]) {
  if (householdIds.length === 0) return new Map<number, number>();
  const rows = await queryRows<{ h: number; n: number }>(
    ex,
    sql`SELECT reporter_household_id AS h, count(*)::int AS n FROM sd_orders WHERE ${OPEN} AND ${inArray(sdOrders.reporterHouseholdId, householdIds)} GROUP BY 1`,
  );
  return new Map(rows.map((r) => [r.h, r.n]));
}

// ---- events and photos ----

/** An order's timeline grows with the transaction's end statement (platform/db/tx-tail.ts): nothing reads it back before. */
export async function insertEvent(ex: Executor, values: typeof sdOrderEvents.$inferInsert) {
  await appendAtEnd(ex, ex.insert(sdOrderEvents).values(values));
}

export async function eventsOf(ex: Executor, orderId: number) {
  return ex.select().from(sdOrderEvents).where(eq(sdOrderEvents.orderId, orderId)).orderBy(asc(sdOrderEvents.at), asc(sdOrderEvents.id));
}

export async function insertPhoto(ex: Executor, values: typeof sdPhotos.$inferInsert) {
  const [row] = await ex.insert(sdPhotos).values(values).returning({ id: sdPhotos.id, stage: sdPhotos.stage });
  return row!;
}

export async function photosOf(ex: Executor, orderId: number) {
  return ex.select({ id: sdPhotos.id, stage: sdPhotos.stage }).from(sdPhotos).where(eq(sdPhotos.orderId, orderId)).orderBy(asc(sdPhotos.id));
}

export async function countPhotos(ex: Executor, orderId: number) {
  return ex.$count(sdPhotos, eq(sdPhotos.orderId, orderId));
}

export async function findPhoto(ex: Executor, orderId: number, photoId: number) {
  const [row] = await ex
    .select()
    .from(sdPhotos)
    .where(and(eq(sdPhotos.id, photoId), eq(sdPhotos.orderId, orderId)));
  return row;
}

// ---- breaches ----

export interface OverdueStage {
  order: OrderRow;
  stage: Stage;
  dueAt: Date;
}

/** Open, running stages whose due time has passed and that are not yet on the record for this round. */
export async function overdueUnrecorded(ex: Executor, now: Date, limit: number): Promise<OverdueStage[]> {
  const rows = await ex
    .select()
    .from(sdOrders)
    .where(and(OPEN, sql`${sdOrders.pausedAt} IS NULL`, sql`${sdOrders.nextDueAt} < ${now}`))
    .orderBy(asc(sdOrders.nextDueAt))
    .limit(limit)
    .for('update', { skipLocked: true });
  if (rows.length === 0) return [];
  const recorded = await ex
    .select({ orderId: sdBreaches.orderId, stage: sdBreaches.stage, round: sdBreaches.round })
    .from(sdBreaches)
    .where(
      inArray(
        sdBreaches.orderId,
        rows.map((r) => r.id),
      ),
    );
  const seen = new Set(recorded.map((b) => `${b.orderId}:${b.stage}:${b.round}`));
  const out: OverdueStage[] = [];
  for (const o of rows) {
    const stages: [Stage, Date | null, Date | null][] = [
      ['accept', o.acceptDueAt, o.acceptedAt],
      ['arrive', o.arriveDueAt, o.arrivedAt],
      ['resolve', o.resolveDueAt, o.resolvedAt],
    ];
    for (const [stage, due, done] of stages) {
      if (due && !done && due < now && !seen.has(`${o.id}:${stage}:${o.reopenCount}`)) out.push({ order: o, stage, dueAt: due });
    }
  }
  return out;
}

export async function insertBreach(ex: Executor, values: typeof sdBreaches.$inferInsert) {
  const [row] = await ex.insert(sdBreaches).values(values).onConflictDoNothing().returning();
  return row;
}

export async function markBreachDone(ex: Executor, orderId: number, stage: Stage, round: number, at: Date) {
  await ex
    .update(sdBreaches)
    .set({ doneAt: at })
    .where(and(eq(sdBreaches.orderId, orderId), eq(sdBreaches.stage, stage), eq(sdBreaches.round, round), isNull(sdBreaches.doneAt)));
}

export interface BreachFilter {
  teamId?: number | undefined;
  holderUserId?: number | undefined;
  from?: Date | null;
  to?: Date | null;
  state: 'all' | 'unexplained' | 'unreviewed';
}

/** Breaches the actor may see: in their place scope, or of their own teams, or held by them. */
function breachWhere(actor: Actor, teamIds: readonly number[], f: BreachFilter): SQL {
  const vis: SQL[] = [scopeWhere(actor, { path: sdBreaches.placePath })];
  if (teamIds.length > 0) vis.push(inArray(sdBreaches.teamId, [...teamIds]));
  if (actor.userId !== null) vis.push(sql`${sdBreaches.holderUserId} = ${actor.userId}`);
  const conds: SQL[] = [sql`(${sql.join(vis, sql` OR `)})`];
  if (f.teamId) conds.push(eq(sdBreaches.teamId, f.teamId));
  if (f.holderUserId) conds.push(eq(sdBreaches.holderUserId, f.holderUserId));
  if (f.from) conds.push(sql`${sdBreaches.dueAt} >= ${f.from}`);
  if (f.to) conds.push(sql`${sdBreaches.dueAt} < ${f.to}`);
  if (f.state === 'unexplained') conds.push(isNull(sdBreaches.reason));
  if (f.state === 'unreviewed') conds.push(isNull(sdBreaches.review));
  return and(...conds)!;
}

export async function listBreaches(ex: Executor, actor: Actor, teamIds: readonly number[], f: BreachFilter, paging: { limit: number; offset: number }) {
  const where = breachWhere(actor, teamIds, f);
  const rows = await ex
    .select({ b: sdBreaches, kind: sdOrders.kind, categoryName: sdCategories.name, escalateAfter: sdCategories.escalateAfterMinutes })
    .from(sdBreaches)
    .innerJoin(sdOrders, eq(sdOrders.id, sdBreaches.orderId))
    .innerJoin(sdCategories, eq(sdCategories.id, sdOrders.categoryId))
    .where(where)
    .orderBy(desc(sdBreaches.dueAt), desc(sdBreaches.id))
    .limit(paging.limit)
    .offset(paging.offset);
  const total = await ex.$count(sdBreaches, where);
  return { rows, total };
}

export async function breachWithOrder(ex: Executor, id: number) {
  return ex
    .select({ b: sdBreaches, kind: sdOrders.kind, categoryName: sdCategories.name, escalateAfter: sdCategories.escalateAfterMinutes })
    .from(sdBreaches)
    .innerJoin(sdOrders, eq(sdOrders.id, sdBreaches.orderId))
    .innerJoin(sdCategories, eq(sdCategories.id, sdOrders.categoryId))
    .where(eq(sdBreaches.id, id));
}

export async function breachSummary(ex: Executor, actor: Actor, teamIds: readonly number[], f: BreachFilter) {
  const where = breachWhere(actor, teamIds, f);
  const people = await queryRows<{ user_id: number; name: string; breaches: number; unexplained: number; upheld: number }>(
    ex,
    sql`SELECT b.user_id, ${identity.userDisplayNameSql(sql`b.user_id`)} AS name, b.breaches, b.unexplained, b.upheld
        FROM (SELECT sd_breaches.holder_user_id AS user_id, count(*)::int AS breaches,
                count(*) FILTER (WHERE sd_breaches.reason IS NULL)::int AS unexplained, count(*) FILTER (WHERE sd_breaches.review = 'upheld')::int AS upheld
              FROM sd_breaches WHERE ${where} AND sd_breaches.holder_user_id IS NOT NULL GROUP BY 1) b
        ORDER BY 3 DESC, 2 LIMIT 200`,
  );
  const teams = await queryRows<{ team_id: number; name: string; breaches: number; unexplained: number; upheld: number }>(
    ex,
    sql`SELECT sd_breaches.team_id, t.name, count(*)::int AS breaches,
          count(*) FILTER (WHERE sd_breaches.reason IS NULL)::int AS unexplained, count(*) FILTER (WHERE sd_breaches.review = 'upheld')::int AS upheld
        FROM sd_breaches JOIN sd_teams t ON t.id = sd_breaches.team_id
        WHERE ${where} GROUP BY 1, 2 ORDER BY 3 DESC, 2 LIMIT 200`,
  );
  return { people, teams };
}

export async function findBreachVisible(ex: Executor, actor: Actor, teamIds: readonly number[], id: number) {
  const [row] = await ex
    .select()
    .from(sdBreaches)
    .where(and(eq(sdBreaches.id, id), breachWhere(actor, teamIds, { state: 'all' })))
    .for('update');
  return row;
}

export async function updateBreach(ex: Executor, id: number, values: Partial<typeof sdBreaches.$inferInsert>) {
  const [row] = await ex.update(sdBreaches).set(values).where(eq(sdBreaches.id, id)).returning();
  return row!;
}
