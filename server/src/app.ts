import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type RawServerDefault } from 'fastify';
import type { Bindings, ChildLoggerOptions } from 'fastify/types/logger.js';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  hasZodFastifySchemaValidationErrors,
  isResponseSerializationError,
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Platform } from './platform/context.js';
import { AppError } from './platform/errors/app-error.js';
import { commonErrors } from './platform/errors/common-errors.js';
import { authHooks } from './platform/http/auth-hooks.js';
import { indexPage, serveWebAssets } from './platform/http/web-assets.js';
import { appErrorFromFramework, databaseDataError, hasNul, problemOf, tooDeep } from './platform/http/problem.js';
import { langOf } from './platform/http/request-context.js';
import { fieldErrorsFromValidation } from './platform/http/zod-issues.js';
import { apiRoutes, mountedRoutes } from './routes.js';
import type { ModuleManifest } from './platform/modules/define-module.js';
import { jwksRoute } from './platform/passes/passes.routes.js';
import { gateEventsQueued } from './modules/access/index.js';
import { metricsPlugin } from './platform/metrics/metrics.routes.js';
import { pathOnly } from './platform/platform.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const WEB_DIST = path.resolve(here, '../../web/dist');

export type App = FastifyInstance<RawServerDefault, IncomingMessage, ServerResponse, FastifyBaseLogger, ZodTypeProvider>;

export interface AppOptions {
  /** Serve the built web app from web/dist (default when it exists). */
  serveWeb?: boolean;
  /** Where the built web app is (default web/dist). */
  webDist?: string;
  /** The modules to serve (default: all of server/src/modules.ts; a test adds an example module). */
  modules?: readonly ModuleManifest[];
}

type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

/**
 * A request's logger, made when first used at an enabled level: Fastify gives every request a
 * child logger bound to its id, which costs pino a pass over the bindings (redaction included)
 * per request, while most requests log nothing at the configured level. One small object per
 * request; its methods are the class's.
 */
class LazyChildLogger {
  #real: FastifyBaseLogger | null = null;
  constructor(
    readonly parent: FastifyBaseLogger,
    readonly bindings: Bindings,
    readonly opts: ChildLoggerOptions,
  ) {}
  #get(): FastifyBaseLogger {
    return (this.#real ??= this.parent.child(this.bindings, this.opts));
  }
  #log(level: Level, args: unknown[]) {
    if (this.#real || (this.parent as unknown as { isLevelEnabled(l: string): boolean }).isLevelEnabled(level)) {
      (this.#get()[level] as (...a: unknown[]) => void)(...args);
    }
  }
  get level() {
    return (this.#real ?? this.parent).level;
  }
  set level(l: string) {
    this.#get().level = l;
  }
  child(b: Bindings, o?: ChildLoggerOptions) {
    return this.#get().child(b, o);
  }
  silent() {}
  fatal(...a: unknown[]) {
    this.#log('fatal', a);
  }
  error(...a: unknown[]) {
    this.#log('error', a);
  }
  warn(...a: unknown[]) {
    this.#log('warn', a);
  }
  info(...a: unknown[]) {
    this.#log('info', a);
  }
  debug(...a: unknown[]) {
    this.#log('debug', a);
  }
  trace(...a: unknown[]) {
    this.#log('trace', a);
  }
}

const lazyChildLogger = (logger: FastifyBaseLogger, bindings: Bindings, opts: ChildLoggerOptions) =>
  new LazyChildLogger(logger, bindings, opts) as unknown as FastifyBaseLogger;

type SerializerCompiler = typeof serializerCompiler;

/**
 * Serializers that remember the JSON of frozen answers: a service that hands out the same frozen
 * object for the same answer (a gate's verdict on a pass, see access/gates.service.ts) has it
 * checked against the schema and stringified once, not per request. Other answers as before.
 */
export function memoizeFrozen(compile: SerializerCompiler): SerializerCompiler {
  return (route) => {
    const serialize = compile(route);
    const made = new WeakMap<object, string>();
    return (data) => {
      if (typeof data !== 'object' || data === null || !Object.isFrozen(data)) return serialize(data);
      let json = made.get(data);
      if (json === undefined) made.set(data, (json = serialize(data)));
      return json;
    };
  };
}

export async function buildApp(platform: Platform, opts: AppOptions = {}): Promise<App> {
  const app = Fastify({
    loggerInstance: platform.log as FastifyBaseLogger,
    childLoggerFactory: lazyChildLogger,
    trustProxy: platform.config.trustProxy,
    bodyLimit: 2 * 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(memoizeFrozen(serializerCompiler));

  app.setErrorHandler((err, req, reply) => {
    const lang = langOf(req);
    const requestId = String(req.id);
    let appErr: AppError;
    let fieldErrors;
    if (err instanceof AppError) appErr = err;
    else if (hasZodFastifySchemaValidationErrors(err)) {
      appErr = commonErrors.VALIDATION_FAILED();
      fieldErrors = fieldErrorsFromValidation(err.validation);
    } else if (isResponseSerializationError(err as never)) {
      req.log.error({ code: 'RESPONSE_SCHEMA', url: pathOnly(req.url) }, 'response does not match its schema');
      appErr = commonErrors.INTERNAL();
    } else {
      const mapped = appErrorFromFramework(err as { code?: string; statusCode?: number });
      const dataError = mapped ? null : databaseDataError(err);
      if (mapped) appErr = mapped;
      else if (dataError) {
        req.log.warn({ code: dataError, url: pathOnly(req.url) }, 'the database refused a value');
        appErr = commonErrors.BAD_REQUEST();
      } else {
        req.log.error({ err }, 'unhandled error');
        appErr = commonErrors.INTERNAL();
      }
    }
    if (appErr.status >= 500 && err instanceof AppError) req.log.error({ code: appErr.code }, 'server error');
    reply
      .code(appErr.status)
      .type('application/problem+json')
      .send(JSON.stringify(problemOf(appErr, lang, requestId, fieldErrors)));
  });

  app.addHook('preValidation', (req, _reply, done) => {
    if (tooDeep(req.body)) return done(commonErrors.BAD_REQUEST());
    done(hasNul(req.body) || hasNul(req.query) || hasNul(req.params) ? commonErrors.INPUT_NUL_CHARACTER() : undefined);
  });

  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(multipart, { limits: { fileSize: 200 * 1024 * 1024, files: 1 } });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Jiayuan (家园) API',
        version: '0.1.0',
        description:
          'Community services and epidemic prevention. Sign in with POST /api/auth/login (session cookie; send the csrfToken from GET /api/me as X-CSRF-Token on writes) or use an API token as `Authorization: Bearer jy_…`. Errors are application/problem+json with a stable `code` and messages in zh-CN and en-US.',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'jy_session' }, token: { type: 'http', scheme: 'bearer' } } },
      security: [{ session: [] }, { token: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  platform.metrics.probe({
    pool: () => platform.database.poolStats(),
    liveConnections: () => platform.live.connectionCount,
    gateGroupCommitQueue: () => gateEventsQueued(platform.database),
  });
  await app.register(metricsPlugin, { platform });
  await app.register(authHooks, { platform });

  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok', database: platform.database.kind }));
  app.get('/api/openapi.json', { schema: { hide: true }, config: { access: 'public' } }, async () => app.swagger());

  await app.register(apiRoutes(platform, opts.modules), { prefix: '/api' });
  await app.register(jwksRoute(platform));
  await app.register(mountedRoutes(platform, opts.modules));

  const webDist = opts.webDist ?? WEB_DIST;
  const serveWeb = opts.serveWeb ?? fs.existsSync(path.join(webDist, 'index.html'));
  if (serveWeb) {
    await serveWebAssets(app, webDist);
    const sendIndex = indexPage(webDist);
    app.setNotFoundHandler((req, reply) => {
      if (req.method === 'GET' && !req.url.startsWith('/api/') && !req.url.startsWith('/open311/')) {
        return sendIndex(req, reply);
      }
      throw commonErrors.ROUTE_NOT_FOUND();
    });
  } else {
    app.setNotFoundHandler(() => {
      throw commonErrors.ROUTE_NOT_FOUND();
    });
  }
  return app;
}
