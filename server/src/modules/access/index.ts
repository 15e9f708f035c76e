/** The access module's public face: routes, the dashboard card, and the gate lists. */
export { accessRoutes } from './access.routes.js';
export { accessDashboardCard } from './access.dashboard.js';
export { lockdownList, sealedBy } from './lockdowns.list.js';
