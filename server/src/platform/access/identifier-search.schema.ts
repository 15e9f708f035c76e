import { integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Searches by a full ID or phone number, counted per caller and minute: the database holds the
 * count, so the limit is one across app instances and a burst of parallel requests cannot
 * slip past it. Rows older than an hour are deleted by a job.
 */
export const identifierSearchCounts = pgTable(
  'identifier_search_counts',
  {
    /** `user:<id>`, `token:<id>`, or `ip:<address>` for a caller without an account. */
    subject: text('subject').notNull(),
    minute: timestamp('minute', { withTimezone: true }).notNull(),
    searches: integer('searches').notNull(),
  },
  (t) => [primaryKey({ columns: [t.subject, t.minute] })],
);
