import type { SdFiguresQuery, FiguresView } from '@jiayuan/contracts';
import type { Ctx } from '../../platform/context.js';
import { commonErrors } from '../../platform/errors/common-errors.js';
import { measure, totalLabel, type FigureSource } from '../../platform/figures/figures.registry.js';
import * as places from '../../platform/places/places.repository.js';
import { addDays, localDate, startOfLocalDay } from '../../platform/time.js';
import * as repo from './figures.repository.js';

const rate = (ok: number, n: number) => (n > 0 ? Math.round((ok / n) * 10000) / 10000 : null);

function rates(r: Omit<repo.RawRow, 'key'>) {
  return {
    orders: r.orders,
    acceptOnTime: rate(r.acc_ok, r.acc_n),
    arriveOnTime: rate(r.arr_ok, r.arr_n),
    resolveOnTime: rate(r.res_ok, r.res_n),
    firstVisitFix: rate(r.fv_ok, r.fv_n),
    satisfaction: r.rated > 0 ? Math.round((r.rating_sum / r.rated) * 100) / 100 : null,
    rated: r.rated,
    open: r.open,
  };
}

/**
 * The period the figures cover: the one asked for, else the last twelve months up to today. The
 * answer carries it, and the page's date picker shows that same range.
 */
export function figuresRange(ctx: Ctx, q: Pick<SdFiguresQuery, 'from' | 'to'>): { from: string; to: string } {
  const today = localDate(ctx.platform.clock.now(), ctx.platform.config.timezone);
  const to = q.to ?? today;
  const from = q.from ?? `${addDays(`${today.slice(0, 7)}-01`, -335).slice(0, 7)}-01`;
  if (to < from) throw commonErrors.BAD_REQUEST();
  return { from, to };
}

/**
 * The service desk's figures, computed from the orders themselves: on-time rate per stage (a
 * stage still undone past its due time counts as late), first-visit fix rate, satisfaction,
 * backlog by age, per team, category, community or month, and buildings with repeated repairs.
 */
export async function figures(ctx: Ctx, q: SdFiguresQuery): Promise<FiguresView> {
  const tz = ctx.platform.config.timezone;
  const db = ctx.platform.db;
  const now = ctx.platform.clock.now();
  const { from, to } = figuresRange(ctx, q);
  // Repeated problems are a matter of the recent past: the last 90 days of the period.
  const repeatedFrom = addDays(to, -89) > from ? addDays(to, -89) : from;
  const toAt = startOfLocalDay(addDays(to, 1), tz);
  const areas = await rollupAreas(ctx);
  // Settled orders come from the daily figures (kept with the orders); the rest are counted live.
  const liveRows = await repo.liveFigures(db, ctx.actor, {
    groupBy: q.groupBy,
    kind: q.kind,
    tz,
    now,
    fromAt: startOfLocalDay(from, tz),
    toAt,
    unsettledOnly: !!areas,
  });
  const rows = areas ? mergeRows([...liveRows, ...(await repo.rollupFigures(db, { groupBy: q.groupBy, kind: q.kind, from, to, areas }))]) : liveRows;
  const totals = rows.reduce(
    (acc, r) => {
      for (const k of Object.keys(acc) as (keyof typeof acc)[]) acc[k] += r[k];
      return acc;
    },
    { orders: 0, acc_n: 0, acc_ok: 0, arr_n: 0, arr_ok: 0, res_n: 0, res_ok: 0, fv_n: 0, fv_ok: 0, rated: 0, rating_sum: 0, open: 0 },
  );
  const labels = await labelsFor(
    ctx,
    q.groupBy,
    rows.map((r) => r.key).filter((k): k is string => k !== null),
  );

  const backlog = await repo.backlogByAge(db, ctx.actor, now, q.kind);
  const buckets = (['lt1d', '1to3d', '3to7d', 'gt7d'] as const).map((b) => ({ bucket: b, count: backlog.find((x) => x.bucket === b)?.count ?? 0 }));

  const repeated = await repo.repeatedRepairs(db, ctx.actor, startOfLocalDay(repeatedFrom, tz), toAt);
  const buildingRows = await places.findPlaces(
    db,
    repeated.map((r) => r.building_id),
  );
  const buildingLabels = await places.labelsForPaths(
    db,
    buildingRows.map((b) => b.path),
  );
  const pathOf = new Map(buildingRows.map((b) => [b.id, b.path]));
  const catIds = [...new Set(repeated.flatMap((r) => r.cats.map(Number)))];
  const catNames = catIds.length ? new Map((await repo.categoryNames(db, catIds)).map((c) => [c.id, c.name[ctx.lang]])) : new Map<number, string>();

  return {
    from,
    to,
    repeatedFrom,
    totals: rates(totals),
    rows: rows.map((r) => ({ key: r.key ?? '', label: r.key === null ? '—' : (labels.get(r.key) ?? r.key), ...rates(r) })),
    backlogByAge: buckets,
    repeatedBuildings: repeated.map((r) => ({
      buildingId: r.building_id,
      label: buildingLabels.get(pathOf.get(r.building_id) ?? '') ?? String(r.building_id),
      orders: r.orders,
      categories: r.cats.map((c) => catNames.get(Number(c)) ?? String(c)),
    })),
  };
}

const NUMBERS = ['orders', 'acc_n', 'acc_ok', 'arr_n', 'arr_ok', 'res_n', 'res_ok', 'fv_n', 'fv_ok', 'rated', 'rating_sum', 'open'] as const;

function mergeRows(rows: repo.RawRow[]): repo.RawRow[] {
  const by = new Map<string, repo.RawRow>();
  for (const r of rows) {
    const k = r.key ?? '';
    const acc = by.get(k);
    if (!acc) by.set(k, { ...r });
    else for (const n of NUMBERS) acc[n] += r[n];
  }
  return [...by.values()].sort((a, b) => (a.key ?? '').localeCompare(b.key ?? ''));
}

/**
 * Whether the settled figures can serve this actor: everything, or scopes at the community level
 * or above (the figures are kept per community, or per department or centre for orders filed
 * there). Narrower scopes (a compound, a building) are counted from the orders directly.
 */
async function rollupAreas(ctx: Ctx): Promise<'all' | number[] | null> {
  if (ctx.actor.scope.all) return 'all';
  const mine = await places.findPlaces(
    ctx.platform.db,
    ctx.actor.scope.places.map((p) => p.id),
  );
  if (mine.length === 0 || !mine.every((p) => ['center', 'department', 'community'].includes(p.type))) return null;
  return repo.areasInScope(ctx.platform.db, ctx.actor);
}

async function labelsFor(ctx: Ctx, groupBy: SdFiguresQuery['groupBy'], keys: string[]): Promise<Map<string, string>> {
  const db = ctx.platform.db;
  const ids = keys.map(Number).filter((n) => Number.isSafeInteger(n));
  if (groupBy === 'month' || groupBy === 'day' || ids.length === 0) return new Map();
  if (groupBy === 'team') return new Map((await repo.teamNames(db, ids)).map((t) => [String(t.id), t.name]));
  if (groupBy === 'category') {
    return new Map((await repo.categoryNames(db, ids)).map((c) => [String(c.id), c.name[ctx.lang]]));
  }
  return new Map((await places.findPlaces(db, ids)).map((p) => [String(p.id), p.name]));
}

/** The desk's figures for the dashboard and the daily report (the same counting as the figures page). */
export const servicedeskFigureSet: FigureSource = {
  key: 'servicedesk.orders',
  module: 'servicedesk',
  title: { 'zh-CN': '接诉即办', 'en-US': 'Service desk orders' },
  permission: 'servicedesk.figures',
  groupings: ['total', 'day', 'team', 'category', 'community'],
  measures: [
    measure('orders', 'count', ['受理', 'Orders'], ['当日受理的工单数（合并的除外）', 'Orders received on the day (merged ones excluded)']),
    measure('open', 'count', ['未结案', 'Open'], ['其中尚未结案的工单数', 'Of those, orders not yet closed']),
    measure(
      'resolveOnTime',
      'percent',
      ['按时办结率', 'Resolved on time'],
      [
        '按时办结的工单占应办结工单的比例（超时仍未结案的计为超时）',
        'Share of orders resolved within their limit (an order still open past its limit counts as late)',
      ],
    ),
    measure(
      'firstVisitFix',
      'percent',
      ['一次修复率', 'First-visit fix'],
      ['一次上门即修好的报修占已修好报修的比例', 'Share of repairs fixed on the first visit'],
    ),
    measure('satisfaction', 'score', ['满意度', 'Satisfaction'], ['住户评价的平均分（1–5 分）', 'Average rating by the residents (1–5)']),
  ],
  async compute(ctx, q) {
    const groupBy = q.groupBy === 'total' ? 'month' : (q.groupBy as 'day' | 'team' | 'category' | 'community');
    const r = await figures(ctx, { from: q.from, to: q.to, groupBy });
    const values = (f: FiguresView['totals']) => ({
      orders: f.orders,
      open: f.open,
      resolveOnTime: f.resolveOnTime,
      firstVisitFix: f.firstVisitFix,
      satisfaction: f.satisfaction,
    });
    const total = { group: 'total', label: totalLabel(ctx), values: values(r.totals) };
    return { rows: q.groupBy === 'total' ? [] : r.rows.map((f) => ({ group: f.key, label: f.label, values: values(f) })), total };
  },
};
