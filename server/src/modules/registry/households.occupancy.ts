import { sql } from 'drizzle-orm';
import { underPath } from '../../platform/access/scope-sql.js';
import { queryRows, type Executor } from '../../platform/db/database.js';
import { households } from './registry.schema.js';

/** A household under a place, with how many people live in it. */
export interface HouseholdOccupancy {
  householdId: number;
  dwellingId: number;
  placePath: string;
  residents: number;
}

/** The households under a place (its path prefix) with their head counts; not scope-filtered: callers check the place. */
export async function householdsUnder(ex: Executor, path: string): Promise<HouseholdOccupancy[]> {
  return queryRows<HouseholdOccupancy>(
    ex,
    sql`SELECT households.id::int AS "householdId", households.dwelling_id::int AS "dwellingId", households.place_path AS "placePath",
               (SELECT count(*) FROM residents r WHERE r.household_id = households.id)::int AS residents
        FROM households WHERE ${underPath(households.placePath, path)} ORDER BY households.id`,
  );
}

/** How many households and residents live under any of these places (paths that do not overlap). */
export async function occupancyCount(ex: Executor, paths: string[]): Promise<{ households: number; residents: number }> {
  if (paths.length === 0) return { households: 0, residents: 0 };
  const under = sql.join(
    paths.map((p) => underPath(households.placePath, p)),
    sql` OR `,
  );
  const [row] = await queryRows<{ households: number; residents: number }>(
    ex,
    sql`SELECT count(*)::int AS households, coalesce(sum((SELECT count(*) FROM residents r WHERE r.household_id = households.id)), 0)::int AS residents
        FROM households WHERE ${under}`,
  );
  return row ?? { households: 0, residents: 0 };
}
