import type { DashboardCardSource } from '../../platform/dashboard/dashboard.service.js';
import { dailyFigures, measure, type FigureSource } from '../../platform/figures/figures.registry.js';
import { addDays, localDate, startOfLocalDay } from '../../platform/time.js';
import * as repo from './observation.repository.js';

/** Today's observation counts: open cases, checks still due, alerts, missed checks, releases. */
export const observationDashboardCard: DashboardCardSource = {
  key: 'observation.today',
  order: 20,
  permission: 'observation.read',
  async load(ctx) {
    const tz = ctx.platform.config.timezone;
    const now = ctx.platform.clock.now();
    const today = localDate(now, tz);
    const c = await repo.todayCounts(ctx.platform.db, ctx.actor, startOfLocalDay(today, tz), startOfLocalDay(addDays(today, 1), tz), now);
    return {
      title: { 'zh-CN': '今日居家观察', 'en-US': 'Observation today' },
      figures: [
        { key: 'active', label: { 'zh-CN': '在观察', 'en-US': 'Under observation' }, value: c.active, unit: 'count', tone: 'normal', link: '/observation' },
        {
          key: 'due',
          label: { 'zh-CN': '待检测', 'en-US': 'Checks due' },
          value: c.due,
          unit: 'count',
          tone: c.due > 0 ? 'warning' : 'normal',
          link: '/observation/today',
        },
        {
          key: 'alerts',
          label: { 'zh-CN': '发热/症状预警', 'en-US': 'Fever alerts' },
          value: c.alerts,
          unit: 'count',
          tone: c.alerts > 0 ? 'danger' : 'good',
          link: '/observation',
        },
        {
          key: 'missed',
          label: { 'zh-CN': '漏测', 'en-US': 'Missed checks' },
          value: c.missed,
          unit: 'count',
          tone: c.missed > 0 ? 'danger' : 'good',
          link: '/observation',
        },
        {
          key: 'released',
          label: { 'zh-CN': '今日解除', 'en-US': 'Released today' },
          value: c.released,
          unit: 'count',
          tone: 'good',
          link: '/observation?status=released',
        },
        {
          key: 'proposed',
          label: { 'zh-CN': '待确认解除', 'en-US': 'Release to confirm' },
          value: c.proposed,
          unit: 'count',
          tone: c.proposed > 0 ? 'warning' : 'normal',
          link: '/observation?status=release_proposed',
        },
      ],
      rows: [],
    };
  },
};

const MEASURES = ['opened', 'released', 'taken', 'missed', 'alerts'] as const;

/** Observation's figures for the daily report: cases opened and released, checks taken and missed, alerts, per day. */
export const observationFigureSet: FigureSource = {
  key: 'observation.daily',
  module: 'observation',
  title: { 'zh-CN': '居家观察', 'en-US': 'Home observation' },
  permission: 'observation.read',
  groupings: ['total', 'day'],
  measures: [
    measure(
      'opened',
      'count',
      ['新增观察', 'Cases opened'],
      ['当日开始观察（居家观察、集中隔离、发热随访）的人数', 'People whose observation (home, facility, fever follow-up) started on the day'],
    ),
    measure('released', 'count', ['解除观察', 'Released'], ['当日确认解除观察的人数', 'People whose release was confirmed on the day']),
    measure(
      'taken',
      'count',
      ['已检测', 'Checks taken'],
      ['当日时段内完成的体温/症状检测次数（含加测）', 'Temperature and symptom checks taken in the day’s slots (extra readings included)'],
    ),
    measure('missed', 'count', ['漏测', 'Checks missed'], ['宽限时间已过仍未检测的时段数', 'Slots whose grace time has passed without a reading']),
    measure('alerts', 'count', ['发热/症状预警', 'Fever alerts'], ['体温 ≥ 37.3 °C 或有症状的检测次数', 'Readings at 37.3 °C or above, or with a symptom']),
  ],
  async compute(ctx, q) {
    const tz = ctx.platform.config.timezone;
    const { cases, checks } = await repo.figuresByDay(
      ctx.platform.db,
      ctx.actor,
      startOfLocalDay(q.from, tz),
      startOfLocalDay(addDays(q.to, 1), tz),
      ctx.platform.clock.now(),
      tz,
    );
    return dailyFigures(ctx, q.groupBy, MEASURES, [...cases, ...checks]);
  },
};
