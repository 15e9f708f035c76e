/**
 * The duty module's public face (党员报到、岗位认领、社区吹哨、“2+1”): its manifest, and the minutes
 * each person served (the `duty_served` view; the volunteers' hours ledger reads it through `servedMinutesOf`).
 */
import { defineModule } from '../../platform/modules/define-module.js';
import { closeDueCallUps } from './duty-callups.service.js';
import { DUTY_LIVE_TOPIC } from './duty.effects.js';
import { dutyRoutes } from './duty.routes.js';

export { dutyRoutes, closeDueCallUps };

/** Party members report in, claim shifts of posts, answer call-ups; teams and the 2+1 roster; served minutes. */
export const dutyModule = defineModule({
  name: 'duty',
  routes: [dutyRoutes],
  jobs: [{ name: 'duty.call_ups', everyMs: 60000, run: async (p) => void (await closeDueCallUps(p)) }],
  liveTopics: [DUTY_LIVE_TOPIC],
});
