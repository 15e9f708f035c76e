import type { FigureGrouping, FigureQuery, FigureValuesRow } from '@jiayuan/contracts';
import type { Ctx } from '../../platform/context.js';
import type { DashboardCardSource } from '../../platform/dashboard/dashboard.service.js';
import { measure, totalLabel, type FigureSource } from '../../platform/figures/figures.registry.js';
import * as places from '../../platform/places/places.repository.js';
import { addDays, startOfLocalDay } from '../../platform/time.js';
import * as figures from './duty-figures.repository.js';
import { dutyTeamNames } from './duty-teams.repository.js';

/** Duty's figures (through the manifest: the dashboard and the daily report read them) and its dashboard card. */

type Fetch = (ex: Ctx['platform']['db'], actor: Ctx['actor'], groupBy: FigureGrouping, from: Date, to: Date, tz: string) => Promise<figures.GroupedRow[]>;

/** Rows per group (named: a community, an employer, a team, a day) and the total. */
async function grouped(ctx: Ctx, q: FigureQuery, keys: readonly string[], fetch: Fetch, averaged: readonly string[] = []) {
  const tz = ctx.platform.config.timezone;
  const raw = await fetch(ctx.platform.db, ctx.actor, q.groupBy, startOfLocalDay(q.from, tz), startOfLocalDay(addDays(q.to, 1), tz), tz);
  const ids = raw.map((r) => Number(r.grp)).filter((n) => Number.isSafeInteger(n) && n > 0);
  let names = new Map<number, string>();
  if (q.groupBy === 'community') names = new Map((await places.findPlaces(ctx.platform.db, ids)).map((p) => [p.id, p.name]));
  if (q.groupBy === 'employer') names = new Map((await places.findEmployers(ctx.platform.db, ids)).map((e) => [e.id, e.name]));
  if (q.groupBy === 'team') names = new Map(await dutyTeamNames(ctx.platform.db, ids));
  const none = ctx.lang === 'en-US' ? 'None' : '无';
  const total: Record<string, number> = Object.fromEntries(keys.map((k) => [k, 0]));
  const rows: FigureValuesRow[] = raw
    .map((r) => {
      const values = Object.fromEntries(keys.map((k) => [k, Number(r[k] ?? 0)]));
      for (const k of keys) if (!averaged.includes(k)) total[k]! += values[k]!;
      const label = q.groupBy === 'day' ? r.grp : r.grp === '' ? none : (names.get(Number(r.grp)) ?? r.grp);
      return { group: r.grp, label, values };
    })
    .sort((a, b) => (a.group < b.group ? -1 : a.group > b.group ? 1 : 0));
  // A median is not added up: the total's is the largest group's (or the only one's).
  for (const k of averaged) total[k] = rows.length === 1 ? rows[0]!.values[k]! : Math.max(0, ...rows.map((r) => r.values[k]!));
  return { rows: q.groupBy === 'total' ? [] : rows, total: { group: 'total', label: totalLabel(ctx), values: total } };
}

export const memberFigureSet: FigureSource = {
  key: 'duty.members',
  module: 'duty',
  title: { 'zh-CN': '党员报到', 'en-US': 'Members reporting in' },
  permission: 'duty.member.read',
  groupings: ['total', 'day', 'community', 'employer', 'team'],
  measures: [
    measure(
      'reported',
      'count',
      ['报到', 'Reported'],
      ['当日向居住地社区报到的党员数（按报到时间）', 'Members who reported to their residence community on the day (by report time)'],
    ),
    measure(
      'confirmed',
      'count',
      ['确认', 'Confirmed'],
      ['当日被社区确认报到、仍为确认状态的党员数', 'Members whose report the community confirmed on the day (still confirmed)'],
    ),
  ],
  compute: (ctx, q) => grouped(ctx, q, ['reported', 'confirmed'], figures.memberFigures),
};

export const shiftFigureSet: FigureSource = {
  key: 'duty.shifts',
  module: 'duty',
  title: { 'zh-CN': '岗位班次', 'en-US': 'Shifts' },
  permission: 'duty.read',
  groupings: ['total', 'day', 'community', 'team'],
  measures: [
    measure('shifts', 'count', ['班次', 'Shifts'], ['当日开始的班次数', 'Shifts starting on the day']),
    measure('places', 'count', ['需要人数', 'Places'], ['这些班次需要的人数之和', 'The people those shifts need, added up']),
    measure('filled', 'count', ['已认领', 'Filled'], ['已被认领的名额（含已签到、已签退）', 'Places taken (held, on duty or done)']),
    measure('open', 'count', ['空缺', 'Open'], ['尚无人认领的名额', 'Places nobody took yet']),
    measure('unfilled', 'count', ['未满班次', 'Not full'], ['仍有空缺的班次数', 'Shifts with a place still open']),
  ],
  compute: (ctx, q) => grouped(ctx, q, ['shifts', 'places', 'filled', 'open', 'unfilled'], figures.shiftFigures),
};

export const callUpFigureSet: FigureSource = {
  key: 'duty.callUps',
  module: 'duty',
  title: { 'zh-CN': '社区吹哨', 'en-US': 'Call-ups' },
  permission: 'duty.read',
  groupings: ['total', 'day', 'community'],
  measures: [
    measure('made', 'count', ['吹哨', 'Made'], ['当日发出的吹哨任务数', 'Call-ups made on the day']),
    measure('needed', 'count', ['需要人数', 'People needed'], ['这些吹哨需要的人数之和', 'The people those call-ups asked for']),
    measure('filled', 'count', ['已满员', 'Filled'], ['其中全部名额已被认领的吹哨数', 'Of them, call-ups whose every place was taken']),
    measure(
      'minutesToFill',
      'minutes',
      ['满员用时（中位数）', 'Time to fill (median)'],
      ['从吹哨到最后一个名额被认领的分钟数，取中位数', 'Minutes from the call-up to its last place taken, the median'],
    ),
  ],
  compute: (ctx, q) => grouped(ctx, q, ['made', 'needed', 'filled', 'minutesToFill'], figures.callUpFigures, ['minutesToFill']),
};

export const servedFigureSet: FigureSource = {
  key: 'duty.hours',
  module: 'duty',
  title: { 'zh-CN': '服务时长', 'en-US': 'Hours served' },
  permission: 'duty.read',
  groupings: ['total', 'day', 'community', 'employer', 'team'],
  measures: [
    measure(
      'minutes',
      'minutes',
      ['服务时长', 'Time served'],
      [
        '签到至签退（不超出班次）的分钟数，按签退日计，不可手填',
        'Minutes from check-in to check-out within the shift, on the day of check-out; never typed in',
      ],
    ),
    measure('people', 'count', ['服务人数', 'People'], ['当日签退的党员人数', 'Members who checked out on the day']),
    measure('shifts', 'count', ['完成班次', 'Shifts served'], ['签退的班次数', 'Shifts checked out of']),
  ],
  compute: (ctx, q) => grouped(ctx, q, ['minutes', 'people', 'shifts'], figures.servedFigures),
};

/** The coordinator's card: call-ups open, shifts with places open in the next 24 hours, members on duty, reports to confirm. */
export const dutyDashboardCard: DashboardCardSource = {
  key: 'duty.today',
  order: 60,
  permission: 'duty.read',
  async load(ctx) {
    const c = await figures.todayCounts(ctx.platform.db, ctx.actor, ctx.platform.clock.now());
    return {
      title: { 'zh-CN': '值班与吹哨', 'en-US': 'Duty and call-ups' },
      figures: [
        {
          key: 'callUps',
          label: { 'zh-CN': '进行中的吹哨', 'en-US': 'Call-ups open' },
          value: c.callUps,
          unit: 'count',
          tone: c.callUps ? 'warning' : 'normal',
          link: '/duty/call-ups',
        },
        {
          key: 'unfilled',
          label: { 'zh-CN': '24小时内未满班次', 'en-US': 'Shifts not full, next 24 h' },
          value: c.unfilled,
          unit: 'count',
          tone: c.unfilled ? 'danger' : 'good',
          link: '/duty/posts?unfilled=true',
        },
        {
          key: 'openPlaces',
          label: { 'zh-CN': '24小时内空缺名额', 'en-US': 'Open places, next 24 h' },
          value: c.openPlaces,
          unit: 'count',
          tone: 'normal',
          link: '/duty/posts?unfilled=true',
        },
        { key: 'onDuty', label: { 'zh-CN': '正在值班', 'en-US': 'On duty now' }, value: c.onDuty, unit: 'count', tone: 'normal', link: null },
        {
          key: 'toConfirm',
          label: { 'zh-CN': '待确认报到', 'en-US': 'Reports to confirm' },
          value: c.toConfirm,
          unit: 'count',
          tone: c.toConfirm ? 'warning' : 'normal',
          link: '/duty/members?status=reported',
        },
      ],
      rows: [],
    };
  },
};
