import { bigint, boolean, numeric, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { pathText } from '../../platform/db/columns.js';

/**
 * Gate events (通行登记): one registration at a gate or checkpoint. Partitioned by day on `at`,
 * the time the device saw the person (≈5,000 vehicles a day per department, 14 checkpoints
 * a city), so it is created by a hand-written migration and this file is not a `*.schema.ts`.
 * Idempotent on the device's client id: unique (gate_id, at, client_id) — a retry carries
 * the same id and time, so it lands on the same day partition and conflicts there.
 * The temperature is a health reading: never logged, never in the audit log.
 */
export const gateEvents = pgTable('gate_events', {
  id: bigint('id', { mode: 'number' }).notNull(),
  gateId: bigint('gate_id', { mode: 'number' }).notNull(),
  clientId: uuid('client_id').notNull(),
  at: timestamp('at', { withTimezone: true }).notNull(),
  /** 'person' | 'vehicle' */
  subject: text('subject').notNull(),
  /** 'in' | 'out' */
  direction: text('direction').notNull(),
  passId: bigint('pass_id', { mode: 'number' }),
  residentId: bigint('resident_id', { mode: 'number' }),
  plate: text('plate'),
  visitor: boolean('visitor').notNull(),
  temperature: numeric('temperature', { precision: 3, scale: 1, mode: 'number' }),
  fever: boolean('fever').notNull(),
  /** 'allowed' | 'refused' | 'referred' */
  decision: text('decision').notNull(),
  reason: text('reason'),
  /** The gate's place path, so scope filters need no join. */
  placePath: pathText('place_path').notNull(),
  recordedBy: bigint('recorded_by', { mode: 'number' }),
  recordedByToken: bigint('recorded_by_token', { mode: 'number' }),
  receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
});
