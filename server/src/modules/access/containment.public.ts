/**
 * Containment's public face (to be folded into the access module's index.ts at merge): routes,
 * the dashboard card, the release-criterion job, and the lockdown list gates use.
 */
export { containmentRoutes } from './containment.routes.js';
export { containmentDashboardCard } from './containment.map.js';
export { noticeReleasesDue } from './lockdowns.service.js';
export { lockdownList, sealedBy, nextListVersion, type LockdownEntry, type LockdownList } from './lockdowns.list.js';
export { seedContainmentDemo } from './containment.demo.js';
