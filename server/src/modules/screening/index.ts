/** The screening module's public face: its manifest. */
import { defineModule } from '../../platform/modules/define-module.js';
import { completeFinishedWork } from './screening.progress.js';
import { SCREENING_TOPIC } from './screening.policy.js';
import { screeningFigureSet } from './screening.figures.js';
import { screeningRoutes } from './screening.routes.js';
import { screeningTodoKinds } from './visits.duties.js';

export { screeningRoutes, completeFinishedWork, screeningTodoKinds };
export { setObservationCaseOpener, type OpenCase, type OpenCaseRequest, type OpenedCase } from './screening.followups.js';

/** Door-to-door screening campaigns (入户摸排) and the follow-up of what they find. */
export const screeningModule = defineModule({
  name: 'screening',
  routes: [screeningRoutes],
  jobs: [{ name: 'screening.progress', everyMs: 10 * 60000, run: async (p) => void (await completeFinishedWork(p)) }],
  figures: [screeningFigureSet],
  todoKinds: screeningTodoKinds,
  liveTopics: [SCREENING_TOPIC],
});
