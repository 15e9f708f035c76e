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
  /** Runs inside the commit transaction; returns how many rows were imported. */
  commit(ctx: Ctx, tx: Tx, job: ImportJobRow, onlyValid: boolean): Promise<number>;
  discard(ex: Executor, jobId: number): Promise<void>;
}
