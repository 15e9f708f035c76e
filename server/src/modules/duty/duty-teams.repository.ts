import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/access/actor.js';
import { scopeWhere, underPath } from '../../platform/access/scope-sql.js';
import { queryRows, type Executor } from '../../platform/db/database.js';
import { gridBuildingsSql } from '../registry/index.js';
import { dutyPosts, dutyRoster, dutyTeamMembers, dutyTeams } from './duty.schema.js';

/** SQL of work teams and the "2+1" roster. */

export type TeamRow = typeof dutyTeams.$inferSelect;
export type RosterRow = typeof dutyRoster.$inferSelect;

export async function dutyTeamNames(ex: Executor, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await ex
    .select({ id: dutyTeams.id, name: dutyTeams.name })
    .from(dutyTeams)
    .where(inArray(dutyTeams.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function insertTeam(ex: Executor, values: typeof dutyTeams.$inferInsert): Promise<TeamRow> {
  const [row] = await ex.insert(dutyTeams).values(values).returning();
  return row!;
}

export async function findTeamInScope(ex: Executor, actor: Actor, id: number, forUpdate = false): Promise<TeamRow | undefined> {
  const q = ex
    .select()
    .from(dutyTeams)
    .where(and(eq(dutyTeams.id, id), scopeWhere(actor, { path: dutyTeams.placePath })));
  const [row] = forUpdate ? await q.for('update') : await q;
  return row;
}

export async function listTeams(ex: Executor, actor: Actor, communityId: number | undefined, paging: { limit: number; offset: number }) {
  const where = and(scopeWhere(actor, { path: dutyTeams.placePath }), communityId ? eq(dutyTeams.communityId, communityId) : sql`TRUE`)!;
  const [rows, total] = await Promise.all([
    ex.select().from(dutyTeams).where(where).orderBy(asc(dutyTeams.placePath), asc(dutyTeams.id)).limit(paging.limit).offset(paging.offset),
    ex.$count(dutyTeams, where),
  ]);
  return { rows, total };
}

/** Updates a team at the version read; undefined when someone changed it meanwhile. */
export async function updateTeamVersioned(ex: Executor, id: number, version: number, set: Partial<TeamRow>, at: Date): Promise<TeamRow | undefined> {
  const [row] = await ex
    .update(dutyTeams)
    .set({ ...set, updatedAt: at, version: sql`${dutyTeams.version} + 1` })
    .where(and(eq(dutyTeams.id, id), eq(dutyTeams.version, version)))
    .returning();
  return row;
}

/** Gives these posts to a team; returns the posts as they were (their former team). */
export async function setPostsTeam(ex: Executor, teamId: number, postIds: readonly number[], at: Date) {
  return ex
    .update(dutyPosts)
    .set({ teamId, updatedAt: at })
    .where(inArray(dutyPosts.id, [...new Set(postIds)]))
    .returning({ id: dutyPosts.id });
}

export async function teamMembers(ex: Executor, teamIds: readonly number[]) {
  if (teamIds.length === 0) return [];
  return ex
    .select()
    .from(dutyTeamMembers)
    .where(inArray(dutyTeamMembers.teamId, [...new Set(teamIds)]))
    .orderBy(asc(dutyTeamMembers.teamId), asc(dutyTeamMembers.addedAt));
}

/** Adds a member to a team; false when already in it. */
export async function addTeamMember(ex: Executor, teamId: number, memberId: number, role: string): Promise<boolean> {
  const rows = await ex.insert(dutyTeamMembers).values({ teamId, memberId, role }).onConflictDoNothing().returning();
  return rows.length > 0;
}

export async function removeTeamMember(ex: Executor, teamId: number, memberId: number): Promise<boolean> {
  const rows = await ex
    .delete(dutyTeamMembers)
    .where(and(eq(dutyTeamMembers.teamId, teamId), eq(dutyTeamMembers.memberId, memberId)))
    .returning();
  return rows.length > 0;
}

export async function teamPostCounts(ex: Executor, teamIds: readonly number[]): Promise<Map<number, number>> {
  if (teamIds.length === 0) return new Map();
  const rows = await ex
    .select({ teamId: dutyPosts.teamId, n: sql<number>`count(*)::int` })
    .from(dutyPosts)
    .where(inArray(dutyPosts.teamId, [...new Set(teamIds)]))
    .groupBy(dutyPosts.teamId);
  return new Map(rows.map((r) => [Number(r.teamId), Number(r.n)]));
}

// The "2+1" roster

/** The roster row in force on `day` for each building under a path. */
export async function rosterInForce(ex: Executor, path: string, day: string): Promise<Map<number, RosterRow>> {
  const rows = await ex
    .selectDistinctOn([dutyRoster.buildingId])
    .from(dutyRoster)
    .where(
      and(
        underPath(dutyRoster.placePath, path),
        sql`${dutyRoster.validFrom} <= ${day}`,
        sql`(${dutyRoster.validTo} IS NULL OR ${dutyRoster.validTo} >= ${day})`,
      ),
    )
    .orderBy(dutyRoster.buildingId, sql`${dutyRoster.validFrom} DESC`);
  return new Map(rows.map((r) => [r.buildingId, r]));
}

/** Saves a building's roster from a day (the row of that day replaced). */
export async function saveRoster(ex: Executor, values: typeof dutyRoster.$inferInsert): Promise<RosterRow> {
  const [row] = await ex
    .insert(dutyRoster)
    .values(values)
    .onConflictDoUpdate({
      target: [dutyRoster.buildingId, dutyRoster.validFrom],
      set: {
        cadreUserId: values.cadreUserId ?? null,
        memberId: values.memberId ?? null,
        validTo: values.validTo ?? null,
        updatedBy: values.updatedBy ?? null,
        updatedAt: sql`now()`,
        version: sql`${dutyRoster.version} + 1`,
      },
    })
    .returning();
  return row!;
}

/** Ends the rows of a building that run past a new row's start (the day before it). */
export async function endEarlierRoster(ex: Executor, buildingId: number, from: string) {
  await queryRows(
    ex,
    sql`UPDATE duty_roster SET valid_to = (${from}::date - 1) WHERE building_id = ${buildingId} AND valid_from < ${from}
        AND (valid_to IS NULL OR valid_to >= ${from})`,
  );
}

/** Minutes served per team member and team (checked-out claims of the team's members). */
export async function servedByTeamMembers(ex: Executor, teamIds: readonly number[]) {
  if (teamIds.length === 0) return [];
  return queryRows<{ team_id: number; member_id: number; minutes: number }>(
    ex,
    sql`SELECT tm.team_id, tm.member_id, coalesce(sum(c.served_minutes), 0)::int AS minutes
        FROM duty_team_members tm LEFT JOIN duty_claims c ON c.member_id = tm.member_id AND c.status = 'checkedOut'
        WHERE tm.team_id IN (${sql.join(
          teamIds.map((i) => sql`${i}`),
          sql`, `,
        )})
        GROUP BY tm.team_id, tm.member_id`,
  );
}

/** The grid of each of these buildings that lies in one (the registry's grid-building subquery). */
export async function gridsOfBuildings(ex: Executor, buildingIds: readonly number[]): Promise<Map<number, number>> {
  if (buildingIds.length === 0) return new Map();
  const rows = await queryRows<{ grid_id: number; building_id: number }>(
    ex,
    sql`SELECT gb.grid_id, gb.building_id FROM (${gridBuildingsSql()}) gb WHERE gb.building_id IN (${sql.join(
      [...new Set(buildingIds)].map((i) => sql`${i}`),
      sql`, `,
    )})`,
  );
  return new Map(rows.map((r) => [Number(r.building_id), Number(r.grid_id)]));
}
