import type { Database, Executor } from './database.js';

/**
 * Rows that almost every request reads and almost none writes — places and their names, a module's
 * categories and teams, users' display names — kept per app instance and database, so a request
 * does not spend a round trip on each (bench/mixed: a service-desk write made 21 round trips, most
 * of them such reads, and on this machine a round trip costs more than the work it carries).
 *
 * Correctness comes from the database, not from the callers: a statement trigger on each table a
 * cache depends on (migration `reference_cache_triggers`) sends NOTIFY `jiayuan_cache` with the
 * table's name, which PostgreSQL delivers when the writing transaction commits, to every instance;
 * each drops what it kept from that table. Any writer — the API, an import's COPY, a script —
 * is covered. Between a commit and its notice (a few milliseconds) an instance may still answer
 * from what it kept; `REFERENCE_CACHE_MS` bounds how long anything is kept regardless.
 *
 * Inside a transaction that itself changed a table (its repository calls `tableWritten`), reads of
 * that table skip the cache: they see the transaction's own writes, and nothing uncommitted is kept.
 * A transaction not opened by `inTx` (unknown here) always reads the database.
 */
export const REFERENCE_CACHE_CHANNEL = 'jiayuan_cache';
export const REFERENCE_CACHE_MS = 60_000;

interface CacheState {
  /** Bumped whenever the cache is cleared: a load begun before a clear is not kept. */
  generation: number;
  until: number;
  entries: Map<unknown, unknown>;
  snapshot: { value: unknown } | null;
}

interface DbState {
  caches: Map<string, CacheState>;
}

interface CacheSpec {
  name: string;
  tables: readonly string[];
}

const specs = new Map<string, CacheSpec>();
const databases = new WeakMap<object, DbState>();
const txRoots = new WeakMap<object, object>();
const txWrote = new WeakMap<object, Set<string>>();

/** Called by `inTx` for its transaction: reads in it may use the caches of its database. */
export function trackTransaction(tx: Executor, root: Executor) {
  txRoots.set(tx, root);
}

/**
 * A repository wrote `table` in this transaction (or on the database): this instance forgets what
 * it kept at once, and later reads in the same transaction go to the database.
 */
export function tableWritten(ex: Executor, table: string) {
  const root = txRoots.get(ex);
  if (root) {
    let wrote = txWrote.get(ex);
    if (!wrote) txWrote.set(ex, (wrote = new Set()));
    wrote.add(table);
  }
  const db = databases.get(root ?? ex);
  if (db) clearTable(db, table);
}

/** Starts the caches of a database: listens for the triggers' notices. */
export async function startReferenceCaches(database: Database): Promise<() => Promise<void>> {
  const db: DbState = { caches: new Map() };
  databases.set(database.db, db);
  const unlisten = await database.listen(REFERENCE_CACHE_CHANNEL, (table) => clearTable(db, table));
  return async () => {
    await unlisten();
    databases.delete(database.db);
  };
}

function clearTable(db: DbState, table: string) {
  for (const [name, state] of db.caches) {
    if (specs.get(name)?.tables.includes(table)) clear(state);
  }
}

function clear(state: CacheState) {
  state.generation++;
  state.entries.clear();
  state.snapshot = null;
  state.until = 0;
}

/** The cache state to use for a read on `ex`, or null when this read must go to the database. */
function stateFor(ex: Executor, spec: CacheSpec, now: number): CacheState | null {
  const root = txRoots.get(ex) ?? ex;
  const db = databases.get(root);
  if (!db) return null;
  const wrote = txWrote.get(ex);
  if (wrote && spec.tables.some((t) => wrote.has(t))) return null;
  let state = db.caches.get(spec.name);
  if (!state) db.caches.set(spec.name, (state = { generation: 0, until: 0, entries: new Map(), snapshot: null }));
  if (state.until <= now) {
    clear(state);
    state.until = now + REFERENCE_CACHE_MS;
  }
  return state;
}

function register(spec: CacheSpec) {
  if (specs.has(spec.name)) throw new Error(`reference cache ${spec.name} defined twice`);
  specs.set(spec.name, spec);
}

/**
 * Rows by key (places by id, users' names by id): `getMany` answers the kept ones and reads the
 * rest in one statement.
 */
export function defineKeyedCache<K, V>(spec: {
  name: string;
  tables: readonly string[];
  /** Reads the rows of these keys (those missing are simply absent). */
  load(ex: Executor, keys: K[]): Promise<V[]>;
  keyOf(row: V): K;
  /** Kept at most; past it the cache starts over. */
  max: number;
}) {
  register(spec);
  async function getMany(ex: Executor, keys: readonly K[]): Promise<Map<K, V>> {
    const out = new Map<K, V>();
    if (keys.length === 0) return out;
    const state = stateFor(ex, spec, Date.now());
    if (!state) {
      for (const row of await spec.load(ex, [...new Set(keys)])) out.set(spec.keyOf(row), row);
      return out;
    }
    const missing: K[] = [];
    for (const k of keys) {
      if (out.has(k)) continue;
      const v = state.entries.get(k) as V | undefined;
      if (v === undefined) missing.push(k);
      else out.set(k, v);
    }
    if (missing.length === 0) return out;
    const generation = state.generation;
    const rows = await spec.load(ex, [...new Set(missing)]);
    const keep = state.generation === generation;
    if (keep && state.entries.size + rows.length > spec.max) state.entries.clear();
    for (const row of rows) {
      const k = spec.keyOf(row);
      out.set(k, row);
      if (keep) state.entries.set(k, row);
    }
    return out;
  }
  return {
    getMany,
    async get(ex: Executor, key: K): Promise<V | undefined> {
      return (await getMany(ex, [key])).get(key);
    },
  };
}

/** A whole small table (or a few), read at once and kept until any of them changes. */
export function defineSnapshotCache<T>(spec: { name: string; tables: readonly string[]; load(ex: Executor): Promise<T> }) {
  register(spec);
  return {
    async get(ex: Executor): Promise<T> {
      const state = stateFor(ex, spec, Date.now());
      if (!state) return spec.load(ex);
      if (state.snapshot) return state.snapshot.value as T;
      const generation = state.generation;
      // Kept once read, unless a change came in the meantime (concurrent first reads each read; a
      // failed read, e.g. its transaction's, fails only its own request).
      const value = await spec.load(ex);
      if (state.generation === generation) state.snapshot = { value };
      return value;
    },
  };
}
