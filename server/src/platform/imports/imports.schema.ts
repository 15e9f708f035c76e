import { bigint, boolean, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { LocalizedText } from '@jiayuan/contracts';
import { createdAt } from '../db/columns.js';

export const importJobs = pgTable('import_jobs', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
  kind: text('kind').notNull(),
  fileName: text('file_name').notNull(),
  status: text('status').notNull(),
  createdBy: bigint('created_by', { mode: 'number' }).notNull(),
  options: jsonb('options').$type<Record<string, unknown>>().notNull().default({}),
  totalRows: integer('total_rows').notNull().default(0),
  processedRows: integer('processed_rows').notNull().default(0),
  validRows: integer('valid_rows').notNull().default(0),
  errorRows: integer('error_rows').notNull().default(0),
  importedRows: integer('imported_rows').notNull().default(0),
  /** The deepest place holding every imported row: where "view what was imported" opens. */
  placeId: bigint('place_id', { mode: 'number' }),
  onlyValid: boolean('only_valid').notNull().default(false),
  failure: jsonb('failure').$type<LocalizedText>(),
  createdAt: createdAt(),
  /** Touched while a job runs, so a restart can tell abandoned jobs from a peer instance's live ones. */
  heartbeatAt: timestamp('heartbeat_at', { withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
});

/** Row-level problems found while validating an import; values are stored masked. */
export const importErrors = pgTable(
  'import_errors',
  {
    jobId: bigint('job_id', { mode: 'number' })
      .notNull()
      .references(() => importJobs.id, { onDelete: 'cascade' }),
    rowNo: integer('row_no').notNull(),
    column: text('column'),
    code: text('code').notNull(),
    value: text('value'),
  },
  (t) => [index('import_errors_job_idx').on(t.jobId, t.rowNo)],
);
