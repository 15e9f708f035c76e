import type { Case, MatrixContext, SensitiveRoutes } from '../../test-support/access-matrix.js';

/** The access matrix's cases for observation: cases, readings, checks, custodians, deliveries, release, settings, export. */
export function accessCases(m: MatrixContext): Record<string, Case> {
  const { fx, ix, next, created, today } = m;

  /** An open observation case of a fresh resident in community A (or B). */
  async function caseIn(side: 'A' | 'B', days = 14) {
    const dwelling = side === 'A' ? m.tree.dwellingsA[next() % m.tree.dwellingsA.length]! : m.tree.dwellingsB[next() % m.tree.dwellingsB.length]!;
    const resident = (await created(await m.admin.post('/api/residents', { dwellingId: dwelling, name: `观察${next()}` }), 'resident')).id as number;
    const staff = side === 'A' ? ix.staffA! : ix.staffB!;
    return created(
      await staff.post('/api/observation/cases', {
        residentId: resident,
        kind: 'home_observation',
        reason: '矩阵',
        plan: { basis: 'arrival', basisDate: today(), days },
      }),
      'case',
    );
  }
  const caseVersion = async (id: number) => (await ix.staffA!.get(`/api/observation/cases/${id}`)).json.version as number;
  const caseVersionB = async (id: number) => (await ix.staffB!.get(`/api/observation/cases/${id}`)).json.version as number;

  m.setup(async () => {
    fx.caseA = (await caseIn('A')).id;
    fx.caseB = (await caseIn('B')).id;
  });

  return {
    'GET /api/observation/cases': {
      inScope: () => ({ method: 'GET', url: '/api/observation/cases?status=all' }),
      outOfScope: () => ({ method: 'GET', url: `/api/observation/cases?placeId=${m.tree.communityB}` }),
    },
    'POST /api/observation/cases': {
      inScope: async () => {
        const resident = (await created(await m.admin.post('/api/residents', { dwellingId: m.tree.dwellingsA[1], name: `观察${next()}` }), 'resident')).id;
        return {
          method: 'POST',
          url: '/api/observation/cases',
          body: { residentId: resident, kind: 'fever_follow_up', reason: '发热', plan: { basis: 'exposure', basisDate: today(), days: 3 } },
        };
      },
      outOfScope: () => ({
        method: 'POST',
        url: '/api/observation/cases',
        body: { residentId: fx.residentB, kind: 'fever_follow_up', reason: '发热', plan: { basis: 'exposure', basisDate: today(), days: 3 } },
      }),
    },
    'GET /api/observation/settings': { inScope: () => ({ method: 'GET', url: '/api/observation/settings' }) },
    'PUT /api/observation/settings/:id': {
      inScope: () => ({
        method: 'PUT',
        url: `/api/observation/settings/${m.tree.communityA}`,
        body: {
          slots: [
            { start: '08:00', end: '10:00', graceMinutes: 30 },
            { start: '16:00', end: '18:00', graceMinutes: 30 },
          ],
        },
      }),
      outOfScope: () => ({
        method: 'PUT',
        url: `/api/observation/settings/${m.tree.communityB}`,
        body: { slots: [{ start: '08:00', end: '10:00', graceMinutes: 30 }] },
      }),
    },
    'GET /api/observation/today': { inScope: () => ({ method: 'GET', url: '/api/observation/today' }) },
    'GET /api/observation/export.xlsx': {
      inScope: () => ({ method: 'GET', url: `/api/observation/export.xlsx?from=${today()}&to=${today()}` }),
      outOfScope: () => ({ method: 'GET', url: `/api/observation/export.xlsx?from=${today()}&to=${today()}&placeId=${m.tree.communityB}` }),
    },
    'GET /api/observation/cases/:id': {
      inScope: () => ({ method: 'GET', url: `/api/observation/cases/${fx.caseA}` }),
      outOfScope: () => ({ method: 'GET', url: `/api/observation/cases/${fx.caseB}` }),
    },
    'POST /api/observation/cases/:id/readings': {
      inScope: () => ({ method: 'POST', url: `/api/observation/cases/${fx.caseA}/readings`, body: { temperature: 36.5 } }),
      outOfScope: () => ({ method: 'POST', url: `/api/observation/cases/${fx.caseB}/readings`, body: { temperature: 36.5 } }),
    },
    'POST /api/observation/cases/:id/checks/:checkId/acknowledge': {
      inScope: async () => {
        const k = (await ix.healthA!.post(`/api/observation/cases/${fx.caseA}/readings`, { temperature: 38.1 })).json.check;
        return { method: 'POST', url: `/api/observation/cases/${fx.caseA}/checks/${k.id}/acknowledge`, body: { note: '已电话随访' } };
      },
      outOfScope: async () => {
        const k = (await ix.healthB!.post(`/api/observation/cases/${fx.caseB}/readings`, { temperature: 38.1 })).json.check;
        return { method: 'POST', url: `/api/observation/cases/${fx.caseB}/checks/${k.id}/acknowledge`, body: {} };
      },
    },
    'POST /api/observation/cases/:id/replan': {
      inScope: async () => ({
        method: 'POST',
        url: `/api/observation/cases/${fx.caseA}/replan`,
        body: { days: 14 + (next() % 5), reason: '密接延长', version: await caseVersion(fx.caseA!) },
      }),
      outOfScope: async () => ({
        method: 'POST',
        url: `/api/observation/cases/${fx.caseB}/replan`,
        body: { days: 10, reason: '越界', version: await caseVersionB(fx.caseB!) },
      }),
    },
    'PUT /api/observation/cases/:id/custodians': {
      inScope: () => ({
        method: 'PUT',
        url: `/api/observation/cases/${fx.caseA}/custodians`,
        body: {
          custodians: [
            { role: 'police', name: '民警李' },
            { role: 'cadre', name: '干部王' },
            { role: 'medic', name: '医生赵' },
          ],
        },
      }),
      outOfScope: () => ({ method: 'PUT', url: `/api/observation/cases/${fx.caseB}/custodians`, body: { custodians: [] } }),
    },
    'PUT /api/observation/cases/:id/members': {
      inScope: () => ({ method: 'PUT', url: `/api/observation/cases/${fx.caseA}/members`, body: { memberIds: [] } }),
      outOfScope: () => ({ method: 'PUT', url: `/api/observation/cases/${fx.caseB}/members`, body: { memberIds: [] } }),
    },
    'POST /api/observation/cases/:id/deliveries': {
      inScope: () => ({ method: 'POST', url: `/api/observation/cases/${fx.caseA}/deliveries`, body: { what: '米面油', quantity: '1 份' } }),
      outOfScope: () => ({ method: 'POST', url: `/api/observation/cases/${fx.caseB}/deliveries`, body: { what: '米面油' } }),
    },
    'POST /api/observation/cases/:id/release': {
      inScope: async () => {
        // A case whose period ended today, with a normal reading: its release is proposed.
        const c = await caseIn('A', 0);
        await ix.healthA!.post(`/api/observation/cases/${c.id}/readings`, { temperature: 36.4 });
        return { method: 'POST', url: `/api/observation/cases/${c.id}/release`, body: { version: await caseVersion(c.id) } };
      },
      outOfScope: async () => {
        const c = await caseIn('B', 0);
        await ix.healthB!.post(`/api/observation/cases/${c.id}/readings`, { temperature: 36.4 });
        return { method: 'POST', url: `/api/observation/cases/${c.id}/release`, body: { version: await caseVersionB(c.id) } };
      },
    },
  };
}

/** Hand-written: see SensitiveRoutes in test-support/access-matrix.ts. */
export const sensitive: SensitiveRoutes = {
  'GET /api/observation/export.xlsx': ['center_coordinator', 'department_coordinator', 'community_staff', 'station_staff', 'health_worker'],
  // End an observation: the health worker.
  'POST /api/observation/cases/:id/release': ['health_worker'],
};
