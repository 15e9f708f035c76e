import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Platform } from './platform/context.js';
import { auditRoutes } from './platform/audit/audit.routes.js';
import { authRoutes } from './platform/auth/auth.routes.js';
import { userRoutes } from './platform/auth/users.routes.js';
import { calendarRoutes } from './platform/calendar/calendar.routes.js';
import { dashboardRoutes } from './platform/dashboard/dashboard.routes.js';
import { figureRoutes } from './platform/figures/figures.routes.js';
import { importRoutes } from './platform/imports/imports.routes.js';
import { installModules } from './platform/modules/install.js';
import { notificationRoutes } from './platform/notifications/notifications.routes.js';
import { obligationRoutes } from './platform/obligations/obligations.routes.js';
import { passRoutes } from './platform/passes/passes.routes.js';
import { MODULES } from './modules.js';
import type { ModuleManifest } from './platform/modules/define-module.js';

/** Every /api route: the platform's, then each module's (server/src/modules.ts). */
export function apiRoutes(platform: Platform, modules: readonly ModuleManifest[] = MODULES): FastifyPluginAsyncZod {
  installModules(modules);
  return async (app) => {
    for (const routes of [
      authRoutes,
      userRoutes,
      calendarRoutes,
      auditRoutes,
      obligationRoutes,
      notificationRoutes,
      importRoutes,
      passRoutes,
      dashboardRoutes,
      figureRoutes,
    ]) {
      await app.register(routes(platform));
    }
    for (const m of modules) for (const routes of m.routes ?? []) await app.register(routes(platform));
  };
}

/** The modules' routes outside /api (the Open311 API). */
export function mountedRoutes(platform: Platform, modules: readonly ModuleManifest[] = MODULES): FastifyPluginAsyncZod {
  return async (app) => {
    for (const m of modules) for (const mount of m.mounts ?? []) await app.register(mount.routes(platform), { prefix: mount.prefix });
  };
}
