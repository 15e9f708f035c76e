import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import { buildingHeads, gridBuildings, grids, residents } from './registry.schema.js';

export type GridRow = typeof grids.$inferSelect;

/** The buildings of these grids, each with its head (if any). */
export async function gridMembers(ex: Executor, gridIds: number[]) {
  return ex
    .select({ gridId: gridBuildings.gridId, buildingId: gridBuildings.buildingId, headId: buildingHeads.residentId, headName: residents.name })
    .from(gridBuildings)
    .leftJoin(buildingHeads, eq(buildingHeads.buildingId, gridBuildings.buildingId))
    .leftJoin(residents, eq(residents.id, buildingHeads.residentId))
    .where(inArray(gridBuildings.gridId, gridIds));
}

/** The grids of these communities (or all), by community and name. */
export async function listGridRows(ex: Executor, communityIds: number[] | null) {
  return ex
    .select()
    .from(grids)
    .where(communityIds ? inArray(grids.communityId, communityIds) : sql`TRUE`)
    .orderBy(asc(grids.communityId), asc(grids.name));
}

/** Whether another grid of the community has this name. */
export async function gridNameTaken(ex: Executor, communityId: number, name: string, exceptId: number | null): Promise<boolean> {
  const [dup] = await ex
    .select({ id: grids.id })
    .from(grids)
    .where(and(eq(grids.communityId, communityId), eq(grids.name, name), exceptId ? sql`${grids.id} <> ${exceptId}` : sql`TRUE`));
  return !!dup;
}

/** Which of these buildings belong to a grid other than `exceptId`, and its name. */
export async function buildingsInOtherGrids(ex: Executor, buildingIds: number[], exceptId: number | null) {
  return ex
    .select({ buildingId: gridBuildings.buildingId, gridName: grids.name })
    .from(gridBuildings)
    .innerJoin(grids, eq(grids.id, gridBuildings.gridId))
    .where(and(inArray(gridBuildings.buildingId, buildingIds.length ? buildingIds : [0]), exceptId ? sql`${grids.id} <> ${exceptId}` : sql`TRUE`));
}

export async function findGridRow(ex: Executor, id: number): Promise<GridRow | undefined> {
  const [g] = await ex.select().from(grids).where(eq(grids.id, id));
  return g;
}

export async function lockGridRow(ex: Executor, id: number): Promise<GridRow | undefined> {
  const [g] = await ex.select().from(grids).where(eq(grids.id, id)).for('update');
  return g;
}

/** Saves a grid's fields and replaces its buildings. */
export async function updateGridRow(ex: Executor, id: number, values: { name: string; gridWorkerUserId: number | null; communityId: number; updatedAt: Date }) {
  await ex
    .update(grids)
    .set({ ...values, version: sql`${grids.version} + 1` })
    .where(eq(grids.id, id));
  await ex.delete(gridBuildings).where(eq(gridBuildings.gridId, id));
}

export async function insertGridRow(ex: Executor, values: { communityId: number; name: string; gridWorkerUserId: number | null }): Promise<number> {
  const [g] = await ex.insert(grids).values(values).returning();
  return g!.id;
}

export async function insertGridBuildings(ex: Executor, gridId: number, buildingIds: number[]) {
  if (buildingIds.length) await ex.insert(gridBuildings).values([...new Set(buildingIds)].map((b) => ({ gridId, buildingId: b })));
}

export async function deleteGridRow(ex: Executor, id: number) {
  await ex.delete(grids).where(eq(grids.id, id));
}

export async function buildingHeadRow(ex: Executor, buildingId: number) {
  const [row] = await ex.select().from(buildingHeads).where(eq(buildingHeads.buildingId, buildingId));
  return row;
}

export async function clearBuildingHead(ex: Executor, buildingId: number) {
  await ex.delete(buildingHeads).where(eq(buildingHeads.buildingId, buildingId));
}

export async function setBuildingHeadRow(ex: Executor, buildingId: number, residentId: number, now: Date) {
  await ex
    .insert(buildingHeads)
    .values({ buildingId, residentId })
    .onConflictDoUpdate({ target: buildingHeads.buildingId, set: { residentId, updatedAt: now } });
}

export async function residentPath(ex: Executor, residentId: number) {
  const [r] = await ex.select({ id: residents.id, path: residents.placePath }).from(residents).where(eq(residents.id, residentId));
  return r;
}

/** A building's head with their name. */
export async function buildingHeadWithName(ex: Executor, buildingId: number) {
  const [head] = await ex
    .select({ residentId: buildingHeads.residentId, name: residents.name })
    .from(buildingHeads)
    .innerJoin(residents, eq(residents.id, buildingHeads.residentId))
    .where(eq(buildingHeads.buildingId, buildingId));
  return head;
}

/** The grid a building belongs to, with its worker's user id. */
export async function gridOfBuilding(ex: Executor, buildingId: number) {
  const [grid] = await ex
    .select({ id: grids.id, name: grids.name, gridWorkerUserId: grids.gridWorkerUserId })
    .from(gridBuildings)
    .innerJoin(grids, eq(grids.id, gridBuildings.gridId))
    .where(eq(gridBuildings.buildingId, buildingId));
  return grid;
}
