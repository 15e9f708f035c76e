import { bigint, boolean, date, pgTable, text } from 'drizzle-orm/pg-core';
import { updatedAt } from '../db/columns.js';

/** Local corrections to the national holiday calendar (a district's own rest day, a late notice). */
export const calendarOverrides = pgTable('calendar_overrides', {
  date: date('date', { mode: 'string' }).primaryKey(),
  workday: boolean('workday').notNull(),
  note: text('note'),
  updatedBy: bigint('updated_by', { mode: 'number' }),
  updatedAt: updatedAt(),
});
