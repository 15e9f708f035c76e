import { sql } from 'drizzle-orm';
import { bigint, index, jsonb, pgSequence, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, pathText, updatedAt } from '../../platform/db/columns.js';

/** Every change to a lockdown order takes the next number, so gates can ask for what changed since. */
export const lockdownListVersion = pgSequence('lockdown_list_version');

/**
 * A lockdown (封控) order over one place: a stairwell, a building or a compound. Proposed by the
 * containment rule or by a coordinator, in force once confirmed, lifted when released. While an
 * order is `active`, every household under `place_path` is sealed: its passes and tickets are
 * refused at gates with the reason "sealed".
 */
export const lockdownOrders = pgTable(
  'lockdown_orders',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    placeId: bigint('place_id', { mode: 'number' }).notNull(),
    /** The sealed place's path (`1.5.23.`); a household is sealed when its path starts with it. */
    placePath: pathText('place_path').notNull(),
    /** 'stairwell' | 'building' | 'compound' */
    level: text('level').notNull(),
    /** 'proposed' | 'active' | 'released' | 'dismissed' */
    status: text('status').notNull(),
    /** Why: the rule and the cases that called for it, or the coordinator's words. */
    reason: jsonb('reason').$type<Record<string, unknown>>().notNull().default({}),
    startsAt: timestamp('starts_at', { withTimezone: true }),
    /** The release criterion's date (by default 14 days after the last case). */
    releaseAfter: timestamp('release_after', { withTimezone: true }),
    releasedAt: timestamp('released_at', { withTimezone: true }),
    /** The coordinator's words on dismissal or release (or why it was superseded). */
    closeReason: text('close_reason'),
    createdBy: bigint('created_by', { mode: 'number' }),
    decidedBy: bigint('decided_by', { mode: 'number' }),
    /** The daily supply-delivery duty of the sealed households (an obligation rule), while in force. */
    supplyRuleId: bigint('supply_rule_id', { mode: 'number' }),
    /** When coordinators were told the release criterion is met; cleared when new cases move it. */
    releaseNotifiedAt: timestamp('release_notified_at', { withTimezone: true }),
    /** The list version of this order's last change (from `lockdown_list_version`). */
    listVersion: bigint('list_version', { mode: 'number' })
      .notNull()
      .default(sql`nextval('lockdown_list_version')`),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('lockdown_orders_status_idx').on(t.status, t.placePath),
    index('lockdown_orders_version_idx').on(t.listVersion),
    // One open (proposed or in force) order per place: the rule's "no duplicate" holds under concurrency too.
    uniqueIndex('lockdown_orders_open_place_key')
      .on(t.placeId)
      .where(sql`${t.status} IN ('proposed', 'active')`),
  ],
);
