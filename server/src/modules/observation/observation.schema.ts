import { sql } from 'drizzle-orm';
import { bigint, boolean, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { Custodian, ObservationBasis, ObservationKind, ObservationStatus, SlotSpec } from '@jiayuan/contracts';
import { createdAt, pathText, updatedAt } from '../../platform/db/columns.js';

/**
 * One observation case per person at a time: home observation, facility quarantine or fever
 * follow-up, with the rule its planned end comes from, the household members checked too,
 * the "3+1" custodians, and its check slots (copied at opening).
 */
export const observationCases = pgTable(
  'observation_cases',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    residentId: bigint('resident_id', { mode: 'number' }).notNull(),
    householdId: bigint('household_id', { mode: 'number' }).notNull(),
    /** The dwelling's path, copied so scope filters need no join. */
    placePath: pathText('place_path').notNull(),
    kind: text('kind').$type<ObservationKind>().notNull(),
    status: text('status').$type<ObservationStatus>().notNull().default('active'),
    reason: text('reason').notNull(),
    planBasis: text('plan_basis').$type<ObservationBasis>().notNull(),
    planBasisDate: date('plan_basis_date', { mode: 'string' }).notNull(),
    planDays: integer('plan_days').notNull(),
    /** Whether the basis day is day 1 of the plan (else counting starts the next day); cases before the setting counted it. */
    planFirstDayCounted: boolean('plan_first_day_counted').notNull().default(true),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    plannedEndOn: date('planned_end_on', { mode: 'string' }).notNull(),
    memberIds: bigint('member_ids', { mode: 'number' })
      .array()
      .notNull()
      .default(sql`'{}'::bigint[]`),
    custodians: jsonb('custodians').$type<Custodian[]>().notNull().default([]),
    slots: jsonb('slots').$type<SlotSpec[]>().notNull(),
    sourceType: text('source_type'),
    sourceId: text('source_id'),
    openedBy: bigint('opened_by', { mode: 'number' }),
    releaseProposedAt: timestamp('release_proposed_at', { withTimezone: true }),
    releasedAt: timestamp('released_at', { withTimezone: true }),
    releasedBy: bigint('released_by', { mode: 'number' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('observation_cases_open_resident_key')
      .on(t.residentId)
      .where(sql`${t.status} IN ('active', 'release_proposed')`),
    index('observation_cases_path_idx').on(t.placePath),
    index('observation_cases_status_idx').on(t.status, t.plannedEndOn),
    index('observation_cases_source_idx').on(t.sourceType, t.sourceId),
  ],
);

/** What happened to a case, for its timeline (the audit log has the same, for auditors). */
export const observationEvents = pgTable(
  'observation_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    caseId: bigint('case_id', { mode: 'number' }).notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    kind: text('kind').notNull(),
    actorUserId: bigint('actor_user_id', { mode: 'number' }),
    actorName: text('actor_name').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index('observation_events_case_idx').on(t.caseId, t.at)],
);

/** Supplies and services brought to the door (生活补给): what, by whom, when. */
export const observationDeliveries = pgTable(
  'observation_deliveries',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    caseId: bigint('case_id', { mode: 'number' }).notNull(),
    what: text('what').notNull(),
    quantity: text('quantity'),
    note: text('note'),
    deliveredBy: bigint('delivered_by', { mode: 'number' }),
    deliveredByName: text('delivered_by_name').notNull(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('observation_deliveries_case_idx').on(t.caseId, t.deliveredAt)],
);

/** A community's check slots (default: 08:00–10:00 and 16:00–18:00, 30 minutes' grace); cases copy them when they open. */
export const observationSettings = pgTable('observation_settings', {
  communityId: bigint('community_id', { mode: 'number' }).primaryKey(),
  slots: jsonb('slots').$type<SlotSpec[]>().notNull(),
  /** Whether the arrival (basis) day counts as day 1 of an observation; by default it does not (Civil Code art. 201). */
  arrivalDayCounted: boolean('arrival_day_counted').notNull().default(false),
  updatedBy: bigint('updated_by', { mode: 'number' }),
  updatedAt: updatedAt(),
  version: integer('version').notNull().default(1),
});
