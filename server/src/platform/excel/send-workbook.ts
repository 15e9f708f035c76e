import { PassThrough } from 'node:stream';
import type * as XL from 'exceljs';
import ExcelJS from './exceljs.js';
import type { FastifyReply } from 'fastify';
import type { AuditAction, AuditEntityType } from '@jiayuan/contracts';
import { recordAudit } from '../audit/audit.service.js';
import type { Ctx } from '../context.js';

/**
 * Streams an .xlsx built by `fill` to the client as it is written, so a large export never
 * sits whole in memory.
 */
export async function sendWorkbook(reply: FastifyReply, fileName: string, fill: (wb: XL.stream.xlsx.WorkbookWriter) => Promise<void>) {
  const stream = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  reply
    .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename="${encodeURIComponent(fileName)}"; filename*=UTF-8''${encodeURIComponent(fileName)}`);
  const done = (async () => {
    await fill(wb);
    await wb.commit();
  })();
  done.catch((err) => stream.destroy(err));
  return reply.send(stream);
}

/** What the audit log records of an export: who (the ctx), which kind, of what, with which filters. */
export interface ExportAudit {
  action: AuditAction;
  entityType: AuditEntityType;
  entityId?: number | null;
  /** The filters the export was asked with (never an identifier typed in: say `searched: true` instead). */
  details?: Record<string, unknown>;
}

/**
 * An export of personal data or health readings: streamed like any workbook, and audited once it
 * has been written, with the number of rows (`fill` answers it). Every such export goes through
 * here, so none can forget its audit row.
 */
export async function sendAuditedWorkbook(
  reply: FastifyReply,
  ctx: Ctx,
  fileName: string,
  audit: ExportAudit,
  fill: (wb: XL.stream.xlsx.WorkbookWriter) => Promise<number>,
) {
  return sendWorkbook(reply, fileName, async (wb) => {
    const rows = await fill(wb);
    await recordAudit(ctx.platform.db, ctx, {
      action: audit.action,
      entityType: audit.entityType,
      entityId: audit.entityId ?? null,
      after: { ...audit.details, rows },
    });
  });
}
