import { bigint, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * The audit log. Created by a hand-written migration (it is partitioned by day and
 * append-only through a trigger, which drizzle-kit cannot express), so this file is not a
 * `*.schema.ts` and drizzle-kit leaves it alone.
 */
export const auditLog = pgTable('audit_log', {
  id: bigint('id', { mode: 'number' }).notNull(),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  actorUserId: bigint('actor_user_id', { mode: 'number' }),
  actorTokenId: bigint('actor_token_id', { mode: 'number' }),
  actorName: text('actor_name').notNull(),
  action: text('action').notNull(),
  entityType: text('entity_type').notNull(),
  entityId: text('entity_id'),
  before: jsonb('before'),
  after: jsonb('after'),
  ip: text('ip'),
  channel: text('channel').notNull(),
  requestId: text('request_id'),
});
