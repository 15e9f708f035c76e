import { INBOUND_DEFAULTS, type InboundSettings } from '@jiayuan/contracts';
import { can, inPlaceScope } from '../../platform/access/actor.js';
import { definePolicy } from '../../platform/access/policy.js';
import { recordAudit } from '../../platform/audit/audit.service.js';
import { inTx, type Ctx } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import { commonErrors } from '../../platform/errors/common-errors.js';
import * as places from '../../platform/places/places.repository.js';
import * as repo from './inbound.repository.js';

export type Deadlines = { [K in keyof typeof INBOUND_DEFAULTS]: number };

/** A community's deadlines, or the defaults (route 15 min, review 45 min, notify 2 h, arrival + 1 day). */
export async function deadlinesOf(ex: Executor, communityId: number | null): Promise<Deadlines> {
  const row = communityId ? await repo.findSettings(ex, communityId) : undefined;
  return row
    ? { routeMinutes: row.routeMinutes, reviewMinutes: row.reviewMinutes, notifyMinutes: row.notifyMinutes, arrivalGraceDays: row.arrivalGraceDays, defaultObservationDays: row.defaultObservationDays }
    : { ...INBOUND_DEFAULTS };
}

const settingsPolicy = definePolicy<{ path: string }, 'update'>({
  update: (a, p) => can(a, 'inbound.configure') && inPlaceScope(a, p.path),
});

async function community(ctx: Ctx, ex: Executor, id: number) {
  const p = await places.findPlaceInScope(ex, ctx.actor, id);
  if (!p || p.type !== 'community' || !inPlaceScope(ctx.actor, p.path)) throw commonErrors.NOT_FOUND();
  return p;
}

async function present(ctx: Ctx, ex: Executor, p: { id: number; name: string; path: string }): Promise<InboundSettings> {
  const row = await repo.findSettings(ex, p.id);
  const d = await deadlinesOf(ex, p.id);
  return { communityId: p.id, communityName: p.name, ...d, isDefault: !row, version: row?.version ?? 0, actions: settingsPolicy.actions(ctx.actor, p) };
}

/** Deadlines of every community in scope. */
export async function listSettings(ctx: Ctx) {
  const db = ctx.platform.db;
  const all = (await repo.communities(db)).filter((c) => inPlaceScope(ctx.actor, c.path));
  return { items: await Promise.all(all.map((c) => present(ctx, db, c))) };
}

export async function saveSettings(ctx: Ctx, communityId: number, input: Omit<Deadlines, never> & { version?: number | undefined }) {
  return inTx(ctx, async (tx) => {
    const p = await community(ctx, tx, communityId);
    settingsPolicy.assert(ctx.actor, 'update', p);
    const before = await repo.findSettings(tx, communityId);
    if (input.version !== undefined && (before?.version ?? 0) !== input.version) throw commonErrors.STALE_VERSION();
    const values = {
      communityId,
      routeMinutes: input.routeMinutes,
      reviewMinutes: input.reviewMinutes,
      notifyMinutes: input.notifyMinutes,
      arrivalGraceDays: input.arrivalGraceDays,
      defaultObservationDays: input.defaultObservationDays,
      updatedBy: ctx.actor.userId,
      updatedAt: ctx.platform.clock.now(),
    };
    await repo.upsertSettings(tx, values);
    await recordAudit(tx, ctx, { action: 'inbound.settings.save', entityType: 'inbound_settings', entityId: communityId, before: before ?? null, after: values });
    return present(ctx, tx, p);
  });
}
