import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import pino from 'pino';
import { buildApp, type App } from '../app.js';
import { loadConfig } from '../platform/config.js';
import type { Platform } from '../platform/context.js';
import { openPglite, openPostgres, queryRows } from '../platform/db/database.js';
import { createLogger, createPlatform } from '../platform/platform.js';
import { ManualClock } from '../platform/time.js';

export interface TestPlatform {
  platform: Platform;
  clock: ManualClock;
  app: App;
  /** Where the SMS log channel writes, so a test can read a sign-in code. */
  smsOutbox: string;
  /** The last error lines the app logged (redacted as in production), to explain a failure. */
  recentErrors(): string[];
  close(): Promise<void>;
}

/**
 * A fresh database for one test file: in-memory PGlite by default, or a new PostgreSQL
 * database (created and dropped here) when TEST_DATABASE_URL is set.
 */
export async function openTestDatabase() {
  const url = process.env.TEST_DATABASE_URL;
  // The vitest global setup migrates one template; each file starts from a copy of it (migrations then have nothing to do).
  const pgliteTemplate = process.env.JIAYUAN_TEST_PGLITE_TEMPLATE;
  const pgTemplate = process.env.JIAYUAN_TEST_PG_TEMPLATE;
  if (!url) {
    const template = pgliteTemplate ? new Blob([fs.readFileSync(pgliteTemplate)]) : undefined;
    return { database: await openPglite(null, template), drop: async () => undefined };
  }
  const name = `jiayuan_test_${crypto.randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(pgTemplate ? `CREATE DATABASE ${name} TEMPLATE ${pgTemplate}` : `CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  const database = await openPostgres(u.toString(), 5);
  return {
    database,
    url: u.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export interface TestPlatformOptions {
  withApp?: boolean;
  /** Log through the app's own logger (redaction, serializers) into this stream, at debug level. */
  logDestination?: pino.DestinationStream;
}

export async function createTestPlatform(opts: TestPlatformOptions = {}): Promise<TestPlatform> {
  const { database, drop } = await openTestDatabase();
  const dir = path.join(os.tmpdir(), `jiayuan-test-${crypto.randomBytes(4).toString('hex')}`);
  const config = loadConfig(
    { NODE_ENV: 'test', DATA_DIR: dir, JIAYUAN_SECRET_KEY: crypto.randomBytes(32).toString('base64'), LOG_LEVEL: 'silent' },
    { login: { maxFailures: 5, lockMinutes: 15, perMinute: 20 } },
  );
  const clock = new ManualClock();
  const smsOutbox = path.join(os.tmpdir(), `jiayuan-sms-${crypto.randomBytes(4).toString('hex')}.jsonl`);
  const errors: string[] = [];
  const keepErrors: pino.DestinationStream = {
    write(line: string) {
      errors.push(line);
      if (errors.length > 50) errors.shift();
    },
  };
  const log = opts.logDestination
    ? createLogger({ ...config, logLevel: 'debug' }, opts.logDestination)
    : createLogger({ ...config, logLevel: 'error' }, keepErrors);
  const platform = await createPlatform(config, { clock, database, log, smsOutboxFile: smsOutbox });
  const app = await buildApp(platform, { serveWeb: false });
  if (opts.withApp !== false) await app.ready();
  return {
    platform,
    clock,
    app,
    smsOutbox,
    recentErrors: () => [...errors],
    async close() {
      await app.close();
      await platform.shutdown();
      await drop();
    },
  };
}

/**
 * A second app instance on the same PostgreSQL database as `t` (same config and clock): what
 * another server behind the load balancer would see. PostgreSQL only (PGlite is in-process).
 */
export async function secondInstance(t: TestPlatform) {
  const [row] = await queryRows<{ db: string }>(t.platform.db, sql`SELECT current_database() AS db`);
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.pathname = `/${row!.db}`;
  const platform = await createPlatform(t.platform.config, { database: await openPostgres(url.toString(), 3), clock: t.clock, log: pino({ level: 'silent' }) });
  const app = await buildApp(platform, { serveWeb: false });
  return { platform, app };
}
