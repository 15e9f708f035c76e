import fs from 'node:fs';
import { Transform } from 'node:stream';
import { normalizeText } from '@jiayuan/contracts';
import type * as XL from 'exceljs';
import ExcelJS from '../excel/exceljs.js';
import { importErrors } from './imports.errors.js';

/** A column of an import template. Headers match in Chinese, English, the key, or an alias. */
export interface SheetColumn {
  key: string;
  zh: string;
  en: string;
  required: boolean;
  /** Other headers users' own spreadsheets give this column (服务部 for 协调部). */
  aliases?: readonly string[];
}

/** A cell as text, normalised as every text input is (NFC, no control or zero-width characters, trimmed). */
export function cellText(v: XL.CellValue | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return normalizeText(v);
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return normalizeText(v.richText.map((t) => t.text).join(''));
    if ('text' in v) return normalizeText(String(v.text));
    if ('result' in v) return cellText(v.result as XL.CellValue);
  }
  return normalizeText(String(v));
}

function headerKey<C extends SheetColumn>(columns: readonly C[], text: string): C['key'] | null {
  const t = text.normalize('NFKC').replace(/\s+/g, '').replace(/\*$/, '').toLowerCase();
  for (const c of columns) {
    const en = c.en.replace(/\s+/g, '').toLowerCase();
    if (t === en || t === c.key.toLowerCase()) return c.key;
    for (const zh of [c.zh, ...(c.aliases ?? [])]) if (t === zh || t.startsWith(zh)) return c.key;
  }
  return null;
}

/** Counts bytes as exceljs reads them, to turn file position into a progress estimate. */
function byteCounter(onBytes: (n: number) => void) {
  let n = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, cb) {
      n += chunk.length;
      onBytes(n);
      cb(null, chunk);
    },
  });
}

export interface SheetRow {
  /** The row's number in the worksheet, as the user sees it in Excel. */
  rowNo: number;
  /** The cells in the order of `columns` ('' for a column the file lacks). */
  cells: string[];
}

/**
 * Streams the first worksheet of an uploaded workbook: the header row is matched to the
 * template's columns (a missing required column refuses the file), then every non-blank row
 * arrives as text cells in the template's order. `onBytes` follows the file position.
 */
export async function* sheetRows(filePath: string, columns: readonly SheetColumn[], onBytes?: (n: number) => void): AsyncGenerator<SheetRow> {
  const source = fs.createReadStream(filePath).pipe(byteCounter(onBytes ?? (() => undefined)));
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(source, {
    sharedStrings: 'cache',
    styles: 'ignore',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  let positions: number[] | null = null;
  let sheetDone = false;
  for await (const sheet of reader) {
    if (sheetDone) break; // the first worksheet only
    for await (const row of sheet as AsyncIterable<XL.Row>) {
      const values = row.values as XL.CellValue[];
      if (!positions) {
        const found = new Map<string, number>();
        values.forEach((v, i) => {
          const key = headerKey(columns, cellText(v));
          if (key && !found.has(key)) found.set(key, i);
        });
        const missing = columns.filter((c) => c.required && !found.has(c.key)).map((c) => c.zh);
        if (missing.length > 0) throw importErrors.IMPORT_HEADER_MISMATCH({ columns: missing.join('、') });
        positions = columns.map((c) => found.get(c.key) ?? -1);
        continue;
      }
      const cells = positions.map((i) => (i < 0 ? '' : cellText(values[i])));
      if (cells.every((c) => c === '')) continue; // blank line
      yield { rowNo: row.number, cells };
    }
    sheetDone = true;
  }
  if (!positions) throw importErrors.IMPORT_EMPTY();
}
