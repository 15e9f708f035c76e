import type { DashboardCardSource } from '../../platform/dashboard/dashboard.service.js';
import { localDate } from '../../platform/time.js';
import { accessFigureSet } from './access.figures.js';

/** Today at the gates in my scope: entries, exits, refusals, vehicles, visitors, fevers. */
export const accessDashboardCard: DashboardCardSource = {
  key: 'access.gates_today',
  // After containment's sealed-places map (30).
  order: 35,
  permission: 'access.figures',
  async load(ctx) {
    const today = localDate(ctx.platform.clock.now(), ctx.platform.config.timezone);
    // The same counting as the figure set the daily report reads.
    const { total } = await accessFigureSet.compute(ctx, { from: today, to: today, groupBy: 'total' });
    const sum = (k: 'entries' | 'exits' | 'refused' | 'vehicles' | 'visitors' | 'fevers') => total.values[k] ?? 0;
    const link = '/access/figures';
    return {
      title: { 'zh-CN': '今日门岗卡口', 'en-US': 'Gates today' },
      figures: [
        { key: 'entries', label: { 'zh-CN': '进入', 'en-US': 'Entries' }, value: sum('entries'), unit: 'count', tone: 'normal', link },
        { key: 'exits', label: { 'zh-CN': '外出', 'en-US': 'Exits' }, value: sum('exits'), unit: 'count', tone: 'normal', link },
        {
          key: 'refused',
          label: { 'zh-CN': '拒绝通行', 'en-US': 'Refused' },
          value: sum('refused'),
          unit: 'count',
          tone: sum('refused') > 0 ? 'warning' : 'normal',
          link,
        },
        { key: 'vehicles', label: { 'zh-CN': '车辆', 'en-US': 'Vehicles' }, value: sum('vehicles'), unit: 'count', tone: 'normal', link },
        { key: 'visitors', label: { 'zh-CN': '外来人员', 'en-US': 'Visitors' }, value: sum('visitors'), unit: 'count', tone: 'normal', link },
        {
          key: 'fevers',
          label: { 'zh-CN': '发热', 'en-US': 'Fevers' },
          value: sum('fevers'),
          unit: 'count',
          tone: sum('fevers') > 0 ? 'danger' : 'good',
          link,
        },
      ],
      rows: [],
    };
  },
};
