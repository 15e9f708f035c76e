import type { Case, MatrixContext, SensitiveRoutes } from '../../test-support/access-matrix.js';
import { makeIdNumber } from '../../test-support/fixtures.js';

/** The access matrix's cases for returning people: requests and their steps, declarations, residents' own requests, figures, settings. */
export function accessCases(m: MatrixContext): Record<string, Case> {
  const { t, fx, ix, next, nextAddress, created, today, trip, freshId, phoneFixtures } = m;

  const newPerson = (dwellingId: number) => ({
    name: `返程${next()}`,
    idNumber: makeIdNumber('19850101', 100 + (next() % 800)),
    phone: `1360000${String(next()).padStart(4, '0')}`,
    dwellingId,
  });
  /** A return request of employer A (or B) brought to a status by the fixture users. */
  async function requestAt(status: 'submitted' | 'routed' | 'approved' | 'rejected' | 'withdrawn', side: 'A' | 'B' = 'A', routeTo?: number) {
    const dwelling = side === 'A' ? m.tree.dwellingsA[next() % m.tree.dwellingsA.length]! : m.tree.dwellingsB[next() % m.tree.dwellingsB.length]!;
    let r = await created(
      await ix.coord!.post('/api/inbound/requests', {
        ...newPerson(dwelling),
        idNumber: freshId(),
        employerId: side === 'A' ? fx.employerA : fx.employerB,
        ...trip(),
      }),
      'request',
    );
    if (status === 'submitted') return r;
    if (status === 'withdrawn')
      return created(await ix.coord!.post(`/api/inbound/requests/${r.id}/withdraw`, { reason: '行程推迟', version: r.version }), 'withdraw');
    const community = routeTo ?? (side === 'A' ? m.tree.communityA : m.tree.communityB);
    r = await created(await ix.coord!.post(`/api/inbound/requests/${r.id}/route`, { communityId: community, reason: '矩阵', version: r.version }), 'route');
    if (status === 'routed') return r;
    const reviewer = community === m.tree.communityA ? ix.staffA! : ix.staffB!;
    if (status === 'rejected')
      return created(await reviewer.post(`/api/inbound/requests/${r.id}/reject`, { reason: '材料不全', version: r.version }), 'reject');
    return created(
      await reviewer.post(`/api/inbound/requests/${r.id}/approve`, { measure: { kind: 'home_observation', days: 14 }, version: r.version }),
      'approve',
    );
  }
  /** A declaration made from an address of its own (the public form is rate-limited per address). */
  async function declaration() {
    const payload = {
      name: `申报${next()}`,
      idNumber: freshId(),
      phone: `1350000${String(next()).padStart(4, '0')}`,
      communityId: m.tree.communityA,
      address: '建工小区',
      ...trip(),
    };
    const res = await t.app.inject({ method: 'POST', url: '/api/inbound/declarations', payload, remoteAddress: nextAddress() });
    return created({ status: res.statusCode, json: res.json() }, 'declaration');
  }
  /** An approved online declaration with its tracking pass. */
  async function approvedDeclaration() {
    const d = await declaration();
    let r = (await ix.coord!.get(`/api/inbound/requests/${d.id}`)).json;
    r = await created(await ix.coord!.post(`/api/inbound/requests/${r.id}/route`, { version: r.version }), 'route');
    await created(
      await ix.staffA!.post(`/api/inbound/requests/${r.id}/approve`, { measure: { kind: 'home_observation', days: 14 }, version: r.version }),
      'approve',
    );
    return d.trackingToken as string;
  }

  m.setup(async () => {
    (fx as Record<string, unknown>).trackingToken = (await declaration()).trackingToken;
  });

  return {
    'GET /api/inbound/requests': { inScope: () => ({ method: 'GET', url: '/api/inbound/requests?queue=all' }) },
    'POST /api/inbound/requests': {
      inScope: () => ({ method: 'POST', url: '/api/inbound/requests', body: { ...newPerson(m.tree.dwellingsA[0]!), idNumber: freshId(), ...trip() } }),
      outOfScope: (c) =>
        c.role === 'employer_liaison'
          ? { method: 'POST', url: '/api/inbound/requests', body: { residentId: fx.residentB, ...trip() } }
          : { method: 'POST', url: '/api/inbound/requests', body: { ...newPerson(m.tree.dwellingsB[0]!), idNumber: freshId(), ...trip() } },
    },
    'GET /api/inbound/requests/:id': {
      inScope: async () => ({ method: 'GET', url: `/api/inbound/requests/${(await requestAt('submitted')).id}` }),
      outOfScope: async () => ({ method: 'GET', url: `/api/inbound/requests/${(await requestAt('submitted', 'B')).id}` }),
    },
    'POST /api/inbound/requests/:id/route': {
      inScope: async () => {
        const r = await requestAt('submitted');
        return { method: 'POST', url: `/api/inbound/requests/${r.id}/route`, body: { version: r.version } };
      },
      outOfScope: async () => {
        const r = await requestAt('submitted', 'B');
        return { method: 'POST', url: `/api/inbound/requests/${r.id}/route`, body: { version: r.version } };
      },
    },
    'POST /api/inbound/requests/:id/reroute': {
      inScope: async () => {
        const r = await requestAt('routed', 'A', m.tree.communityB);
        return {
          method: 'POST',
          url: `/api/inbound/requests/${r.id}/reroute`,
          body: { communityId: m.tree.communityA, reason: '实际住在荟萃', version: r.version },
        };
      },
      outOfScope: async () => {
        const r = await requestAt('routed', 'B');
        return { method: 'POST', url: `/api/inbound/requests/${r.id}/reroute`, body: { communityId: m.tree.communityA, reason: '越界', version: r.version } };
      },
    },
    'POST /api/inbound/requests/:id/approve': {
      inScope: async () => {
        const r = await requestAt('routed');
        return { method: 'POST', url: `/api/inbound/requests/${r.id}/approve`, body: { measure: { kind: 'home_observation', days: 14 }, version: r.version } };
      },
      outOfScope: async () => {
        const r = await requestAt('routed', 'B');
        return { method: 'POST', url: `/api/inbound/requests/${r.id}/approve`, body: { measure: { kind: 'home_observation', days: 14 }, version: r.version } };
      },
    },
    'POST /api/inbound/requests/:id/reject': {
      inScope: async () => {
        const r = await requestAt('routed');
        return { method: 'POST', url: `/api/inbound/requests/${r.id}/reject`, body: { reason: '材料不全', version: r.version } };
      },
      outOfScope: async () => {
        const r = await requestAt('routed', 'B');
        return { method: 'POST', url: `/api/inbound/requests/${r.id}/reject`, body: { reason: '材料不全', version: r.version } };
      },
    },
    'POST /api/inbound/requests/:id/notified': {
      inScope: async () => {
        const r = await requestAt('approved');
        return { method: 'POST', url: `/api/inbound/requests/${r.id}/notified`, body: { version: r.version } };
      },
      outOfScope: async () => {
        const r = await requestAt('approved', 'B');
        return { method: 'POST', url: `/api/inbound/requests/${r.id}/notified`, body: { version: r.version } };
      },
    },
    'POST /api/inbound/requests/:id/withdraw': {
      inScope: async () => {
        const r = await requestAt('submitted');
        return { method: 'POST', url: `/api/inbound/requests/${r.id}/withdraw`, body: { reason: '行程推迟', version: r.version } };
      },
      outOfScope: async () => {
        const r = await requestAt('submitted', 'B');
        return { method: 'POST', url: `/api/inbound/requests/${r.id}/withdraw`, body: { reason: '行程推迟', version: r.version } };
      },
    },
    'POST /api/inbound/requests/:id/resubmit': {
      inScope: async () => {
        const r = await requestAt('withdrawn');
        return { method: 'POST', url: `/api/inbound/requests/${r.id}/resubmit`, body: { version: r.version } };
      },
      outOfScope: async () => {
        const r = await requestAt('withdrawn', 'B');
        return { method: 'POST', url: `/api/inbound/requests/${r.id}/resubmit`, body: { version: r.version } };
      },
    },
    'POST /api/inbound/requests/:id/appeal': {
      inScope: async () => {
        const r = await requestAt('rejected');
        return { method: 'POST', url: `/api/inbound/requests/${r.id}/appeal`, body: { text: '补充核酸阴性证明', version: r.version } };
      },
      outOfScope: async () => {
        const r = await requestAt('rejected', 'B');
        return { method: 'POST', url: `/api/inbound/requests/${r.id}/appeal`, body: { text: '补充核酸阴性证明', version: r.version } };
      },
    },
    'POST /api/inbound/requests/:id/check-in': {
      inScope: async () => {
        const r = await requestAt('approved');
        return { method: 'POST', url: `/api/inbound/requests/${r.id}/check-in`, body: { method: 'manual', version: r.version } };
      },
      outOfScope: async () => {
        const r = await requestAt('approved', 'B');
        return { method: 'POST', url: `/api/inbound/requests/${r.id}/check-in`, body: { method: 'manual', version: r.version } };
      },
    },
    'GET /api/inbound/requests/:id/notice': {
      inScope: async () => ({ method: 'GET', url: `/api/inbound/requests/${(await requestAt('approved')).id}/notice` }),
      outOfScope: async () => ({ method: 'GET', url: `/api/inbound/requests/${(await requestAt('approved', 'B')).id}/notice` }),
    },
    'POST /api/inbound/scan': {
      inScope: async () => {
        const r = await requestAt('approved');
        const notice = (await ix.staffA!.get(`/api/inbound/requests/${r.id}/notice`)).json;
        return { method: 'POST', url: '/api/inbound/scan', body: { token: notice.token } };
      },
    },
    'GET /api/inbound/places': { inScope: () => ({ method: 'GET', url: `/api/inbound/places?parentId=${m.tree.buildingA}` }) },
    'GET /api/inbound/figures': { inScope: () => ({ method: 'GET', url: `/api/inbound/figures?from=${today()}&to=${today()}&by=employer` }) },
    'GET /api/inbound/figures.xlsx': { inScope: () => ({ method: 'GET', url: `/api/inbound/figures.xlsx?from=${today()}&to=${today()}&by=community` }) },
    'GET /api/inbound/settings': { inScope: () => ({ method: 'GET', url: '/api/inbound/settings' }) },
    'PUT /api/inbound/settings/:id': {
      inScope: () => ({
        method: 'PUT',
        url: `/api/inbound/settings/${m.tree.communityA}`,
        body: { routeMinutes: 15, reviewMinutes: 45, notifyMinutes: 120, arrivalGraceDays: 1, defaultObservationDays: 14 },
      }),
      outOfScope: () => ({
        method: 'PUT',
        url: `/api/inbound/settings/${m.tree.communityB}`,
        body: { routeMinutes: 15, reviewMinutes: 45, notifyMinutes: 120, arrivalGraceDays: 1, defaultObservationDays: 14 },
      }),
    },
    'GET /api/inbound/declaration/communities': {
      inScope: () => ({ method: 'GET', url: '/api/inbound/declaration/communities', remoteAddress: nextAddress() }),
    },
    'POST /api/inbound/declarations': {
      inScope: () => ({
        method: 'POST',
        url: '/api/inbound/declarations',
        body: {
          name: `申报${next()}`,
          idNumber: freshId(),
          phone: `1350000${String(next()).padStart(4, '0')}`,
          communityId: m.tree.communityA,
          address: '建工小区3号楼',
          ...trip(),
        },
        remoteAddress: nextAddress(),
      }),
    },
    'GET /api/inbound/declarations/status': {
      inScope: async () => ({
        method: 'GET',
        url: `/api/inbound/declarations/status?token=${encodeURIComponent(fx.trackingToken as unknown as string)}`,
        remoteAddress: nextAddress(),
      }),
    },
    'POST /api/inbound/declarations/self-report': {
      inScope: async () => ({
        method: 'POST',
        url: '/api/inbound/declarations/self-report',
        body: { token: await approvedDeclaration() },
        remoteAddress: nextAddress(),
      }),
    },
    'GET /api/inbound/mine': { inScope: () => ({ method: 'GET', url: '/api/inbound/mine' }) },
    // Residents only act on their own requests: a staff user finds none.
    'POST /api/inbound/mine/:id/self-report': {
      // Staff are let in ('user') and simply find nothing; a resident reports their own arrival, never a neighbour's.
      inScope: async (c) => ({ method: 'POST', url: `/api/inbound/mine/${c.role === 'phone_resident' ? (await phoneFixtures()).myRequest : 1}/self-report` }),
      ok: (c) => (c.role === 'phone_resident' ? [200] : [404]),
      outOfScope: async () => ({ method: 'POST', url: `/api/inbound/mine/${(await phoneFixtures()).neighbourRequest}/self-report` }),
    },
  };
}

/** Hand-written: see SensitiveRoutes in test-support/access-matrix.ts. */
export const sensitive: SensitiveRoutes = {
  'GET /api/inbound/figures.xlsx': ['center_coordinator', 'department_coordinator', 'community_staff', 'station_staff', 'employer_liaison'],
  // Approve or refuse a return: the residents' committee (居委会) alone.
  'POST /api/inbound/requests/:id/approve': ['community_staff'],
  'POST /api/inbound/requests/:id/reject': ['community_staff'],
};
