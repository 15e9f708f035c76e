import { DEFAULT_SLOTS, type ObservationSettingsView, type SlotSpec } from '@jiayuan/contracts';
import { eq, inArray, sql } from 'drizzle-orm';
import { can, inPlaceScope } from '../../platform/access/actor.js';
import { definePolicy } from '../../platform/access/policy.js';
import { recordAudit } from '../../platform/audit/audit.service.js';
import { inTx, type Ctx } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import { commonErrors } from '../../platform/errors/common-errors.js';
import * as places from '../../platform/places/places.repository.js';
import { places as placeTable } from '../../platform/places/places.schema.js';
import { observationSettings } from './observation.schema.js';

const settingsPolicy = definePolicy<{ path: string }, 'update'>({
  update: (a, p) => can(a, 'observation.manage') && inPlaceScope(a, p.path),
});

/** By default the arrival day is not counted: 14 days from arrival on 03-01 end on 03-16 (Civil Code art. 201). */
export const DEFAULT_ARRIVAL_DAY_COUNTED = false;

/** The slots and counting rule of the community a place lies in (its own, or the defaults). */
export async function observationRulesFor(ex: Executor, placePath: string): Promise<{ slots: SlotSpec[]; arrivalDayCounted: boolean }> {
  const ids = places.pathIds(placePath);
  const defaults = { slots: DEFAULT_SLOTS, arrivalDayCounted: DEFAULT_ARRIVAL_DAY_COUNTED };
  if (ids.length === 0) return defaults;
  const [row] = await ex
    .select({ slots: observationSettings.slots, arrivalDayCounted: observationSettings.arrivalDayCounted })
    .from(observationSettings)
    .innerJoin(placeTable, eq(placeTable.id, observationSettings.communityId))
    .where(sql`${inArray(observationSettings.communityId, ids)} AND ${placeTable.type} = 'community'`);
  return row ?? defaults;
}

async function present(ctx: Ctx, ex: Executor, p: { id: number; name: string; path: string }): Promise<ObservationSettingsView> {
  const [row] = await ex.select().from(observationSettings).where(eq(observationSettings.communityId, p.id));
  return {
    communityId: p.id,
    communityName: p.name,
    slots: row?.slots ?? DEFAULT_SLOTS,
    arrivalDayCounted: row?.arrivalDayCounted ?? DEFAULT_ARRIVAL_DAY_COUNTED,
    isDefault: !row,
    version: row?.version ?? 0,
    actions: settingsPolicy.actions(ctx.actor, p),
  };
}

/** The check slots of every community in scope. */
export async function listSlotSettings(ctx: Ctx) {
  const db = ctx.platform.db;
  const all = await db.select({ id: placeTable.id, name: placeTable.name, path: placeTable.path }).from(placeTable).where(eq(placeTable.type, 'community')).orderBy(placeTable.path);
  const mine = all.filter((c) => inPlaceScope(ctx.actor, c.path));
  return { items: await Promise.all(mine.map((c) => present(ctx, db, c))) };
}

/** Sets a community's check slots and whether the arrival day counts; cases opened from now on use them. */
export async function saveSlotSettings(ctx: Ctx, communityId: number, input: { slots: SlotSpec[]; arrivalDayCounted?: boolean | undefined; version?: number | undefined }) {
  return inTx(ctx, async (tx) => {
    const p = await places.findPlaceInScope(tx, ctx.actor, communityId);
    if (!p || p.type !== 'community' || !inPlaceScope(ctx.actor, p.path)) throw commonErrors.NOT_FOUND();
    settingsPolicy.assert(ctx.actor, 'update', p);
    const [before] = await tx.select().from(observationSettings).where(eq(observationSettings.communityId, communityId));
    if (input.version !== undefined && (before?.version ?? 0) !== input.version) throw commonErrors.STALE_VERSION();
    const now = ctx.platform.clock.now();
    const arrivalDayCounted = input.arrivalDayCounted ?? before?.arrivalDayCounted ?? DEFAULT_ARRIVAL_DAY_COUNTED;
    await tx
      .insert(observationSettings)
      .values({ communityId, slots: input.slots, arrivalDayCounted, updatedBy: ctx.actor.userId, updatedAt: now })
      .onConflictDoUpdate({ target: observationSettings.communityId, set: { slots: input.slots, arrivalDayCounted, updatedBy: ctx.actor.userId, updatedAt: now, version: sql`${observationSettings.version} + 1` } });
    await recordAudit(tx, ctx, { action: 'observation.settings.saveSlots', entityType: 'observation_settings', entityId: communityId, before: before?.slots ?? null, after: input.slots });
    if ((before?.arrivalDayCounted ?? DEFAULT_ARRIVAL_DAY_COUNTED) !== arrivalDayCounted) {
      await recordAudit(tx, ctx, {
        action: 'observation.settings.saveCounting',
        entityType: 'observation_settings',
        entityId: communityId,
        before: { arrivalDayCounted: before?.arrivalDayCounted ?? DEFAULT_ARRIVAL_DAY_COUNTED },
        after: { arrivalDayCounted },
      });
    }
    return present(ctx, tx, p);
  });
}
