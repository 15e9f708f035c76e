import {
  BoardView,
  BreachPage,
  BreachQuery,
  BreachReasonBody,
  BreachReviewBody,
  BreachSummary,
  BreachView,
  CallerQuery,
  CallerResult,
  CategorySave,
  CategoryView,
  DuplicateQuery,
  DuplicateResult,
  FeedbackBody,
  SdFiguresQuery,
  FiguresView,
  IdParams,
  Id,
  MergeBody,
  MyOrderCreate,
  MyWork,
  OrderCreate,
  OrderDetail,
  OrderPage,
  OrderQuery,
  OrderTransition,
  TeamSave,
  TeamView,
} from '@jiayuan/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Platform } from '../../platform/context.js';
import { sendAuditedWorkbook, sendWorkbook } from '../../platform/excel/send-workbook.js';
import { ctxOf } from '../../platform/http/request-context.js';
import * as breaches from './breaches.service.js';
import * as config from './config.service.js';
import { writeFiguresWorkbook } from './figures.export.js';
import { figures, figuresRange } from './figures.service.js';
import * as orders from './orders.service.js';
import * as photos from './photos.service.js';
import { sdErrors } from './servicedesk.errors.js';
import * as transitions from './transitions.service.js';

const PhotoParams = z.object({ id: Id, photoId: Id });
const PhotoView = z.object({ id: z.number(), stage: z.enum(['report', 'resolve']), url: z.string() });

async function uploadedPhoto(req: FastifyRequest): Promise<Buffer> {
  if (!req.isMultipart()) throw sdErrors.SD_PHOTO_MISSING();
  const file = await req.file();
  if (!file) throw sdErrors.SD_PHOTO_MISSING();
  return photos.readLimited(file.file);
}

/** The service desk's /api routes: configuration, intake, the workflow, board, figures, accountability. */
export function servicedeskRoutes(platform: Platform): FastifyPluginAsyncZod {
  return async (app) => {
    const p = '/servicedesk';
    const cfg = ['service desk: configuration'];
    app.get(
      `${p}/categories`,
      {
        schema: { tags: cfg, summary: 'The category tree (residents choose from it)', response: { 200: z.object({ items: z.array(CategoryView) }) } },
        config: { access: 'authenticated' },
      },
      async (req) => config.listCategories(ctxOf(platform, req)),
    );
    app.post(
      `${p}/categories`,
      { schema: { tags: cfg, body: CategorySave, response: { 201: CategoryView } }, config: { access: 'servicedesk.manage' } },
      async (req, reply) => reply.code(201).send(await config.saveCategory(ctxOf(platform, req), null, req.body)),
    );
    app.put(
      `${p}/categories/:id`,
      {
        schema: { tags: cfg, params: IdParams, body: CategorySave.extend({ version: z.number().int() }), response: { 200: CategoryView } },
        config: { access: 'servicedesk.manage' },
      },
      async (req) => config.saveCategory(ctxOf(platform, req), req.params.id, req.body),
    );
    app.get(
      `${p}/teams`,
      { schema: { tags: cfg, response: { 200: z.object({ items: z.array(TeamView) }) } }, config: { access: 'servicedesk.read' } },
      async (req) => config.listTeams(ctxOf(platform, req)),
    );
    app.post(
      `${p}/teams`,
      { schema: { tags: cfg, body: TeamSave, response: { 201: TeamView } }, config: { access: 'servicedesk.manage' } },
      async (req, reply) => reply.code(201).send(await config.saveTeam(ctxOf(platform, req), null, req.body)),
    );
    app.put(
      `${p}/teams/:id`,
      { schema: { tags: cfg, params: IdParams, body: TeamSave, response: { 200: TeamView } }, config: { access: 'servicedesk.manage' } },
      async (req) => config.saveTeam(ctxOf(platform, req), req.params.id, req.body),
    );

    const intake = ['service desk: intake'];
    app.get(
      `${p}/caller`,
      {
        schema: {
          tags: intake,
          summary: 'The hotline fast form: residents (and dwellings) with this phone number',
          querystring: CallerQuery,
          response: { 200: CallerResult },
        },
        config: { access: 'servicedesk.intake' },
      },
      async (req) => orders.lookupCaller(ctxOf(platform, req), req.query.phone),
    );
    app.get(
      `${p}/duplicates`,
      {
        schema: {
          tags: intake,
          summary: 'Likely duplicates: open orders of the category in the same building this week',
          querystring: DuplicateQuery,
          response: { 200: DuplicateResult },
        },
        config: { access: 'servicedesk.intake' },
      },
      async (req) => orders.duplicates(ctxOf(platform, req), req.query.categoryId, req.query.placeId),
    );
    app.post(
      `${p}/orders`,
      {
        schema: { tags: intake, summary: 'File an order taken at the hotline or the desk', body: OrderCreate, response: { 201: OrderDetail } },
        config: { access: 'servicedesk.intake' },
      },
      async (req, reply) => reply.code(201).send(await orders.createOrder(ctxOf(platform, req), req.body)),
    );

    const work = ['service desk: orders'];
    app.get(
      `${p}/orders`,
      { schema: { tags: work, querystring: OrderQuery, response: { 200: OrderPage } }, config: { access: 'servicedesk.read' } },
      async (req) => orders.listOrders(ctxOf(platform, req), req.query),
    );
    app.get(
      `${p}/orders/:id`,
      { schema: { tags: work, params: IdParams, response: { 200: OrderDetail } }, config: { access: 'servicedesk.read' } },
      async (req) => orders.getOrder(ctxOf(platform, req), req.params.id),
    );
    app.post(
      `${p}/orders/:id/transitions`,
      {
        schema: {
          tags: work,
          summary: 'One step of the workflow (dispatch, accept, arrive, resolve, reply, pause, transfer, …)',
          params: IdParams,
          body: OrderTransition,
          response: { 200: OrderDetail },
        },
        config: { access: 'servicedesk.work' },
      },
      async (req) => transitions.transition(ctxOf(platform, req), req.params.id, req.body),
    );
    app.post(
      `${p}/orders/:id/merge`,
      {
        schema: { tags: work, summary: 'Merge a duplicate into another open order', params: IdParams, body: MergeBody, response: { 200: OrderDetail } },
        config: { access: 'servicedesk.dispatch' },
      },
      async (req) => transitions.merge(ctxOf(platform, req), req.params.id, req.body),
    );
    app.post(
      `${p}/orders/:id/photos`,
      {
        schema: {
          tags: work,
          summary: 'Add a photo (multipart field `file`; JPEG, PNG or WebP, at most 5 MB)',
          params: IdParams,
          consumes: ['multipart/form-data'],
          response: { 201: PhotoView },
        },
        config: { access: 'servicedesk.work' },
      },
      async (req, reply) => reply.code(201).send(await photos.addPhoto(ctxOf(platform, req), req.params.id, await uploadedPhoto(req))),
    );
    app.get(`${p}/orders/:id/photos/:photoId`, { schema: { tags: work, params: PhotoParams }, config: { access: 'servicedesk.read' } }, async (req, reply) => {
      const photo = await photos.getPhoto(ctxOf(platform, req), req.params.id, req.params.photoId);
      return reply.type(photo.contentType).header('cache-control', 'private, max-age=3600').header('x-content-type-options', 'nosniff').send(photo.bytes);
    });
    app.get(
      `${p}/board`,
      {
        schema: { tags: work, summary: 'The hotline board: new, unassigned, due within the hour, overdue', response: { 200: BoardView } },
        config: { access: 'servicedesk.read' },
      },
      async (req) => orders.board(ctxOf(platform, req)),
    );
    app.get(
      `${p}/my-work`,
      {
        schema: { tags: work, summary: "The repairer's phone page: my orders and my teams' pool", response: { 200: MyWork } },
        config: { access: 'servicedesk.work' },
      },
      async (req) => orders.myWork(ctxOf(platform, req)),
    );

    const mine = ['service desk: residents'];
    app.get(
      `${p}/my/orders`,
      { schema: { tags: mine, summary: "Residents: my household's orders", response: { 200: OrderPage } }, config: { access: 'resident' } },
      async (req) => orders.listMyOrders(ctxOf(platform, req)),
    );
    app.post(
      `${p}/my/orders`,
      {
        schema: { tags: mine, summary: 'Residents: report a repair or complain (the dwelling is my own)', body: MyOrderCreate, response: { 201: OrderDetail } },
        config: { access: 'resident' },
      },
      async (req, reply) => reply.code(201).send(await orders.createMyOrder(ctxOf(platform, req), req.body)),
    );
    app.get(`${p}/my/orders/:id`, { schema: { tags: mine, params: IdParams, response: { 200: OrderDetail } }, config: { access: 'resident' } }, async (req) =>
      orders.getOrder(ctxOf(platform, req), req.params.id),
    );
    app.post(
      `${p}/my/orders/:id/feedback`,
      {
        schema: {
          tags: mine,
          summary: 'Residents: rate the work, and say whether it is fixed',
          params: IdParams,
          body: FeedbackBody,
          response: { 200: OrderDetail },
        },
        config: { access: 'resident' },
      },
      async (req) => transitions.feedback(ctxOf(platform, req), req.params.id, req.body),
    );
    app.post(
      `${p}/my/orders/:id/photos`,
      {
        schema: {
          tags: mine,
          summary: 'Residents: add a photo to my report',
          params: IdParams,
          consumes: ['multipart/form-data'],
          response: { 201: PhotoView },
        },
        config: { access: 'resident' },
      },
      async (req, reply) => reply.code(201).send(await photos.addPhoto(ctxOf(platform, req), req.params.id, await uploadedPhoto(req))),
    );
    app.get(`${p}/my/orders/:id/photos/:photoId`, { schema: { tags: mine, params: PhotoParams }, config: { access: 'resident' } }, async (req, reply) => {
      const photo = await photos.getPhoto(ctxOf(platform, req), req.params.id, req.params.photoId);
      return reply.type(photo.contentType).header('cache-control', 'private, max-age=3600').header('x-content-type-options', 'nosniff').send(photo.bytes);
    });

    const figs = ['service desk: figures and accountability'];
    app.get(
      `${p}/figures`,
      { schema: { tags: figs, querystring: SdFiguresQuery, response: { 200: FiguresView } }, config: { access: 'servicedesk.figures' } },
      async (req) => figures(ctxOf(platform, req), req.query),
    );
    app.get(
      `${p}/figures.xlsx`,
      {
        schema: {
          tags: figs,
          summary: 'The figures page as Excel: totals, the grouped table, backlog and repeated buildings, within my scope',
          querystring: SdFiguresQuery,
        },
        config: { access: 'servicedesk.figures' },
      },
      async (req, reply) => {
        const ctx = ctxOf(platform, req);
        const { from, to } = figuresRange(ctx, req.query);
        return sendWorkbook(reply, `服务统计-${from}-${to}.xlsx`, (wb) => writeFiguresWorkbook(ctx, req.query, wb));
      },
    );
    app.get(
      `${p}/breaches`,
      {
        schema: { tags: figs, summary: 'The accountability record: every missed limit', querystring: BreachQuery, response: { 200: BreachPage } },
        config: { access: 'servicedesk.figures' },
      },
      async (req) => breaches.listBreaches(ctxOf(platform, req), req.query),
    );
    app.get(
      `${p}/breaches/summary`,
      {
        schema: {
          tags: figs,
          summary: 'Missed limits per person and per team',
          querystring: BreachQuery.omit({ page: true, pageSize: true }),
          response: { 200: BreachSummary },
        },
        config: { access: 'servicedesk.figures' },
      },
      async (req) => breaches.breachSummary(ctxOf(platform, req), req.query),
    );
    app.get(
      `${p}/breaches/export.xlsx`,
      { schema: { tags: figs, querystring: BreachQuery.omit({ page: true, pageSize: true }) }, config: { access: 'servicedesk.figures' } },
      async (req, reply) => {
        const ctx = ctxOf(platform, req);
        return sendAuditedWorkbook(
          reply,
          ctx,
          `责任追究-${new Date().toISOString().slice(0, 10)}.xlsx`,
          { action: 'servicedesk.breach.export', entityType: 'sd_breach', details: { filters: req.query } },
          (wb) => breaches.writeBreachWorkbook(ctx, req.query, wb),
        );
      },
    );
    app.post(
      `${p}/breaches/:id/reason`,
      {
        schema: {
          tags: figs,
          summary: 'The holder gives the reason for a missed limit',
          params: IdParams,
          body: BreachReasonBody,
          response: { 200: BreachView },
        },
        config: { access: 'servicedesk.work' },
      },
      async (req) => breaches.explainBreach(ctxOf(platform, req), req.params.id, req.body.reason),
    );
    app.post(
      `${p}/breaches/:id/review`,
      {
        schema: { tags: figs, summary: 'A manager reviews a missed limit', params: IdParams, body: BreachReviewBody, response: { 200: BreachView } },
        config: { access: 'servicedesk.review' },
      },
      async (req) => breaches.reviewBreach(ctxOf(platform, req), req.params.id, req.body.verdict, req.body.note ?? null),
    );
  };
}
