import type ExcelJS from 'exceljs';
import type { Ctx } from '../../platform/context.js';
import * as places from '../../platform/places/places.repository.js';
import * as repo from './households.repository.js';

/** Every household matching the filter (place, head name) with its head and size; audited. */
export async function writeHouseholdsWorkbook(
  ctx: Ctx,
  f: { placePath: string | null; headNamePrefix: string | null },
  wb: ExcelJS.stream.xlsx.WorkbookWriter,
): Promise<number> {
  const ws = wb.addWorksheet('住户 Households');
  ws.columns = [
    { header: '户号 Household', key: 'id', width: 10 },
    { header: '房屋 Dwelling', key: 'dwelling', width: 36 },
    { header: '户主 Head', key: 'head', width: 12 },
    { header: '人数 Members', key: 'members', width: 10 },
    { header: '备注 Note', key: 'note', width: 24 },
  ];
  ws.getRow(1).font = { bold: true };
  let n = 0;
  for (let offset = 0; ; offset += 5000) {
    const { rows } = await repo.listHouseholds(ctx.platform.db, ctx.actor, f, { limit: 5000, offset });
    if (rows.length === 0) break;
    const [labels, stats] = await Promise.all([
      places.labelsForPaths(ctx.platform.db, [...new Set(rows.map((r) => r.placePath))]),
      repo.householdStats(
        ctx.platform.db,
        rows.map((r) => r.id),
      ),
    ]);
    for (const h of rows) {
      ws.addRow({
        id: h.id,
        dwelling: labels.get(h.placePath) ?? '',
        head: stats.get(h.id)?.head ?? '',
        members: stats.get(h.id)?.members ?? 0,
        note: h.note ?? '',
      }).commit();
      n++;
    }
    if (rows.length < 5000) break;
  }
  ws.commit();
  return n;
}
