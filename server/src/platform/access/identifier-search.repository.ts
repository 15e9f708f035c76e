import { lt, sql } from 'drizzle-orm';
import type { Executor } from '../db/database.js';
import { queryOne } from '../db/database.js';
import { identifierSearchCounts } from './identifier-search.schema.js';

/**
 * Counts one search of `subject` in `minute` if fewer than `limit` were counted: one statement,
 * a conditional increment under the row's lock, so parallel searches cannot both take the last
 * one. Answers the new count, or null when the limit was already reached (nothing changes).
 */
export async function countSearch(ex: Executor, subject: string, minute: Date, limit: number): Promise<number | null> {
  const row = await queryOne<{ searches: number }>(
    ex,
    sql`INSERT INTO identifier_search_counts AS c (subject, minute, searches) VALUES (${subject}, ${minute}, 1)
        ON CONFLICT (subject, minute) DO UPDATE SET searches = c.searches + 1 WHERE c.searches < ${limit}
        RETURNING searches`,
  );
  return row ? Number(row.searches) : null;
}

/** Forgets the counts of minutes before `before`. */
export async function deleteCountsBefore(ex: Executor, before: Date): Promise<void> {
  await ex.delete(identifierSearchCounts).where(lt(identifierSearchCounts.minute, before));
}
