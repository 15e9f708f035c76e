import type * as XL from 'exceljs';
import ExcelJS from '../platform/excel/exceljs.js';
import { IMPORT_COLUMNS, PLACE_IMPORT_COLUMNS, type ImportColumnKey } from '../modules/registry/index.js';
import type { TestClient } from './http-client.js';

type PlaceImportColumnKey = (typeof PLACE_IMPORT_COLUMNS)[number]['key'];

export type ImportRow = Partial<Record<ImportColumnKey, string>>;

/** The template's header row: Chinese names, required columns starred. */
export const TEMPLATE_HEADERS = IMPORT_COLUMNS.map((c) => (c.required ? `${c.zh}*` : c.zh));

/** An .xlsx with a template's headers (or others) and one line per row, as a person would fill it in. */
async function templateWorkbook<C extends { key: string; zh: string; required: boolean }>(
  columns: readonly C[],
  rows: Partial<Record<C['key'], string>>[],
  headers: string[] = columns.map((c) => (c.required ? `${c.zh}*` : c.zh)),
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  ws.addRow(headers);
  for (const r of rows) ws.addRow(columns.map((c) => r[c.key as C['key']] ?? ''));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A resident workbook with the template headers and one line per row. */
export const residentWorkbook = (rows: ImportRow[], headers?: string[]) => templateWorkbook(IMPORT_COLUMNS, rows, headers);

export type PlaceRowCells = Partial<Record<PlaceImportColumnKey, string>>;

/** A place-tree workbook with the template's headers, one path per row. */
export const placeWorkbook = (rows: PlaceRowCells[], headers?: string[]) => templateWorkbook(PLACE_IMPORT_COLUMNS, rows, headers);

/** Reads the first worksheet of a downloaded workbook into rows of cell texts. */
export async function readWorkbook(body: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const out: string[][] = [];
  ws.eachRow((row) => {
    const values = (row.values as XL.CellValue[]).slice(1);
    out.push(values.map((v) => (v === null || v === undefined ? '' : typeof v === 'object' && 'text' in v ? String(v.text) : String(v))));
  });
  return out;
}

/** Reads every worksheet of a downloaded workbook, by name, into rows of cell texts (a number as written, empty cells ''). */
export async function readSheets(body: Buffer): Promise<Record<string, string[][]>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  const out: Record<string, string[][]> = {};
  for (const ws of wb.worksheets) {
    const rows: string[][] = [];
    ws.eachRow((row) => {
      const values = (row.values as XL.CellValue[]).slice(1);
      rows.push(Array.from(values, (v) => (v === null || v === undefined ? '' : typeof v === 'object' && 'text' in v ? String(v.text) : String(v))));
    });
    out[ws.name] = rows;
  }
  return out;
}

/** A multipart/form-data body with one file field (after any text fields), built by hand. */
export function multipartFile(fileName: string, content: Buffer, field = 'file', fields: Record<string, string> = {}) {
  const boundary = `----jiayuan${Math.random().toString(16).slice(2)}`;
  const texts = Object.entries(fields)
    .map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
    .join('');
  const head = Buffer.from(
    `${texts}--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\n` +
      'Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, content, tail]), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Uploads a workbook for import and returns the job as first answered (status `validating`). */
export async function uploadImport(client: TestClient, content: Buffer, fileName = '居民.xlsx', kind = 'residents', fields: Record<string, string> = {}) {
  const { payload, contentType } = multipartFile(fileName, content, 'file', fields);
  return client.request('POST', `/api/imports/${kind}`, payload, { 'content-type': contentType });
}

/** Polls the job until validation has finished (validated or failed). */
export async function waitForImport(client: TestClient, id: number): Promise<any> {
  for (let i = 0; i < 3000; i++) {
    const r = await client.get(`/api/imports/${id}`);
    if (r.status !== 200) throw new Error(`import ${id}: ${r.status} ${JSON.stringify(r.json)}`);
    if (r.json.status !== 'validating') return r.json;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`import ${id} did not finish validating`);
}

/** Uploads and waits: the job after validation. */
export async function importAndValidate(client: TestClient, content: Buffer, fileName?: string, kind?: string, fields?: Record<string, string>) {
  const up = await uploadImport(client, content, fileName, kind, fields);
  if (up.status !== 202) throw new Error(`upload failed ${up.status} ${JSON.stringify(up.json)}`);
  return waitForImport(client, up.json.id);
}
