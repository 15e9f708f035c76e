import { and, eq, gt, inArray, sql } from 'drizzle-orm';
import type { AppDb } from '../../platform/db/database.js';
import { lockdownOrders } from './lockdowns.schema.js';

/** One entry of the lockdown list gates keep: a sealed place, or (in a delta) one no longer sealed. */
export interface LockdownEntry {
  orderId: number;
  placeId: number;
  placePath: string;
  level: string;
  /** false in a delta when the order was released or dismissed since: the gate drops it. */
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

function entryOf(r: typeof lockdownOrders.$inferSelect): LockdownEntry {
  return {
    orderId: r.id,
    placeId: r.placeId,
    placePath: r.placePath,
    level: r.level,
    active: r.status === 'active',
    releaseAfter: r.releaseAfter ? r.releaseAfter.toISOString() : null,
    version: r.listVersion,
  };
}

/**
 * The lockdown list: every order in force, or with `since`, every order that entered or left
 * force after that version (proposed orders never reach gates).
 */
export async function lockdownList(db: AppDb, since?: number): Promise<LockdownList> {
  const rows =
    since === undefined
      ? await db.select().from(lockdownOrders).where(eq(lockdownOrders.status, 'active'))
      : await db
          .select()
          .from(lockdownOrders)
          .where(and(gt(lockdownOrders.listVersion, since), inArray(lockdownOrders.status, ['active', 'released', 'dismissed'])));
  const [top] = await db.select({ v: sql<number>`coalesce(max(${lockdownOrders.listVersion}), 0)::int` }).from(lockdownOrders);
  return { version: Math.max(top?.v ?? 0, since ?? 0), full: since === undefined, entries: rows.map(entryOf) };
}

/** The order in force that seals a household at `placePath`, if any (widest first). */
export function sealedBy<T extends Pick<LockdownEntry, 'placePath' | 'active'>>(entries: readonly T[], placePath: string): T | null {
  let found: T | null = null;
  for (const e of entries) {
    if (e.active && placePath.startsWith(e.placePath) && (!found || e.placePath.length < found.placePath.length)) found = e;
  }
  return found;
}

/** Marks a change to an order so the next delta carries it; call in the transaction that changes it. */
export const nextListVersion = sql`nextval('lockdown_list_version')`;
