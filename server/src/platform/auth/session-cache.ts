/**
 * Signed-in sessions' actors, kept a few seconds per app instance and database: every request of
 * a page would otherwise read its session, its user and the places of its scope again (two round
 * trips before any work). Whatever changes a user or ends a session through identity.repository.ts
 * in this process forgets it at once; another instance of the app, or a change made around the
 * repository, is noticed within SESSION_CACHE_MS — as for API tokens.
 */
export const SESSION_CACHE_MS = 5000;
const MAX_ENTRIES = 50_000;
const MAX_MARKS = 100_000;

interface Entry<T> {
  userId: number;
  value: T;
  /** The change counter when the session was read: a user changed or a session ended after that is read again. */
  seq: number;
  until: number;
  lastSeenAt: number;
}

let seq = 0;
/** Entries read before this are stale (the marks below were dropped to bound memory). */
let epoch = 0;
const userChangedAt = new Map<number, number>();
const sessionEndedAt = new Map<string, number>();
const caches = new WeakMap<object, Map<string, Entry<unknown>>>();

function mark<K>(marks: Map<K, number>, key: K) {
  if (marks.size >= MAX_MARKS) {
    userChangedAt.clear();
    sessionEndedAt.clear();
    epoch = seq + 1;
  }
  marks.set(key, ++seq);
}

const stale = (userId: number, sessionId: string, readAt: number) =>
  readAt < epoch || (userChangedAt.get(userId) ?? -1) > readAt || (sessionEndedAt.get(sessionId) ?? -1) > readAt;

/** The counter to pass to `rememberSession`, taken before reading the session. */
export const sessionCacheSeq = () => seq;

/** A user's roles, scope, password, language or sessions changed: their kept sessions are read again. */
export function userChanged(userId: number) {
  mark(userChangedAt, userId);
}

/** A session ended (sign-out). */
export function sessionGone(sessionId: string) {
  mark(sessionEndedAt, sessionId);
}

/** The kept actor of a session, unless it is stale or its last-seen time is due to be written. */
export function cachedSession<T>(database: object, sessionId: string, now: number, touchEveryMs: number): T | undefined {
  const cache = caches.get(database);
  const e = cache?.get(sessionId) as Entry<T> | undefined;
  if (!e) return undefined;
  if (e.until <= now || now - e.lastSeenAt > touchEveryMs || stale(e.userId, sessionId, e.seq)) {
    cache!.delete(sessionId);
    return undefined;
  }
  return e.value;
}

export function rememberSession<T>(
  database: object,
  sessionId: string,
  userId: number,
  value: T,
  readAtSeq: number,
  now: number,
  lastSeenAt: number,
  expiresAt: number,
) {
  if (stale(userId, sessionId, readAtSeq)) return;
  let cache = caches.get(database);
  if (!cache) caches.set(database, (cache = new Map()));
  if (cache.size >= MAX_ENTRIES) cache.clear();
  cache.set(sessionId, { userId, value, seq: readAtSeq, until: Math.min(now + SESSION_CACHE_MS, expiresAt), lastSeenAt });
}
