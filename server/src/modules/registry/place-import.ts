import fs from 'node:fs';
import { sql } from 'drizzle-orm';
import type * as XL from 'exceljs';
import type { Ctx } from '../../platform/context.js';
import { queryRows, type Executor, type Tx } from '../../platform/db/database.js';
import { isUniqueViolation } from '../../platform/db/sql-state.js';
import { writeTemplate } from '../../platform/imports/import-template.js';
import type { ImportCommitted, Importer, ImportJobRow, RowError, ValidationHooks } from '../../platform/imports/importer.js';
import { importErrors } from '../../platform/imports/imports.errors.js';
import { sheetRows } from '../../platform/imports/sheet-rows.js';
import { PLACE_IMPORT_COLUMNS } from './place-import.columns.js';
import { placeImportErrors } from './place-import.errors.js';
import { PLACE_STAGING_COLUMNS, PlaceTreeBuilder, type ExistingPlace } from './place-import.tree.js';
import { MAX_IMPORT_ROWS } from './resident-import.js';
import { registryErrors } from './registry.errors.js';

void placeImportErrors; // registers the row error codes and their messages

const ROWS_PER_FLUSH = 5000;

/** The options an upload of the place tree carries: the centre's name, when there is no centre yet. */
export interface PlaceImportOptions {
  centerName?: string;
}

/** Every place on file, parents before children: what the import reuses. One query; a district's tree fits. */
async function loadExistingPlaces(ex: Executor): Promise<ExistingPlace[]> {
  return queryRows<ExistingPlace>(ex, sql`SELECT id, parent_id AS "parentId", type, name, path, depth FROM places ORDER BY depth, sort_order, id`);
}

/**
 * Validates a workbook of place paths and stages the places it adds. The tree is grown in
 * memory over the places on file, so a row reuses what exists or what an earlier row made;
 * only the new places are staged, by COPY, in batches as the file streams.
 */
async function validate(ctx: Ctx, job: ImportJobRow, filePath: string, hooks: ValidationHooks) {
  const { platform } = ctx;
  const options = job.options as PlaceImportOptions;
  const builder = new PlaceTreeBuilder(job.id, ctx.actor, await loadExistingPlaces(platform.db), options.centerName ?? null);
  const fileSize = fs.statSync(filePath).size;
  let bytesRead = 0;
  let total = 0;
  let valid = 0;
  let errorRows = 0;
  let errors: RowError[] = [];
  const flush = async () => {
    const lines = builder.takeLines();
    if (lines.length > 0) {
      await platform.db.transaction((tx) => platform.database.copyInto(tx as Tx, 'place_import_rows', PLACE_STAGING_COLUMNS, lines));
    }
    if (errors.length > 0) await hooks.errors(errors);
    errors = [];
    await hooks.progress(total, bytesRead > 0 ? Math.max(total, Math.round((total * fileSize) / bytesRead)) : undefined);
  };
  for await (const { rowNo, cells } of sheetRows(filePath, PLACE_IMPORT_COLUMNS, (n) => (bytesRead = n))) {
    total++;
    if (total > MAX_IMPORT_ROWS) throw importErrors.IMPORT_TOO_MANY_ROWS({ max: MAX_IMPORT_ROWS });
    const problems = builder.addRow(rowNo, cells);
    if (problems) {
      errorRows++;
      errors.push(...problems);
    } else valid++;
    if (total % ROWS_PER_FLUSH === 0) await flush();
  }
  await flush();
  if (total === 0) throw importErrors.IMPORT_EMPTY();
  return { total, valid, errorRows };
}

/**
 * Adds the staged places in the caller's transaction: ids reserved in one step, then one
 * INSERT … SELECT per level of the tree, each joining its parents (on file, or inserted by the
 * level above) for their paths. A parent deleted or a name taken since validation fails the
 * whole import (nothing is written); the user uploads the file again.
 */
export async function commitPlaceImport(ctx: Ctx, tx: Tx, job: { id: number }): Promise<ImportCommitted> {
  const now = ctx.platform.clock.now();
  const levels = await queryRows<{ depth: number; n: number }>(
    tx,
    sql`SELECT depth, count(*)::int AS n FROM place_import_rows WHERE job_id = ${job.id} GROUP BY depth ORDER BY depth`,
  );
  const total = levels.reduce((s, l) => s + l.n, 0);
  if (total === 0) return { imported: 0, placeId: null };
  const reserved = await queryRows<{ last: number }>(
    tx,
    sql`SELECT setval(pg_get_serial_sequence('places', 'id'), nextval(pg_get_serial_sequence('places', 'id')) + ${total - 1}) AS last`,
  );
  const base = reserved[0]!.last - total;
  try {
    for (const level of levels) {
      const inserted = await queryRows<{ n: number }>(
        tx,
        sql`WITH ins AS (
              INSERT INTO places (id, parent_id, type, name, path, depth, sort_order, attrs, created_at, updated_at)
              SELECT ${base}::bigint + s.ref, p.id, s.type, s.name, coalesce(p.path, '') || (${base}::bigint + s.ref)::text || '.',
                     s.depth, s.sort_order, '{}'::jsonb, ${now}, ${now}
              FROM place_import_rows s
              LEFT JOIN places p ON p.id = coalesce(s.parent_id, ${base}::bigint + s.parent_ref)
              WHERE s.job_id = ${job.id} AND s.depth = ${level.depth}
                AND (p.id IS NOT NULL OR (s.parent_id IS NULL AND s.parent_ref IS NULL))
              RETURNING 1)
            SELECT count(*)::int AS n FROM ins`,
      );
      if ((inserted[0]?.n ?? 0) !== level.n) throw registryErrors.REGISTRY_PLACE_IMPORT_STALE();
    }
  } catch (err) {
    // Someone added a place of the same name under the same parent since validation.
    if (isUniqueViolation(err)) throw registryErrors.REGISTRY_PLACE_IMPORT_STALE();
    throw err;
  }
  // The places added hang under existing ones or start a tree: "view" opens the registry's top.
  return { imported: total, placeId: null };
}

export async function discardPlaceImport(ex: Executor, jobId: number) {
  await ex.execute(sql`DELETE FROM place_import_rows WHERE job_id = ${jobId}`);
}

/** Imports the place tree: what the first-run setup offers next to typing the centre, departments and communities. */
export const placeImporter: Importer = {
  kind: 'places',
  permission: 'place.manage',
  validate,
  // Rows with problems were never staged, so "only the valid rows" and "all" stage the same places.
  commit: (ctx, tx, job) => commitPlaceImport(ctx, tx, job),
  discard: discardPlaceImport,
};

/** The downloadable template: the levels as columns, example rows, and a sheet of instructions. */
export async function writePlaceImportTemplate(wb: XL.stream.xlsx.WorkbookWriter) {
  writeTemplate(wb, {
    sheet: '区域 Places',
    columns: PLACE_IMPORT_COLUMNS,
    examples: [
      { center: '西城社会化服务协调中心', department: '文汇居民事务协调部', community: '荟萃社区' },
      {
        center: '西城社会化服务协调中心',
        department: '文汇居民事务协调部',
        community: '荟萃社区',
        station: '',
        compound: '建工小区',
        building: '3号楼',
        stairwell: '1单元',
        dwelling: '101',
      },
      {
        center: '西城社会化服务协调中心',
        department: '文汇居民事务协调部',
        community: '荟萃社区',
        station: '',
        compound: '建工小区',
        building: '3号楼',
        stairwell: '1单元',
        dwelling: '102',
      },
    ],
    notes: [
      [
        '每一行',
        '一行是一条从上到下的区域路径，可以停在任意一级（例如只填协调部和社区）。示例行导入前请删除。',
        'Each row is one path down the tree and may stop at any level (e.g. department and community only). Delete the example rows before importing.',
      ],
      [
        '协调中心',
        '可空：为空时放在系统现有的协调中心之下；系统还没有协调中心时，填写此列或在导入页填写中心名称。',
        'Optional: blank rows go under the existing centre; with no centre yet, fill it in or give its name on the import page.',
      ],
      ['协调部、社区', '带*为必填。', 'Starred columns are required.'],
      ['协调站', '可空：小区可以直接属于社区。', 'Optional: a compound may sit right under its community.'],
      [
        '小区…房号',
        '填写了下级就要填写上级（协调站除外）。名称最多60个字。',
        'A deeper level needs every level above it (except the station). Names have at most 60 characters.',
      ],
      [
        '重复',
        '已有的区域（同一上级下同名，“3号楼”与“3”视为同名）不会重复建立；重复的行不算错误。',
        'Places already there (same parent and name; "3号楼" and "3" are one) are reused; repeated rows are not errors.',
      ],
    ],
  });
}
