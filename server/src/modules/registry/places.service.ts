import {
  PLACE_CHILDREN,
  type BuildingLayout,
  type PlaceBranch,
  type PlaceBranchCreated,
  type Place,
  type PlaceCreate,
  type PlaceDetail,
  type PlaceType,
  type PlaceUpdate,
  type PlaceWithCounts,
} from '@jiayuan/contracts';
import { can, inPlaceScope } from '../../platform/access/actor.js';
import { recordAudit } from '../../platform/audit/audit.service.js';
import { inTx, type Ctx } from '../../platform/context.js';
import { isUniqueViolation } from '../../platform/db/sql-state.js';
import { commonErrors } from '../../platform/errors/common-errors.js';
import * as places from '../../platform/places/places.repository.js';
import type { PlaceRow } from '../../platform/places/places.repository.js';
import { buildingRoles } from './grids.service.js';
import { placePolicy } from './places.policy.js';
import * as repo from './places.repository.js';
import { registryErrors } from './registry.errors.js';

const TYPE_NAMES: Record<PlaceType, string> = {
  center: '协调中心',
  department: '协调部',
  community: '社区',
  station: '协调站',
  compound: '小区',
  building: '楼栋',
  stairwell: '单元',
  dwelling: '房屋',
};

const TYPE_NAMES_EN: Record<PlaceType, string> = {
  center: 'coordination centre',
  department: 'coordination department',
  community: 'community',
  station: 'coordination station',
  compound: 'compound',
  building: 'building',
  stairwell: 'stairwell',
  dwelling: 'dwelling',
};

async function present(ctx: Ctx, rows: PlaceRow[]): Promise<Place[]> {
  const [labels, childCounts] = await Promise.all([
    places.labelsForPaths(
      ctx.platform.db,
      rows.map((r) => r.path),
    ),
    places.countChildren(
      ctx.platform.db,
      rows.map((r) => r.id),
    ),
  ]);
  return rows.map((r) => ({
    id: r.id,
    parentId: r.parentId,
    type: r.type as PlaceType,
    name: r.name,
    code: r.code,
    path: r.path,
    depth: r.depth,
    sortOrder: r.sortOrder,
    attrs: r.attrs,
    label: labels.get(r.path) ?? r.name,
    childCount: childCounts.get(r.id) ?? 0,
    version: r.version,
    actions: placePolicy.actions(ctx.actor, r),
  }));
}

/** Loads a place the actor may see, or answers 404 as if it did not exist. */
export async function loadPlace(ctx: Ctx, id: number): Promise<PlaceRow> {
  const row = await places.findPlaceInScope(ctx.platform.db, ctx.actor, id);
  if (!row) throw commonErrors.NOT_FOUND();
  return row;
}

/** The children of a place (or the top of the tree), optionally with household and resident counts. */
export async function listChildren(ctx: Ctx, parentId: number | null, withCounts: boolean): Promise<PlaceWithCounts[]> {
  const parent = parentId === null ? null : await loadPlace(ctx, parentId);
  const rows = await places.childPlaces(ctx.platform.db, ctx.actor, parent?.id ?? null);
  const shown = await present(ctx, rows);
  const counts = withCounts ? await repo.countsByChild(ctx.platform.db, ctx.actor, parent) : new Map();
  return shown.map((p) => ({ ...p, households: counts.get(p.id)?.households ?? 0, residents: counts.get(p.id)?.residents ?? 0 }));
}

export async function getPlace(ctx: Ctx, id: number): Promise<PlaceDetail> {
  const row = await loadPlace(ctx, id);
  const [shown] = await present(ctx, [row]);
  const counts = await repo.countsUnder(ctx.platform.db, ctx.actor, row.path);
  const ancestorIds = places.pathIds(row.path).slice(0, -1);
  const ancestors = await places.findPlaces(ctx.platform.db, ancestorIds);
  const byId = new Map(ancestors.map((a) => [a.id, a]));
  return {
    ...shown!,
    ...counts,
    ...(row.type === 'building' ? await buildingRoles(ctx.platform.db, row.id) : { buildingHead: null, grid: null }),
    ancestors: ancestorIds
      .map((id) => byId.get(id))
      .filter((a): a is PlaceRow => !!a)
      .map((a) => ({ id: a.id, name: a.name, type: a.type as PlaceType })),
  };
}

export async function searchPlaces(ctx: Ctx, q: string, type: PlaceType | undefined, limit: number) {
  const rows = await repo.searchPlaces(ctx.platform.db, ctx.actor, q, type, limit);
  const labels = await places.labelsForPaths(
    ctx.platform.db,
    rows.map((r) => r.path),
  );
  return { items: rows.map((r) => ({ id: r.id, type: r.type as PlaceType, name: r.name, label: labels.get(r.path) ?? r.name })) };
}

/**
 * Adds a whole branch at once, in one transaction: every place under a parent of a fitting type,
 * no two siblings of one name. The same rules as adding places one by one (a new tree starts with
 * a centre, which only an admin over everything may add).
 */
export async function createBranch(ctx: Ctx, input: PlaceBranch): Promise<PlaceBranchCreated> {
  const ids = await inTx(ctx, async (tx) => {
    let parent: PlaceRow | null = null;
    if (input.parentId === null) {
      if (!can(ctx.actor, 'place.manage') || !ctx.actor.scope.all) throw commonErrors.FORBIDDEN();
    } else {
      parent = (await places.findPlaceInScope(tx, ctx.actor, input.parentId)) ?? null;
      if (!parent || !inPlaceScope(ctx.actor, parent.path)) throw commonErrors.NOT_FOUND();
      placePolicy.assert(ctx.actor, 'addChild', parent);
    }
    const reserved = await repo.reservePlaceIds(tx, input.places.length);
    const rows: (PlaceRow & { parentIndex: number })[] = [];
    const siblings = new Set<string>();
    for (const [i, p] of input.places.entries()) {
      if (p.parent >= i) throw registryErrors.REGISTRY_BRANCH_PARENT({ row: i + 1 }).onField(`places.${i}.parent`);
      const up = p.parent === -1 ? parent : rows[p.parent]!;
      if (up === null) {
        if (p.type !== 'center') throw registryErrors.REGISTRY_PLACE_ROOT_NOT_ALLOWED().onField(`places.${i}.type`);
      } else if (!PLACE_CHILDREN[up.type as PlaceType].includes(p.type)) {
        throw registryErrors
          .REGISTRY_PLACE_TYPE_NOT_ALLOWED({
            parent: TYPE_NAMES[up.type as PlaceType],
            type: TYPE_NAMES[p.type],
            parentEn: TYPE_NAMES_EN[up.type as PlaceType],
            typeEn: TYPE_NAMES_EN[p.type],
          })
          .onField(`places.${i}.type`);
      }
      const key = `${p.parent}:${p.name}`;
      if (siblings.has(key) || (p.parent === -1 && (await repo.siblingNamed(tx, input.parentId, p.name)))) {
        throw registryErrors.REGISTRY_PLACE_NAME_TAKEN({ name: p.name }).onField(`places.${i}.name`);
      }
      siblings.add(key);
      const id = reserved[i]!;
      const now = ctx.platform.clock.now();
      rows.push({
        id,
        parentId: up?.id ?? null,
        type: p.type,
        name: p.name,
        code: null,
        path: `${up?.path ?? ''}${id}.`,
        depth: (up?.depth ?? -1) + 1,
        sortOrder: i,
        attrs: {},
        createdAt: now,
        updatedAt: now,
        version: 1,
        parentIndex: p.parent,
      });
    }
    // Two admins adding the same name at once: the unique index on (parent, name) lets one win.
    try {
      await repo.insertPlaces(
        tx,
        rows.map(({ parentIndex: _, createdAt: _c, updatedAt: _u, version: _v, ...r }) => r),
      );
    } catch (err) {
      if (isUniqueViolation(err)) throw registryErrors.REGISTRY_PLACE_NAME_TAKEN({ name: input.places[0]!.name });
      throw err;
    }
    await recordAudit(tx, ctx, {
      action: 'registry.place.import',
      entityType: 'place',
      entityId: rows[0]!.id,
      after: { parentId: input.parentId, places: rows.map((r) => ({ id: r.id, parentId: r.parentId, type: r.type, name: r.name })) },
    });
    return rows.map((r) => r.id);
  });
  return { created: ids.length, ids };
}

/** Adds a place under a parent of a fitting type; a new tree starts with a centre. */
export async function createPlace(ctx: Ctx, input: PlaceCreate): Promise<Place> {
  const row = await inTx(ctx, async (tx) => {
    let parent: PlaceRow | null = null;
    if (input.parentId === null) {
      if (!can(ctx.actor, 'place.manage') || !ctx.actor.scope.all) throw commonErrors.FORBIDDEN();
      if (input.type !== 'center') throw registryErrors.REGISTRY_PLACE_ROOT_NOT_ALLOWED();
    } else {
      parent = (await places.findPlaceInScope(tx, ctx.actor, input.parentId)) ?? null;
      if (!parent || !inPlaceScope(ctx.actor, parent.path)) throw commonErrors.NOT_FOUND();
      // The type check comes first: a flat holds nothing, which is a type problem, not a permission one.
      const parentType = parent.type as PlaceType;
      if (!PLACE_CHILDREN[parentType].includes(input.type)) {
        throw registryErrors.REGISTRY_PLACE_TYPE_NOT_ALLOWED({
          parent: TYPE_NAMES[parentType],
          type: TYPE_NAMES[input.type],
          parentEn: TYPE_NAMES_EN[parentType],
          typeEn: TYPE_NAMES_EN[input.type],
        });
      }
      placePolicy.assert(ctx.actor, 'addChild', parent);
    }
    if (await repo.siblingNamed(tx, input.parentId, input.name)) throw registryErrors.REGISTRY_PLACE_NAME_TAKEN({ name: input.name }).onField('name');
    const [id] = await repo.reservePlaceIds(tx, 1);
    const [created] = await repo.insertPlaces(tx, [
      {
        id: id!,
        parentId: parent?.id ?? null,
        type: input.type,
        name: input.name,
        code: input.code ?? null,
        path: `${parent?.path ?? ''}${id}.`,
        depth: (parent?.depth ?? -1) + 1,
        sortOrder: input.sortOrder ?? 0,
        attrs: input.attrs ?? {},
      },
    ]);
    await recordAudit(tx, ctx, { action: 'registry.place.create', entityType: 'place', entityId: id!, after: created });
    return created!;
  });
  return (await present(ctx, [row]))[0]!;
}

export async function updatePlace(ctx: Ctx, id: number, input: PlaceUpdate): Promise<Place> {
  const row = await inTx(ctx, async (tx) => {
    const before = await places.findPlaceInScope(tx, ctx.actor, id);
    if (!before) throw commonErrors.NOT_FOUND();
    placePolicy.assert(ctx.actor, 'update', before);
    if (before.version !== input.version) throw commonErrors.STALE_VERSION();
    if (input.name && input.name !== before.name && (await repo.siblingNamed(tx, before.parentId, input.name, id))) {
      throw registryErrors.REGISTRY_PLACE_NAME_TAKEN({ name: input.name }).onField('name');
    }
    const after = await repo.updatePlaceVersioned(
      tx,
      id,
      input.version,
      {
        name: input.name ?? before.name,
        code: input.code === undefined ? before.code : input.code,
        sortOrder: input.sortOrder ?? before.sortOrder,
        attrs: input.attrs ?? before.attrs,
      },
      ctx.platform.clock.now(),
    );
    if (!after) throw commonErrors.STALE_VERSION();
    await recordAudit(tx, ctx, { action: 'registry.place.update', entityType: 'place', entityId: id, before, after });
    return after;
  });
  return (await present(ctx, [row]))[0]!;
}

export async function deletePlace(ctx: Ctx, id: number) {
  await inTx(ctx, async (tx) => {
    const before = await places.findPlaceInScope(tx, ctx.actor, id);
    if (!before) throw commonErrors.NOT_FOUND();
    placePolicy.assert(ctx.actor, 'delete', before);
    const children = await places.countChildren(tx, [id]);
    if ((children.get(id) ?? 0) > 0 || (await repo.hasHouseholdsUnder(tx, before.path))) throw registryErrors.REGISTRY_PLACE_NOT_EMPTY();
    if (await repo.placeInAnyScope(tx, id)) throw registryErrors.REGISTRY_PLACE_IN_USE();
    await repo.deletePlace(tx, id);
    await recordAudit(tx, ctx, { action: 'registry.place.delete', entityType: 'place', entityId: id, before });
  });
}

/** Lays out an empty building: stairwells × floors × flats, named 1单元 / 301, 302 … */
export async function layoutBuilding(ctx: Ctx, buildingId: number, layout: BuildingLayout): Promise<{ stairwells: number; dwellings: number }> {
  return inTx(ctx, async (tx) => {
    const building = await places.findPlaceInScope(tx, ctx.actor, buildingId);
    if (!building) throw commonErrors.NOT_FOUND();
    if (building.type !== 'building') throw registryErrors.REGISTRY_NOT_A_BUILDING();
    placePolicy.assert(ctx.actor, 'layout', building);
    if ((await places.countChildren(tx, [buildingId])).get(buildingId)) throw registryErrors.REGISTRY_BUILDING_NOT_EMPTY();
    const perStairwell = layout.floors * layout.flatsPerFloor;
    const ids = await repo.reservePlaceIds(tx, layout.stairwells * (1 + perStairwell));
    const rows: Parameters<typeof repo.insertPlaces>[1] = [];
    let next = 0;
    for (let s = 1; s <= layout.stairwells; s++) {
      const sid = ids[next++]!;
      const spath = `${building.path}${sid}.`;
      rows.push({
        id: sid,
        parentId: buildingId,
        type: 'stairwell',
        name: `${s}${layout.stairwellSuffix}`,
        path: spath,
        depth: building.depth + 1,
        sortOrder: s,
        attrs: {},
      });
      for (let f = 1; f <= layout.floors; f++) {
        for (let k = 1; k <= layout.flatsPerFloor; k++) {
          const did = ids[next++]!;
          rows.push({
            id: did,
            parentId: sid,
            type: 'dwelling',
            name: `${f}${String(k).padStart(2, '0')}`,
            path: `${spath}${did}.`,
            depth: building.depth + 2,
            sortOrder: f * 100 + k,
            attrs: { floor: f },
          });
        }
      }
    }
    await repo.insertPlaces(tx, rows);
    const result = { stairwells: layout.stairwells, dwellings: layout.stairwells * perStairwell };
    await recordAudit(tx, ctx, { action: 'registry.place.applyLayout', entityType: 'place', entityId: buildingId, after: { ...layout, ...result } });
    return result;
  });
}
