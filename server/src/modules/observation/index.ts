/** The observation module's public face: routes, the job, and what other modules may call. */
export { openObservationCase, type OpenCaseInput } from './observation.service.js';
export { observationRoutes } from './observation.routes.js';
export { observationTick } from './observation.checks.js';
export { observationDashboardCard } from './observation.dashboard.js';
