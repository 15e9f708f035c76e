import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSmallTree, makeIdNumber, type SmallTree } from '../../test-support/fixtures.js';
import { userWith, type TestClient } from '../../test-support/http-client.js';
import { createTestPlatform, type TestPlatform } from '../../test-support/test-platform.js';

let t: TestPlatform;
let admin: TestClient;
let tree: SmallTree;

beforeAll(async () => {
  t = await createTestPlatform();
  admin = await userWith(t.platform, t.app, ['admin'], { all: true }, 'headadmin');
  tree = await buildSmallTree(admin);
});
afterAll(() => t.close());

describe("a building's head and grid", () => {
  it('shows the building head and the grid with its worker on the building page', async () => {
    const worker = await userWith(t.platform, t.app, ['community_staff'], { placeIds: [tree.communityA] }, 'gridworker');
    const grid = await admin.post('/api/grids', {
      communityId: tree.communityA,
      name: '第一网格',
      gridWorkerUserId: worker.userId,
      buildingIds: [tree.buildingA],
    });
    expect(grid.status).toBe(201);
    const r = await admin.post('/api/residents', { dwellingId: tree.dwellingsA[0], name: '楼长老李', idNumber: makeIdNumber('19600505', 15) });
    expect((await admin.put(`/api/places/${tree.buildingA}/building-head`, { residentId: r.json.id })).status).toBe(200);
    const page = await admin.get(`/api/places/${tree.buildingA}`);
    expect(page.json.buildingHead).toEqual({ residentId: r.json.id, name: '楼长老李' });
    expect(page.json.grid).toMatchObject({ name: '第一网格', gridWorkerName: 'gridworker' });
    expect((await admin.get(`/api/places/${tree.compoundA}`)).json).toMatchObject({ buildingHead: null, grid: null });
  });

  it('refuses a building head who lives in another building, and changes nothing', async () => {
    const elsewhere = await admin.post('/api/residents', { dwellingId: tree.dwellingsB[0], name: '别楼居民' });
    const refused = await admin.put(`/api/places/${tree.buildingA}/building-head`, { residentId: elsewhere.json.id });
    expect(refused.status).toBe(400);
    expect(refused.json).toMatchObject({ code: 'REGISTRY_HEAD_NOT_IN_BUILDING', errors: [{ path: 'residentId' }] });
    expect((await admin.get(`/api/places/${tree.buildingA}`)).json.buildingHead.name).toBe('楼长老李');
  });
});
