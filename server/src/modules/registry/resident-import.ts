import fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import { sql } from 'drizzle-orm';
import type * as XL from 'exceljs';
import type { Ctx } from '../../platform/context.js';
import type { PersonalDataCipher } from '../../platform/crypto/personal-data.js';
import { queryRows, type Tx } from '../../platform/db/database.js';
import type { Importer, RowError } from '../../platform/imports/importer.js';
import { importErrors } from '../../platform/imports/imports.errors.js';
import { writeTemplate } from '../../platform/imports/import-template.js';
import { sheetRows } from '../../platform/imports/sheet-rows.js';
import { IMPORT_COLUMNS } from './resident-import.columns.js';
import { commitResidentImport, discardResidentImport } from './resident-import.commit.js';
import { residentImportErrors } from './resident-import.errors.js';
import { loadDwellingIndex, loadEmployerIndex, loadFirstHouseholds } from './resident-import.lookups.js';
import { RowValidator, type RowLookups } from './resident-import.rows.js';

void residentImportErrors; // registers the row error codes and their messages

export const MAX_IMPORT_ROWS = 1_048_575;

const STAGING_COLUMNS = [
  'job_id',
  'row_no',
  'dwelling_id',
  'place_path',
  'household_ref',
  'name',
  'id_type',
  'id_number_enc',
  'id_number_bi',
  'phone_enc',
  'phone_bi',
  'birth_date',
  'sex',
  'relation',
  'employer_id',
  'tags',
  'note',
];

/** Files larger than this are validated in a worker thread, in parallel with parsing. */
const WORKER_THRESHOLD_BYTES = Number(process.env.JIAYUAN_IMPORT_WORKER_BYTES ?? 4 * 1024 * 1024);
const ROWS_PER_BATCH = 5000;
const MAX_PENDING_BATCHES = 8;

interface BatchResult {
  text: string;
  valid: number;
  errors: RowError[];
}

/** Validates batches in this thread, or in a worker thread for big files; results come back in order. */
function batchChecker(jobId: number, cipher: PersonalDataCipher, lookups: RowLookups, useWorker: boolean) {
  if (!useWorker) {
    const validator = new RowValidator(jobId, cipher, lookups);
    return {
      check: async (rowNos: number[], rows: string[][]): Promise<BatchResult> => validator.checkBatch(rowNos, rows),
      close: async () => undefined,
    };
  }
  // From source (tests, bench, dev) the worker is TypeScript: register tsx inside it first.
  const fromSource = import.meta.url.endsWith('.ts');
  const workerUrl = new URL(`./resident-import.worker.${fromSource ? 'ts' : 'js'}`, import.meta.url);
  const workerData = { jobId, masterKey: cipher.keyForWorker(), lookups };
  const worker = fromSource
    ? new Worker(`import('tsx/esm/api').then((t) => { t.register(); return import(${JSON.stringify(workerUrl.href)}); });`, { eval: true, workerData })
    : new Worker(workerUrl, { workerData });
  const waiting = new Map<number, { resolve: (r: BatchResult) => void; reject: (e: Error) => void }>();
  let seq = 0;
  worker.on('message', (m: BatchResult & { seq: number }) => {
    waiting.get(m.seq)?.resolve(m);
    waiting.delete(m.seq);
  });
  const fail = (err: Error) => {
    for (const w of waiting.values()) w.reject(err);
    waiting.clear();
  };
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`import worker exited (${code})`)));
  return {
    check: (rowNos: number[], rows: string[][]) =>
      new Promise<BatchResult>((resolve, reject) => {
        const n = seq++;
        waiting.set(n, { resolve, reject });
        worker.postMessage({ seq: n, rowNos, rows });
      }),
    close: async () => void (await worker.terminate()),
  };
}

/**
 * Validates every row of a resident workbook and stages the valid ones, encrypted. Three
 * things run at once on a big file: this thread parses the workbook, a worker thread
 * validates and encrypts, and the database takes the previous batch by COPY.
 */
async function validate(ctx: Ctx, job: { id: number }, filePath: string, hooks: Parameters<Importer['validate']>[3]) {
  const { platform } = ctx;
  const { cipher, database } = platform;
  const [dwellings, employers, existingHouseholds] = await Promise.all([
    loadDwellingIndex(platform.db, ctx.actor),
    loadEmployerIndex(platform.db),
    loadFirstHouseholds(platform.db, ctx.actor),
  ]);
  const fileSize = fs.statSync(filePath).size;
  const checker = batchChecker(job.id, cipher, { dwellings, employers, existingHouseholds }, fileSize > WORKER_THRESHOLD_BYTES);
  let bytesRead = 0;
  let total = 0;
  let valid = 0;
  let errorRows = 0;
  let rowNos: number[] = [];
  let rows: string[][] = [];
  // Bounded pipeline: a few batches being checked, one COPY in flight.
  const pending: Promise<BatchResult>[] = [];
  let copying: Promise<void> = Promise.resolve();
  const drainOne = async () => {
    const result = await pending.shift()!;
    valid += result.valid;
    if (result.errors.length > 0) {
      errorRows += new Set(result.errors.map((e) => e.rowNo)).size;
      await hooks.errors(result.errors);
    }
    if (result.text) {
      await copying;
      copying = platform.db.transaction((tx) => database.copyInto(tx as Tx, 'resident_import_rows', STAGING_COLUMNS, [result.text]));
      copying.catch(() => undefined);
    }
    const estimate = bytesRead > 0 ? Math.max(total, Math.round((total * fileSize) / bytesRead)) : undefined;
    await hooks.progress(total, estimate);
  };
  const dispatch = async () => {
    if (rows.length === 0) return;
    pending.push(checker.check(rowNos, rows));
    rowNos = [];
    rows = [];
    if (pending.length >= MAX_PENDING_BATCHES) await drainOne();
  };

  try {
    for await (const { rowNo, cells } of sheetRows(filePath, IMPORT_COLUMNS, (n) => (bytesRead = n))) {
      total++;
      if (total > MAX_IMPORT_ROWS) throw importErrors.IMPORT_TOO_MANY_ROWS({ max: MAX_IMPORT_ROWS });
      rowNos.push(rowNo);
      rows.push(cells);
      if (rows.length >= ROWS_PER_BATCH) await dispatch();
    }
    await dispatch();
    while (pending.length > 0) await drainOne();
    await copying;
  } finally {
    await checker.close();
  }
  if (total === 0) throw importErrors.IMPORT_EMPTY();

  // Duplicates, found set-wise through the blind index: a person repeated in the file keeps
  // the first row; a person already on file is refused.
  const inFile = await queryRows<{ row_no: number; first: number }>(
    platform.db,
    sql`WITH d AS (
          SELECT id_number_bi, min(row_no) AS first FROM resident_import_rows
          WHERE job_id = ${job.id} AND id_number_bi IS NOT NULL GROUP BY id_number_bi HAVING count(*) > 1)
        DELETE FROM resident_import_rows s USING d
        WHERE s.job_id = ${job.id} AND s.id_number_bi = d.id_number_bi AND s.row_no <> d.first RETURNING s.row_no, d.first`,
  );
  const onFile = await queryRows<{ row_no: number }>(
    platform.db,
    sql`DELETE FROM resident_import_rows s USING residents r
        WHERE s.job_id = ${job.id} AND r.id_number_bi = s.id_number_bi RETURNING s.row_no`,
  );
  await hooks.errors([
    ...inFile.map((d) => ({ rowNo: d.row_no, column: '证件号码', code: 'ROW_DUPLICATE_IN_FILE', value: `↔ ${d.first}` })),
    ...onFile.map((d) => ({ rowNo: d.row_no, column: '证件号码', code: 'ROW_DUPLICATE_EXISTING', value: null })),
  ]);
  valid -= inFile.length + onFile.length;
  errorRows += inFile.length + onFile.length;
  return { total, valid, errorRows };
}

export const residentImporter: Importer = {
  kind: 'residents',
  permission: 'resident.import',
  validate: (ctx, job, filePath, hooks) => validate(ctx, job, filePath, hooks),
  commit: (ctx, tx, job) => commitResidentImport(ctx, tx, job),
  discard: discardResidentImport,
};

/** The downloadable template: headers, one example row, and a sheet of instructions. */
export async function writeImportTemplate(wb: XL.stream.xlsx.WorkbookWriter) {
  writeTemplate(wb, {
    sheet: '居民 Residents',
    columns: IMPORT_COLUMNS,
    examples: [
      {
        community: '荟萃社区',
        compound: '建工小区',
        building: '3号楼',
        stairwell: '2单元',
        dwelling: '301',
        householdKey: '',
        relation: '户主',
        name: '张三',
        idType: '居民身份证',
        idNumber: '370502198001011239',
        phone: '13800138000',
        employer: '',
        tags: '党员',
        note: '示例行，导入前请删除 (example row: delete before importing)',
      },
    ],
    notes: [
      [
        '社区…房号',
        '带*为必填。须与系统中已建立的区域名称一致（“3号楼”与“3”均可）。',
        'Starred columns are required and must match places already in the system ("3号楼" or "3").',
      ],
      [
        '户编号',
        '可空。同一房屋内户编号相同的人为一户；为空时加入该房屋已有的户。',
        'Optional. Rows of one dwelling with the same number form one household; blank joins the existing household.',
      ],
      ['与户主关系', '户主、配偶、子女、父母、孙子女、祖父母、兄弟姐妹、其他', 'head, spouse, child, parent, grandchild, grandparent, sibling, other'],
      [
        '证件类型',
        '居民身份证（默认）、护照、港澳居民来往内地通行证、台胞证、其他',
        'resident ID (default), passport, mainland travel permit for HK/Macao residents, Taiwan permit, other',
      ],
      ['证件号码', '居民身份证按 GB 11643 校验；同一人不能重复登记。', 'Resident IDs are checked per GB 11643; a person cannot be registered twice.'],
      ['手机号码', '11位手机号码', '11-digit mobile number'],
      ['工作单位', '须为系统中已登记的单位名称或代码', 'Name or code of an employer already on file'],
      [
        '标签',
        '多个用顿号或逗号分隔：党员、志愿者、独居老人、失独、低保、大病、残疾、留守儿童',
        'Separate with commas: party member, volunteer, lone elderly, bereaved, low income, illness, disability, left-behind child',
      ],
    ],
  });
}
