import path from 'node:path';
import { z } from 'zod';

const Env = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().url().optional(),
  JIAYUAN_SECRET_KEY: z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes, base64-encoded (openssl rand -base64 32)')
    .optional(),
  JIAYUAN_ADMIN_PASSWORD: z.string().min(10, 'at least 10 characters').optional(),
  JIAYUAN_TIMEZONE: z.string().default('Asia/Shanghai'),
  JIAYUAN_PUBLIC_ORIGIN: z.string().url().optional(),
  JIAYUAN_SECURE_COOKIES: z.stringbool().default(false),
  JIAYUAN_TRUST_PROXY: z.stringbool().default(false),
  JIAYUAN_SCHEDULER: z.stringbool().default(true),
  JIAYUAN_ESCALATION_CHECK_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  JIAYUAN_SMS_CHANNEL: z.enum(['log']).default('log'),
  /** Days health readings (observation checks, gate events) are kept; older days are dropped whole. */
  JIAYUAN_HEALTH_DATA_RETENTION_DAYS: z.coerce.number().int().min(30).max(3650).default(180),
  /** Sign-ins allowed per client address and minute (staff and residents alike). */
  JIAYUAN_SIGN_INS_PER_MINUTE: z.coerce.number().int().min(1).max(10000).default(20),
  /** Searches and verifications by a full ID or phone number allowed per user (or token) and minute. */
  JIAYUAN_IDENTIFIER_SEARCHES_PER_MINUTE: z.coerce.number().int().min(1).max(1000).default(20),
  /** Connections to PostgreSQL per instance. */
  JIAYUAN_DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /** Count every request's SQL statements and round trips into /metrics (bench, diagnosis). */
  JIAYUAN_COUNT_STATEMENTS: z.stringbool().default(false),
  /** A bearer token that lets a scraper on another machine read /metrics (loopback needs none). */
  METRICS_TOKEN: z.string().min(16, 'at least 16 characters').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  dataDir: string;
  database: { kind: 'pglite'; dir: string | null } | { kind: 'postgresql'; url: string };
  /** Base64 master key; null means "use or create the key file under dataDir". */
  secretKey: string | null;
  adminPassword: string | null;
  timezone: string;
  publicOrigin: string | null;
  secureCookies: boolean;
  trustProxy: boolean;
  scheduler: boolean;
  /** How often overdue duties are checked for escalation. */
  escalationCheckSeconds: number;
  smsChannel: 'log';
  logLevel: string;
  /** Session lifetime: idle timeout and absolute maximum, in minutes. */
  session: { idleMinutes: number; maxMinutes: number };
  login: { maxFailures: number; lockMinutes: number; perMinute: number };
  /** Searches by a full ID or phone number allowed per user (or token, or address) and minute. */
  identifierSearchesPerMinute: number;
  /** Days health readings are kept before their day partitions are dropped. */
  healthDataRetentionDays: number;
  /** Bearer token for /metrics from other machines; null: loopback only. */
  metricsToken: string | null;
  /** PostgreSQL connections per instance. */
  dbPoolSize: number;
  /** Count each request's statements and round trips (jiayuan_http_db_* in /metrics). */
  countStatements: boolean;
}

export class ConfigError extends Error {}

/** Reads and validates the environment once at start; every other module gets the typed result. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: e.JIAYUAN_TIMEZONE });
  } catch {
    throw new ConfigError(`Invalid configuration:\n  JIAYUAN_TIMEZONE: unknown time zone ${e.JIAYUAN_TIMEZONE}`);
  }
  const dataDir = path.resolve(e.DATA_DIR);
  if (e.DATABASE_URL && !e.JIAYUAN_SECRET_KEY && e.NODE_ENV === 'production') {
    throw new ConfigError('Invalid configuration:\n  JIAYUAN_SECRET_KEY: required with DATABASE_URL in production, so that every instance shares the key');
  }
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    dataDir,
    database: e.DATABASE_URL ? { kind: 'postgresql', url: e.DATABASE_URL } : { kind: 'pglite', dir: path.join(dataDir, 'pglite') },
    secretKey: e.JIAYUAN_SECRET_KEY ?? null,
    adminPassword: e.JIAYUAN_ADMIN_PASSWORD ?? null,
    timezone: e.JIAYUAN_TIMEZONE,
    publicOrigin: e.JIAYUAN_PUBLIC_ORIGIN ?? null,
    secureCookies: e.JIAYUAN_SECURE_COOKIES,
    trustProxy: e.JIAYUAN_TRUST_PROXY,
    scheduler: e.JIAYUAN_SCHEDULER,
    escalationCheckSeconds: e.JIAYUAN_ESCALATION_CHECK_SECONDS,
    smsChannel: e.JIAYUAN_SMS_CHANNEL,
    logLevel: e.LOG_LEVEL,
    session: { idleMinutes: 12 * 60, maxMinutes: 7 * 24 * 60 },
    login: { maxFailures: 5, lockMinutes: 15, perMinute: e.JIAYUAN_SIGN_INS_PER_MINUTE },
    identifierSearchesPerMinute: e.JIAYUAN_IDENTIFIER_SEARCHES_PER_MINUTE,
    healthDataRetentionDays: e.JIAYUAN_HEALTH_DATA_RETENTION_DAYS,
    metricsToken: e.METRICS_TOKEN ?? null,
    dbPoolSize: e.JIAYUAN_DB_POOL_SIZE,
    countStatements: e.JIAYUAN_COUNT_STATEMENTS,
    ...overrides,
  };
}
