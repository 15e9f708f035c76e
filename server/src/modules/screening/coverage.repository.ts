import { sql, type SQL } from 'drizzle-orm';
import type { VisitOutcome } from '@jiayuan/contracts';
import { queryOne, queryRows, type Executor } from '../../platform/db/database.js';
import { gridBuildingsSql, householdsWhereSql } from '../registry/index.js';
import { underAny } from './visits.repository.js';

export interface CoverageSql {
  key_id: number | null;
  households: number;
  done: number;
  nobody_home: number;
  refused: number;
  revisit: number;
  not_visited: number;
  household_visits: number;
  person_visits: number;
  findings: number;
  place_path?: string;
  last_outcome?: VisitOutcome | null;
  last_at?: Date | string | null;
}

export type CoverageGroup = 'community' | 'grid' | 'building' | 'household';

const KEY: Record<Exclude<CoverageGroup, 'household'>, SQL> = {
  community: sql`hh.community_id`,
  building: sql`hh.building_id`,
  grid: sql`gb.grid_id`,
};

/**
 * Households (in the paths, and in `within` when given) with their latest outcome in the round,
 * counted per community, grid or building, or listed one by one. Done means the latest visit of
 * the round found the household and asked its people; repeats count as household visits (户次).
 */
export async function coverage(
  ex: Executor,
  q: { campaignId: number; round: number; paths: readonly string[]; within: readonly string[] | null; group: CoverageGroup },
): Promise<CoverageSql[]> {
  const key = q.group === 'household' ? sql`hh.id` : KEY[q.group];
  const extra = q.group === 'household' ? sql`, min(hh.place_path) AS place_path, min(v.last_outcome) AS last_outcome, max(v.last_at) AS last_at` : sql``;
  return queryRows<CoverageSql>(
    ex,
    sql`WITH hh AS (
          SELECT h.id, h.place_path, split_part(h.place_path, '.', 3)::bigint AS community_id,
            (string_to_array(rtrim(h.place_path, '.'), '.'))[cardinality(string_to_array(rtrim(h.place_path, '.'), '.')) - 2]::bigint AS building_id
          FROM (${householdsWhereSql((path) => sql`${underAny(path, q.paths)} ${q.within ? sql`AND ${underAny(path, q.within)}` : sql``}`)}) h
        ), v AS (
          SELECT household_id, count(*)::int AS visits, coalesce(sum(persons), 0)::int AS persons,
            (array_agg(outcome ORDER BY visited_at DESC, id))[1] AS last_outcome, max(visited_at) AS last_at
          FROM screening_visits WHERE campaign_id = ${q.campaignId} AND round = ${q.round}
          GROUP BY household_id
        ), f AS (
          SELECT household_id, count(*)::int AS n FROM screening_findings
          WHERE campaign_id = ${q.campaignId} AND status = 'open' GROUP BY household_id
        )
        SELECT ${key} AS key_id, count(*)::int AS households,
          count(*) FILTER (WHERE v.last_outcome = 'visited')::int AS done,
          count(*) FILTER (WHERE v.last_outcome = 'nobody_home')::int AS nobody_home,
          count(*) FILTER (WHERE v.last_outcome = 'refused')::int AS refused,
          count(*) FILTER (WHERE v.last_outcome = 'revisit')::int AS revisit,
          count(*) FILTER (WHERE v.household_id IS NULL)::int AS not_visited,
          coalesce(sum(v.visits), 0)::int AS household_visits,
          coalesce(sum(v.persons), 0)::int AS person_visits,
          coalesce(sum(f.n), 0)::int AS findings ${extra}
        FROM hh LEFT JOIN v ON v.household_id = hh.id LEFT JOIN f ON f.household_id = hh.id
        ${q.group === 'grid' ? sql`LEFT JOIN (${gridBuildingsSql()}) gb ON gb.building_id = hh.building_id` : sql``}
        GROUP BY ${key}
        ORDER BY ${q.group === 'household' ? sql`min(hh.place_path)` : sql`${key}`}`,
  );
}

/** Household and person visits over every round (the seed's 户次 and 人次). */
export async function allRounds(ex: Executor, campaignId: number, paths: readonly string[], within: readonly string[] | null) {
  const row = await queryOne<{ visits: number; persons: number }>(
    ex,
    sql`SELECT count(*)::int AS visits, coalesce(sum(persons), 0)::int AS persons FROM screening_visits
        WHERE campaign_id = ${campaignId} AND ${underAny(sql`place_path`, paths)} ${within ? sql`AND ${underAny(sql`place_path`, within)}` : sql``}`,
  );
  return { householdVisits: row?.visits ?? 0, personVisits: row?.persons ?? 0 };
}

/** Places (communities or buildings) by id with their paths, for labels and drill-down. */
export async function placesByIds(ex: Executor, placeIds: number[]) {
  if (placeIds.length === 0) return new Map<number, { id: number; path: string; name: string; type: string }>();
  const rows = await queryRows<{ id: number; path: string; name: string; type: string }>(
    ex,
    sql`SELECT id, path, name, type FROM places WHERE id IN (${sql.join(
      [...new Set(placeIds)].map((i) => sql`${i}`),
      sql`, `,
    )})`,
  );
  return new Map(rows.map((r) => [r.id, r]));
}

/** Door visits per local day of [from, to) by outcome, and people flagged for follow-up (the figure set). */
export async function visitFiguresByDay(ex: Executor, scope: SQL, from: Date, to: Date, tz: string) {
  const visits = await queryRows<{ day: string; visited: number; nobody_home: number; refused: number }>(
    ex,
    sql`SELECT to_char(visited_at AT TIME ZONE ${tz}, 'YYYY-MM-DD') AS day,
               count(*) FILTER (WHERE outcome = 'visited')::int AS visited,
               count(*) FILTER (WHERE outcome IN ('nobody_home', 'revisit'))::int AS nobody_home,
               count(*) FILTER (WHERE outcome = 'refused')::int AS refused
        FROM screening_visits WHERE visited_at >= ${from} AND visited_at < ${to} AND ${scope} GROUP BY 1`,
  );
  const findings = await queryRows<{ day: string; flagged: number }>(
    ex,
    sql`SELECT to_char(visited_at AT TIME ZONE ${tz}, 'YYYY-MM-DD') AS day, count(*)::int AS flagged
        FROM screening_findings WHERE visited_at >= ${from} AND visited_at < ${to} AND ${scope} GROUP BY 1`,
  );
  return { visits, findings };
}
