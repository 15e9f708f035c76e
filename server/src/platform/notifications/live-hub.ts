import { sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Actor } from '../access/actor.js';
import { inPlaceScope } from '../access/actor.js';
import type { Database, Executor } from '../db/database.js';
import { tailOf } from '../db/tx-tail.js';

const CHANNEL = 'jiayuan_live';

/**
 * A live event; delivered to the named users, or to everyone who joined the topic and whose scope
 * covers the place (an event of no place: only those whose scope is everything).
 */
export interface LiveEvent {
  type: string;
  userIds?: number[];
  topic?: string;
  placePath?: string | null;
  data?: Record<string, unknown>;
}

interface Connection {
  actor: Actor;
  topics: Set<string>;
  send(event: string, data: string): void;
}

/**
 * Pushes events to open pages over server-sent events. Events travel through PostgreSQL
 * NOTIFY, so every app instance hears them and delivers to its own connections, and an
 * event published inside a transaction is only heard if that transaction commits.
 */
export class LiveHub {
  private readonly connections = new Set<Connection>();
  private unlisten: (() => Promise<void>) | null = null;

  constructor(private readonly log: Logger) {}

  async start(database: Database) {
    this.unlisten = await database.listen(CHANNEL, (payload) => this.deliver(payload));
  }

  async stop() {
    await this.unlisten?.();
    this.unlisten = null;
    this.connections.clear();
  }

  get connectionCount() {
    return this.connections.size;
  }

  connect(actor: Actor, topics: string[], send: Connection['send']): () => void {
    const c: Connection = { actor, topics: new Set(topics), send };
    this.connections.add(c);
    return () => this.connections.delete(c);
  }

  /** Queues the event on the transaction (or sends it at once on a plain executor). */
  async publish(ex: Executor, event: LiveEvent) {
    const payload = JSON.stringify(event);
    if (payload.length > 7900) throw new Error(`live event ${event.type} too large for NOTIFY`);
    const tail = tailOf(ex);
    if (tail) tail.notify.push({ channel: CHANNEL, payload });
    else await ex.execute(sql`SELECT pg_notify(${CHANNEL}, ${payload})`);
  }

  private deliver(payload: string) {
    let event: LiveEvent;
    try {
      event = JSON.parse(payload) as LiveEvent;
    } catch {
      this.log.warn('unreadable live event');
      return;
    }
    const data = JSON.stringify({ type: event.type, ...event.data });
    for (const c of this.connections) {
      const forUser = event.userIds && c.actor.userId !== null && event.userIds.includes(c.actor.userId);
      const forTopic = event.topic && c.topics.has(event.topic) && inPlaceScope(c.actor, event.placePath);
      if (forUser || forTopic) c.send(event.type, data);
    }
  }
}
