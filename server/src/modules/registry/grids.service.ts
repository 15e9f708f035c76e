import type { Grid, GridSave } from '@jiayuan/contracts';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { can, inPlaceScope } from '../../platform/access/actor.js';
import { definePolicy } from '../../platform/access/policy.js';
import { recordAudit } from '../../platform/audit/audit.service.js';
import { users } from '../../platform/auth/identity.schema.js';
import { inTx, type Ctx } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import { commonErrors } from '../../platform/errors/common-errors.js';
import * as places from '../../platform/places/places.repository.js';
import { buildingHeads, gridBuildings, grids, residents } from './registry.schema.js';
import { registryErrors } from './registry.errors.js';

interface GridRecord {
  id: number;
  communityPath: string;
}

export const gridPolicy = definePolicy<GridRecord, 'update' | 'delete'>({
  update: (a, g) => can(a, 'place.manage') && inPlaceScope(a, g.communityPath),
  delete: (a, g) => can(a, 'place.manage') && inPlaceScope(a, g.communityPath),
});

async function present(ctx: Ctx, ex: Executor, rows: (typeof grids.$inferSelect)[]): Promise<Grid[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((g) => g.id);
  const members = await ex
    .select({ gridId: gridBuildings.gridId, buildingId: gridBuildings.buildingId, headId: buildingHeads.residentId, headName: residents.name })
    .from(gridBuildings)
    .leftJoin(buildingHeads, eq(buildingHeads.buildingId, gridBuildings.buildingId))
    .leftJoin(residents, eq(residents.id, buildingHeads.residentId))
    .where(inArray(gridBuildings.gridId, ids));
  const buildingRows = await places.findPlaces(
    ex,
    members.map((m) => m.buildingId),
  );
  const communities = await places.findPlaces(
    ex,
    rows.map((g) => g.communityId),
  );
  const labels = await places.labelsForPaths(
    ex,
    buildingRows.map((b) => b.path),
  );
  const buildingPath = new Map(buildingRows.map((b) => [b.id, b.path]));
  const workerIds = rows.map((g) => g.gridWorkerUserId).filter((x): x is number => x !== null);
  const workers = workerIds.length
    ? await ex.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, workerIds))
    : [];
  return rows.map((g) => {
    const community = communities.find((c) => c.id === g.communityId);
    return {
      id: g.id,
      communityId: g.communityId,
      communityName: community?.name ?? '',
      name: g.name,
      gridWorkerUserId: g.gridWorkerUserId,
      gridWorkerName: workers.find((w) => w.id === g.gridWorkerUserId)?.name ?? null,
      buildings: members
        .filter((m) => m.gridId === g.id)
        .map((m) => ({
          id: m.buildingId,
          label: labels.get(buildingPath.get(m.buildingId) ?? '') ?? '',
          buildingHeadResidentId: m.headId,
          buildingHeadName: m.headName,
        }))
        .sort((a, b) => a.label.localeCompare(b.label, 'zh-CN', { numeric: true })),
      actions: gridPolicy.actions(ctx.actor, { id: g.id, communityPath: community?.path ?? '' }),
    };
  });
}

export async function listGrids(ctx: Ctx, communityId: number | undefined) {
  const db = ctx.platform.db;
  let communityIds: number[] | null = null;
  if (communityId) {
    const c = await places.findPlaceInScope(db, ctx.actor, communityId);
    if (!c) throw commonErrors.NOT_FOUND();
    communityIds = [c.id];
  }
  const rows = await db
    .select()
    .from(grids)
    .where(communityIds ? inArray(grids.communityId, communityIds) : sql`TRUE`)
    .orderBy(asc(grids.communityId), asc(grids.name));
  const visibleCommunities = new Set(
    (await places.findPlaces(db, [...new Set(rows.map((g) => g.communityId))]))
      .filter((c) => inPlaceScope(ctx.actor, c.path) || ctx.actor.scope.places.some((s) => s.path.startsWith(c.path)))
      .map((c) => c.id),
  );
  return { items: await present(ctx, db, rows.filter((g) => visibleCommunities.has(g.communityId))) };
}

async function validate(ctx: Ctx, tx: Executor, input: GridSave, gridId: number | null) {
  const community = await places.findPlaceInScope(tx, ctx.actor, input.communityId);
  if (!community || !inPlaceScope(ctx.actor, community.path)) throw commonErrors.NOT_FOUND();
  if (community.type !== 'community') throw registryErrors.REGISTRY_NOT_A_COMMUNITY();
  const [dup] = await tx
    .select({ id: grids.id })
    .from(grids)
    .where(and(eq(grids.communityId, community.id), eq(grids.name, input.name), gridId ? sql`${grids.id} <> ${gridId}` : sql`TRUE`));
  if (dup) throw registryErrors.REGISTRY_GRID_NAME_TAKEN({ name: input.name });
  const buildings = await places.findPlaces(tx, input.buildingIds);
  if (buildings.length !== new Set(input.buildingIds).size) throw commonErrors.NOT_FOUND();
  for (const b of buildings) {
    if (b.type !== 'building') throw registryErrors.REGISTRY_NOT_A_BUILDING();
    if (!b.path.startsWith(community.path)) throw commonErrors.NOT_FOUND();
  }
  const taken = await tx
    .select({ buildingId: gridBuildings.buildingId, gridName: grids.name })
    .from(gridBuildings)
    .innerJoin(grids, eq(grids.id, gridBuildings.gridId))
    .where(and(inArray(gridBuildings.buildingId, input.buildingIds.length ? input.buildingIds : [0]), gridId ? sql`${grids.id} <> ${gridId}` : sql`TRUE`));
  if (taken[0]) {
    const b = buildings.find((x) => x.id === taken[0]!.buildingId);
    throw registryErrors.REGISTRY_BUILDING_IN_OTHER_GRID({ building: b?.name ?? '', grid: taken[0].gridName });
  }
  return community;
}

export async function saveGrid(ctx: Ctx, gridId: number | null, input: GridSave): Promise<Grid> {
  const id = await inTx(ctx, async (tx) => {
    let before: typeof grids.$inferSelect | undefined;
    if (gridId) {
      // The grid as it is must be in my scope (not only the community it is moved to).
      [before] = await tx.select().from(grids).where(eq(grids.id, gridId)).for('update');
      const current = before && (await places.findPlaceInScope(tx, ctx.actor, before.communityId));
      if (!before || !current) throw commonErrors.NOT_FOUND();
      gridPolicy.assert(ctx.actor, 'update', { id: gridId, communityPath: current.path });
    }
    const community = await validate(ctx, tx, input, gridId);
    let id = gridId;
    if (gridId) {
      gridPolicy.assert(ctx.actor, 'update', { id: gridId, communityPath: community.path });
      await tx
        .update(grids)
        .set({ name: input.name, gridWorkerUserId: input.gridWorkerUserId, communityId: community.id, updatedAt: ctx.platform.clock.now(), version: sql`${grids.version} + 1` })
        .where(eq(grids.id, gridId));
      await tx.delete(gridBuildings).where(eq(gridBuildings.gridId, gridId));
    } else {
      const [g] = await tx
        .insert(grids)
        .values({ communityId: community.id, name: input.name, gridWorkerUserId: input.gridWorkerUserId })
        .returning();
      id = g!.id;
    }
    if (input.buildingIds.length) {
      await tx.insert(gridBuildings).values([...new Set(input.buildingIds)].map((b) => ({ gridId: id!, buildingId: b })));
    }
    await recordAudit(tx, ctx, {
      action: gridId ? 'registry.grid.update' : 'registry.grid.create',
      entityType: 'grid',
      entityId: id!,
      before: before ?? null,
      after: input,
    });
    return id!;
  });
  const [g] = await ctx.platform.db.select().from(grids).where(eq(grids.id, id));
  return (await present(ctx, ctx.platform.db, [g!]))[0]!;
}

export async function deleteGrid(ctx: Ctx, id: number) {
  await inTx(ctx, async (tx) => {
    const [g] = await tx.select().from(grids).where(eq(grids.id, id)).for('update');
    if (!g) throw commonErrors.NOT_FOUND();
    const community = await places.findPlaceInScope(tx, ctx.actor, g.communityId);
    if (!community) throw commonErrors.NOT_FOUND();
    gridPolicy.assert(ctx.actor, 'delete', { id, communityPath: community.path });
    await tx.delete(grids).where(eq(grids.id, id));
    await recordAudit(tx, ctx, { action: 'registry.grid.delete', entityType: 'grid', entityId: id, before: g });
  });
}

/** Names (or clears) the resident who heads a building. */
export async function setBuildingHead(ctx: Ctx, buildingId: number, residentId: number | null) {
  await inTx(ctx, async (tx) => {
    const b = await places.findPlaceInScope(tx, ctx.actor, buildingId);
    if (!b || !inPlaceScope(ctx.actor, b.path)) throw commonErrors.NOT_FOUND();
    if (b.type !== 'building') throw registryErrors.REGISTRY_NOT_A_BUILDING();
    if (!can(ctx.actor, 'place.manage')) throw commonErrors.FORBIDDEN();
    const [before] = await tx.select().from(buildingHeads).where(eq(buildingHeads.buildingId, buildingId));
    if (residentId === null) {
      await tx.delete(buildingHeads).where(eq(buildingHeads.buildingId, buildingId));
    } else {
      const [r] = await tx.select({ id: residents.id, path: residents.placePath }).from(residents).where(eq(residents.id, residentId));
      if (!r || !inPlaceScope(ctx.actor, r.path)) throw commonErrors.NOT_FOUND();
      if (!r.path.startsWith(b.path)) throw registryErrors.REGISTRY_HEAD_NOT_IN_BUILDING().onField('residentId');
      await tx
        .insert(buildingHeads)
        .values({ buildingId, residentId })
        .onConflictDoUpdate({ target: buildingHeads.buildingId, set: { residentId, updatedAt: ctx.platform.clock.now() } });
    }
    await recordAudit(tx, ctx, {
      action: 'registry.building.setHead',
      entityType: 'place',
      entityId: buildingId,
      before: before ? { residentId: before.residentId } : null,
      after: { residentId },
    });
  });
}

/** A building's head and grid, for its place page. */
export async function buildingRoles(ex: Executor, buildingId: number) {
  const [head] = await ex
    .select({ residentId: buildingHeads.residentId, name: residents.name })
    .from(buildingHeads)
    .innerJoin(residents, eq(residents.id, buildingHeads.residentId))
    .where(eq(buildingHeads.buildingId, buildingId));
  const [grid] = await ex
    .select({ id: grids.id, name: grids.name, gridWorkerName: users.displayName })
    .from(gridBuildings)
    .innerJoin(grids, eq(grids.id, gridBuildings.gridId))
    .leftJoin(users, eq(users.id, grids.gridWorkerUserId))
    .where(eq(gridBuildings.buildingId, buildingId));
  return { buildingHead: head ?? null, grid: grid ?? null };
}
