import { and, eq, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/access/actor.js';
import { scopeWhere, underPath } from '../../platform/access/scope-sql.js';
import { queryOne, queryRows, type Executor } from '../../platform/db/database.js';
import { tableWritten } from '../../platform/db/reference-cache.js';
import { places } from '../../platform/places/places.schema.js';
import type { PlaceRow } from '../../platform/places/places.repository.js';
import { buildingHeads, gridBuildings, households, residents } from './registry.schema.js';

/** Reserves `n` place ids, so paths can be written in the same insert. */
export async function reservePlaceIds(ex: Executor, n: number): Promise<number[]> {
  const rows = await queryRows<{ id: number }>(ex, sql`SELECT nextval(pg_get_serial_sequence('places', 'id'))::bigint AS id FROM generate_series(1, ${n})`);
  return rows.map((r) => r.id);
}

export async function insertPlaces(ex: Executor, rows: (typeof places.$inferInsert)[]): Promise<PlaceRow[]> {
  tableWritten(ex, 'places');
  const out: PlaceRow[] = [];
  for (let i = 0; i < rows.length; i += 1000)
    out.push(
      ...(await ex
        .insert(places)
        .values(rows.slice(i, i + 1000))
        .returning()),
    );
  return out;
}

export async function siblingNamed(ex: Executor, parentId: number | null, name: string, exceptId?: number) {
  const row = await queryOne<{ id: number }>(
    ex,
    sql`SELECT id FROM places WHERE coalesce(parent_id, 0) = ${parentId ?? 0} AND name = ${name}
        ${exceptId ? sql`AND id <> ${exceptId}` : sql``} LIMIT 1`,
  );
  return row;
}

export async function updatePlaceVersioned(
  ex: Executor,
  id: number,
  version: number,
  values: Partial<typeof places.$inferInsert>,
  now: Date,
): Promise<PlaceRow | undefined> {
  tableWritten(ex, 'places');
  const [row] = await ex
    .update(places)
    .set({ ...values, updatedAt: now, version: sql`${places.version} + 1` })
    .where(and(eq(places.id, id), eq(places.version, version)))
    .returning();
  return row;
}

export async function deletePlace(ex: Executor, id: number) {
  // A building leaves its grid and its building head with it (neither table has a foreign key to places).
  tableWritten(ex, 'places');
  await ex.delete(gridBuildings).where(eq(gridBuildings.buildingId, id));
  await ex.delete(buildingHeads).where(eq(buildingHeads.buildingId, id));
  await ex.delete(places).where(eq(places.id, id));
}

export async function hasHouseholdsUnder(ex: Executor, path: string): Promise<boolean> {
  const row = await queryOne<{ n: number }>(ex, sql`SELECT 1 AS n FROM households WHERE ${underPath(households.placePath, path)} LIMIT 1`);
  return !!row;
}

/** Whether any user or token has this place in its scope (the identity piece's read). */
export { placeInAnyScope } from '../../platform/auth/identity.repository.js';

/**
 * Households and residents under each child of a place, counted in one pass over each
 * table by the child's id in the path, and limited to the actor's scope.
 */
export async function countsByChild(
  ex: Executor,
  actor: Actor,
  parent: { path: string; depth: number } | null,
): Promise<Map<number, { households: number; residents: number }>> {
  const seg = (parent?.depth ?? -1) + 2;
  const filter = (col: typeof households.placePath | typeof residents.placePath) => (parent ? underPath(col, parent.path) : sql`TRUE`);
  const [h, r] = await Promise.all([
    queryRows<{ child: number; n: number }>(
      ex,
      sql`SELECT NULLIF(split_part(place_path, '.', ${seg}), '')::bigint AS child, count(*)::int AS n FROM households
          WHERE ${filter(households.placePath)} AND ${scopeWhere(actor, { path: households.placePath })} GROUP BY 1`,
    ),
    queryRows<{ child: number; n: number }>(
      ex,
      sql`SELECT NULLIF(split_part(place_path, '.', ${seg}), '')::bigint AS child, count(*)::int AS n FROM residents
          WHERE ${filter(residents.placePath)} AND ${scopeWhere(actor, { path: residents.placePath, employerId: residents.employerId })} GROUP BY 1`,
    ),
  ]);
  const out = new Map<number, { households: number; residents: number }>();
  for (const x of h) out.set(x.child, { households: x.n, residents: 0 });
  for (const x of r) out.set(x.child, { households: out.get(x.child)?.households ?? 0, residents: x.n });
  return out;
}

/** Households and residents under one place, within the actor's scope. */
export async function countsUnder(ex: Executor, actor: Actor, path: string): Promise<{ households: number; residents: number }> {
  const row = await queryOne<{ households: number; residents: number }>(
    ex,
    sql`SELECT
          (SELECT count(*)::int FROM households WHERE ${underPath(households.placePath, path)}
             AND ${scopeWhere(actor, { path: households.placePath })}) AS households,
          (SELECT count(*)::int FROM residents WHERE ${underPath(residents.placePath, path)}
             AND ${scopeWhere(actor, { path: residents.placePath, employerId: residents.employerId })}) AS residents`,
  );
  return row ?? { households: 0, residents: 0 };
}

export async function searchPlaces(ex: Executor, actor: Actor, q: string, type: string | undefined, limit: number) {
  return ex
    .select()
    .from(places)
    .where(
      and(
        sql`${places.name} LIKE ${`%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`,
        type ? eq(places.type, type) : sql`TRUE`,
        scopeWhere(actor, { path: places.path }),
      ),
    )
    .orderBy(places.depth, places.path)
    .limit(limit);
}
