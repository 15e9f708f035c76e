import type { GateLists, LocalizedText, LockdownEntryView, Me } from '@jiayuan/contracts';
import { api, setCsrfToken } from '../../platform/api/client';
import { ApiError } from '../../platform/api/problem';
import { accessApi } from './access.api';
import { loadCache, markRejected, markSynced, pendingEvents, pruneSynced, saveCache, type GateCache } from './gate-store';

export const SYNC_BATCH = 500;
let running: Promise<{ sent: number; accepted: number; rejected: number; error?: unknown }> | null = null;

/**
 * The one event of a batch the server refused, and why, when its answer names it (`events.<i>.…`,
 * or any field of a batch of one): a 4xx about the request as a whole (sign-in, permission, too
 * many) names none.
 */
export function refusedEvent(err: unknown, batchSize: number): { index: number; code: string; messages: LocalizedText } | null {
  if (!(err instanceof ApiError) || err.status < 400 || err.status >= 500 || [401, 403, 408, 429].includes(err.status)) return null;
  const named = err.fieldErrors.map((f) => ({ f, m: /^events\.(\d+)(\.|$)/.exec(f.path) }));
  const hit = named.find((x) => x.m) ?? (batchSize === 1 && named.length > 0 ? { f: named[0]!.f, m: null } : null);
  if (!hit) return null;
  const index = hit.m ? Number(hit.m[1]) : 0;
  return index < batchSize ? { index, code: hit.f.code, messages: hit.f.message } : null;
}

/**
 * Sends the events waiting on this device, oldest first, in batches. One run at a time; the
 * server keeps each (gate, client id, time) once, so a batch whose answer was lost is simply
 * sent again. The server takes a batch whole or not at all: an event it refuses (too old, a pass
 * of another compound recorded before this device knew the rule) is set aside with the reason,
 * for the guard to see, and the rest sent again — one bad event never holds back the queue.
 */
export function syncEvents() {
  running ??= (async () => {
    const out: { sent: number; accepted: number; rejected: number; error?: unknown } = { sent: 0, accepted: 0, rejected: 0 };
    try {
      const me = await api.get<Me>('/me', undefined, { quiet401: true });
      setCsrfToken(me.csrfToken);
      for (;;) {
        const batch = (await pendingEvents()).slice(0, SYNC_BATCH);
        if (batch.length === 0) break;
        let res: Awaited<ReturnType<typeof accessApi.sync>>;
        try {
          res = await accessApi.sync(batch.map((q) => q.event));
        } catch (err) {
          const refused = refusedEvent(err, batch.length);
          if (!refused) throw err;
          await markRejected(batch[refused.index]!.clientId, { code: refused.code, messages: refused.messages, at: new Date().toISOString() });
          out.rejected += 1;
          continue;
        }
        await markSynced(
          batch.map((q) => q.clientId),
          new Date().toISOString(),
        );
        out.sent += batch.length;
        out.accepted += res.accepted;
      }
      await pruneSynced(new Date(Date.now() - 86400000));
    } catch (err) {
      out.error = err;
    } finally {
      running = null;
    }
    return out;
  })();
  return running;
}

function mergeLockdowns(old: LockdownEntryView[], lists: GateLists['lockdowns']): LockdownEntryView[] {
  if (lists.full) return lists.entries.filter((e) => e.active);
  const byOrder = new Map(old.map((e) => [e.orderId, e]));
  for (const e of lists.entries) {
    if (e.active) byOrder.set(e.orderId, e);
    else byOrder.delete(e.orderId);
  }
  return [...byOrder.values()];
}

/** Refreshes the keys and lists the gate decides with offline: deltas since what it holds. */
export async function refreshCache(): Promise<GateCache> {
  const old = await loadCache();
  const jwksRes = await fetch('/.well-known/jwks.json', { cache: 'no-store' });
  if (!jwksRes.ok) throw new Error(`jwks ${jwksRes.status}`);
  const jwks = (await jwksRes.json()) as GateCache['jwks'];
  const first = !old.fetchedAt;
  const lists = await accessApi.lists(first ? {} : { revocationsSince: old.revocations.version, lockdownsSince: old.lockdowns.version });
  const revoked = new Map(lists.revocations.full ? [] : old.revocations.entries.map((e) => [e.passId, e]));
  for (const e of lists.revocations.entries) revoked.set(e.passId, { passId: e.passId, reason: e.reason });
  const next: GateCache = {
    jwks,
    revocations: { version: lists.revocations.version, entries: [...revoked.values()] },
    lockdowns: { version: lists.lockdowns.version, entries: mergeLockdowns(old.lockdowns.entries, lists.lockdowns) },
    fetchedAt: lists.at,
  };
  await saveCache(next);
  return next;
}
