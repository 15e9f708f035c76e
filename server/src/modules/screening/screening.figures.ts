import { sql } from 'drizzle-orm';
import { scopeWhere } from '../../platform/access/scope-sql.js';
import { measure, type FigureSource } from '../../platform/figures/figures.registry.js';
import { addDays, startOfLocalDay } from '../../platform/time.js';
import * as repo from './coverage.repository.js';

const KEYS = ['visited', 'nobodyHome', 'refused', 'flagged'] as const;

/** Door-to-door screening for the daily report: households visited, not at home, refusing, people flagged, per day. */
export const screeningFigureSet: FigureSource = {
  key: 'screening.visits',
  module: 'screening',
  title: { 'zh-CN': '入户摸排', 'en-US': 'Door-to-door screening' },
  permission: 'screening.read',
  groupings: ['total', 'day'],
  measures: [
    measure('visited', 'count', ['已走访', 'Visited'], ['当日入户走访到的户数（每次走访计一次）', 'Households visited on the day (each visit counted)']),
    measure('nobodyHome', 'count', ['无人在家', 'Nobody home'], ['当日上门无人、需再访的次数', 'Calls on the day where nobody was home (to visit again)']),
    measure('refused', 'count', ['拒绝', 'Refused'], ['当日拒绝配合的次数', 'Calls on the day where the household refused']),
    measure(
      'flagged',
      'count',
      ['需跟进', 'Flagged'],
      ['当日走访发现需跟进的人数（发热、症状、未登记等）', 'People found on the day’s visits who need following up (fever, symptoms, not registered…)'],
    ),
  ],
  async compute(ctx, q) {
    const tz = ctx.platform.config.timezone;
    const scope = scopeWhere(ctx.actor, { path: sql`place_path` });
    const { visits, findings } = await repo.visitFiguresByDay(ctx.platform.db, scope, startOfLocalDay(q.from, tz), startOfLocalDay(addDays(q.to, 1), tz), tz);
    const days = new Map<string, Record<(typeof KEYS)[number], number>>();
    const of = (d: string) => days.get(d) ?? days.set(d, { visited: 0, nobodyHome: 0, refused: 0, flagged: 0 }).get(d)!;
    for (const v of visits) Object.assign(of(v.day), { visited: v.visited, nobodyHome: v.nobody_home, refused: v.refused });
    for (const f of findings) of(f.day).flagged = f.flagged;
    const total = { visited: 0, nobodyHome: 0, refused: 0, flagged: 0 };
    for (const v of days.values()) for (const k of KEYS) total[k] += v[k];
    const rows = q.groupBy === 'day' ? [...days.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([d, values]) => ({ group: d, label: d, values })) : [];
    return { rows, total: { group: 'total', label: ctx.lang === 'en-US' ? 'Total' : '合计', values: total } };
  },
};
