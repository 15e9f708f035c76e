import type { FigureGrouping, FigureMeasure, FigureQuery, FigureSetInfo, FigureSetResult, FigureValuesRow, Permission } from '@jiayuan/contracts';
import { can } from '../access/actor.js';
import type { Ctx } from '../context.js';
import { commonErrors } from '../errors/common-errors.js';

/**
 * A set of figures a module can compute for the caller's scope, a date range and a grouping,
 * each measure with its definition in both languages. The dashboard and the daily report read
 * figures from here, so nothing is counted twice in two places.
 */
export interface FigureSource {
  /** `<module>.<name>`. */
  key: string;
  module: string;
  title: FigureSetInfo['title'];
  permission: Permission;
  groupings: readonly FigureGrouping[];
  measures: readonly FigureMeasure[];
  /** Rows per group and the total, counted within `ctx.actor`'s scope. */
  compute(ctx: Ctx, q: FigureQuery): Promise<{ rows: FigureValuesRow[]; total: FigureValuesRow }>;
}

const sources = new Map<string, FigureSource>();

export function registerFigures(source: FigureSource) {
  const known = sources.get(source.key);
  if (known && known !== source) throw new Error(`figure set ${source.key} is declared twice`);
  sources.set(source.key, source);
}

const info = (s: FigureSource): FigureSetInfo => ({ key: s.key, module: s.module, title: s.title, groupings: [...s.groupings], measures: [...s.measures] });

/** The figure sets the actor may read. */
export function figureCatalog(ctx: Ctx): FigureSetInfo[] {
  return [...sources.values()].filter((s) => can(ctx.actor, s.permission)).map(info);
}

/** One figure set computed: 404 for a set the actor may not read or that does not exist, 400 for a grouping it does not offer. */
export async function computeFigures(ctx: Ctx, key: string, q: FigureQuery): Promise<FigureSetResult> {
  const s = sources.get(key);
  if (!s || !can(ctx.actor, s.permission)) throw commonErrors.NOT_FOUND();
  if (!s.groupings.includes(q.groupBy)) throw commonErrors.VALIDATION_FAILED().onField('groupBy');
  if (q.to < q.from) throw commonErrors.VALIDATION_FAILED().onField('to');
  const { rows, total } = await s.compute(ctx, q);
  return { key, from: q.from, to: q.to, groupBy: q.groupBy, rows, total };
}

/** A measure, its label and its definition in both languages. */
export function measure(key: string, unit: FigureMeasure['unit'], label: [zh: string, en: string], definition: [zh: string, en: string]): FigureMeasure {
  return { key, unit, label: { 'zh-CN': label[0], 'en-US': label[1] }, definition: { 'zh-CN': definition[0], 'en-US': definition[1] } };
}

/** The label of a figure set's total row. */
export const totalLabel = (ctx: Pick<Ctx, 'lang'>) => (ctx.lang === 'en-US' ? 'Total' : '合计');

/**
 * Rows per local day (when grouped by day) and the total, from per-day counts: several queries'
 * rows for the same day (cases opened, checks taken…) are added into one row.
 */
export function dailyFigures<K extends string>(
  ctx: Pick<Ctx, 'lang'>,
  groupBy: FigureGrouping,
  keys: readonly K[],
  counts: readonly ({ day: string } & Partial<Record<K, number>>)[],
) {
  const zero = () => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
  const days = new Map<string, Record<K, number>>();
  const total = zero();
  for (const c of counts) {
    let day = days.get(c.day);
    if (!day) days.set(c.day, (day = zero()));
    for (const k of keys) {
      day[k] += c[k] ?? 0;
      total[k] += c[k] ?? 0;
    }
  }
  const rows: FigureValuesRow[] =
    groupBy === 'day' ? [...days.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([d, values]) => ({ group: d, label: d, values })) : [];
  return { rows, total: { group: 'total', label: totalLabel(ctx), values: total } };
}
