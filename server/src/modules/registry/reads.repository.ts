/**
 * Typed reads of the registry's tables for other modules (through the index): they never name
 * `residents`, `households`, `grids` or `grid_buildings` themselves. Batched by ids, one round trip.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Relation } from '@jiayuan/contracts';
import type { Actor } from '../../platform/access/actor.js';
import { scopeWhere } from '../../platform/access/scope-sql.js';
import { queryOne, queryRows, type Executor } from '../../platform/db/database.js';

const idList = (ids: readonly number[]) =>
  sql.join(
    [...new Set(ids)].map((i) => sql`${i}`),
    sql`, `,
  );

/** One resident in the actor's place scope (by the resident's own place path). */
export async function residentInScope(ex: Executor, actor: Actor, residentId: number) {
  return queryOne<{ id: number; household_id: number; place_path: string; name: string }>(
    ex,
    sql`SELECT id, household_id, place_path, name FROM residents WHERE id = ${residentId} AND ${scopeWhere(actor, { path: sql`place_path` })}`,
  );
}

/** The registered members of one household, oldest record first. */
export async function householdMembers(ex: Executor, householdId: number) {
  return queryRows<{ id: number; name: string; relation: string }>(
    ex,
    sql`SELECT id, name, relation FROM residents WHERE household_id = ${householdId} ORDER BY id`,
  );
}

/** The registered members of each of these households, the head first. */
export async function membersOfHouseholds(ex: Executor, householdIds: readonly number[]) {
  const out = new Map<number, { id: number; name: string; relation: Relation }[]>();
  if (householdIds.length === 0) return out;
  const rows = await queryRows<{ id: number; household_id: number; name: string; relation: Relation }>(
    ex,
    sql`SELECT id, household_id, name, relation FROM residents WHERE household_id IN (${idList(householdIds)}) ORDER BY household_id, (relation = 'head') DESC, id`,
  );
  for (const r of rows) {
    if (!out.has(r.household_id)) out.set(r.household_id, []);
    out.get(r.household_id)!.push({ id: r.id, name: r.name, relation: r.relation });
  }
  return out;
}

/**
 * A subquery of the ids of residents whose name starts with `prefix` (LIKE-escaped), for a
 * module's list filter: `<resident id column> IN (${residentIdsNamedLike(prefix)})`.
 */
export function residentIdsNamedLike(prefix: string): SQL {
  return sql`SELECT id FROM residents WHERE name LIKE ${`${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`;
}

/** Residents' names and sealed ID numbers by id, whatever the caller's scope (for exports already scoped). */
export async function residentIdentities(ex: Executor, ids: readonly number[]): Promise<Map<number, { name: string; idNumberEnc: Buffer | null }>> {
  if (ids.length === 0) return new Map();
  const rows = await queryRows<{ id: number; name: string; id_number_enc: Buffer | null }>(
    ex,
    sql`SELECT id, name, id_number_enc FROM residents WHERE id IN (${idList(ids)})`,
  );
  return new Map(rows.map((r) => [Number(r.id), { name: r.name, idNumberEnc: r.id_number_enc }]));
}

/** A resident with their household's dwelling, whatever the caller's scope (callers check it). */
export async function residentRecord(ex: Executor, id: number) {
  return queryOne<{
    id: number;
    name: string;
    place_path: string;
    employer_id: number | null;
    id_number_enc: Buffer | null;
    id_number_bi: Buffer | null;
    phone_enc: Buffer | null;
    phone_bi: Buffer | null;
    household_id: number;
    dwelling_id: number;
  }>(
    ex,
    sql`SELECT r.id, r.name, r.place_path, r.employer_id, r.id_number_enc, r.id_number_bi, r.phone_enc, r.phone_bi, r.household_id, h.dwelling_id
        FROM residents r JOIN households h ON h.id = r.household_id WHERE r.id = ${id}`,
  );
}

/** The resident with this ID number blind index, anywhere in the city. */
export async function residentByIdIndexAnywhere(ex: Executor, bi: Buffer) {
  return queryOne<{ id: number; place_path: string }>(ex, sql`SELECT id, place_path FROM residents WHERE id_number_bi = ${bi}`);
}

/** The blind index of a resident's phone, or null. */
export async function residentPhoneIndex(ex: Executor, residentId: number): Promise<Buffer | null> {
  return (await queryOne<{ phone_bi: Buffer | null }>(ex, sql`SELECT phone_bi FROM residents WHERE id = ${residentId}`))?.phone_bi ?? null;
}

/** The household a resident belongs to, or null. */
export async function householdOfResident(ex: Executor, residentId: number): Promise<number | null> {
  const row = await queryOne<{ household_id: number }>(ex, sql`SELECT household_id FROM residents WHERE id = ${residentId}`);
  return row?.household_id ?? null;
}

/** Residents whose phone has this blind index, oldest record first, whatever the scope (phone-code sign-in). */
export async function residentsWithPhoneIndex(ex: Executor, phoneBi: Buffer, limit: number): Promise<{ id: number; name: string }[]> {
  return queryRows<{ id: number; name: string }>(ex, sql`SELECT id, name FROM residents WHERE phone_bi = ${phoneBi} ORDER BY id LIMIT ${limit}`);
}

/** The first registered person of each household whose place path starts with `pathPrefix`. */
export async function firstResidentPerHousehold(ex: Executor, pathPrefix: string, limit: number): Promise<number[]> {
  const rows = await queryRows<{ id: number }>(
    ex,
    sql`SELECT DISTINCT ON (household_id) id::int AS id FROM residents
        WHERE place_path LIKE ${`${pathPrefix}%`} ORDER BY household_id, id LIMIT ${limit}`,
  );
  return rows.map((r) => r.id);
}

/** Households' dwelling paths by id. */
export async function householdPaths(ex: Executor, householdIds: readonly number[]): Promise<Map<number, { id: number; path: string }>> {
  if (householdIds.length === 0) return new Map();
  const rows = await queryRows<{ id: number; place_path: string }>(ex, sql`SELECT id, place_path FROM households WHERE id IN (${idList(householdIds)})`);
  return new Map(rows.map((r) => [r.id, { id: r.id, path: r.place_path }]));
}

/** A condition on a household's place path column, built by the caller (e.g. "under one of these paths"). */
export type PathCondition = (path: SQL) => SQL;

/** Households whose path meets the condition, ordered by path, at most `limit`. */
export async function householdsWhere(ex: Executor, where: PathCondition, limit: number) {
  return queryRows<{ id: number; place_path: string }>(
    ex,
    sql`SELECT h.id, h.place_path FROM households h WHERE ${where(sql`h.place_path`)} ORDER BY h.place_path, h.id LIMIT ${limit}`,
  );
}

/**
 * A subquery of the households whose path meets the condition, with columns `id` and
 * `place_path`, for a module's aggregate over every household of an area (one statement).
 */
export function householdsWhereSql(where: PathCondition): SQL {
  return sql`SELECT h.id, h.place_path FROM households h WHERE ${where(sql`h.place_path`)}`;
}

/** A subquery of every grid's buildings, with columns `grid_id` and `building_id`. */
export function gridBuildingsSql(): SQL {
  return sql`SELECT grid_id, building_id FROM grid_buildings`;
}

/** The buildings of these grids. */
export async function buildingsOfGrids(ex: Executor, gridIds: readonly number[]): Promise<{ grid_id: number; building_id: number }[]> {
  if (gridIds.length === 0) return [];
  return queryRows<{ grid_id: number; building_id: number }>(
    ex,
    sql`SELECT grid_id, building_id FROM grid_buildings WHERE grid_id IN (${sql.join(
      gridIds.map((i) => sql`${i}`),
      sql`, `,
    )})`,
  );
}

/** A grid with its community. */
export async function gridWithCommunity(ex: Executor, id: number) {
  const [row] = await queryRows<{ id: number; name: string; community_id: number; community_path: string }>(
    ex,
    sql`SELECT g.id, g.name, g.community_id, p.path AS community_path FROM grids g JOIN places p ON p.id = g.community_id WHERE g.id = ${id}`,
  );
  return row;
}

/** Grids' names by id. */
export async function gridNames(ex: Executor, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await queryRows<{ id: number; name: string }>(ex, sql`SELECT id, name FROM grids WHERE id IN (${idList(ids)})`);
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Residents' names and sealed phones by id, whatever the caller's scope (a module's list of people it already scoped; shown masked). */
export async function residentPhones(ex: Executor, ids: readonly number[]): Promise<Map<number, { name: string; phoneEnc: Buffer | null }>> {
  if (ids.length === 0) return new Map();
  const rows = await queryRows<{ id: number; name: string; phone_enc: Buffer | null }>(
    ex,
    sql`SELECT id, name, phone_enc FROM residents WHERE id IN (${idList(ids)})`,
  );
  return new Map(rows.map((r) => [Number(r.id), { name: r.name, phoneEnc: r.phone_enc }]));
}

/** The building head (楼长) of each of these buildings that has one, with their name. */
export async function buildingHeadsOf(ex: Executor, buildingIds: readonly number[]): Promise<Map<number, { residentId: number; name: string }>> {
  if (buildingIds.length === 0) return new Map();
  const rows = await queryRows<{ building_id: number; resident_id: number; name: string }>(
    ex,
    sql`SELECT b.building_id, b.resident_id, r.name FROM building_heads b JOIN residents r ON r.id = b.resident_id WHERE b.building_id IN (${idList(buildingIds)})`,
  );
  return new Map(rows.map((r) => [Number(r.building_id), { residentId: Number(r.resident_id), name: r.name }]));
}
