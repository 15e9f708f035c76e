import type { Case, MatrixContext, SensitiveRoutes } from '../../test-support/access-matrix.js';

/** The access matrix's cases for containment: cases are need-to-know; orders are decided by coordinators. */
export function accessCases(m: MatrixContext): Record<string, Case> {
  const { fx, ix, created, freshPlace, today } = m;

  /** Containment: a dwelling in a compound of its own (so the compound threshold never sweeps fixtures together). */
  async function cmDwelling(side: 'A' | 'B'): Promise<{ compound: number; building: number; dwelling: number }> {
    const compound = await freshPlace(side === 'A' ? m.tree.communityA : m.tree.communityB, 'compound');
    const building = await freshPlace(compound, 'building');
    await created(await m.admin.post(`/api/places/${building}/layout`, { stairwells: 1, floors: 1, flatsPerFloor: 1 }), 'layout');
    const stairwell = (await m.admin.get(`/api/places?parentId=${building}`)).json.items[0].id as number;
    const dwelling = (await m.admin.get(`/api/places?parentId=${stairwell}`)).json.items[0].id as number;
    return { compound, building, dwelling };
  }
  /** A fresh case (suspected: no proposal) or a fresh proposed stairwell order (a confirmed case), recorded by the side's health worker. */
  async function cmCase(side: 'A' | 'B', kind: 'suspected' | 'confirmed' = 'suspected') {
    const { dwelling } = await cmDwelling(side);
    const health = side === 'A' ? ix.healthA! : ix.healthB!;
    return created(await health.post('/api/containment/cases', { dwellingId: dwelling, kind, reportedOn: today(), sourceNote: '矩阵' }), 'containment case');
  }
  const cmProposed = async (side: 'A' | 'B') => (await cmCase(side, 'confirmed')).proposed[0] as number;
  /** A fresh order in force: a building sealed by hand by the department's coordinator. */
  async function cmActive(side: 'A' | 'B') {
    const { building } = await cmDwelling(side);
    return (await created(await ix.coord!.post('/api/containment/orders', { placeId: building, reason: '矩阵封控' }), 'lockdown')).id as number;
  }
  const cmSettings = { stairwell: 1, building: 2, compound: 3, windowDays: 14, releaseDays: 14, autoConfirm: false, countSuspected: false };

  m.setup(async () => {
    fx.cmCaseA = (await cmCase('A')).case.id;
    fx.cmCaseB = (await cmCase('B')).case.id;
    fx.cmOrderA = await cmProposed('A');
    fx.cmOrderB = await cmProposed('B');
  });

  return {
    // Containment: cases are need-to-know; orders are decided by coordinators.
    'GET /api/containment/cases': {
      inScope: () => ({ method: 'GET', url: '/api/containment/cases?status=all' }),
      outOfScope: () => ({ method: 'GET', url: `/api/containment/cases?placeId=${m.tree.communityB}` }),
    },
    'POST /api/containment/cases': {
      inScope: async () => ({
        method: 'POST',
        url: '/api/containment/cases',
        body: { dwellingId: (await cmDwelling('A')).dwelling, kind: 'suspected', reportedOn: today() },
      }),
      outOfScope: () => ({ method: 'POST', url: '/api/containment/cases', body: { dwellingId: m.tree.dwellingsB[3], kind: 'suspected', reportedOn: today() } }),
    },
    'GET /api/containment/cases/:id': {
      inScope: () => ({ method: 'GET', url: `/api/containment/cases/${fx.cmCaseA}` }),
      outOfScope: () => ({ method: 'GET', url: `/api/containment/cases/${fx.cmCaseB}` }),
    },
    'POST /api/containment/cases/:id/change': {
      inScope: async () => ({
        method: 'POST',
        url: `/api/containment/cases/${(await cmCase('A')).case.id}/change`,
        body: { action: 'confirm', reason: '核酸阳性', version: 1 },
      }),
      outOfScope: async () => ({
        method: 'POST',
        url: `/api/containment/cases/${(await cmCase('B')).case.id}/change`,
        body: { action: 'confirm', reason: '核酸阳性', version: 1 },
      }),
    },
    'POST /api/containment/cases/:id/reveal': {
      inScope: () => ({ method: 'POST', url: `/api/containment/cases/${fx.cmCaseA}/reveal`, body: { reason: '流调核实' } }),
      outOfScope: () => ({ method: 'POST', url: `/api/containment/cases/${fx.cmCaseB}/reveal`, body: { reason: '流调核实' } }),
    },
    'GET /api/containment/orders': {
      inScope: () => ({ method: 'GET', url: '/api/containment/orders?status=proposed' }),
      outOfScope: () => ({ method: 'GET', url: `/api/containment/orders?placeId=${m.tree.communityB}` }),
    },
    'POST /api/containment/orders': {
      inScope: async () => ({ method: 'POST', url: '/api/containment/orders', body: { placeId: (await cmDwelling('A')).building, reason: '人工封控' } }),
      outOfScope: async () => ({ method: 'POST', url: '/api/containment/orders', body: { placeId: (await cmDwelling('B')).building, reason: '人工封控' } }),
    },
    'GET /api/containment/orders/:id': {
      inScope: () => ({ method: 'GET', url: `/api/containment/orders/${fx.cmOrderA}` }),
      outOfScope: () => ({ method: 'GET', url: `/api/containment/orders/${fx.cmOrderB}` }),
    },
    'POST /api/containment/orders/:id/confirm': {
      inScope: async () => ({ method: 'POST', url: `/api/containment/orders/${await cmProposed('A')}/confirm`, body: {} }),
      outOfScope: async () => ({ method: 'POST', url: `/api/containment/orders/${await cmProposed('B')}/confirm`, body: {} }),
    },
    'POST /api/containment/orders/:id/dismiss': {
      inScope: async () => ({ method: 'POST', url: `/api/containment/orders/${await cmProposed('A')}/dismiss`, body: { reason: '误报' } }),
      outOfScope: async () => ({ method: 'POST', url: `/api/containment/orders/${await cmProposed('B')}/dismiss`, body: { reason: '误报' } }),
    },
    'POST /api/containment/orders/:id/release': {
      inScope: async () => ({ method: 'POST', url: `/api/containment/orders/${await cmActive('A')}/release`, body: { reason: '14天无新增' } }),
      outOfScope: async () => ({ method: 'POST', url: `/api/containment/orders/${await cmActive('B')}/release`, body: { reason: '14天无新增' } }),
    },
    'GET /api/containment/settings': { inScope: () => ({ method: 'GET', url: '/api/containment/settings' }) },
    'PUT /api/containment/settings/:id': {
      inScope: () => ({ method: 'PUT', url: `/api/containment/settings/${m.tree.communityA}`, body: cmSettings }),
      outOfScope: () => ({ method: 'PUT', url: `/api/containment/settings/${m.tree.communityB}`, body: cmSettings }),
    },
    'GET /api/containment/map': {
      inScope: () => ({ method: 'GET', url: '/api/containment/map' }),
      outOfScope: () => ({ method: 'GET', url: `/api/containment/map?compoundId=${m.tree.compoundB}` }),
    },
  };
}

/** Hand-written: see SensitiveRoutes in test-support/access-matrix.ts. */
export const sensitive: SensitiveRoutes = {
  // Reveal a case's person: the staff who serve that resident, never admins or auditors.
  'POST /api/containment/cases/:id/reveal': ['center_coordinator', 'department_coordinator', 'health_worker'],
  // Seal, confirm, dismiss, release a lockdown: the coordinators.
  'POST /api/containment/orders': ['center_coordinator', 'department_coordinator'],
  'POST /api/containment/orders/:id/confirm': ['center_coordinator', 'department_coordinator'],
  'POST /api/containment/orders/:id/dismiss': ['center_coordinator', 'department_coordinator'],
  'POST /api/containment/orders/:id/release': ['center_coordinator', 'department_coordinator'],
};
