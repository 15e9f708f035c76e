import { sql } from 'drizzle-orm';
import { bigint, boolean, check, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { bytea, createdAt, pathText, updatedAt } from '../../platform/db/columns.js';

/**
 * A volunteer (志愿者): a resident, a staff account, or a person from a unit outside the area (name,
 * phone encrypted). `place_path` is the area they serve, so scopes and the community filter need no join.
 */
export const volVolunteers = pgTable(
  'vol_volunteers',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    residentId: bigint('resident_id', { mode: 'number' }),
    userId: bigint('user_id', { mode: 'number' }),
    /** Only for a person who is not a resident here (a resident's name is the registry's). */
    name: text('name'),
    phoneEnc: bytea('phone_enc'),
    phoneBi: bytea('phone_bi'),
    communityId: bigint('community_id', { mode: 'number' }).notNull(),
    placePath: pathText('place_path').notNull(),
    employerId: bigint('employer_id', { mode: 'number' }),
    skills: text('skills')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    serviceTypes: text('service_types')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    availability: text('availability'),
    fromDuty: boolean('from_duty').notNull().default(false),
    active: boolean('active').notNull().default(true),
    createdBy: bigint('created_by', { mode: 'number' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('vol_volunteers_resident_key').on(t.residentId),
    uniqueIndex('vol_volunteers_user_key').on(t.userId),
    index('vol_volunteers_path_idx').on(t.placePath),
    index('vol_volunteers_employer_idx').on(t.employerId),
  ],
);

/** A volunteer team (志愿服务队) by service type and area. */
export const volTeams = pgTable(
  'vol_teams',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    name: text('name').notNull(),
    serviceType: text('service_type').notNull(),
    placeId: bigint('place_id', { mode: 'number' }).notNull(),
    placePath: pathText('place_path').notNull(),
    communityId: bigint('community_id', { mode: 'number' }).notNull(),
    createdBy: bigint('created_by', { mode: 'number' }),
    createdAt: createdAt(),
  },
  (t) => [index('vol_teams_path_idx').on(t.placePath), index('vol_teams_type_idx').on(t.serviceType, t.communityId)],
);

export const volTeamMembers = pgTable(
  'vol_team_members',
  {
    teamId: bigint('team_id', { mode: 'number' })
      .notNull()
      .references(() => volTeams.id),
    volunteerId: bigint('volunteer_id', { mode: 'number' })
      .notNull()
      .references(() => volVolunteers.id),
    leader: boolean('leader').notNull().default(false),
    addedAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.volunteerId] }), index('vol_team_members_volunteer_idx').on(t.volunteerId)],
);

/**
 * A need (需求): published by a resident or for them. `takers` counts places taken; a take is one
 * `UPDATE … SET takers = takers + 1 WHERE takers < takers_needed`, and the CHECK refuses any write
 * that would give it more takers than it asked for, whatever the code path.
 */
export const volNeeds = pgTable(
  'vol_needs',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    category: text('category').notNull(),
    title: text('title').notNull(),
    notes: text('notes'),
    place: text('place'),
    residentId: bigint('resident_id', { mode: 'number' }).notNull(),
    communityId: bigint('community_id', { mode: 'number' }).notNull(),
    placePath: pathText('place_path').notNull(),
    windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
    windowEnd: timestamp('window_end', { withTimezone: true }).notNull(),
    takersNeeded: integer('takers_needed').notNull().default(1),
    takers: integer('takers').notNull().default(0),
    elderCare: boolean('elder_care').notNull().default(false),
    /** 'open' | 'taken' | 'done' | 'confirmed' | 'cancelled' | 'expired' */
    status: text('status').notNull().default('open'),
    publishedBy: bigint('published_by', { mode: 'number' }),
    onBehalf: boolean('on_behalf').notNull().default(false),
    teamIds: bigint('team_ids', { mode: 'number' })
      .array()
      .notNull()
      .default(sql`'{}'::bigint[]`),
    holdId: bigint('hold_id', { mode: 'number' }),
    takeBy: timestamp('take_by', { withTimezone: true }).notNull(),
    takenAt: timestamp('taken_at', { withTimezone: true }),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    confirmedBy: bigint('confirmed_by', { mode: 'number' }),
    cancelReason: text('cancel_reason'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('vol_needs_path_idx').on(t.placePath, t.status),
    index('vol_needs_resident_idx').on(t.residentId),
    index('vol_needs_status_idx').on(t.status, t.takeBy),
    index('vol_needs_created_idx').on(t.createdAt),
    check('vol_needs_takers_check', sql`${t.takers} >= 0 AND ${t.takers} <= ${t.takersNeeded}`),
    check('vol_needs_window_check', sql`${t.windowEnd} > ${t.windowStart}`),
  ],
);

/** A volunteer who took a need: one active row per volunteer and need. */
export const volNeedTakers = pgTable(
  'vol_need_takers',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    needId: bigint('need_id', { mode: 'number' })
      .notNull()
      .references(() => volNeeds.id),
    volunteerId: bigint('volunteer_id', { mode: 'number' })
      .notNull()
      .references(() => volVolunteers.id),
    /** 'taken' | 'done' | 'handedOver' | 'withdrawn' | 'noShow' */
    status: text('status').notNull().default('taken'),
    takenAt: timestamp('taken_at', { withTimezone: true }).notNull().defaultNow(),
    doneAt: timestamp('done_at', { withTimezone: true }),
    minutes: integer('minutes'),
    doneNote: text('done_note'),
    photoId: bigint('photo_id', { mode: 'number' }),
    ratingByResident: integer('rating_by_resident'),
    commentByResident: text('comment_by_resident'),
    ratingByVolunteer: integer('rating_by_volunteer'),
    commentByVolunteer: text('comment_by_volunteer'),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('vol_need_takers_active_key')
      .on(t.needId, t.volunteerId)
      .where(sql`${t.status} IN ('taken', 'done')`),
    index('vol_need_takers_volunteer_idx').on(t.volunteerId, t.status),
    check('vol_need_takers_minutes_check', sql`${t.minutes} IS NULL OR ${t.minutes} > 0`),
  ],
);

/** An activity (活动) with a capacity: `signed_up` counts places, held under the CHECK like a need's takers. */
export const volActivities = pgTable(
  'vol_activities',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    title: text('title').notNull(),
    description: text('description'),
    placeId: bigint('place_id', { mode: 'number' }).notNull(),
    placePath: pathText('place_path').notNull(),
    communityId: bigint('community_id', { mode: 'number' }).notNull(),
    venue: text('venue'),
    theme: text('theme'),
    serviceType: text('service_type'),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    capacity: integer('capacity').notNull(),
    signedUp: integer('signed_up').notNull().default(0),
    waiting: integer('waiting').notNull().default(0),
    /** 'open' | 'confirmed' | 'cancelled' */
    status: text('status').notNull().default('open'),
    teamId: bigint('team_id', { mode: 'number' }).references(() => volTeams.id),
    programmeId: bigint('programme_id', { mode: 'number' }),
    organiserUserId: bigint('organiser_user_id', { mode: 'number' }),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('vol_activities_path_idx').on(t.placePath, t.startsAt),
    index('vol_activities_starts_idx').on(t.startsAt),
    index('vol_activities_programme_idx').on(t.programmeId),
    check('vol_activities_capacity_check', sql`${t.signedUp} >= 0 AND ${t.signedUp} <= ${t.capacity} AND ${t.waiting} >= 0`),
    check('vol_activities_times_check', sql`${t.endsAt} > ${t.startsAt}`),
  ],
);

export const volSignups = pgTable(
  'vol_signups',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    activityId: bigint('activity_id', { mode: 'number' })
      .notNull()
      .references(() => volActivities.id),
    volunteerId: bigint('volunteer_id', { mode: 'number' })
      .notNull()
      .references(() => volVolunteers.id),
    /** 'signedUp' | 'waiting' | 'cancelled' | 'checkedIn' | 'checkedOut' | 'absent' */
    status: text('status').notNull(),
    checkedInAt: timestamp('checked_in_at', { withTimezone: true }),
    checkedOutAt: timestamp('checked_out_at', { withTimezone: true }),
    minutes: integer('minutes'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('vol_signups_active_key')
      .on(t.activityId, t.volunteerId)
      .where(sql`${t.status} <> 'cancelled'`),
    index('vol_signups_activity_idx').on(t.activityId, t.status, t.id),
    index('vol_signups_volunteer_idx').on(t.volunteerId),
  ],
);

/** A programme (年度行动): themes × areas × periods. */
export const volProgrammes = pgTable('vol_programmes', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
  name: text('name').notNull(),
  year: integer('year').notNull(),
  themes: text('themes').array().notNull(),
  placeIds: bigint('place_ids', { mode: 'number' }).array().notNull(),
  placePath: pathText('place_path').notNull(),
  periodMonths: integer('period_months').notNull(),
  activitiesPerCell: integer('activities_per_cell').notNull(),
  createdBy: bigint('created_by', { mode: 'number' }),
  createdAt: createdAt(),
});

/** A same-day dispatch (应急调度): quotas per unit; `filled` per quota is held under a CHECK. */
export const volDispatches = pgTable(
  'vol_dispatches',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    title: text('title').notNull(),
    note: text('note'),
    placeId: bigint('place_id', { mode: 'number' }).notNull(),
    placePath: pathText('place_path').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    needed: integer('needed').notNull(),
    filled: integer('filled').notNull().default(0),
    /** 'open' | 'filled' | 'closed' */
    status: text('status').notNull().default('open'),
    createdBy: bigint('created_by', { mode: 'number' }),
    createdAt: createdAt(),
    filledAt: timestamp('filled_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('vol_dispatches_path_idx').on(t.placePath), check('vol_dispatches_filled_check', sql`${t.filled} >= 0 AND ${t.filled} <= ${t.needed}`)],
);

export const volDispatchQuotas = pgTable(
  'vol_dispatch_quotas',
  {
    dispatchId: bigint('dispatch_id', { mode: 'number' })
      .notNull()
      .references(() => volDispatches.id),
    employerId: bigint('employer_id', { mode: 'number' }).notNull(),
    quota: integer('quota').notNull(),
    filled: integer('filled').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.dispatchId, t.employerId] }),
    index('vol_dispatch_quotas_employer_idx').on(t.employerId),
    check('vol_dispatch_quotas_filled_check', sql`${t.filled} >= 0 AND ${t.filled} <= ${t.quota}`),
  ],
);

export const volDispatchPeople = pgTable(
  'vol_dispatch_people',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    dispatchId: bigint('dispatch_id', { mode: 'number' })
      .notNull()
      .references(() => volDispatches.id),
    volunteerId: bigint('volunteer_id', { mode: 'number' })
      .notNull()
      .references(() => volVolunteers.id),
    employerId: bigint('employer_id', { mode: 'number' }).notNull(),
    /** 'named' | 'attended' | 'absent' */
    status: text('status').notNull().default('named'),
    namedBy: bigint('named_by', { mode: 'number' }),
    namedAt: timestamp('named_at', { withTimezone: true }).notNull().defaultNow(),
    minutes: integer('minutes'),
  },
  (t) => [uniqueIndex('vol_dispatch_people_key').on(t.dispatchId, t.volunteerId)],
);

/** A one-to-one pairing (结对帮扶) of a volunteer with a resident of a vulnerable household. */
export const volPairings = pgTable(
  'vol_pairings',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    volunteerId: bigint('volunteer_id', { mode: 'number' })
      .notNull()
      .references(() => volVolunteers.id),
    residentId: bigint('resident_id', { mode: 'number' }).notNull(),
    communityId: bigint('community_id', { mode: 'number' }).notNull(),
    placePath: pathText('place_path').notNull(),
    visitEveryDays: integer('visit_every_days').notNull(),
    note: text('note'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    createdBy: bigint('created_by', { mode: 'number' }),
  },
  (t) => [
    uniqueIndex('vol_pairings_active_key')
      .on(t.volunteerId, t.residentId)
      .where(sql`${t.endedAt} IS NULL`),
    index('vol_pairings_path_idx').on(t.placePath),
  ],
);

/**
 * The hours ledger (服务时长): append-only. An entry points at its evidence (`source`, `source_id`);
 * the only change a trigger lets through is pending → confirmed / rejected (with who verified);
 * corrections are reversing entries (`reverses_id`, once each, never of a reversal).
 */
export const volHours = pgTable(
  'vol_hours',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    volunteerId: bigint('volunteer_id', { mode: 'number' })
      .notNull()
      .references(() => volVolunteers.id),
    source: text('source').notNull(),
    sourceId: bigint('source_id', { mode: 'number' }).notNull(),
    minutes: integer('minutes').notNull(),
    servedAt: timestamp('served_at', { withTimezone: true }).notNull(),
    /** 'pending' | 'confirmed' | 'rejected' */
    status: text('status').notNull(),
    elderCare: boolean('elder_care').notNull().default(false),
    reversesId: bigint('reverses_id', { mode: 'number' }),
    reason: text('reason'),
    communityId: bigint('community_id', { mode: 'number' }).notNull(),
    placePath: pathText('place_path').notNull(),
    employerId: bigint('employer_id', { mode: 'number' }),
    verifiedBy: bigint('verified_by', { mode: 'number' }),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    createdBy: bigint('created_by', { mode: 'number' }),
    createdAt: createdAt(),
  },
  (t) => [
    // One entry per piece of evidence (posting it twice changes nothing), one reversal per entry.
    uniqueIndex('vol_hours_source_key')
      .on(t.source, t.sourceId)
      .where(sql`${t.reversesId} IS NULL`),
    uniqueIndex('vol_hours_reverses_key')
      .on(t.reversesId)
      .where(sql`${t.reversesId} IS NOT NULL`),
    index('vol_hours_volunteer_idx').on(t.volunteerId, t.servedAt),
    index('vol_hours_path_idx').on(t.placePath, t.servedAt),
    index('vol_hours_served_idx').on(t.servedAt),
    check('vol_hours_sign_check', sql`(${t.reversesId} IS NULL AND ${t.minutes} > 0) OR (${t.reversesId} IS NOT NULL AND ${t.minutes} < 0)`),
  ],
);

/**
 * A love-bank account in minutes. `balance` is the sum of its lines (kept by the posting that
 * writes them); `held` the minutes on open holds. The CHECK is the no-overdraft rule: nothing
 * posted or held may take `balance − held` below `floor` (null floor: the issuance account).
 */
export const volBankAccounts = pgTable(
  'vol_bank_accounts',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    /** 'member' | 'pool' | 'issuance' | 'redeemed' */
    kind: text('kind').notNull(),
    residentId: bigint('resident_id', { mode: 'number' }),
    communityId: bigint('community_id', { mode: 'number' }).notNull(),
    placePath: pathText('place_path').notNull(),
    balance: bigint('balance', { mode: 'number' }).notNull().default(0),
    held: bigint('held', { mode: 'number' }).notNull().default(0),
    floor: bigint('floor', { mode: 'number' }).default(0),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('vol_bank_accounts_resident_key').on(t.residentId),
    uniqueIndex('vol_bank_accounts_community_key')
      .on(t.communityId, t.kind)
      .where(sql`${t.kind} <> 'member'`),
    index('vol_bank_accounts_path_idx').on(t.placePath),
    check('vol_bank_accounts_limit_check', sql`${t.held} >= 0 AND (${t.floor} IS NULL OR ${t.balance} - ${t.held} >= ${t.floor})`),
  ],
);

/** A posting: lines over accounts summing to zero (a deferred trigger checks it at commit); append-only. */
export const volBankPostings = pgTable(
  'vol_bank_postings',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    kind: text('kind').notNull(),
    /** The record it posts (an hours entry, a hold settled…): unique, so posting it twice changes nothing. */
    sourceType: text('source_type'),
    sourceId: bigint('source_id', { mode: 'number' }),
    reversesId: bigint('reverses_id', { mode: 'number' }),
    memo: text('memo'),
    createdBy: bigint('created_by', { mode: 'number' }),
    postedAt: timestamp('posted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('vol_bank_postings_source_key')
      .on(t.sourceType, t.sourceId)
      .where(sql`${t.sourceType} IS NOT NULL`),
    uniqueIndex('vol_bank_postings_reverses_key')
      .on(t.reversesId)
      .where(sql`${t.reversesId} IS NOT NULL`),
    index('vol_bank_postings_posted_idx').on(t.postedAt),
  ],
);

export const volBankLines = pgTable(
  'vol_bank_lines',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    postingId: bigint('posting_id', { mode: 'number' })
      .notNull()
      .references(() => volBankPostings.id),
    accountId: bigint('account_id', { mode: 'number' })
      .notNull()
      .references(() => volBankAccounts.id),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    /** The account's balance after this line (statements read it without summing). */
    balanceAfter: bigint('balance_after', { mode: 'number' }).notNull(),
    postedAt: timestamp('posted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('vol_bank_lines_account_idx').on(t.accountId, t.postedAt, t.id),
    index('vol_bank_lines_posting_idx').on(t.postingId),
    check('vol_bank_lines_amount_check', sql`${t.amount} <> 0`),
  ],
);

/** A hold (冻结) on an account's minutes for a service asked for: settled when served, released when cancelled, expired after its time. */
export const volBankHolds = pgTable(
  'vol_bank_holds',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    accountId: bigint('account_id', { mode: 'number' })
      .notNull()
      .references(() => volBankAccounts.id),
    minutes: integer('minutes').notNull(),
    /** 'held' | 'settled' | 'released' | 'expired' */
    status: text('status').notNull().default('held'),
    needId: bigint('need_id', { mode: 'number' }),
    requestedBy: bigint('requested_by', { mode: 'number' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: createdAt(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    postingId: bigint('posting_id', { mode: 'number' }),
  },
  (t) => [
    index('vol_bank_holds_account_idx').on(t.accountId, t.status),
    index('vol_bank_holds_open_idx')
      .on(t.expiresAt)
      .where(sql`${t.status} = 'held'`),
    check('vol_bank_holds_minutes_check', sql`${t.minutes} > 0`),
  ],
);

/** Family members an account holder named, who may spend for them. */
export const volBankDelegates = pgTable(
  'vol_bank_delegates',
  {
    accountId: bigint('account_id', { mode: 'number' })
      .notNull()
      .references(() => volBankAccounts.id),
    residentId: bigint('resident_id', { mode: 'number' }).notNull(),
    addedAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.residentId] }), index('vol_bank_delegates_resident_idx').on(t.residentId)],
);

/** Award rules as data (优秀志愿者评选) and the awards proposed from the ledger. */
export const volAwardRules = pgTable('vol_award_rules', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
  name: text('name').notNull(),
  criteria: jsonb('criteria').notNull(),
  createdBy: bigint('created_by', { mode: 'number' }),
  createdAt: createdAt(),
});

export const volAwards = pgTable(
  'vol_awards',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    ruleId: bigint('rule_id', { mode: 'number' })
      .notNull()
      .references(() => volAwardRules.id),
    volunteerId: bigint('volunteer_id', { mode: 'number' })
      .notNull()
      .references(() => volVolunteers.id),
    placePath: pathText('place_path').notNull(),
    periodFrom: date('period_from', { mode: 'string' }).notNull(),
    periodTo: date('period_to', { mode: 'string' }).notNull(),
    reason: jsonb('reason').notNull(),
    /** 'proposed' | 'confirmed' */
    status: text('status').notNull().default('proposed'),
    confirmedBy: bigint('confirmed_by', { mode: 'number' }),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('vol_awards_key').on(t.ruleId, t.volunteerId, t.periodFrom, t.periodTo), index('vol_awards_path_idx').on(t.placePath)],
);
