import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { CampaignStatus } from '@jiayuan/contracts';
import type { Actor } from '../../platform/access/actor.js';
import { queryRows, type Executor } from '../../platform/db/database.js';
import { userProfiles } from '../../platform/auth/identity.repository.js';
import * as registry from '../registry/index.js';
import { screeningAssignments, screeningCampaignPlaces, screeningCampaigns } from './screening.schema.js';

export type CampaignRow = typeof screeningCampaigns.$inferSelect;
export type AssignmentRow = typeof screeningAssignments.$inferSelect;

function likePrefix(path: string) {
  return `${path.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Campaigns the actor may see: one of its places lies inside the actor's scope, or contains it. */
export function campaignVisible(actor: Actor, idCol: SQL | typeof screeningCampaigns.id = screeningCampaigns.id): SQL {
  if (actor.scope.all) return sql`TRUE`;
  if (actor.scope.places.length === 0) return sql`FALSE`;
  const parts = actor.scope.places.map((p) => sql`(cp.path LIKE ${likePrefix(p.path)} OR ${p.path} LIKE cp.path || '%')`);
  return sql`EXISTS (SELECT 1 FROM screening_campaign_places cp WHERE cp.campaign_id = ${idCol} AND (${sql.join(parts, sql` OR `)}))`;
}

export async function insertCampaign(ex: Executor, values: typeof screeningCampaigns.$inferInsert): Promise<CampaignRow> {
  const [row] = await ex.insert(screeningCampaigns).values(values).returning();
  return row!;
}

export async function setCampaignPlaces(ex: Executor, campaignId: number, places: { id: number; path: string }[]) {
  await ex.delete(screeningCampaignPlaces).where(eq(screeningCampaignPlaces.campaignId, campaignId));
  if (places.length) await ex.insert(screeningCampaignPlaces).values(places.map((p) => ({ campaignId, placeId: p.id, path: p.path })));
}

export async function findCampaignVisible(ex: Executor, actor: Actor, id: number, lock: 'update' | 'share' | null = null): Promise<CampaignRow | undefined> {
  const q = ex
    .select()
    .from(screeningCampaigns)
    .where(and(eq(screeningCampaigns.id, id), campaignVisible(actor)));
  const [row] = lock ? await q.for(lock) : await q;
  return row;
}

export async function findCampaignsVisible(ex: Executor, actor: Actor, ids: number[], lock: 'share' | null = null): Promise<CampaignRow[]> {
  if (ids.length === 0) return [];
  const q = ex
    .select()
    .from(screeningCampaigns)
    .where(and(inArray(screeningCampaigns.id, ids), campaignVisible(actor)));
  return lock ? q.for(lock) : q;
}

export async function listCampaigns(ex: Executor, actor: Actor, status: CampaignStatus | undefined, paging: { limit: number; offset: number }) {
  const where = and(campaignVisible(actor), status ? eq(screeningCampaigns.status, status) : sql`TRUE`)!;
  const [rows, total] = await Promise.all([
    ex.select().from(screeningCampaigns).where(where).orderBy(desc(screeningCampaigns.id)).limit(paging.limit).offset(paging.offset),
    ex.$count(screeningCampaigns, where),
  ]);
  return { rows, total };
}

/** Each campaign's places, with type and path, in one query. */
export async function placesOf(ex: Executor, campaignIds: number[]) {
  const out = new Map<number, { id: number; path: string; type: string; name: string }[]>();
  if (campaignIds.length === 0) return out;
  const rows = await queryRows<{ campaign_id: number; id: number; path: string; type: string; name: string }>(
    ex,
    sql`SELECT cp.campaign_id, p.id, p.path, p.type, p.name FROM screening_campaign_places cp JOIN places p ON p.id = cp.place_id
        WHERE cp.campaign_id IN (${sql.join(
          campaignIds.map((i) => sql`${i}`),
          sql`, `,
        )}) ORDER BY p.path`,
  );
  for (const r of rows) {
    if (!out.has(r.campaign_id)) out.set(r.campaign_id, []);
    out.get(r.campaign_id)!.push({ id: r.id, path: r.path, type: r.type, name: r.name });
  }
  return out;
}

/** Updates a campaign only if it still has the version read (else: someone changed it first). */
export async function updateCampaignVersioned(ex: Executor, id: number, version: number, values: Partial<typeof screeningCampaigns.$inferInsert>, now: Date) {
  const [row] = await ex
    .update(screeningCampaigns)
    .set({ ...values, updatedAt: now, version: sql`${screeningCampaigns.version} + 1` })
    .where(and(eq(screeningCampaigns.id, id), eq(screeningCampaigns.version, version)))
    .returning();
  return row;
}

/** Moves a campaign on only from one of the expected states, so a concurrent change loses cleanly. */
export async function transitionCampaign(
  ex: Executor,
  id: number,
  from: readonly CampaignStatus[],
  version: number,
  values: Partial<typeof screeningCampaigns.$inferInsert>,
  now: Date,
) {
  const [row] = await ex
    .update(screeningCampaigns)
    .set({ ...values, updatedAt: now, version: sql`${screeningCampaigns.version} + 1` })
    .where(and(eq(screeningCampaigns.id, id), inArray(screeningCampaigns.status, [...from]), eq(screeningCampaigns.version, version)))
    .returning();
  return row;
}

export async function insertAssignment(ex: Executor, values: typeof screeningAssignments.$inferInsert) {
  const [row] = await ex.insert(screeningAssignments).values(values).onConflictDoNothing().returning();
  return row;
}

export async function findAssignment(ex: Executor, campaignId: number, id: number) {
  const [row] = await ex
    .select()
    .from(screeningAssignments)
    .where(and(eq(screeningAssignments.id, id), eq(screeningAssignments.campaignId, campaignId)));
  return row;
}

export async function deleteAssignment(ex: Executor, id: number) {
  await ex.delete(screeningAssignments).where(eq(screeningAssignments.id, id));
}

export async function listAssignments(ex: Executor, campaignId: number, communityPaths: string[] | null) {
  return ex
    .select()
    .from(screeningAssignments)
    .where(
      and(
        eq(screeningAssignments.campaignId, campaignId),
        communityPaths === null
          ? sql`TRUE`
          : communityPaths.length === 0
            ? sql`FALSE`
            : sql`(${sql.join(
                communityPaths.map(
                  (p) => sql`${screeningAssignments.communityPath} LIKE ${likePrefix(p)} OR ${p} LIKE ${screeningAssignments.communityPath} || '%'`,
                ),
                sql` OR `,
              )})`,
      ),
    )
    .orderBy(asc(screeningAssignments.communityId), asc(screeningAssignments.id));
}

export async function assignmentsOfUser(ex: Executor, userId: number, campaignIds: number[]) {
  if (campaignIds.length === 0) return [];
  return ex
    .select()
    .from(screeningAssignments)
    .where(and(eq(screeningAssignments.userId, userId), inArray(screeningAssignments.campaignId, campaignIds)));
}

/** The building ids behind assignments (a grid stands for its buildings). */
export async function buildingsOfAssignments(ex: Executor, rows: AssignmentRow[]): Promise<Map<number, number[]>> {
  const out = new Map<number, number[]>(rows.map((a) => [a.id, a.buildingId ? [a.buildingId] : []]));
  const gridIds = [...new Set(rows.filter((a) => a.gridId).map((a) => a.gridId!))];
  if (gridIds.length) {
    const gb = await registry.buildingsOfGrids(ex, gridIds);
    for (const a of rows)
      if (a.gridId)
        out.set(
          a.id,
          gb.filter((g) => g.grid_id === a.gridId).map((g) => g.building_id),
        );
  }
  return out;
}

/** Users' names and roles, for presenting assignments and validating assignees. */
export async function usersById(ex: Executor, ids: number[]) {
  if (ids.length === 0) return new Map<number, { id: number; name: string; roles: string[]; placeIds: number[]; all: boolean; disabled: boolean }>();
  const rows = await userProfiles(ex, ids);
  return new Map(
    rows.map((r) => [
      r.id,
      { id: r.id, name: r.display_name, roles: r.roles, placeIds: r.scope?.placeIds ?? [], all: !!r.scope?.all, disabled: r.disabled_at !== null },
    ]),
  );
}

/** A grid with its community, for assigning its buildings. */
export const findGrid = registry.gridWithCommunity;

export const gridNames = registry.gridNames;

/** The communities at or under the paths. */
export async function communitiesUnder(ex: Executor, paths: readonly string[]) {
  if (paths.length === 0) return [];
  return queryRows<{ id: number; path: string; name: string }>(
    ex,
    sql`SELECT id, path, name FROM places WHERE type = 'community' AND (${sql.join(
      paths.map((p) => sql`path LIKE ${likePrefix(p)}`),
      sql` OR `,
    )}) ORDER BY sort_order, id`,
  );
}

export async function activeCampaigns(ex: Executor) {
  return ex.select().from(screeningCampaigns).where(eq(screeningCampaigns.status, 'active'));
}

export async function allAssignments(ex: Executor, campaignId: number) {
  return ex.select().from(screeningAssignments).where(eq(screeningAssignments.campaignId, campaignId));
}

export async function gridBuildingIds(ex: Executor, gridId: number): Promise<number[]> {
  return (await registry.buildingsOfGrids(ex, [gridId])).map((r) => r.building_id);
}
