import path from 'node:path';
import pino, { type Logger } from 'pino';
import { WorkCalendar } from './calendar/work-calendar.js';
import { startCalendar } from './calendar/calendar.service.js';
import type { Config } from './config.js';
import type { Platform } from './context.js';
import { loadMasterKey, PersonalDataCipher } from './crypto/personal-data.js';
import { openPglite, openPostgres, type Database } from './db/database.js';
import { Metrics } from './metrics/metrics.js';
import { LiveHub } from './notifications/live-hub.js';
import { startReferenceCaches } from './db/reference-cache.js';
import { LogSmsChannel } from './notifications/sms.js';
import { systemClock, type Clock } from './time.js';

/** Log redaction: whatever a handler logs, these never reach a log line. */
export const REDACT_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.newPassword',
  '*.currentPassword',
  '*.idNumber',
  '*.phone',
  '*.name',
  '*.temperature',
  '*.code',
];

/**
 * `*.code` is there for sign-in codes (six digits). An error's own code — a database SQLSTATE
 * such as `23505`, a Node or framework code such as `ECONNREFUSED` or `FST_ERR_CTP_BODY_TOO_LARGE`,
 * one of ours such as `STALE_VERSION` — is what a reader of an error line needs and carries no
 * personal data, so a value of that shape stays (pino tells the censor the key, not its parent).
 */
const ERROR_CODE = /^(?:[0-9A-Z]{5}|[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+|E[A-Z]{3,})$/;

export function redactCensor(value: unknown, path: (string | null)[]): unknown {
  if (path[path.length - 1] === 'code' && typeof value === 'string' && ERROR_CODE.test(value)) return value;
  return '[redacted]';
}

/** Strips the query string: searches carry names and phone numbers, which never go to a log. */
export function pathOnly(url: string) {
  const i = url.indexOf('?');
  return i < 0 ? url : `${url.slice(0, i)}?…`;
}

/**
 * Errors as logged. A failed query keeps its statement and the database's code and message,
 * but not the values it was given (names, and whatever else a row holds) nor the row in `detail`.
 */
export function serializeError(err: unknown): unknown {
  const e = err as { query?: unknown; params?: unknown; cause?: { message?: unknown; code?: unknown } };
  if (!(err instanceof Error) || typeof e.query !== 'string' || !('params' in e)) {
    const out = pino.stdSerializers.err(err as Error) as unknown as Record<string, unknown>;
    if (out && typeof out === 'object') delete out.detail;
    return out;
  }
  const cause = e.cause ?? {};
  return {
    type: err.constructor.name,
    message: `Failed query: ${e.query}${typeof cause.message === 'string' ? `: ${cause.message}` : ''}`,
    code: cause.code,
    stack: (err.stack ?? '')
      .split('\n')
      .filter((line) => line.trimStart().startsWith('at '))
      .join('\n'),
  };
}

export function createLogger(config: Config, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level: config.logLevel,
    serializers: {
      err: serializeError,
      req: (req: { method: string; url: string; id?: string }) => ({ id: req.id, method: req.method, url: pathOnly(req.url) }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    redact: { paths: REDACT_PATHS, censor: redactCensor },
    base: { service: 'jiayuan' },
  };
  return destination ? pino(options, destination) : pino(options);
}

export interface PlatformOptions {
  clock?: Clock;
  log?: Logger;
  database?: Database;
  smsOutboxFile?: string | null;
}

/** Opens the database (migrating it), loads keys and the calendar: everything a request needs. */
export async function createPlatform(config: Config, opts: PlatformOptions = {}): Promise<Platform & { shutdown(): Promise<void> }> {
  const log = opts.log ?? createLogger(config);
  const database =
    opts.database ??
    (config.database.kind === 'postgresql'
      ? await openPostgres(config.database.url, config.dbPoolSize, { countStatements: config.countStatements })
      : await openPglite(config.database.dir));
  const cipher = new PersonalDataCipher(loadMasterKey(config.secretKey, config.dataDir));
  const live = new LiveHub(log);
  const platform: Platform = {
    config,
    database,
    db: database.db,
    clock: opts.clock ?? systemClock,
    cipher,
    log,
    sms: new LogSmsChannel(log, opts.smsOutboxFile ?? (process.env.JIAYUAN_SMS_OUTBOX ? path.resolve(process.env.JIAYUAN_SMS_OUTBOX) : null)),
    live,
    calendar: new WorkCalendar(config.timezone),
    metrics: new Metrics({ processMetrics: config.env !== 'test' }),
  };
  await live.start(database);
  const stopCaches = await startReferenceCaches(database);
  const stopCalendar = await startCalendar(platform);
  return {
    ...platform,
    async shutdown() {
      await stopCalendar();
      await stopCaches();
      await live.stop();
      await database.close();
    },
  };
}
