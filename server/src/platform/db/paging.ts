import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { queryRows, type Executor } from './database.js';

/**
 * One page of a table's rows and how many rows match in all, in one round trip: the count and the
 * page are two subqueries of one statement, each planned as if alone (an ordered index scan with
 * its LIMIT, a count) — every list page and board column asked for both, one after the other.
 * Rows come back as drizzle's own select would give them (column keys, each column's mapping).
 */
export async function pageWithTotal<T extends PgTable>(
  ex: Executor,
  table: T,
  where: SQL | undefined,
  orderBy: SQL[],
  paging: { limit: number; offset: number },
): Promise<{ rows: T['$inferSelect'][]; total: number }> {
  const cond = where ?? sql`TRUE`;
  const page = sql`SELECT ${table}.*, row_number() OVER () AS "__n" FROM (SELECT * FROM ${table} WHERE ${cond} ORDER BY ${sql.join(orderBy, sql`, `)} LIMIT ${paging.limit} OFFSET ${paging.offset}) ${table}`;
  const raw = await queryRows<Record<string, unknown>>(
    ex,
    sql`SELECT c."__total", p.* FROM (SELECT count(*)::int AS "__total" FROM ${table} WHERE ${cond}) c LEFT JOIN (${page}) p ON TRUE ORDER BY p."__n"`,
  );
  const total = Number(raw[0]?.__total ?? 0);
  const columns = Object.entries(getTableColumns(table));
  const rows = raw
    .filter((r) => r.__n !== null && r.__n !== undefined)
    .map((r) => {
      const row: Record<string, unknown> = {};
      for (const [key, col] of columns) {
        const v = r[col.name];
        row[key] = v === null || v === undefined ? null : col.mapFromDriverValue(v);
      }
      return row as T['$inferSelect'];
    });
  return { rows, total };
}
