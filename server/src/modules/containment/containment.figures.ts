import { dailyFigures, measure, type FigureSource } from '../../platform/figures/figures.registry.js';
import { addDays, startOfLocalDay } from '../../platform/time.js';
import * as repo from './containment.repository.js';

/** Cases reported per day (health data: for those who may see cases). */
export const caseFigureSet: FigureSource = {
  key: 'containment.cases',
  module: 'containment',
  title: { 'zh-CN': '病例', 'en-US': 'Cases' },
  permission: 'containment.case.view',
  groupings: ['total', 'day'],
  measures: [
    measure(
      'confirmed',
      'count',
      ['确诊', 'Confirmed'],
      ['当日报告的确诊病例数（排除的不计）', 'Confirmed cases reported on the day (excluded ones not counted)'],
    ),
    measure(
      'suspected',
      'count',
      ['疑似', 'Suspected'],
      ['当日报告、仍为疑似的病例数（排除的不计）', 'Cases reported on the day and still suspected (excluded ones not counted)'],
    ),
    measure('excluded', 'count', ['已排除', 'Excluded'], ['当日报告、后被排除的病例数', 'Cases reported on the day and excluded since']),
  ],
  compute: async (ctx, q) =>
    dailyFigures(ctx, q.groupBy, ['confirmed', 'suspected', 'excluded'] as const, await repo.caseFiguresByDay(ctx.platform.db, ctx.actor, q.from, q.to)),
};

/** Lockdowns put in force and lifted per day. */
export const orderFigureSet: FigureSource = {
  key: 'containment.orders',
  module: 'containment',
  title: { 'zh-CN': '封控', 'en-US': 'Lockdowns' },
  permission: 'containment.order.view',
  groupings: ['total', 'day'],
  measures: [
    measure(
      'sealed',
      'count',
      ['新增封控', 'Put in force'],
      ['当日生效的封控令数（单元、楼栋、小区）', 'Lockdown orders (stairwell, building, compound) put in force on the day'],
    ),
    measure('released', 'count', ['解除封控', 'Lifted'], ['当日解除的封控令数', 'Lockdown orders lifted on the day']),
  ],
  async compute(ctx, q) {
    const tz = ctx.platform.config.timezone;
    const days = await repo.orderFiguresByDay(ctx.platform.db, ctx.actor, startOfLocalDay(q.from, tz), startOfLocalDay(addDays(q.to, 1), tz), tz);
    return dailyFigures(ctx, q.groupBy, ['sealed', 'released'] as const, days);
  },
};
