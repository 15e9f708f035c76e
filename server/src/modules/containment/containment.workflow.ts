import type { CaseKind, CaseStatus, LockdownStatus } from '@jiayuan/contracts';
import type { AppError } from '../../platform/errors/app-error.js';
import { containmentErrors } from './containment.errors.js';

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

/** May this order take this transition now? Dismissing and releasing need a reason. The kernel's guard shape. */
export function orderGuard(order: { status: string }, t: OrderTransition, reason: string | null | undefined): AppError | null {
  const spec = ORDER_TRANSITIONS[t];
  if (!(spec.from as readonly string[]).includes(order.status)) return containmentErrors.CONTAINMENT_ORDER_STATE({ state: order.status });
  if ((t === 'dismiss' || t === 'release') && !reason?.trim()) return containmentErrors.CONTAINMENT_REASON_REQUIRED();
  return null;
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

/** Why a case may not take the transition now (the kernel's guard shape), or null. */
export function caseGuard(c: { status: string; kind: string }, t: CaseTransition): AppError | null {
  const spec = CASE_TRANSITIONS[t];
  if (!(spec.from as readonly string[]).includes(c.status)) return containmentErrors.CONTAINMENT_CASE_STATE({ state: c.status });
  if (!(spec.kinds as readonly string[]).includes(c.kind)) return containmentErrors.CONTAINMENT_CASE_STATE({ state: c.kind });
  return null;
}

/** The case after the transition (its kind changes on confirmation). */
export function caseAfter(c: { status?: string; kind: string }, t: CaseTransition): { status: CaseStatus; kind: CaseKind } {
  const to = CASE_TRANSITIONS[t].to as { status: CaseStatus; kind?: CaseKind };
  return { status: to.status, kind: to.kind ?? (c.kind as CaseKind) };
}

/** Does a case count for the rule? Excluded never; suspected only where the community says so. */
export function caseCounts(c: { status: string; kind: string }, countSuspected: boolean): boolean {
  if (c.status === 'excluded') return false;
  return c.kind === 'confirmed' || countSuspected;
}
