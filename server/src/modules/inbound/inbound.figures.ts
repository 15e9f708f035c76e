import type { FigureRow } from '@jiayuan/contracts';
import type * as XL from 'exceljs';
import type { Ctx } from '../../platform/context.js';
import type { DashboardCardSource } from '../../platform/dashboard/dashboard.service.js';
import { measure, type FigureSource } from '../../platform/figures/figures.registry.js';
import { addDays, daysBetween, localDate, startOfLocalDay } from '../../platform/time.js';
import { inboundErrors } from './inbound.errors.js';
import { reference } from './inbound.present.js';
import * as repo from './inbound.repository.js';

type Raw = Awaited<ReturnType<typeof repo.figures>>['rows'][number];

function row(r: Raw, label: string): FigureRow {
  return {
    key: r.key,
    label,
    submitted: r.submitted,
    approved: r.approved,
    rejected: r.rejected,
    decided: r.decided,
    medianMinutes: r.median,
    p90Minutes: r.p90,
    withinHourShare: r.within_hour,
  };
}

/**
 * The loop's figures per day, employer or community: submitted, approved, rejected, median and
 * p90 minutes from submission to decision, and the share decided within one hour. Requests are
 * counted on the day they were (last) submitted. The range is the one asked for, never narrowed
 * silently: a range the page does not show is refused.
 */
export async function loopFigures(ctx: Ctx, q: { from: string; to: string; by: 'day' | 'employer' | 'community' }) {
  const tz = ctx.platform.config.timezone;
  assertLoopRange(q);
  const { rows, total } = await repo.figures(ctx.platform.db, ctx.actor, startOfLocalDay(q.from, tz), startOfLocalDay(addDays(q.to, 1), tz), q.by, tz);
  const ids = rows.map((r) => Number(r.key)).filter((n) => Number.isFinite(n));
  const names =
    q.by === 'employer'
      ? await repo.employerNames(ctx.platform.db, ids)
      : q.by === 'community'
        ? await repo.placeNames(ctx.platform.db, ids)
        : new Map<number, string>();
  const en = ctx.lang === 'en-US';
  const none = q.by === 'employer' ? (en ? 'Own declaration / no employer' : '本人申报 / 无单位') : en ? 'Not routed' : '未分派';
  const label = (key: string) => (q.by === 'day' ? key : key === '-' ? none : (names.get(Number(key)) ?? key));
  return { rows: rows.map((r) => row(r, label(r.key))), total: row(total, en ? 'Total' : '合计') };
}

/** A range of at most 366 days, start before end: else a clear 400, before any work (or download) starts. */
export function assertLoopRange(q: { from: string; to: string }) {
  const span = daysBetween(q.from, q.to);
  if (span < 0 || span > 365) throw inboundErrors.INBOUND_FIGURES_RANGE().onField('to');
}

const BY_HEADER = { day: '日期 Day', employer: '单位 Employer', community: '社区 Community' } as const;

/** The loop's figures as the page shows them (the same query, the same scope), as one worksheet. */
export async function writeLoopFiguresWorkbook(
  ctx: Ctx,
  q: { from: string; to: string; by: 'day' | 'employer' | 'community' },
  wb: XL.stream.xlsx.WorkbookWriter,
) {
  const f = await loopFigures(ctx, q);
  const ws = wb.addWorksheet('闭环统计 Loop figures');
  ws.columns = [
    { header: BY_HEADER[q.by], key: 'label', width: 28 },
    { header: '申请 Submitted', key: 'submitted', width: 12 },
    { header: '通过 Approved', key: 'approved', width: 12 },
    { header: '未通过 Rejected', key: 'rejected', width: 14 },
    { header: '已审批 Decided', key: 'decided', width: 12 },
    { header: '用时中位数（分钟） Median minutes', key: 'medianMinutes', width: 20 },
    { header: '用时 P90（分钟） P90 minutes', key: 'p90Minutes', width: 18 },
    { header: '一小时内办结 Within 1 h', key: 'withinHour', width: 18 },
  ];
  ws.getRow(1).font = { bold: true };
  const out = (r: FigureRow) => ({ ...r, withinHour: r.withinHourShare === null ? null : Math.round(r.withinHourShare * 1000) / 10 });
  for (const r of f.rows) ws.addRow(out(r)).commit();
  const total = ws.addRow(out(f.total));
  total.font = { bold: true };
  total.commit();
  ws.addRow([]).commit();
  ws.addRow([`${q.from} — ${q.to}`]).commit();
  ws.commit();
}

/** The loop on the dashboard: today's figures and the most overdue steps. */
export const inboundDashboardCard: DashboardCardSource = {
  key: 'inbound.loop',
  order: 10,
  permission: 'inbound.read',
  async load(ctx) {
    const tz = ctx.platform.config.timezone;
    const now = ctx.platform.clock.now();
    const today = localDate(now, tz);
    const f = await loopFigures(ctx, { from: today, to: today, by: 'day' });
    const counts = await repo.queueCounts(ctx.platform.db, ctx.actor, ctx.actor.userId, now);
    const overdue = (await repo.listRequests(ctx.platform.db, ctx.actor, { queue: 'open' }, { limit: 200, offset: 0 })).rows
      .filter((r) => r.dueAt && r.dueAt < now && ['submitted', 'routed', 'approved', 'notified'].includes(r.status))
      .slice(0, 8);
    const t = f.total;
    const STEP: Record<string, { 'zh-CN': string; 'en-US': string }> = {
      submitted: { 'zh-CN': '待分派', 'en-US': 'to route' },
      routed: { 'zh-CN': '待审核', 'en-US': 'to review' },
      approved: { 'zh-CN': '待通知本人', 'en-US': 'to notify' },
      notified: { 'zh-CN': '待抵达报备', 'en-US': 'to check in' },
    };
    return {
      title: { 'zh-CN': '返程人员闭环管理（今日）', 'en-US': 'Returning people (today)' },
      figures: [
        {
          key: 'submitted',
          label: { 'zh-CN': '今日申请', 'en-US': 'Submitted today' },
          value: t.submitted,
          unit: 'count',
          tone: 'normal',
          link: '/inbound?queue=all',
        },
        { key: 'approved', label: { 'zh-CN': '通过', 'en-US': 'Approved' }, value: t.approved, unit: 'count', tone: 'good', link: '/inbound?queue=closed' },
        { key: 'rejected', label: { 'zh-CN': '未通过', 'en-US': 'Rejected' }, value: t.rejected, unit: 'count', tone: 'normal', link: '/inbound?queue=closed' },
        {
          key: 'median',
          label: { 'zh-CN': '审批用时中位数', 'en-US': 'Median time to decision' },
          value: t.medianMinutes,
          unit: 'minutes',
          tone: 'normal',
          link: '/inbound/figures',
        },
        {
          key: 'p90',
          label: { 'zh-CN': '审批用时 P90', 'en-US': 'P90 time to decision' },
          value: t.p90Minutes,
          unit: 'minutes',
          tone: (t.p90Minutes ?? 0) > 60 ? 'warning' : 'normal',
          link: '/inbound/figures',
        },
        {
          key: 'withinHour',
          label: { 'zh-CN': '一小时内办结', 'en-US': 'Decided within 1 h' },
          value: t.withinHourShare === null ? null : Math.round(t.withinHourShare * 1000) / 10,
          unit: 'percent',
          tone: t.withinHourShare !== null && t.withinHourShare < 0.9 ? 'warning' : 'good',
          link: '/inbound/figures',
        },
        {
          key: 'overdue',
          label: { 'zh-CN': '逾期环节', 'en-US': 'Overdue steps' },
          value: counts.overdue ?? 0,
          unit: 'count',
          tone: (counts.overdue ?? 0) > 0 ? 'danger' : 'good',
          link: '/inbound?queue=all',
        },
      ],
      rows: overdue.map((r) => ({
        label: `${reference(r.id)} ${r.name}`,
        detail: STEP[r.status] ?? null,
        at: r.dueAt!.toISOString(),
        link: `/inbound/requests/${r.id}`,
        tone: 'danger' as const,
      })),
    };
  },
};

/** The loop's figures for the dashboard and the daily report (the same counting as the figures page). */
export const inboundFigureSet: FigureSource = {
  key: 'inbound.loop',
  module: 'inbound',
  title: { 'zh-CN': '返岗申请', 'en-US': 'Return requests' },
  permission: 'inbound.read',
  groupings: ['total', 'day', 'employer', 'community'],
  measures: [
    measure('submitted', 'count', ['提交', 'Submitted'], ['当日（最后一次）提交的返岗申请数', 'Return requests (last) submitted on the day']),
    measure('approved', 'count', ['同意', 'Approved'], ['其中已同意返回的申请数', 'Of those, requests approved']),
    measure('rejected', 'count', ['不同意', 'Rejected'], ['其中未同意的申请数', 'Of those, requests rejected']),
    measure(
      'medianMinutes',
      'minutes',
      ['审核用时中位数', 'Median minutes to decision'],
      ['从提交到审核决定的分钟数的中位数', 'Median minutes from submission to the review decision'],
    ),
    measure(
      'withinHourShare',
      'percent',
      ['一小时内办结', 'Decided within an hour'],
      ['一小时内作出决定的申请占已决定申请的比例', 'Share of decided requests decided within one hour of submission'],
    ),
  ],
  async compute(ctx, q) {
    const by = q.groupBy === 'total' ? 'day' : (q.groupBy as 'day' | 'employer' | 'community');
    const r = await loopFigures(ctx, { from: q.from, to: q.to, by });
    const values = (f: FigureRow) => ({
      submitted: f.submitted,
      approved: f.approved,
      rejected: f.rejected,
      medianMinutes: f.medianMinutes,
      withinHourShare: f.withinHourShare,
    });
    const total = { group: 'total', label: r.total.label, values: values(r.total) };
    return { rows: q.groupBy === 'total' ? [] : r.rows.map((f) => ({ group: f.key, label: f.label, values: values(f) })), total };
  },
};
