import { FigureCatalog, FigureQuery, FigureSetResult } from '@jiayuan/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Platform } from '../context.js';
import { ctxOf } from '../http/request-context.js';
import { computeFigures, figureCatalog } from './figures.registry.js';

export function figureRoutes(platform: Platform): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/figures',
      {
        schema: {
          tags: ['figures'],
          summary: 'The figure sets I may read: each module’s measures with their definitions and groupings',
          response: { 200: FigureCatalog },
        },
        config: { access: 'staff' },
      },
      async (req) => ({ items: figureCatalog(ctxOf(platform, req)) }),
    );
    app.get(
      '/figures/:key',
      {
        schema: {
          tags: ['figures'],
          summary: 'One figure set computed within my scope for a date range, grouped by day or by a kind of place or record',
          params: z.object({ key: z.string().max(100) }),
          querystring: FigureQuery,
          response: { 200: FigureSetResult },
        },
        config: { access: 'staff' },
      },
      async (req) => computeFigures(ctxOf(platform, req), req.params.key, req.query),
    );
  };
}
