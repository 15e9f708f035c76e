import { sql } from 'drizzle-orm';
import type { Actor } from '../../platform/access/actor.js';
import { likePrefix } from '../../platform/access/scope-sql.js';
import { queryRows, type AppDb, type Executor } from '../../platform/db/database.js';

/** The channel on which a changed lockdown order is announced (gates read their list again). */
export const LOCKDOWNS_CHANNEL = 'containment_lockdowns';

/** Tells every instance that lockdown orders changed; call inside the transaction that changes one (sent on commit). */
export async function notifyLockdownsChanged(ex: Executor) {
  await ex.execute(sql`SELECT pg_notify(${LOCKDOWNS_CHANNEL}, 'changed')`);
}

/** One entry of the lockdown list gates keep: a sealed place, or (in a delta) one no longer sealed. */
export interface LockdownEntry {
  orderId: number;
  placeId: number;
  placePath: string;
  level: string;
  /** false in a delta when the order was released since: the gate drops it. (Proposals, and dismissed proposals, were never in force and never appear.) */
  active: boolean;
  releaseAfter: string | null;
  version: number;
}

export interface LockdownList {
  /** The highest version in the list; pass it back as `since` for the next delta. */
  version: number;
  /** true when this is the whole list (no `since`), false for a delta. */
  full: boolean;
  entries: LockdownEntry[];
}

interface Row {
  top: number;
  id: number | null;
  place_id: number;
  place_path: string;
  level: string;
  status: string;
  release_after: Date | string | null;
  list_version: number;
}

function entryOf(r: Row): LockdownEntry {
  return {
    orderId: Number(r.id),
    placeId: Number(r.place_id),
    placePath: r.place_path,
    level: r.level,
    active: r.status === 'active',
    releaseAfter: r.release_after ? new Date(r.release_after).toISOString() : null,
    version: Number(r.list_version),
  };
}

/**
 * The lockdown list: every order in force, or with `since`, every order that entered or left
 * force after that version (proposed orders never reach gates). The rows and the version come
 * from one statement, so one snapshot: a change committed meanwhile is either in both or in
 * neither, and the next delta from the returned version carries it. Writers take their versions
 * under one transaction lock (containment.repository `lockOrders`), so versions commit in order.
 * Served by `lockdown_orders_status_idx` (full) and `lockdown_orders_version_idx` (delta, max).
 * `within`: only the orders bearing on that actor's places (a gate's lists); the version stays
 * the list's own, so deltas work the same.
 */
export async function lockdownList(db: AppDb, since?: number, within?: Actor): Promise<LockdownList> {
  const changed = since === undefined ? sql`o.status = 'active'` : sql`o.list_version > ${since} AND o.status IN ('active', 'released')`;
  const match = within ? sql`${changed} AND ${touching(within)}` : changed;
  const rows = await queryRows<Row>(
    db,
    sql`SELECT t.top::bigint AS top, o.id, o.place_id, o.place_path, o.level, o.status, o.release_after, o.list_version
        FROM (SELECT coalesce(max(list_version), 0) AS top FROM lockdown_orders) t
        LEFT JOIN lockdown_orders o ON ${match}
        ORDER BY o.list_version`,
  );
  const top = Number(rows[0]?.top ?? 0);
  return { version: Math.max(top, since ?? 0), full: since === undefined, entries: rows.filter((r) => r.id !== null).map(entryOf) };
}

/**
 * Orders that bear on the actor's places: on one of them or under it (a stairwell of the
 * compound), or over it (the community the compound is in). A gate keeps only these.
 */
function touching(actor: Actor) {
  if (actor.scope.all) return sql`TRUE`;
  const parts = actor.scope.places.map((p) => sql`(o.place_path LIKE ${likePrefix(p.path)} OR left(${p.path}, length(o.place_path)) = o.place_path)`);
  return parts.length ? sql`(${sql.join(parts, sql` OR `)})` : sql`FALSE`;
}

/** The order in force that seals a household at a place path, if any (widest first): the gates' own offline rule. */
export { sealedOrder as sealedBy } from '@jiayuan/contracts';

/** Marks a change to an order so the next delta carries it; call in the transaction that changes it. */
export const nextListVersion = sql`nextval('lockdown_list_version')`;

/** The list's current version as a scalar subquery, for a module's poll that reads it with its own versions in one statement. */
export const lockdownListVersionSql = sql`(SELECT coalesce(max(list_version), 0) FROM lockdown_orders)`;
