import { can, inEmployerScope, inPlaceScope, type Actor } from '../../platform/access/actor.js';
import { definePolicy } from '../../platform/access/policy.js';
import type { RequestRow } from './inbound.repository.js';
import { canTransition } from './inbound.workflow.js';

/** The submitting side: who sent it, its employer's liaisons, or the department it sits with. */
function submitterSide(a: Actor, r: RequestRow) {
  if (!can(a, 'inbound.submit')) return false;
  if (r.submittedBy !== null && r.submittedBy === a.userId) return true;
  if (r.employerId !== null && a.scope.employerIds.length > 0 && inEmployerScope(a, r.employerId)) return true;
  return inPlaceScope(a, r.departmentPath) || inPlaceScope(a, r.dwellingPath);
}

/** The department side: coordinators over the department, or over the person's dwelling. */
const department = (a: Actor, r: RequestRow) => can(a, 'inbound.route') && (inPlaceScope(a, r.departmentPath) || inPlaceScope(a, r.dwellingPath));

const community = (a: Actor, r: RequestRow) => inPlaceScope(a, r.communityPath) || inPlaceScope(a, r.dwellingPath);

/**
 * Each step's party, on the request's current state: the UI shows only these buttons, and
 * the service asserts the same rule.
 */
export const requestPolicy = definePolicy<
  RequestRow,
  'route' | 'reroute' | 'approve' | 'reject' | 'markNotified' | 'checkIn' | 'withdraw' | 'resubmit' | 'appeal' | 'notice' | 'seeHealth'
>({
  route: (a, r) => canTransition('route', r.status) && department(a, r),
  reroute: (a, r) => canTransition('reroute', r.status) && department(a, r),
  approve: (a, r) => canTransition('approve', r.status) && can(a, 'inbound.review') && inPlaceScope(a, r.communityPath),
  reject: (a, r) => canTransition('reject', r.status) && can(a, 'inbound.review') && inPlaceScope(a, r.communityPath),
  markNotified: (a, r) => canTransition('markNotified', r.status) && submitterSide(a, r),
  checkIn: (a, r) => canTransition('checkIn', r.status) && can(a, 'inbound.checkin') && community(a, r),
  withdraw: (a, r) => canTransition('withdraw', r.status) && submitterSide(a, r),
  resubmit: (a, r) => canTransition('resubmit', r.status) && submitterSide(a, r),
  appeal: (a, r) => canTransition('appeal', r.status) && r.appealCount === 0 && submitterSide(a, r),
  notice: (_a, r) => r.status === 'approved' || r.status === 'notified' || r.status === 'arrived',
  seeHealth: (a, r) =>
    (can(a, 'inbound.review') || can(a, 'inbound.checkin') || can(a, 'inbound.route')) && (inPlaceScope(a, r.departmentPath) || community(a, r)),
});
