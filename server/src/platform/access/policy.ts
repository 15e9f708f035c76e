import type { Actor } from './actor.js';
import { commonErrors } from '../errors/common-errors.js';

export type Rule<R> = (actor: Actor, record: R) => boolean;

export interface Policy<R, A extends string> {
  allows(actor: Actor, action: A, record: R): boolean;
  /** The actions this actor may take on the record, sent to the client so the UI shows only those. */
  actions(actor: Actor, record: R): A[];
  /** Throws FORBIDDEN unless allowed. */
  assert(actor: Actor, action: A, record: R): void;
}

/** Cancan-style policies: one rule per action, mixing role and record state. */
export function definePolicy<R, A extends string>(rules: Record<A, Rule<R>>): Policy<R, A> {
  const names = Object.keys(rules) as A[];
  return {
    allows: (actor, action, record) => rules[action](actor, record),
    actions: (actor, record) => names.filter((a) => rules[a](actor, record)),
    assert(actor, action, record) {
      if (!rules[action](actor, record)) throw commonErrors.FORBIDDEN();
    },
  };
}
