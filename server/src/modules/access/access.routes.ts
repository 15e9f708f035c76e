import {
  GateCreate,
  GateEventInput,
  GateEventPage,
  GateEventQuery,
  GateEventRecorded,
  GateFigures,
  GateFiguresQuery,
  GateLists,
  GateListsQuery,
  GateSync,
  GateSyncResult,
  GateTokenCreated,
  GateVerdict,
  GateVerify,
  GateView,
  IdParams,
  PassIssue,
  PassPage,
  PassQuery,
  PassRenew,
  PassRevoke,
  PassView,
} from '@jiayuan/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Platform } from '../../platform/context.js';
import { ctxOf } from '../../platform/http/request-context.js';
import { sendWorkbook } from '../../platform/excel/send-workbook.js';
import { writeGateFiguresWorkbook } from './gate-figures.export.js';
import { listGateEvents } from './gate-events.list.js';
import { gateFigures, recordGateEvents } from './gate-events.service.js';
import { createGate, createGateToken, gateLists, listGates, verifyAtGate } from './gates.service.js';
import * as passes from './passes.service.js';

/** The two answers of nearly every scan's event, frozen: their JSON is made once (app.ts, memoizeFrozen). */
const RECORDED = Object.freeze({ recorded: true, fever: false, referralId: null, observationCaseId: null });
const ALREADY_RECORDED = Object.freeze({ recorded: false, fever: false, referralId: null, observationCaseId: null });

/** Passes, gates and the gate scanner's API (module `access`). */
export function accessRoutes(platform: Platform): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['access'];
    app.get(
      '/access/passes',
      { schema: { tags, summary: 'Passes in my scope', querystring: PassQuery, response: { 200: PassPage } }, config: { access: 'access.pass.read' } },
      async (req) => passes.listPasses(ctxOf(platform, req), req.query),
    );
    app.post(
      '/access/passes',
      {
        schema: {
          tags,
          summary: 'Issue a health pass, a household entry ticket or a vehicle pass (signed QR token)',
          body: PassIssue,
          response: { 201: PassView },
        },
        config: { access: 'access.pass.issue' },
      },
      async (req, reply) => reply.code(201).send(await passes.issuePass(ctxOf(platform, req), req.body)),
    );
    app.get('/access/passes/:id', { schema: { tags, params: IdParams, response: { 200: PassView } }, config: { access: 'access.pass.read' } }, async (req) =>
      passes.getPass(ctxOf(platform, req), req.params.id),
    );
    app.post(
      '/access/passes/:id/revoke',
      {
        schema: {
          tags,
          summary: 'Revoke a pass with a reason; gates refuse it from their next list',
          params: IdParams,
          body: PassRevoke,
          response: { 200: PassView },
        },
        config: { access: 'access.pass.issue' },
      },
      async (req) => passes.revokePass(ctxOf(platform, req), req.params.id, req.body),
    );
    app.post(
      '/access/passes/:id/renew',
      {
        schema: {
          tags,
          summary: 'Extend a pass from today by N days (a fresh token, same pass)',
          params: IdParams,
          body: PassRenew,
          response: { 200: PassView },
        },
        config: { access: 'access.pass.issue' },
      },
      async (req) => passes.renewPass(ctxOf(platform, req), req.params.id, req.body),
    );
    app.get(
      '/access/my-passes',
      {
        schema: { tags, summary: 'A resident’s own current passes, to show as QR codes', response: { 200: z.object({ items: z.array(PassView) }) } },
        config: { access: 'resident' },
      },
      async (req) => ({ items: await passes.myPasses(ctxOf(platform, req)) }),
    );
    app.get(
      '/access/gates',
      {
        schema: { tags, summary: 'Gates and checkpoints in my scope', response: { 200: z.object({ items: z.array(GateView) }) } },
        config: { access: { any: ['access.gate.scan', 'access.gate.manage', 'access.figures'] } },
      },
      async (req) => ({ items: await listGates(ctxOf(platform, req)) }),
    );
    app.post(
      '/access/gates',
      {
        schema: { tags, summary: 'Register a gate of a compound or a checkpoint', body: GateCreate, response: { 201: GateView } },
        config: { access: 'access.gate.manage' },
      },
      async (req, reply) => reply.code(201).send(await createGate(ctxOf(platform, req), req.body)),
    );
    app.post(
      '/access/gates/:id/tokens',
      {
        schema: {
          tags,
          summary: 'An API token for the gate’s device, scoped to its compound or checkpoint (secret shown once)',
          params: IdParams,
          body: z.object({ expiresInDays: z.number().int().min(1).max(3650).nullish() }),
          response: { 201: GateTokenCreated },
        },
        config: { access: 'access.gate.manage' },
      },
      async (req, reply) => reply.code(201).send(await createGateToken(ctxOf(platform, req), req.params.id, req.body.expiresInDays)),
    );
    app.get(
      '/access/gate/lists',
      {
        schema: {
          tags,
          summary: 'The revocation and lockdown lists a gate keeps offline, full or as deltas since a version',
          querystring: GateListsQuery,
          response: { 200: GateLists },
        },
        config: { access: 'access.gate.scan' },
      },
      async (req) => gateLists(ctxOf(platform, req), req.query),
    );
    app.post(
      '/access/gate/verify',
      {
        schema: {
          tags,
          summary: 'Verify a scanned pass, or a plate or ID number typed in: allowed / refused (reason) / referred',
          body: GateVerify,
          response: { 200: GateVerdict },
        },
        config: { access: 'access.gate.scan' },
      },
      async (req) => verifyAtGate(ctxOf(platform, req), req.body),
    );
    app.post(
      '/access/gate/events',
      {
        schema: {
          tags,
          summary: 'Record one gate event (idempotent on its client id); a fever is handed to the health worker',
          body: GateEventInput,
          response: { 200: GateEventRecorded },
        },
        config: { access: 'access.gate.scan' },
      },
      async (req) => {
        const r = await recordGateEvents(ctxOf(platform, req), [req.body], true);
        if (r.fevers === 0 && r.referralId === null && r.observationCaseId === null) return r.accepted === 1 ? RECORDED : ALREADY_RECORDED;
        return { recorded: r.accepted === 1, fever: r.fevers > 0, referralId: r.referralId, observationCaseId: r.observationCaseId };
      },
    );
    app.post(
      '/access/gate/events/sync',
      {
        schema: {
          tags,
          summary: 'Sync a batch of events queued offline; events already recorded are skipped',
          body: GateSync,
          response: { 200: GateSyncResult },
        },
        config: { access: 'access.gate.scan' },
      },
      async (req) => {
        const r = await recordGateEvents(ctxOf(platform, req), req.body.events, false);
        return { accepted: r.accepted, duplicates: r.duplicates, fevers: r.fevers };
      },
    );
    app.get(
      '/access/figures',
      {
        schema: {
          tags,
          summary: 'Entries, exits, refusals by reason, vehicles, visitors and fevers per gate and day',
          querystring: GateFiguresQuery,
          response: { 200: GateFigures },
        },
        config: { access: 'access.figures' },
      },
      async (req) => gateFigures(ctxOf(platform, req), req.query),
    );
    app.get(
      '/access/events',
      {
        schema: {
          tags,
          summary: 'The gate events behind a figure: range, gate, day and column (entries, exits, refused …), names masked',
          querystring: GateEventQuery,
          response: { 200: GateEventPage },
        },
        config: { access: 'access.figures' },
      },
      async (req) => listGateEvents(ctxOf(platform, req), req.query),
    );
    app.get(
      '/access/figures.xlsx',
      {
        schema: {
          tags,
          summary: 'The gate figures as Excel: per gate and day, refusals by reason, and the totals, within my scope',
          querystring: GateFiguresQuery,
        },
        config: { access: 'access.figures' },
      },
      async (req, reply) => {
        // Counted (and the range and gate checked) before the download starts.
        const { items } = await gateFigures(ctxOf(platform, req), req.query);
        return sendWorkbook(reply, `门岗统计-${req.query.from}-${req.query.to}.xlsx`, async (wb) => writeGateFiguresWorkbook(items, req.query, wb));
      },
    );
  };
}
