import type { OrderKind, OrderStatus, OrderTransition } from '@jiayuan/contracts';
import type { AppError } from '../../platform/errors/app-error.js';
import { sdErrors } from './servicedesk.errors.js';

export type Action = OrderTransition['action'] | 'merge';

/** `same`: the status does not change (a transfer request, a re-dispatch of a complaint); `back`: the status before the pause. */
type Target = OrderStatus | 'same' | 'back';
interface Step {
  from: readonly OrderStatus[];
  to: Target;
}

const OPEN_REPAIR = ['received', 'dispatched', 'accepted', 'on_site'] as const;

/**
 * The repair work order: received → dispatched (assigned or taken from the pool) → accepted →
 * on site → resolved → callback → closed; with waiting on the resident (clocks paused),
 * transfer to another team, cancel, reopen and merge into a duplicate.
 */
export const REPAIR_FLOW: Partial<Record<Action, Step>> = {
  dispatch: { from: ['received', 'dispatched', 'accepted'], to: 'dispatched' },
  take: { from: ['received'], to: 'dispatched' },
  accept: { from: ['dispatched'], to: 'accepted' },
  arrive: { from: ['accepted'], to: 'on_site' },
  resolve: { from: ['on_site'], to: 'resolved' },
  callback: { from: ['resolved'], to: 'closed' },
  pause: { from: OPEN_REPAIR, to: 'waiting' },
  resume: { from: ['waiting'], to: 'back' },
  transfer: { from: ['received', 'dispatched', 'accepted'], to: 'received' },
  cancel: { from: [...OPEN_REPAIR, 'waiting'], to: 'cancelled' },
  reopen: { from: ['resolved', 'closed'], to: 'received' },
  merge: { from: ['received', 'dispatched'], to: 'merged' },
};

/**
 * A complaint (and an enquiry): received → accepted (first response) → replied (the required
 * reply to the complainant) → callback → closed. A transfer to another team waits for the
 * receiving side to accept it; the owner (首问责任人) never changes.
 */
export const COMPLAINT_FLOW: Partial<Record<Action, Step>> = {
  accept: { from: ['received'], to: 'accepted' },
  dispatch: { from: ['received', 'accepted'], to: 'same' },
  reply: { from: ['accepted'], to: 'replied' },
  callback: { from: ['replied'], to: 'closed' },
  pause: { from: ['received', 'accepted'], to: 'waiting' },
  resume: { from: ['waiting'], to: 'back' },
  transfer: { from: ['received', 'accepted', 'waiting'], to: 'same' },
  acceptTransfer: { from: ['received', 'accepted', 'waiting'], to: 'same' },
  rejectTransfer: { from: ['received', 'accepted', 'waiting'], to: 'same' },
  cancel: { from: ['received', 'accepted', 'waiting'], to: 'cancelled' },
  reopen: { from: ['replied', 'closed'], to: 'accepted' },
  merge: { from: ['received', 'accepted'], to: 'merged' },
};

export function flowOf(kind: OrderKind) {
  return kind === 'repair' ? REPAIR_FLOW : COMPLAINT_FLOW;
}

export const TERMINAL: readonly OrderStatus[] = ['closed', 'cancelled', 'merged'];
export const isOpen = (s: OrderStatus) => !TERMINAL.includes(s);

/** What the guards need to know of an order. */
export interface OrderState {
  kind: OrderKind;
  status: OrderStatus;
  placePath: string;
  teamId: number | null;
  assigneeUserId: number | null;
  ownerUserId: number | null;
  transferToTeamId: number | null;
  pausedFrom: OrderStatus | null;
}

/** The acting user, the teams they belong to (as member or leader) and the teams they lead. */
export interface Who {
  userId: number | null;
  teamIds: readonly number[];
  leaderOf: readonly number[];
}

const inTeam = (who: Who, teamId: number | null) => teamId !== null && who.teamIds.includes(teamId);

/** The desk's side of an order: who handles it, and whether it is handled at all. */
const DESK_ACTIONS: readonly Action[] = ['dispatch', 'transfer', 'cancel', 'merge', 'reopen'];

/**
 * The person working on an order (its assignee, or a member of its team) does the work; the
 * desk's actions are not theirs, unless they also lead the team or own the order (首问责任).
 */
function worksOn(o: OrderState, who: Who): boolean {
  if (who.userId === null || o.ownerUserId === who.userId) return false;
  if (o.teamId !== null && who.leaderOf.includes(o.teamId)) return false;
  return o.assigneeUserId === who.userId || inTeam(who, o.teamId);
}

/** The status an action leads to, or an error when the order's status does not allow it. */
export function nextStatus(o: OrderState, action: Action): OrderStatus {
  const step = flowOf(o.kind)[action];
  if (!step || !step.from.includes(o.status)) throw sdErrors.SD_ACTION_NOT_ALLOWED_NOW();
  if (step.to === 'same') return o.status;
  if (step.to === 'back') return o.pausedFrom ?? 'received';
  return step.to;
}

/** The status allows the action at all (for showing buttons). */
export function statusAllows(o: OrderState, action: Action): boolean {
  const step = flowOf(o.kind)[action];
  return !!step && step.from.includes(o.status);
}

/**
 * Who-guards: the parts of an action's rule that depend on who acts, not on what they send.
 * Returns the error to raise, or null when the actor may.
 */
export function whoGuard(o: OrderState, action: Action, who: Who): AppError | null {
  if (DESK_ACTIONS.includes(action) && worksOn(o, who)) return sdErrors.SD_DESK_ACTION();
  switch (action) {
    case 'take':
      return inTeam(who, o.teamId) ? null : sdErrors.SD_NOT_TEAM_MEMBER();
    case 'accept':
      if (o.kind === 'repair') return o.assigneeUserId !== null && o.assigneeUserId === who.userId ? null : sdErrors.SD_NOT_ASSIGNEE();
      return o.teamId === null || inTeam(who, o.teamId) || o.ownerUserId === who.userId ? null : sdErrors.SD_NOT_TEAM_MEMBER();
    case 'arrive':
    case 'resolve':
      return o.assigneeUserId !== null && o.assigneeUserId === who.userId ? null : sdErrors.SD_NOT_ASSIGNEE();
    case 'reply':
      return o.teamId === null || inTeam(who, o.teamId) || o.ownerUserId === who.userId || o.assigneeUserId === who.userId
        ? null
        : sdErrors.SD_NOT_TEAM_MEMBER();
    case 'transfer':
      return o.transferToTeamId !== null ? sdErrors.SD_TRANSFER_PENDING() : null;
    case 'acceptTransfer':
    case 'rejectTransfer':
      if (o.transferToTeamId === null) return sdErrors.SD_NO_TRANSFER_PENDING();
      return inTeam(who, o.transferToTeamId) ? null : sdErrors.SD_NOT_RECEIVING_TEAM();
    case 'dispatch':
      return o.teamId === null ? sdErrors.SD_NO_TEAM() : null;
    default:
      return null;
  }
}

/** Guards on what the actor sends with the action. */
export function inputGuard(
  o: OrderState,
  t: { action: Action; toTeamId?: number; assigneeUserId?: number },
  ctx: { assigneeTeamIds?: readonly number[]; targetTeam?: { active: boolean; placePath: string } | null },
): AppError | null {
  if (t.action === 'dispatch') {
    if (!t.assigneeUserId || !(ctx.assigneeTeamIds ?? []).includes(o.teamId ?? -1)) return sdErrors.SD_ASSIGNEE_NOT_IN_TEAM().onField('assigneeUserId');
  }
  if (t.action === 'transfer') {
    if (t.toTeamId === o.teamId) return sdErrors.SD_TRANSFER_SAME_TEAM().onField('toTeamId');
    if (!ctx.targetTeam?.active) return sdErrors.SD_TEAM_UNKNOWN().onField('toTeamId');
    // Whoever holds an order sees it and works it: only a team whose place contains the order's.
    if (!o.placePath || !o.placePath.startsWith(ctx.targetTeam.placePath)) return sdErrors.SD_TEAM_NOT_SERVING_PLACE().onField('toTeamId');
  }
  return null;
}

/** Merging needs an open order of the same kind, other than itself. */
export function mergeGuard(o: OrderState & { id: number }, into: (OrderState & { id: number }) | null): AppError | null {
  if (!into || into.id === o.id) return sdErrors.SD_MERGE_TARGET_INVALID().onField('intoId');
  if (into.kind !== o.kind || !isOpen(into.status)) return sdErrors.SD_MERGE_TARGET_INVALID().onField('intoId');
  return null;
}
