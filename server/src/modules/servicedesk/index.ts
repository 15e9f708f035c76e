/** The service desk module's public face: routes for the app, the Open311 API, and its periodic job. */
export { servicedeskRoutes } from './servicedesk.routes.js';
export { open311Routes } from './open311/open311.routes.js';
export { recordMissedLimits } from './breaches.service.js';
export { servicedeskTodoKinds } from './clocks.js';
export { seedServicedeskDay, seedServicedeskDemo } from './demo-data.js';
