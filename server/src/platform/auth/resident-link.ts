import { sql } from 'drizzle-orm';
import { queryOne, type Executor } from '../db/database.js';

/**
 * The household of a resident who signs in with a phone code. Read with plain SQL so the
 * identity piece does not import the registry module's tables.
 */
export async function householdOfResident(ex: Executor, residentId: number): Promise<number | null> {
  const row = await queryOne<{ household_id: number }>(ex, sql`SELECT household_id FROM residents WHERE id = ${residentId}`);
  return row?.household_id ?? null;
}

/** Residents whose phone has this blind index, oldest record first. */
export async function residentsByPhoneIndex(ex: Executor, phoneBi: Buffer): Promise<{ id: number; name: string }[]> {
  const { rows } = (await ex.execute(
    sql`SELECT id, name FROM residents WHERE phone_bi = ${phoneBi} ORDER BY id LIMIT 5`,
  )) as unknown as { rows: { id: number; name: string }[] };
  return rows;
}
