import {
  Assignment,
  AssignmentCreate,
  AssignmentParams,
  Campaign,
  CampaignPage,
  CampaignParams,
  CampaignQuery,
  CampaignSave,
  CampaignUpdate,
  Coverage,
  CoverageQuery,
  Finding,
  FindingPage,
  FindingQuery,
  IdParams,
  Ok,
  OpenCaseBody,
  ResolveFindingBody,
  SyncBody,
  SyncResult,
  Workset,
} from '@jiayuan/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Platform } from '../../platform/context.js';
import { sendAuditedWorkbook } from '../../platform/excel/send-workbook.js';
import { ctxOf } from '../../platform/http/request-context.js';
import * as assignments from './assignments.service.js';
import * as campaigns from './campaigns.service.js';
import * as coverage from './coverage.service.js';
import * as findings from './findings.service.js';
import * as visits from './visits.service.js';

/** 入户摸排: campaigns, assignments, the visitor's offline workset and sync, coverage and findings. */
export function screeningRoutes(platform: Platform): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['screening'];
    app.get(
      '/screening/campaigns',
      {
        schema: { tags, summary: 'Campaigns over places in my scope', querystring: CampaignQuery, response: { 200: CampaignPage } },
        config: { access: 'screening.read' },
      },
      async (req) => campaigns.listCampaigns(ctxOf(platform, req), req.query),
    );
    app.post(
      '/screening/campaigns',
      {
        schema: { tags, summary: 'Create a campaign (a draft) over departments or communities', body: CampaignSave, response: { 201: Campaign } },
        config: { access: 'screening.manage' },
      },
      async (req, reply) => reply.code(201).send(await campaigns.createCampaign(ctxOf(platform, req), req.body)),
    );
    app.get(
      '/screening/campaigns/:id',
      { schema: { tags, params: CampaignParams, response: { 200: Campaign } }, config: { access: { any: ['screening.read', 'screening.visit'] } } },
      async (req) => campaigns.getCampaign(ctxOf(platform, req), req.params.id),
    );
    app.patch(
      '/screening/campaigns/:id',
      {
        schema: {
          tags,
          summary: 'Change a campaign (questions and places only while a draft)',
          params: CampaignParams,
          body: CampaignUpdate,
          response: { 200: Campaign },
        },
        config: { access: 'screening.manage' },
      },
      async (req) => campaigns.updateCampaign(ctxOf(platform, req), req.params.id, req.body),
    );
    for (const [path, action] of [
      ['start', 'start'],
      ['close', 'close'],
      ['rounds', 'newRound'],
    ] as const) {
      app.post(
        `/screening/campaigns/:id/${path}`,
        { schema: { tags, summary: `Campaign: ${action}`, params: CampaignParams, response: { 200: Campaign } }, config: { access: 'screening.manage' } },
        async (req) => campaigns.transition(ctxOf(platform, req), req.params.id, action),
      );
    }

    app.get(
      '/screening/campaigns/:id/assignments',
      { schema: { tags, params: CampaignParams, response: { 200: z.object({ items: z.array(Assignment) }) } }, config: { access: 'screening.read' } },
      async (req) => assignments.listAssignments(ctxOf(platform, req), req.params.id),
    );
    app.post(
      '/screening/campaigns/:id/assignments',
      {
        schema: { tags, summary: 'Assign a visitor to a grid or a building', params: CampaignParams, body: AssignmentCreate, response: { 201: Assignment } },
        config: { access: 'screening.manage' },
      },
      async (req, reply) => reply.code(201).send(await assignments.addAssignment(ctxOf(platform, req), req.params.id, req.body)),
    );
    app.delete(
      '/screening/campaigns/:id/assignments/:assignmentId',
      { schema: { tags, params: AssignmentParams, response: { 200: Ok } }, config: { access: 'screening.manage' } },
      async (req) => {
        await assignments.removeAssignment(ctxOf(platform, req), req.params.id, req.params.assignmentId);
        return { ok: true as const };
      },
    );

    app.get(
      '/screening/my-campaigns',
      {
        schema: {
          tags,
          summary: 'Visitors: running campaigns I visit in',
          response: { 200: z.object({ items: z.array(Campaign.extend({ assigned: z.boolean() })) }) },
        },
        config: { access: 'screening.visit' },
      },
      async (req) => visits.myCampaigns(ctxOf(platform, req)),
    );
    app.get(
      '/screening/campaigns/:id/workset',
      {
        schema: {
          tags,
          summary: 'Visitors: the households to visit and their members, for working offline',
          params: CampaignParams,
          response: { 200: Workset },
        },
        config: { access: 'screening.visit' },
      },
      async (req) => visits.workset(ctxOf(platform, req), req.params.id),
    );
    app.post(
      '/screening/sync',
      {
        schema: {
          tags,
          summary: 'Visitors: store visits recorded on the phone (idempotent by the visit id the phone made)',
          body: SyncBody,
          response: { 200: SyncResult },
        },
        config: { access: 'screening.visit' },
      },
      async (req) => visits.syncVisits(ctxOf(platform, req), req.body.visits),
    );

    app.get(
      '/screening/campaigns/:id/coverage',
      {
        schema: {
          tags,
          summary: 'Households done / total, visits and findings per community, grid, building or household',
          params: CampaignParams,
          querystring: CoverageQuery,
          response: { 200: Coverage },
        },
        config: { access: 'screening.read' },
      },
      async (req) => coverage.getCoverage(ctxOf(platform, req), req.params.id, req.query),
    );
    app.get(
      '/screening/campaigns/:id/coverage.xlsx',
      {
        schema: { tags, summary: 'Coverage per community, grid and building, and open findings, as Excel', params: CampaignParams },
        config: { access: 'screening.export' },
      },
      async (req, reply) => {
        const ctx = ctxOf(platform, req);
        const c = await campaigns.getCampaign(ctx, req.params.id);
        return sendAuditedWorkbook(
          reply,
          ctx,
          `入户摸排-${c.name}-${new Date().toISOString().slice(0, 10)}.xlsx`,
          { action: 'screening.coverage.export', entityType: 'screening_campaign', entityId: req.params.id },
          (wb) => coverage.writeCoverageWorkbook(ctx, req.params.id, wb),
        );
      },
    );
    app.get(
      '/screening/campaigns/:id/findings',
      {
        schema: { tags, summary: 'People found who need following up', params: CampaignParams, querystring: FindingQuery, response: { 200: FindingPage } },
        config: { access: 'screening.read' },
      },
      async (req) => findings.listFindings(ctxOf(platform, req), req.params.id, req.query),
    );
    app.get('/screening/findings/:id', { schema: { tags, params: IdParams, response: { 200: Finding } }, config: { access: 'screening.read' } }, async (req) =>
      findings.getFinding(ctxOf(platform, req), req.params.id),
    );
    app.post(
      '/screening/findings/:id/open-case',
      {
        schema: { tags, summary: 'Turn a finding into an observation case (one click)', params: IdParams, body: OpenCaseBody, response: { 200: Finding } },
        config: { access: 'screening.followup' },
      },
      async (req) => findings.openCaseForFinding(ctxOf(platform, req), req.params.id, req.body),
    );
    app.post(
      '/screening/findings/:id/resolve',
      {
        schema: { tags, summary: 'Close a finding with a note', params: IdParams, body: ResolveFindingBody, response: { 200: Finding } },
        config: { access: 'screening.followup' },
      },
      async (req) => findings.resolveFinding(ctxOf(platform, req), req.params.id, req.body),
    );
  };
}
