import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../platform/db/database.js';
import { userWith, type TestClient } from '../../test-support/http-client.js';
import { createTestPlatform, type TestPlatform } from '../../test-support/test-platform.js';
import { importAndValidate, placeWorkbook, readWorkbook, uploadImport, type PlaceRowCells } from '../../test-support/workbooks.js';

/** A fresh install (no places at all) and its first admin, who imports the place tree from Excel. */
let t: TestPlatform;
let admin: TestClient;
let auditor: TestClient;

beforeAll(async () => {
  t = await createTestPlatform();
  admin = await userWith(t.platform, t.app, ['admin'], { all: true }, 'treeadmin');
  auditor = await userWith(t.platform, t.app, ['auditor'], {}, 'treeauditor');
});
afterAll(() => t.close());

const CENTRE = '西城社会化服务协调中心';
const WENHUI = '文汇居民事务协调部';

/** Every place as `type:name` paths from the top, sorted: the tree as a person would read it. */
async function tree(): Promise<string[]> {
  const rows = await queryRows<{ id: number; parent_id: number | null; type: string; name: string }>(
    t.platform.db,
    sql`SELECT id, parent_id, type, name FROM places ORDER BY depth`,
  );
  const label = new Map<number, string>();
  for (const r of rows) label.set(r.id, `${r.parent_id === null ? '' : `${label.get(r.parent_id)} / `}${r.name}`);
  return [...label.values()].sort();
}
const placeCount = async () => (await queryRows<{ n: number }>(t.platform.db, sql`SELECT count(*)::int AS n FROM places`))[0]!.n;

async function errorsOf(id: number) {
  const r = await admin.get(`/api/imports/${id}/errors?pageSize=200`);
  expect(r.status).toBe(200);
  return (r.json.items as { row: number; column: string | null; code: string; message: Record<string, string>; value: string | null }[]).map((e) => ({
    row: e.row,
    column: e.column,
    code: e.code,
  }));
}

const flat = (building: string, stairwell: string, dwelling: string, extra: PlaceRowCells = {}): PlaceRowCells => ({
  department: WENHUI,
  community: '荟萃社区',
  compound: '建工小区',
  building,
  stairwell,
  dwelling,
  ...extra,
});

describe('importing the place tree of a fresh install', () => {
  it('offers a template with the levels in order, which validates as it comes', async () => {
    const r = await admin.get('/api/places/import-template.xlsx');
    expect(r.status).toBe(200);
    expect(String(r.headers['content-disposition'])).toContain(encodeURIComponent('区域导入模板.xlsx'));
    const rows = await readWorkbook(r.body);
    expect(rows[0]).toEqual(['协调中心', '协调部*', '社区*', '协调站', '小区', '楼栋', '单元', '房号']);
    const job = await importAndValidate(admin, r.body, '区域导入模板.xlsx', 'places');
    expect(job).toMatchObject({ kind: 'places', status: 'validated', totalRows: 3, validRows: 3, errorRows: 0 });
    expect((await admin.post(`/api/imports/${job.id}/cancel`)).json.status).toBe('cancelled');
    expect(await placeCount()).toBe(0);
  });

  it('reads the headers users’ own sheets give the levels (部门, 服务站) and the English ones', async () => {
    for (const headers of [
      ['中心', '部门', '社区', '服务站', '小区', '楼栋', '单元', '房号'],
      ['Centre', 'Department', 'Community', 'Station', 'Compound', 'Building', 'Stairwell', 'Dwelling'],
    ]) {
      const file = await placeWorkbook([{ center: CENTRE, department: WENHUI, community: '荟萃社区', station: '荟萃协调站' }], headers);
      const job = await importAndValidate(admin, file, '区域.xlsx', 'places');
      expect(job).toMatchObject({ status: 'validated', validRows: 1, errorRows: 0 });
      await admin.post(`/api/imports/${job.id}/cancel`);
    }
  });

  it('asks for the centre when there is none and the rows name none', async () => {
    const job = await importAndValidate(admin, await placeWorkbook([{ department: WENHUI, community: '荟萃社区' }]), '区域.xlsx', 'places');
    expect(job).toMatchObject({ status: 'validated', validRows: 0, errorRows: 1 });
    expect(await errorsOf(job.id)).toEqual([{ row: 2, column: '协调中心', code: 'ROW_PLACE_CENTER_MISSING' }]);
    await admin.post(`/api/imports/${job.id}/cancel`);
  });

  it('builds the whole tree under the centre named on the form: each place once, a row stopping at any level', async () => {
    const file = await placeWorkbook([
      { department: WENHUI, community: '荟萃社区' },
      { department: WENHUI, community: '敬业社区' },
      {
        department: '龙潭居民事务协调部',
        community: '龙潭社区',
        station: '龙潭协调站',
        compound: '石油小区',
        building: '1号楼',
        stairwell: '1单元',
        dwelling: '101',
      },
      flat('3号楼', '1单元', '101'),
      flat('3号楼', '1单元', '102'),
      flat('3', '2单元', '201'), // "3" is 3号楼
      flat('3号楼', '1单元', '102'), // a repeated row changes nothing
    ]);
    const job = await importAndValidate(admin, file, '区域.xlsx', 'places', { centerName: CENTRE });
    expect(job).toMatchObject({ status: 'validated', totalRows: 7, validRows: 7, errorRows: 0, actions: ['commit', 'cancel'] });
    // The notice that the check is done opens the job's page.
    const notices = (await admin.get('/api/notifications')).json.items as { link: string | null }[];
    expect(notices.map((n) => n.link)).toContain(`/imports/${job.id}`);
    const done = await admin.post(`/api/imports/${job.id}/commit`, { onlyValid: false });
    expect(done.status).toBe(200);
    // centre, 2 departments, 3 communities, station, 2 compounds, 2 buildings, 3 stairwells, 4 flats
    expect(done.json).toMatchObject({ status: 'imported', importedRows: 18 });
    expect(await tree()).toEqual(
      [
        CENTRE,
        `${CENTRE} / ${WENHUI}`,
        `${CENTRE} / ${WENHUI} / 荟萃社区`,
        `${CENTRE} / ${WENHUI} / 荟萃社区 / 建工小区`,
        `${CENTRE} / ${WENHUI} / 荟萃社区 / 建工小区 / 3号楼`,
        `${CENTRE} / ${WENHUI} / 荟萃社区 / 建工小区 / 3号楼 / 1单元`,
        `${CENTRE} / ${WENHUI} / 荟萃社区 / 建工小区 / 3号楼 / 1单元 / 101`,
        `${CENTRE} / ${WENHUI} / 荟萃社区 / 建工小区 / 3号楼 / 1单元 / 102`,
        `${CENTRE} / ${WENHUI} / 荟萃社区 / 建工小区 / 3号楼 / 2单元`,
        `${CENTRE} / ${WENHUI} / 荟萃社区 / 建工小区 / 3号楼 / 2单元 / 201`,
        `${CENTRE} / ${WENHUI} / 敬业社区`,
        `${CENTRE} / 龙潭居民事务协调部`,
        `${CENTRE} / 龙潭居民事务协调部 / 龙潭社区`,
        `${CENTRE} / 龙潭居民事务协调部 / 龙潭社区 / 龙潭协调站`,
        `${CENTRE} / 龙潭居民事务协调部 / 龙潭社区 / 龙潭协调站 / 石油小区`,
        `${CENTRE} / 龙潭居民事务协调部 / 龙潭社区 / 龙潭协调站 / 石油小区 / 1号楼`,
        `${CENTRE} / 龙潭居民事务协调部 / 龙潭社区 / 龙潭协调站 / 石油小区 / 1号楼 / 1单元`,
        `${CENTRE} / 龙潭居民事务协调部 / 龙潭社区 / 龙潭协调站 / 石油小区 / 1号楼 / 1单元 / 101`,
      ].sort(),
    );
    // The places read back as any place does: types, depths and paths that "everything under" queries use.
    const flat101 = await queryRows<{ id: number; type: string; depth: number }>(
      t.platform.db,
      sql`SELECT id, type, depth FROM places WHERE name = '101' AND path LIKE (SELECT path FROM places WHERE name = '建工小区') || '%'`,
    );
    expect(flat101).toMatchObject([{ type: 'dwelling', depth: 6 }]);
    const detail = await admin.get(`/api/places/${flat101[0]!.id}`);
    expect(detail.json.ancestors.map((a: any) => a.name)).toEqual([CENTRE, WENHUI, '荟萃社区', '建工小区', '3号楼', '1单元']);
    const audit = (await auditor.get(`/api/audit?action=registry.place.import&entityId=${job.id}`)).json.items;
    expect(audit).toHaveLength(1);
    expect(audit[0].after).toMatchObject({ fileName: '区域.xlsx', imported: 18 });
  });

  it('reuses the places already there and adds only what is new, under the one centre without naming it', async () => {
    const before = await placeCount();
    const file = await placeWorkbook([
      { department: WENHUI, community: '荟萃社区' },
      flat('3号楼', '1单元', '101'),
      flat('3号楼', '1单元', '103'),
      { center: CENTRE, department: WENHUI, community: '新华社区' },
    ]);
    const job = await importAndValidate(admin, file, '区域2.xlsx', 'places');
    expect(job).toMatchObject({ status: 'validated', validRows: 4, errorRows: 0 });
    expect((await admin.post(`/api/imports/${job.id}/commit`, { onlyValid: false })).json).toMatchObject({ status: 'imported', importedRows: 2 });
    expect(await placeCount()).toBe(before + 2);
    expect(await tree()).toContain(`${CENTRE} / ${WENHUI} / 荟萃社区 / 建工小区 / 3号楼 / 1单元 / 103`);
    expect(await tree()).toContain(`${CENTRE} / ${WENHUI} / 新华社区`);
  });

  it('names each problem by row and column, and imports nothing of a file with errors unless asked for the valid rows', async () => {
    const before = await placeCount();
    const file = await placeWorkbook([
      flat('5号楼', '1单元', '101'), // row 2: fine
      { department: WENHUI, community: '荟萃社区', building: '6号楼', stairwell: '1单元' }, // row 3: no compound above the building
      flat(`${'长'.repeat(61)}`, '1单元', '101'), // row 4: building name too long
      { department: WENHUI, community: '荟萃社区', station: '建工小区', compound: '某小区' }, // row 5: 建工小区 is a compound, not a station
      { department: WENHUI, community: '', compound: '某小区' }, // row 6: no community
      { center: '另一个中心', department: WENHUI, community: '荟萃社区' }, // row 7: a second centre is fine for an admin over everything
    ]);
    const job = await importAndValidate(admin, file, '有错.xlsx', 'places');
    expect(job).toMatchObject({ status: 'validated', totalRows: 6, validRows: 2, errorRows: 4, actions: ['commitValidOnly', 'cancel'] });
    expect(await errorsOf(job.id)).toEqual([
      { row: 3, column: '小区', code: 'ROW_PLACE_LEVEL_MISSING' },
      { row: 4, column: '楼栋', code: 'ROW_PLACE_NAME_TOO_LONG' },
      { row: 5, column: '协调站', code: 'ROW_PLACE_TYPE_CONFLICT' },
      { row: 6, column: '社区', code: 'ROW_PLACE_LEVEL_MISSING' },
    ]);
    const refused = await admin.post(`/api/imports/${job.id}/commit`, { onlyValid: false });
    expect(refused.status).toBe(409);
    expect(refused.json.code).toBe('IMPORT_HAS_ERRORS');
    expect(await placeCount()).toBe(before);

    const report = await admin.get(`/api/imports/${job.id}/errors.xlsx`);
    expect((await readWorkbook(report.body)).slice(1).map((r) => [r[0], r[1]])).toEqual([
      ['3', '小区'],
      ['4', '楼栋'],
      ['5', '协调站'],
      ['6', '社区'],
    ]);

    const done = await admin.post(`/api/imports/${job.id}/commit`, { onlyValid: true });
    // 5号楼 / 1单元 / 101, and 另一个中心 / 文汇… / 荟萃社区
    expect(done.json).toMatchObject({ status: 'imported', importedRows: 6 });
    expect(await placeCount()).toBe(before + 6);
    expect(await tree()).not.toContain(`${CENTRE} / ${WENHUI} / 荟萃社区 / 6号楼`);
  });

  it('asks which centre once there are two', async () => {
    const job = await importAndValidate(admin, await placeWorkbook([flat('8号楼', '1单元', '101')]), '区域.xlsx', 'places');
    expect(await errorsOf(job.id)).toEqual([{ row: 2, column: '协调中心', code: 'ROW_PLACE_CENTER_AMBIGUOUS' }]);
    await admin.post(`/api/imports/${job.id}/cancel`);
  });

  it('writes nothing when the tree changed since validation: a name taken meanwhile fails the whole import', async () => {
    const ours = { center: CENTRE };
    const file = await placeWorkbook([
      flat('8号楼', '1单元', '101', ours),
      flat('8号楼', '1单元', '102', ours),
      { ...ours, department: WENHUI, community: '后来社区' },
    ]);
    const job = await importAndValidate(admin, file, '区域3.xlsx', 'places');
    expect(job).toMatchObject({ status: 'validated', validRows: 3 });
    const [dept] = await queryRows<{ id: number }>(
      t.platform.db,
      sql`SELECT id FROM places WHERE name = ${WENHUI} AND path LIKE (SELECT path FROM places WHERE name = ${CENTRE}) || '%'`,
    );
    expect((await admin.post('/api/places', { parentId: dept!.id, type: 'community', name: '后来社区' })).status).toBe(201);
    const before = await placeCount();
    const r = await admin.post(`/api/imports/${job.id}/commit`, { onlyValid: false });
    expect(r.status).toBe(409);
    expect(r.json.code).toBe('REGISTRY_PLACE_IMPORT_STALE');
    expect(await placeCount()).toBe(before);
    expect(await tree()).not.toContain(`${CENTRE} / ${WENHUI} / 荟萃社区 / 建工小区 / 8号楼`);
    expect((await admin.get(`/api/imports/${job.id}`)).json.status).toBe('validated');
    await admin.post(`/api/imports/${job.id}/cancel`);
  });

  it('refuses a file without the community column, as a failed job in the user’s language', async () => {
    const job = await importAndValidate(admin, await placeWorkbook([{ department: WENHUI }], ['协调中心', '协调部']), '缺列.xlsx', 'places');
    expect(job.status).toBe('failed');
    expect(job.failure['zh-CN']).toContain('社区');
  });
});

describe('who may import places, and where', () => {
  it('is for those who manage places: others are refused the upload and the template', async () => {
    const station = await userWith(t.platform, t.app, ['station_staff'], { all: true });
    const up = await uploadImport(station, await placeWorkbook([{ department: WENHUI, community: '荟萃社区' }]), '区域.xlsx', 'places');
    expect(up.status).toBe(403);
    expect((await station.get('/api/places/import-template.xlsx')).status).toBe(403);
  });

  it('lets an admin of one community add inside it, and nowhere else', async () => {
    const [community] = await queryRows<{ id: number }>(
      t.platform.db,
      sql`SELECT id FROM places WHERE name = '荟萃社区' AND depth = 2 AND path LIKE (SELECT path FROM places WHERE name = ${CENTRE}) || '%'`,
    );
    const local = await userWith(t.platform, t.app, ['admin'], { placeIds: [community!.id] }, 'localadmin');
    const before = await placeCount();
    const file = await placeWorkbook([
      flat('9号楼', '1单元', '101'), // inside: fine, under the centre above the admin's community
      { department: WENHUI, community: '敬业社区', compound: '敬业小区' }, // a neighbouring community
      { department: WENHUI, community: '又一个社区' }, // a new community under the department
      { center: '另一个中心', department: WENHUI, community: '荟萃社区' }, // someone else's centre
    ]);
    const job = await importAndValidate(local, file, '本社区.xlsx', 'places');
    expect(job).toMatchObject({ status: 'validated', validRows: 1, errorRows: 3 });
    const errors = await local.get(`/api/imports/${job.id}/errors`);
    expect(errors.json.items.map((e: any) => [e.row, e.column, e.code])).toEqual([
      [3, '社区', 'ROW_PLACE_OUT_OF_SCOPE'],
      [4, '社区', 'ROW_PLACE_OUT_OF_SCOPE'],
      [5, '协调中心', 'ROW_PLACE_OUT_OF_SCOPE'],
    ]);
    expect((await local.post(`/api/imports/${job.id}/commit`, { onlyValid: true })).json).toMatchObject({ status: 'imported', importedRows: 3 });
    expect(await placeCount()).toBe(before + 3);
    // The job is its uploader's alone.
    expect((await admin.get(`/api/imports/${job.id}`)).status).toBe(404);
  });
});
