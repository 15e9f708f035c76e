import { queryOne, sql } from '../../platform/db/database.js';
import type { Case, MatrixContext, SensitiveRoutes } from '../../test-support/access-matrix.js';

/** The access matrix's cases for the registry: places, grids, employers, residents, households. */
export function accessCases(m: MatrixContext): Record<string, Case> {
  const { t, fx, next, created, freshPlace, freshResident, versionOf } = m;

  /** Place responses do not carry their version (yet), so it is read from the table. */
  const placeVersion = async (id: number) => (await queryOne<{ version: number }>(t.platform.db, sql`SELECT version FROM places WHERE id = ${id}`))!.version;

  m.setup(async () => {
    const { admin, tree } = m;
    fx.householdB = (await admin.post('/api/households', { dwellingId: tree.dwellingsB[1] })).json.id;
    fx.gridA = (
      await admin.post('/api/grids', { communityId: tree.communityA, name: '荟萃网格', gridWorkerUserId: null, buildingIds: [tree.buildingA] })
    ).json.id;
    fx.gridB = (
      await admin.post('/api/grids', { communityId: tree.communityB, name: '敬业网格', gridWorkerUserId: null, buildingIds: [tree.buildingB] })
    ).json.id;
  });

  return {
    'GET /api/places': {
      inScope: () => ({ method: 'GET', url: `/api/places?parentId=${m.tree.communityA}&counts=true` }),
      outOfScope: () => ({ method: 'GET', url: `/api/places?parentId=${m.tree.communityB}` }),
    },
    'GET /api/places/search': { inScope: () => ({ method: 'GET', url: `/api/places/search?q=${encodeURIComponent('号楼')}` }) },
    'GET /api/places/:id': {
      inScope: () => ({ method: 'GET', url: `/api/places/${m.tree.compoundA}` }),
      outOfScope: () => ({ method: 'GET', url: `/api/places/${m.tree.compoundB}` }),
    },
    'POST /api/places': {
      inScope: () => ({ method: 'POST', url: '/api/places', body: { parentId: m.tree.compoundA, type: 'building', name: `新楼${next()}` } }),
      outOfScope: () => ({ method: 'POST', url: '/api/places', body: { parentId: m.tree.compoundB, type: 'building', name: `新楼${next()}` } }),
    },
    'GET /api/places/import-template.xlsx': { inScope: () => ({ method: 'GET', url: '/api/places/import-template.xlsx' }) },
    'POST /api/places/branch': {
      inScope: () => ({
        method: 'POST',
        url: '/api/places/branch',
        body: { parentId: m.tree.compoundA, places: [{ parent: -1, type: 'building', name: `新楼${next()}` }] },
      }),
      outOfScope: () => ({
        method: 'POST',
        url: '/api/places/branch',
        body: { parentId: m.tree.compoundB, places: [{ parent: -1, type: 'building', name: `新楼${next()}` }] },
      }),
    },
    'PATCH /api/places/:id': {
      inScope: async () => ({
        method: 'PATCH',
        url: `/api/places/${m.tree.compoundA}`,
        body: { sortOrder: next(), version: await placeVersion(m.tree.compoundA) },
      }),
      outOfScope: async () => ({
        method: 'PATCH',
        url: `/api/places/${m.tree.compoundB}`,
        body: { sortOrder: 1, version: await placeVersion(m.tree.compoundB) },
      }),
    },
    'DELETE /api/places/:id': {
      inScope: async () => ({ method: 'DELETE', url: `/api/places/${await freshPlace(m.tree.compoundA)}` }),
      outOfScope: async () => ({ method: 'DELETE', url: `/api/places/${await freshPlace(m.tree.compoundB)}` }),
    },
    'POST /api/places/:id/layout': {
      inScope: async () => ({
        method: 'POST',
        url: `/api/places/${await freshPlace(m.tree.compoundA)}/layout`,
        body: { stairwells: 1, floors: 1, flatsPerFloor: 1 },
      }),
      outOfScope: async () => ({
        method: 'POST',
        url: `/api/places/${await freshPlace(m.tree.compoundB)}/layout`,
        body: { stairwells: 1, floors: 1, flatsPerFloor: 1 },
      }),
    },
    'PUT /api/places/:id/building-head': {
      inScope: () => ({ method: 'PUT', url: `/api/places/${m.tree.buildingA}/building-head`, body: { residentId: fx.residentA } }),
      outOfScope: () => ({ method: 'PUT', url: `/api/places/${m.tree.buildingB}/building-head`, body: { residentId: fx.residentB } }),
    },
    'GET /api/grids': {
      inScope: () => ({ method: 'GET', url: `/api/grids?communityId=${m.tree.communityA}` }),
      outOfScope: () => ({ method: 'GET', url: `/api/grids?communityId=${m.tree.communityB}` }),
    },
    'POST /api/grids': {
      inScope: () => ({
        method: 'POST',
        url: '/api/grids',
        body: { communityId: m.tree.communityA, name: `网格${next()}`, gridWorkerUserId: null, buildingIds: [] },
      }),
      outOfScope: () => ({
        method: 'POST',
        url: '/api/grids',
        body: { communityId: m.tree.communityB, name: `网格${next()}`, gridWorkerUserId: null, buildingIds: [] },
      }),
    },
    'PUT /api/grids/:id': {
      inScope: () => ({
        method: 'PUT',
        url: `/api/grids/${fx.gridA}`,
        body: { communityId: m.tree.communityA, name: '荟萃网格', gridWorkerUserId: null, buildingIds: [m.tree.buildingA] },
      }),
      outOfScope: () => ({
        method: 'PUT',
        url: `/api/grids/${fx.gridB}`,
        body: { communityId: m.tree.communityA, name: `夺来的网格${next()}`, gridWorkerUserId: null, buildingIds: [] },
      }),
    },
    'DELETE /api/grids/:id': {
      inScope: async () => {
        const g = await created(
          await m.admin.post('/api/grids', { communityId: m.tree.communityA, name: `待删网格${next()}`, gridWorkerUserId: null, buildingIds: [] }),
          'grid',
        );
        return { method: 'DELETE', url: `/api/grids/${g.id}` };
      },
      outOfScope: () => ({ method: 'DELETE', url: `/api/grids/${fx.gridB}` }),
    },

    // Employers are shared by the district; only a liaison is limited to their own.
    'GET /api/employers': { inScope: () => ({ method: 'GET', url: '/api/employers' }) },
    'GET /api/employers/:id': {
      inScope: () => ({ method: 'GET', url: `/api/employers/${fx.employerA}` }),
      outOfScope: () => ({ method: 'GET', url: `/api/employers/${fx.employerB}` }),
      scopedFor: (role) => role === 'employer_liaison',
    },
    'POST /api/employers': { inScope: () => ({ method: 'POST', url: '/api/employers', body: { name: `单位${next()}` } }) },
    'PATCH /api/employers/:id': { inScope: () => ({ method: 'PATCH', url: `/api/employers/${fx.employerA}`, body: { name: '钻井一公司' } }) },
    'DELETE /api/employers/:id': {
      inScope: async () => ({
        method: 'DELETE',
        url: `/api/employers/${(await created(await m.admin.post('/api/employers', { name: `待删单位${next()}` }), 'employer')).id}`,
      }),
    },

    'GET /api/residents': {
      inScope: () => ({ method: 'GET', url: '/api/residents' }),
      outOfScope: () => ({ method: 'GET', url: `/api/residents?placeId=${m.tree.communityB}` }),
    },
    'GET /api/residents/export.xlsx': {
      inScope: () => ({ method: 'GET', url: '/api/residents/export.xlsx' }),
      outOfScope: () => ({ method: 'GET', url: `/api/residents/export.xlsx?placeId=${m.tree.communityB}` }),
    },
    'GET /api/households/export.xlsx': {
      inScope: () => ({ method: 'GET', url: '/api/households/export.xlsx' }),
      outOfScope: () => ({ method: 'GET', url: `/api/households/export.xlsx?placeId=${m.tree.communityB}` }),
    },
    'GET /api/residents/import-template.xlsx': { inScope: () => ({ method: 'GET', url: '/api/residents/import-template.xlsx' }) },
    'POST /api/residents': {
      inScope: () => ({ method: 'POST', url: '/api/residents', body: { dwellingId: m.tree.dwellingsA[2], name: `新居民${next()}` } }),
      outOfScope: () => ({ method: 'POST', url: '/api/residents', body: { dwellingId: m.tree.dwellingsB[2], name: `新居民${next()}` } }),
    },
    'GET /api/residents/:id': {
      inScope: () => ({ method: 'GET', url: `/api/residents/${fx.residentA}` }),
      outOfScope: () => ({ method: 'GET', url: `/api/residents/${fx.residentB}` }),
    },
    'PATCH /api/residents/:id': {
      inScope: async () => ({
        method: 'PATCH',
        url: `/api/residents/${fx.residentA}`,
        body: { note: `走访${next()}`, version: await versionOf(`/api/residents/${fx.residentA}`) },
      }),
      outOfScope: async () => ({
        method: 'PATCH',
        url: `/api/residents/${fx.residentB}`,
        body: { note: '越界', version: await versionOf(`/api/residents/${fx.residentB}`) },
      }),
    },
    'DELETE /api/residents/:id': {
      inScope: async () => ({ method: 'DELETE', url: `/api/residents/${await freshResident(m.tree.dwellingsA[3]!)}` }),
      outOfScope: () => ({ method: 'DELETE', url: `/api/residents/${fx.residentB}` }),
    },
    'POST /api/residents/:id/reveal': {
      inScope: () => ({ method: 'POST', url: `/api/residents/${fx.residentA}/reveal`, body: { field: 'phone', reason: '电话随访' } }),
      outOfScope: () => ({ method: 'POST', url: `/api/residents/${fx.residentB}/reveal`, body: { field: 'phone', reason: '电话随访' } }),
    },
    'GET /api/me/household': { inScope: () => ({ method: 'GET', url: '/api/me/household' }) },
    'GET /api/households': {
      inScope: () => ({ method: 'GET', url: '/api/households' }),
      outOfScope: () => ({ method: 'GET', url: `/api/households?placeId=${m.tree.communityB}` }),
    },
    'POST /api/households': {
      inScope: () => ({ method: 'POST', url: '/api/households', body: { dwellingId: m.tree.dwellingsA[4] } }),
      outOfScope: () => ({ method: 'POST', url: '/api/households', body: { dwellingId: m.tree.dwellingsB[4] } }),
    },
    'DELETE /api/households/:id': {
      inScope: async () => ({
        method: 'DELETE',
        url: `/api/households/${(await created(await m.admin.post('/api/households', { dwellingId: m.tree.dwellingsA[5] }), 'household')).id}`,
      }),
      outOfScope: () => ({ method: 'DELETE', url: `/api/households/${fx.householdB}` }),
    },
  };
}

/** Hand-written: see SensitiveRoutes in test-support/access-matrix.ts. */
export const sensitive: SensitiveRoutes = {
  // Reveal an ID or phone number: the staff who serve that resident, never admins or auditors.
  'POST /api/residents/:id/reveal': ['center_coordinator', 'department_coordinator', 'community_staff', 'station_staff', 'health_worker'],
  'GET /api/residents/export.xlsx': ['center_coordinator', 'department_coordinator', 'community_staff', 'station_staff', 'admin'],
  'GET /api/households/export.xlsx': ['center_coordinator', 'department_coordinator', 'community_staff', 'station_staff', 'admin'],
};
