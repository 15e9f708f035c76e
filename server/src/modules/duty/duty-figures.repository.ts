import type { FigureGrouping } from '@jiayuan/contracts';
import { sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../platform/access/actor.js';
import { scopeWhere } from '../../platform/access/scope-sql.js';
import { queryOne, queryRows, type Executor } from '../../platform/db/database.js';

/** The SQL of duty's figures and dashboard card: counts per group within the caller's scope. */

export interface GroupedRow {
  grp: string;
  [measure: string]: string | number;
}

const localDay = (col: SQL, tz: string) => sql`to_char((${col} AT TIME ZONE ${tz})::date, 'YYYY-MM-DD')`;

/** The group key of a row: its local day, community, employer or team (team through the member's teams). */
function groupKey(groupBy: FigureGrouping, cols: { at: SQL; community: SQL; employer: SQL; team: SQL }, tz: string): SQL {
  switch (groupBy) {
    case 'day':
      return localDay(cols.at, tz);
    case 'community':
      return sql`${cols.community}::text`;
    case 'employer':
      return sql`coalesce(${cols.employer}::text, '')`;
    case 'team':
      return sql`coalesce(${cols.team}::text, '')`;
    default:
      return sql`'total'`;
  }
}

const TEAM_OF = (member: SQL) => sql`(SELECT min(tm.team_id) FROM duty_team_members tm WHERE tm.member_id = ${member})`;

/** Members reported and confirmed, by the day of each. */
export async function memberFigures(ex: Executor, actor: Actor, groupBy: FigureGrouping, from: Date, to: Date, tz: string) {
  const scope = scopeWhere(actor, { path: sql`m.place_path`, employerId: sql`m.employer_id` });
  const key = (at: SQL) => groupKey(groupBy, { at, community: sql`m.community_id`, employer: sql`m.employer_id`, team: TEAM_OF(sql`m.id`) }, tz);
  return queryRows<GroupedRow>(
    ex,
    sql`SELECT grp, sum(reported)::int AS reported, sum(confirmed)::int AS confirmed FROM (
          SELECT ${key(sql`m.reported_at`)} AS grp, 1 AS reported, 0 AS confirmed FROM duty_members m
            WHERE ${scope} AND m.reported_at >= ${from} AND m.reported_at < ${to}
          UNION ALL
          SELECT ${key(sql`m.confirmed_at`)} AS grp, 0, 1 FROM duty_members m
            WHERE ${scope} AND m.status = 'confirmed' AND m.confirmed_at >= ${from} AND m.confirmed_at < ${to}
        ) x GROUP BY grp`,
  );
}

/** Shifts starting in the range: shifts, places, places filled, places open, shifts not full. */
export async function shiftFigures(ex: Executor, actor: Actor, groupBy: FigureGrouping, from: Date, to: Date, tz: string) {
  const key = groupKey(groupBy, { at: sql`s.starts_at`, community: sql`s.community_id`, employer: sql`NULL`, team: sql`p.team_id` }, tz);
  return queryRows<GroupedRow>(
    ex,
    sql`SELECT ${key} AS grp, count(*)::int AS shifts, sum(s.headcount)::int AS places, sum(s.filled)::int AS filled,
               sum(s.headcount - s.filled)::int AS open, count(*) FILTER (WHERE s.filled < s.headcount)::int AS unfilled
        FROM duty_shifts s JOIN duty_posts p ON p.id = s.post_id
        WHERE ${scopeWhere(actor, { path: sql`s.place_path` })} AND s.starts_at >= ${from} AND s.starts_at < ${to}
        GROUP BY 1`,
  );
}

/** Call-ups made in the range: made, filled, and the minutes they took to fill (median, of those filled). */
export async function callUpFigures(ex: Executor, actor: Actor, groupBy: FigureGrouping, from: Date, to: Date, tz: string) {
  const key = groupKey(groupBy, { at: sql`c.created_at`, community: sql`c.community_id`, employer: sql`NULL`, team: sql`NULL` }, tz);
  return queryRows<GroupedRow>(
    ex,
    sql`SELECT ${key} AS grp, count(*)::int AS made, count(c.filled_at)::int AS filled, sum(c.needed)::int AS needed,
               coalesce(round((percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM c.filled_at - c.created_at)) FILTER (WHERE c.filled_at IS NOT NULL)) / 60.0)::int, 0) AS "minutesToFill"
        FROM duty_call_ups c
        WHERE ${scopeWhere(actor, { path: sql`c.place_path` })} AND c.created_at >= ${from} AND c.created_at < ${to}
        GROUP BY 1`,
  );
}

/** Minutes served (checked out in the range; `duty_served`), and people who served. */
export async function servedFigures(ex: Executor, actor: Actor, groupBy: FigureGrouping, from: Date, to: Date, tz: string) {
  const key = groupKey(
    groupBy,
    { at: sql`d.checked_out_at`, community: sql`d.community_id`, employer: sql`d.employer_id`, team: TEAM_OF(sql`d.member_id`) },
    tz,
  );
  return queryRows<GroupedRow>(
    ex,
    sql`SELECT ${key} AS grp, coalesce(sum(d.served_minutes), 0)::int AS minutes, count(DISTINCT d.member_id)::int AS people, count(*)::int AS shifts
        FROM duty_served d
        WHERE ${scopeWhere(actor, { path: sql`d.place_path` })} AND d.checked_out_at >= ${from} AND d.checked_out_at < ${to}
        GROUP BY 1`,
  );
}

/** The dashboard card: call-ups open, shifts with places open in the next 24 hours, members on duty now, members waiting to be confirmed. */
export async function todayCounts(ex: Executor, actor: Actor, now: Date) {
  const next = new Date(now.getTime() + 24 * 3600000);
  return (await queryOne<{ callUps: number; unfilled: number; openPlaces: number; onDuty: number; toConfirm: number }>(
    ex,
    sql`SELECT
          (SELECT count(*)::int FROM duty_call_ups c WHERE c.status = 'open' AND ${scopeWhere(actor, { path: sql`c.place_path` })}) AS "callUps",
          (SELECT count(*)::int FROM duty_shifts s WHERE s.starts_at >= ${now} AND s.starts_at < ${next} AND s.filled < s.headcount
             AND ${scopeWhere(actor, { path: sql`s.place_path` })}) AS unfilled,
          (SELECT coalesce(sum(s.headcount - s.filled), 0)::int FROM duty_shifts s WHERE s.starts_at >= ${now} AND s.starts_at < ${next}
             AND ${scopeWhere(actor, { path: sql`s.place_path` })}) AS "openPlaces",
          (SELECT count(*)::int FROM duty_claims c WHERE c.status = 'checkedIn' AND ${scopeWhere(actor, { path: sql`c.place_path` })}) AS "onDuty",
          (SELECT count(*)::int FROM duty_members m WHERE m.status = 'reported' AND ${scopeWhere(actor, { path: sql`m.place_path` })}) AS "toConfirm"`,
  ))!;
}

/** Shifts starting within `within` that still have places open and were not flagged yet (the unfilled-shift duty). */
export async function unflaggedUnfilled(ex: Executor, now: Date, until: Date, limit: number) {
  return queryRows<{ id: number; post_id: number; place_path: string; starts_at: Date; headcount: number; filled: number }>(
    ex,
    sql`SELECT id, post_id, place_path, starts_at, headcount, filled FROM duty_shifts
        WHERE starts_at > ${now} AND starts_at <= ${until} AND filled < headcount AND unfilled_flagged_at IS NULL
        ORDER BY starts_at LIMIT ${limit}`,
  );
}

export async function flagUnfilled(ex: Executor, id: number, at: Date): Promise<boolean> {
  const rows = await queryRows(ex, sql`UPDATE duty_shifts SET unfilled_flagged_at = ${at} WHERE id = ${id} AND unfilled_flagged_at IS NULL RETURNING id`);
  return rows.length > 0;
}
