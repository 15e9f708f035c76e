import type { GateLists, LockdownEntryView, Me } from '@jiayuan/contracts';
import { api, setCsrfToken } from '../../platform/api/client';
import { accessApi } from './access.api';
import { loadCache, markSynced, pendingEvents, pruneSynced, saveCache, type GateCache } from './gate-store';

export const SYNC_BATCH = 500;
let running: Promise<{ sent: number; accepted: number; error?: unknown }> | null = null;

/**
 * Sends the events waiting on this device, oldest first, in batches. One run at a time; the
 * server keeps each (gate, client id, time) once, so a batch whose answer was lost is simply
 * sent again.
 */
export function syncEvents() {
  running ??= (async () => {
    const out: { sent: number; accepted: number; error?: unknown } = { sent: 0, accepted: 0 };
    try {
      const me = await api.get<Me>('/me', undefined, { quiet401: true });
      setCsrfToken(me.csrfToken);
      for (;;) {
        const batch = (await pendingEvents()).slice(0, SYNC_BATCH);
        if (batch.length === 0) break;
        const res = await accessApi.sync(batch.map((q) => q.event));
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
