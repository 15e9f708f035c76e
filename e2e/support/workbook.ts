import ExcelJS from '../../server/src/platform/excel/exceljs';

/** An .xlsx laid out like an import template (Chinese headers, required ones marked *), one line per row. */
export async function templateWorkbook<C extends { key: string; zh: string; required: boolean }>(
  columns: readonly C[],
  rows: Partial<Record<C['key'], string>>[],
  sheet = 'Sheet1',
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  ws.addRow(columns.map((c) => (c.required ? `${c.zh}*` : c.zh)));
  for (const r of rows) ws.addRow(columns.map((c) => r[c.key as C['key']] ?? ''));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
