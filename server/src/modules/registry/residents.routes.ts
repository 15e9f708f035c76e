import {
  HouseholdCreate,
  HouseholdListPage,
  HouseholdQuery,
  HouseholdSummary,
  IdParams,
  MyHousehold,
  Ok,
  ResidentCreate,
  ResidentDetail,
  ResidentListPage,
  ResidentQuery,
  ResidentUpdate,
  RevealBody,
  RevealResult,
} from '@jiayuan/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Platform } from '../../platform/context.js';
import { sendAuditedWorkbook, sendWorkbook } from '../../platform/excel/send-workbook.js';
import { ctxOf } from '../../platform/http/request-context.js';
import * as households from './households.service.js';
import { writeHouseholdsWorkbook } from './households.export.js';
import { writeImportTemplate } from './resident-import.js';
import { residentExportDetails, writeResidentsWorkbook } from './residents.export.js';
import * as residents from './residents.service.js';

/** Households and residents. */
export function residentRoutes(platform: Platform): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['registry: residents'];
    app.get(
      '/residents',
      {
        schema: {
          tags,
          summary: 'Residents in my scope; `q` matches a name prefix, or a full ID or phone number',
          querystring: ResidentQuery,
          response: { 200: ResidentListPage },
        },
        config: { access: 'resident.read' },
      },
      async (req) => residents.listResidents(ctxOf(platform, req), req.query),
    );
    app.get(
      '/me/household',
      { schema: { tags, summary: 'Residents: my own household', response: { 200: MyHousehold } }, config: { access: 'resident' } },
      async (req) => residents.myHousehold(ctxOf(platform, req)),
    );
    app.get(
      '/residents/export.xlsx',
      {
        schema: { tags, summary: 'The filtered resident table as Excel (ID and phone masked)', querystring: ResidentQuery },
        config: { access: 'resident.export' },
      },
      async (req, reply) => {
        const ctx = ctxOf(platform, req);
        const filter = await residents.residentFilter(ctx, req.query, 'registry.residents_export');
        return sendAuditedWorkbook(
          reply,
          ctx,
          `residents-${new Date().toISOString().slice(0, 10)}.xlsx`,
          { action: 'registry.resident.export', entityType: 'resident', details: residentExportDetails(req.query) },
          (wb) => writeResidentsWorkbook(ctx, req.query, filter, wb),
        );
      },
    );
    app.get(
      '/residents/import-template.xlsx',
      { schema: { tags, summary: 'The Excel template for importing residents' }, config: { access: 'resident.import' } },
      async (_req, reply) => sendWorkbook(reply, '居民导入模板.xlsx', (wb) => writeImportTemplate(wb)),
    );
    app.post(
      '/residents',
      { schema: { tags, body: ResidentCreate, response: { 201: ResidentDetail } }, config: { access: 'resident.manage' } },
      async (req, reply) => reply.code(201).send(await residents.createResident(ctxOf(platform, req), req.body)),
    );
    app.get('/residents/:id', { schema: { tags, params: IdParams, response: { 200: ResidentDetail } }, config: { access: 'resident.read' } }, async (req) =>
      residents.getResident(ctxOf(platform, req), req.params.id),
    );
    app.patch(
      '/residents/:id',
      { schema: { tags, params: IdParams, body: ResidentUpdate, response: { 200: ResidentDetail } }, config: { access: 'resident.manage' } },
      async (req) => residents.updateResident(ctxOf(platform, req), req.params.id, req.body),
    );
    app.delete('/residents/:id', { schema: { tags, params: IdParams, response: { 200: Ok } }, config: { access: 'resident.manage' } }, async (req) => {
      await residents.deleteResident(ctxOf(platform, req), req.params.id);
      return { ok: true as const };
    });
    app.post(
      '/residents/:id/reveal',
      {
        schema: {
          tags,
          summary: 'Show an ID or phone number in clear, for a stated reason (audited)',
          params: IdParams,
          body: RevealBody,
          response: { 200: RevealResult },
        },
        config: { access: 'resident.reveal' },
      },
      async (req) => residents.revealResident(ctxOf(platform, req), req.params.id, req.body.field, req.body.reason),
    );

    const hTags = ['registry: households'];
    app.get(
      '/households',
      { schema: { tags: hTags, querystring: HouseholdQuery, response: { 200: HouseholdListPage } }, config: { access: 'household.read' } },
      async (req) => households.listHouseholds(ctxOf(platform, req), req.query),
    );
    app.get(
      '/households/export.xlsx',
      { schema: { tags: hTags, summary: 'The filtered household table as Excel', querystring: HouseholdQuery }, config: { access: 'resident.export' } },
      async (req, reply) => {
        const ctx = ctxOf(platform, req);
        const filter = await households.householdFilter(ctx, req.query);
        return sendAuditedWorkbook(
          reply,
          ctx,
          `households-${new Date().toISOString().slice(0, 10)}.xlsx`,
          { action: 'registry.household.export', entityType: 'household' },
          (wb) => writeHouseholdsWorkbook(ctx, filter, wb),
        );
      },
    );
    app.post(
      '/households',
      { schema: { tags: hTags, body: HouseholdCreate, response: { 201: HouseholdSummary } }, config: { access: 'household.manage' } },
      async (req, reply) => reply.code(201).send(await households.createHousehold(ctxOf(platform, req), req.body)),
    );
    app.delete('/households/:id', { schema: { tags: hTags, params: IdParams, response: { 200: Ok } }, config: { access: 'household.manage' } }, async (req) => {
      await households.deleteHousehold(ctxOf(platform, req), req.params.id);
      return { ok: true as const };
    });
  };
}
