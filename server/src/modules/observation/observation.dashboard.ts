import type { DashboardCardSource } from '../../platform/dashboard/dashboard.service.js';
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
        { key: 'due', label: { 'zh-CN': '待检测', 'en-US': 'Checks due' }, value: c.due, unit: 'count', tone: c.due > 0 ? 'warning' : 'normal', link: '/observation/today' },
        { key: 'alerts', label: { 'zh-CN': '发热/症状预警', 'en-US': 'Fever alerts' }, value: c.alerts, unit: 'count', tone: c.alerts > 0 ? 'danger' : 'good', link: '/observation' },
        { key: 'missed', label: { 'zh-CN': '漏测', 'en-US': 'Missed checks' }, value: c.missed, unit: 'count', tone: c.missed > 0 ? 'danger' : 'good', link: '/observation' },
        { key: 'released', label: { 'zh-CN': '今日解除', 'en-US': 'Released today' }, value: c.released, unit: 'count', tone: 'good', link: '/observation?status=released' },
        { key: 'proposed', label: { 'zh-CN': '待确认解除', 'en-US': 'Release to confirm' }, value: c.proposed, unit: 'count', tone: c.proposed > 0 ? 'warning' : 'normal', link: '/observation?status=release_proposed' },
      ],
      rows: [],
    };
  },
};
