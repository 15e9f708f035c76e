import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { LABEL_PLACE_TYPES, type PlaceType } from '@jiayuan/contracts';
import type { Actor } from '../access/actor.js';
import { scopeWhere } from '../access/scope-sql.js';
import { queryRows, type Executor } from '../db/database.js';
import { defineKeyedCache } from '../db/reference-cache.js';
import { employers, places } from './places.schema.js';

export type PlaceRow = typeof places.$inferSelect;

/** Ids along a path, root first: `1.5.23.` → [1, 5, 23]. */
export function pathIds(path: string): number[] {
  return path.split('.').filter(Boolean).map(Number);
}

/**
 * Places by id, kept per instance (platform/db/reference-cache.ts): nearly every request names a
 * place or shows one's label, and places change rarely (the registry's edits, imports). Frozen:
 * what is kept is shared by every request.
 */
const placesById = defineKeyedCache<number, PlaceRow>({
  name: 'places',
  tables: ['places'],
  load: async (ex, ids) => (await ex.select().from(places).where(inArray(places.id, ids))).map((r) => Object.freeze(r)),
  keyOf: (r) => r.id,
  max: 200_000,
});

export async function findPlace(ex: Executor, id: number): Promise<PlaceRow | undefined> {
  return placesById.get(ex, id);
}

/** A place the actor may see (it lies inside their scope), or undefined. */
export async function findPlaceInScope(ex: Executor, actor: Actor, id: number): Promise<PlaceRow | undefined> {
  const row = await placesById.get(ex, id);
  return row && placeVisible(actor, row) ? row : undefined;
}

/** `visiblePlaces` for one place in hand: inside the actor's subtrees, or an ancestor of one. */
export function placeVisible(actor: Actor, row: Pick<PlaceRow, 'id' | 'path'>): boolean {
  if (actor.scope.all) return true;
  return actor.scope.places.some((p) => row.path.startsWith(p.path) || pathIds(p.path).includes(row.id));
}

/**
 * Places an actor may see: their subtrees, plus the ancestors of those subtrees so a tree
 * can be drawn from the root down to where they work.
 */
export function visiblePlaces(actor: Actor) {
  if (actor.scope.all) return sql`TRUE`;
  const ancestorIds = actor.scope.places.flatMap((p) => pathIds(p.path));
  const inside = scopeWhere(actor, { path: places.path });
  if (ancestorIds.length === 0) return inside;
  return sql`(${inside} OR ${inArray(places.id, ancestorIds)})`;
}

export async function findPlaces(ex: Executor, ids: number[]): Promise<PlaceRow[]> {
  return [...(await placesById.getMany(ex, ids)).values()];
}

export async function childPlaces(ex: Executor, actor: Actor, parentId: number | null): Promise<PlaceRow[]> {
  return ex
    .select()
    .from(places)
    .where(and(parentId === null ? sql`${places.parentId} IS NULL` : eq(places.parentId, parentId), visiblePlaces(actor)))
    .orderBy(asc(places.sortOrder), asc(places.id));
}

export async function countChildren(ex: Executor, ids: number[]): Promise<Map<number, number>> {
  if (ids.length === 0) return new Map();
  const rows = await queryRows<{ parent_id: number; n: number }>(
    ex,
    sql`SELECT parent_id, count(*)::int AS n FROM places WHERE ${inArray(places.parentId, ids)} GROUP BY parent_id`,
  );
  return new Map(rows.map((r) => [r.parent_id, r.n]));
}

const LABEL_TYPES = new Set<PlaceType>(LABEL_PLACE_TYPES);

/** Human labels for places from the community down: `荟萃社区 建工小区 3号楼 2单元 301`. */
export async function labelsForPaths(ex: Executor, paths: string[]): Promise<Map<string, string>> {
  const ids = [...new Set(paths.flatMap(pathIds))];
  const rows = await findPlaces(ex, ids);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const out = new Map<string, string>();
  for (const path of paths) {
    const chain = pathIds(path)
      .map((id) => byId.get(id))
      .filter((p): p is PlaceRow => !!p);
    const shown = chain.filter((p) => LABEL_TYPES.has(p.type as PlaceType));
    out.set(path, (shown.length > 0 ? shown : chain.slice(-1)).map((p) => p.name).join(' '));
  }
  return out;
}

export async function labelFor(ex: Executor, path: string): Promise<string> {
  return (await labelsForPaths(ex, [path])).get(path) ?? '';
}

export async function findEmployers(ex: Executor, ids: number[]) {
  if (ids.length === 0) return [];
  return ex
    .select({ id: employers.id, name: employers.name })
    .from(employers)
    .where(inArray(employers.id, [...new Set(ids)]));
}

/** The places of a type at or under a path (a recurring duty owed to each of them). */
export async function placesOfTypeUnder(ex: Executor, type: string, rootPath: string) {
  return queryRows<{ id: number; path: string }>(ex, sql`SELECT id, path FROM places WHERE type = ${type} AND path LIKE ${`${rootPath}%`}`);
}
