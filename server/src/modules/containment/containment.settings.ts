import type { ContainmentSettingsSave, ContainmentSettingsView } from '@jiayuan/contracts';
import { eq } from 'drizzle-orm';
import { can, inPlaceScope } from '../../platform/access/actor.js';
import { definePolicy } from '../../platform/access/policy.js';
import { recordAudit } from '../../platform/audit/audit.service.js';
import { inTx, type Ctx } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import { commonErrors } from '../../platform/errors/common-errors.js';
import * as places from '../../platform/places/places.repository.js';
import { places as placeTable } from '../../platform/places/places.schema.js';
import { DEFAULT_THRESHOLDS, type ContainmentThresholds } from './containment.rules.js';
import * as repo from './containment.repository.js';

/** A community's rule: thresholds, window and release days, auto-confirm, and whether suspected cases count. */
export interface CommunityRule extends ContainmentThresholds {
  autoConfirm: boolean;
  countSuspected: boolean;
}

export const DEFAULT_RULE: CommunityRule = { ...DEFAULT_THRESHOLDS, autoConfirm: false, countSuspected: false };

const settingsPolicy = definePolicy<{ path: string }, 'update'>({
  update: (a, p) => can(a, 'containment.settings') && inPlaceScope(a, p.path),
});

/** The rule of a community (its own settings, or the defaults of seed 004). */
export async function ruleOf(ex: Executor, communityId: number): Promise<CommunityRule> {
  const row = await repo.findSettings(ex, communityId);
  if (!row) return DEFAULT_RULE;
  return { stairwell: row.stairwell, building: row.building, compound: row.compound, windowDays: row.windowDays, releaseDays: row.releaseDays, autoConfirm: row.autoConfirm, countSuspected: row.countSuspected };
}

async function present(ctx: Ctx, ex: Executor, p: { id: number; name: string; path: string }): Promise<ContainmentSettingsView> {
  const row = await repo.findSettings(ex, p.id);
  const rule = await ruleOf(ex, p.id);
  return { communityId: p.id, communityName: p.name, ...rule, isDefault: !row, version: row?.version ?? 0, actions: settingsPolicy.actions(ctx.actor, p) };
}

/** The containment rule of every community in scope. */
export async function listSettings(ctx: Ctx) {
  const db = ctx.platform.db;
  const all = await db.select({ id: placeTable.id, name: placeTable.name, path: placeTable.path }).from(placeTable).where(eq(placeTable.type, 'community')).orderBy(placeTable.path);
  const mine = all.filter((c) => inPlaceScope(ctx.actor, c.path));
  return { items: await Promise.all(mine.map((c) => present(ctx, db, c))) };
}

/** Sets a community's rule; it applies from the next case change on. */
export async function saveSettings(ctx: Ctx, communityId: number, input: ContainmentSettingsSave) {
  return inTx(ctx, async (tx) => {
    const p = await places.findPlaceInScope(tx, ctx.actor, communityId);
    if (!p || p.type !== 'community' || !inPlaceScope(ctx.actor, p.path)) throw commonErrors.NOT_FOUND();
    settingsPolicy.assert(ctx.actor, 'update', p);
    const before = await repo.findSettings(tx, communityId);
    if (input.version !== undefined && (before?.version ?? 0) !== input.version) throw commonErrors.STALE_VERSION();
    const values = {
      stairwell: input.stairwell,
      building: input.building,
      compound: input.compound,
      windowDays: input.windowDays,
      releaseDays: input.releaseDays,
      autoConfirm: input.autoConfirm,
      countSuspected: input.countSuspected,
    };
    await repo.upsertSettings(tx, { communityId, ...values, updatedBy: ctx.actor.userId, updatedAt: ctx.platform.clock.now() });
    await recordAudit(tx, ctx, { action: 'containment.settings.save', entityType: 'containment_settings', entityId: communityId, before: before ?? DEFAULT_RULE, after: values });
    return present(ctx, tx, p);
  });
}
