import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Platform } from './platform/context.js';
import { authRoutes } from './platform/auth/auth.routes.js';
import { userRoutes } from './platform/auth/users.routes.js';
import { calendarRoutes } from './platform/calendar/calendar.routes.js';
import { placeImporter, placeRoutes, residentImporter, residentRoutes } from './modules/registry/index.js';
import { importRoutes } from './platform/imports/imports.routes.js';
import { registerImporter } from './platform/imports/imports.service.js';
import { auditRoutes } from './platform/audit/audit.routes.js';
import { notificationRoutes } from './platform/notifications/notifications.routes.js';
import { obligationRoutes } from './platform/obligations/obligations.routes.js';
import { screeningRoutes, screeningTodoKinds } from './modules/screening/index.js';
import { passRoutes } from './platform/passes/passes.routes.js';
import { dashboardRoutes } from './platform/dashboard/dashboard.routes.js';
import { registerDashboardCard } from './platform/dashboard/dashboard.service.js';
import { observationDashboardCard, observationRoutes } from './modules/observation/index.js';
import { inboundDashboardCard, inboundRoutes, inboundTodoKinds } from './modules/inbound/index.js';
import { servicedeskRoutes, servicedeskTodoKinds } from './modules/servicedesk/index.js';
import { householdsUnder } from './modules/registry/index.js';
import { registerObligationTargets } from './platform/obligations/obligations.service.js';
import { accessDashboardCard, accessRoutes, containmentDashboardCard, containmentRoutes, containmentTodoKinds } from './modules/access/index.js';
import { registerObligationKinds } from './platform/obligations/obligation-kinds.js';

/** Every /api route, platform first, then modules. */
export function apiRoutes(platform: Platform): FastifyPluginAsyncZod {
  registerImporter(residentImporter);
  registerImporter(placeImporter);
  registerDashboardCard(inboundDashboardCard);
  registerDashboardCard(observationDashboardCard);
  registerDashboardCard(containmentDashboardCard);
  // Recurring duties owed to each household under a place (daily supplies to sealed households); the to-do shows
  // the flat's address, and volunteers need no page of ours to open.
  registerObligationTargets('household', async (ex, rootPath) =>
    (await householdsUnder(ex, rootPath)).map((h) => ({ subjectType: 'household', subjectId: h.householdId, placeId: h.dwellingId, placePath: h.placePath, link: null })),
  );
  registerDashboardCard(accessDashboardCard);
  // The headings of the to-do groups; kinds whose to-dos share one title (observation's, recurring duties') need none.
  registerObligationKinds({ ...inboundTodoKinds, ...servicedeskTodoKinds, ...screeningTodoKinds, ...containmentTodoKinds });
  return async (app) => {
    await app.register(authRoutes(platform));
    await app.register(userRoutes(platform));
    await app.register(calendarRoutes(platform));
    await app.register(auditRoutes(platform));
    await app.register(obligationRoutes(platform));
    await app.register(notificationRoutes(platform));
    await app.register(importRoutes(platform));
    await app.register(passRoutes(platform));
    await app.register(placeRoutes(platform));
    await app.register(residentRoutes(platform));
    await app.register(screeningRoutes(platform));
    await app.register(dashboardRoutes(platform));
    await app.register(observationRoutes(platform));
    await app.register(inboundRoutes(platform));
    await app.register(servicedeskRoutes(platform));
    await app.register(containmentRoutes(platform));
    await app.register(accessRoutes(platform));
  };
}
