import type { FigureValuesRow, GateFigureRow } from '@jiayuan/contracts';
import { measure, totalLabel, type FigureSource } from '../../platform/figures/figures.registry.js';
import { gateFigures } from './gate-events.service.js';

const MEASURES = ['entries', 'exits', 'refused', 'vehicles', 'visitors', 'fevers'] as const;
type Sums = Record<(typeof MEASURES)[number], number>;

const zero = (): Sums => ({ entries: 0, exits: 0, refused: 0, vehicles: 0, visitors: 0, fevers: 0 });
function add(s: Sums, r: GateFigureRow) {
  for (const m of MEASURES) s[m] += r[m];
}

/** The gates' figures for the dashboard and the daily report: the figures page's counts, per day or gate. */
export const accessFigureSet: FigureSource = {
  key: 'access.gates',
  module: 'access',
  title: { 'zh-CN': '卡口通行', 'en-US': 'Gates' },
  permission: 'access.figures',
  groupings: ['total', 'day', 'gate'],
  measures: [
    measure('entries', 'count', ['进入', 'Entries'], ['卡口记录的放行进入人次', 'Entries allowed at the gates']),
    measure('exits', 'count', ['外出', 'Exits'], ['卡口记录的外出人次', 'Exits recorded at the gates']),
    measure(
      'refused',
      'count',
      ['劝返', 'Refused'],
      ['卡口拒绝通行的次数（无效通行证、封控、发热等）', 'Times the gates refused someone (no valid pass, sealed, fever…)'],
    ),
    measure('vehicles', 'count', ['车辆', 'Vehicles'], ['车辆通行次数', 'Vehicle passages']),
    measure('visitors', 'count', ['访客', 'Visitors'], ['登记的访客人次', 'Visitors registered']),
    measure('fevers', 'count', ['发热', 'Fevers'], ['测温 ≥ 37.3 °C 的人次', 'People measured at 37.3 °C or above']),
  ],
  async compute(ctx, q) {
    const { items } = await gateFigures(ctx, { from: q.from, to: q.to });
    const groups = new Map<string, { label: string; sums: Sums }>();
    const total = zero();
    for (const r of items) {
      add(total, r);
      if (q.groupBy === 'total') continue;
      const [group, label] = q.groupBy === 'day' ? [r.day, r.day] : [String(r.gateId), r.gateName];
      let g = groups.get(group);
      if (!g) groups.set(group, (g = { label, sums: zero() }));
      add(g.sums, r);
    }
    const rows: FigureValuesRow[] = [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([group, g]) => ({ group, label: g.label, values: g.sums }));
    return { rows, total: { group: 'total', label: totalLabel(ctx), values: total } };
  },
};
