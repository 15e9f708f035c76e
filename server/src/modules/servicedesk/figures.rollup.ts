import { sql } from 'drizzle-orm';
import type { Platform } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import { localDate } from '../../platform/time.js';
import type { OrderRow } from './servicedesk.repository.js';

/** Settled orders no longer change their figures: only a reopening takes one back. */
export const isSettled = (status: OrderRow['status']) => status === 'closed' || status === 'cancelled';

/**
 * What one settled order adds to its day's figures. The predicates are those of the live
 * query in figures.service.ts (a cancelled order counts as an order, not in the stage rates).
 */
export function contribution(
  o: Pick<
    OrderRow,
    'status' | 'acceptDueAt' | 'arriveDueAt' | 'resolveDueAt' | 'acceptedAt' | 'arrivedAt' | 'resolvedAt' | 'pausedAt' | 'firstVisitFix' | 'rating'
  >,
  now: Date,
) {
  const live = o.status !== 'cancelled';
  const n = (due: Date | null, done: Date | null) => (live && due && (done || (due < now && !o.pausedAt)) ? 1 : 0);
  const ok = (due: Date | null, done: Date | null) => (live && due && done && done <= due ? 1 : 0);
  return {
    orders: 1,
    accN: n(o.acceptDueAt, o.acceptedAt),
    accOk: ok(o.acceptDueAt, o.acceptedAt),
    arrN: n(o.arriveDueAt, o.arrivedAt),
    arrOk: ok(o.arriveDueAt, o.arrivedAt),
    resN: n(o.resolveDueAt, o.resolvedAt),
    resOk: ok(o.resolveDueAt, o.resolvedAt),
    fvN: o.firstVisitFix === null ? 0 : 1,
    fvOk: o.firstVisitFix ? 1 : 0,
    rated: o.rating === null ? 0 : 1,
    ratingSum: o.rating ?? 0,
  };
}

/** Where scope filters find an order's figures: its community, else the place it was filed at. */
export function areaOf(o: Pick<OrderRow, 'communityId' | 'placePath'>): number {
  return o.communityId ?? Number(/(\d+)\.$/.exec(o.placePath)?.[1] ?? 0);
}

async function add(ex: Executor, platform: Pick<Platform, 'config'>, o: OrderRow, sign: 1 | -1, now: Date) {
  const c = contribution(o, now);
  const day = localDate(o.receivedAt, platform.config.timezone);
  const v = (k: keyof typeof c) => c[k] * sign;
  await ex.execute(sql`
    INSERT INTO sd_figures_daily AS f (day, kind, team_id, category_id, community_id, area_id, orders, acc_n, acc_ok, arr_n, arr_ok, res_n, res_ok, fv_n, fv_ok, rated, rating_sum)
    VALUES (${day}, ${o.kind}, ${o.teamId ?? 0}, ${o.categoryId}, ${o.communityId ?? 0}, ${areaOf(o)}, ${v('orders')}, ${v('accN')}, ${v('accOk')}, ${v('arrN')}, ${v('arrOk')},
            ${v('resN')}, ${v('resOk')}, ${v('fvN')}, ${v('fvOk')}, ${v('rated')}, ${v('ratingSum')})
    ON CONFLICT (day, kind, team_id, category_id, community_id, area_id) DO UPDATE SET
      orders = f.orders + excluded.orders, acc_n = f.acc_n + excluded.acc_n, acc_ok = f.acc_ok + excluded.acc_ok,
      arr_n = f.arr_n + excluded.arr_n, arr_ok = f.arr_ok + excluded.arr_ok, res_n = f.res_n + excluded.res_n,
      res_ok = f.res_ok + excluded.res_ok, fv_n = f.fv_n + excluded.fv_n, fv_ok = f.fv_ok + excluded.fv_ok,
      rated = f.rated + excluded.rated, rating_sum = f.rating_sum + excluded.rating_sum`);
}

/** Keeps the settled figures in step with an order that changed, in the same transaction. */
export async function adjustFigures(ex: Executor, platform: Pick<Platform, 'config' | 'clock'>, before: OrderRow, after: OrderRow) {
  const now = platform.clock.now();
  const was = isSettled(before.status);
  const is = isSettled(after.status);
  if (was && !is) await add(ex, platform, before, -1, now);
  if (!was && is) await add(ex, platform, after, 1, now);
}

/** Recomputes the settled figures from the orders (after a bulk load, or to check them). */
export async function rebuildFigures(ex: Executor, platform: Pick<Platform, 'config' | 'clock'>) {
  const tz = platform.config.timezone;
  const now = platform.clock.now();
  const live = sql`status <> 'cancelled'`;
  await ex.execute(sql`DELETE FROM sd_figures_daily`);
  await ex.execute(sql`
    INSERT INTO sd_figures_daily (day, kind, team_id, category_id, community_id, area_id, orders, acc_n, acc_ok, arr_n, arr_ok, res_n, res_ok, fv_n, fv_ok, rated, rating_sum)
    SELECT (received_at AT TIME ZONE ${tz})::date, kind, coalesce(team_id, 0), category_id, coalesce(community_id, 0),
      coalesce(community_id, substring(place_path from '(\\d+)\\.$')::bigint, 0), count(*),
      count(*) FILTER (WHERE ${live} AND accept_due_at IS NOT NULL AND (accepted_at IS NOT NULL OR (accept_due_at < ${now} AND paused_at IS NULL))),
      count(*) FILTER (WHERE ${live} AND accepted_at <= accept_due_at),
      count(*) FILTER (WHERE ${live} AND arrive_due_at IS NOT NULL AND (arrived_at IS NOT NULL OR (arrive_due_at < ${now} AND paused_at IS NULL))),
      count(*) FILTER (WHERE ${live} AND arrived_at <= arrive_due_at),
      count(*) FILTER (WHERE ${live} AND resolve_due_at IS NOT NULL AND (resolved_at IS NOT NULL OR (resolve_due_at < ${now} AND paused_at IS NULL))),
      count(*) FILTER (WHERE ${live} AND resolved_at <= resolve_due_at),
      count(first_visit_fix), count(*) FILTER (WHERE first_visit_fix), count(rating), coalesce(sum(rating), 0)
    FROM sd_orders WHERE status IN ('closed', 'cancelled')
    GROUP BY 1, 2, 3, 4, 5, 6`);
}
