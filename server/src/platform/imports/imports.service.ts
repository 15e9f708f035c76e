import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import crypto from 'node:crypto';
import type { AuditAction } from '@jiayuan/contracts';
import type { ImportJobView, ImportRowError, LocalizedText } from '@jiayuan/contracts';
import { normalizeText } from '@jiayuan/contracts';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type ExcelJS from 'exceljs';
import { can } from '../access/actor.js';
import { definePolicy } from '../access/policy.js';
import { recordAudit } from '../audit/audit.service.js';
import { inTx, type Ctx, type Platform } from '../context.js';
import { notifyUsers } from '../notifications/notifications.service.js';
import { AppError, errorSpec } from '../errors/app-error.js';
import { commonErrors } from '../errors/common-errors.js';
import type { Importer, ImportJobRow, RowError } from './importer.js';
import { importErrors } from './imports.errors.js';
import { importErrors as importErrorsTable, importJobs } from './imports.schema.js';

const importers = new Map<string, Importer>();

export function registerImporter(importer: Importer) {
  importers.set(importer.kind, importer);
}

/** The audit action of a finished import, by the kind of its workbook. */
const IMPORTED = { residents: 'registry.resident.import', places: 'registry.place.import' } as const satisfies Record<string, AuditAction>;

function importerFor(kind: string): Importer {
  const i = importers.get(kind);
  if (!i) throw commonErrors.NOT_FOUND();
  return i;
}

export const importPolicy = definePolicy<ImportJobRow, 'commit' | 'commitValidOnly' | 'cancel'>({
  commit: (a, j) => j.createdBy === a.userId && j.status === 'validated' && j.errorRows === 0 && j.validRows > 0,
  commitValidOnly: (a, j) => j.createdBy === a.userId && j.status === 'validated' && j.errorRows > 0 && j.validRows > 0,
  cancel: (a, j) => j.createdBy === a.userId && (j.status === 'validated' || j.status === 'validating'),
});

export function presentJob(ctx: Ctx, j: ImportJobRow): ImportJobView {
  return {
    id: j.id,
    kind: j.kind,
    fileName: j.fileName,
    status: j.status as ImportJobView['status'],
    totalRows: j.totalRows,
    processedRows: j.processedRows,
    validRows: j.validRows,
    errorRows: j.errorRows,
    importedRows: j.importedRows,
    placeId: j.placeId,
    onlyValid: j.onlyValid,
    createdAt: j.createdAt.toISOString(),
    finishedAt: j.finishedAt?.toISOString() ?? null,
    failure: j.failure ?? null,
    actions: importPolicy.actions(ctx.actor, j),
  };
}

async function loadJob(ctx: Ctx, id: number): Promise<ImportJobRow> {
  const [j] = await ctx.platform.db.select().from(importJobs).where(eq(importJobs.id, id));
  // Jobs are private to whoever uploaded them (they hold other people's rows).
  if (!j || j.createdBy !== ctx.actor.userId || !can(ctx.actor, importerFor(j.kind).permission)) throw commonErrors.NOT_FOUND();
  return j;
}

export async function getImport(ctx: Ctx, id: number) {
  return presentJob(ctx, await loadJob(ctx, id));
}

async function update(
  platform: Platform,
  id: number,
  values: Partial<typeof importJobs.$inferInsert>,
  userId: number,
  notice?: { title: LocalizedText; body?: LocalizedText },
) {
  await inTx({ platform }, async (tx) => {
    await tx.update(importJobs).set(values).where(eq(importJobs.id, id));
    await platform.live.publish(tx, { type: 'import.progress', userIds: [userId], data: { id } });
    if (notice) {
      await notifyUsers(tx, platform, [userId], { kind: 'import.finished', ...notice, link: `/imports/${id}`, subjectType: 'import_job', subjectId: id });
    }
  });
}

function failureOf(err: unknown): LocalizedText {
  if (err instanceof AppError) return err.messages;
  return importErrors.IMPORT_FAILED().messages;
}

/** An .xlsx is a zip archive: it starts with a local file header, `PK\x03\x04`. */
function isZipFile(filePath: string): boolean {
  const fd = fs.openSync(filePath, 'r');
  try {
    const head = Buffer.alloc(4);
    return fs.readSync(fd, head, 0, 4, 0) === 4 && head.equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Saves the upload and starts validating it in the background; the returned job is polled
 * (or followed live) for progress, then confirmed with `commitImport`.
 */
export async function startImport(ctx: Ctx, kind: string, rawFileName: string, file: Readable, options: Record<string, unknown> = {}): Promise<ImportJobView> {
  const importer = importerFor(kind);
  // The file's name is shown back in notifications and the job list: a text input like any other.
  const fileName = normalizeText(rawFileName);
  if (!can(ctx.actor, importer.permission)) throw commonErrors.FORBIDDEN();
  if (!/\.xlsx$/i.test(fileName)) {
    file.resume();
    throw importErrors.IMPORT_NOT_XLSX();
  }
  const dir = path.join(ctx.platform.config.dataDir, 'uploads');
  fs.mkdirSync(dir, { recursive: true });
  const filePath = path.join(dir, `${crypto.randomBytes(12).toString('hex')}.xlsx`);
  await pipeline(file, fs.createWriteStream(filePath, { mode: 0o600 }));
  if ((file as Readable & { truncated?: boolean }).truncated) {
    fs.rmSync(filePath, { force: true });
    throw commonErrors.PAYLOAD_TOO_LARGE();
  }
  if (!isZipFile(filePath)) {
    // An .xls, a CSV or anything else renamed to .xlsx: say so now, not as a failed import later.
    fs.rmSync(filePath, { force: true });
    throw importErrors.IMPORT_UNREADABLE();
  }
  const [job] = await ctx.platform.db
    .insert(importJobs)
    .values({ kind, fileName: fileName.slice(0, 200), options, status: 'validating', createdBy: ctx.actor.userId!, createdAt: ctx.platform.clock.now() })
    .returning();
  void runValidation(ctx, importer, job!, filePath);
  return presentJob(ctx, job!);
}

/** Validates in the background and records the outcome on the job; never throws. */
export async function runValidation(ctx: Ctx, importer: Importer, job: ImportJobRow, filePath: string) {
  const { platform } = ctx;
  const userId = ctx.actor.userId!;
  let lastPush = 0;
  try {
    const result = await importer.validate(ctx, job, filePath, {
      progress: async (processed, total) => {
        if (Date.now() - lastPush < 300 && total === undefined) return;
        lastPush = Date.now();
        await update(
          platform,
          job.id,
          { processedRows: processed, heartbeatAt: platform.clock.now(), ...(total !== undefined ? { totalRows: total } : {}) },
          userId,
        );
      },
      errors: async (errors: RowError[]) => {
        for (let i = 0; i < errors.length; i += 2000) {
          await platform.db
            .insert(importErrorsTable)
            .values(errors.slice(i, i + 2000).map((e) => ({ jobId: job.id, rowNo: e.rowNo, column: e.column, code: e.code, value: e.value })));
        }
      },
    });
    const [current] = await platform.db.select({ status: importJobs.status }).from(importJobs).where(eq(importJobs.id, job.id));
    if (current?.status === 'cancelled') {
      await importer.discard(platform.db, job.id);
      return;
    }
    await update(
      platform,
      job.id,
      { status: 'validated', totalRows: result.total, processedRows: result.total, validRows: result.valid, errorRows: result.errorRows },
      userId,
      {
        title: {
          'zh-CN': `“${job.fileName}”校验完成：${result.valid}行正确，${result.errorRows}行有错误`,
          'en-US': `"${job.fileName}" checked: ${result.valid} rows valid, ${result.errorRows} with errors`,
        },
      },
    );
  } catch (err) {
    if (!(err instanceof AppError)) platform.log.error({ err, job: job.id }, 'import validation failed');
    await importer.discard(platform.db, job.id).catch(() => undefined);
    const failure = failureOf(err);
    await update(platform, job.id, { status: 'failed', failure, finishedAt: platform.clock.now() }, userId, {
      title: { 'zh-CN': `“${job.fileName}”无法导入`, 'en-US': `"${job.fileName}" cannot be imported` },
      body: failure,
    }).catch(() => undefined);
  } finally {
    fs.rmSync(filePath, { force: true });
  }
}

/**
 * Imports the staged rows in one transaction: everything, or (when the user chose so) only
 * the valid rows. A file with errors is never half-imported otherwise.
 */
export async function commitImport(ctx: Ctx, id: number, onlyValid: boolean): Promise<ImportJobView> {
  const job = await loadJob(ctx, id);
  const importer = importerFor(job.kind);
  if (job.status !== 'validated') throw importErrors.IMPORT_NOT_VALIDATED();
  if (job.errorRows > 0 && !onlyValid) throw importErrors.IMPORT_HAS_ERRORS({ errors: job.errorRows });
  if (job.validRows === 0) throw importErrors.IMPORT_NOTHING_VALID();
  const claimed = await ctx.platform.db
    .update(importJobs)
    .set({ status: 'importing', onlyValid, heartbeatAt: ctx.platform.clock.now() })
    .where(and(eq(importJobs.id, id), eq(importJobs.status, 'validated')))
    .returning();
  if (claimed.length === 0) throw importErrors.IMPORT_NOT_VALIDATED();
  try {
    const imported = await inTx(ctx, async (tx) => {
      const { imported: n, placeId } = await importer.commit(ctx, tx, claimed[0]!, onlyValid);
      await tx.update(importJobs).set({ status: 'imported', importedRows: n, placeId, finishedAt: ctx.platform.clock.now() }).where(eq(importJobs.id, id));
      await recordAudit(tx, ctx, {
        action: IMPORTED[job.kind as keyof typeof IMPORTED],
        entityType: 'import_job',
        entityId: id,
        after: { fileName: job.fileName, imported: n, skippedWithErrors: onlyValid ? job.errorRows : 0 },
      });
      await ctx.platform.live.publish(tx, { type: 'import.progress', userIds: [ctx.actor.userId!], data: { id } });
      return n;
    });
    await importer.discard(ctx.platform.db, id);
    ctx.platform.log.info({ job: id, imported }, 'import committed');
  } catch (err) {
    // Nothing from the file was written; the job can be confirmed again or cancelled.
    await ctx.platform.db.update(importJobs).set({ status: 'validated' }).where(eq(importJobs.id, id));
    throw err;
  }
  return getImport(ctx, id);
}

export async function cancelImport(ctx: Ctx, id: number): Promise<ImportJobView> {
  const job = await loadJob(ctx, id);
  if (job.status !== 'validated' && job.status !== 'validating') throw importErrors.IMPORT_NOT_CANCELLABLE();
  importPolicy.assert(ctx.actor, 'cancel', job);
  await ctx.platform.db
    .update(importJobs)
    .set({ status: 'cancelled', finishedAt: ctx.platform.clock.now() })
    .where(and(eq(importJobs.id, id), inArray(importJobs.status, ['validated', 'validating'])));
  if (job.status === 'validated') await importerFor(job.kind).discard(ctx.platform.db, id);
  return getImport(ctx, id);
}

function presentError(e: typeof importErrorsTable.$inferSelect): ImportRowError {
  const spec = errorSpec(e.code);
  return {
    row: e.rowNo,
    column: e.column,
    code: e.code,
    message: spec ? { 'zh-CN': spec.zh, 'en-US': spec.en } : { 'zh-CN': e.code, 'en-US': e.code },
    value: e.value,
  };
}

export async function listImportErrors(ctx: Ctx, id: number, q: { page: number; pageSize: number }) {
  await loadJob(ctx, id);
  const where = eq(importErrorsTable.jobId, id);
  const rows = await ctx.platform.db
    .select()
    .from(importErrorsTable)
    .where(where)
    .orderBy(asc(importErrorsTable.rowNo))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const total = await ctx.platform.db.$count(importErrorsTable, where);
  return { items: rows.map(presentError), total, page: q.page, pageSize: q.pageSize };
}

/** The error report as a workbook: one line per problem, with row number and column. */
export async function writeErrorReport(ctx: Ctx, id: number, wb: ExcelJS.stream.xlsx.WorkbookWriter) {
  const ws = wb.addWorksheet('错误 Errors');
  ws.columns = [
    { header: '行号 Row', key: 'row', width: 10 },
    { header: '列 Column', key: 'column', width: 16 },
    { header: '问题 Problem', key: 'zh', width: 40 },
    { header: 'Problem (English)', key: 'en', width: 40 },
    { header: '内容 Value', key: 'value', width: 24 },
  ];
  let offset = 0;
  for (;;) {
    const rows = await ctx.platform.db
      .select()
      .from(importErrorsTable)
      .where(eq(importErrorsTable.jobId, id))
      .orderBy(asc(importErrorsTable.rowNo))
      .limit(5000)
      .offset(offset);
    for (const r of rows.map(presentError)) {
      ws.addRow({ row: r.row, column: r.column ?? '', zh: r.message['zh-CN'], en: r.message['en-US'], value: r.value ?? '' }).commit();
    }
    if (rows.length < 5000) break;
    offset += rows.length;
  }
  ws.commit();
}

export async function ensureImportJobVisible(ctx: Ctx, id: number) {
  await loadJob(ctx, id);
}

/** After a restart, jobs that were mid-way can never finish: mark them failed and drop their staging rows. */
export async function recoverInterruptedImports(platform: Platform) {
  const stuck = await platform.db
    .update(importJobs)
    .set({ status: 'failed', failure: importErrors.IMPORT_INTERRUPTED().messages, finishedAt: platform.clock.now() })
    .where(
      and(inArray(importJobs.status, ['validating', 'importing']), sql`${importJobs.heartbeatAt} < ${new Date(platform.clock.now().getTime() - 5 * 60000)}`),
    )
    .returning();
  for (const j of stuck) await importers.get(j.kind)?.discard(platform.db, j.id);
  return stuck.length;
}
