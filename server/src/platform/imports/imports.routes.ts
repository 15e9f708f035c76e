import { IdParams, ImportCommitBody, ImportErrorPage, ImportJobView, PageQuery } from '@jiayuan/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Platform } from '../context.js';
import { sendWorkbook } from '../excel/send-workbook.js';
import { ctxOf } from '../http/request-context.js';
import { importErrors } from './imports.errors.js';
import * as imports from './imports.service.js';

export function importRoutes(platform: Platform): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['imports'];
    app.post(
      '/imports/:kind',
      {
        schema: {
          tags,
          summary: 'Upload an .xlsx (multipart field `file`); validation runs in the background',
          params: z.object({ kind: z.enum(['residents']) }),
          consumes: ['multipart/form-data'],
          response: { 202: ImportJobView },
        },
        config: { access: 'resident.import' },
      },
      async (req, reply) => {
        if (!req.isMultipart()) throw importErrors.IMPORT_FILE_MISSING();
        const file = await req.file();
        if (!file) throw importErrors.IMPORT_FILE_MISSING();
        const job = await imports.startImport(ctxOf(platform, req), req.params.kind, file.filename, file.file);
        return reply.code(202).send(job);
      },
    );
    app.get(
      '/imports/:id',
      { schema: { tags, params: IdParams, response: { 200: ImportJobView } }, config: { access: 'resident.import' } },
      async (req) => imports.getImport(ctxOf(platform, req), req.params.id),
    );
    app.get(
      '/imports/:id/errors',
      { schema: { tags, params: IdParams, querystring: PageQuery, response: { 200: ImportErrorPage } }, config: { access: 'resident.import' } },
      async (req) => imports.listImportErrors(ctxOf(platform, req), req.params.id, req.query),
    );
    app.get(
      '/imports/:id/errors.xlsx',
      { schema: { tags, summary: 'The error report as a workbook', params: IdParams }, config: { access: 'resident.import' } },
      async (req, reply) => {
        const ctx = ctxOf(platform, req);
        await imports.ensureImportJobVisible(ctx, req.params.id);
        return sendWorkbook(reply, `import-${req.params.id}-errors.xlsx`, (wb) => imports.writeErrorReport(ctx, req.params.id, wb));
      },
    );
    app.post(
      '/imports/:id/commit',
      { schema: { tags, summary: 'Import the validated rows (all, or only the valid ones)', params: IdParams, body: ImportCommitBody, response: { 200: ImportJobView } }, config: { access: 'resident.import' } },
      async (req) => imports.commitImport(ctxOf(platform, req), req.params.id, req.body.onlyValid),
    );
    app.post(
      '/imports/:id/cancel',
      { schema: { tags, params: IdParams, response: { 200: ImportJobView } }, config: { access: 'resident.import' } },
      async (req) => imports.cancelImport(ctxOf(platform, req), req.params.id),
    );
  };
}
