import { AuditPage, AuditQuery } from '@jiayuan/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Platform } from '../context.js';
import { sendWorkbook } from '../excel/send-workbook.js';
import { ctxOf } from '../http/request-context.js';
import { exportAudit, listAudit } from './audit.query.js';

export function auditRoutes(platform: Platform): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['audit'];
    app.get(
      '/audit',
      {
        schema: { tags, summary: 'The audit log, newest first, with filters', querystring: AuditQuery, response: { 200: AuditPage } },
        config: { access: 'audit.read' },
      },
      async (req) => listAudit(ctxOf(platform, req), req.query),
    );
    app.get(
      '/audit/export.xlsx',
      { schema: { tags, summary: 'The filtered audit log as an Excel workbook', querystring: AuditQuery }, config: { access: 'audit.export' } },
      async (req, reply) =>
        sendWorkbook(reply, `audit-${new Date().toISOString().slice(0, 10)}.xlsx`, (wb) => exportAudit(ctxOf(platform, req), req.query, wb)),
    );
  };
}
