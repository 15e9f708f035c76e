import type { AuditAction, AuditEntityType } from '@jiayuan/contracts';
import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../db/database.js';
import { registerAuditTailWriter, tailOf } from '../db/tx-tail.js';
import type { Ctx } from '../context.js';
import { auditLog } from './audit.table.js';

export interface AuditEntryInput {
  /** One of AUDIT_ACTIONS: a module declares its actions with its access (contracts, defineAccess); each is named in both languages on the audit page. */
  action: AuditAction;
  entityType: AuditEntityType;
  entityId: string | number | null;
  before?: unknown;
  after?: unknown;
}

const SECRET_KEY = /(Enc|Bi|Hash|password|secret|token)$/i;

/** Drops ciphertext, hashes and secrets from a snapshot before it is written to the log. */
export function auditSnapshot(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map(auditSnapshot);
  if (value instanceof Date) return value.toISOString();
  if (Buffer.isBuffer(value)) return '[bytes]';
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (SECRET_KEY.test(k)) continue;
      out[k] = auditSnapshot(v);
    }
    return out;
  }
  return value;
}

/** Appends one audit row in the caller's transaction, so the change and its record commit together (at its end, when run by `inTx`). */
export async function recordAudit(ex: Executor, ctx: Pick<Ctx, 'actor' | 'origin' | 'platform'>, entry: AuditEntryInput) {
  const tail = tailOf(ex);
  if (tail) {
    // Written with the transaction's other deferred writes, in one statement at its end.
    tail.audit.push({
      at: ctx.platform.clock.now().toISOString(),
      actor_user_id: ctx.actor.userId,
      actor_token_id: ctx.actor.tokenId,
      actor_name: ctx.actor.name,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId === null ? null : String(entry.entityId),
      before: auditSnapshot(entry.before),
      after: auditSnapshot(entry.after),
      ip: ctx.origin.ip,
      channel: ctx.origin.channel,
      request_id: ctx.origin.requestId,
    });
    return;
  }
  await ex.insert(auditLog).values({
    id: sql`nextval('audit_log_id_seq')`,
    at: ctx.platform.clock.now(),
    actorUserId: ctx.actor.userId,
    actorTokenId: ctx.actor.tokenId,
    actorName: ctx.actor.name,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId === null ? null : String(entry.entityId),
    before: auditSnapshot(entry.before),
    after: auditSnapshot(entry.after),
    ip: ctx.origin.ip,
    channel: ctx.origin.channel,
    requestId: ctx.origin.requestId,
  });
}

/** The columns a source of audit rows gives `auditInsertFrom…`, each typed (a cast on parameters and NULLs). */
export const AUDIT_SOURCE_COLUMNS = 'at, actor_user_id, actor_token_id, actor_name, entity_id, before, after, ip, channel, request_id';

const quoted = (s: string) => `'${s.replace(/'/g, "''")}'`;

function auditInsertText(action: AuditAction, entityType: AuditEntityType, source: string): string {
  return `INSERT INTO audit_log (id, at, actor_user_id, actor_token_id, actor_name, action, entity_type, entity_id, before, after, ip, channel, request_id)
    SELECT nextval('audit_log_id_seq'), a.at, a.actor_user_id, a.actor_token_id, a.actor_name, ${quoted(action)}, ${quoted(entityType)}, a.entity_id, a.before, a.after, a.ip, a.channel, a.request_id
    FROM (${source}) a(${AUDIT_SOURCE_COLUMNS})`;
}

/**
 * The audit service's batch entry point, for a statement that writes its change and its audit
 * rows at once (a gate's group commit): the text of an `INSERT INTO audit_log` of one row per
 * row of `source`, a query whose columns are, in order, `AUDIT_SOURCE_COLUMNS`. Meant for a
 * data-modifying CTE (`WITH …, audit AS (${auditInsertFromText(…)} RETURNING id)`), so the
 * statement text stays fixed and can be prepared once. Audit rows are written by this code only.
 */
export function auditInsertFromText(action: AuditAction, entityType: AuditEntityType, source: string): string {
  return auditInsertText(action, entityType, source);
}

/** As `auditInsertFromText`, with the source as an SQL fragment (its parameters bound as usual). */
export function auditInsertFrom(action: AuditAction, entityType: AuditEntityType, source: SQL): SQL {
  const [head, tail] = auditInsertText(action, entityType, '\u0000').split('\u0000');
  return sql`${sql.raw(head!)}${source}${sql.raw(tail!)}`;
}

const TAIL_AUDIT_COLUMNS = sql.raw(
  'at timestamptz, actor_user_id bigint, actor_token_id bigint, actor_name text, action text, entity_type text, entity_id text, before jsonb, after jsonb, ip text, channel text, request_id text',
);

// The audit rows `recordAudit` leaves for the end of an `inTx` transaction are written by this INSERT, in its one statement.
registerAuditTailWriter(
  (
    rowsJson,
  ) => sql`INSERT INTO audit_log (id, at, actor_user_id, actor_token_id, actor_name, action, entity_type, entity_id, before, after, ip, channel, request_id)
        SELECT nextval('audit_log_id_seq'), r.at, r.actor_user_id, r.actor_token_id, r.actor_name, r.action, r.entity_type, r.entity_id, r.before, r.after, r.ip, r.channel, r.request_id
        FROM jsonb_to_recordset(${rowsJson}::jsonb) AS r(${TAIL_AUDIT_COLUMNS})`,
);
