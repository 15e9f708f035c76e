import type * as XL from 'exceljs';
import type { SheetColumn } from './sheet-rows.js';

export interface TemplateSpec<C extends SheetColumn & { width: number }> {
  sheet: string;
  columns: readonly C[];
  /** Example rows, shown under the header (the instructions say to delete them). */
  examples: Partial<Record<C['key'], string>>[];
  /** The instructions sheet: column, Chinese note, English note. */
  notes: [string, string, string][];
}

/** An import template: the header (required columns starred), example rows, and a sheet of instructions. */
export function writeTemplate<C extends SheetColumn & { width: number }>(wb: XL.stream.xlsx.WorkbookWriter, spec: TemplateSpec<C>) {
  const ws = wb.addWorksheet(spec.sheet);
  ws.columns = spec.columns.map((c) => ({ header: c.required ? `${c.zh}*` : c.zh, key: c.key, width: c.width }));
  ws.getRow(1).font = { bold: true };
  for (const row of spec.examples) ws.addRow(row).commit();
  ws.commit();
  const help = wb.addWorksheet('说明 Instructions');
  help.columns = [
    { header: '列 Column', key: 'col', width: 16 },
    { header: '说明', key: 'zh', width: 60 },
    { header: 'Notes', key: 'en', width: 60 },
  ];
  for (const [col, zh, en] of spec.notes) help.addRow({ col, zh, en }).commit();
  help.commit();
}
