import { sql } from 'drizzle-orm';
import { scopeWhere } from '../../platform/access/scope-sql.js';
import { dailyFigures, measure, type FigureSource } from '../../platform/figures/figures.registry.js';
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
    const counts = [...visits.map((v) => ({ day: v.day, visited: v.visited, nobodyHome: v.nobody_home, refused: v.refused })), ...findings];
    return dailyFigures(ctx, q.groupBy, KEYS, counts);
  },
};
