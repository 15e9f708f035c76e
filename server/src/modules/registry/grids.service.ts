import type { Grid, GridSave } from '@jiayuan/contracts';
import { can, inPlaceScope } from '../../platform/access/actor.js';
import { definePolicy } from '../../platform/access/policy.js';
import { recordAudit } from '../../platform/audit/audit.service.js';
import { userNames } from '../../platform/auth/identity.repository.js';
import { inTx, type Ctx } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import { commonErrors } from '../../platform/errors/common-errors.js';
import * as places from '../../platform/places/places.repository.js';
import * as repo from './grids.repository.js';
import { registryErrors } from './registry.errors.js';

interface GridRecord {
  id: number;
  communityPath: string;
}

export const gridPolicy = definePolicy<GridRecord, 'update' | 'delete'>({
  update: (a, g) => can(a, 'place.manage') && inPlaceScope(a, g.communityPath),
  delete: (a, g) => can(a, 'place.manage') && inPlaceScope(a, g.communityPath),
});

async function present(ctx: Ctx, ex: Executor, rows: repo.GridRow[]): Promise<Grid[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((g) => g.id);
  const members = await repo.gridMembers(ex, ids);
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
  const workers = await userNames(ex, workerIds);
  return rows.map((g) => {
    const community = communities.find((c) => c.id === g.communityId);
    return {
      id: g.id,
      communityId: g.communityId,
      communityName: community?.name ?? '',
      name: g.name,
      gridWorkerUserId: g.gridWorkerUserId,
      gridWorkerName: g.gridWorkerUserId === null ? null : (workers.get(g.gridWorkerUserId) ?? null),
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
  const rows = await repo.listGridRows(db, communityIds);
  const visibleCommunities = new Set(
    (await places.findPlaces(db, [...new Set(rows.map((g) => g.communityId))]))
      .filter((c) => inPlaceScope(ctx.actor, c.path) || ctx.actor.scope.places.some((s) => s.path.startsWith(c.path)))
      .map((c) => c.id),
  );
  return {
    items: await present(
      ctx,
      db,
      rows.filter((g) => visibleCommunities.has(g.communityId)),
    ),
  };
}

async function validate(ctx: Ctx, tx: Executor, input: GridSave, gridId: number | null) {
  const community = await places.findPlaceInScope(tx, ctx.actor, input.communityId);
  if (!community || !inPlaceScope(ctx.actor, community.path)) throw commonErrors.NOT_FOUND();
  if (community.type !== 'community') throw registryErrors.REGISTRY_NOT_A_COMMUNITY();
  if (await repo.gridNameTaken(tx, community.id, input.name, gridId)) throw registryErrors.REGISTRY_GRID_NAME_TAKEN({ name: input.name });
  const buildings = await places.findPlaces(tx, input.buildingIds);
  if (buildings.length !== new Set(input.buildingIds).size) throw commonErrors.NOT_FOUND();
  for (const b of buildings) {
    if (b.type !== 'building') throw registryErrors.REGISTRY_NOT_A_BUILDING();
    if (!b.path.startsWith(community.path)) throw commonErrors.NOT_FOUND();
  }
  const taken = await repo.buildingsInOtherGrids(tx, input.buildingIds, gridId);
  if (taken[0]) {
    const b = buildings.find((x) => x.id === taken[0]!.buildingId);
    throw registryErrors.REGISTRY_BUILDING_IN_OTHER_GRID({ building: b?.name ?? '', grid: taken[0].gridName });
  }
  return community;
}

export async function saveGrid(ctx: Ctx, gridId: number | null, input: GridSave): Promise<Grid> {
  const id = await inTx(ctx, async (tx) => {
    let before: repo.GridRow | undefined;
    if (gridId) {
      // The grid as it is must be in my scope (not only the community it is moved to).
      before = await repo.lockGridRow(tx, gridId);
      const current = before && (await places.findPlaceInScope(tx, ctx.actor, before.communityId));
      if (!before || !current) throw commonErrors.NOT_FOUND();
      gridPolicy.assert(ctx.actor, 'update', { id: gridId, communityPath: current.path });
    }
    const community = await validate(ctx, tx, input, gridId);
    let id = gridId;
    if (gridId) {
      gridPolicy.assert(ctx.actor, 'update', { id: gridId, communityPath: community.path });
      await repo.updateGridRow(tx, gridId, {
        name: input.name,
        gridWorkerUserId: input.gridWorkerUserId,
        communityId: community.id,
        updatedAt: ctx.platform.clock.now(),
      });
    } else {
      id = await repo.insertGridRow(tx, { communityId: community.id, name: input.name, gridWorkerUserId: input.gridWorkerUserId });
    }
    await repo.insertGridBuildings(tx, id!, input.buildingIds);
    await recordAudit(tx, ctx, {
      action: gridId ? 'registry.grid.update' : 'registry.grid.create',
      entityType: 'grid',
      entityId: id!,
      before: before ?? null,
      after: input,
    });
    return id!;
  });
  const g = await repo.findGridRow(ctx.platform.db, id);
  return (await present(ctx, ctx.platform.db, [g!]))[0]!;
}

export async function deleteGrid(ctx: Ctx, id: number) {
  await inTx(ctx, async (tx) => {
    const g = await repo.lockGridRow(tx, id);
    if (!g) throw commonErrors.NOT_FOUND();
    const community = await places.findPlaceInScope(tx, ctx.actor, g.communityId);
    if (!community) throw commonErrors.NOT_FOUND();
    gridPolicy.assert(ctx.actor, 'delete', { id, communityPath: community.path });
    await repo.deleteGridRow(tx, id);
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
    const before = await repo.buildingHeadRow(tx, buildingId);
    if (residentId === null) {
      await repo.clearBuildingHead(tx, buildingId);
    } else {
      const r = await repo.residentPath(tx, residentId);
      if (!r || !inPlaceScope(ctx.actor, r.path)) throw commonErrors.NOT_FOUND();
      if (!r.path.startsWith(b.path)) throw registryErrors.REGISTRY_HEAD_NOT_IN_BUILDING().onField('residentId');
      await repo.setBuildingHeadRow(tx, buildingId, residentId, ctx.platform.clock.now());
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
  const [head, g] = await Promise.all([repo.buildingHeadWithName(ex, buildingId), repo.gridOfBuilding(ex, buildingId)]);
  const worker = g?.gridWorkerUserId ? ((await userNames(ex, [g.gridWorkerUserId])).get(g.gridWorkerUserId) ?? null) : null;
  const grid = g ? { id: g.id, name: g.name, gridWorkerName: worker } : undefined;
  return { buildingHead: head ?? null, grid: grid ?? null };
}
