import { sql } from 'drizzle-orm';
import { bigint, boolean, check, date, integer, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import type { Holiday } from '@jiayuan/contracts';
import { updatedAt } from '../db/columns.js';

/** Local corrections to the national holiday calendar (a district's own rest day, a late notice). */
export const calendarOverrides = pgTable('calendar_overrides', {
  date: date('date', { mode: 'string' }).primaryKey(),
  workday: boolean('workday').notNull(),
  note: text('note'),
  updatedBy: bigint('updated_by', { mode: 'number' }),
  updatedAt: updatedAt(),
});

/**
 * A year's holiday arrangement as the State Council publishes it each autumn, entered by an
 * administrator in one form: holiday ranges and make-up working days. It takes precedence over
 * the holiday package and the statutory default.
 */
export const calendarYears = pgTable(
  'calendar_years',
  {
    year: integer('year').primaryKey(),
    holidays: jsonb('holidays').$type<Array<{ holiday: Holiday; from: string; to: string }>>().notNull(),
    makeUpDays: jsonb('make_up_days').$type<Array<{ date: string; holiday: Holiday | null }>>().notNull(),
    note: text('note'),
    updatedBy: bigint('updated_by', { mode: 'number' }),
    updatedAt: updatedAt(),
    version: integer('version').notNull().default(1),
  },
  (t) => [check('calendar_years_year_check', sql`${t.year} BETWEEN 2000 AND 2100`)],
);

/** The opening hours of working days, one row (absent: 08:30–17:30). */
export const calendarSettings = pgTable(
  'calendar_settings',
  {
    id: integer('id').primaryKey().default(1),
    openAt: text('open_at').notNull(),
    closeAt: text('close_at').notNull(),
    updatedBy: bigint('updated_by', { mode: 'number' }),
    updatedAt: updatedAt(),
    version: integer('version').notNull().default(1),
  },
  (t) => [check('calendar_settings_one_row', sql`${t.id} = 1`)],
);
