import { DashboardView } from '@jiayuan/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Platform } from '../context.js';
import { ctxOf } from '../http/request-context.js';
import { dashboard } from './dashboard.service.js';

export function dashboardRoutes(platform: Platform): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/dashboard',
      {
        schema: {
          tags: ['dashboard'],
          summary: 'Cards of the first screen: each module’s figures for today, within my scope',
          response: { 200: DashboardView },
        },
        config: { access: 'dashboard.read' },
      },
      async (req) => dashboard(ctxOf(platform, req)),
    );
  };
}
