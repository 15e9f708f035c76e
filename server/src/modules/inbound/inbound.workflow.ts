import type { InboundStatus, Measure } from '@jiayuan/contracts';
import type { AppError } from '../../platform/errors/app-error.js';
import { STATUS_TEXT, inboundErrors } from './inbound.errors.js';

/** Which party acts at each step; the clocks and queues follow it. */
export type Party = 'department' | 'community' | 'liaison' | 'submitter';

export interface Transition {
  from: readonly InboundStatus[];
  to: InboundStatus;
  party: Party;
}

/**
 * The six-step loop as data. Submit creates a request in `submitted`; the department routes it
 * to the residence community; the community approves (with the control measure) or rejects;
 * the result is pushed to the liaison, who marks the person notified; on arrival day the
 * community checks the person in, which opens the control measure. Withdraw and resubmit are
 * the submitter's; a rejection can be appealed once, with new information, back to review.
 */
export const TRANSITIONS = {
  route: { from: ['submitted'], to: 'routed', party: 'department' },
  reroute: { from: ['routed'], to: 'routed', party: 'department' },
  approve: { from: ['routed'], to: 'approved', party: 'community' },
  reject: { from: ['routed'], to: 'rejected', party: 'community' },
  markNotified: { from: ['approved'], to: 'notified', party: 'liaison' },
  checkIn: { from: ['approved', 'notified'], to: 'arrived', party: 'community' },
  withdraw: { from: ['submitted', 'routed'], to: 'withdrawn', party: 'submitter' },
  resubmit: { from: ['withdrawn'], to: 'submitted', party: 'submitter' },
  appeal: { from: ['rejected'], to: 'routed', party: 'submitter' },
} as const satisfies Record<string, Transition>;

export type TransitionName = keyof typeof TRANSITIONS;

/** A guard's verdict, the kernel's shape: null when the step may be taken, otherwise the error to answer with. */
export type GuardResult = AppError | null;

/** The 409 of a step the request's state does not allow, naming the state it is in (someone else acted first). */
export function statusConflict(status: InboundStatus): AppError {
  const t = STATUS_TEXT[status]!;
  return inboundErrors.INBOUND_STATUS_CONFLICT({ statusZh: t.zh, statusEn: t.en });
}

export function canTransition(name: TransitionName, status: InboundStatus): boolean {
  return (TRANSITIONS[name].from as readonly InboundStatus[]).includes(status);
}

/** Routing to the suggested community needs no reason; any other community does. */
export function guardRoute(
  r: { status: InboundStatus; suggestedCommunityId: number | null },
  chosenCommunityId: number | null,
  reason: string | null,
): GuardResult {
  if (!canTransition('route', r.status)) return statusConflict(r.status);
  const target = chosenCommunityId ?? r.suggestedCommunityId;
  if (target === null) return inboundErrors.INBOUND_ROUTE_COMMUNITY_REQUIRED();
  if (r.suggestedCommunityId !== null && target !== r.suggestedCommunityId && !reason?.trim()) return inboundErrors.INBOUND_ROUTE_REASON_REQUIRED();
  return null;
}

/** Re-routing a request under review moves it to another community, always with a reason. */
export function guardReroute(r: { status: InboundStatus; communityId: number | null }, chosenCommunityId: number | null, reason: string | null): GuardResult {
  if (!canTransition('reroute', r.status)) return statusConflict(r.status);
  if (chosenCommunityId === null) return inboundErrors.INBOUND_ROUTE_COMMUNITY_REQUIRED();
  if (chosenCommunityId === r.communityId) return inboundErrors.INBOUND_ROUTE_SAME_COMMUNITY();
  if (!reason?.trim()) return inboundErrors.INBOUND_ROUTE_REASON_REQUIRED();
  return null;
}

/** Home observation and facility quarantine last at least a day; "no measure" lasts none. */
export function guardApprove(r: { status: InboundStatus }, measure: Measure): GuardResult {
  if (!canTransition('approve', r.status)) return statusConflict(r.status);
  if (measure.kind === 'none' ? measure.days !== 0 : measure.days < 1) return inboundErrors.INBOUND_MEASURE_INVALID();
  return null;
}

/** A rejection can be appealed once. */
export function guardAppeal(r: { status: InboundStatus; appealCount: number }): GuardResult {
  if (!canTransition('appeal', r.status)) return statusConflict(r.status);
  if (r.appealCount >= 1) return inboundErrors.INBOUND_APPEAL_USED();
  return null;
}

/** Check-in needs an approved request whose notice is still valid. */
export function guardCheckIn(r: { status: InboundStatus; noticeValidUntil: Date | null }, now: Date): GuardResult {
  if (!canTransition('checkIn', r.status)) return statusConflict(r.status);
  if (r.noticeValidUntil && now > r.noticeValidUntil) return inboundErrors.INBOUND_NOTICE_EXPIRED();
  return null;
}

/** The person may report their own arrival once, after approval and before check-in. */
export function guardSelfReport(r: { status: InboundStatus; selfReportedAt: Date | null }): GuardResult {
  if (r.status !== 'approved' && r.status !== 'notified') return statusConflict(r.status);
  if (r.selfReportedAt) return inboundErrors.INBOUND_ALREADY_REPORTED();
  return null;
}

export function guardSimple(name: 'reject' | 'markNotified' | 'withdraw' | 'resubmit', status: InboundStatus): GuardResult {
  return canTransition(name, status) ? null : statusConflict(status);
}

/** Who is to act next, for queues and the request's clock. */
export function waitingFor(status: InboundStatus): 'department' | 'community' | 'liaison' | 'person' | 'none' {
  switch (status) {
    case 'submitted':
      return 'department';
    case 'routed':
      return 'community';
    case 'approved':
      return 'liaison';
    case 'notified':
      return 'person';
    default:
      return 'none';
  }
}
