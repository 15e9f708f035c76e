import { sql } from 'drizzle-orm';
import { bigint, index, integer, numeric, pgSequence, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { bytea, createdAt, pathText, updatedAt } from '../../platform/db/columns.js';

/** Every pass that is revoked or used up takes the next number, so gates can ask for what changed since. */
export const passListVersion = pgSequence('pass_list_version');

/**
 * Passes (通行证): health pass cards, household entry tickets, vehicle passes. The signed token
 * is kept so the same QR code prints and shows again; it carries no ID number. `list_version`
 * is set when the pass leaves use (revoked, used up) so the revocation list can be sent as a delta.
 */
export const accessPasses = pgTable(
  'access_passes',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    /** 'health_pass' | 'entry_ticket' | 'vehicle_pass' */
    kind: text('kind').notNull(),
    /** 'active' | 'revoked' (expiry and use-up are read from the dates and counts) */
    status: text('status').notNull().default('active'),
    residentId: bigint('resident_id', { mode: 'number' }),
    householdId: bigint('household_id', { mode: 'number' }),
    /** The household's dwelling path (or, for a vehicle pass of no resident, the compound's). */
    placePath: pathText('place_path').notNull(),
    holderName: text('holder_name').notNull(),
    dwellingLabel: text('dwelling_label').notNull(),
    plate: text('plate'),
    validFrom: timestamp('valid_from', { withTimezone: true }).notNull(),
    validUntil: timestamp('valid_until', { withTimezone: true }).notNull(),
    /**
     * An entry ticket's period: two days from issue (seed 004: 一户一票两天一票). The exclusion
     * constraint `access_passes_ticket_period_excl` (migration, with btree_gist) lets a household
     * hold no two tickets whose periods overlap, unless one was revoked.
     */
    ticketPeriodEnd: timestamp('ticket_period_end', { withTimezone: true }),
    maxUses: integer('max_uses'),
    usesCount: integer('uses_count').notNull().default(0),
    token: text('token').notNull(),
    issuedBy: bigint('issued_by', { mode: 'number' }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedBy: bigint('revoked_by', { mode: 'number' }),
    revokeReason: text('revoke_reason'),
    listVersion: bigint('list_version', { mode: 'number' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('access_passes_path_idx').on(t.placePath, t.kind),
    index('access_passes_resident_idx').on(t.residentId),
    index('access_passes_household_idx').on(t.householdId, t.kind, t.validUntil),
    index('access_passes_plate_idx').on(t.plate),
    index('access_passes_list_idx')
      .on(t.listVersion)
      .where(sql`${t.listVersion} IS NOT NULL`),
  ],
);

/** Gates of a compound (门岗) and checkpoints (卡口), each standing at one place. */
export const accessGates = pgTable(
  'access_gates',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    name: text('name').notNull(),
    /** 'gate' | 'checkpoint' */
    kind: text('kind').notNull(),
    placeId: bigint('place_id', { mode: 'number' }).notNull(),
    placePath: pathText('place_path').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('access_gates_place_name_key').on(t.placeId, t.name), index('access_gates_path_idx').on(t.placePath)],
);

/**
 * Visitors registered at a gate (outsiders, seed 004: every one with a temperature). The phone
 * is sealed like a resident's; the temperature is a health reading, never logged.
 */
export const gateVisitors = pgTable(
  'gate_visitors',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    gateId: bigint('gate_id', { mode: 'number' }).notNull(),
    eventClientId: uuid('event_client_id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    name: text('name').notNull(),
    phoneEnc: bytea('phone_enc').notNull(),
    phoneBi: bytea('phone_bi').notNull(),
    reason: text('reason').notNull(),
    hostDwellingId: bigint('host_dwelling_id', { mode: 'number' }),
    placePath: pathText('place_path').notNull(),
    temperature: numeric('temperature', { precision: 3, scale: 1, mode: 'number' }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('gate_visitors_event_key').on(t.gateId, t.eventClientId), index('gate_visitors_path_idx').on(t.placePath, t.at)],
);

/**
 * A fever at a gate handed to the health worker: for a resident, the observation case opened;
 * for a visitor, this referral is the record.
 */
export const gateReferrals = pgTable(
  'gate_referrals',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    gateId: bigint('gate_id', { mode: 'number' }).notNull(),
    eventClientId: uuid('event_client_id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    /** 'resident' | 'visitor' */
    subject: text('subject').notNull(),
    residentId: bigint('resident_id', { mode: 'number' }),
    visitorId: bigint('visitor_id', { mode: 'number' }),
    observationCaseId: bigint('observation_case_id', { mode: 'number' }),
    placePath: pathText('place_path').notNull(),
    temperature: numeric('temperature', { precision: 3, scale: 1, mode: 'number' }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('gate_referrals_event_key').on(t.gateId, t.eventClientId), index('gate_referrals_path_idx').on(t.placePath, t.at)],
);
