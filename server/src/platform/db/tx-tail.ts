import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from './database.js';

/** An audit row as jsonb_to_recordset reads it (the audit_log columns but id). */
export interface TailAuditRow {
  at: string;
  actor_user_id: number | null;
  actor_token_id: number | null;
  actor_name: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
  channel: string;
  request_id: string | null;
}

/** An in-app notification row as jsonb_to_recordset reads it. */
export interface TailNotificationRow {
  user_id: number;
  kind: string;
  title: unknown;
  body: unknown;
  link: string | null;
  subject_type: string | null;
  subject_id: string | null;
  created_at: string;
}

/**
 * The writes a transaction run by `inTx` leaves for its end — its audit rows, in-app notifications and live events —
 * sent there together in one statement instead of one round trip each. They are still inside the
 * transaction: they commit with the change, or not at all. (A transaction opened otherwise writes
 * them at once, as before.)
 */
export interface TxTail {
  audit: TailAuditRow[];
  notifications: TailNotificationRow[];
  notify: { channel: string; payload: string }[];
  /** Rows appended to a module's own log (an order's timeline…) that nothing in the transaction reads back. */
  appends: SQL[];
}

const tails = new WeakMap<object, TxTail>();

export function openTail(tx: Executor) {
  tails.set(tx, { audit: [], notifications: [], notify: [], appends: [] });
}

/** The tail of a transaction run by `inTx`, or undefined (write at once). */
export function tailOf(ex: Executor): TxTail | undefined {
  return tails.get(ex);
}

/**
 * How the audit rows a transaction left are written: given the rows' jsonb, the audit service
 * (platform/audit, which alone writes audit_log) answers the INSERT for the end statement's CTE.
 * It registers itself when loaded; only its `recordAudit` leaves audit rows here.
 */
let auditRowsInsert: ((rowsJson: string) => SQL) | null = null;

export function registerAuditTailWriter(write: (rowsJson: string) => SQL) {
  auditRowsInsert = write;
}

const NOTIFICATION_COLUMNS = sql.raw(
  'user_id bigint, kind text, title jsonb, body jsonb, link text, subject_type text, subject_id text, created_at timestamptz',
);

/**
 * Appends rows to a log table with the transaction's end statement instead of a round trip of their
 * own (or at once on an executor without a tail). Only for inserts of new rows that nothing later in
 * the transaction reads or changes: the end statement's parts all run on the same snapshot.
 */
export async function appendAtEnd(ex: Executor, insert: { getSQL(): SQL }) {
  const tail = tailOf(ex);
  if (tail) tail.appends.push(insert.getSQL());
  else await ex.execute(insert.getSQL());
}

/** Sends what the transaction left for its end (nothing when it left nothing). */
export async function closeTail(tx: Executor) {
  const tail = tails.get(tx);
  tails.delete(tx);
  if (!tail || (tail.audit.length === 0 && tail.notifications.length === 0 && tail.notify.length === 0 && tail.appends.length === 0)) return;
  const parts: SQL[] = tail.appends.map((insert, i) => sql`${sql.raw(`appended${i}`)} AS (${insert})`);
  if (tail.audit.length) {
    if (!auditRowsInsert) throw new Error('audit rows left without the audit service loaded');
    parts.push(sql`audit AS (${auditRowsInsert(JSON.stringify(tail.audit))})`);
  }
  if (tail.notifications.length) {
    parts.push(sql`notified AS (
        INSERT INTO notifications (user_id, kind, title, body, link, subject_type, subject_id, created_at)
        SELECT r.user_id, r.kind, r.title, r.body, r.link, r.subject_type, r.subject_id, r.created_at
        FROM jsonb_to_recordset(${JSON.stringify(tail.notifications)}::jsonb) AS r(${NOTIFICATION_COLUMNS})
      )`);
  }
  const writes = parts.length ? sql`WITH ${sql.join(parts, sql`, `)} ` : sql``;
  const notify = tail.notify.length
    ? sql`SELECT pg_notify(n->>'c', n->>'p') FROM jsonb_array_elements(${JSON.stringify(tail.notify.map((x) => ({ c: x.channel, p: x.payload })))}::jsonb) AS n`
    : sql`SELECT 1`;
  await tx.execute(sql`${writes}${notify}`);
}
