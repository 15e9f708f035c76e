import crypto from 'node:crypto';
import type { Case, MatrixContext, SensitiveRoutes } from '../../test-support/access-matrix.js';

const gateEvent = (gateId: number) => ({
  clientId: crypto.randomUUID(),
  gateId,
  at: new Date().toISOString(),
  subject: 'person',
  direction: 'in',
  decision: 'allowed',
});

/** The access matrix's cases for passes and gates (issue 4). */
export function accessCases(m: MatrixContext): Record<string, Case> {
  const { fx, next, created, today } = m;

  /** Gates in compounds A and B and a pass in each, made once by the matrix's m.desk. */
  let accessSetup: Promise<{ gateA: number; gateB: number; passA: number; passB: number }> | null = null;
  function accessFx(): Promise<{ gateA: number; gateB: number; passA: number; passB: number }> {
    accessSetup ??= (async () => ({
      gateA: (await created(await m.desk.post('/api/access/gates', { name: '矩阵东门', kind: 'gate', placeId: m.tree.compoundA }), 'gate A')).id,
      gateB: (await created(await m.desk.post('/api/access/gates', { name: '矩阵西门', kind: 'gate', placeId: m.tree.compoundB }), 'gate B')).id,
      passA: (await created(await m.desk.post('/api/access/passes', { kind: 'health_pass', residentId: fx.residentA }), 'pass A')).id,
      passB: (await created(await m.desk.post('/api/access/passes', { kind: 'health_pass', residentId: fx.residentB }), 'pass B')).id,
    }))();
    return accessSetup;
  }

  return {
    // Issue 4: passes and gates.
    'GET /api/access/passes': {
      inScope: () => ({ method: 'GET', url: '/api/access/passes?status=all' }),
      outOfScope: () => ({ method: 'GET', url: `/api/access/passes?placeId=${m.tree.communityB}` }),
    },
    'POST /api/access/passes': {
      inScope: () => ({ method: 'POST', url: '/api/access/passes', body: { kind: 'health_pass', residentId: fx.residentA, validDays: 7 } }),
      outOfScope: () => ({ method: 'POST', url: '/api/access/passes', body: { kind: 'health_pass', residentId: fx.residentB, validDays: 7 } }),
    },
    'GET /api/access/passes/:id': {
      inScope: async () => ({ method: 'GET', url: `/api/access/passes/${(await accessFx()).passA}` }),
      outOfScope: async () => ({ method: 'GET', url: `/api/access/passes/${(await accessFx()).passB}` }),
    },
    'POST /api/access/passes/:id/revoke': {
      inScope: async () => {
        const p = await created(await m.desk.post('/api/access/passes', { kind: 'health_pass', residentId: fx.residentA }), 'pass');
        return { method: 'POST', url: `/api/access/passes/${p.id}/revoke`, body: { reason: '矩阵注销', version: p.version } };
      },
      outOfScope: async () => {
        const f = await accessFx();
        return {
          method: 'POST',
          url: `/api/access/passes/${f.passB}/revoke`,
          body: { reason: '越界', version: (await m.desk.get(`/api/access/passes/${f.passB}`)).json.version },
        };
      },
    },
    'POST /api/access/passes/:id/renew': {
      inScope: async () => {
        const f = await accessFx();
        return {
          method: 'POST',
          url: `/api/access/passes/${f.passA}/renew`,
          body: { validDays: 10, version: (await m.desk.get(`/api/access/passes/${f.passA}`)).json.version },
        };
      },
      outOfScope: async () => {
        const f = await accessFx();
        return {
          method: 'POST',
          url: `/api/access/passes/${f.passB}/renew`,
          body: { validDays: 10, version: (await m.desk.get(`/api/access/passes/${f.passB}`)).json.version },
        };
      },
    },
    'GET /api/access/my-passes': { inScope: () => ({ method: 'GET', url: '/api/access/my-passes' }) },
    'GET /api/access/gates': { inScope: () => ({ method: 'GET', url: '/api/access/gates' }) },
    'POST /api/access/gates': {
      inScope: () => ({ method: 'POST', url: '/api/access/gates', body: { name: `矩阵门${next()}`, kind: 'gate', placeId: m.tree.compoundA } }),
      outOfScope: () => ({ method: 'POST', url: '/api/access/gates', body: { name: `越界门${next()}`, kind: 'gate', placeId: m.tree.compoundB } }),
    },
    'POST /api/access/gates/:id/tokens': {
      inScope: async () => ({ method: 'POST', url: `/api/access/gates/${(await accessFx()).gateA}/tokens`, body: { expiresInDays: 30 } }),
      outOfScope: async () => ({ method: 'POST', url: `/api/access/gates/${(await accessFx()).gateB}/tokens`, body: {} }),
    },
    'GET /api/access/gate/lists': { inScope: () => ({ method: 'GET', url: '/api/access/gate/lists?revocationsSince=0' }) },
    'POST /api/access/gate/verify': {
      inScope: async () => {
        const f = await accessFx();
        return { method: 'POST', url: '/api/access/gate/verify', body: { gateId: f.gateA, plate: '鲁E12345' } };
      },
      outOfScope: async () => ({ method: 'POST', url: '/api/access/gate/verify', body: { gateId: (await accessFx()).gateB, plate: '鲁E12345' } }),
    },
    'POST /api/access/gate/events': {
      inScope: async () => ({ method: 'POST', url: '/api/access/gate/events', body: gateEvent((await accessFx()).gateA) }),
      outOfScope: async () => ({ method: 'POST', url: '/api/access/gate/events', body: gateEvent((await accessFx()).gateB) }),
    },
    'POST /api/access/gate/events/sync': {
      inScope: async () => ({
        method: 'POST',
        url: '/api/access/gate/events/sync',
        body: { events: [gateEvent((await accessFx()).gateA), gateEvent((await accessFx()).gateA)] },
      }),
      outOfScope: async () => ({ method: 'POST', url: '/api/access/gate/events/sync', body: { events: [gateEvent((await accessFx()).gateB)] } }),
    },
    'GET /api/access/figures.xlsx': {
      inScope: () => ({ method: 'GET', url: `/api/access/figures.xlsx?from=${today()}&to=${today()}` }),
      outOfScope: async () => ({ method: 'GET', url: `/api/access/figures.xlsx?from=${today()}&to=${today()}&gateId=${(await accessFx()).gateB}` }),
    },
    'GET /api/access/events': {
      inScope: () => ({ method: 'GET', url: `/api/access/events?from=${today()}&to=${today()}` }),
      outOfScope: async () => ({ method: 'GET', url: `/api/access/events?from=${today()}&to=${today()}&gateId=${(await accessFx()).gateB}` }),
    },
    'GET /api/access/figures': {
      inScope: () => ({ method: 'GET', url: `/api/access/figures?from=${today()}&to=${today()}` }),
      outOfScope: async () => ({ method: 'GET', url: `/api/access/figures?from=${today()}&to=${today()}&gateId=${(await accessFx()).gateB}` }),
    },
  };
}

/** Hand-written: see SensitiveRoutes in test-support/access-matrix.ts. */
export const sensitive: SensitiveRoutes = {
  'GET /api/access/figures.xlsx': ['center_coordinator', 'department_coordinator', 'community_staff', 'station_staff', 'auditor'],
  // Issue passes and gate device tokens.
  'POST /api/access/passes': ['center_coordinator', 'department_coordinator', 'community_staff', 'station_staff'],
  'POST /api/access/gates/:id/tokens': ['center_coordinator', 'department_coordinator', 'community_staff', 'admin'],
};
