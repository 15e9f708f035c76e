import { bigint, boolean, date, integer, numeric, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { Symptom } from '@jiayuan/contracts';
import { pathText } from '../../platform/db/columns.js';

/**
 * Health checks: one row per person per check slot (made ahead by the slot job), filled in
 * when the reading is taken, plus rows for readings taken outside any slot (`slot_no` null).
 * Partitioned by day on `window_start` (50,000 a day at city scale; retention drops days), so
 * it is created by a hand-written migration and this file is not a `*.schema.ts`.
 * Temperatures and symptoms are personal health data: never logged, never in the audit log.
 */
export const observationChecks = pgTable('observation_checks', {
  id: bigint('id', { mode: 'number' }).notNull(),
  caseId: bigint('case_id', { mode: 'number' }).notNull(),
  residentId: bigint('resident_id', { mode: 'number' }).notNull(),
  placePath: pathText('place_path').notNull(),
  slotDate: date('slot_date', { mode: 'string' }).notNull(),
  slotNo: integer('slot_no'),
  windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
  windowEnd: timestamp('window_end', { withTimezone: true }).notNull(),
  graceUntil: timestamp('grace_until', { withTimezone: true }).notNull(),
  temperature: numeric('temperature', { precision: 3, scale: 1, mode: 'number' }),
  symptoms: text('symptoms').array().$type<Symptom[]>().notNull(),
  alert: boolean('alert').notNull(),
  note: text('note'),
  takenAt: timestamp('taken_at', { withTimezone: true }),
  takenBy: bigint('taken_by', { mode: 'number' }),
  takenByName: text('taken_by_name'),
  acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
  acknowledgedBy: bigint('acknowledged_by', { mode: 'number' }),
});
