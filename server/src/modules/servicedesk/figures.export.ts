import type { FiguresView, SdFiguresQuery } from '@jiayuan/contracts';
import type * as XL from 'exceljs';
import type { Ctx } from '../../platform/context.js';
import { figures } from './figures.service.js';

const GROUP_HEADER: Record<SdFiguresQuery['groupBy'], string> = {
  day: '日期 Day',
  month: '月份 Month',
  team: '班组 Team',
  category: '分类 Category',
  community: '社区 Community',
};
const BUCKET: Record<FiguresView['backlogByAge'][number]['bucket'], string> = {
  lt1d: '1天内 < 1 day',
  '1to3d': '1–3天 1–3 days',
  '3to7d': '3–7天 3–7 days',
  gt7d: '7天以上 > 7 days',
};

/** A rate as the page shows it: a percentage with one decimal, or empty where there is nothing to rate. */
const percent = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);

/**
 * The service desk's figures as the figures page shows them (the same computation, the same
 * scope and range): the totals and the grouped table, the backlog by age, the repeated buildings.
 */
export async function writeFiguresWorkbook(ctx: Ctx, q: SdFiguresQuery, wb: XL.stream.xlsx.WorkbookWriter) {
  const f = await figures(ctx, q);
  const ws = wb.addWorksheet('服务统计 Figures');
  ws.columns = [
    { header: GROUP_HEADER[q.groupBy], key: 'label', width: 26 },
    { header: '工单数 Orders', key: 'orders', width: 12 },
    { header: '按时受理率 % Accepted on time', key: 'acceptOnTime', width: 16 },
    { header: '按时到场率 % Arrived on time', key: 'arriveOnTime', width: 16 },
    { header: '按时办结率 % Resolved on time', key: 'resolveOnTime', width: 16 },
    { header: '一次修复率 % First-visit fix', key: 'firstVisitFix', width: 16 },
    { header: '满意度 Satisfaction', key: 'satisfaction', width: 12 },
    { header: '评价数 Rated', key: 'rated', width: 10 },
    { header: '未结案 Open', key: 'open', width: 10 },
  ];
  ws.getRow(1).font = { bold: true };
  const out = (r: FiguresView['totals'] & { label: string }) => ({
    ...r,
    acceptOnTime: percent(r.acceptOnTime),
    arriveOnTime: percent(r.arriveOnTime),
    resolveOnTime: percent(r.resolveOnTime),
    firstVisitFix: percent(r.firstVisitFix),
  });
  for (const r of f.rows) ws.addRow(out(r)).commit();
  const total = ws.addRow(out({ ...f.totals, label: '合计 Total' }));
  total.font = { bold: true };
  total.commit();
  ws.addRow([]).commit();
  ws.addRow([`${f.from} — ${f.to}`, q.kind ?? '']).commit();
  ws.commit();

  const backlog = wb.addWorksheet('积压工单 Backlog');
  backlog.columns = [
    { header: '已等待 Waiting', key: 'bucket', width: 18 },
    { header: '工单数 Orders', key: 'count', width: 12 },
  ];
  backlog.getRow(1).font = { bold: true };
  for (const b of f.backlogByAge) backlog.addRow({ bucket: BUCKET[b.bucket], count: b.count }).commit();
  backlog.commit();

  const repeated = wb.addWorksheet('反复报修 Repeated');
  repeated.columns = [
    { header: '楼栋 Building', key: 'label', width: 36 },
    { header: '报修次数 Repairs', key: 'orders', width: 12 },
    { header: '分类 Categories', key: 'categories', width: 36 },
  ];
  repeated.getRow(1).font = { bold: true };
  for (const b of f.repeatedBuildings) repeated.addRow({ label: b.label, orders: b.orders, categories: b.categories.join('、') }).commit();
  repeated.addRow([]).commit();
  repeated.addRow([`${f.repeatedFrom} — ${f.to}`]).commit();
  repeated.commit();
}
