import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Campaign, SyncItemResult, VisitInput, Workset } from '@jiayuan/contracts';

/** A visit recorded on this phone: waiting to sync, synced, or refused by the server (with why). */
export interface QueuedVisit {
  id: string;
  userId: number;
  visit: VisitInput;
  status: 'pending' | 'synced' | 'rejected';
  createdAt: string;
  syncedAt?: string;
  attempts: number;
  problem?: SyncItemResult['messages'];
}

export type MyCampaign = Campaign & { assigned: boolean };

interface ScreeningDb extends DBSchema {
  /** Small things by key: who signed in last, my campaigns, when they were fetched. */
  meta: { key: string; value: unknown };
  worksets: { key: number; value: Workset & { userId: number } };
  queue: { key: string; value: QueuedVisit; indexes: { byStatus: string } };
}

let dbPromise: Promise<IDBPDatabase<ScreeningDb>> | null = null;

/** The phone's own store (IndexedDB): it survives reloads, closing the browser and going offline. */
export function screeningDb() {
  dbPromise ??= openDB<ScreeningDb>('jiayuan-screening', 1, {
    upgrade(db) {
      db.createObjectStore('meta');
      db.createObjectStore('worksets');
      db.createObjectStore('queue', { keyPath: 'id' }).createIndex('byStatus', 'status');
    },
  });
  return dbPromise;
}

export async function getMeta<T>(key: string): Promise<T | undefined> {
  return (await (await screeningDb()).get('meta', key)) as T | undefined;
}

export async function setMeta(key: string, value: unknown) {
  await (await screeningDb()).put('meta', value, key);
}

export async function saveWorkset(userId: number, ws: Workset) {
  await (await screeningDb()).put('worksets', { ...ws, userId }, ws.campaign.id);
}

export async function loadWorkset(userId: number, campaignId: number): Promise<Workset | undefined> {
  const ws = await (await screeningDb()).get('worksets', campaignId);
  return ws && ws.userId === userId ? ws : undefined;
}

/** Queues a visit; it stays on the phone until the server has confirmed it. */
export async function enqueueVisit(userId: number, visit: VisitInput) {
  const entry: QueuedVisit = { id: visit.id, userId, visit, status: 'pending', createdAt: new Date().toISOString(), attempts: 0 };
  await (await screeningDb()).put('queue', entry);
  return entry;
}

export async function queued(userId: number): Promise<QueuedVisit[]> {
  const all = await (await screeningDb()).getAll('queue');
  return all.filter((q) => q.userId === userId).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

export async function pendingVisits(userId: number): Promise<QueuedVisit[]> {
  const rows = await (await screeningDb()).getAllFromIndex('queue', 'byStatus', 'pending');
  return rows.filter((q) => q.userId === userId).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/** Records the server's answers: stored and duplicate both mean "the server has it". */
export async function markResults(results: SyncItemResult[], at: string) {
  const db = await screeningDb();
  const tx = db.transaction('queue', 'readwrite');
  for (const r of results) {
    const q = await tx.store.get(r.id);
    if (!q) continue;
    if (r.status === 'rejected') await tx.store.put({ ...q, status: 'rejected', problem: r.messages, attempts: q.attempts + 1 });
    else await tx.store.put({ ...q, status: 'synced', syncedAt: at, attempts: q.attempts + 1, problem: undefined });
  }
  await tx.done;
}

export async function discardVisit(id: string) {
  await (await screeningDb()).delete('queue', id);
}

/** Forgets confirmed visits older than a week (the server has them). */
export async function pruneSynced(before: Date) {
  const db = await screeningDb();
  for (const q of await db.getAllFromIndex('queue', 'byStatus', 'synced')) {
    if (q.syncedAt && q.syncedAt < before.toISOString()) await db.delete('queue', q.id);
  }
}
