import type { Me, SyncResult } from '@jiayuan/contracts';
import { api, setCsrfToken } from '../../../platform/api/client';
import { markResults, pendingVisits, pruneSynced } from './offline-store';

export const SYNC_BATCH = 50;

let running: Promise<SyncOutcome> | null = null;

export interface SyncOutcome {
  sent: number;
  stored: number;
  duplicates: number;
  rejected: number;
  error?: unknown;
}

/**
 * Sends the visits waiting on this phone, oldest first, in batches. Safe to call at any time
 * and as often as wished: one run at a time, and the server stores each visit id once, so a
 * batch whose answer was lost is simply sent again.
 */
export function syncNow(userId: number): Promise<SyncOutcome> {
  running ??= (async () => {
    const out: SyncOutcome = { sent: 0, stored: 0, duplicates: 0, rejected: 0 };
    try {
      // A page opened offline has no CSRF token yet: get one before the first write.
      const me = await api.get<Me>('/me', undefined, { quiet401: true });
      setCsrfToken(me.csrfToken);
      for (;;) {
        const batch = (await pendingVisits(userId)).slice(0, SYNC_BATCH);
        if (batch.length === 0) break;
        const res = await api.post<SyncResult>('/screening/sync', { visits: batch.map((q) => q.visit) });
        await markResults(res.results, res.serverTime);
        out.sent += batch.length;
        out.stored += res.stored;
        out.duplicates += res.duplicates;
        out.rejected += res.rejected;
      }
      await pruneSynced(new Date(Date.now() - 7 * 86400000));
    } catch (err) {
      out.error = err;
    } finally {
      running = null;
    }
    return out;
  })();
  return running;
}
