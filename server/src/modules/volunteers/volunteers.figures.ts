import type { FigureGrouping, FigureQuery, FigureValuesRow } from '@jiayuan/contracts';
import type { Ctx } from '../../platform/context.js';
import type { DashboardCardSource } from '../../platform/dashboard/dashboard.service.js';
import { measure, totalLabel, type FigureSource } from '../../platform/figures/figures.registry.js';
import * as places from '../../platform/places/places.repository.js';
import { addDays, localDate, startOfLocalDay } from '../../platform/time.js';
import * as figures from './volunteers-figures.repository.js';

/** The volunteers module's figures (through the manifest: the dashboard and the daily report read them) and its dashboard card. */

type Fetch = (ex: Ctx['platform']['db'], actor: Ctx['actor'], groupBy: FigureGrouping, from: Date, to: Date, tz: string) => Promise<figures.GroupedRow[]>;

const CATEGORY_NAMES: Record<string, [string, string]> = {
  shopping: ['代购', 'Shopping'],
  medicine: ['买药送药', 'Medicine'],
  hospitalEscort: ['陪诊', 'Hospital escort'],
  cleaning: ['保洁', 'Cleaning'],
  tutoring: ['辅导', 'Tutoring'],
  repairs: ['小修小补', 'Small repairs'],
  companionship: ['陪伴与心理疏导', 'Companionship'],
  elderCare: ['助老', 'Elder care'],
  civility: ['文明协管', 'Civility'],
  other: ['其他', 'Other'],
  need: ['需求服务', 'Needs'],
  activity: ['活动', 'Activities'],
  dispatch: ['应急调度', 'Dispatch'],
  duty: ['值班', 'Duty'],
};

async function grouped(ctx: Ctx, q: FigureQuery, keys: readonly string[], fetch: Fetch, averaged: readonly string[] = []) {
  const tz = ctx.platform.config.timezone;
  const raw = await fetch(ctx.platform.db, ctx.actor, q.groupBy, startOfLocalDay(q.from, tz), startOfLocalDay(addDays(q.to, 1), tz), tz);
  const ids = raw.map((r) => Number(r.grp)).filter((n) => Number.isSafeInteger(n) && n > 0);
  let names = new Map<number | string, string>();
  if (q.groupBy === 'community') names = new Map((await places.findPlaces(ctx.platform.db, ids)).map((p) => [p.id, p.name]));
  if (q.groupBy === 'employer') names = new Map((await places.findEmployers(ctx.platform.db, ids)).map((e) => [e.id, e.name]));
  if (q.groupBy === 'team') names = new Map(await figures.teamNamesOf(ctx.platform.db, ids));
  const en = ctx.lang === 'en-US';
  const none = en ? 'None' : '无';
  const total: Record<string, number> = Object.fromEntries(keys.map((k) => [k, 0]));
  const rows: FigureValuesRow[] = raw
    .map((r) => {
      const values = Object.fromEntries(keys.map((k) => [k, Number(r[k] ?? 0)]));
      for (const k of keys) if (!averaged.includes(k)) total[k]! += values[k]!;
      const label =
        q.groupBy === 'day'
          ? r.grp
          : q.groupBy === 'category'
            ? (CATEGORY_NAMES[r.grp]?.[en ? 1 : 0] ?? (r.grp || none))
            : r.grp === ''
              ? none
              : (names.get(Number(r.grp)) ?? r.grp);
      return { group: r.grp, label, values };
    })
    .sort((a, b) => (a.group < b.group ? -1 : a.group > b.group ? 1 : 0));
  // An average is not added up: the total's is weighted by the rows' counts when there are several.
  for (const k of averaged) {
    const weight = keys[0]!;
    const w = rows.reduce((s, r) => s + r.values[weight]!, 0);
    total[k] = w ? Math.round(rows.reduce((s, r) => s + r.values[k]! * r.values[weight]!, 0) / w) : 0;
  }
  return { rows: q.groupBy === 'total' ? [] : rows, total: { group: 'total', label: totalLabel(ctx), values: total } };
}

export const needFigureSet: FigureSource = {
  key: 'volunteers.needs',
  module: 'volunteers',
  title: { 'zh-CN': '需求服务（线上点单）', 'en-US': 'Needs (ordered online, served offline)' },
  permission: 'volunteers.read',
  groupings: ['total', 'day', 'community', 'category', 'team'],
  measures: [
    measure('published', 'count', ['发布', 'Published'], ['当日发布的需求数（含代为发布）', 'Needs published on the day (including on behalf)']),
    measure('taken', 'count', ['已认领', 'Taken'], ['这些需求中名额已全部被认领的', 'Of those, needs whose places were all taken']),
    measure(
      'served',
      'count',
      ['已服务', 'Served'],
      ['这些需求中已完成服务的（待确认或已确认）', 'Of those, needs served (waiting for or given confirmation)'],
    ),
    measure('confirmed', 'count', ['已确认', 'Confirmed'], ['这些需求中居民已确认的', 'Of those, needs the resident confirmed']),
    measure(
      'minutesToTake',
      'minutes',
      ['认领用时', 'Time to take'],
      ['从发布到最后一个名额被认领的平均分钟数', 'Average minutes from publishing to the last place taken'],
    ),
  ],
  compute: (ctx, q) => grouped(ctx, q, ['published', 'taken', 'served', 'confirmed', 'minutesToTake'], figures.needFigures, ['minutesToTake']),
};

export const activityFigureSet: FigureSource = {
  key: 'volunteers.activities',
  module: 'volunteers',
  title: { 'zh-CN': '志愿活动', 'en-US': 'Volunteer activities' },
  permission: 'volunteers.read',
  groupings: ['total', 'day', 'community', 'category', 'team'],
  measures: [
    measure(
      'activities',
      'count',
      ['活动', 'Activities'],
      ['当日开始、未取消的活动数（分类：行动主题）', 'Activities starting on the day, not cancelled (category: the theme)'],
    ),
    measure('places', 'count', ['名额', 'Places'], ['这些活动的名额之和', 'Their places, added up']),
    measure('signedUp', 'count', ['报名', 'Signed up'], ['已报名占用的名额（不含候补）', 'Places taken by sign-ups (not the waiting list)']),
    measure('attended', 'count', ['到场', 'Attended'], ['扫码或名册签到的人数', 'People checked in (by QR code or the roster)']),
  ],
  compute: (ctx, q) => grouped(ctx, q, ['activities', 'places', 'signedUp', 'attended'], figures.activityFigures),
};

export const hoursFigureSet: FigureSource = {
  key: 'volunteers.hours',
  module: 'volunteers',
  title: { 'zh-CN': '志愿服务时长', 'en-US': 'Volunteer service minutes' },
  permission: 'volunteers.read',
  groupings: ['total', 'day', 'community', 'employer', 'team', 'category'],
  measures: [
    measure(
      'minutes',
      'minutes',
      ['确认时长', 'Confirmed minutes'],
      [
        '当日服务、经第二人核实的分钟数（冲正记录抵减；分类：来源）',
        'Minutes served on the day and verified by a second person (reversals subtract; category: the source)',
      ],
    ),
    measure('pending', 'minutes', ['待核实', 'Pending'], ['尚待核实的分钟数', 'Minutes still waiting for verification']),
    measure('people', 'count', ['服务人数', 'People'], ['有确认时长的志愿者人数', 'Volunteers with confirmed minutes']),
  ],
  compute: (ctx, q) => grouped(ctx, q, ['minutes', 'pending', 'people'], figures.hoursFigures),
};

export const bankFigureSet: FigureSource = {
  key: 'volunteers.bank',
  module: 'volunteers',
  title: { 'zh-CN': '爱心银行', 'en-US': 'Love bank' },
  permission: 'volunteers.bank.read',
  groupings: ['total', 'community'],
  measures: [
    measure('balances', 'minutes', ['余额', 'Balances'], ['成员账户当前余额之和', "Members' balances now, added up"]),
    measure('held', 'minutes', ['冻结', 'On hold'], ['成员账户当前冻结（待服务）的分钟数', 'Minutes now held for services asked for']),
    measure('earned', 'minutes', ['存入', 'Earned'], ['期间助老服务存入成员账户的分钟数', 'Minutes earned by elder-care service in the period']),
    measure('redeemed', 'minutes', ['兑换', 'Redeemed'], ['期间兑换服务支出的分钟数', 'Minutes spent on services in the period']),
    measure('accounts', 'count', ['账户', 'Accounts'], ['成员账户数', 'Member accounts']),
  ],
  compute: (ctx, q) => grouped(ctx, q, ['balances', 'held', 'earned', 'redeemed', 'accounts'], figures.bankFigures),
};

export const volunteersDashboardCard: DashboardCardSource = {
  key: 'volunteers.today',
  order: 70,
  permission: 'volunteers.read',
  async load(ctx) {
    const tz = ctx.platform.config.timezone;
    const now = ctx.platform.clock.now();
    const today = localDate(now, tz);
    const c = await figures.todayCounts(ctx.platform.db, ctx.actor, now, startOfLocalDay(today, tz), startOfLocalDay(addDays(today, 1), tz));
    return {
      title: { 'zh-CN': '志愿服务', 'en-US': 'Volunteers' },
      figures: [
        {
          key: 'open',
          label: { 'zh-CN': '待认领需求', 'en-US': 'Needs open' },
          value: c.open,
          unit: 'count',
          tone: c.open ? 'warning' : 'normal',
          link: '/volunteers/needs?status=open',
        },
        {
          key: 'late',
          label: { 'zh-CN': '超时未认领', 'en-US': 'Not taken in time' },
          value: c.late,
          unit: 'count',
          tone: c.late ? 'danger' : 'good',
          link: '/volunteers/needs?status=open',
        },
        {
          key: 'toConfirm',
          label: { 'zh-CN': '待确认服务', 'en-US': 'Services to confirm' },
          value: c.toConfirm,
          unit: 'count',
          tone: 'normal',
          link: '/volunteers/needs?status=done',
        },
        {
          key: 'activities',
          label: { 'zh-CN': '今日活动', 'en-US': 'Activities today' },
          value: c.activities,
          unit: 'count',
          tone: 'normal',
          link: '/volunteers/activities',
        },
        {
          key: 'pending',
          label: { 'zh-CN': '待核实时长', 'en-US': 'Minutes to verify' },
          value: c.pending,
          unit: 'minutes',
          tone: c.pending ? 'warning' : 'normal',
          link: '/volunteers/hours?status=pending',
        },
      ],
      rows: [],
    };
  },
};
