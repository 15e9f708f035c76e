import { bigint, boolean, date, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { bytea, createdAt, pathText, updatedAt } from '../../platform/db/columns.js';

/**
 * A confirmed or suspected case (确诊/疑似病例) recorded against a dwelling. Health data: seen on a
 * need-to-know basis; the source note is sealed at rest and the person is shown masked unless revealed.
 * The place ids up to the compound are kept so the containment rule counts without walking the tree.
 */
export const containmentCases = pgTable(
  'containment_cases',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    dwellingId: bigint('dwelling_id', { mode: 'number' }).notNull(),
    /** The dwelling's path, for scope filters. */
    placePath: pathText('place_path').notNull(),
    communityId: bigint('community_id', { mode: 'number' }).notNull(),
    compoundId: bigint('compound_id', { mode: 'number' }).notNull(),
    buildingId: bigint('building_id', { mode: 'number' }).notNull(),
    stairwellId: bigint('stairwell_id', { mode: 'number' }).notNull(),
    residentId: bigint('resident_id', { mode: 'number' }),
    /** 'confirmed' | 'suspected' */
    kind: text('kind').notNull(),
    /** 'open' | 'excluded' | 'closed' */
    status: text('status').notNull().default('open'),
    reportedOn: date('reported_on', { mode: 'string' }).notNull(),
    onsetOn: date('onset_on', { mode: 'string' }),
    sourceNoteEnc: bytea('source_note_enc'),
    recordedBy: bigint('recorded_by', { mode: 'number' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('containment_cases_compound_idx').on(t.compoundId, t.reportedOn), index('containment_cases_path_idx').on(t.placePath)],
);

/** A community's containment rule: its thresholds, window, release days, and whether it seals without a coordinator. */
export const containmentSettings = pgTable('containment_settings', {
  communityId: bigint('community_id', { mode: 'number' }).primaryKey(),
  stairwell: integer('stairwell').notNull(),
  building: integer('building').notNull(),
  compound: integer('compound').notNull(),
  windowDays: integer('window_days').notNull(),
  releaseDays: integer('release_days').notNull(),
  autoConfirm: boolean('auto_confirm').notNull().default(false),
  countSuspected: boolean('count_suspected').notNull().default(false),
  updatedBy: bigint('updated_by', { mode: 'number' }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  version: integer('version').notNull().default(1),
});
