/** The inbound module's public face: its routes and its dashboard card. */
export { inboundRoutes } from './inbound.routes.js';
export { inboundDashboardCard } from './inbound.figures.js';
export { inboundTodoKinds } from './inbound.obligations.js';
export { seedInboundDay } from './demo-data.js';
