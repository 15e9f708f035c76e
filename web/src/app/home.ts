import type { Role } from '@jiayuan/contracts';

/**
 * Each role's first screen: the page they work from (shared/DESIGN.md "Users"). A user with
 * several roles gets the first of theirs in this order. On a phone, the roles that work on
 * their feet land on their phone pages: the health worker on today's readings, the gate guard
 * on the scanner, the volunteer on the door-to-door visits.
 */
const HOMES: [Role, desk: string, phone: string][] = [
  ['center_coordinator', '/dashboard', '/dashboard'],
  ['department_coordinator', '/dashboard', '/dashboard'],
  ['community_staff', '/todos', '/todos'],
  ['station_staff', '/todos', '/todos'],
  ['health_worker', '/observation', '/observation/today'],
  ['employer_liaison', '/inbound', '/inbound'],
  ['property_staff', '/todos', '/gate'],
  ['volunteer', '/todos', '/screening/visit'],
  ['auditor', '/audit', '/audit'],
  ['admin', '/admin/users', '/admin/users'],
];

export function homeFor(roles: readonly Role[], phone: boolean): string {
  const hit = HOMES.find(([role]) => roles.includes(role));
  return hit ? (phone ? hit[2] : hit[1]) : '/todos';
}
