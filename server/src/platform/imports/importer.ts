import type { Permission } from '@jiayuan/contracts';
import type { Ctx } from '../context.js';
import type { Executor, Tx } from '../db/database.js';
import type { importJobs } from './imports.schema.js';

export type ImportJobRow = typeof importJobs.$inferSelect;

export interface RowError {
  rowNo: number;
  column: string | null;
  code: string;
  /** Shown to the user to find the cell; personal values arrive here already masked. */
  value: string | null;
}

export interface ValidationHooks {
  /** Reports progress; `total` once known. */
  progress(processed: number, total?: number): Promise<void>;
  errors(errors: RowError[]): Promise<void>;
}

export interface ImportCommitted {
  imported: number;
  placeId: number | null;
}

/** The deepest place whose path ("1.5.20.") starts every path from `lowest` to `highest` (in C order): the last id both share. */
export function commonPlace(lowest: string | null | undefined, highest: string | null | undefined): number | null {
  if (!lowest || !highest) return null;
  let i = 0;
  while (i < lowest.length && i < highest.length && lowest[i] === highest[i]) i++;
  const shared = lowest.slice(0, i);
  const ids = shared
    .slice(0, shared.lastIndexOf('.') + 1)
    .split('.')
    .filter(Boolean);
  return ids.length > 0 ? Number(ids[ids.length - 1]) : null;
}

export interface ValidationResult {
  total: number;
  valid: number;
  errorRows: number;
}

/**
 * One kind of Excel import. The engine owns jobs, progress, error reports and the
 * all-or-nothing commit; an importer parses, validates and stages rows, then moves the
 * staged rows into its own tables inside the commit transaction.
 */
export interface Importer {
  kind: string;
  permission: Permission;
  validate(ctx: Ctx, job: ImportJobRow, filePath: string, hooks: ValidationHooks): Promise<ValidationResult>;
  /**
   * Runs inside the commit transaction; answers how many rows were imported and the deepest place
   * holding all of them (where "view what was imported" opens), or null.
   */
  commit(ctx: Ctx, tx: Tx, job: ImportJobRow, onlyValid: boolean): Promise<ImportCommitted>;
  discard(ex: Executor, jobId: number): Promise<void>;
}
