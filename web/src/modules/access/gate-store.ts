import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { GateEventInput, GateView, LocalizedText, LockdownEntryView } from '@jiayuan/contracts';

/**
 * A registration made on this device: waiting to sync, confirmed by the server, or refused by it
 * (kept with the server's reason, shown to the guard, and no longer sent: it would hold back the
 * rest of the queue for ever).
 */
export interface QueuedGateEvent {
  clientId: string;
  userId: number;
  event: GateEventInput;
  status: 'pending' | 'synced' | 'rejected';
  createdAt: string;
  syncedAt?: string;
  rejection?: { code: string; messages: LocalizedText; at: string };
}

/** What the gate keeps to decide offline: keys, revocations, lockdowns, and when each came. */
export interface GateCache {
  jwks: { keys: Record<string, string>[] } | null;
  revocations: { version: number; entries: { passId: number; reason: 'revoked' | 'out_of_uses' }[] };
  lockdowns: { version: number; entries: LockdownEntryView[] };
  fetchedAt: string | null;
}

interface GateDb extends DBSchema {
  meta: { key: string; value: unknown };
  queue: { key: string; value: QueuedGateEvent; indexes: { byStatus: string } };
}

let dbPromise: Promise<IDBPDatabase<GateDb>> | null = null;

/** The gate device's own store (IndexedDB): it survives reloads, closing the browser and going offline. */
export function gateDb() {
  dbPromise ??= openDB<GateDb>('jiayuan-gate', 1, {
    upgrade(db) {
      db.createObjectStore('meta');
      db.createObjectStore('queue', { keyPath: 'clientId' }).createIndex('byStatus', 'status');
    },
  });
  return dbPromise;
}

export async function getMeta<T>(key: string): Promise<T | undefined> {
  return (await (await gateDb()).get('meta', key)) as T | undefined;
}
export async function setMeta(key: string, value: unknown) {
  await (await gateDb()).put('meta', value, key);
}

export const EMPTY_CACHE: GateCache = { jwks: null, revocations: { version: 0, entries: [] }, lockdowns: { version: 0, entries: [] }, fetchedAt: null };

export async function loadCache(): Promise<GateCache> {
  return (await getMeta<GateCache>('cache')) ?? EMPTY_CACHE;
}
export async function saveCache(c: GateCache) {
  await setMeta('cache', c);
}
export async function loadGates(): Promise<GateView[]> {
  return (await getMeta<GateView[]>('gates')) ?? [];
}

export async function enqueueEvent(userId: number, event: GateEventInput): Promise<void> {
  await (await gateDb()).put('queue', { clientId: event.clientId, userId, event, status: 'pending', createdAt: new Date().toISOString() });
}

export async function pendingEvents(): Promise<QueuedGateEvent[]> {
  const rows = await (await gateDb()).getAllFromIndex('queue', 'byStatus', 'pending');
  return rows.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

export async function markSynced(clientIds: string[], at: string) {
  const db = await gateDb();
  const tx = db.transaction('queue', 'readwrite');
  for (const id of clientIds) {
    const q = await tx.store.get(id);
    if (q) await tx.store.put({ ...q, status: 'synced', syncedAt: at });
  }
  await tx.done;
}

/** Sets one event aside as refused by the server, with its reason. */
export async function markRejected(clientId: string, rejection: NonNullable<QueuedGateEvent['rejection']>) {
  const db = await gateDb();
  const q = await db.get('queue', clientId);
  if (q) await db.put('queue', { ...q, status: 'rejected', rejection });
}

export async function rejectedEvents(): Promise<QueuedGateEvent[]> {
  const rows = await (await gateDb()).getAllFromIndex('queue', 'byStatus', 'rejected');
  return rows.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/** Forgets confirmed events older than a day (the server has them). */
export async function pruneSynced(before: Date) {
  const db = await gateDb();
  for (const q of await db.getAllFromIndex('queue', 'byStatus', 'synced')) {
    if (q.syncedAt && q.syncedAt < before.toISOString()) await db.delete('queue', q.clientId);
  }
}
