import {
  BuildingHeadSave,
  BuildingLayout,
  Employer,
  EmployerSave,
  Grid,
  GridSave,
  Id,
  IdParams,
  Ok,
  Place,
  PlaceBranch,
  PlaceBranchCreated,
  PlaceChildrenQuery,
  PlaceCreate,
  PlaceDetail,
  PlaceSearchQuery,
  PlaceSearchResult,
  PlaceUpdate,
  PlaceWithCounts,
  text,
} from '@jiayuan/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Platform } from '../../platform/context.js';
import { sendWorkbook } from '../../platform/excel/send-workbook.js';
import { ctxOf } from '../../platform/http/request-context.js';
import * as employers from './employers.service.js';
import * as grids from './grids.service.js';
import * as placesService from './places.service.js';
import { writePlaceImportTemplate } from './place-import.js';

/** Places, grids and employers: the organisation of the district. */
export function placeRoutes(platform: Platform): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['registry: places'];
    app.get(
      '/places',
      {
        schema: {
          tags,
          summary: 'Children of a place (or the top of the tree), with counts if asked',
          querystring: PlaceChildrenQuery,
          response: { 200: z.object({ items: z.array(PlaceWithCounts) }) },
        },
        config: { access: 'place.read' },
      },
      async (req) => ({ items: await placesService.listChildren(ctxOf(platform, req), req.query.parentId ?? null, req.query.counts) }),
    );
    app.get(
      '/places/search',
      { schema: { tags, querystring: PlaceSearchQuery, response: { 200: PlaceSearchResult } }, config: { access: 'place.read' } },
      async (req) => placesService.searchPlaces(ctxOf(platform, req), req.query.q, req.query.type, req.query.limit),
    );
    app.get('/places/:id', { schema: { tags, params: IdParams, response: { 200: PlaceDetail } }, config: { access: 'place.read' } }, async (req) =>
      placesService.getPlace(ctxOf(platform, req), req.params.id),
    );
    app.post('/places', { schema: { tags, body: PlaceCreate, response: { 201: Place } }, config: { access: 'place.manage' } }, async (req, reply) =>
      reply.code(201).send(await placesService.createPlace(ctxOf(platform, req), req.body)),
    );
    app.get(
      '/places/import-template.xlsx',
      { schema: { tags, summary: 'The Excel template for importing the place tree (upload it to /imports/places)' }, config: { access: 'place.manage' } },
      async (_req, reply) => sendWorkbook(reply, '区域导入模板.xlsx', (wb) => writePlaceImportTemplate(wb)),
    );
    app.post(
      '/places/branch',
      {
        schema: {
          tags,
          summary: 'Add a whole branch at once (first-run setup, an imported tree): all places or none',
          body: PlaceBranch,
          response: { 201: PlaceBranchCreated },
        },
        config: { access: 'place.manage' },
      },
      async (req, reply) => reply.code(201).send(await placesService.createBranch(ctxOf(platform, req), req.body)),
    );
    app.patch(
      '/places/:id',
      { schema: { tags, params: IdParams, body: PlaceUpdate, response: { 200: Place } }, config: { access: 'place.manage' } },
      async (req) => placesService.updatePlace(ctxOf(platform, req), req.params.id, req.body),
    );
    app.delete('/places/:id', { schema: { tags, params: IdParams, response: { 200: Ok } }, config: { access: 'place.manage' } }, async (req) => {
      await placesService.deletePlace(ctxOf(platform, req), req.params.id);
      return { ok: true as const };
    });
    app.post(
      '/places/:id/layout',
      {
        schema: {
          tags,
          summary: 'Lay out an empty building: stairwells × floors × flats',
          params: IdParams,
          body: BuildingLayout,
          response: { 201: z.object({ stairwells: z.number(), dwellings: z.number() }) },
        },
        config: { access: 'place.manage' },
      },
      async (req, reply) => reply.code(201).send(await placesService.layoutBuilding(ctxOf(platform, req), req.params.id, req.body)),
    );
    app.put(
      '/places/:id/building-head',
      { schema: { tags, params: IdParams, body: BuildingHeadSave, response: { 200: Ok } }, config: { access: 'place.manage' } },
      async (req) => {
        await grids.setBuildingHead(ctxOf(platform, req), req.params.id, req.body.residentId);
        return { ok: true as const };
      },
    );

    const gridTags = ['registry: grids'];
    app.get(
      '/grids',
      {
        schema: { tags: gridTags, querystring: z.object({ communityId: Id.optional() }), response: { 200: z.object({ items: z.array(Grid) }) } },
        config: { access: 'place.read' },
      },
      async (req) => grids.listGrids(ctxOf(platform, req), req.query.communityId),
    );
    app.post('/grids', { schema: { tags: gridTags, body: GridSave, response: { 201: Grid } }, config: { access: 'place.manage' } }, async (req, reply) =>
      reply.code(201).send(await grids.saveGrid(ctxOf(platform, req), null, req.body)),
    );
    app.put(
      '/grids/:id',
      { schema: { tags: gridTags, params: IdParams, body: GridSave, response: { 200: Grid } }, config: { access: 'place.manage' } },
      async (req) => grids.saveGrid(ctxOf(platform, req), req.params.id, req.body),
    );
    app.delete('/grids/:id', { schema: { tags: gridTags, params: IdParams, response: { 200: Ok } }, config: { access: 'place.manage' } }, async (req) => {
      await grids.deleteGrid(ctxOf(platform, req), req.params.id);
      return { ok: true as const };
    });

    const empTags = ['registry: employers'];
    app.get(
      '/employers',
      {
        schema: { tags: empTags, querystring: z.object({ q: text(60, { min: 0 }).optional() }), response: { 200: z.object({ items: z.array(Employer) }) } },
        config: { access: 'employer.read' },
      },
      async (req) => employers.listEmployers(ctxOf(platform, req), req.query.q),
    );
    app.get('/employers/:id', { schema: { tags: empTags, params: IdParams, response: { 200: Employer } }, config: { access: 'employer.read' } }, async (req) =>
      employers.getEmployer(ctxOf(platform, req), req.params.id),
    );
    app.post(
      '/employers',
      { schema: { tags: empTags, body: EmployerSave, response: { 201: Employer } }, config: { access: 'employer.manage' } },
      async (req, reply) => reply.code(201).send(await employers.createEmployer(ctxOf(platform, req), req.body)),
    );
    app.patch(
      '/employers/:id',
      { schema: { tags: empTags, params: IdParams, body: EmployerSave, response: { 200: Employer } }, config: { access: 'employer.manage' } },
      async (req) => employers.updateEmployer(ctxOf(platform, req), req.params.id, req.body),
    );
    app.delete('/employers/:id', { schema: { tags: empTags, params: IdParams, response: { 200: Ok } }, config: { access: 'employer.manage' } }, async (req) => {
      await employers.deleteEmployer(ctxOf(platform, req), req.params.id);
      return { ok: true as const };
    });
  };
}
