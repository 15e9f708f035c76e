/**
 * The duty module's public face (党员报到、岗位认领、社区吹哨、“2+1”): its manifest. The minutes each
 * person served are the `duty_served` view (one row per shift checked out), which the volunteers'
 * hours ledger reads.
 */
import { defineModule } from '../../platform/modules/define-module.js';
import { closeDueCallUps } from './duty-callups.service.js';
import { flagUnfilledShifts, recordNoShows } from './duty-jobs.service.js';
import { seedDutyDemo } from './duty.demo.js';
import { DUTY_LIVE_TOPIC, dutyTodoKinds } from './duty.effects.js';
import { callUpFigureSet, dutyDashboardCard, memberFigureSet, servedFigureSet, shiftFigureSet } from './duty.figures.js';
import { postsUnder } from './duty.repository.js';
import { dutyRoutes } from './duty.routes.js';

export { dutyRoutes, closeDueCallUps, recordNoShows, flagUnfilledShifts };
export { dutyServedAfter, dutyReportOf, type DutyServed } from './duty-served.js';

/** Party members report in, claim shifts of posts, answer call-ups; teams and the 2+1 roster; served minutes. */
export const dutyModule = defineModule({
  name: 'duty',
  routes: [dutyRoutes],
  jobs: [
    { name: 'duty.call_ups', everyMs: 60000, run: async (p) => void (await closeDueCallUps(p)) },
    { name: 'duty.no_shows', everyMs: 5 * 60000, run: async (p) => void (await recordNoShows(p)) },
    { name: 'duty.unfilled', everyMs: 15 * 60000, run: async (p) => void (await flagUnfilledShifts(p)) },
  ],
  dashboardCards: [dutyDashboardCard],
  figures: [memberFigureSet, shiftFigureSet, callUpFigureSet, servedFigureSet],
  todoKinds: dutyTodoKinds,
  // A recurring duty owed to every post under a place (a daily round of the gates, a weekly check of the duty tables).
  obligationTargets: {
    dutyPost: async (ex, rootPath) =>
      (await postsUnder(ex, rootPath)).map((p) => ({
        subjectType: 'duty_post',
        subjectId: p.id,
        placeId: p.placeId,
        placePath: p.placePath,
        link: `/duty/posts/${p.id}`,
      })),
  },
  liveTopics: [DUTY_LIVE_TOPIC],
  seedDemo: async (ctx, demo) => void (await seedDutyDemo(ctx, demo)),
});
