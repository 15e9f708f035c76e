import { IdParams, ObligationRuleSave, ObligationRuleView, ObligationView, Ok, TodoBatchDone, TodoBatchResult, TodoPage, TodoQuery } from '@jiayuan/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Platform } from '../context.js';
import { ctxOf } from '../http/request-context.js';
import * as obligations from './obligations.service.js';

export function obligationRoutes(platform: Platform): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['to-dos'];
    app.get(
      '/todos',
      {
        schema: {
          tags,
          summary: 'My to-dos, soonest due first, with counts overdue / due today and the groups by kind',
          querystring: TodoQuery,
          response: { 200: TodoPage },
        },
        config: { access: 'authenticated' },
      },
      async (req) => obligations.myTodos(ctxOf(platform, req), req.query),
    );
    app.post(
      '/todos/done',
      {
        schema: {
          tags,
          summary: 'Tick off several recurring duties at once: by ids, or a kind due before a time',
          body: TodoBatchDone,
          response: { 200: TodoBatchResult },
        },
        config: { access: 'authenticated' },
      },
      async (req) => obligations.completeTodos(ctxOf(platform, req), req.body),
    );
    app.post(
      '/todos/:id/done',
      { schema: { tags, summary: 'Tick off a recurring duty', params: IdParams, response: { 200: ObligationView } }, config: { access: 'authenticated' } },
      async (req) => obligations.completeTodo(ctxOf(platform, req), req.params.id),
    );
    const ruleTags = ['to-dos: recurring duties'];
    app.get(
      '/obligation-rules',
      { schema: { tags: ruleTags, response: { 200: z.object({ items: z.array(ObligationRuleView) }) } }, config: { access: 'obligation.manage' } },
      async (req) => obligations.listRules(ctxOf(platform, req)),
    );
    app.post(
      '/obligation-rules',
      { schema: { tags: ruleTags, body: ObligationRuleSave, response: { 201: ObligationRuleView } }, config: { access: 'obligation.manage' } },
      async (req, reply) => reply.code(201).send(await obligations.saveRule(ctxOf(platform, req), null, req.body)),
    );
    app.put(
      '/obligation-rules/:id',
      {
        schema: { tags: ruleTags, params: IdParams, body: ObligationRuleSave, response: { 200: ObligationRuleView } },
        config: { access: 'obligation.manage' },
      },
      async (req) => obligations.saveRule(ctxOf(platform, req), req.params.id, req.body),
    );
    app.delete(
      '/obligation-rules/:id',
      { schema: { tags: ruleTags, params: IdParams, response: { 200: Ok } }, config: { access: 'obligation.manage' } },
      async (req) => {
        await obligations.deleteRule(ctxOf(platform, req), req.params.id);
        return { ok: true as const };
      },
    );
  };
}
