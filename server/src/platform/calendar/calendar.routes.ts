import {
  CalendarArrangementSave,
  CalendarArrangementView,
  CalendarOverride,
  CalendarQuery,
  CalendarRange,
  LocalDate,
  Ok,
  WorkingHoursSave,
  WorkingHoursView,
} from '@jiayuan/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Platform } from '../context.js';
import { ctxOf } from '../http/request-context.js';
import * as calendar from './calendar.service.js';

const YearParams = z.object({ year: z.coerce.number().int().min(2000).max(2100) });

export function calendarRoutes(platform: Platform): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['calendar'];
    app.get(
      '/calendar',
      {
        schema: {
          tags,
          summary: 'Working days and holidays (the year arrangements, or the statutory default, plus local overrides)',
          querystring: CalendarQuery,
          response: { 200: CalendarRange },
        },
        config: { access: 'authenticated' },
      },
      async (req) => calendar.calendarRange(ctxOf(platform, req), req.query.from, req.query.to),
    );
    app.get(
      '/calendar/years/:year',
      {
        schema: {
          tags,
          summary: "A year's holiday arrangement, or a proposal for it when not entered",
          params: YearParams,
          response: { 200: CalendarArrangementView },
        },
        config: { access: 'authenticated' },
      },
      async (req) => calendar.getArrangement(ctxOf(platform, req), req.params.year),
    );
    app.put(
      '/calendar/years/:year',
      {
        schema: {
          tags,
          summary: "Enter a year's holiday arrangement from the State Council's notice",
          params: YearParams,
          body: CalendarArrangementSave,
          response: { 200: CalendarArrangementView },
        },
        config: { access: 'calendar.manage' },
      },
      async (req) => calendar.saveArrangement(ctxOf(platform, req), req.params.year, req.body),
    );
    app.get(
      '/calendar/hours',
      { schema: { tags, summary: 'Opening hours of working days', response: { 200: WorkingHoursView } }, config: { access: 'authenticated' } },
      async (req) => calendar.getWorkingHours(ctxOf(platform, req)),
    );
    app.put(
      '/calendar/hours',
      {
        schema: { tags, summary: 'Set the opening hours of working days', body: WorkingHoursSave, response: { 200: WorkingHoursView } },
        config: { access: 'calendar.manage' },
      },
      async (req) => calendar.saveWorkingHours(ctxOf(platform, req), req.body),
    );
    app.get(
      '/calendar/overrides',
      { schema: { tags, response: { 200: z.object({ items: z.array(CalendarOverride) }) } }, config: { access: 'authenticated' } },
      async (req) => ({ items: await calendar.listOverrides(ctxOf(platform, req)) }),
    );
    app.put('/calendar/overrides', { schema: { tags, body: CalendarOverride, response: { 200: Ok } }, config: { access: 'calendar.manage' } }, async (req) => {
      await calendar.saveOverride(ctxOf(platform, req), req.body);
      return { ok: true as const };
    });
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
