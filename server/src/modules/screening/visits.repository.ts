import { sql, type SQL } from 'drizzle-orm';
import type { VisitOutcome } from '@jiayuan/contracts';
import { queryRows, type Executor } from '../../platform/db/database.js';
import * as registry from '../registry/index.js';
import { screeningFindings, screeningPersonVisits, screeningVisits } from './screening.schema.js';

/*
 * Households and residents belong to the registry; screening only reads them (by table name),
 * because coverage has to join them with visits in SQL at the scale of a department.
 */

export const ids = (list: readonly (number | string)[]) =>
  sql.join(
    list.map((i) => sql`${i}`),
    sql`, `,
  );

function likePrefix(path: string) {
  return `${path.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** `col` lies under one of the paths (FALSE for none). */
export function underAny(col: SQL, paths: readonly string[]): SQL {
  if (paths.length === 0) return sql`FALSE`;
  return sql`(${sql.join(
    paths.map((p) => sql`${col} LIKE ${likePrefix(p)}`),
    sql` OR `,
  )})`;
}

/** The building of a dwelling path: dwelling → stairwell → building, so the third id from the end. */
export function buildingIdOfPath(path: string): number {
  const parts = path.split('.').filter(Boolean);
  return Number(parts[parts.length - 3]);
}

/** The community of a path: centre → department → community, so always the third id. */
export function communityIdOfPath(path: string): number {
  return Number(path.split('.')[2]);
}

/** Households' dwelling paths by id (the registry's typed read). */
export const householdsByIds = registry.householdPaths;

/** The registered members of each household (the registry's typed read). */
export const membersOf = registry.membersOfHouseholds;

/** Households under one of `paths` and, when given, also under one of `within`; ordered as they stand. */
export async function householdsUnder(ex: Executor, paths: readonly string[], within: readonly string[] | null, limit: number) {
  return registry.householdsWhere(ex, (path) => sql`${underAny(path, paths)} ${within ? sql`AND ${underAny(path, within)}` : sql``}`, limit);
}

/** The latest outcome of each household in a round. */
export async function lastOutcomes(ex: Executor, campaignId: number, round: number, householdIds: number[]) {
  const out = new Map<number, { outcome: VisitOutcome; visitedAt: Date }>();
  if (householdIds.length === 0) return out;
  const rows = await queryRows<{ household_id: number; outcome: VisitOutcome; visited_at: Date | string }>(
    ex,
    sql`SELECT DISTINCT ON (household_id) household_id, outcome, visited_at FROM screening_visits
        WHERE campaign_id = ${campaignId} AND round = ${round} AND household_id IN (${ids(householdIds)})
        ORDER BY household_id, visited_at DESC, id`,
  );
  for (const r of rows) out.set(r.household_id, { outcome: r.outcome, visitedAt: new Date(r.visited_at) });
  return out;
}

export type VisitInsert = typeof screeningVisits.$inferInsert;
export type PersonInsert = typeof screeningPersonVisits.$inferInsert;
export type FindingInsert = typeof screeningFindings.$inferInsert;

/** Inserts the visits not stored yet; returns the ids that were new (a repeat is absorbed by the key). */
export async function insertVisits(ex: Executor, rows: VisitInsert[]): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const inserted = await ex.insert(screeningVisits).values(rows).onConflictDoNothing({ target: screeningVisits.id }).returning({ id: screeningVisits.id });
  return new Set(inserted.map((r) => r.id));
}

export async function insertPersons(ex: Executor, rows: PersonInsert[]) {
  for (let i = 0; i < rows.length; i += 2000) await ex.insert(screeningPersonVisits).values(rows.slice(i, i + 2000));
}

export async function insertFindings(ex: Executor, rows: FindingInsert[]) {
  if (rows.length === 0) return [];
  return ex.insert(screeningFindings).values(rows).onConflictDoNothing().returning({
    id: screeningFindings.id,
    campaignId: screeningFindings.campaignId,
    placePath: screeningFindings.placePath,
    reasons: screeningFindings.reasons,
    communityId: screeningFindings.communityId,
  });
}

/** Each household's latest outcome in the round, leaving out some visits (the ones just stored). */
export async function previousOutcomes(ex: Executor, campaignId: number, round: number, householdIds: number[], exceptVisitIds: string[]) {
  const out = new Map<number, VisitOutcome>();
  if (householdIds.length === 0) return out;
  const rows = await queryRows<{ household_id: number; outcome: VisitOutcome }>(
    ex,
    sql`SELECT DISTINCT ON (household_id) household_id, outcome FROM screening_visits
        WHERE campaign_id = ${campaignId} AND round = ${round} AND household_id IN (${ids(householdIds)})
          ${exceptVisitIds.length ? sql`AND id NOT IN (${ids(exceptVisitIds)})` : sql``}
        ORDER BY household_id, visited_at DESC, id`,
  );
  for (const r of rows) out.set(r.household_id, r.outcome);
  return out;
}
