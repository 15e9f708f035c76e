import {
  CaseChange,
  CaseChangeResult,
  CasePage,
  CaseQuery,
  CaseRecord,
  CaseRevealBody,
  CaseRevealed,
  CaseView,
  ContainmentSettingsSave,
  ContainmentSettingsView,
  IdParams,
  Id,
  LockdownOrderAction,
  LockdownOrderClose,
  LockdownOrderCreate,
  LockdownOrderPage,
  LockdownOrderQuery,
  LockdownOrderView,
  SealedMap,
} from '@jiayuan/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Platform } from '../../platform/context.js';
import { ctxOf } from '../../platform/http/request-context.js';
import * as cases from './containment.cases.js';
import { sealedMap } from './containment.map.js';
import { listSettings, saveSettings } from './containment.settings.js';
import * as orders from './lockdowns.service.js';

/** Containment (封控): cases, lockdown orders and their decisions, the rule's settings, the sealed-places map. */
export function containmentRoutes(platform: Platform): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['containment'];
    app.get(
      '/containment/cases',
      {
        schema: { tags, summary: 'Cases in my scope (the person masked)', querystring: CaseQuery, response: { 200: CasePage } },
        config: { access: 'containment.case.view' },
      },
      async (req) => cases.listCases(ctxOf(platform, req), req.query),
    );
    app.post(
      '/containment/cases',
      {
        schema: {
          tags,
          summary: 'Record a confirmed or suspected case against a dwelling; runs the lockdown rule for its compound',
          body: CaseRecord,
          response: { 201: CaseChangeResult },
        },
        config: { access: 'containment.case.record' },
      },
      async (req, reply) => reply.code(201).send(await cases.recordCase(ctxOf(platform, req), req.body)),
    );
    app.get(
      '/containment/cases/:id',
      { schema: { tags, params: IdParams, response: { 200: CaseView } }, config: { access: 'containment.case.view' } },
      async (req) => cases.getCase(ctxOf(platform, req), req.params.id),
    );
    app.post(
      '/containment/cases/:id/change',
      {
        schema: {
          tags,
          summary: 'Confirm a suspected case, exclude or close a case (with a reason); runs the rule again',
          params: IdParams,
          body: CaseChange,
          response: { 200: CaseChangeResult },
        },
        config: { access: 'containment.case.record' },
      },
      async (req) => cases.changeCase(ctxOf(platform, req), req.params.id, req.body),
    );
    app.post(
      '/containment/cases/:id/reveal',
      {
        schema: {
          tags,
          summary: 'The person and source note of a case (audited, with a reason)',
          params: IdParams,
          body: CaseRevealBody,
          response: { 200: CaseRevealed },
        },
        config: { access: 'containment.case.view' },
      },
      async (req) => cases.revealCase(ctxOf(platform, req), req.params.id, req.body.reason),
    );
    app.get(
      '/containment/orders',
      {
        schema: {
          tags,
          summary: 'Lockdown orders in my scope by status, with their reasons and release criteria',
          querystring: LockdownOrderQuery,
          response: { 200: LockdownOrderPage },
        },
        config: { access: 'containment.order.view' },
      },
      async (req) => orders.listOrders(ctxOf(platform, req), req.query),
    );
    app.post(
      '/containment/orders',
      {
        schema: {
          tags,
          summary: 'Seal a stairwell, building or compound by hand (in force at once)',
          body: LockdownOrderCreate,
          response: { 201: LockdownOrderView },
        },
        config: { access: 'containment.order.confirm' },
      },
      async (req, reply) => reply.code(201).send(await orders.createManualOrder(ctxOf(platform, req), req.body)),
    );
    app.get(
      '/containment/orders/:id',
      { schema: { tags, params: IdParams, response: { 200: LockdownOrderView } }, config: { access: 'containment.order.view' } },
      async (req) => orders.getOrder(ctxOf(platform, req), req.params.id),
    );
    app.post(
      '/containment/orders/:id/confirm',
      {
        schema: { tags, summary: 'Put a proposed order in force', params: IdParams, body: LockdownOrderAction, response: { 200: LockdownOrderView } },
        config: { access: 'containment.order.confirm' },
      },
      async (req) => orders.confirmOrder(ctxOf(platform, req), req.params.id, req.body.reason ?? null),
    );
    app.post(
      '/containment/orders/:id/dismiss',
      {
        schema: { tags, summary: 'Turn a proposal down, with a reason', params: IdParams, body: LockdownOrderClose, response: { 200: LockdownOrderView } },
        config: { access: 'containment.order.confirm' },
      },
      async (req) => orders.dismissOrder(ctxOf(platform, req), req.params.id, req.body.reason),
    );
    app.post(
      '/containment/orders/:id/release',
      {
        schema: { tags, summary: 'Lift an order in force, with a reason', params: IdParams, body: LockdownOrderClose, response: { 200: LockdownOrderView } },
        config: { access: 'containment.order.confirm' },
      },
      async (req) => orders.releaseOrder(ctxOf(platform, req), req.params.id, req.body.reason),
    );
    app.get(
      '/containment/settings',
      {
        schema: { tags, summary: 'The lockdown rule of each community in my scope', response: { 200: z.object({ items: z.array(ContainmentSettingsView) }) } },
        config: { access: 'containment.settings' },
      },
      async (req) => listSettings(ctxOf(platform, req)),
    );
    app.put(
      '/containment/settings/:id',
      {
        schema: {
          tags,
          summary: 'Set a community’s thresholds, window, release days, auto-confirm and whether suspected cases count',
          params: IdParams,
          body: ContainmentSettingsSave,
          response: { 200: ContainmentSettingsView },
        },
        config: { access: 'containment.settings' },
      },
      async (req) => saveSettings(ctxOf(platform, req), req.params.id, req.body),
    );
    app.get(
      '/containment/map',
      {
        schema: {
          tags,
          summary: 'Sealed places: compounds → buildings → stairwells, households affected, days to release',
          querystring: z.object({ compoundId: Id.optional() }),
          response: { 200: SealedMap },
        },
        config: { access: 'containment.order.view' },
      },
      async (req) => sealedMap(ctxOf(platform, req), req.query.compoundId),
    );
  };
}
