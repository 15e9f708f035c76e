/** The access module's public face: passes and gates (routes, the gates card, the demo gate and passes). */
import { defineModule } from '../../platform/modules/define-module.js';
import { seedAccessDemo } from './access.demo.js';
import { accessDashboardCard } from './access.dashboard.js';
import { accessFigureSet } from './access.figures.js';
import { accessRoutes } from './access.routes.js';

export { accessRoutes, accessDashboardCard, seedAccessDemo };
/** How many gate events wait for the group commit (a gauge of /metrics). */
export { gateEventsQueued } from './gate-events.group-commit.js';

/** Health, household and vehicle passes, checked offline-first at every gate. */
export const accessModule = defineModule({
  name: 'access',
  routes: [accessRoutes],
  dashboardCards: [accessDashboardCard],
  figures: [accessFigureSet],
  partitionedTables: [{ table: 'gate_events', healthData: true }],
  seedDemo: async (ctx, demo) => void (await seedAccessDemo(ctx, demo.compound)),
});
