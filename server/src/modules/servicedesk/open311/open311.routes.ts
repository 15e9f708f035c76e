import formbody from '@fastify/formbody';
import { normalizeText } from '@jiayuan/contracts';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Platform } from '../../../platform/context.js';
import { AppError } from '../../../platform/errors/app-error.js';
import { commonErrors } from '../../../platform/errors/common-errors.js';
import { appErrorFromFramework, databaseDataError } from '../../../platform/http/problem.js';
import { ctxOf } from '../../../platform/http/request-context.js';
import { sdErrors } from '../servicedesk.errors.js';
import { definitionXml, render, splitFormat, type Format } from './open311.format.js';
import * as open311 from './open311.service.js';

const FORMATS: Format[] = ['json', 'xml'];
const Filters = z.object({
  jurisdiction_id: z.string().max(100).optional(),
  api_key: z.string().max(200).optional(),
  service_request_id: z.string().max(2000).optional(),
  service_code: z.string().max(2000).optional(),
  start_date: z.string().max(40).optional(),
  end_date: z.string().max(40).optional(),
  status: z.string().max(20).optional(),
});
const FileParam = z.object({ file: z.string().max(80) });

/** The form's text fields normalised as every text input is (NFC, no control or zero-width characters, trimmed). */
function normalizedForm(body: unknown): Record<string, unknown> {
  if (!body || typeof body !== 'object') return {};
  return Object.fromEntries(
    Object.entries(body).map(([k, v]) => {
      const one = (x: unknown) => (typeof x === 'string' ? normalizeText(x, k === 'description') : x);
      return [k, Array.isArray(v) ? v.map(one) : one(v)];
    }),
  );
}

/** The answer's format from the path; anything but `.json` gets XML, the format GeoReport v2 requires. */
function formatOf(req: FastifyRequest): Format {
  return req.url.split('?')[0]!.endsWith('.json') ? 'json' : 'xml';
}

/**
 * GeoReport v2, Errors: "404 for resources that don't exist, 403 for errors because of wrong or
 * missing api_key and basically 400 for any other error where the request can not be fulfilled".
 * Too many requests keep their 429 (a client should wait, not give up), server faults their 5xx.
 */
function open311Error(e: AppError): AppError {
  if (e.code === 'UNAUTHENTICATED') return sdErrors.SD_OPEN311_API_KEY_REQUIRED();
  if (e.code === 'AUTH_TOKEN_INVALID') return sdErrors.SD_OPEN311_API_KEY_INVALID();
  return e;
}
const open311Status = (status: number) => (status === 401 ? 403 : status >= 400 && status < 500 && ![403, 404, 429].includes(status) ? 400 : status);

function send(reply: FastifyReply, format: Format, root: string, item: string | null, body: unknown, status = 200) {
  const out = render(format, root, item, body);
  return reply.code(status).type(out.type).send(out.payload);
}

function reader(platform: Platform, req: FastifyRequest): open311.Reader {
  return { platform, lang: req.lang, actor: req.actor };
}

/**
 * Open311 GeoReport v2 at /open311/v2: discovery, services, service definitions, requests
 * (read by anyone for public categories, written with an API token as `api_key`), tokens.
 * JSON or XML by the path's suffix; errors in the Open311 error format.
 */
export function open311Routes(platform: Platform): FastifyPluginAsync {
  return async (app) => {
    await app.register(formbody, { bodyLimit: 64 * 1024 });
    app.setErrorHandler((err, req, reply) => {
      let e: AppError;
      if (err instanceof AppError) e = err;
      else if (hasZodFastifySchemaValidationErrors(err)) e = commonErrors.VALIDATION_FAILED();
      else {
        // A value the database refused (SQLSTATE class 22) is the request's fault, as in the API.
        const mapped = appErrorFromFramework(err as { code?: string; statusCode?: number }) ?? (databaseDataError(err) ? commonErrors.BAD_REQUEST() : null);
        if (!mapped) req.log.error({ err }, 'unhandled error');
        e = mapped ?? commonErrors.INTERNAL();
      }
      e = open311Error(e);
      const status = open311Status(e.status);
      const description = `${e.code}: ${e.messages[req.lang]}`;
      return send(reply, formatOf(req), 'errors', 'error', [{ code: status, description }], status);
    });
    // A path under /open311 that is no resource (`/v2/services.html`) answers in the Open311 error format too.
    app.setNotFoundHandler(() => {
      throw sdErrors.SD_OPEN311_NO_RESOURCE();
    });
    const docs = (summary: string, extra: Record<string, unknown> = {}) => ({ tags: ['Open311 GeoReport v2'], summary, ...extra });
    const pub = { access: 'public' as const, apiKey: true };

    for (const format of FORMATS) {
      app.get(`/discovery.${format}`, { schema: docs('Discovery'), config: pub }, async (req, reply) => {
        const base = `${req.protocol}://${req.host}/open311/v2/`;
        return send(reply, format, 'discovery', null, {
          changeset: '2026-11-23T00:00:00Z',
          contact: 'Jiayuan service desk',
          key_service: 'API keys are API tokens issued by an administrator (permission servicedesk.intake)',
          endpoints:
            format === 'json'
              ? [
                  {
                    specification: 'http://wiki.open311.org/GeoReport_v2',
                    url: base,
                    changeset: '2026-11-23T00:00:00Z',
                    type: 'production',
                    formats: ['application/json', 'text/xml'],
                  },
                ]
              : {
                  endpoint: {
                    specification: 'http://wiki.open311.org/GeoReport_v2',
                    url: base,
                    changeset: '2026-11-23T00:00:00Z',
                    type: 'production',
                    formats: { format: ['application/json', 'text/xml'] },
                  },
                },
        });
      });
      app.get(`/v2/discovery.${format}`, { schema: { hide: true }, config: pub }, async (_req, reply) => reply.redirect(`/open311/discovery.${format}`));
      app.get(`/v2/services.${format}`, { schema: docs('Service list', { querystring: Filters }), config: pub }, async (req, reply) =>
        send(reply, format, 'services', 'service', await open311.services(reader(platform, req))),
      );
      app.get(
        `/v2/requests.${format}`,
        { schema: docs('Service requests (standard filters; 90 days, 1000 at most)', { querystring: Filters }), config: pub },
        async (req, reply) =>
          send(reply, format, 'service_requests', 'request', await open311.listRequests(reader(platform, req), req.query as z.infer<typeof Filters>)),
      );
      app.post(
        `/v2/requests.${format}`,
        {
          schema: docs('Create a service request (form fields; api_key = an API token with servicedesk.intake)', {
            consumes: ['application/x-www-form-urlencoded'],
          }),
          config: { access: 'servicedesk.intake', apiKey: true },
        },
        async (req, reply) => {
          const body = normalizedForm(req.body) as open311.PostInput;
          const created = await open311.postRequest(ctxOf(platform, req, 'open311'), body);
          return send(reply, format, 'service_requests', 'request', [created]);
        },
      );
    }
    const byFile = (kind: 'services' | 'requests' | 'tokens') => async (req: FastifyRequest, reply: FastifyReply) => {
      const f = splitFormat((req.params as { file: string }).file);
      if (!f) throw sdErrors.SD_OPEN311_FORMAT();
      const r = reader(platform, req);
      if (kind === 'services') {
        const def = await open311.serviceDefinition(r, f.id);
        return send(reply, f.format, 'service_definition', null, f.format === 'xml' ? definitionXml(def) : def);
      }
      if (kind === 'requests') return send(reply, f.format, 'service_requests', 'request', await open311.getRequest(r, f.id));
      return send(reply, f.format, 'service_requests', 'request', await open311.resolveToken(r, f.id));
    };
    app.get('/v2/services/:file', { schema: docs('Service definition: `{service_code}.json|xml`', { params: FileParam }), config: pub }, byFile('services'));
    app.get(
      '/v2/requests/:file',
      { schema: docs('One service request: `{service_request_id}.json|xml`', { params: FileParam }), config: pub },
      byFile('requests'),
    );
    app.get('/v2/tokens/:file', { schema: docs('The request id for a token: `{token}.json|xml`', { params: FileParam }), config: pub }, byFile('tokens'));
  };
}
