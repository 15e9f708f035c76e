import type { HouseholdSummary } from '@jiayuan/contracts';
import { can, inPlaceScope } from '../../platform/access/actor.js';
import { definePolicy } from '../../platform/access/policy.js';
import { recordAudit } from '../../platform/audit/audit.service.js';
import { inTx, type Ctx } from '../../platform/context.js';
import { commonErrors } from '../../platform/errors/common-errors.js';
import * as places from '../../platform/places/places.repository.js';
import * as repo from './households.repository.js';
import { registryErrors } from './registry.errors.js';

export const householdPolicy = definePolicy<repo.HouseholdRowLike & { members: number }, 'addMember' | 'delete'>({
  addMember: (a, h) => can(a, 'resident.manage') && inPlaceScope(a, h.placePath),
  delete: (a, h) => can(a, 'household.manage') && inPlaceScope(a, h.placePath) && h.members === 0,
});

/** Turns a list query into the repository filter; a place outside the scope is not found. */
export async function householdFilter(ctx: Ctx, q: { placeId?: number | undefined; q?: string | undefined }) {
  const place = q.placeId ? await places.findPlaceInScope(ctx.platform.db, ctx.actor, q.placeId) : null;
  if (q.placeId && !place) throw commonErrors.NOT_FOUND();
  return { placePath: place?.path ?? null, headNamePrefix: q.q?.trim() || null };
}

export async function listHouseholds(ctx: Ctx, q: { page: number; pageSize: number; placeId?: number | undefined; q?: string | undefined }) {
  const { rows, total } = await repo.listHouseholds(ctx.platform.db, ctx.actor, await householdFilter(ctx, q), {
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  return { items: await present(ctx, rows), total, page: q.page, pageSize: q.pageSize };
}

async function present(ctx: Ctx, rows: repo.HouseholdRowLike[]): Promise<HouseholdSummary[]> {
  const db = ctx.platform.db;
  const [labels, stats] = await Promise.all([
    places.labelsForPaths(
      db,
      rows.map((r) => r.placePath),
    ),
    repo.householdStats(
      db,
      rows.map((r) => r.id),
    ),
  ]);
  return rows.map((h) => ({
    id: h.id,
    dwellingId: h.dwellingId,
    dwellingLabel: labels.get(h.placePath) ?? '',
    headName: stats.get(h.id)?.head ?? null,
    members: stats.get(h.id)?.members ?? 0,
    note: h.note,
    actions: householdPolicy.actions(ctx.actor, { ...h, members: stats.get(h.id)?.members ?? 0 }),
  }));
}

/** Opens an empty household at a dwelling (members are added as residents). */
export async function createHousehold(ctx: Ctx, input: { dwellingId: number; note?: string | null | undefined }) {
  const created = await inTx(ctx, async (tx) => {
    const d = await places.findPlaceInScope(tx, ctx.actor, input.dwellingId);
    if (!d || !inPlaceScope(ctx.actor, d.path)) throw commonErrors.NOT_FOUND();
    if (d.type !== 'dwelling') throw registryErrors.REGISTRY_NOT_A_DWELLING();
    const h = await repo.insertHousehold(tx, { dwellingId: d.id, placePath: d.path, note: input.note ?? null, createdAt: ctx.platform.clock.now() });
    await recordAudit(tx, ctx, { action: 'registry.household.create', entityType: 'household', entityId: h.id, after: h });
    return h;
  });
  // Present the household just made (a flat may already hold others, listed before it).
  return (await present(ctx, [created]))[0]!;
}

export async function deleteHousehold(ctx: Ctx, id: number) {
  await inTx(ctx, async (tx) => {
    const h = await repo.findHouseholdInScope(tx, ctx.actor, id);
    if (!h) throw commonErrors.NOT_FOUND();
    const members = await repo.memberCount(tx, id);
    if (members > 0) throw registryErrors.REGISTRY_HOUSEHOLD_NOT_EMPTY();
    householdPolicy.assert(ctx.actor, 'delete', { ...h, members });
    await repo.deleteHousehold(tx, id);
    await recordAudit(tx, ctx, { action: 'registry.household.delete', entityType: 'household', entityId: id, before: h });
  });
}
