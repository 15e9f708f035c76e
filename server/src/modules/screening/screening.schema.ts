import { sql } from 'drizzle-orm';
import { bigint, boolean, date, index, integer, jsonb, numeric, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { Answers, CampaignStatus, FindingReason, FindingStatus, Question, VisitOutcome } from '@jiayuan/contracts';
import { bytea, createdAt, pathText, updatedAt } from '../../platform/db/columns.js';

/** 入户摸排 campaigns: a question set asked door to door over some places, in rounds. */
export const screeningCampaigns = pgTable(
  'screening_campaigns',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    name: text('name').notNull(),
    status: text('status').$type<CampaignStatus>().notNull().default('draft'),
    questions: jsonb('questions').$type<Question[]>().notNull(),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }).notNull(),
    round: integer('round').notNull().default(1),
    note: text('note'),
    createdBy: bigint('created_by', { mode: 'number' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('screening_campaigns_status_idx').on(t.status)],
);

/** The places a campaign covers (communities or departments); their paths drive scope checks. */
export const screeningCampaignPlaces = pgTable(
  'screening_campaign_places',
  {
    campaignId: bigint('campaign_id', { mode: 'number' })
      .notNull()
      .references(() => screeningCampaigns.id, { onDelete: 'cascade' }),
    placeId: bigint('place_id', { mode: 'number' }).notNull(),
    path: pathText('path').notNull(),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.placeId] }), index('screening_campaign_places_path_idx').on(t.path)],
);

/** Who visits which grid or building in a campaign. */
export const screeningAssignments = pgTable(
  'screening_assignments',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    campaignId: bigint('campaign_id', { mode: 'number' })
      .notNull()
      .references(() => screeningCampaigns.id, { onDelete: 'cascade' }),
    userId: bigint('user_id', { mode: 'number' }).notNull(),
    gridId: bigint('grid_id', { mode: 'number' }),
    buildingId: bigint('building_id', { mode: 'number' }),
    communityId: bigint('community_id', { mode: 'number' }).notNull(),
    communityPath: pathText('community_path').notNull(),
    createdBy: bigint('created_by', { mode: 'number' }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('screening_assignments_target_key').on(t.campaignId, t.userId, sql`coalesce(${t.gridId}, 0)`, sql`coalesce(${t.buildingId}, 0)`),
    index('screening_assignments_user_idx').on(t.userId, t.campaignId),
  ],
);

/**
 * Household visits. The id is made by the visitor's phone, so a visit synced twice is stored
 * once. Community and building are copied from the dwelling so coverage groups without joins.
 */
export const screeningVisits = pgTable(
  'screening_visits',
  {
    id: uuid('id').primaryKey(),
    campaignId: bigint('campaign_id', { mode: 'number' }).notNull(),
    round: integer('round').notNull(),
    householdId: bigint('household_id', { mode: 'number' }).notNull(),
    communityId: bigint('community_id', { mode: 'number' }).notNull(),
    buildingId: bigint('building_id', { mode: 'number' }).notNull(),
    placePath: pathText('place_path').notNull(),
    outcome: text('outcome').$type<VisitOutcome>().notNull(),
    visitedAt: timestamp('visited_at', { withTimezone: true }).notNull(),
    persons: smallint('persons').notNull().default(0),
    note: text('note'),
    visitorUserId: bigint('visitor_user_id', { mode: 'number' }),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('screening_visits_household_idx').on(t.campaignId, t.round, t.householdId, t.visitedAt),
    index('screening_visits_community_idx').on(t.campaignId, t.communityId),
  ],
);

/** The persons recorded on a visit, with their answers; an unregistered person's phone is sealed. */
export const screeningPersonVisits = pgTable(
  'screening_person_visits',
  {
    visitId: uuid('visit_id')
      .notNull()
      .references(() => screeningVisits.id, { onDelete: 'cascade' }),
    idx: smallint('idx').notNull(),
    campaignId: bigint('campaign_id', { mode: 'number' }).notNull(),
    residentId: bigint('resident_id', { mode: 'number' }),
    name: text('name'),
    phoneEnc: bytea('phone_enc'),
    phoneBi: bytea('phone_bi'),
    unregisteredNote: text('unregistered_note'),
    present: boolean('present').notNull(),
    answers: jsonb('answers').$type<Answers>().notNull(),
    reasons: text('reasons')
      .array()
      .$type<FindingReason[]>()
      .notNull()
      .default(sql`'{}'::text[]`),
  },
  (t) => [primaryKey({ columns: [t.visitId, t.idx] }), index('screening_person_visits_resident_idx').on(t.residentId)],
);

/** A person who needs following up: symptoms, a high temperature, a risk area, or not registered. */
export const screeningFindings = pgTable(
  'screening_findings',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    campaignId: bigint('campaign_id', { mode: 'number' }).notNull(),
    visitId: uuid('visit_id').notNull(),
    personIdx: smallint('person_idx').notNull(),
    residentId: bigint('resident_id', { mode: 'number' }),
    householdId: bigint('household_id', { mode: 'number' }).notNull(),
    communityId: bigint('community_id', { mode: 'number' }).notNull(),
    placePath: pathText('place_path').notNull(),
    reasons: text('reasons').array().$type<FindingReason[]>().notNull(),
    temperature: numeric('temperature', { precision: 4, scale: 1, mode: 'number' }),
    visitedAt: timestamp('visited_at', { withTimezone: true }).notNull(),
    status: text('status').$type<FindingStatus>().notNull().default('open'),
    caseRef: text('case_ref'),
    note: text('note'),
    decidedBy: bigint('decided_by', { mode: 'number' }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: createdAt(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('screening_findings_person_key').on(t.visitId, t.personIdx),
    index('screening_findings_campaign_idx').on(t.campaignId, t.status, t.communityId),
    index('screening_findings_path_idx').on(t.placePath),
  ],
);
