import type { FigureGrouping } from '@jiayuan/contracts';
import { sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../platform/access/actor.js';
import { scopeWhere } from '../../platform/access/scope-sql.js';
import type { Executor } from '../../platform/db/database.js';
import { sqlOne, sqlRows } from './volunteers.sql.js';

/** The SQL of the volunteers module's figures and dashboard card: counts per group within the caller's scope. */

export interface GroupedRow {
  grp: string;
  [measure: string]: string | number;
}

const localDay = (col: SQL, tz: string) => sql`to_char((${col} AT TIME ZONE ${tz})::date, 'YYYY-MM-DD')`;

function groupKey(groupBy: FigureGrouping, cols: { at: SQL; community: SQL; employer?: SQL; team?: SQL; category?: SQL }, tz: string): SQL {
  switch (groupBy) {
    case 'day':
      return localDay(cols.at, tz);
    case 'community':
      return sql`${cols.community}::text`;
    case 'employer':
      return cols.employer ? sql`coalesce(${cols.employer}::text, '')` : sql`''`;
    case 'team':
      return cols.team ? sql`coalesce(${cols.team}::text, '')` : sql`''`;
    case 'category':
      return cols.category ? sql`${cols.category}` : sql`''`;
    default:
      return sql`'total'`;
  }
}

const TEAM_OF = (volunteer: SQL) => sql`(SELECT min(tm.team_id) FROM vol_team_members tm WHERE tm.volunteer_id = ${volunteer})`;

/** Needs published in the range (by publish time): taken, served, confirmed of those, and minutes from publishing to the last place taken. */
export async function needFigures(ex: Executor, actor: Actor, groupBy: FigureGrouping, from: Date, to: Date, tz: string) {
  const key = groupKey(groupBy, { at: sql`n.created_at`, community: sql`n.community_id`, category: sql`n.category`, team: sql`n.team_ids[1]` }, tz);
  return sqlRows<GroupedRow>(
    ex,
    sql`SELECT ${key} AS grp, count(*)::int AS published,
               count(*) FILTER (WHERE n.taken_at IS NOT NULL OR n.status IN ('taken', 'done', 'confirmed'))::int AS taken,
               count(*) FILTER (WHERE n.status IN ('done', 'confirmed'))::int AS served,
               count(*) FILTER (WHERE n.status = 'confirmed')::int AS confirmed,
               coalesce(round(avg(extract(epoch FROM n.taken_at - n.created_at) / 60) FILTER (WHERE n.taken_at IS NOT NULL)), 0)::int AS "minutesToTake"
        FROM vol_needs n
        WHERE ${scopeWhere(actor, { path: sql`n.place_path` })} AND n.created_at >= ${from} AND n.created_at < ${to}
        GROUP BY 1`,
  );
}

/** Activities starting in the range: places, sign-ups, attended. */
export async function activityFigures(ex: Executor, actor: Actor, groupBy: FigureGrouping, from: Date, to: Date, tz: string) {
  const key = groupKey(groupBy, { at: sql`a.starts_at`, community: sql`a.community_id`, category: sql`coalesce(a.theme, '')`, team: sql`a.team_id` }, tz);
  return sqlRows<GroupedRow>(
    ex,
    sql`SELECT ${key} AS grp, count(*) FILTER (WHERE a.status <> 'cancelled')::int AS activities, sum(a.capacity)::int AS places, sum(a.signed_up)::int AS "signedUp",
               coalesce(sum((SELECT count(*) FROM vol_signups s WHERE s.activity_id = a.id AND s.status IN ('checkedIn', 'checkedOut'))), 0)::int AS attended
        FROM vol_activities a
        WHERE ${scopeWhere(actor, { path: sql`a.place_path` })} AND a.starts_at >= ${from} AND a.starts_at < ${to}
        GROUP BY 1`,
  );
}

/** Confirmed minutes served in the range (reversals counted against them), people and entries. */
export async function hoursFigures(ex: Executor, actor: Actor, groupBy: FigureGrouping, from: Date, to: Date, tz: string) {
  const key = groupKey(
    groupBy,
    { at: sql`h.served_at`, community: sql`h.community_id`, employer: sql`h.employer_id`, team: TEAM_OF(sql`h.volunteer_id`), category: sql`h.source` },
    tz,
  );
  return sqlRows<GroupedRow>(
    ex,
    sql`SELECT ${key} AS grp, coalesce(sum(h.minutes) FILTER (WHERE h.status = 'confirmed'), 0)::int AS minutes,
               coalesce(sum(h.minutes) FILTER (WHERE h.status = 'pending'), 0)::int AS pending,
               count(DISTINCT h.volunteer_id) FILTER (WHERE h.status = 'confirmed')::int AS people
        FROM vol_hours h
        WHERE ${scopeWhere(actor, { path: sql`h.place_path`, employerId: sql`h.employer_id` })} AND h.served_at >= ${from} AND h.served_at < ${to}
        GROUP BY 1`,
  );
}

/** The love bank: member balances and holds now, minutes earned and redeemed in the range. */
export async function bankFigures(ex: Executor, actor: Actor, groupBy: FigureGrouping, from: Date, to: Date, tz: string) {
  const key = groupKey(groupBy, { at: sql`${from}::timestamptz`, community: sql`a.community_id` }, tz);
  return sqlRows<GroupedRow>(
    ex,
    sql`SELECT ${key} AS grp,
               coalesce(sum(a.balance) FILTER (WHERE a.kind = 'member'), 0)::int AS balances,
               coalesce(sum(a.held) FILTER (WHERE a.kind = 'member'), 0)::int AS held,
               coalesce(sum((SELECT sum(l.amount) FROM vol_bank_lines l JOIN vol_bank_postings p ON p.id = l.posting_id
                              WHERE l.account_id = a.id AND p.kind = 'earn' AND l.posted_at >= ${from} AND l.posted_at < ${to})) FILTER (WHERE a.kind = 'member'), 0)::int AS earned,
               coalesce(sum((SELECT sum(l.amount) FROM vol_bank_lines l JOIN vol_bank_postings p ON p.id = l.posting_id
                              WHERE l.account_id = a.id AND p.kind = 'redeem' AND l.posted_at >= ${from} AND l.posted_at < ${to})) FILTER (WHERE a.kind = 'redeemed'), 0)::int AS redeemed,
               count(*) FILTER (WHERE a.kind = 'member')::int AS accounts
        FROM vol_bank_accounts a
        WHERE ${scopeWhere(actor, { path: sql`a.place_path` })}
        GROUP BY 1`,
  );
}

/** The dashboard card: needs open, open past their take-by time, waiting for confirmation; activities today; minutes pending verification. */
export async function todayCounts(ex: Executor, actor: Actor, now: Date, dayStart: Date, dayEnd: Date) {
  const n = scopeWhere(actor, { path: sql`n.place_path` });
  return (await sqlOne<{ open: number; late: number; toConfirm: number; activities: number; pending: number }>(
    ex,
    sql`SELECT
          (SELECT count(*)::int FROM vol_needs n WHERE n.status = 'open' AND ${n}) AS open,
          (SELECT count(*)::int FROM vol_needs n WHERE n.status = 'open' AND n.take_by < ${now} AND ${n}) AS late,
          (SELECT count(*)::int FROM vol_needs n WHERE n.status = 'done' AND ${n}) AS "toConfirm",
          (SELECT count(*)::int FROM vol_activities a WHERE a.status <> 'cancelled' AND a.starts_at >= ${dayStart} AND a.starts_at < ${dayEnd}
             AND ${scopeWhere(actor, { path: sql`a.place_path` })}) AS activities,
          (SELECT coalesce(sum(h.minutes), 0)::int FROM vol_hours h WHERE h.status = 'pending' AND ${scopeWhere(actor, { path: sql`h.place_path` })}) AS pending`,
  ))!;
}

export async function teamNamesOf(ex: Executor, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await sqlRows<{ id: number; name: string }>(
    ex,
    sql`SELECT id, name FROM vol_teams WHERE id IN (${sql.join(
      ids.map((i) => sql`${i}`),
      sql`, `,
    )})`,
  );
  return new Map(rows.map((r) => [Number(r.id), r.name]));
}
