import type { Permission } from '@jiayuan/contracts';
import { can, type Actor } from '../access/actor.js';

/**
 * Who may join each live topic. A topic's events tell that records of one kind changed (ids and
 * states, never people), so only those who may read that kind may hear them; the hub then passes
 * on only the events of places in the listener's scope. Each module declares its topics where it
 * publishes them; a topic nobody declared cannot be joined.
 */
const topics = new Map<string, readonly Permission[]>();

/** Declares a topic that holders of any of `read` may join; answers its name, for publishing. */
export function defineLiveTopic<T extends string>(name: T, read: readonly Permission[]): T {
  const known = topics.get(name);
  if (known && known.join() !== read.join()) throw new Error(`live topic ${name} is declared twice with different permissions`);
  topics.set(name, read);
  return name;
}

/** The topics asked for that the actor may join, and the others (unknown, or not theirs to read). */
export function joinableTopics(actor: Actor, asked: string[]): { joined: string[]; refused: string[] } {
  const joined: string[] = [];
  const refused: string[] = [];
  for (const topic of new Set(asked)) {
    const read = topics.get(topic);
    (read && read.some((p) => can(actor, p)) ? joined : refused).push(topic);
  }
  return { joined, refused };
}
