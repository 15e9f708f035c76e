import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** One row per periodic job: when it is next due, and how its last run went. */
export const scheduledJobs = pgTable('scheduled_jobs', {
  name: text('name').primaryKey(),
  nextRunAt: timestamp('next_run_at', { withTimezone: true }).notNull(),
  lastStartedAt: timestamp('last_started_at', { withTimezone: true }),
  lastFinishedAt: timestamp('last_finished_at', { withTimezone: true }),
  lastStatus: text('last_status'),
  lastError: text('last_error'),
  runs: integer('runs').notNull().default(0),
});
