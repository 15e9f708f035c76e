/** The observation module's public face: its manifest, and what other modules may call. */
import { defineModule } from '../../platform/modules/define-module.js';
import { observationTick } from './observation.checks.js';
import { observationDashboardCard, observationFigureSet } from './observation.dashboard.js';
import { observationRoutes } from './observation.routes.js';
import { CASE_TOPIC } from './observation.service.js';

export { openObservationCase, type OpenCaseInput } from './observation.service.js';
export { observationRoutes, observationTick, observationDashboardCard };

/** Home and centralized observation: twice-daily readings, alerts, release. */
export const observationModule = defineModule({
  name: 'observation',
  routes: [observationRoutes],
  jobs: [{ name: 'observation.tick', everyMs: 5 * 60000, run: async (p) => void (await observationTick(p)) }],
  dashboardCards: [observationDashboardCard],
  figures: [observationFigureSet],
  partitionedTables: [{ table: 'observation_checks', healthData: true }],
  liveTopics: [CASE_TOPIC],
});
