import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { sql, type SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { countStatement } from './statement-count.js';

export type AppDb = PgDatabase<PgQueryResultHKT, Record<string, never>>;
export type Tx = PgTransaction<PgQueryResultHKT, Record<string, never>, ExtractTablesWithRelations<Record<string, never>>>;
/** Anything a repository can run a query on: the database or an open transaction. */
export type Executor = AppDb | Tx;

export type DatabaseKind = 'pglite' | 'postgresql';

export interface Database {
  kind: DatabaseKind;
  db: AppDb;
  /** Subscribes to a LISTEN channel; the returned function unsubscribes. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  /**
   * Runs one statement on its own (autocommitted, outside any transaction) as a named prepared
   * statement where the driver keeps them: on PostgreSQL each pooled connection parses and plans
   * it once. For a hot path's fixed statement (text and parameter count never change); `$1…` params.
   */
  prepared<T>(name: string, text: string, values: unknown[]): Promise<T[]>;
  /** Streams COPY text-format lines into a table inside the given transaction. */
  copyInto(tx: Tx, table: string, columns: string[], lines: Iterable<string>): Promise<void>;
  /** Connections: configured, open, idle and queries waiting for one (PGlite has one, and no queue it shows). */
  poolStats(): { max: number; total: number; idle: number | null; waiting: number | null };
  /** PGlite only: the data folder as a tar archive (the tests' migrated template). */
  dumpDataDir?(): Promise<Blob>;
  close(): Promise<void>;
}

const here = path.dirname(fileURLToPath(import.meta.url));
/** Committed SQL migrations, found from both src/ (tsx, tests) and dist/ (built). */
export const MIGRATIONS_DIR = path.resolve(here, '../../../migrations');

const INT8_OID = 20;
const NUMERIC_OID = 1700;
const DATE_OID = 1082;

/** Both drivers return the same JS types: bigint counts as numbers, dates as 'YYYY-MM-DD'. */
const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8_OID) return (v: string) => Number(v);
    if (oid === NUMERIC_OID) return (v: string) => Number(v);
    if (oid === DATE_OID) return (v: string) => v;
    return pg.types.getTypeParser(oid, format);
  },
};

/** Opens PGlite in `dir` (or in memory), starting from a dumped data folder when given one (tests' migrated template). */
export async function openPglite(dir: string | null, template?: Blob): Promise<Database> {
  if (dir) fs.mkdirSync(dir, { recursive: true });
  const client = new PGlite({
    ...(dir ? { dataDir: dir } : {}),
    ...(template ? { loadDataDir: template } : {}),
    parsers: { [INT8_OID]: (v: string) => Number(v), [NUMERIC_OID]: (v: string) => Number(v), [DATE_OID]: (v: string) => v },
    // Equality on plain columns in GiST exclusion constraints (one entry ticket per household every two days).
    extensions: { btree_gist },
  });
  await client.waitReady;
  const db = drizzlePglite(client) as unknown as AppDb;
  await migratePglite(drizzlePglite(client), { migrationsFolder: MIGRATIONS_DIR });
  return {
    kind: 'pglite',
    db,
    dumpDataDir: () => client.dumpDataDir('none'),
    poolStats: () => ({ max: 1, total: 1, idle: null, waiting: null }),
    async prepared<T>(_name: string, text: string, values: unknown[]) {
      return (await client.query<T>(text, values)).rows;
    },
    async listen(channel, onPayload) {
      const unlisten = await client.listen(channel, onPayload);
      return async () => {
        if (!client.closed) await unlisten();
      };
    },
    async copyInto(tx, table, columns, lines) {
      const raw = txClient(tx) as { query: PGlite['query'] };
      const chunk: string[] = [];
      let size = 0;
      const flush = async () => {
        if (chunk.length === 0) return;
        const blob = new Blob([chunk.join('')]);
        chunk.length = 0;
        size = 0;
        await raw.query(`COPY ${table} (${columns.join(', ')}) FROM '/dev/blob'`, [], { blob });
      };
      for (const line of lines) {
        chunk.push(line);
        size += line.length;
        if (size > 8_000_000) await flush();
      }
      await flush();
    },
    async close() {
      if (!client.closed) await client.close();
    },
  };
}

export interface PostgresOptions {
  /**
   * Count each request's statements and round trips (bench and diagnosis, JIAYUAN_COUNT_STATEMENTS):
   * every query a pooled connection sends is counted into the caller's tally (statement-count.ts).
   */
  countStatements?: boolean;
}

export async function openPostgres(url: string, poolSize = 10, opts: PostgresOptions = {}): Promise<Database> {
  // drizzle gives every query its own type parsers, which fall back to pg's global ones rather
  // than the pool's: without these, raw queries return bigint ids and counts as strings.
  pg.types.setTypeParser(INT8_OID, (v: string) => Number(v));
  pg.types.setTypeParser(NUMERIC_OID, (v: string) => Number(v));
  pg.types.setTypeParser(DATE_OID, (v: string) => v);
  const pool = new pg.Pool({ connectionString: url, max: poolSize, types: pgTypes, application_name: 'jiayuan' });
  pool.on('error', () => {
    // An idle client lost its connection; the pool replaces it on next use.
  });
  if (opts.countStatements) countPoolStatements(pool);
  await migrateWithLock(url);
  const db = drizzlePg(pool) as unknown as AppDb;
  let listener: pg.Client | null = null;
  const handlers = new Map<string, Set<(p: string) => void>>();
  const ensureListener = async () => {
    if (listener) return listener;
    const c = new pg.Client({ connectionString: url, application_name: 'jiayuan-listen' });
    await c.connect();
    c.on('notification', (n) => {
      for (const h of handlers.get(n.channel) ?? []) h(n.payload ?? '');
    });
    c.on('error', () => {
      listener = null;
    });
    listener = c;
    return c;
  };
  return {
    kind: 'postgresql',
    db,
    poolStats: () => ({ max: poolSize, total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    async prepared<T>(name: string, text: string, values: unknown[]) {
      return (await pool.query<T & pg.QueryResultRow>({ name, text, values })).rows;
    },
    async listen(channel, onPayload) {
      const c = await ensureListener();
      let set = handlers.get(channel);
      if (!set) {
        set = new Set();
        handlers.set(channel, set);
        await c.query(`LISTEN ${quoteIdent(channel)}`);
      }
      set.add(onPayload);
      return async () => {
        set.delete(onPayload);
      };
    },
    async copyInto(tx, table, columns, lines) {
      const client = txClient(tx) as pg.PoolClient;
      const stream = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
      await new Promise<void>((resolve, reject) => {
        stream.on('error', reject);
        stream.on('finish', resolve);
        const it = lines[Symbol.iterator]();
        const pump = () => {
          let buf = '';
          for (;;) {
            const n = it.next();
            if (n.done) {
              if (buf) stream.write(buf);
              stream.end();
              return;
            }
            buf += n.value;
            if (buf.length > 1 << 20) {
              if (!stream.write(buf)) {
                stream.once('drain', pump);
                return;
              }
              buf = '';
            }
          }
        };
        pump();
      });
    },
    async close() {
      await listener?.end().catch(() => undefined);
      await pool.end();
    },
  };
}

/**
 * Counts what each pooled connection sends. `pool.query` hands its query to a connection from a
 * callback that may run in another request's async context (the one releasing a connection), so
 * here it checks out with the promise API instead, which keeps the caller's context.
 */
function countPoolStatements(pool: pg.Pool) {
  pool.on('connect', (client) => {
    const send = client.query.bind(client) as (...a: unknown[]) => unknown;
    (client as unknown as { query: (...a: unknown[]) => unknown }).query = (...a: unknown[]) => {
      countStatement(a[0]);
      return send(...a);
    };
  });
  (pool as unknown as { query: (q: unknown, v?: unknown) => Promise<unknown> }).query = async (q: unknown, v?: unknown) => {
    const client = await pool.connect();
    try {
      const r = await (client.query as (q: unknown, v?: unknown) => Promise<unknown>)(q, v);
      client.release();
      return r;
    } catch (err) {
      // A statement the database refused leaves the connection usable; a broken connection does not.
      client.release((err as { code?: unknown }).code ? undefined : (err as Error));
      throw err;
    }
  };
}

/** Two instances starting together must not both migrate: hold an advisory lock while migrating. */
async function migrateWithLock(url: string) {
  const client = new pg.Client({ connectionString: url, types: pgTypes });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock(7355608)');
    await migratePg(drizzlePg(client), { migrationsFolder: MIGRATIONS_DIR });
  } finally {
    await client.query('SELECT pg_advisory_unlock(7355608)').catch(() => undefined);
    await client.end();
  }
}

/**
 * Runs one fixed statement inside a transaction as a named prepared statement where the driver keeps
 * them (PostgreSQL parses and plans it once per pooled connection; PGlite runs it plainly). Nothing
 * is built per call: for a hot path's statement whose text never changes (`$1…` params). Rows come
 * as the driver gives them (snake_case columns; timestamps as Date, bigint as number).
 */
export async function preparedIn<T>(tx: Tx, name: string, text: string, values: unknown[]): Promise<T[]> {
  const client = txClient(tx);
  if (client instanceof pg.Client) return (await client.query<T & pg.QueryResultRow>({ name, text, values })).rows;
  return (await (client as { query: PGlite['query'] }).query<T>(text, values)).rows;
}

function txClient(tx: Tx): unknown {
  return (tx as unknown as { session: { client: unknown } }).session.client;
}

function quoteIdent(s: string) {
  return `"${s.replace(/"/g, '""')}"`;
}

/** Runs raw SQL and returns its rows, whichever driver is underneath. */
export async function queryRows<T>(ex: Executor, query: SQL): Promise<T[]> {
  const res = (await ex.execute(query)) as unknown as { rows: T[] };
  return res.rows;
}

export async function queryOne<T>(ex: Executor, query: SQL): Promise<T | undefined> {
  return (await queryRows<T>(ex, query))[0];
}

/** Runs raw SQL that returns no rows; answers how many rows it wrote, whichever driver is underneath. */
export async function executeCount(ex: Executor, query: SQL): Promise<number> {
  const res = (await ex.execute(query)) as unknown as { rowCount?: number | null; affectedRows?: number };
  return res.rowCount ?? res.affectedRows ?? 0;
}

export { sql };
