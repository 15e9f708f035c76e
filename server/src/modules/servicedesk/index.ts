/** The service desk module's public face: its manifest (routes, the Open311 API, its job, demo data). */
import { defineModule } from '../../platform/modules/define-module.js';
import { recordMissedLimits } from './breaches.service.js';
import { servicedeskTodoKinds } from './clocks.js';
import { seedServicedeskDay, seedServicedeskDemo } from './demo-data.js';
import { open311Routes } from './open311/open311.routes.js';
import { LIVE_TOPIC } from './orders.service.js';
import { servicedeskRoutes } from './servicedesk.routes.js';
import { servicedeskFigureSet } from './figures.service.js';

export { rebuildFigures } from './figures.rollup.js';
export { servicedeskRoutes, open311Routes, recordMissedLimits, servicedeskTodoKinds, seedServicedeskDay, seedServicedeskDemo };

/** Repairs, complaints and requests (12345-style): intake, dispatch, field work, time limits, Open311. */
export const servicedeskModule = defineModule({
  name: 'servicedesk',
  routes: [servicedeskRoutes],
  mounts: [{ prefix: '/open311', routes: open311Routes }],
  jobs: [
    { name: 'servicedesk.missed_limits', everyMs: (config) => config.escalationCheckSeconds * 1000, run: async (p) => void (await recordMissedLimits(p)) },
  ],
  figures: [servicedeskFigureSet],
  todoKinds: servicedeskTodoKinds,
  liveTopics: [LIVE_TOPIC],
  seedDemo: (ctx, demo) =>
    seedServicedeskDemo(ctx, { communityId: demo.community, propertyUserId: demo.users.get('property')!, communityUserId: demo.users.get('community')! }),
  seedDemoDay: async (as, demo) =>
    seedServicedeskDay({ desk: await as('community'), repairer: await as('property') }, demo.users.get('property')!, [...demo.flats]),
});
