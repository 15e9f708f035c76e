import { CalendarDay, CalendarOverride, CalendarQuery, LocalDate, Ok } from '@jiayuan/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Platform } from '../context.js';
import { ctxOf } from '../http/request-context.js';
import * as calendar from './calendar.service.js';

export function calendarRoutes(platform: Platform): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['calendar'];
    app.get(
      '/calendar',
      {
        schema: {
          tags,
          summary: 'Working days and holidays (national calendar plus local overrides)',
          querystring: CalendarQuery,
          response: { 200: z.object({ days: z.array(CalendarDay), coveredUntilYear: z.number() }) },
        },
        config: { access: 'authenticated' },
      },
      async (req) => calendar.calendarRange(ctxOf(platform, req), req.query.from, req.query.to),
    );
    app.get(
      '/calendar/overrides',
      { schema: { tags, response: { 200: z.object({ items: z.array(CalendarOverride) }) } }, config: { access: 'authenticated' } },
      async (req) => ({ items: await calendar.listOverrides(ctxOf(platform, req)) }),
    );
    app.put(
      '/calendar/overrides',
      { schema: { tags, body: CalendarOverride, response: { 200: Ok } }, config: { access: 'calendar.manage' } },
      async (req) => {
        await calendar.saveOverride(ctxOf(platform, req), req.body);
        return { ok: true as const };
      },
    );
    app.delete(
      '/calendar/overrides/:date',
      { schema: { tags, params: z.object({ date: LocalDate }), response: { 200: Ok } }, config: { access: 'calendar.manage' } },
      async (req) => {
        await calendar.deleteOverride(ctxOf(platform, req), req.params.date);
        return { ok: true as const };
      },
    );
  };
}
