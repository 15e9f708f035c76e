/** The inbound module's public face: its manifest. */
import { defineModule } from '../../platform/modules/define-module.js';
import { seedInboundDay } from './demo-data.js';
import { inboundDashboardCard, inboundFigureSet } from './inbound.figures.js';
import { inboundTodoKinds } from './inbound.obligations.js';
import { inboundRoutes } from './inbound.routes.js';
import { INBOUND_TOPIC } from './inbound.service.js';

export { inboundRoutes, inboundDashboardCard, inboundTodoKinds, seedInboundDay };

/** The six-step return loop (返岗): request, route, review, notify, check in, observe. */
export const inboundModule = defineModule({
  name: 'inbound',
  routes: [inboundRoutes],
  dashboardCards: [inboundDashboardCard],
  figures: [inboundFigureSet],
  todoKinds: inboundTodoKinds,
  liveTopics: [INBOUND_TOPIC],
  seedDemoDay: async (as, demo) =>
    seedInboundDay(
      { liaison: await as('liaison'), department: await as('department'), community: await as('community'), health: await as('health') },
      [...demo.employees],
      demo.today,
    ),
});
