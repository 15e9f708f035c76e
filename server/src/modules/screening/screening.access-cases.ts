import crypto from 'node:crypto';
import { ROLE_PERMISSIONS } from '@jiayuan/contracts';
import { queryOne, sql } from '../../platform/db/database.js';
import type { Case, MatrixContext, SensitiveRoutes } from '../../test-support/access-matrix.js';
import { type TestClient, userWith } from '../../test-support/http-client.js';

const screeningVisit = (campaignId: number, householdId: number, residentId: number, temperature = 36.5) => ({
  id: crypto.randomUUID(),
  campaignId,
  householdId,
  outcome: 'visited',
  visitedAt: new Date().toISOString(),
  persons: [{ residentId, present: true, answers: { returned: false, symptoms: false, temperature } }],
});
const SCREENING_QUESTIONS = [
  { key: 'returned', type: 'yes_no', label: { 'zh-CN': '外出返回', 'en-US': 'Returned' } },
  { key: 'symptoms', type: 'yes_no', label: { 'zh-CN': '症状', 'en-US': 'Symptoms' }, flag: { reason: 'symptom', whenYes: true } },
  { key: 'temperature', type: 'temperature', label: { 'zh-CN': '体温', 'en-US': 'Temperature' }, flag: { reason: 'fever', atOrAbove: 37.3 } },
];

/** The access matrix's cases for screening: campaigns, assignments, visits, coverage, findings. */
export function accessCases(m: MatrixContext): Record<string, Case> {
  const { t, fx, next, created, freshPlace, callers } = m;

  /** Screening fixtures, made once by a district-wide screener: campaigns in A and B, findings in each. */
  let screeningSetup: Promise<Record<string, number>> | null = null;
  function screening(): Promise<Record<string, number>> {
    screeningSetup ??= (async () => {
      const runner = await userWith(t.platform, t.app, ['center_coordinator', 'community_staff'], { all: true }, 'matrixscreener');
      const campaign = async (placeId: number, start = true) => {
        const c = await created(
          await runner.post('/api/screening/campaigns', {
            name: `矩阵摸排${next()}`,
            placeIds: [placeId],
            questions: SCREENING_QUESTIONS,
            startsOn: '2026-01-01',
            endsOn: '2099-12-31',
          }),
          'campaign',
        );
        if (start) await created(await runner.post(`/api/screening/campaigns/${c.id}/start`), 'start');
        return c.id as number;
      };
      const out: Record<string, number> = { campA: await campaign(m.tree.communityA), campB: await campaign(m.tree.communityB) };
      const householdA = (await m.admin.get(`/api/residents/${fx.residentA}`)).json.householdId as number;
      out.householdA = householdA;
      out.householdBres = (await m.admin.get(`/api/residents/${fx.residentB}`)).json.householdId as number;
      for (const c of callers.values()) {
        if (c.role !== 'anonymous' && c.role !== 'phone_resident' && ROLE_PERMISSIONS[c.role].includes('screening.visit')) {
          await created(
            await runner.post(`/api/screening/campaigns/${out.campA}/assignments`, { userId: c.userId, buildingId: m.tree.buildingA }),
            'assignment',
          );
        }
      }
      out.visitor = (await userWith(t.platform, t.app, ['volunteer'], { placeIds: [m.tree.communityA] }, 'matrixvisitor')).userId;
      out.assignmentB = (
        await created(
          await runner.post(`/api/screening/campaigns/${out.campB}/assignments`, { userId: runner.userId, buildingId: m.tree.buildingB }),
          'assignment B',
        )
      ).id;
      const fever = async (campaignId: number, householdId: number, residentId: number) => {
        const v = screeningVisit(campaignId, householdId, residentId, 38.2);
        await created(await runner.post('/api/screening/sync', { visits: [v] }), 'sync');
        return (await queryOne<{ id: number }>(t.platform.db, sql`SELECT id FROM screening_findings WHERE visit_id = ${v.id}`))!.id;
      };
      out.findingB = await fever(out.campB!, out.householdBres!, fx.residentB!);
      out.findingA = await fever(out.campA!, householdA, fx.residentA!);
      Object.assign(screeningHelpers, { runner, campaign, fever });
      return out;
    })();
    return screeningSetup;
  }
  const screeningHelpers: {
    runner?: TestClient;
    campaign?: (placeId: number, start?: boolean) => Promise<number>;
    fever?: (campaignId: number, householdId: number, residentId: number) => Promise<number>;
  } = {};
  const findingVersion = async (id: number) =>
    (await queryOne<{ version: number }>(t.platform.db, sql`SELECT version FROM screening_findings WHERE id = ${id}`))!.version;
  const campaignVersion = async (id: number) =>
    (await queryOne<{ version: number }>(t.platform.db, sql`SELECT version FROM screening_campaigns WHERE id = ${id}`))!.version;

  return {
    'GET /api/screening/campaigns': { inScope: () => ({ method: 'GET', url: '/api/screening/campaigns' }) },
    'POST /api/screening/campaigns': {
      inScope: () => ({
        method: 'POST',
        url: '/api/screening/campaigns',
        body: { name: `摸排${next()}`, placeIds: [m.tree.communityA], questions: SCREENING_QUESTIONS, startsOn: '2026-01-01', endsOn: '2026-12-31' },
      }),
      outOfScope: () => ({
        method: 'POST',
        url: '/api/screening/campaigns',
        body: { name: `摸排${next()}`, placeIds: [m.tree.communityB], questions: SCREENING_QUESTIONS, startsOn: '2026-01-01', endsOn: '2026-12-31' },
      }),
    },
    'GET /api/screening/campaigns/:id': {
      inScope: async () => ({ method: 'GET', url: `/api/screening/campaigns/${(await screening()).campA}` }),
      outOfScope: async () => ({ method: 'GET', url: `/api/screening/campaigns/${(await screening()).campB}` }),
    },
    'PATCH /api/screening/campaigns/:id': {
      inScope: async () => {
        const id = (await screening()).campA!;
        return { method: 'PATCH', url: `/api/screening/campaigns/${id}`, body: { note: `改${next()}`, version: await campaignVersion(id) } };
      },
      outOfScope: async () => {
        const id = (await screening()).campB!;
        return { method: 'PATCH', url: `/api/screening/campaigns/${id}`, body: { note: '越界', version: await campaignVersion(id) } };
      },
    },
    'POST /api/screening/campaigns/:id/start': {
      inScope: async () => {
        await screening();
        return { method: 'POST', url: `/api/screening/campaigns/${await screeningHelpers.campaign!(m.tree.communityA, false)}/start` };
      },
      outOfScope: async () => ({ method: 'POST', url: `/api/screening/campaigns/${await screeningHelpers.campaign!(m.tree.communityB, false)}/start` }),
    },
    'POST /api/screening/campaigns/:id/close': {
      inScope: async () => {
        await screening();
        return { method: 'POST', url: `/api/screening/campaigns/${await screeningHelpers.campaign!(m.tree.communityA)}/close` };
      },
      outOfScope: async () => ({ method: 'POST', url: `/api/screening/campaigns/${(await screening()).campB}/close` }),
    },
    'POST /api/screening/campaigns/:id/rounds': {
      inScope: async () => ({ method: 'POST', url: `/api/screening/campaigns/${(await screening()).campA}/rounds` }),
      outOfScope: async () => ({ method: 'POST', url: `/api/screening/campaigns/${(await screening()).campB}/rounds` }),
    },
    'GET /api/screening/campaigns/:id/assignments': {
      inScope: async () => ({ method: 'GET', url: `/api/screening/campaigns/${(await screening()).campA}/assignments` }),
      outOfScope: async () => ({ method: 'GET', url: `/api/screening/campaigns/${(await screening()).campB}/assignments` }),
    },
    'POST /api/screening/campaigns/:id/assignments': {
      inScope: async () => {
        const s = await screening();
        return {
          method: 'POST',
          url: `/api/screening/campaigns/${s.campA}/assignments`,
          body: { userId: s.visitor, buildingId: await freshPlace(m.tree.compoundA) },
        };
      },
      outOfScope: async () => {
        const s = await screening();
        return { method: 'POST', url: `/api/screening/campaigns/${s.campA}/assignments`, body: { userId: s.visitor, buildingId: m.tree.buildingB } };
      },
    },
    'DELETE /api/screening/campaigns/:id/assignments/:assignmentId': {
      inScope: async () => {
        const s = await screening();
        const a = await created(
          await screeningHelpers.runner!.post(`/api/screening/campaigns/${s.campA}/assignments`, {
            userId: s.visitor,
            buildingId: await freshPlace(m.tree.compoundA),
          }),
          'assignment',
        );
        return { method: 'DELETE', url: `/api/screening/campaigns/${s.campA}/assignments/${a.id}` };
      },
      outOfScope: async () => {
        const s = await screening();
        return { method: 'DELETE', url: `/api/screening/campaigns/${s.campB}/assignments/${s.assignmentB}` };
      },
    },
    'GET /api/screening/my-campaigns': { inScope: () => ({ method: 'GET', url: '/api/screening/my-campaigns' }) },
    'GET /api/screening/campaigns/:id/workset': {
      inScope: async () => ({ method: 'GET', url: `/api/screening/campaigns/${(await screening()).campA}/workset` }),
      outOfScope: async () => ({ method: 'GET', url: `/api/screening/campaigns/${(await screening()).campB}/workset` }),
    },
    // A visit outside the caller's scope is answered per visit ("rejected"), so the batch is not a 404.
    'POST /api/screening/sync': {
      inScope: async () => {
        const s = await screening();
        return { method: 'POST', url: '/api/screening/sync', body: { visits: [screeningVisit(s.campA!, s.householdA!, fx.residentA!)] } };
      },
    },
    'GET /api/screening/campaigns/:id/coverage': {
      inScope: async () => ({ method: 'GET', url: `/api/screening/campaigns/${(await screening()).campA}/coverage?level=building` }),
      outOfScope: async () => ({ method: 'GET', url: `/api/screening/campaigns/${(await screening()).campB}/coverage` }),
    },
    'GET /api/screening/campaigns/:id/coverage.xlsx': {
      inScope: async () => ({ method: 'GET', url: `/api/screening/campaigns/${(await screening()).campA}/coverage.xlsx` }),
      outOfScope: async () => ({ method: 'GET', url: `/api/screening/campaigns/${(await screening()).campB}/coverage.xlsx` }),
    },
    'GET /api/screening/campaigns/:id/findings': {
      inScope: async () => ({ method: 'GET', url: `/api/screening/campaigns/${(await screening()).campA}/findings` }),
      outOfScope: async () => ({ method: 'GET', url: `/api/screening/campaigns/${(await screening()).campB}/findings` }),
    },
    'GET /api/screening/findings/:id': {
      inScope: async () => ({ method: 'GET', url: `/api/screening/findings/${(await screening()).findingA}` }),
      outOfScope: async () => ({ method: 'GET', url: `/api/screening/findings/${(await screening()).findingB}` }),
    },
    'POST /api/screening/findings/:id/open-case': {
      inScope: async () => {
        const s = await screening();
        const id = await screeningHelpers.fever!(s.campA!, s.householdA!, fx.residentA!);
        return { method: 'POST', url: `/api/screening/findings/${id}/open-case`, body: { version: await findingVersion(id) } };
      },
      outOfScope: async () => {
        const s = await screening();
        return { method: 'POST', url: `/api/screening/findings/${s.findingB}/open-case`, body: { version: await findingVersion(s.findingB!) } };
      },
    },
    'POST /api/screening/findings/:id/resolve': {
      inScope: async () => {
        const s = await screening();
        const id = await screeningHelpers.fever!(s.campA!, s.householdA!, fx.residentA!);
        return { method: 'POST', url: `/api/screening/findings/${id}/resolve`, body: { note: '已核实', version: await findingVersion(id) } };
      },
      outOfScope: async () => {
        const s = await screening();
        return { method: 'POST', url: `/api/screening/findings/${s.findingB}/resolve`, body: { note: '越界', version: await findingVersion(s.findingB!) } };
      },
    },
  };
}

/** Hand-written: see SensitiveRoutes in test-support/access-matrix.ts. */
export const sensitive: SensitiveRoutes = {
  'GET /api/screening/campaigns/:id/coverage.xlsx': ['center_coordinator', 'department_coordinator', 'community_staff'],
};
