import type { SdFiguresQuery } from '@jiayuan/contracts';
import { inArray, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../platform/access/actor.js';
import { scopeWhere } from '../../platform/access/scope-sql.js';
import { queryRows, type Executor } from '../../platform/db/database.js';
import { sdCategories, sdOrders, sdTeams } from './servicedesk.schema.js';

/** The service desk figures' SQL: counted live from the orders, or summed from the daily figures. */
export interface RawRow {
  key: string | null;
  orders: number;
  acc_n: number;
  acc_ok: number;
  arr_n: number;
  arr_ok: number;
  res_n: number;
  res_ok: number;
  fv_n: number;
  fv_ok: number;
  rated: number;
  rating_sum: number;
  open: number;
}

function liveQuery(groupBy: SdFiguresQuery['groupBy'], tz: string, now: Date, where: SQL): SQL {
  const key: Record<SdFiguresQuery['groupBy'], SQL> = {
    team: sql`team_id::text`,
    category: sql`category_id::text`,
    community: sql`community_id::text`,
    month: sql`to_char(received_at AT TIME ZONE ${tz}, 'YYYY-MM')`,
    day: sql`to_char(received_at AT TIME ZONE ${tz}, 'YYYY-MM-DD')`,
  };
  const live = sql`status NOT IN ('cancelled')`;
  return sql`SELECT ${key[groupBy]} AS key, count(*)::int AS orders,
      count(*) FILTER (WHERE ${live} AND accept_due_at IS NOT NULL AND (accepted_at IS NOT NULL OR (accept_due_at < ${now} AND paused_at IS NULL)))::int AS acc_n,
      count(*) FILTER (WHERE ${live} AND accepted_at <= accept_due_at)::int AS acc_ok,
      count(*) FILTER (WHERE ${live} AND arrive_due_at IS NOT NULL AND (arrived_at IS NOT NULL OR (arrive_due_at < ${now} AND paused_at IS NULL)))::int AS arr_n,
      count(*) FILTER (WHERE ${live} AND arrived_at <= arrive_due_at)::int AS arr_ok,
      count(*) FILTER (WHERE ${live} AND resolve_due_at IS NOT NULL AND (resolved_at IS NOT NULL OR (resolve_due_at < ${now} AND paused_at IS NULL)))::int AS res_n,
      count(*) FILTER (WHERE ${live} AND resolved_at <= resolve_due_at)::int AS res_ok,
      count(first_visit_fix)::int AS fv_n,
      count(*) FILTER (WHERE first_visit_fix)::int AS fv_ok,
      count(rating)::int AS rated,
      coalesce(sum(rating), 0)::int AS rating_sum,
      count(*) FILTER (WHERE status NOT IN ('closed', 'cancelled'))::int AS open
    FROM sd_orders WHERE ${where} GROUP BY 1 ORDER BY 1`;
}

function rollupQuery(q: Pick<SdFiguresQuery, 'groupBy' | 'kind'>, from: string, to: string, areas: 'all' | number[]): SQL {
  const key: Record<SdFiguresQuery['groupBy'], SQL> = {
    team: sql`nullif(team_id, 0)::text`,
    category: sql`category_id::text`,
    community: sql`nullif(community_id, 0)::text`,
    month: sql`to_char(day, 'YYYY-MM')`,
    day: sql`to_char(day, 'YYYY-MM-DD')`,
  };
  const conds: SQL[] = [sql`day >= ${from}`, sql`day <= ${to}`];
  if (q.kind) conds.push(sql`kind = ${q.kind}`);
  if (areas !== 'all')
    conds.push(
      areas.length
        ? sql`area_id IN (${sql.join(
            areas.map((a) => sql`${a}`),
            sql`, `,
          )})`
        : sql`FALSE`,
    );
  return sql`SELECT ${key[q.groupBy]} AS key, sum(orders)::int AS orders, sum(acc_n)::int AS acc_n, sum(acc_ok)::int AS acc_ok,
      sum(arr_n)::int AS arr_n, sum(arr_ok)::int AS arr_ok, sum(res_n)::int AS res_n, sum(res_ok)::int AS res_ok,
      sum(fv_n)::int AS fv_n, sum(fv_ok)::int AS fv_ok, sum(rated)::int AS rated, sum(rating_sum)::int AS rating_sum, 0 AS open
    FROM sd_figures_daily WHERE ${sql.join(conds, sql` AND `)} GROUP BY 1`;
}

/** Figures counted from the orders received in [fromAt, toAt) in the actor's scope (only those not yet settled, when asked). */
export async function liveFigures(
  ex: Executor,
  actor: Actor,
  q: { groupBy: SdFiguresQuery['groupBy']; kind: SdFiguresQuery['kind']; tz: string; now: Date; fromAt: Date; toAt: Date; unsettledOnly: boolean },
): Promise<RawRow[]> {
  const orderConds: SQL[] = [
    scopeWhere(actor, { path: sdOrders.placePath }),
    sql`${sdOrders.receivedAt} >= ${q.fromAt}`,
    sql`${sdOrders.receivedAt} < ${q.toAt}`,
    sql`${sdOrders.status} <> 'merged'`,
  ];
  if (q.kind) orderConds.push(sql`${sdOrders.kind} = ${q.kind}`);
  const where = sql.join(orderConds, sql` AND `);
  return queryRows<RawRow>(ex, liveQuery(q.groupBy, q.tz, q.now, q.unsettledOnly ? sql`${where} AND status NOT IN ('closed', 'cancelled')` : where));
}

/** Figures of settled orders, summed from the daily figures of these areas (or all). */
export async function rollupFigures(
  ex: Executor,
  q: { groupBy: SdFiguresQuery['groupBy']; kind: SdFiguresQuery['kind']; from: string; to: string; areas: 'all' | number[] },
): Promise<RawRow[]> {
  return queryRows<RawRow>(ex, rollupQuery(q, q.from, q.to, q.areas));
}

/** Open orders in the actor's scope by age. */
export async function backlogByAge(ex: Executor, actor: Actor, now: Date, kind: SdFiguresQuery['kind']) {
  return queryRows<{ bucket: 'lt1d' | '1to3d' | '3to7d' | 'gt7d'; count: number }>(
    ex,
    sql`SELECT CASE WHEN received_at > ${new Date(now.getTime() - 86400000)} THEN 'lt1d'
                    WHEN received_at > ${new Date(now.getTime() - 3 * 86400000)} THEN '1to3d'
                    WHEN received_at > ${new Date(now.getTime() - 7 * 86400000)} THEN '3to7d' ELSE 'gt7d' END AS bucket,
               count(*)::int AS count
        FROM sd_orders WHERE status NOT IN ('closed', 'cancelled', 'merged') AND ${scopeWhere(actor, { path: sdOrders.placePath })} ${kind ? sql`AND kind = ${kind}` : sql``}
        GROUP BY 1`,
  );
}

/** Buildings with three or more repair orders received in [fromAt, toAt), the most first (20). */
export async function repeatedRepairs(ex: Executor, actor: Actor, fromAt: Date, toAt: Date) {
  return queryRows<{ building_id: number; orders: number; cats: number[] }>(
    ex,
    sql`SELECT building_id, count(*)::int AS orders, array_agg(DISTINCT category_id) AS cats
        FROM sd_orders WHERE ${scopeWhere(actor, { path: sdOrders.placePath })} AND status <> 'merged' AND kind = 'repair' AND building_id IS NOT NULL
          AND received_at >= ${fromAt} AND received_at < ${toAt}
        GROUP BY building_id HAVING count(*) >= 3 ORDER BY 2 DESC, 1 LIMIT 20`,
  );
}

/** The centres, departments and communities in the actor's scope (the areas daily figures are kept for). */
export async function areasInScope(ex: Executor, actor: Actor): Promise<number[]> {
  const rows = await queryRows<{ id: number }>(
    ex,
    sql`SELECT id FROM places WHERE type IN ('center', 'department', 'community') AND ${scopeWhere(actor, { path: sql`path` })}`,
  );
  return rows.map((r) => r.id);
}

export async function teamNames(ex: Executor, ids: number[]) {
  return ex.select({ id: sdTeams.id, name: sdTeams.name }).from(sdTeams).where(inArray(sdTeams.id, ids));
}

export async function categoryNames(ex: Executor, ids: number[]) {
  return ex.select({ id: sdCategories.id, name: sdCategories.name }).from(sdCategories).where(inArray(sdCategories.id, ids));
}
