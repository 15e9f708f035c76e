import { sql } from 'drizzle-orm';
import { bigint, check, date, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, pathText, updatedAt } from '../../platform/db/columns.js';

/**
 * A party member who reported to the community they live in (党员报到). One row per resident;
 * `place_path` is their dwelling's, so staff scopes and the community filter need no join.
 */
export const dutyMembers = pgTable(
  'duty_members',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    residentId: bigint('resident_id', { mode: 'number' }).notNull(),
    communityId: bigint('community_id', { mode: 'number' }).notNull(),
    placePath: pathText('place_path').notNull(),
    employerId: bigint('employer_id', { mode: 'number' }),
    partyOrganisation: text('party_organisation'),
    skills: text('skills')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    roles: text('roles')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    availability: text('availability'),
    /** 'reported' | 'confirmed' | 'rejected' */
    status: text('status').notNull().default('reported'),
    rejectReason: text('reject_reason'),
    reportedAt: timestamp('reported_at', { withTimezone: true }).notNull().defaultNow(),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    decidedBy: bigint('decided_by', { mode: 'number' }),
    registeredBy: bigint('registered_by', { mode: 'number' }),
    /** A random salt of the member's iCalendar address (a new one makes the old address stop working). */
    calendarSecret: text('calendar_secret'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('duty_members_resident_key').on(t.residentId),
    index('duty_members_community_idx').on(t.communityId, t.status),
    index('duty_members_employer_idx').on(t.employerId),
    index('duty_members_path_idx').on(t.placePath),
  ],
);

/** Each community's duty rules: the rest rule, the cancellation notice, the check-in window, no-shows. */
export const dutySettings = pgTable('duty_settings', {
  communityId: bigint('community_id', { mode: 'number' }).primaryKey(),
  maxHoursIn24: integer('max_hours_in_24').notNull(),
  cancelNoticeHours: integer('cancel_notice_hours').notNull(),
  checkInEarlyMinutes: integer('check_in_early_minutes').notNull(),
  noShowAfterMinutes: integer('no_show_after_minutes').notNull(),
  updatedBy: bigint('updated_by', { mode: 'number' }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  version: integer('version').notNull().default(1),
});

/** A work team (工作队、突击队) a unit sent to a community, with its temporary party branch and leader. */
export const dutyTeams = pgTable(
  'duty_teams',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    communityId: bigint('community_id', { mode: 'number' }).notNull(),
    placePath: pathText('place_path').notNull(),
    name: text('name').notNull(),
    employerId: bigint('employer_id', { mode: 'number' }),
    partyBranch: text('party_branch'),
    leaderMemberId: bigint('leader_member_id', { mode: 'number' }),
    createdBy: bigint('created_by', { mode: 'number' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('duty_teams_path_idx').on(t.placePath)],
);

export const dutyTeamMembers = pgTable(
  'duty_team_members',
  {
    teamId: bigint('team_id', { mode: 'number' })
      .notNull()
      .references(() => dutyTeams.id, { onDelete: 'cascade' }),
    memberId: bigint('member_id', { mode: 'number' })
      .notNull()
      .references(() => dutyMembers.id),
    role: text('role').notNull(),
    addedAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.memberId] }), index('duty_team_members_member_idx').on(t.memberId)],
);

/** A duty post (岗位) at a place (gate, checkpoint, building, stairwell, area) with one of the ten roles. */
export const dutyPosts = pgTable(
  'duty_posts',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    placeId: bigint('place_id', { mode: 'number' }).notNull(),
    placePath: pathText('place_path').notNull(),
    communityId: bigint('community_id', { mode: 'number' }).notNull(),
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    role: text('role').notNull(),
    ownerUserId: bigint('owner_user_id', { mode: 'number' }),
    teamId: bigint('team_id', { mode: 'number' }).references(() => dutyTeams.id),
    createdBy: bigint('created_by', { mode: 'number' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('duty_posts_path_idx').on(t.placePath), index('duty_posts_community_idx').on(t.communityId), index('duty_posts_team_idx').on(t.teamId)],
);

/** A call-up (社区吹哨): N people for these posts by a deadline; its shifts carry `call_up_id`. */
export const dutyCallUps = pgTable(
  'duty_call_ups',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    title: text('title').notNull(),
    note: text('note'),
    placeId: bigint('place_id', { mode: 'number' }).notNull(),
    placePath: pathText('place_path').notNull(),
    communityId: bigint('community_id', { mode: 'number' }).notNull(),
    roles: text('roles')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    needed: integer('needed').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    deadline: timestamp('deadline', { withTimezone: true }).notNull(),
    /** 'open' | 'filled' | 'closed' */
    status: text('status').notNull().default('open'),
    notified: integer('notified').notNull().default(0),
    createdBy: bigint('created_by', { mode: 'number' }),
    createdAt: createdAt(),
    filledAt: timestamp('filled_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closeReason: text('close_reason'),
    updatedAt: updatedAt(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('duty_call_ups_path_idx').on(t.placePath), index('duty_call_ups_open_idx').on(t.status, t.deadline)],
);

/**
 * A shift (班次) of a post: a time window and a headcount. `filled` counts the places held (a
 * claim takes one with `filled = filled + 1 WHERE filled < headcount`); the CHECK refuses any
 * write that would overfill it, whatever the code path.
 */
export const dutyShifts = pgTable(
  'duty_shifts',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    postId: bigint('post_id', { mode: 'number' })
      .notNull()
      .references(() => dutyPosts.id),
    communityId: bigint('community_id', { mode: 'number' }).notNull(),
    placePath: pathText('place_path').notNull(),
    callUpId: bigint('call_up_id', { mode: 'number' }).references(() => dutyCallUps.id),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    headcount: integer('headcount').notNull(),
    filled: integer('filled').notNull().default(0),
    waiting: integer('waiting').notNull().default(0),
    requiredRole: text('required_role'),
    requiredSkill: text('required_skill'),
    /** When the unfilled-shift to-do was opened (12 hours before the start, once). */
    unfilledFlaggedAt: timestamp('unfilled_flagged_at', { withTimezone: true }),
    createdBy: bigint('created_by', { mode: 'number' }),
    createdAt: createdAt(),
  },
  (t) => [
    index('duty_shifts_post_idx').on(t.postId, t.startsAt),
    index('duty_shifts_starts_idx').on(t.startsAt),
    index('duty_shifts_call_up_idx').on(t.callUpId),
    // The shifts of a call-up with a place left, in order: a crowd answering finds one without walking the full ones.
    index('duty_shifts_room_idx')
      .on(t.callUpId, t.id)
      .where(sql`${t.filled} < ${t.headcount}`),
    index('duty_shifts_community_idx').on(t.communityId, t.startsAt),
    check('duty_shifts_filled_check', sql`${t.filled} >= 0 AND ${t.filled} <= ${t.headcount} AND ${t.waiting} >= 0`),
    check('duty_shifts_times_check', sql`${t.endsAt} > ${t.startsAt}`),
  ],
);

/**
 * A member's claim on a shift (认领): held, waiting (ordered by id), cancelled, checked in, checked
 * out (served minutes computed from the times), or a no-show. The shift's times are copied so a
 * member's overlaps are found on this table alone.
 */
export const dutyClaims = pgTable(
  'duty_claims',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    shiftId: bigint('shift_id', { mode: 'number' })
      .notNull()
      .references(() => dutyShifts.id),
    memberId: bigint('member_id', { mode: 'number' })
      .notNull()
      .references(() => dutyMembers.id),
    postId: bigint('post_id', { mode: 'number' }).notNull(),
    communityId: bigint('community_id', { mode: 'number' }).notNull(),
    placePath: pathText('place_path').notNull(),
    /** 'held' | 'waiting' | 'cancelled' | 'checkedIn' | 'checkedOut' | 'noShow' */
    status: text('status').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    assignedBy: bigint('assigned_by', { mode: 'number' }),
    checkedInAt: timestamp('checked_in_at', { withTimezone: true }),
    checkedInBy: bigint('checked_in_by', { mode: 'number' }),
    checkedOutAt: timestamp('checked_out_at', { withTimezone: true }),
    servedMinutes: integer('served_minutes'),
    cancelReason: text('cancel_reason'),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    promotedAt: timestamp('promoted_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('duty_claims_shift_member_key')
      .on(t.shiftId, t.memberId)
      .where(sql`${t.status} <> 'cancelled'`),
    index('duty_claims_member_idx').on(t.memberId, t.startsAt),
    index('duty_claims_shift_idx').on(t.shiftId, t.status, t.id),
    index('duty_claims_status_idx').on(t.status, t.startsAt),
  ],
);

/**
 * The "2+1" roster of a building (一名社区干部、一名楼长、一名党员) from `valid_from`; the building head is
 * the registry's. The row in force is the latest `valid_from` on or before the day, not ended.
 */
export const dutyRoster = pgTable(
  'duty_roster',
  {
    buildingId: bigint('building_id', { mode: 'number' }).notNull(),
    placePath: pathText('place_path').notNull(),
    communityId: bigint('community_id', { mode: 'number' }).notNull(),
    cadreUserId: bigint('cadre_user_id', { mode: 'number' }),
    memberId: bigint('member_id', { mode: 'number' }).references(() => dutyMembers.id),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }),
    updatedBy: bigint('updated_by', { mode: 'number' }),
    updatedAt: updatedAt(),
    version: integer('version').notNull().default(1),
  },
  (t) => [primaryKey({ columns: [t.buildingId, t.validFrom] }), index('duty_roster_path_idx').on(t.placePath)],
);
