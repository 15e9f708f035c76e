import { sql } from 'drizzle-orm';
import { bigint, boolean, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { LocalizedText } from '@jiayuan/contracts';
import { createdAt, pathText, updatedAt } from '../db/columns.js';

/**
 * Every clock in the system: one row per duty with a deadline. "Overdue" is never stored;
 * it is `done_at IS NULL AND due_at < now()` at the moment someone asks.
 */
export const obligations = pgTable(
  'obligations',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    kind: text('kind').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id').notNull(),
    title: jsonb('title').$type<LocalizedText>().notNull(),
    link: text('link'),
    placeId: bigint('place_id', { mode: 'number' }),
    placePath: pathText('place_path'),
    responsibleUserId: bigint('responsible_user_id', { mode: 'number' }),
    responsibleRole: text('responsible_role'),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    doneAt: timestamp('done_at', { withTimezone: true }),
    doneBy: bigint('done_by', { mode: 'number' }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    cancelReason: text('cancel_reason'),
    ruleId: bigint('rule_id', { mode: 'number' }),
    escalateAt: timestamp('escalate_at', { withTimezone: true }),
    escalationRole: text('escalation_role'),
    escalatedAt: timestamp('escalated_at', { withTimezone: true }),
    /** The due time was counted on the working-day calendar (so it is provisional in a year whose arrangement is not entered). */
    workingTime: boolean('working_time').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    index('obligations_open_due_idx')
      .on(t.dueAt)
      .where(sql`${t.doneAt} IS NULL AND ${t.cancelledAt} IS NULL`),
    index('obligations_open_user_idx')
      .on(t.responsibleUserId, t.dueAt)
      .where(sql`${t.doneAt} IS NULL AND ${t.cancelledAt} IS NULL`),
    index('obligations_open_place_idx')
      .on(t.placePath, t.dueAt)
      .where(sql`${t.doneAt} IS NULL AND ${t.cancelledAt} IS NULL`),
    index('obligations_subject_idx').on(t.subjectType, t.subjectId),
    index('obligations_escalate_idx')
      .on(t.escalateAt)
      .where(sql`${t.doneAt} IS NULL AND ${t.cancelledAt} IS NULL AND ${t.escalatedAt} IS NULL`),
    uniqueIndex('obligations_rule_occurrence_key')
      .on(t.ruleId, t.subjectType, t.subjectId, t.dueAt)
      .where(sql`${t.ruleId} IS NOT NULL`),
  ],
);

/** Recurring duties that generate obligations ahead of time, one per target place per occurrence. */
export const obligationRules = pgTable('obligation_rules', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
  kind: text('kind').notNull(),
  title: jsonb('title').$type<LocalizedText>().notNull(),
  placeId: bigint('place_id', { mode: 'number' }).notNull(),
  targetType: text('target_type'),
  responsibleRole: text('responsible_role').notNull(),
  recurrence: text('recurrence').notNull(),
  interval: integer('interval').notNull().default(1),
  times: text('times').array().notNull(),
  weekdays: integer('weekdays')
    .array()
    .notNull()
    .default(sql`'{}'::int[]`),
  startsOn: date('starts_on', { mode: 'string' }).notNull(),
  endsOn: date('ends_on', { mode: 'string' }),
  escalateAfterMinutes: integer('escalate_after_minutes'),
  /** An occurrence on a holiday: kept, skipped, or moved to the next working day. */
  onHoliday: text('on_holiday').$type<'keep' | 'skip' | 'next_working_day'>().notNull().default('keep'),
  active: boolean('active').notNull().default(true),
  generatedUntil: timestamp('generated_until', { withTimezone: true }),
  createdBy: bigint('created_by', { mode: 'number' }),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
  version: integer('version').notNull().default(1),
});
