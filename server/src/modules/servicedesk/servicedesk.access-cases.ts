import { queryOne, sql } from '../../platform/db/database.js';
import type { Case, MatrixContext, SensitiveRoutes } from '../../test-support/access-matrix.js';
import { complaintCategory, PNG_1PX, repairCategory } from '../../test-support/servicedesk.js';
import { multipartFile } from '../../test-support/workbooks.js';

/** The access matrix's cases for the service desk: categories, teams, orders, residents' own orders, figures, breaches. */
export function accessCases(m: MatrixContext): Record<string, Case> {
  const { t, fx, next, created, phoneFixtures } = m;

  /** A fresh order in community A or B, filed by the matrix's m.desk. */
  async function sdOrder(where: 'A' | 'B'): Promise<number> {
    const dwelling = (where === 'A' ? m.tree.dwellingsA : m.tree.dwellingsB)[2];
    return (
      await created(await m.desk.post('/api/servicedesk/orders', { categoryId: fx.sdCat, description: `矩阵工单${next()}`, dwellingId: dwelling }), 'order')
    ).id;
  }

  /** A fresh missed limit on the record, in community A or B, held by the given user. */
  async function sdBreach(where: 'A' | 'B', holder: number | null): Promise<number> {
    const order = where === 'A' ? fx.sdOrderA! : fx.sdOrderB!;
    const row = await queryOne<{ id: number }>(
      t.platform.db,
      sql`INSERT INTO sd_breaches (order_id, stage, round, due_at, detected_at, holder_user_id, team_id, place_path)
          SELECT id, 'accept', ${next()}, now(), now(), ${holder}, team_id, place_path FROM sd_orders WHERE id = ${order} RETURNING id`,
    );
    return row!.id;
  }

  m.setup(async () => {
    const { desk, tree } = m;
    fx.sdTeamA = (
      await created(await desk.post('/api/servicedesk/teams', { name: '矩阵维修班', placeId: tree.communityA, leaderUserId: null, memberUserIds: [] }), 'team')
    ).id;
    fx.sdTeamB = (
      await created(await desk.post('/api/servicedesk/teams', { name: '矩阵敬业班', placeId: tree.communityB, leaderUserId: null, memberUserIds: [] }), 'team')
    ).id;
    // Each community's team answers for the category in its own community.
    fx.sdCat = (await created(await desk.post('/api/servicedesk/categories', repairCategory('matrix.leak', [fx.sdTeamA!, fx.sdTeamB!])), 'category')).id;
    await created(await desk.post('/api/servicedesk/categories', complaintCategory('matrix.complaint', fx.sdTeamA)), 'category');
    fx.sdOrderA = await sdOrder('A');
    fx.sdOrderB = await sdOrder('B');
    for (const [key, order] of [
      ['sdPhotoA', fx.sdOrderA],
      ['sdPhotoB', fx.sdOrderB],
    ] as const) {
      const file = multipartFile('leak.png', PNG_1PX);
      fx[key] = (
        await created(await desk.request('POST', `/api/servicedesk/orders/${order}/photos`, file.payload, { 'content-type': file.contentType }), 'photo')
      ).id;
    }
  });

  return {
    // The service m.desk. Orders are made fresh where an action uses them up.
    'GET /api/servicedesk/categories': { inScope: () => ({ method: 'GET', url: '/api/servicedesk/categories' }) },
    'POST /api/servicedesk/categories': {
      inScope: () => ({ method: 'POST', url: '/api/servicedesk/categories', body: repairCategory(`matrix.${next()}`, fx.sdTeamA!) }),
    },
    'PUT /api/servicedesk/categories/:id': {
      inScope: async () => {
        const v = (await m.admin.get('/api/servicedesk/categories')).json.items.find((c: any) => c.id === fx.sdCat).version;
        return {
          method: 'PUT',
          url: `/api/servicedesk/categories/${fx.sdCat}`,
          body: { ...repairCategory('matrix.leak', [fx.sdTeamA!, fx.sdTeamB!]), version: v },
        };
      },
    },
    'GET /api/servicedesk/teams': { inScope: () => ({ method: 'GET', url: '/api/servicedesk/teams' }) },
    'POST /api/servicedesk/teams': {
      inScope: () => ({
        method: 'POST',
        url: '/api/servicedesk/teams',
        body: { name: `矩阵班组${next()}`, placeId: m.tree.communityA, leaderUserId: null, memberUserIds: [] },
      }),
      outOfScope: () => ({
        method: 'POST',
        url: '/api/servicedesk/teams',
        body: { name: `矩阵班组${next()}`, placeId: m.tree.communityB, leaderUserId: null, memberUserIds: [] },
      }),
    },
    'PUT /api/servicedesk/teams/:id': {
      inScope: () => ({
        method: 'PUT',
        url: `/api/servicedesk/teams/${fx.sdTeamA}`,
        body: { name: '矩阵维修班', placeId: m.tree.communityA, leaderUserId: null, memberUserIds: [] },
      }),
      outOfScope: () => ({
        method: 'PUT',
        url: `/api/servicedesk/teams/${fx.sdTeamB}`,
        body: { name: '矩阵敬业班', placeId: m.tree.communityA, leaderUserId: null, memberUserIds: [] },
      }),
    },
    'GET /api/servicedesk/caller': { inScope: () => ({ method: 'GET', url: '/api/servicedesk/caller?phone=13911112222' }) },
    'GET /api/servicedesk/duplicates': {
      inScope: () => ({ method: 'GET', url: `/api/servicedesk/duplicates?categoryId=${fx.sdCat}&placeId=${m.tree.dwellingsA[0]}` }),
      outOfScope: () => ({ method: 'GET', url: `/api/servicedesk/duplicates?categoryId=${fx.sdCat}&placeId=${m.tree.dwellingsB[0]}` }),
    },
    'POST /api/servicedesk/orders': {
      inScope: () => ({
        method: 'POST',
        url: '/api/servicedesk/orders',
        body: { categoryId: fx.sdCat, description: '矩阵报修', dwellingId: m.tree.dwellingsA[1] },
      }),
      outOfScope: () => ({
        method: 'POST',
        url: '/api/servicedesk/orders',
        body: { categoryId: fx.sdCat, description: '矩阵报修', dwellingId: m.tree.dwellingsB[1] },
      }),
    },
    'GET /api/servicedesk/orders': {
      inScope: () => ({ method: 'GET', url: '/api/servicedesk/orders?status=all' }),
      outOfScope: () => ({ method: 'GET', url: `/api/servicedesk/orders?placeId=${m.tree.communityB}` }),
    },
    'GET /api/servicedesk/orders/:id': {
      inScope: () => ({ method: 'GET', url: `/api/servicedesk/orders/${fx.sdOrderA}` }),
      outOfScope: () => ({ method: 'GET', url: `/api/servicedesk/orders/${fx.sdOrderB}` }),
    },
    'POST /api/servicedesk/orders/:id/transitions': {
      inScope: async () => ({
        method: 'POST',
        url: `/api/servicedesk/orders/${await sdOrder('A')}/transitions`,
        body: { action: 'pause', reason: '等待住户在家', version: 1 },
      }),
      outOfScope: async () => ({
        method: 'POST',
        url: `/api/servicedesk/orders/${await sdOrder('B')}/transitions`,
        body: { action: 'pause', reason: '等待住户在家', version: 1 },
      }),
    },
    'POST /api/servicedesk/orders/:id/merge': {
      inScope: async () => ({ method: 'POST', url: `/api/servicedesk/orders/${await sdOrder('A')}/merge`, body: { intoId: fx.sdOrderA, version: 1 } }),
      outOfScope: async () => ({ method: 'POST', url: `/api/servicedesk/orders/${await sdOrder('B')}/merge`, body: { intoId: fx.sdOrderA, version: 1 } }),
    },
    'POST /api/servicedesk/orders/:id/photos': {
      inScope: async () => ({ method: 'POST', url: `/api/servicedesk/orders/${await sdOrder('A')}/photos`, upload: PNG_1PX }),
      outOfScope: async () => ({ method: 'POST', url: `/api/servicedesk/orders/${await sdOrder('B')}/photos`, upload: PNG_1PX }),
    },
    'GET /api/servicedesk/orders/:id/photos/:photoId': {
      inScope: () => ({ method: 'GET', url: `/api/servicedesk/orders/${fx.sdOrderA}/photos/${fx.sdPhotoA}` }),
      outOfScope: () => ({ method: 'GET', url: `/api/servicedesk/orders/${fx.sdOrderB}/photos/${fx.sdPhotoB}` }),
    },
    'GET /api/servicedesk/board': { inScope: () => ({ method: 'GET', url: '/api/servicedesk/board' }) },
    'GET /api/servicedesk/my-work': { inScope: () => ({ method: 'GET', url: '/api/servicedesk/my-work' }) },
    // Residents' own pages: only residents signed in by phone code (none of the staff roles).
    'GET /api/servicedesk/my/orders': { inScope: () => ({ method: 'GET', url: '/api/servicedesk/my/orders' }) },
    'POST /api/servicedesk/my/orders': {
      inScope: () => ({ method: 'POST', url: '/api/servicedesk/my/orders', body: { categoryId: fx.sdCat, description: '矩阵' } }),
    },
    // A resident's own order (a staff caller is refused before the id matters); out of scope: the neighbour's.
    'GET /api/servicedesk/my/orders/:id': {
      inScope: async (c) => ({
        method: 'GET',
        url: `/api/servicedesk/my/orders/${c.role === 'phone_resident' ? (await phoneFixtures()).myOrder : fx.sdOrderA}`,
      }),
      outOfScope: async () => ({ method: 'GET', url: `/api/servicedesk/my/orders/${(await phoneFixtures()).neighbourOrder}` }),
    },
    'POST /api/servicedesk/my/orders/:id/feedback': {
      inScope: async (c) => ({
        method: 'POST',
        url: `/api/servicedesk/my/orders/${c.role === 'phone_resident' ? (await phoneFixtures()).myResolvedOrder : fx.sdOrderA}/feedback`,
        body: { rating: 5 },
      }),
      outOfScope: async () => ({
        method: 'POST',
        url: `/api/servicedesk/my/orders/${(await phoneFixtures()).neighbourResolvedOrder}/feedback`,
        body: { rating: 1, reopen: true },
      }),
    },
    'POST /api/servicedesk/my/orders/:id/photos': {
      inScope: async (c) => ({
        method: 'POST',
        url: `/api/servicedesk/my/orders/${c.role === 'phone_resident' ? (await phoneFixtures()).myOrder : fx.sdOrderA}/photos`,
        upload: PNG_1PX,
      }),
      outOfScope: async () => ({ method: 'POST', url: `/api/servicedesk/my/orders/${(await phoneFixtures()).neighbourOrder}/photos`, upload: PNG_1PX }),
    },
    'GET /api/servicedesk/my/orders/:id/photos/:photoId': {
      inScope: async (c) => {
        const p = c.role === 'phone_resident' ? await phoneFixtures() : null;
        return {
          method: 'GET',
          url: p ? `/api/servicedesk/my/orders/${p.myOrder}/photos/${p.myPhoto}` : `/api/servicedesk/my/orders/${fx.sdOrderA}/photos/${fx.sdPhotoA}`,
        };
      },
      outOfScope: async () => {
        const p = await phoneFixtures();
        return { method: 'GET', url: `/api/servicedesk/my/orders/${p.neighbourOrder}/photos/${p.neighbourPhoto}` };
      },
    },
    'GET /api/servicedesk/figures': { inScope: () => ({ method: 'GET', url: '/api/servicedesk/figures?groupBy=community' }) },
    'GET /api/servicedesk/figures.xlsx': { inScope: () => ({ method: 'GET', url: '/api/servicedesk/figures.xlsx?groupBy=team' }) },
    'GET /api/servicedesk/breaches': { inScope: () => ({ method: 'GET', url: '/api/servicedesk/breaches' }) },
    'GET /api/servicedesk/breaches/summary': { inScope: () => ({ method: 'GET', url: '/api/servicedesk/breaches/summary' }) },
    'GET /api/servicedesk/breaches/export.xlsx': { inScope: () => ({ method: 'GET', url: '/api/servicedesk/breaches/export.xlsx' }) },
    'POST /api/servicedesk/breaches/:id/reason': {
      inScope: async (c) => ({ method: 'POST', url: `/api/servicedesk/breaches/${await sdBreach('A', c.userId)}/reason`, body: { reason: '交通堵塞' } }),
      outOfScope: async () => ({ method: 'POST', url: `/api/servicedesk/breaches/${await sdBreach('B', null)}/reason`, body: { reason: '交通堵塞' } }),
    },
    'POST /api/servicedesk/breaches/:id/review': {
      inScope: async () => ({ method: 'POST', url: `/api/servicedesk/breaches/${await sdBreach('A', null)}/review`, body: { verdict: 'excused' } }),
      outOfScope: async () => ({ method: 'POST', url: `/api/servicedesk/breaches/${await sdBreach('B', null)}/review`, body: { verdict: 'excused' } }),
    },
  };
}

/** Hand-written: see SensitiveRoutes in test-support/access-matrix.ts. */
export const sensitive: SensitiveRoutes = {
  'GET /api/servicedesk/figures.xlsx': ['center_coordinator', 'department_coordinator', 'community_staff', 'auditor'],
  'GET /api/servicedesk/breaches/export.xlsx': ['center_coordinator', 'department_coordinator', 'community_staff', 'auditor'],
};
