import {
  AppealBody,
  ApprovalNotice,
  ApproveBody,
  CheckInBody,
  DeclarationReceipt,
  DeclarationStatus,
  InboundFiguresQuery,
  FiguresResult,
  IdParams,
  InboundDeclaration,
  InboundPage,
  InboundQuery,
  InboundRequestDetail,
  InboundSettings,
  InboundSettingsSave,
  InboundSubmit,
  PublicCommunity,
  ReasonBody,
  RejectBody,
  ResubmitBody,
  RouteBody,
  ScanBody,
  ScanResult,
  TrackingQuery,
  VersionBody,
} from '@jiayuan/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { NO_SCOPE, type Actor } from '../../platform/access/actor.js';
import type { Ctx, Platform } from '../../platform/context.js';
import { ctxOf } from '../../platform/http/request-context.js';
import { sendWorkbook } from '../../platform/excel/send-workbook.js';
import { assertLoopRange, loopFigures, writeLoopFiguresWorkbook } from './inbound.figures.js';
import { declarePublic, getNotice, myRequests, publicCommunities, scanNotice, selfReportMine, selfReportTracked, trackDeclaration } from './inbound.notice.js';
import * as repo from './inbound.repository.js';
import * as service from './inbound.service.js';
import { listSettings, saveSettings } from './inbound.settings.js';
import * as steps from './inbound.steps.js';

/** Whoever fills in the public declaration form: not signed in, acting only on what they send. */
const PERSON: Actor = {
  kind: 'system',
  userId: null,
  tokenId: null,
  name: '本人在线申报',
  roles: [],
  permissions: new Set(),
  scope: NO_SCOPE,
  residentId: null,
  householdId: null,
};

function publicCtx(platform: Platform, req: FastifyRequest): Ctx {
  return { platform, actor: req.actor ?? PERSON, lang: req.lang, origin: { ip: req.ip ?? null, channel: 'web', requestId: String(req.id) } };
}

export function inboundRoutes(platform: Platform): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['inbound: returning people'];
    const Detail = { 200: InboundRequestDetail };
    app.get(
      '/inbound/requests',
      {
        schema: {
          tags,
          summary: 'Return requests in my scope, by queue (route, review, notify, arrival…), soonest due first',
          querystring: InboundQuery,
          response: { 200: InboundPage },
        },
        config: { access: 'inbound.read' },
      },
      async (req) => service.listRequests(ctxOf(platform, req), req.query as never),
    );
    app.post(
      '/inbound/requests',
      {
        schema: {
          tags,
          summary: 'Step 1: submit a return request (a resident on file, or a new person with name, ID, phone and dwelling)',
          body: InboundSubmit,
          response: { 201: InboundRequestDetail },
        },
        config: { access: 'inbound.submit' },
      },
      async (req, reply) => reply.code(201).send(await service.submitRequest(ctxOf(platform, req), req.body)),
    );
    app.get('/inbound/requests/:id', { schema: { tags, params: IdParams, response: Detail }, config: { access: 'inbound.read' } }, async (req) =>
      service.getRequest(ctxOf(platform, req), req.params.id),
    );
    app.post(
      '/inbound/requests/:id/route',
      {
        schema: { tags, summary: 'Step 2: route to the residence community (another one needs a reason)', params: IdParams, body: RouteBody, response: Detail },
        config: { access: 'inbound.route' },
      },
      async (req) => steps.route(ctxOf(platform, req), req.params.id, req.body),
    );
    app.post(
      '/inbound/requests/:id/reroute',
      {
        schema: { tags, summary: 'Move a request under review to another community, with a reason', params: IdParams, body: RouteBody, response: Detail },
        config: { access: 'inbound.route' },
      },
      async (req) => steps.reroute(ctxOf(platform, req), req.params.id, req.body),
    );
    app.post(
      '/inbound/requests/:id/approve',
      {
        schema: {
          tags,
          summary: 'Step 3: approve with the control measure; the result goes to the liaison at once',
          params: IdParams,
          body: ApproveBody,
          response: Detail,
        },
        config: { access: 'inbound.review' },
      },
      async (req) => steps.approve(ctxOf(platform, req), req.params.id, req.body),
    );
    app.post(
      '/inbound/requests/:id/reject',
      {
        schema: { tags, summary: 'Step 3: reject, with the reason', params: IdParams, body: RejectBody, response: Detail },
        config: { access: 'inbound.review' },
      },
      async (req) => steps.reject(ctxOf(platform, req), req.params.id, req.body),
    );
    app.post(
      '/inbound/requests/:id/notified',
      {
        schema: { tags, summary: 'Step 5: the liaison has told the person', params: IdParams, body: VersionBody, response: Detail },
        config: { access: 'inbound.submit' },
      },
      async (req) => steps.markNotified(ctxOf(platform, req), req.params.id, req.body),
    );
    app.post(
      '/inbound/requests/:id/withdraw',
      { schema: { tags, params: IdParams, body: ReasonBody, response: Detail }, config: { access: 'inbound.submit' } },
      async (req) => steps.withdraw(ctxOf(platform, req), req.params.id, req.body),
    );
    app.post(
      '/inbound/requests/:id/resubmit',
      { schema: { tags, params: IdParams, body: ResubmitBody, response: Detail }, config: { access: 'inbound.submit' } },
      async (req) => steps.resubmit(ctxOf(platform, req), req.params.id, req.body),
    );
    app.post(
      '/inbound/requests/:id/appeal',
      {
        schema: { tags, summary: 'Appeal a rejection once, with new information', params: IdParams, body: AppealBody, response: Detail },
        config: { access: 'inbound.submit' },
      },
      async (req) => steps.appeal(ctxOf(platform, req), req.params.id, req.body),
    );
    app.post(
      '/inbound/requests/:id/check-in',
      {
        schema: { tags, summary: 'Step 6: arrival check-in; opens the control measure', params: IdParams, body: CheckInBody, response: Detail },
        config: { access: 'inbound.checkin' },
      },
      async (req) => steps.checkIn(ctxOf(platform, req), req.params.id, req.body),
    );
    app.get(
      '/inbound/requests/:id/notice',
      {
        schema: { tags, summary: 'The approval notice (流入人员审核通过通知单) with its signed QR pass', params: IdParams, response: { 200: ApprovalNotice } },
        config: { access: 'inbound.read' },
      },
      async (req) => getNotice(ctxOf(platform, req), req.params.id),
    );
    app.post(
      '/inbound/scan',
      {
        schema: { tags, summary: 'Verify a scanned notice QR code and show its request', body: ScanBody, response: { 200: ScanResult } },
        config: { access: 'inbound.checkin' },
      },
      async (req) => scanNotice(ctxOf(platform, req), req.body.token),
    );
    app.get(
      '/inbound/places',
      {
        schema: {
          tags,
          summary: 'The place tree, names only, to choose a returning person’s dwelling (liaisons have no place scope)',
          querystring: z.object({ parentId: IdParams.shape.id.optional() }),
          response: { 200: z.object({ items: z.array(z.object({ id: z.number(), name: z.string(), type: z.string() })) }) },
        },
        config: { access: 'inbound.submit' },
      },
      async (req) => ({ items: await repo.childPlaces(platform.db, req.query.parentId ?? null) }),
    );
    app.get(
      '/inbound/figures',
      {
        schema: {
          tags,
          summary: 'Submitted, approved, rejected, median / p90 minutes to decision, share within an hour — per day, employer or community',
          querystring: InboundFiguresQuery,
          response: { 200: FiguresResult },
        },
        config: { access: 'inbound.read' },
      },
      async (req) => loopFigures(ctxOf(platform, req), req.query),
    );
    app.get(
      '/inbound/figures.xlsx',
      {
        schema: {
          tags,
          summary: "The loop's figures as Excel: the same rows and total as the figures page, within my scope",
          querystring: InboundFiguresQuery,
        },
        config: { access: 'inbound.read' },
      },
      async (req, reply) => {
        const ctx = ctxOf(platform, req);
        // Checked before the download starts, so a bad range answers 400 rather than a broken file.
        assertLoopRange(req.query);
        return sendWorkbook(reply, `闭环统计-${req.query.from}-${req.query.to}.xlsx`, (wb) => writeLoopFiguresWorkbook(ctx, req.query, wb));
      },
    );
    app.get(
      '/inbound/settings',
      {
        schema: { tags, summary: 'Deadlines of each community in my scope', response: { 200: z.object({ items: z.array(InboundSettings) }) } },
        config: { access: 'inbound.configure' },
      },
      async (req) => listSettings(ctxOf(platform, req)),
    );
    app.put(
      '/inbound/settings/:id',
      {
        schema: {
          tags,
          summary: 'Set a community’s deadlines (route, review, notify, arrival grace)',
          params: IdParams,
          body: InboundSettingsSave,
          response: { 200: InboundSettings },
        },
        config: { access: 'inbound.configure' },
      },
      async (req) => saveSettings(ctxOf(platform, req), req.params.id, req.body),
    );

    // 入城在线申报: the person's own declaration, without an account (or with a phone-code session).
    const pubTags = ['inbound: online entry declaration'];
    const limited = { max: 10, timeWindow: '1 minute' };
    app.get(
      '/inbound/declaration/communities',
      {
        schema: { tags: pubTags, summary: 'Communities a person may name in a declaration', response: { 200: z.object({ items: z.array(PublicCommunity) }) } },
        config: { access: 'public', rateLimit: { max: 60, timeWindow: '1 minute' } },
      },
      async (req) => publicCommunities(publicCtx(platform, req)),
    );
    app.post(
      '/inbound/declarations',
      {
        schema: {
          tags: pubTags,
          summary: 'Declare one’s own return; answers a reference and a tracking pass',
          body: InboundDeclaration,
          response: { 201: DeclarationReceipt },
        },
        config: { access: 'public', rateLimit: limited },
      },
      async (req, reply) => reply.code(201).send(await declarePublic(publicCtx(platform, req), req.body)),
    );
    app.get(
      '/inbound/declarations/status',
      {
        schema: {
          tags: pubTags,
          summary: 'A declaration’s status (and its notice, once approved), by its tracking pass',
          querystring: TrackingQuery,
          response: { 200: DeclarationStatus },
        },
        config: { access: 'public', rateLimit: { max: 60, timeWindow: '1 minute' } },
      },
      async (req) => trackDeclaration(publicCtx(platform, req), req.query.token),
    );
    app.post(
      '/inbound/declarations/self-report',
      {
        schema: { tags: pubTags, summary: 'Report one’s own arrival; the community confirms it', body: TrackingQuery, response: { 200: DeclarationStatus } },
        config: { access: 'public', rateLimit: limited },
      },
      async (req) => selfReportTracked(publicCtx(platform, req), req.body.token),
    );
    app.get(
      '/inbound/mine',
      {
        schema: {
          tags: pubTags,
          summary: 'Residents: my return requests and notices',
          response: { 200: z.object({ items: z.array(DeclarationStatus.extend({ id: z.number() })) }) },
        },
        config: { access: 'resident' },
      },
      async (req) => myRequests(ctxOf(platform, req)),
    );
    app.post(
      '/inbound/mine/:id/self-report',
      // 'user', not 'resident': the id is validated before anything else; staff simply find nothing.
      {
        schema: {
          tags: pubTags,
          summary: 'Residents: report my own arrival',
          params: IdParams,
          response: { 200: DeclarationStatus.extend({ id: z.number() }) },
        },
        config: { access: 'user' },
      },
      async (req) => selfReportMine(ctxOf(platform, req), req.params.id),
    );
  };
}
