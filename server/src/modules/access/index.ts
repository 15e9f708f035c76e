/**
 * The access module's public face: passes and gates (routes, the gates card), containment
 * (routes, the sealed-places card, the release-criterion job, the demo seed) and the
 * lockdown list gates use.
 */
export { accessRoutes } from './access.routes.js';
export { accessDashboardCard } from './access.dashboard.js';
export { containmentRoutes } from './containment.routes.js';
export { containmentDashboardCard } from './containment.map.js';
export { containmentTodoKinds } from './lockdowns.effects.js';
export { noticeReleasesDue } from './lockdowns.service.js';
export { lockdownList, sealedBy, nextListVersion, type LockdownEntry, type LockdownList } from './lockdowns.list.js';
export { seedContainmentDemo } from './containment.demo.js';
export { seedAccessDemo } from './access.demo.js';
export { gateEventsQueued } from './gate-events.group-commit.js';
