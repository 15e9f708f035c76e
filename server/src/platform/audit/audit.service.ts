import type { AuditAction, AuditEntityType } from '@jiayuan/contracts';
import { sql } from 'drizzle-orm';
import type { Executor } from '../db/database.js';
import { tailOf } from '../db/tx-tail.js';
import type { Ctx } from '../context.js';
import { auditLog } from './audit.table.js';

export interface AuditEntryInput {
  /** One of AUDIT_ACTIONS: a new action is added there, and named in both languages on the audit page. */
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
