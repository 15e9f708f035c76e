import type { CaseKind, CaseStatus, LockdownStatus } from '@jiayuan/contracts';

/**
 * The lifecycles of a lockdown order and of a case, as data. A transition names the states it
 * leaves from and the state it reaches; the pure guards below say whether it may happen now.
 */
export const ORDER_TRANSITIONS = {
  /** A coordinator puts a proposed order in force. */
  confirm: { from: ['proposed'], to: 'active' },
  /** A coordinator turns a proposal down, with a reason. */
  dismiss: { from: ['proposed'], to: 'dismissed' },
  /** A coordinator lifts an order in force, with a reason. */
  release: { from: ['active'], to: 'released' },
  /** A wider proposal replaces a narrower one inside it. */
  supersede_proposal: { from: ['proposed'], to: 'dismissed' },
  /** A wider order in force replaces a narrower one inside it (the place stays sealed by the wider one). */
  supersede_active: { from: ['active'], to: 'released' },
} as const satisfies Record<string, { from: readonly LockdownStatus[]; to: LockdownStatus }>;
export type OrderTransition = keyof typeof ORDER_TRANSITIONS;

export type GuardResult = { ok: true } | { ok: false; code: 'CONTAINMENT_ORDER_STATE' | 'CONTAINMENT_REASON_REQUIRED' | 'CONTAINMENT_CASE_STATE'; state?: string };

/** May this order take this transition now? Dismissing and releasing need a reason. */
export function orderGuard(order: { status: string }, t: OrderTransition, reason: string | null | undefined): GuardResult {
  const spec = ORDER_TRANSITIONS[t];
  if (!(spec.from as readonly string[]).includes(order.status)) return { ok: false, code: 'CONTAINMENT_ORDER_STATE', state: order.status };
  if ((t === 'dismiss' || t === 'release') && !reason?.trim()) return { ok: false, code: 'CONTAINMENT_REASON_REQUIRED' };
  return { ok: true };
}

/** Whether a release now comes before the criterion's date (allowed, but recorded as early). */
export function releaseIsEarly(order: { releaseAfter: Date | null }, now: Date): boolean {
  return order.releaseAfter !== null && now < order.releaseAfter;
}

export const CASE_TRANSITIONS = {
  /** A suspected case is confirmed. */
  confirm: { from: ['open'], kinds: ['suspected'], to: { status: 'open', kind: 'confirmed' } },
  /** Ruled out, or recorded in error: it no longer counts. */
  exclude: { from: ['open'], kinds: ['suspected', 'confirmed'], to: { status: 'excluded' } },
  /** Recovered, moved to hospital: the file closes, the case still counts inside its window. */
  close: { from: ['open'], kinds: ['suspected', 'confirmed'], to: { status: 'closed' } },
} as const satisfies Record<string, { from: readonly CaseStatus[]; kinds: readonly CaseKind[]; to: { status: CaseStatus; kind?: CaseKind } }>;
export type CaseTransition = keyof typeof CASE_TRANSITIONS;

/** The case after the transition, or why it may not take it. */
export function caseGuard(c: { status: string; kind: string }, t: CaseTransition): GuardResult & { next?: { status: CaseStatus; kind: CaseKind } } {
  const spec = CASE_TRANSITIONS[t];
  if (!(spec.from as readonly string[]).includes(c.status)) return { ok: false, code: 'CONTAINMENT_CASE_STATE', state: c.status };
  if (!(spec.kinds as readonly string[]).includes(c.kind)) return { ok: false, code: 'CONTAINMENT_CASE_STATE', state: c.kind };
  const to = spec.to as { status: CaseStatus; kind?: CaseKind };
  return { ok: true, next: { status: to.status, kind: to.kind ?? (c.kind as CaseKind) } };
}

/** Does a case count for the rule? Excluded never; suspected only where the community says so. */
export function caseCounts(c: { status: string; kind: string }, countSuspected: boolean): boolean {
  if (c.status === 'excluded') return false;
  return c.kind === 'confirmed' || countSuspected;
}
