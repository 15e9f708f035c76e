import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryOne, sql } from '../../platform/db/database.js';
import { buildSmallTree, makeIdNumber, type SmallTree } from '../../test-support/fixtures.js';
import { userWith, type TestClient } from '../../test-support/http-client.js';
import { createTestPlatform, type TestPlatform } from '../../test-support/test-platform.js';

let t: TestPlatform;
let admin: TestClient;
let auditor: TestClient;
let tree: SmallTree;

beforeAll(async () => {
  t = await createTestPlatform();
  admin = await userWith(t.platform, t.app, ['admin'], { all: true }, 'placeadmin');
  auditor = await userWith(t.platform, t.app, ['auditor']);
  tree = await buildSmallTree(admin);
});
afterAll(() => t.close());

async function auditOf(action: string, entityId: number | string) {
  const r = await auditor.get(`/api/audit?action=${encodeURIComponent(action)}&entityId=${entityId}`);
  expect(r.status).toBe(200);
  return r.json.items as any[];
}

async function childrenOf(parentId: number, counts = false) {
  const r = await admin.get(`/api/places?parentId=${parentId}${counts ? '&counts=true' : ''}`);
  expect(r.status).toBe(200);
  return r.json.items as any[];
}

describe('the place tree', () => {
  it('shows a flat with its full address and the chain of places above it', async () => {
    const r = await admin.get(`/api/places/${tree.dwellingsA[0]}`);
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ type: 'dwelling', name: '101', label: '荟萃社区 建工小区 3号楼 1单元 101' });
    expect(r.json.ancestors.map((a: any) => a.type)).toEqual(['center', 'department', 'community', 'compound', 'building', 'stairwell']);
    const top = await admin.get('/api/places');
    expect(top.json.items.map((p: any) => p.name)).toEqual(['西城协调中心']);
  });

  it('refuses a place under a parent of the wrong type, in both languages', async () => {
    const r = await admin.post('/api/places', { parentId: tree.center, type: 'compound', name: '错位小区' });
    expect(r.status).toBe(400);
    expect(r.json.code).toBe('REGISTRY_PLACE_TYPE_NOT_ALLOWED');
    expect(r.json.messages).toEqual({
      'zh-CN': '“协调中心”下不能直接建立“小区”',
      'en-US': 'A compound cannot be placed directly under a coordination centre',
    });
    expect(r.json.title).toBe(r.json.messages['zh-CN']);
    const underBuilding = await admin.post('/api/places', { parentId: tree.buildingA, type: 'dwelling', name: '999' });
    expect(underBuilding.json.code).toBe('REGISTRY_PLACE_TYPE_NOT_ALLOWED');
    const underFlat = await admin.post('/api/places', { parentId: tree.dwellingsA[0], type: 'stairwell', name: '阁楼' });
    expect(underFlat.status).toBe(400);
    expect(underFlat.json.code).toBe('REGISTRY_PLACE_TYPE_NOT_ALLOWED');
    const root = await admin.post('/api/places', { parentId: null, type: 'community', name: '无上级社区' });
    expect(root.status).toBe(400);
    expect(root.json.code).toBe('REGISTRY_PLACE_ROOT_NOT_ALLOWED');
    expect((await childrenOf(tree.center)).map((p) => p.name)).toEqual(['文汇居民事务协调部']);
  });

  it('lets a station sit between a community and its compounds', async () => {
    const station = await admin.post('/api/places', { parentId: tree.communityA, type: 'station', name: '第一协调站' });
    expect(station.status).toBe(201);
    const compound = await admin.post('/api/places', { parentId: station.json.id, type: 'compound', name: '站下小区' });
    expect(compound.status).toBe(201);
    expect(compound.json).toMatchObject({ parentId: station.json.id, depth: 4, path: `${station.json.path}${compound.json.id}.` });
    expect(compound.json.actions).toEqual(expect.arrayContaining(['update', 'delete', 'addChild']));
  });

  it('refuses a second place of the same name under one parent, but not under another', async () => {
    const dup = await admin.post('/api/places', { parentId: tree.communityA, type: 'compound', name: '建工小区' });
    expect(dup.status).toBe(409);
    expect(dup.json.code).toBe('REGISTRY_PLACE_NAME_TAKEN');
    expect(dup.json.messages['zh-CN']).toContain('建工小区');
    const elsewhere = await admin.post('/api/places', { parentId: tree.communityB, type: 'compound', name: '建工小区' });
    expect(elsewhere.status).toBe(201);
    const rename = await admin.patch(`/api/places/${elsewhere.json.id}`, { name: '白云小区', version: 1 });
    expect(rename.status).toBe(409);
    expect(rename.json.code).toBe('REGISTRY_PLACE_NAME_TAKEN');
  });

  it('renames a place with its version, refuses a stale version, and audits the change', async () => {
    const c = await admin.post('/api/places', { parentId: tree.communityB, type: 'compound', name: '油田小区' });
    const ok = await admin.patch(`/api/places/${c.json.id}`, { name: '油田花园', version: 1 });
    expect(ok.status).toBe(200);
    expect(ok.json.name).toBe('油田花园');
    const stale = await admin.patch(`/api/places/${c.json.id}`, { name: '又改名了', version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.json.code).toBe('STALE_VERSION');
    expect((await admin.get(`/api/places/${c.json.id}`)).json.name).toBe('油田花园');
    const audit = await auditOf('registry.place.update', c.json.id);
    expect(audit).toHaveLength(1);
    expect(audit[0].before.name).toBe('油田小区');
    expect(audit[0].after.name).toBe('油田花园');
  });

  it('lays out an empty building as stairwells of flats named 101, 102, 201 …', async () => {
    const b = await admin.post('/api/places', { parentId: tree.compoundB, type: 'building', name: '7号楼' });
    const r = await admin.post(`/api/places/${b.json.id}/layout`, { stairwells: 2, floors: 3, flatsPerFloor: 2 });
    expect(r.status).toBe(201);
    expect(r.json).toEqual({ stairwells: 2, dwellings: 12 });
    const stairwells = await childrenOf(b.json.id);
    expect(stairwells.map((s) => s.name)).toEqual(['1单元', '2单元']);
    expect(stairwells.every((s) => s.type === 'stairwell' && s.childCount === 6)).toBe(true);
    const flats = await childrenOf(stairwells[1].id);
    expect(flats.map((f) => f.name)).toEqual(['101', '102', '201', '202', '301', '302']);
    expect(flats.map((f) => f.attrs.floor)).toEqual([1, 1, 2, 2, 3, 3]);
    expect(flats[0].label).toBe('敬业社区 白云小区 7号楼 2单元 101');

    const again = await admin.post(`/api/places/${b.json.id}/layout`, { stairwells: 1, floors: 1, flatsPerFloor: 1 });
    expect(again.status).toBe(409);
    expect(again.json.code).toBe('REGISTRY_BUILDING_NOT_EMPTY');
    expect(await childrenOf(b.json.id)).toHaveLength(2);
    const notBuilding = await admin.post(`/api/places/${tree.compoundB}/layout`, { stairwells: 1, floors: 1, flatsPerFloor: 1 });
    expect(notBuilding.status).toBe(400);
    expect(notBuilding.json.code).toBe('REGISTRY_NOT_A_BUILDING');
    expect(await auditOf('registry.place.applyLayout', b.json.id)).toHaveLength(1);
  });

  it('counts households and residents on every level of the tree', async () => {
    const first = await admin.post('/api/residents', { dwellingId: tree.dwellingsA[0], name: '计数甲', idNumber: makeIdNumber('19700101', 11) });
    await admin.post('/api/residents', { householdId: first.json.householdId, name: '计数乙', relation: 'spouse' });
    await admin.post('/api/residents', { dwellingId: tree.dwellingsA[1], name: '计数丙' });
    await admin.post('/api/residents', { dwellingId: tree.dwellingsB[0], name: '计数丁' });

    const communities = await childrenOf(tree.department, true);
    const byName = Object.fromEntries(communities.map((c) => [c.name, { households: c.households, residents: c.residents }]));
    expect(byName).toEqual({ 荟萃社区: { households: 2, residents: 3 }, 敬业社区: { households: 1, residents: 1 } });
    const top = await admin.get('/api/places?counts=true');
    expect(top.json.items[0]).toMatchObject({ households: 3, residents: 4 });
    const flats = await childrenOf((await childrenOf(tree.buildingA))[0].id, true);
    expect(flats.slice(0, 3).map((f) => [f.name, f.households, f.residents])).toEqual([
      ['101', 1, 2],
      ['102', 1, 1],
      ['201', 0, 0],
    ]);
    const detail = await admin.get(`/api/places/${tree.communityA}`);
    expect(detail.json).toMatchObject({ households: 2, residents: 3 });
    const withoutCounts = await childrenOf(tree.department);
    expect(withoutCounts.every((c) => c.households === 0 && c.residents === 0)).toBe(true);
  });

  it('refuses to delete a place that still has places or households under it', async () => {
    const building = await admin.delete(`/api/places/${tree.buildingA}`);
    expect(building.status).toBe(409);
    expect(building.json.code).toBe('REGISTRY_PLACE_NOT_EMPTY');
    const occupied = await admin.delete(`/api/places/${tree.dwellingsA[0]}`);
    expect(occupied.status).toBe(409);
    expect(occupied.json.code).toBe('REGISTRY_PLACE_NOT_EMPTY');
    expect((await admin.get(`/api/places/${tree.dwellingsA[0]}`)).status).toBe(200);

    const emptyFlat = tree.dwellingsA[11]!;
    const ok = await admin.delete(`/api/places/${emptyFlat}`);
    expect(ok.status).toBe(200);
    expect((await admin.get(`/api/places/${emptyFlat}`)).status).toBe(404);
    const audit = await auditOf('registry.place.delete', emptyFlat);
    expect(audit[0].before).toMatchObject({ id: emptyFlat, name: '302', type: 'dwelling' });
  });

  it("refuses to delete a place that is still somebody's scope", async () => {
    const c = await admin.post('/api/places', { parentId: tree.communityA, type: 'compound', name: '有人管的小区' });
    await userWith(t.platform, t.app, ['station_staff'], { placeIds: [c.json.id] });
    const r = await admin.delete(`/api/places/${c.json.id}`);
    expect(r.status).toBe(409);
    expect(r.json.code).toBe('REGISTRY_PLACE_IN_USE');
    expect((await admin.get(`/api/places/${c.json.id}`)).status).toBe(200);
  });

  it('finds places by part of their name, optionally of one type', async () => {
    const all = await admin.get(`/api/places/search?q=${encodeURIComponent('号楼')}`);
    expect(all.status).toBe(200);
    expect(all.json.items.map((p: any) => p.label)).toEqual(expect.arrayContaining(['荟萃社区 建工小区 3号楼', '敬业社区 白云小区 1号楼']));
    const compounds = await admin.get(`/api/places/search?q=${encodeURIComponent('小区')}&type=compound`);
    // Counted straight from the table: every compound whose name has 小区.
    const named = await queryOne<{ n: number }>(t.platform.db, sql`SELECT count(*)::int AS n FROM places WHERE type = 'compound' AND name LIKE '%小区%'`);
    expect(compounds.json.items.length).toBe(named!.n);
    expect(compounds.json.items.every((p: any) => p.type === 'compound')).toBe(true);
    const wildcard = await admin.get(`/api/places/search?q=${encodeURIComponent('%')}`);
    expect(wildcard.json.items).toEqual([]);
  });
});

describe('grids and building heads', () => {
  it('groups buildings of a community into a grid with its grid worker', async () => {
    const worker = await userWith(t.platform, t.app, ['community_staff'], { placeIds: [tree.communityA] }, 'gridworker');
    const r = await admin.post('/api/grids', {
      communityId: tree.communityA,
      name: '第一网格',
      gridWorkerUserId: worker.userId,
      buildingIds: [tree.buildingA],
    });
    expect(r.status).toBe(201);
    expect(r.json).toMatchObject({
      communityId: tree.communityA,
      communityName: '荟萃社区',
      name: '第一网格',
      gridWorkerName: 'gridworker',
      buildings: [{ id: tree.buildingA, label: '荟萃社区 建工小区 3号楼', buildingHeadResidentId: null }],
    });
    const list = await admin.get(`/api/grids?communityId=${tree.communityA}`);
    expect(list.json.items.map((g: any) => g.name)).toEqual(['第一网格']);
  });

  it('refuses to put a building into a second grid', async () => {
    const r = await admin.post('/api/grids', { communityId: tree.communityA, name: '第二网格', gridWorkerUserId: null, buildingIds: [tree.buildingA] });
    expect(r.status).toBe(409);
    expect(r.json.code).toBe('REGISTRY_BUILDING_IN_OTHER_GRID');
    expect(r.json.messages['zh-CN']).toBe('楼栋“3号楼”已属于网格“第一网格”');
    expect((await admin.get(`/api/grids?communityId=${tree.communityA}`)).json.items).toHaveLength(1);
  });

  it('refuses a grid name twice in a community, a building of another community, and a grid outside a community', async () => {
    const name = await admin.post('/api/grids', { communityId: tree.communityA, name: '第一网格', gridWorkerUserId: null, buildingIds: [] });
    expect(name.json.code).toBe('REGISTRY_GRID_NAME_TAKEN');
    const foreign = await admin.post('/api/grids', { communityId: tree.communityB, name: '越界网格', gridWorkerUserId: null, buildingIds: [tree.buildingA] });
    expect(foreign.status).toBe(404);
    const compound = await admin.post('/api/grids', { communityId: tree.compoundA, name: '小区网格', gridWorkerUserId: null, buildingIds: [] });
    expect(compound.status).toBe(400);
    expect(compound.json.code).toBe('REGISTRY_NOT_A_COMMUNITY');
  });

  it('moves a building between grids and deletes an empty grid', async () => {
    const first = (await admin.get(`/api/grids?communityId=${tree.communityA}`)).json.items[0];
    const emptied = await admin.put(`/api/grids/${first.id}`, { communityId: tree.communityA, name: '第一网格', gridWorkerUserId: null, buildingIds: [] });
    expect(emptied.status).toBe(200);
    expect(emptied.json).toMatchObject({ buildings: [], gridWorkerUserId: null });
    const second = await admin.post('/api/grids', { communityId: tree.communityA, name: '第二网格', gridWorkerUserId: null, buildingIds: [tree.buildingA] });
    expect(second.status).toBe(201);
    expect((await admin.delete(`/api/grids/${first.id}`)).status).toBe(200);
    expect((await admin.get('/api/grids')).json.items.map((g: any) => g.name)).toEqual(['第二网格']);
    expect((await admin.delete(`/api/grids/${first.id}`)).status).toBe(404);
  });

  it('names the resident who heads a building, and clears it again', async () => {
    const head = await admin.post('/api/residents', { dwellingId: tree.dwellingsA[2], name: '楼长老王' });
    const set = await admin.put(`/api/places/${tree.buildingA}/building-head`, { residentId: head.json.id });
    expect(set.status).toBe(200);
    const grid = (await admin.get(`/api/grids?communityId=${tree.communityA}`)).json.items[0];
    expect(grid.buildings[0]).toMatchObject({ buildingHeadResidentId: head.json.id, buildingHeadName: '楼长老王' });
    const notBuilding = await admin.put(`/api/places/${tree.compoundA}/building-head`, { residentId: head.json.id });
    expect(notBuilding.json.code).toBe('REGISTRY_NOT_A_BUILDING');
    const unknown = await admin.put(`/api/places/${tree.buildingA}/building-head`, { residentId: 999999 });
    expect(unknown.status).toBe(404);
    expect((await admin.put(`/api/places/${tree.buildingA}/building-head`, { residentId: null })).status).toBe(200);
    const cleared = (await admin.get(`/api/grids?communityId=${tree.communityA}`)).json.items[0];
    expect(cleared.buildings[0]).toMatchObject({ buildingHeadResidentId: null, buildingHeadName: null });
    const audit = await auditOf('registry.building.setHead', tree.buildingA);
    expect(audit.map((a) => a.after.residentId)).toEqual([null, head.json.id]);
  });
});

describe('removing what a grid refers to', () => {
  it('takes a deleted building out of its grid, and a deleted resident off as building head', async () => {
    const building = (await admin.post('/api/places', { parentId: tree.compoundB, type: 'building', name: '待拆楼' })).json.id;
    const grid = await admin.post('/api/grids', {
      communityId: tree.communityB,
      name: '拆迁网格',
      gridWorkerUserId: null,
      buildingIds: [building, tree.buildingB],
    });
    expect(grid.json.buildings).toHaveLength(2);
    expect((await admin.delete(`/api/places/${building}`)).status).toBe(200);
    const after = (await admin.get(`/api/grids?communityId=${tree.communityB}`)).json.items.find((g: any) => g.id === grid.json.id);
    expect(after.buildings.map((b: any) => b.id)).toEqual([tree.buildingB]);

    const head = await admin.post('/api/residents', { dwellingId: tree.dwellingsB[5], name: '搬走的楼长' });
    await admin.put(`/api/places/${tree.buildingB}/building-head`, { residentId: head.json.id });
    expect((await admin.delete(`/api/residents/${head.json.id}`)).status).toBe(200);
    const cleared = (await admin.get(`/api/grids?communityId=${tree.communityB}`)).json.items.find((g: any) => g.id === grid.json.id);
    expect(cleared.buildings[0]).toMatchObject({ id: tree.buildingB, buildingHeadResidentId: null, buildingHeadName: null });
  });
});

describe('employers', () => {
  it('creates, renames, finds and deletes an employer, auditing each change', async () => {
    const c = await admin.post('/api/employers', { name: '胜利采油厂', code: 'SL01' });
    expect(c.status).toBe(201);
    expect(c.json).toMatchObject({ name: '胜利采油厂', code: 'SL01', employees: 0, liaisons: [] });
    const u = await admin.patch(`/api/employers/${c.json.id}`, { name: '胜利采油厂二分厂', code: 'SL01' });
    expect(u.status).toBe(200);
    expect(u.json.name).toBe('胜利采油厂二分厂');
    const found = await admin.get(`/api/employers?q=${encodeURIComponent('二分厂')}`);
    expect(found.json.items.map((e: any) => e.id)).toEqual([c.json.id]);
    expect((await admin.get(`/api/employers/${c.json.id}`)).json.code).toBe('SL01');
    expect((await admin.delete(`/api/employers/${c.json.id}`)).status).toBe(200);
    expect((await admin.get(`/api/employers/${c.json.id}`)).status).toBe(404);
    const actions = [
      ...(await auditOf('registry.employer.create', c.json.id)),
      ...(await auditOf('registry.employer.update', c.json.id)),
      ...(await auditOf('registry.employer.delete', c.json.id)),
    ].map((a) => a.action);
    expect(actions).toEqual(['registry.employer.create', 'registry.employer.update', 'registry.employer.delete']);
  });

  it('refuses a second employer with the same name or the same code', async () => {
    await admin.post('/api/employers', { name: '海洋钻井公司', code: 'HY01' });
    const name = await admin.post('/api/employers', { name: '海洋钻井公司', code: null });
    expect(name.status).toBe(409);
    expect(name.json.code).toBe('REGISTRY_EMPLOYER_NAME_TAKEN');
    const code = await admin.post('/api/employers', { name: '另一家公司', code: 'HY01' });
    expect(code.status).toBe(409);
    expect(code.json.code).toBe('REGISTRY_EMPLOYER_CODE_TAKEN');
    const other = await admin.post('/api/employers', { name: '另一家公司', code: 'HY02' });
    const recode = await admin.patch(`/api/employers/${other.json.id}`, { name: '另一家公司', code: 'HY01' });
    expect(recode.status).toBe(409);
    expect(recode.json.code).toBe('REGISTRY_EMPLOYER_CODE_TAKEN');
    // Employers without a code can be many.
    expect((await admin.post('/api/employers', { name: '无代码甲' })).status).toBe(201);
    expect((await admin.post('/api/employers', { name: '无代码乙', code: '' })).status).toBe(201);
  });

  it("lists each employer's employees and liaisons, and keeps an employer that still has them", async () => {
    const e = await admin.post('/api/employers', { name: '供电公司' });
    const emp = await admin.post('/api/residents', { dwellingId: tree.dwellingsB[3], name: '电工小李', employerId: e.json.id });
    expect(emp.json).toMatchObject({ employerId: e.json.id, employerName: '供电公司' });
    const inUse = await admin.delete(`/api/employers/${e.json.id}`);
    expect(inUse.status).toBe(409);
    expect(inUse.json.code).toBe('REGISTRY_EMPLOYER_IN_USE');

    const liaison = await userWith(t.platform, t.app, ['employer_liaison'], { employerIds: [e.json.id] }, 'powerliaison');
    const shown = await admin.get(`/api/employers/${e.json.id}`);
    expect(shown.json).toMatchObject({ employees: 1, liaisons: [{ userId: liaison.userId, username: 'powerliaison' }] });

    expect((await admin.delete(`/api/residents/${emp.json.id}`)).status).toBe(200);
    const stillLiaison = await admin.delete(`/api/employers/${e.json.id}`);
    expect(stillLiaison.json.code).toBe('REGISTRY_EMPLOYER_IN_USE');
    const unknown = await admin.post('/api/residents', { dwellingId: tree.dwellingsB[3], name: '无单位', employerId: 987654 });
    expect(unknown.status).toBe(400);
    expect(unknown.json.code).toBe('REGISTRY_EMPLOYER_UNKNOWN');
  });
});
