import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useMe } from '../auth/me';

type Handler = (data: Record<string, unknown>) => void;
interface LiveState {
  connected: boolean;
  subscribe: (event: string, fn: Handler) => () => void;
  /** Asks the server for a topic's events (e.g. `inbound`) while the caller is mounted. */
  joinTopic: (topic: string) => () => void;
}
const LiveContext = createContext<LiveState>({ connected: false, subscribe: () => () => undefined, joinTopic: () => () => undefined });

const EVENTS = ['ready', 'notification', 'import.progress'];

/**
 * One EventSource per signed-in page. `notification` refreshes the bell; `import.progress`
 * refreshes that import job; pages may subscribe to other events, and join topics (the stream
 * is reopened with the new topic list when it changes).
 */
export function LiveEventsProvider({ children }: { children: ReactNode }) {
  const { me } = useMe();
  const qc = useQueryClient();
  const handlers = useRef(new Map<string, Set<Handler>>());
  const source = useRef<EventSource | null>(null);
  const listening = useRef(new Set<string>());
  const topicCounts = useRef(new Map<string, number>());
  const [topicKey, setTopicKey] = useState('');
  const [connected, setConnected] = useState(false);
  // A temporary password opens no live events until it is changed (the server refuses them).
  const userId = me && !me.mustChangePassword ? me.id : null;

  const dispatch = useCallback(
    (type: string) => (ev: MessageEvent<string>) => {
      let data: Record<string, unknown> = {};
      try {
        data = JSON.parse(ev.data) as Record<string, unknown>;
      } catch {
        /* keep-alive or non-JSON */
      }
      if (type === 'ready') setConnected(true);
      if (type === 'notification') void qc.invalidateQueries({ queryKey: ['notifications'] });
      if (type === 'notification') void qc.invalidateQueries({ queryKey: ['todos'] });
      if (type === 'import.progress' && data.id != null) void qc.invalidateQueries({ queryKey: ['import', Number(data.id)] });
      handlers.current.get(type)?.forEach((fn) => fn(data));
    },
    [qc],
  );

  const listen = useCallback(
    (es: EventSource, type: string) => {
      es.addEventListener(type, dispatch(type) as EventListener);
      listening.current.add(type);
    },
    [dispatch],
  );

  useEffect(() => {
    if (userId === null || typeof EventSource === 'undefined') return;
    const url = topicKey ? `/api/events?topics=${encodeURIComponent(topicKey)}` : '/api/events';
    const es = new EventSource(url, { withCredentials: true });
    source.current = es;
    listening.current = new Set();
    for (const type of new Set([...EVENTS, ...handlers.current.keys()])) listen(es, type);
    es.onerror = () => setConnected(false);
    return () => {
      es.close();
      source.current = null;
      setConnected(false);
    };
  }, [userId, topicKey, listen]);

  const subscribe = useCallback(
    (event: string, fn: Handler) => {
      const set = handlers.current.get(event) ?? new Set();
      set.add(fn);
      handlers.current.set(event, set);
      if (source.current && !listening.current.has(event)) listen(source.current, event);
      return () => void set.delete(fn);
    },
    [listen],
  );

  const joinTopic = useCallback((topic: string) => {
    const counts = topicCounts.current;
    counts.set(topic, (counts.get(topic) ?? 0) + 1);
    setTopicKey([...counts.keys()].sort().join(','));
    return () => {
      const n = (counts.get(topic) ?? 1) - 1;
      if (n <= 0) counts.delete(topic);
      else counts.set(topic, n);
      setTopicKey([...counts.keys()].sort().join(','));
    };
  }, []);

  const value = useMemo<LiveState>(() => ({ connected, subscribe, joinTopic }), [connected, subscribe, joinTopic]);
  return <LiveContext.Provider value={value}>{children}</LiveContext.Provider>;
}

export function useLive(): LiveState {
  return useContext(LiveContext);
}

/** Runs `fn` for each live event of this type while the component is mounted. */
export function useLiveEvent(event: string, fn: Handler) {
  const { subscribe } = useLive();
  const ref = useRef(fn);
  useEffect(() => {
    ref.current = fn;
  });
  useEffect(() => subscribe(event, (d) => ref.current(d)), [event, subscribe]);
}

/** Joins a topic and runs `fn` for its events of this type while mounted. */
export function useLiveTopic(topic: string, event: string, fn: Handler) {
  const { joinTopic } = useLive();
  useEffect(() => joinTopic(topic), [topic, joinTopic]);
  useLiveEvent(event, fn);
}

/** Joins each of the topics and runs `fn` for any of their events while mounted (a stable list: a module constant). */
export function useLiveTopics(topics: readonly { topic: string; event: string }[], fn: Handler) {
  const { joinTopic, subscribe } = useLive();
  const ref = useRef(fn);
  useEffect(() => {
    ref.current = fn;
  });
  useEffect(() => {
    const leave = [...new Set(topics.map((t) => t.topic))].map((topic) => joinTopic(topic));
    const off = [...new Set(topics.map((t) => t.event))].map((event) => subscribe(event, (d) => ref.current(d)));
    return () => [...leave, ...off].forEach((undo) => undo());
  }, [topics, joinTopic, subscribe]);
}
