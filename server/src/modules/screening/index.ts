/** The screening module's public face: routes, the progress job, and the hook for observation cases. */
export { screeningRoutes } from './screening.routes.js';
export { completeFinishedWork } from './screening.progress.js';
export { screeningTodoKinds } from './visits.duties.js';
export { setObservationCaseOpener, type OpenCase, type OpenCaseRequest, type OpenedCase } from './screening.followups.js';
