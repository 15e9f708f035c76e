import { IdParams, ImportCommitBody, ImportErrorPage, ImportJobView, PageQuery, text } from '@jiayuan/contracts';
import type { MultipartFile } from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Platform } from '../context.js';
import { sendWorkbook } from '../excel/send-workbook.js';
import { commonErrors } from '../errors/common-errors.js';
import { ctxOf, type RouteAccess } from '../http/request-context.js';
import { importErrors } from './imports.errors.js';
import * as imports from './imports.service.js';

/** Whoever may run one kind of import; each job then checks its own kind's permission. */
const IMPORT_ACCESS = { any: ['resident.import', 'place.manage'] } satisfies RouteAccess;

const PlaceUploadOptions = z.object({ centerName: text(60).optional() });

/** The form fields sent before the file, checked like any input; only the place tree takes any. */
function uploadOptions(kind: string, fields: MultipartFile['fields']): Record<string, unknown> {
  if (kind !== 'places') return {};
  const field = fields.centerName;
  const value = field && !Array.isArray(field) && field.type === 'field' ? String(field.value) : undefined;
  const parsed = PlaceUploadOptions.safeParse({ centerName: value || undefined });
  if (!parsed.success) throw commonErrors.VALIDATION_FAILED().onField('centerName');
  return parsed.data;
}

export function importRoutes(platform: Platform): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['imports'];
    app.post(
      '/imports/:kind',
      {
        schema: {
          tags,
          summary:
            'Upload an .xlsx (multipart field `file`); validation runs in the background. A place-tree upload may carry `centerName` before the file: the centre for rows that name none, when there is no centre yet',
          params: z.object({ kind: z.enum(['residents', 'places']) }),
          consumes: ['multipart/form-data'],
          response: { 202: ImportJobView },
        },
        config: { access: IMPORT_ACCESS },
      },
      async (req, reply) => {
        if (!req.isMultipart()) throw importErrors.IMPORT_FILE_MISSING();
        const file = await req.file();
        if (!file) throw importErrors.IMPORT_FILE_MISSING();
        let options: Record<string, unknown>;
        try {
          options = uploadOptions(req.params.kind, file.fields);
        } catch (err) {
          file.file.resume();
          throw err;
        }
        const job = await imports.startImport(ctxOf(platform, req), req.params.kind, file.filename, file.file, options);
        return reply.code(202).send(job);
      },
    );
    app.get('/imports/:id', { schema: { tags, params: IdParams, response: { 200: ImportJobView } }, config: { access: IMPORT_ACCESS } }, async (req) =>
      imports.getImport(ctxOf(platform, req), req.params.id),
    );
    app.get(
      '/imports/:id/errors',
      { schema: { tags, params: IdParams, querystring: PageQuery, response: { 200: ImportErrorPage } }, config: { access: IMPORT_ACCESS } },
      async (req) => imports.listImportErrors(ctxOf(platform, req), req.params.id, req.query),
    );
    app.get(
      '/imports/:id/errors.xlsx',
      { schema: { tags, summary: 'The error report as a workbook', params: IdParams }, config: { access: IMPORT_ACCESS } },
      async (req, reply) => {
        const ctx = ctxOf(platform, req);
        await imports.ensureImportJobVisible(ctx, req.params.id);
        return sendWorkbook(reply, `import-${req.params.id}-errors.xlsx`, (wb) => imports.writeErrorReport(ctx, req.params.id, wb));
      },
    );
    app.post(
      '/imports/:id/commit',
      {
        schema: {
          tags,
          summary: 'Import the validated rows (all, or only the valid ones)',
          params: IdParams,
          body: ImportCommitBody,
          response: { 200: ImportJobView },
        },
        config: { access: IMPORT_ACCESS },
      },
      async (req) => imports.commitImport(ctxOf(platform, req), req.params.id, req.body.onlyValid),
    );
    app.post('/imports/:id/cancel', { schema: { tags, params: IdParams, response: { 200: ImportJobView } }, config: { access: IMPORT_ACCESS } }, async (req) =>
      imports.cancelImport(ctxOf(platform, req), req.params.id),
    );
  };
}
