import { can, type Actor } from '../../platform/access/actor.js';
import { definePolicy } from '../../platform/access/policy.js';
import type { BreachRow, OrderRow } from './servicedesk.repository.js';
import { isOpen, statusAllows, whoGuard, type Action, type Who } from './servicedesk.workflow.js';

/** An order as the policy sees it: the row and the acting user's teams. */
export interface OrderForPolicy {
  row: OrderRow;
  who: Who;
}

const staff = (a: Actor) => a.kind !== 'user' || a.residentId === null;

/** A workflow action is offered when the role allows it, the status allows it and the who-guard passes. */
function step(permission: 'servicedesk.work' | 'servicedesk.dispatch', action: Action) {
  return (a: Actor, r: OrderForPolicy) => staff(a) && can(a, permission) && statusAllows(r.row, action) && whoGuard(r.row, action, r.who) === null;
}

export const orderPolicy = definePolicy<OrderForPolicy, Action | 'addPhoto'>({
  dispatch: step('servicedesk.dispatch', 'dispatch'),
  take: step('servicedesk.work', 'take'),
  accept: step('servicedesk.work', 'accept'),
  arrive: step('servicedesk.work', 'arrive'),
  resolve: step('servicedesk.work', 'resolve'),
  reply: step('servicedesk.work', 'reply'),
  callback: step('servicedesk.work', 'callback'),
  pause: step('servicedesk.work', 'pause'),
  resume: step('servicedesk.work', 'resume'),
  transfer: step('servicedesk.dispatch', 'transfer'),
  acceptTransfer: step('servicedesk.work', 'acceptTransfer'),
  rejectTransfer: step('servicedesk.work', 'rejectTransfer'),
  cancel: step('servicedesk.dispatch', 'cancel'),
  reopen: step('servicedesk.dispatch', 'reopen'),
  merge: step('servicedesk.dispatch', 'merge'),
  addPhoto: (a, r) => staff(a) && can(a, 'servicedesk.work') && isOpen(r.row.status),
});

/** What the reporting resident may do with their own order. */
export const myOrderPolicy = definePolicy<OrderRow, 'feedback' | 'addPhoto'>({
  feedback: (_a, o) => o.status === 'resolved' || o.status === 'replied',
  addPhoto: (_a, o) => isOpen(o.status) && o.status !== 'resolved' && o.status !== 'replied',
});

/** The holder of a missed limit (or their team leader) explains it; a manager reviews it. */
export const breachPolicy = definePolicy<{ row: BreachRow; leaderOf: readonly number[] }, 'explain' | 'review'>({
  explain: (a, b) =>
    can(a, 'servicedesk.work') &&
    b.row.review === null &&
    ((a.userId !== null && b.row.holderUserId === a.userId) || (b.row.teamId !== null && b.leaderOf.includes(b.row.teamId))),
  review: (a, b) => can(a, 'servicedesk.review') && b.row.review === null,
});
