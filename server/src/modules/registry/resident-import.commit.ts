import { sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import { queryRows, type Executor, type Tx } from '../../platform/db/database.js';
import { commonPlace, type ImportCommitted } from '../../platform/imports/importer.js';
import { importErrors } from '../../platform/imports/imports.errors.js';

/**
 * Moves staged rows into households and residents in the caller's transaction. Rows without a
 * household number joined the dwelling's existing household at validation; the others form
 * new households, one per dwelling and number, whose ids are reserved here in one step.
 */
export async function commitResidentImport(ctx: Ctx, tx: Tx, job: { id: number; validRows: number }): Promise<ImportCommitted> {
  const now = ctx.platform.clock.now();
  const raced = await queryRows<{ row_no: number }>(
    tx,
    sql`SELECT s.row_no FROM resident_import_rows s JOIN residents r ON r.id_number_bi = s.id_number_bi WHERE s.job_id = ${job.id} LIMIT 1`,
  );
  if (raced.length > 0) throw importErrors.IMPORT_NOT_VALIDATED();
  const span = await queryRows<{ n: number }>(
    tx,
    sql`SELECT coalesce(max(-household_ref), 0)::int AS n FROM resident_import_rows WHERE job_id = ${job.id} AND household_ref < 0`,
  );
  const n = span[0]?.n ?? 0;
  let base = 0;
  if (n > 0) {
    const reserved = await queryRows<{ last: number }>(
      tx,
      sql`SELECT setval(pg_get_serial_sequence('households', 'id'), nextval(pg_get_serial_sequence('households', 'id')) + ${n - 1}) AS last`,
    );
    base = reserved[0]!.last - n;
    await tx.execute(sql`
      INSERT INTO households (id, dwelling_id, place_path, created_at, updated_at)
      SELECT ${base}::bigint - household_ref, min(dwelling_id), min(place_path), ${now}, ${now}
      FROM resident_import_rows WHERE job_id = ${job.id} AND household_ref < 0 GROUP BY household_ref`);
  }
  const rebuild = await dropIndexesForBulkLoad(ctx, tx, job.validRows);
  const inserted = await queryRows<{ n: number; lo: string | null; hi: string | null }>(
    tx,
    sql`WITH ins AS (
          INSERT INTO residents (household_id, place_path, name, id_type, id_number_enc, id_number_bi, phone_enc, phone_bi,
                                 birth_date, sex, relation, employer_id, tags, note, created_at, updated_at)
          SELECT CASE WHEN household_ref > 0 THEN household_ref ELSE ${base}::bigint - household_ref END,
                 place_path, name, id_type, id_number_enc, id_number_bi, phone_enc, phone_bi,
                 birth_date, sex, relation, employer_id, tags, note, ${now}, ${now}
          FROM resident_import_rows WHERE job_id = ${job.id}
          RETURNING place_path)
        SELECT count(*)::int AS n, min(place_path) AS lo, max(place_path) AS hi FROM ins`,
  );
  await rebuild();
  const r = inserted[0];
  return { imported: r?.n ?? 0, placeId: commonPlace(r?.lo, r?.hi) };
}

/** Imports of at least this many rows into a table holding fewer go in as a bulk load. */
export const bulkLoad = { minRows: 100_000 };

/**
 * A load larger than the table already is (a district's first import of its residents) goes
 * in faster without keeping the residents' secondary indexes row by row: they are dropped in
 * the commit transaction and built again afterwards from their own catalogue definitions, in
 * one sorted pass each, as bulk loaders do — 1,000,000 rows in about half the time. The table
 * is locked for the rest of the transaction, which a first load can afford; a routine import
 * into a populated register keeps the indexes. Returns what rebuilds them.
 */
async function dropIndexesForBulkLoad(ctx: Ctx, tx: Tx, rows: number): Promise<() => Promise<void>> {
  if (rows < bulkLoad.minRows) return async () => undefined;
  const fewer = await queryRows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM (SELECT 1 FROM residents LIMIT ${rows}) r`);
  if ((fewer[0]?.n ?? 0) >= rows) return async () => undefined;
  // The primary key stays (it backs a constraint); the unique blind index is rebuilt, so a
  // duplicate that slipped past the checks above still fails the whole import.
  const indexes = await queryRows<{ name: string; def: string }>(
    tx,
    sql`SELECT i.indexname AS name, i.indexdef AS def FROM pg_indexes i
        WHERE i.schemaname = current_schema() AND i.tablename = 'residents'
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = format('%I.%I', i.schemaname, i.indexname)::regclass)
        ORDER BY i.indexname`,
  );
  await tx.execute(sql`LOCK TABLE residents IN ACCESS EXCLUSIVE MODE`);
  for (const ix of indexes) await tx.execute(sql`DROP INDEX ${sql.identifier(ix.name)}`);
  return async () => {
    if (ctx.platform.database.kind === 'postgresql') await tx.execute(sql`SET LOCAL maintenance_work_mem = '256MB'`);
    for (const ix of indexes) await tx.execute(sql.raw(ix.def));
  };
}

export async function discardResidentImport(ex: Executor, jobId: number) {
  await ex.execute(sql`DELETE FROM resident_import_rows WHERE job_id = ${jobId}`);
}
