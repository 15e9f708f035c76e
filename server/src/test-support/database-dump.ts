import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../platform/db/database.js';

/** Every table of the app (partitions included), schema-qualified and quoted. */
export async function allTables(ex: Executor): Promise<string[]> {
  const rows = await queryRows<{ name: string }>(
    ex,
    sql`SELECT format('%I.%I', n.nspname, c.relname) AS name
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
          AND n.nspname NOT LIKE 'pg_toast%' AND n.nspname NOT LIKE 'pg_temp%'
        ORDER BY 1`,
  );
  return rows.map((r) => r.name);
}

/** Each table's rows as text, in a stable order: compare two dumps to see whether anything changed. */
export async function dumpTables(ex: Executor, skip: string[] = []): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const table of await allTables(ex)) {
    if (skip.some((s) => table.endsWith(s))) continue;
    const rows = await queryRows<{ row: string }>(ex, sql.raw(`SELECT t::text AS row FROM ${table} t ORDER BY 1`));
    out.set(
      table,
      rows.map((r) => r.row),
    );
  }
  return out;
}
