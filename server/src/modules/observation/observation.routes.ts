import {
  CdcExportQuery,
  CustodiansInput,
  DeliveryInput,
  DueToday,
  IdParams,
  MembersInput,
  ObservationCaseDetail,
  ObservationOpen,
  ObservationPage,
  ObservationQuery,
  ObservationReplan,
  Ok,
  ReadingInput,
  ReadingResult,
  ReleaseInput,
  ObservationSettingsView,
  SlotsSave,
  text,
} from '@jiayuan/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Platform } from '../../platform/context.js';
import { sendAuditedWorkbook } from '../../platform/excel/send-workbook.js';
import { ctxOf } from '../../platform/http/request-context.js';
import { acknowledgeAlert, dueToday, recordReading } from './observation.checks.js';
import { prepareCdcExport, writeCdcWorkbook } from './observation.export.js';
import * as cases from './observation.service.js';
import { listSlotSettings, saveSlotSettings } from './observation.settings.js';

const CaseCheckParams = z.object({ id: IdParams.shape.id, checkId: IdParams.shape.id });

export function observationRoutes(platform: Platform): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['observation'];
    app.get(
      '/observation/cases',
      {
        schema: { tags, summary: 'Observation cases in my scope', querystring: ObservationQuery, response: { 200: ObservationPage } },
        config: { access: 'observation.read' },
      },
      async (req) => cases.listCases(ctxOf(platform, req), req.query),
    );
    app.post(
      '/observation/cases',
      {
        schema: {
          tags,
          summary: 'Open a case for a resident (kind, reason, the rule of its planned end)',
          body: ObservationOpen,
          response: { 201: ObservationCaseDetail },
        },
        config: { access: 'observation.manage' },
      },
      async (req, reply) => reply.code(201).send(await cases.openCase(ctxOf(platform, req), req.body)),
    );
    app.get(
      '/observation/today',
      {
        schema: { tags, summary: 'Today’s check slots of every open case in my scope (the phone page)', response: { 200: DueToday } },
        config: { access: 'observation.read' },
      },
      async (req) => dueToday(ctxOf(platform, req)),
    );
    app.get(
      '/observation/export.xlsx',
      {
        schema: { tags, summary: 'For the CDC: one row per person-slot over a date range, missed slots marked', querystring: CdcExportQuery },
        config: { access: 'observation.export' },
      },
      async (req, reply) => {
        const ctx = ctxOf(platform, req);
        const q = await prepareCdcExport(ctx, req.query);
        return sendAuditedWorkbook(
          reply,
          ctx,
          `健康监测-${q.from}-${q.to}.xlsx`,
          {
            action: 'observation.check.export',
            entityType: 'observation_case',
            entityId: q.caseId,
            details: { from: q.from, to: q.to, placeId: req.query.placeId ?? null },
          },
          (wb) => writeCdcWorkbook(ctx, q, wb),
        );
      },
    );
    app.get(
      '/observation/settings',
      {
        schema: { tags, summary: 'Check slots of each community in my scope', response: { 200: z.object({ items: z.array(ObservationSettingsView) }) } },
        config: { access: 'observation.read' },
      },
      async (req) => listSlotSettings(ctxOf(platform, req)),
    );
    app.put(
      '/observation/settings/:id',
      {
        schema: {
          tags,
          summary: 'Set a community’s check slots (window and grace each); new cases use them',
          params: IdParams,
          body: SlotsSave,
          response: { 200: ObservationSettingsView },
        },
        config: { access: 'observation.manage' },
      },
      async (req) => saveSlotSettings(ctxOf(platform, req), req.params.id, req.body),
    );
    app.get(
      '/observation/cases/:id',
      { schema: { tags, params: IdParams, response: { 200: ObservationCaseDetail } }, config: { access: 'observation.read' } },
      async (req) => cases.getCase(ctxOf(platform, req), req.params.id),
    );
    app.post(
      '/observation/cases/:id/readings',
      {
        schema: {
          tags,
          summary: 'Record a reading (fills the open slot, or an extra reading); alerts at ≥ 37.3 °C or a symptom',
          params: IdParams,
          body: ReadingInput,
          response: { 200: ReadingResult },
        },
        config: { access: 'observation.check' },
      },
      async (req) => recordReading(ctxOf(platform, req), req.params.id, req.body),
    );
    app.post(
      '/observation/cases/:id/checks/:checkId/acknowledge',
      {
        schema: {
          tags,
          summary: 'An alert has been followed up',
          params: CaseCheckParams,
          body: z.object({ note: text(200, { min: 0, multiline: true }).nullish() }),
          response: { 200: Ok },
        },
        config: { access: 'observation.check' },
      },
      async (req) => {
        await acknowledgeAlert(ctxOf(platform, req), req.params.id, req.params.checkId, req.body.note ?? null);
        return { ok: true as const };
      },
    );
    app.post(
      '/observation/cases/:id/replan',
      {
        schema: {
          tags,
          summary: 'Extend or shorten the observation, with a reason',
          params: IdParams,
          body: ObservationReplan,
          response: { 200: ObservationCaseDetail },
        },
        config: { access: 'observation.manage' },
      },
      async (req) => cases.replan(ctxOf(platform, req), req.params.id, req.body),
    );
    app.put(
      '/observation/cases/:id/custodians',
      {
        schema: {
          tags,
          summary: '“3+1” custody: police officer, cadre and medic',
          params: IdParams,
          body: CustodiansInput,
          response: { 200: ObservationCaseDetail },
        },
        config: { access: 'observation.manage' },
      },
      async (req) => cases.setCustodians(ctxOf(platform, req), req.params.id, req.body.custodians),
    );
    app.put(
      '/observation/cases/:id/members',
      {
        schema: { tags, summary: 'Household members checked too', params: IdParams, body: MembersInput, response: { 200: ObservationCaseDetail } },
        config: { access: 'observation.manage' },
      },
      async (req) => cases.setMembers(ctxOf(platform, req), req.params.id, req.body.memberIds),
    );
    app.post(
      '/observation/cases/:id/deliveries',
      {
        schema: {
          tags,
          summary: 'Log supplies or a service brought to the door',
          params: IdParams,
          body: DeliveryInput,
          response: { 201: ObservationCaseDetail },
        },
        config: { access: { any: ['observation.manage', 'observation.check'] } },
      },
      async (req, reply) => reply.code(201).send(await cases.logDelivery(ctxOf(platform, req), req.params.id, req.body)),
    );
    app.post(
      '/observation/cases/:id/release',
      {
        schema: { tags, summary: 'Confirm a proposed release', params: IdParams, body: ReleaseInput, response: { 200: ObservationCaseDetail } },
        config: { access: 'observation.release' },
      },
      async (req) => cases.confirmRelease(ctxOf(platform, req), req.params.id, req.body),
    );
  };
}
