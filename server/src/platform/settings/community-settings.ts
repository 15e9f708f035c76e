import type { AuditAction, AuditEntityType, Permission } from '@jiayuan/contracts';
import { asc, eq, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { can, inPlaceScope } from '../access/actor.js';
import { definePolicy } from '../access/policy.js';
import { recordAudit } from '../audit/audit.service.js';
import { inTx, type Ctx } from '../context.js';
import type { Executor, Tx } from '../db/database.js';
import { commonErrors } from '../errors/common-errors.js';
import * as places from '../places/places.repository.js';
import { places as placeTable } from '../places/places.schema.js';

/** A module's table of per-community settings: one row per community, versioned. */
type SettingsTable = PgTable & { communityId: PgColumn; version: PgColumn; updatedBy: PgColumn; updatedAt: PgColumn };

/** How a page shows one community's settings: the values, whether they are the defaults, the version to send back, what the caller may do. */
export interface SettingsMeta {
  communityId: number;
  communityName: string;
  isDefault: boolean;
  version: number;
  actions: 'update'[];
}

export interface CommunitySettingsSpec<V extends object, Input> {
  table: SettingsTable;
  /** Who may change them (in the community's scope). */
  permission: Permission;
  audit: { action: AuditAction; entityType: AuditEntityType };
  defaults: V;
  /** The values kept in a row. */
  fromRow(row: Record<string, unknown>): V;
  /** The values a save sets, from what was sent and what was there (a field left out keeps its value). */
  fromInput(input: Input, before: V): V;
  /** More audit rows for a change that deserves its own (observation's counting of the arrival day). */
  onSave?(tx: Tx, ctx: Ctx, communityId: number, before: V, after: V): Promise<void>;
}

/**
 * Settings a module keeps per community (deadlines, check slots, lockdown thresholds): read with
 * their defaults, listed for the communities in scope, saved by those holding the permission.
 * A save names the version it read and is applied WHERE the row still has it, so of two people
 * saving at once one is told the settings changed (409), never silently overwritten.
 */
export function defineCommunitySettings<V extends object, Input extends { version?: number | undefined }>(spec: CommunitySettingsSpec<V, Input>) {
  const policy = definePolicy<{ path: string }, 'update'>({ update: (a, p) => can(a, spec.permission) && inPlaceScope(a, p.path) });
  const t = spec.table;

  async function read(ex: Executor, communityId: number): Promise<{ values: V; version: number; isDefault: boolean }> {
    const [row] = await ex
      .select()
      .from(t as PgTable)
      .where(eq(t.communityId, communityId));
    if (!row) return { values: spec.defaults, version: 0, isDefault: true };
    const r = row as Record<string, unknown>;
    return { values: spec.fromRow(r), version: r.version as number, isDefault: false };
  }

  /** A community's values (its own, or the defaults); the defaults for no community. */
  async function valuesOf(ex: Executor, communityId: number | null): Promise<V> {
    return communityId === null ? spec.defaults : (await read(ex, communityId)).values;
  }

  async function present(ctx: Ctx, ex: Executor, p: { id: number; name: string; path: string }): Promise<V & SettingsMeta> {
    const s = await read(ex, p.id);
    return { communityId: p.id, communityName: p.name, ...s.values, isDefault: s.isDefault, version: s.version, actions: policy.actions(ctx.actor, p) };
  }

  /** The settings of every community in the caller's scope. */
  async function list(ctx: Ctx) {
    const db = ctx.platform.db;
    const all = await db
      .select({ id: placeTable.id, name: placeTable.name, path: placeTable.path })
      .from(placeTable)
      .where(eq(placeTable.type, 'community'))
      .orderBy(asc(placeTable.path));
    return { items: await Promise.all(all.filter((c) => inPlaceScope(ctx.actor, c.path)).map((c) => present(ctx, db, c))) };
  }

  /** Saves a community's settings (404 outside the scope, 403 without the permission, 409 when they changed since read). */
  async function save(ctx: Ctx, communityId: number, input: Input) {
    return inTx(ctx, async (tx) => {
      const p = await places.findPlaceInScope(tx, ctx.actor, communityId);
      if (!p || p.type !== 'community' || !inPlaceScope(ctx.actor, p.path)) throw commonErrors.NOT_FOUND();
      policy.assert(ctx.actor, 'update', p);
      const before = await read(tx, communityId);
      const expected = input.version ?? before.version;
      if (expected !== before.version) throw commonErrors.STALE_VERSION();
      const values = spec.fromInput(input, before.values);
      const now = ctx.platform.clock.now();
      const stamp = { updatedBy: ctx.actor.userId, updatedAt: now };
      const saved = await tx
        .insert(t)
        .values({ communityId, ...values, ...stamp } as never)
        .onConflictDoUpdate({
          target: t.communityId,
          set: { ...values, ...stamp, version: sql`${t.version} + 1` } as never,
          setWhere: sql`${t.version} = ${expected}` as SQL,
        })
        .returning();
      if (saved.length === 0) throw commonErrors.STALE_VERSION();
      await recordAudit(tx, ctx, {
        action: spec.audit.action,
        entityType: spec.audit.entityType,
        entityId: communityId,
        before: before.isDefault ? null : before.values,
        after: values,
      });
      await spec.onSave?.(tx, ctx, communityId, before.values, values);
      return present(ctx, tx, p);
    });
  }

  return { valuesOf, list, save, policy };
}
