/**
 * The containment module's public face (封控): its manifest, and the lockdown list gates keep
 * (the access module reads it to refuse passes to sealed places).
 */
import { defineModule } from '../../platform/modules/define-module.js';
import { seedContainmentDemo } from './containment.demo.js';
import { caseFigureSet, orderFigureSet } from './containment.figures.js';
import { containmentDashboardCard } from './containment.map.js';
import { containmentRoutes } from './containment.routes.js';
import { CONTAINMENT_TOPIC, containmentTodoKinds } from './lockdowns.effects.js';
import { noticeReleasesDue } from './lockdowns.service.js';

export { containmentRoutes, containmentDashboardCard, containmentTodoKinds, noticeReleasesDue, seedContainmentDemo };
export { LOCKDOWNS_CHANNEL, lockdownList, sealedBy, nextListVersion, lockdownListVersionSql, type LockdownEntry, type LockdownList } from './lockdowns.list.js';

/** Cases against dwellings, the lockdown orders they propose (stairwell, building, compound), release. */
export const containmentModule = defineModule({
  name: 'containment',
  routes: [containmentRoutes],
  jobs: [{ name: 'containment.release_due', everyMs: 15 * 60000, run: async (p) => void (await noticeReleasesDue(p)) }],
  dashboardCards: [containmentDashboardCard],
  figures: [caseFigureSet, orderFigureSet],
  todoKinds: containmentTodoKinds,
  liveTopics: [CONTAINMENT_TOPIC],
  seedDemo: async (ctx, demo) => void (await seedContainmentDemo(ctx, demo.community)),
});
