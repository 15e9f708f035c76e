import { sql } from 'drizzle-orm';
import { bigint, boolean, date, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { CategoryAttribute, LocalizedText, OrderChannel, OrderKind, OrderStatus, Stage, StageLimits } from '@jiayuan/contracts';
import { bytea, createdAt, pathText, updatedAt } from '../../platform/db/columns.js';

/** Teams that handle orders (a repair crew, a complaint desk), serving a department or community. */
export const sdTeams = pgTable(
  'sd_teams',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    name: text('name').notNull(),
    placeId: bigint('place_id', { mode: 'number' }).notNull(),
    placePath: pathText('place_path').notNull(),
    leaderUserId: bigint('leader_user_id', { mode: 'number' }),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: integer('version').notNull().default(1),
  },
  (t) => [uniqueIndex('sd_teams_name_key').on(t.name), index('sd_teams_path_idx').on(t.placePath)],
);

export const sdTeamMembers = pgTable(
  'sd_team_members',
  {
    teamId: bigint('team_id', { mode: 'number' })
      .notNull()
      .references(() => sdTeams.id, { onDelete: 'cascade' }),
    userId: bigint('user_id', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.userId] }), index('sd_team_members_user_idx').on(t.userId)],
);

/** The configurable category tree: kind, emergency flag, staged limits; its teams are in `sd_category_teams`. */
export const sdCategories = pgTable(
  'sd_categories',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    parentId: bigint('parent_id', { mode: 'number' }),
    code: text('code').notNull(),
    name: jsonb('name').$type<LocalizedText>().notNull(),
    kind: text('kind').$type<OrderKind>().notNull(),
    emergency: boolean('emergency').notNull().default(false),
    limits: jsonb('limits').$type<StageLimits>().notNull(),
    escalateAfterMinutes: integer('escalate_after_minutes').notNull().default(60),
    publicVisible: boolean('public_visible').notNull().default(false),
    keywords: text('keywords'),
    attributes: jsonb('attributes').$type<CategoryAttribute[]>().notNull().default([]),
    sortOrder: integer('sort_order').notNull().default(0),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: integer('version').notNull().default(1),
  },
  (t) => [uniqueIndex('sd_categories_code_key').on(t.code), index('sd_categories_parent_idx').on(t.parentId)],
);

/**
 * The teams that answer for a category, each for the place it serves: an order goes to the one
 * whose place is the most specific that contains the order's place (see `routeTeam`).
 */
export const sdCategoryTeams = pgTable(
  'sd_category_teams',
  {
    categoryId: bigint('category_id', { mode: 'number' })
      .notNull()
      .references(() => sdCategories.id, { onDelete: 'cascade' }),
    teamId: bigint('team_id', { mode: 'number' })
      .notNull()
      .references(() => sdTeams.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.categoryId, t.teamId] }), index('sd_category_teams_team_idx').on(t.teamId)],
);

/**
 * One row per repair, complaint or enquiry. Stage due times and completion times live on the
 * row, so the figures are one scan of this table; `next_due_at` (the earliest undone stage,
 * null while paused or finished) drives the hotline board.
 */
export const sdOrders = pgTable(
  'sd_orders',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    kind: text('kind').$type<OrderKind>().notNull(),
    channel: text('channel').$type<OrderChannel>().notNull(),
    status: text('status').$type<OrderStatus>().notNull(),
    categoryId: bigint('category_id', { mode: 'number' }).notNull(),
    emergency: boolean('emergency').notNull().default(false),
    placeId: bigint('place_id', { mode: 'number' }),
    /** The order's place (a dwelling, or wider); scope filters read it. */
    placePath: pathText('place_path').notNull(),
    communityId: bigint('community_id', { mode: 'number' }),
    buildingId: bigint('building_id', { mode: 'number' }),
    address: text('address'),
    description: text('description').notNull(),
    reporterResidentId: bigint('reporter_resident_id', { mode: 'number' }),
    reporterHouseholdId: bigint('reporter_household_id', { mode: 'number' }),
    reporterName: text('reporter_name'),
    reporterPhoneEnc: bytea('reporter_phone_enc'),
    ownerUserId: bigint('owner_user_id', { mode: 'number' }),
    teamId: bigint('team_id', { mode: 'number' }),
    assigneeUserId: bigint('assignee_user_id', { mode: 'number' }),
    transferToTeamId: bigint('transfer_to_team_id', { mode: 'number' }),
    transferRequestedBy: bigint('transfer_requested_by', { mode: 'number' }),
    transferReason: text('transfer_reason'),
    transferAt: timestamp('transfer_at', { withTimezone: true }),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    /** When the current round of clocks started: received, or the last reopening. */
    clockStartAt: timestamp('clock_start_at', { withTimezone: true }).notNull(),
    acceptDueAt: timestamp('accept_due_at', { withTimezone: true }),
    arriveDueAt: timestamp('arrive_due_at', { withTimezone: true }),
    resolveDueAt: timestamp('resolve_due_at', { withTimezone: true }),
    nextDueAt: timestamp('next_due_at', { withTimezone: true }),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    arrivedAt: timestamp('arrived_at', { withTimezone: true }),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    pausedAt: timestamp('paused_at', { withTimezone: true }),
    pausedFrom: text('paused_from').$type<OrderStatus>(),
    pauseReason: text('pause_reason'),
    firstVisitFix: boolean('first_visit_fix'),
    workDone: text('work_done'),
    materials: text('materials'),
    reply: text('reply'),
    rating: smallint('rating'),
    ratingNote: text('rating_note'),
    cancelReason: text('cancel_reason'),
    reopenCount: integer('reopen_count').notNull().default(0),
    mergedIntoId: bigint('merged_into_id', { mode: 'number' }),
    open311Token: text('open311_token'),
    lat: text('lat'),
    long: text('long'),
    attributes: jsonb('attributes').$type<Record<string, string | string[]>>(),
    createdBy: bigint('created_by', { mode: 'number' }),
    updatedAt: updatedAt(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('sd_orders_received_idx').on(t.receivedAt),
    index('sd_orders_path_idx').on(t.placePath),
    index('sd_orders_open_due_idx')
      .on(t.nextDueAt)
      .where(sql`${t.status} NOT IN ('closed', 'cancelled', 'merged')`),
    index('sd_orders_open_team_idx')
      .on(t.teamId, t.status)
      .where(sql`${t.status} NOT IN ('closed', 'cancelled', 'merged')`),
    index('sd_orders_assignee_idx').on(t.assigneeUserId, t.status),
    index('sd_orders_household_idx').on(t.reporterHouseholdId),
    index('sd_orders_dup_idx').on(t.buildingId, t.categoryId, t.receivedAt),
    uniqueIndex('sd_orders_open311_token_key').on(t.open311Token),
    index('sd_orders_unsettled_received_idx')
      .on(t.receivedAt)
      .where(sql`${t.status} NOT IN ('closed', 'cancelled', 'merged')`),
  ],
);

/**
 * The figures of settled orders (closed or cancelled), per local day received, kind, team,
 * category and community: kept in the same transaction that settles or reopens an order, and
 * rebuilt from the orders by `rebuildFigures`. Open orders are counted live, so the figures are
 * always those of the orders themselves.
 */
export const sdFiguresDaily = pgTable(
  'sd_figures_daily',
  {
    day: date('day', { mode: 'string' }).notNull(),
    kind: text('kind').notNull(),
    teamId: bigint('team_id', { mode: 'number' }).notNull(),
    categoryId: bigint('category_id', { mode: 'number' }).notNull(),
    communityId: bigint('community_id', { mode: 'number' }).notNull(),
    /** Where scope filters look: the community, or the department/centre an order without one was filed at. */
    areaId: bigint('area_id', { mode: 'number' }).notNull(),
    orders: integer('orders').notNull().default(0),
    accN: integer('acc_n').notNull().default(0),
    accOk: integer('acc_ok').notNull().default(0),
    arrN: integer('arr_n').notNull().default(0),
    arrOk: integer('arr_ok').notNull().default(0),
    resN: integer('res_n').notNull().default(0),
    resOk: integer('res_ok').notNull().default(0),
    fvN: integer('fv_n').notNull().default(0),
    fvOk: integer('fv_ok').notNull().default(0),
    rated: integer('rated').notNull().default(0),
    ratingSum: integer('rating_sum').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.day, t.kind, t.teamId, t.categoryId, t.communityId, t.areaId] }), index('sd_figures_daily_area_idx').on(t.areaId, t.day)],
);

/** The order's visible timeline (the audit log keeps the full before/after for auditors). */
export const sdOrderEvents = pgTable(
  'sd_order_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    orderId: bigint('order_id', { mode: 'number' }).notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    action: text('action').notNull(),
    actorUserId: bigint('actor_user_id', { mode: 'number' }),
    actorName: text('actor_name').notNull(),
    note: text('note'),
  },
  (t) => [index('sd_order_events_order_idx').on(t.orderId, t.at)],
);

/**
 * Photos of an order, kept in the database so that every app instance serves them and a
 * database backup holds them (size and type are checked before they get here).
 */
export const sdPhotos = pgTable(
  'sd_photos',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    orderId: bigint('order_id', { mode: 'number' }).notNull(),
    stage: text('stage').$type<'report' | 'resolve'>().notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    bytes: bytea('bytes').notNull(),
    createdBy: bigint('created_by', { mode: 'number' }),
    createdAt: createdAt(),
  },
  (t) => [index('sd_photos_order_idx').on(t.orderId)],
);

/**
 * The accountability record: every missed limit, who held it, the reason they gave and the
 * manager's review.
 */
export const sdBreaches = pgTable(
  'sd_breaches',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    orderId: bigint('order_id', { mode: 'number' }).notNull(),
    stage: text('stage').$type<Stage>().notNull(),
    round: integer('round').notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    detectedAt: timestamp('detected_at', { withTimezone: true }).notNull(),
    doneAt: timestamp('done_at', { withTimezone: true }),
    holderUserId: bigint('holder_user_id', { mode: 'number' }),
    ownerUserId: bigint('owner_user_id', { mode: 'number' }),
    teamId: bigint('team_id', { mode: 'number' }),
    placePath: pathText('place_path').notNull(),
    reason: text('reason'),
    reasonBy: bigint('reason_by', { mode: 'number' }),
    reasonAt: timestamp('reason_at', { withTimezone: true }),
    review: text('review').$type<'excused' | 'upheld'>(),
    reviewNote: text('review_note'),
    reviewedBy: bigint('reviewed_by', { mode: 'number' }),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('sd_breaches_stage_key').on(t.orderId, t.stage, t.round),
    index('sd_breaches_holder_idx').on(t.holderUserId),
    index('sd_breaches_team_idx').on(t.teamId),
    index('sd_breaches_path_idx').on(t.placePath),
  ],
);
