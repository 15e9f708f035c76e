import { GATE_REASONS, type GateFigureRow, type GateReason } from '@jiayuan/contracts';
import type * as XL from 'exceljs';

const REASON: Record<GateReason, string> = {
  revoked: '已注销 Revoked',
  expired: '已过期 Expired',
  not_yet_valid: '未生效 Not yet valid',
  sealed: '封控 Sealed',
  out_of_uses: '次数用完 No uses left',
  invalid: '无效码 Invalid',
  no_pass: '无通行证 No pass',
  not_registered: '非本辖区 Not registered',
  fever: '体温异常 Fever',
  visitor: '外来人员 Visitor',
  wrong_place: '非本小区通行证 Pass for elsewhere',
  not_holder: '非持票本人 Not the holder',
};

/** The gate figures as the page shows them (one row per gate and day, refusals by reason), then the totals. */
export function writeGateFiguresWorkbook(items: GateFigureRow[], range: { from: string; to: string }, wb: XL.stream.xlsx.WorkbookWriter) {
  const ws = wb.addWorksheet('门岗统计 Gate figures');
  ws.columns = [
    { header: '日期 Day', key: 'day', width: 12 },
    { header: '门岗 Gate', key: 'gateName', width: 24 },
    { header: '进入 Entries', key: 'entries', width: 10 },
    { header: '外出 Exits', key: 'exits', width: 10 },
    { header: '拒绝 Refused', key: 'refused', width: 10 },
    ...GATE_REASONS.map((r) => ({ header: `拒绝：${REASON[r]}`, key: `r_${r}`, width: 14 })),
    { header: '车辆 Vehicles', key: 'vehicles', width: 10 },
    { header: '外来人员 Visitors', key: 'visitors', width: 12 },
    { header: '发热 Fevers', key: 'fevers', width: 10 },
  ];
  ws.getRow(1).font = { bold: true };
  const byReason = (refusals: Record<string, number>) => Object.fromEntries(GATE_REASONS.map((r) => [`r_${r}`, refusals[r] ?? 0]));
  const sum = { entries: 0, exits: 0, refused: 0, vehicles: 0, visitors: 0, fevers: 0 };
  const reasons: Record<string, number> = {};
  for (const r of items) {
    ws.addRow({ ...r, ...byReason(r.refusals) }).commit();
    for (const k of Object.keys(sum) as (keyof typeof sum)[]) sum[k] += r[k];
    for (const [k, n] of Object.entries(r.refusals)) reasons[k] = (reasons[k] ?? 0) + n;
  }
  const total = ws.addRow({ day: '合计 Total', gateName: '', ...sum, ...byReason(reasons) });
  total.font = { bold: true };
  total.commit();
  ws.addRow([]).commit();
  ws.addRow([`${range.from} — ${range.to}`]).commit();
  ws.commit();
}
