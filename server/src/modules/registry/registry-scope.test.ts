import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSmallTree, makeIdNumber, type SmallTree } from '../../test-support/fixtures.js';
import { userWith, type TestClient } from '../../test-support/http-client.js';
import { createTestPlatform, type TestPlatform } from '../../test-support/test-platform.js';

/**
 * Who sees what: a community's staff see their community, an employer's liaison that
 * employer's staff, a station's staff their compound. Anything else answers as if it did
 * not exist (404), never 403, so ids cannot be probed.
 */
let t: TestPlatform;
let admin: TestClient;
let auditor: TestClient;
let tree: SmallTree;
let compoundA2: number;
let dwellingA2: number;
let e1: number;
let e2: number;
const r: Record<string, any> = {};
let gridB: number;

beforeAll(async () => {
  t = await createTestPlatform();
  admin = await userWith(t.platform, t.app, ['admin'], { all: true }, 'scopeadmin');
  auditor = await userWith(t.platform, t.app, ['auditor'], {}, 'scopeauditor');
  tree = await buildSmallTree(admin);
  compoundA2 = (await admin.post('/api/places', { parentId: tree.communityA, type: 'compound', name: '石油小区' })).json.id;
  const building = (await admin.post('/api/places', { parentId: compoundA2, type: 'building', name: '9号楼' })).json.id;
  await admin.post(`/api/places/${building}/layout`, { stairwells: 1, floors: 1, flatsPerFloor: 2 });
  const stairwell = (await admin.get(`/api/places?parentId=${building}`)).json.items[0].id;
  dwellingA2 = (await admin.get(`/api/places?parentId=${stairwell}`)).json.items[0].id;
  e1 = (await admin.post('/api/employers', { name: '钻井一公司' })).json.id;
  e2 = (await admin.post('/api/employers', { name: '钻井二公司' })).json.id;
  const add = async (key: string, body: object) => {
    const res = await admin.post('/api/residents', body);
    if (res.status !== 201) throw new Error(JSON.stringify(res.json));
    r[key] = res.json;
  };
  await add('a1', { dwellingId: tree.dwellingsA[0], name: '甲一', idNumber: makeIdNumber('19800101', 11), phone: '13911110001', employerId: e1 });
  await add('a1family', { householdId: r.a1.householdId, name: '甲一家属', relation: 'spouse' });
  await add('a2', { dwellingId: tree.dwellingsA[1], name: '甲二', phone: '13911110002' });
  await add('a3', { dwellingId: dwellingA2, name: '甲三' });
  await add('b1', { dwellingId: tree.dwellingsB[0], name: '乙一', idNumber: makeIdNumber('19800101', 21), phone: '13922220001', employerId: e1 });
  await add('b2', { dwellingId: tree.dwellingsB[1], name: '乙二', idNumber: makeIdNumber('19800101', 31), phone: '13922220002', employerId: e2 });
  gridB = (await admin.post('/api/grids', { communityId: tree.communityB, name: '敬业一网格', gridWorkerUserId: null, buildingIds: [tree.buildingB] })).json.id;
  await admin.post('/api/grids', { communityId: tree.communityA, name: '荟萃一网格', gridWorkerUserId: null, buildingIds: [tree.buildingA] });
});
afterAll(() => t.close());

const names = (items: any[]) => items.map((x) => x.name).sort();

describe('a community worker', () => {
  let staff: TestClient;
  beforeAll(async () => {
    staff = await userWith(t.platform, t.app, ['community_staff'], { placeIds: [tree.communityA] }, 'huicui');
  });

  it('sees the way down to their community but none of the other community', async () => {
    expect(names((await staff.get('/api/places')).json.items)).toEqual(['西城协调中心']);
    expect(names((await staff.get(`/api/places?parentId=${tree.department}`)).json.items)).toEqual(['荟萃社区']);
    expect((await staff.get(`/api/places?parentId=${tree.communityB}`)).status).toBe(404);
    const other = await staff.get(`/api/places/${tree.compoundB}`);
    expect(other.status).toBe(404);
    expect(other.json.code).toBe('NOT_FOUND');
    const search = await staff.get(`/api/places/search?q=${encodeURIComponent('号楼')}`);
    expect(search.json.items.map((p: any) => p.name).sort()).toEqual(['3号楼', '9号楼']);
  });

  it('counts only the households and residents of their community', async () => {
    expect((await staff.get('/api/places?counts=true')).json.items[0]).toMatchObject({ households: 3, residents: 4 });
    expect((await staff.get(`/api/places/${tree.department}`)).json).toMatchObject({ households: 3, residents: 4 });
    expect((await admin.get(`/api/places/${tree.department}`)).json).toMatchObject({ households: 5, residents: 6 });
  });

  it('lists only the residents and households of their community', async () => {
    const list = await staff.get('/api/residents');
    expect(list.json.total).toBe(4);
    expect(names(list.json.items)).toEqual(['甲一', '甲一家属', '甲三', '甲二'].sort());
    const households = await staff.get('/api/households');
    expect(households.json.total).toBe(3);
    expect(households.json.items.every((h: any) => h.dwellingLabel.startsWith('荟萃社区'))).toBe(true);
    expect((await staff.get(`/api/residents?employerId=${e2}`)).json.total).toBe(0);
  });

  it("cannot find another community's resident by phone or ID number", async () => {
    expect((await staff.get('/api/residents?q=13922220001')).json.total).toBe(0);
    expect((await staff.get(`/api/residents?q=${makeIdNumber('19800101', 21)}`)).json.total).toBe(0);
    expect((await admin.get('/api/residents?q=13922220001')).json.total).toBe(1);
  });

  it("gets 404, not 403, for another community's resident on read, change, delete and reveal", async () => {
    const id = r.b1.id;
    const answers = [
      await staff.get(`/api/residents/${id}`),
      await staff.patch(`/api/residents/${id}`, { name: '被改了', version: 1 }),
      await staff.delete(`/api/residents/${id}`),
      await staff.post(`/api/residents/${id}/reveal`, { field: 'phone', reason: '好奇看看' }),
    ];
    expect(answers.map((a) => a.status)).toEqual([404, 404, 404, 404]);
    expect(answers.every((a) => a.json.code === 'NOT_FOUND')).toBe(true);
    const still = await admin.get(`/api/residents/${id}`);
    expect(still.json).toMatchObject({ name: '乙一', version: 1, reveals: [] });
    expect((await auditor.get(`/api/audit?entityType=resident&entityId=${id}`)).json.items.map((a: any) => a.action)).toEqual(['registry.resident.create']);
  });

  it("gets 404 for another community's places, households and grids, and cannot add anything there", async () => {
    const hB = r.b2.householdId;
    const answers = {
      patchPlace: await staff.patch(`/api/places/${tree.compoundB}`, { name: '改名', version: 1 }),
      deletePlace: await staff.delete(`/api/places/${tree.dwellingsB[5]}`),
      layout: await staff.post(`/api/places/${tree.buildingB}/layout`, { stairwells: 1, floors: 1, flatsPerFloor: 1 }),
      addPlace: await staff.post('/api/places', { parentId: tree.compoundB, type: 'building', name: '偷建楼' }),
      head: await staff.put(`/api/places/${tree.buildingB}/building-head`, { residentId: r.b1.id }),
      addResidentAtFlat: await staff.post('/api/residents', { dwellingId: tree.dwellingsB[2], name: '外来' }),
      addResidentToHousehold: await staff.post('/api/residents', { householdId: hB, name: '外来' }),
      addHousehold: await staff.post('/api/households', { dwellingId: tree.dwellingsB[2] }),
      deleteHousehold: await staff.delete(`/api/households/${hB}`),
      listHouseholdsThere: await staff.get(`/api/households?placeId=${tree.communityB}`),
      listResidentsThere: await staff.get(`/api/residents?placeId=${tree.communityB}`),
      exportThere: await staff.get(`/api/residents/export.xlsx?placeId=${tree.communityB}`),
      gridsThere: await staff.get(`/api/grids?communityId=${tree.communityB}`),
      addGridThere: await staff.post('/api/grids', { communityId: tree.communityB, name: '越界网格', gridWorkerUserId: null, buildingIds: [] }),
      takeGrid: await staff.put(`/api/grids/${gridB}`, { communityId: tree.communityA, name: '抢来的网格', gridWorkerUserId: null, buildingIds: [] }),
      deleteGrid: await staff.delete(`/api/grids/${gridB}`),
    };
    const statuses = Object.fromEntries(Object.entries(answers).map(([k, v]) => [k, v.status]));
    expect(statuses).toEqual(Object.fromEntries(Object.keys(answers).map((k) => [k, 404])));
    expect(names((await staff.get('/api/grids')).json.items)).toEqual(['荟萃一网格']);
    const grid = (await admin.get(`/api/grids?communityId=${tree.communityB}`)).json.items;
    expect(grid).toEqual([expect.objectContaining({ id: gridB, name: '敬业一网格', buildings: [expect.objectContaining({ id: tree.buildingB })] })]);
    expect((await admin.get(`/api/places/${tree.communityB}`)).json).toMatchObject({ households: 2, residents: 2, childCount: 1 });
  });

  it('manages what is under their community but not the community itself', async () => {
    const own = await staff.patch(`/api/places/${tree.communityA}`, { name: '荟萃新社区', version: 1 });
    expect(own.status).toBe(403);
    const compound = await staff.patch(`/api/places/${compoundA2}`, { name: '石油新村', version: 1 });
    expect(compound.status).toBe(200);
    expect((await staff.get(`/api/places/${tree.communityA}`)).json.actions).not.toContain('update');
  });
});

describe("an employer's liaison", () => {
  let liaison: TestClient;
  beforeAll(async () => {
    liaison = await userWith(t.platform, t.app, ['employer_liaison'], { employerIds: [e1] }, 'drillliaison');
  });

  it("sees the employer's employees in every community, masked, and no one else", async () => {
    const list = await liaison.get('/api/residents');
    expect(list.status).toBe(200);
    expect(names(list.json.items)).toEqual(['乙一', '甲一'].sort());
    expect(list.json.items.map((x: any) => x.phoneMasked).sort()).toEqual(['*******0001', '*******0001']);
    expect(list.json.items.every((x: any) => x.actions.length === 0)).toBe(true);
    expect(list.body.toString()).not.toContain('13911110001');
    expect((await liaison.get(`/api/residents/${r.a1.id}`)).status).toBe(200);
    expect((await liaison.get(`/api/residents/${r.a2.id}`)).status).toBe(404);
    expect((await liaison.get(`/api/residents/${r.b2.id}`)).status).toBe(404);
    expect((await liaison.get('/api/residents?q=13922220002')).json.total).toBe(0);
  });

  it("does not see the rest of an employee's household", async () => {
    const detail = await liaison.get(`/api/residents/${r.a1.id}`);
    expect(detail.json.household.members.map((m: any) => m.name)).toEqual(['甲一']);
    expect(detail.body.toString()).not.toContain('甲一家属');
    const forStaff = await admin.get(`/api/residents/${r.a1.id}`);
    expect(forStaff.json.household.members.map((m: any) => m.name)).toEqual(['甲一', '甲一家属']);
  });

  it('can neither reveal, change nor look at households and places', async () => {
    expect((await liaison.post(`/api/residents/${r.a1.id}/reveal`, { field: 'phone', reason: '联系职工' })).status).toBe(403);
    expect((await liaison.patch(`/api/residents/${r.a1.id}`, { name: 'x', version: 1 })).status).toBe(403);
    expect((await liaison.get('/api/households')).status).toBe(403);
    expect((await liaison.get('/api/places')).status).toBe(403);
    expect((await liaison.get('/api/residents/export.xlsx')).status).toBe(403);
  });

  it('sees only their own employer', async () => {
    expect((await liaison.get('/api/employers')).json.items.map((e: any) => e.id)).toEqual([e1]);
    expect((await liaison.get(`/api/employers/${e1}`)).status).toBe(200);
    expect((await liaison.get(`/api/employers/${e2}`)).status).toBe(404);
  });
});

describe('a station worker scoped to one compound', () => {
  let station: TestClient;
  beforeAll(async () => {
    station = await userWith(t.platform, t.app, ['station_staff'], { placeIds: [tree.compoundA] }, 'jiangong');
  });

  it('sees only that compound below the community', async () => {
    expect(names((await station.get(`/api/places?parentId=${tree.communityA}`)).json.items)).toEqual(['建工小区']);
    expect((await station.get(`/api/places/${compoundA2}`)).status).toBe(404);
    expect((await station.get(`/api/places/${tree.communityA}`)).json).toMatchObject({ households: 2, residents: 3 });
  });

  it('lists and changes only the residents of that compound', async () => {
    const list = await station.get('/api/residents');
    expect(names(list.json.items)).toEqual(['甲一', '甲一家属', '甲二'].sort());
    expect((await station.get('/api/households')).json.total).toBe(2);
    for (const res of [
      await station.get(`/api/residents/${r.a3.id}`),
      await station.patch(`/api/residents/${r.a3.id}`, { name: '改', version: 1 }),
      await station.delete(`/api/residents/${r.a3.id}`),
      await station.post(`/api/residents/${r.a3.id}/reveal`, { field: 'idNumber', reason: '核对身份' }),
      await station.post('/api/residents', { dwellingId: dwellingA2, name: '外来' }),
    ]) {
      expect(res.status).toBe(404);
    }
    const own = await station.patch(`/api/residents/${r.a2.id}`, { note: '已走访', version: 1 });
    expect(own.status).toBe(200);
    expect(own.json.note).toBe('已走访');
  });

  it('sees the grids of its community but may not change them', async () => {
    const grids = await station.get(`/api/grids?communityId=${tree.communityA}`);
    expect(names(grids.json.items)).toEqual(['荟萃一网格']);
    expect(grids.json.items[0].actions).toEqual([]);
    expect((await station.get(`/api/grids?communityId=${tree.communityB}`)).status).toBe(404);
  });
});
