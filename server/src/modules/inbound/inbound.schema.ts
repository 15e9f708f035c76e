import { sql } from 'drizzle-orm';
import { bigint, date, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { HealthDeclaration, InboundSource, InboundStatus, Measure } from '@jiayuan/contracts';
import { bytea, createdAt, pathText, updatedAt } from '../../platform/db/columns.js';

/**
 * Return requests (返程申请) carried through the six-step loop. The person is a resident on
 * file or a new person; ID and phone numbers exist only encrypted with a blind index.
 * `*_at` columns record when each step was done; figures are computed from them.
 */
export const inboundRequests = pgTable(
  'inbound_requests',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    status: text('status').$type<InboundStatus>().notNull(),
    source: text('source').$type<InboundSource>().notNull(),
    residentId: bigint('resident_id', { mode: 'number' }),
    name: text('name').notNull(),
    idNumberEnc: bytea('id_number_enc'),
    idNumberBi: bytea('id_number_bi'),
    phoneEnc: bytea('phone_enc'),
    phoneBi: bytea('phone_bi'),
    employerId: bigint('employer_id', { mode: 'number' }),
    fromCity: text('from_city').notNull(),
    fromRisk: text('from_risk').$type<'low' | 'medium' | 'high'>().notNull(),
    plannedArrival: date('planned_arrival', { mode: 'string' }).notNull(),
    transport: text('transport'),
    /** The health declaration: personal health data, shown only to who reviews or checks in. */
    health: jsonb('health').$type<HealthDeclaration>().notNull(),
    dwellingId: bigint('dwelling_id', { mode: 'number' }),
    dwellingPath: pathText('dwelling_path'),
    /** Free-text address of a self-declaration, until staff place the person in a dwelling. */
    address: text('address'),
    /** The department the request sits with before routing (scope for its coordinators). */
    departmentPath: pathText('department_path').notNull(),
    communityId: bigint('community_id', { mode: 'number' }),
    communityPath: pathText('community_path'),
    measure: jsonb('measure').$type<Measure>(),
    decisionReason: text('decision_reason'),
    appealText: text('appeal_text'),
    appealCount: integer('appeal_count').notNull().default(0),
    submittedBy: bigint('submitted_by', { mode: 'number' }),
    firstSubmittedAt: timestamp('first_submitted_at', { withTimezone: true }).notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
    routedAt: timestamp('routed_at', { withTimezone: true }),
    routedBy: bigint('routed_by', { mode: 'number' }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedBy: bigint('decided_by', { mode: 'number' }),
    decidedByName: text('decided_by_name'),
    /** Until when the approval notice (and its QR pass) is valid: the arrival deadline. */
    noticeValidUntil: timestamp('notice_valid_until', { withTimezone: true }),
    notifiedAt: timestamp('notified_at', { withTimezone: true }),
    notifiedBy: bigint('notified_by', { mode: 'number' }),
    selfReportedAt: timestamp('self_reported_at', { withTimezone: true }),
    arrivedAt: timestamp('arrived_at', { withTimezone: true }),
    arrivedBy: bigint('arrived_by', { mode: 'number' }),
    checkInMethod: text('check_in_method'),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    observationCaseId: bigint('observation_case_id', { mode: 'number' }),
    /** When the current step is due (mirrors the open obligation, for queue sorting). */
    dueAt: timestamp('due_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('inbound_requests_status_idx').on(t.status, t.dueAt),
    index('inbound_requests_department_idx').on(t.departmentPath, t.status),
    index('inbound_requests_community_idx').on(t.communityPath, t.status),
    index('inbound_requests_employer_idx').on(t.employerId, t.status),
    index('inbound_requests_resident_idx').on(t.residentId),
    index('inbound_requests_phone_idx').on(t.phoneBi),
    index('inbound_requests_submitted_idx').on(t.submittedAt),
    index('inbound_requests_decided_idx')
      .on(t.decidedAt)
      .where(sql`${t.decidedAt} IS NOT NULL`),
  ],
);

/** Each step a request went through, for its timeline. */
export const inboundEvents = pgTable(
  'inbound_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    requestId: bigint('request_id', { mode: 'number' }).notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    action: text('action').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    actorUserId: bigint('actor_user_id', { mode: 'number' }),
    actorName: text('actor_name').notNull(),
    reason: text('reason'),
  },
  (t) => [index('inbound_events_request_idx').on(t.requestId, t.at)],
);

/** Per-community deadlines of the loop; a community without a row uses the defaults. */
export const inboundSettings = pgTable('inbound_settings', {
  communityId: bigint('community_id', { mode: 'number' }).primaryKey(),
  routeMinutes: integer('route_minutes').notNull(),
  reviewMinutes: integer('review_minutes').notNull(),
  notifyMinutes: integer('notify_minutes').notNull(),
  arrivalGraceDays: integer('arrival_grace_days').notNull(),
  defaultObservationDays: integer('default_observation_days').notNull(),
  updatedBy: bigint('updated_by', { mode: 'number' }),
  updatedAt: updatedAt(),
  version: integer('version').notNull().default(1),
});
