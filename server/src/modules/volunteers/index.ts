/**
 * The volunteers module's public face (志愿服务、爱心银行): its manifest. The hours ledger reads the
 * minutes served on duty through the duty module's `dutyServedAfter`.
 */
import { defineModule } from '../../platform/modules/define-module.js';
import { expireHolds } from './volunteers-bank.service.js';
import { syncDutyHours } from './volunteers-hours.service.js';
import { expireNeeds } from './volunteers-needs.service.js';
import { seedVolunteersDemo } from './volunteers.demo.js';
import { VOLUNTEERS_LIVE_TOPIC, volunteersTodoKinds } from './volunteers.effects.js';
import { activityFigureSet, bankFigureSet, hoursFigureSet, needFigureSet, volunteersDashboardCard } from './volunteers.figures.js';
import { volunteersRoutes } from './volunteers.routes.js';

export { volunteersRoutes, syncDutyHours, expireHolds, expireNeeds };
// What the bench drives (bench/volunteers): the reads of a person's page and the board, and taking a need.
export { accountStatement } from './volunteers-bank.service.js';
export { minutesSummary, myEntries } from './volunteers-hours.service.js';
export { needsBoard, takeNeed } from './volunteers-needs.service.js';

/** Volunteers and teams, needs, activities and programmes, same-day dispatch, pairings, the verified hours ledger, the love bank, awards. */
export const volunteersModule = defineModule({
  name: 'volunteers',
  routes: [volunteersRoutes],
  jobs: [
    { name: 'volunteers.duty_hours', everyMs: 10 * 60000, run: async (p) => void (await syncDutyHours(p)) },
    { name: 'volunteers.holds', everyMs: 15 * 60000, run: async (p) => void (await expireHolds(p)) },
    { name: 'volunteers.needs_expire', everyMs: 15 * 60000, run: async (p) => void (await expireNeeds(p)) },
  ],
  dashboardCards: [volunteersDashboardCard],
  figures: [needFigureSet, activityFigureSet, hoursFigureSet, bankFigureSet],
  todoKinds: volunteersTodoKinds,
  liveTopics: [VOLUNTEERS_LIVE_TOPIC],
  seedDemo: async (ctx, demo) => void (await seedVolunteersDemo(ctx, demo)),
});
