import { and, eq, inArray } from 'drizzle-orm';
import { underPath } from '../../platform/access/scope-sql.js';
import type { Actor } from '../../platform/access/actor.js';
import type { Executor } from '../../platform/db/database.js';
import { residentScope } from './residents.repository.js';
import { households, residents } from './registry.schema.js';

/** What other modules may read of a resident: enough to file a service request for them. */
export interface ResidentContact {
  residentId: number;
  name: string;
  householdId: number;
  dwellingId: number;
  placePath: string;
  phoneEnc: Buffer | null;
}

const contactColumns = {
  residentId: residents.id,
  name: residents.name,
  householdId: residents.householdId,
  dwellingId: households.dwellingId,
  placePath: households.placePath,
  phoneEnc: residents.phoneEnc,
};

/** Residents in the actor's scope whose phone has this blind index (the hotline's caller lookup). */
export async function residentsByPhoneIndex(ex: Executor, actor: Actor, phoneBi: Buffer, limit = 10): Promise<ResidentContact[]> {
  return ex
    .select(contactColumns)
    .from(residents)
    .innerJoin(households, eq(households.id, residents.householdId))
    .where(and(eq(residents.phoneBi, phoneBi), residentScope(actor)))
    .limit(limit);
}

/** Where each of these residents lives (their household's dwelling path), whatever the caller's scope. */
export async function residentPlaces(ex: Executor, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await ex
    .select({ id: residents.id, placePath: households.placePath })
    .from(residents)
    .innerJoin(households, eq(households.id, residents.householdId))
    .where(inArray(residents.id, [...ids]));
  return new Map(rows.map((r) => [r.id, r.placePath]));
}

/** One resident in the actor's scope (a resident signed in by phone code: only their own household). */
export async function residentContact(ex: Executor, actor: Actor, residentId: number): Promise<ResidentContact | undefined> {
  const [row] = await ex
    .select(contactColumns)
    .from(residents)
    .innerJoin(households, eq(households.id, residents.householdId))
    .where(and(eq(residents.id, residentId), residentScope(actor)));
  return row;
}

/**
 * The resident whose ID number has this blind index among the households under `within` (a
 * gate's or checkpoint's place): a gate identifies the people of its own place only, so an ID
 * number typed there never tells where someone else lives.
 */
export async function residentByIdNumberIndex(ex: Executor, idNumberBi: Buffer, within: string): Promise<ResidentContact | undefined> {
  const [row] = await ex
    .select(contactColumns)
    .from(residents)
    .innerJoin(households, eq(households.id, residents.householdId))
    .where(and(eq(residents.idNumberBi, idNumberBi), underPath(households.placePath, within)))
    .limit(1);
  return row;
}

/**
 * Residents' names by id, whatever the caller's scope: for a module showing a record it has
 * already scoped (an observation case, a gate event) and naming the person in it.
 */
export async function residentNames(ex: Executor, ids: readonly number[]): Promise<Map<number, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await ex.select({ id: residents.id, name: residents.name }).from(residents).where(inArray(residents.id, unique));
  return new Map(rows.map((r) => [r.id, r.name]));
}
