import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryOne } from '../../platform/db/database.js';
import { buildSmallTree, makeIdNumber, type SmallTree } from '../../test-support/fixtures.js';
import { userWith, type TestClient } from '../../test-support/http-client.js';
import { createTestPlatform, type TestPlatform } from '../../test-support/test-platform.js';
import { importAndValidate, readWorkbook, residentWorkbook, TEMPLATE_HEADERS, uploadImport, type ImportRow } from '../../test-support/workbooks.js';

let t: TestPlatform;
let admin: TestClient;
let staff: TestClient;
let auditor: TestClient;
let tree: SmallTree;

beforeAll(async () => {
  t = await createTestPlatform();
  admin = await userWith(t.platform, t.app, ['admin'], { all: true }, 'importadmin');
  auditor = await userWith(t.platform, t.app, ['auditor'], {}, 'importauditor');
  tree = await buildSmallTree(admin);
  staff = await userWith(t.platform, t.app, ['community_staff'], { placeIds: [tree.communityA] }, 'importer');
});
afterAll(() => t.close());

/** A row at a flat of community A's building (stairwell 1 or 2, flat 101 … 302). */
function rowAt(dwelling: string, name: string, extra: ImportRow = {}, stairwell = '1单元'): ImportRow {
  return { community: '荟萃社区', compound: '建工小区', building: '3号楼', stairwell, dwelling, name, ...extra };
}

async function count(table: 'residents' | 'households') {
  return (await queryOne<{ n: number }>(t.platform.db, sql`SELECT count(*)::int AS n FROM ${sql.raw(table)}`))!.n;
}

async function errorsOf(client: TestClient, id: number) {
  const r = await client.get(`/api/imports/${id}/errors?pageSize=200`);
  expect(r.status).toBe(200);
  return r.json.items as { row: number; column: string | null; code: string; message: Record<string, string>; value: string | null }[];
}

describe('the import template', () => {
  it('downloads with the columns in order, required ones starred, and validates as it comes', async () => {
    const r = await staff.get('/api/residents/import-template.xlsx');
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    expect(String(r.headers['content-disposition'])).toContain(encodeURIComponent('居民导入模板.xlsx'));
    const rows = await readWorkbook(r.body);
    expect(rows[0]).toEqual(TEMPLATE_HEADERS);
    expect(rows[1]!.slice(0, 5)).toEqual(['荟萃社区', '建工小区', '3号楼', '2单元', '301']);

    const job = await importAndValidate(staff, r.body, '居民导入模板.xlsx');
    expect(job).toMatchObject({ status: 'validated', totalRows: 1, validRows: 1, errorRows: 0, actions: ['commit', 'cancel'] });
    expect((await staff.post(`/api/imports/${job.id}/cancel`)).json.status).toBe('cancelled');
  });

  it('also accepts the English column names', async () => {
    const file = await residentWorkbook(
      [rowAt('101', 'Li Lei')],
      [
        'Community',
        'Compound',
        'Building',
        'Stairwell',
        'Dwelling',
        'Household no.',
        'Relation to head',
        'Name',
        'ID type',
        'ID number',
        'Mobile',
        'Employer',
        'Tags',
        'Note',
      ],
    );
    const job = await importAndValidate(staff, file);
    expect(job).toMatchObject({ status: 'validated', validRows: 1 });
    await staff.post(`/api/imports/${job.id}/cancel`);
  });
});

describe('a file with mistakes', () => {
  let job: any;
  const good1 = makeIdNumber('19700101', 1);
  const good2 = makeIdNumber('19700101', 2);
  const onFile = makeIdNumber('19600101', 3);
  const badChecksum = (() => {
    const id = makeIdNumber('19700101', 4);
    return id.slice(0, 17) + (id[17] === '1' ? '2' : '1');
  })();

  beforeAll(async () => {
    await staff.post('/api/residents', { dwellingId: tree.dwellingsA[11], name: '老住户', idNumber: onFile });
    const file = await residentWorkbook([
      rowAt('102', '正确甲', { idNumber: good1, phone: '13811112222', tags: '党员、志愿者' }),
      rowAt('102', '校验错', { idNumber: badChecksum }),
      rowAt('102', '文件内重复', { idNumber: good1 }),
      rowAt('102', '已登记', { idNumber: onFile }),
      rowAt('999', '无此房', { idNumber: makeIdNumber('19700101', 5) }),
      rowAt('102', '坏手机', { phone: '12345' }),
      rowAt('102', '怪标签', { tags: '神仙' }),
      rowAt('102', '正确乙', { idNumber: good2, relation: '配偶' }),
      { community: '敬业社区', compound: '白云小区', building: '1号楼', stairwell: '1单元', dwelling: '101', name: '别的社区' },
    ]);
    job = await importAndValidate(staff, file, '有错的名单.xlsx');
  });

  it('reports each bad row with its row number, column and a message in both languages', async () => {
    expect(job).toMatchObject({ status: 'validated', fileName: '有错的名单.xlsx', totalRows: 9, validRows: 2, errorRows: 7 });
    const errors = await errorsOf(staff, job.id);
    expect(errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [3, '证件号码', 'ROW_ID_CHECKSUM'],
      [4, '证件号码', 'ROW_DUPLICATE_IN_FILE'],
      [5, '证件号码', 'ROW_DUPLICATE_EXISTING'],
      [6, '房号', 'ROW_UNKNOWN_DWELLING'],
      [7, '手机号码', 'ROW_PHONE'],
      [8, '标签', 'ROW_TAG'],
      [10, '房号', 'ROW_UNKNOWN_DWELLING'],
    ]);
    expect(errors[0]!.message).toEqual({ 'zh-CN': '身份证号码校验码错误', 'en-US': 'ID number check digit is wrong' });
    expect(errors[5]!.value).toBe('神仙');
  });

  it('shows ID and phone numbers in the report only masked', async () => {
    const text = JSON.stringify(await errorsOf(staff, job.id));
    expect(text).not.toContain(badChecksum);
    expect(text).not.toContain(badChecksum.slice(0, 17));
    expect(text).not.toContain(good1);
    expect(text).not.toContain(onFile);
  });

  it('downloads the report as a workbook with one line per problem', async () => {
    const r = await staff.get(`/api/imports/${job.id}/errors.xlsx`);
    expect(r.status).toBe(200);
    const rows = await readWorkbook(r.body);
    expect(rows[0]).toEqual(['行号 Row', '列 Column', '问题 Problem', 'Problem (English)', '内容 Value']);
    expect(rows.slice(1).map((x) => Number(x[0]))).toEqual([3, 4, 5, 6, 7, 8, 10]);
    expect(rows[6]).toEqual(expect.arrayContaining(['标签', '标签无法识别', 'Unknown tag', '神仙']));
  });

  it('imports nothing while the file waits, and will not import a file with errors whole', async () => {
    expect((await staff.get(`/api/residents?q=${encodeURIComponent('正确')}`)).json.total).toBe(0);
    const r = await staff.post(`/api/imports/${job.id}/commit`, { onlyValid: false });
    expect(r.status).toBe(409);
    expect(r.json.code).toBe('IMPORT_HAS_ERRORS');
    expect(r.json.messages['zh-CN']).toContain('7行错误');
    expect((await staff.get(`/api/imports/${job.id}`)).json.status).toBe('validated');
  });

  it('imports exactly the valid rows when asked to, and audits the import', async () => {
    const residentsBefore = await count('residents');
    const r = await staff.post(`/api/imports/${job.id}/commit`, { onlyValid: true });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ status: 'imported', importedRows: 2, onlyValid: true, actions: [] });
    expect(await count('residents')).toBe(residentsBefore + 2);
    const found = await staff.get(`/api/residents?q=${encodeURIComponent('正确')}`);
    expect(found.json.items.map((x: any) => x.name).sort()).toEqual(['正确乙', '正确甲']);
    const jia = found.json.items.find((x: any) => x.name === '正确甲');
    expect(jia).toMatchObject({
      tags: ['party_member', 'volunteer'],
      phoneMasked: '*******2222',
      birthDate: '1970-01-01',
      dwellingLabel: '荟萃社区 建工小区 3号楼 1单元 102',
    });
    expect(found.json.items.find((x: any) => x.name === '正确乙').relation).toBe('spouse');

    const logged = (await auditor.get(`/api/audit?action=registry.resident.import&entityId=${job.id}`)).json.items;
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({
      actorName: 'importer',
      entityType: 'import_job',
      after: { fileName: '有错的名单.xlsx', imported: 2, skippedWithErrors: 7 },
    });

    const again = await staff.post(`/api/imports/${job.id}/commit`, { onlyValid: true });
    expect(again.status).toBe(409);
    expect(await count('residents')).toBe(residentsBefore + 2);
  });
});

describe('a clean file', () => {
  it('imports every row: one household per flat, split by household number, joining the household already there', async () => {
    const existing = await staff.post('/api/residents', { dwellingId: tree.dwellingsA[4], name: '赵老' });
    const file = await residentWorkbook([
      rowAt('201', '王甲', { idNumber: makeIdNumber('19800202', 11) }),
      rowAt('201', '王乙', { relation: '妻子', phone: '13900001111' }),
      rowAt('202', '李甲', { householdKey: '1' }),
      rowAt('202', '李乙', { householdKey: '2' }),
      rowAt('202', '李丙', { householdKey: '1', relation: '儿子' }),
      rowAt('301', '赵新', { relation: '孙子' }),
      rowAt('101', '二单元住户', {}, '2单元'),
    ]);
    const job = await importAndValidate(staff, file);
    expect(job).toMatchObject({ status: 'validated', validRows: 7, errorRows: 0 });
    const householdsBefore = await count('households');
    const r = await staff.post(`/api/imports/${job.id}/commit`, { onlyValid: false });
    // Rows in both stairwells: "view what was imported" opens their building.
    expect(r.json).toMatchObject({ status: 'imported', importedRows: 7, placeId: tree.buildingA });
    expect(await count('households')).toBe(householdsBefore + 4);

    const byName = async (name: string) => (await staff.get(`/api/residents?q=${encodeURIComponent(name)}`)).json.items[0];
    const [wangJia, wangYi, liJia, liYi, liBing, zhaoXin] = await Promise.all(['王甲', '王乙', '李甲', '李乙', '李丙', '赵新'].map(byName));
    expect(wangJia.householdId).toBe(wangYi.householdId);
    expect(wangYi.relation).toBe('spouse');
    expect(liJia.householdId).toBe(liBing.householdId);
    expect(liYi.householdId).not.toBe(liJia.householdId);
    expect(liJia.dwellingId).toBe(liYi.dwellingId);
    expect(zhaoXin.householdId).toBe(existing.json.householdId);
    expect(zhaoXin.relation).toBe('grandchild');
    expect((await byName('二单元住户')).dwellingLabel).toBe('荟萃社区 建工小区 3号楼 2单元 101');
  });

  it('is refused whole when one of its people was registered meanwhile, and nothing is written', async () => {
    const id = makeIdNumber('19910909', 21);
    const job = await importAndValidate(
      staff,
      await residentWorkbook([rowAt('302', '抢先甲', { idNumber: makeIdNumber('19910909', 22) }), rowAt('302', '抢先乙', { idNumber: id })]),
    );
    expect(job.validRows).toBe(2);
    await staff.post('/api/residents', { dwellingId: tree.dwellingsA[6], name: '已抢先登记', idNumber: id });
    const [residents, households] = [await count('residents'), await count('households')];
    const r = await staff.post(`/api/imports/${job.id}/commit`, { onlyValid: false });
    expect(r.status).toBe(409);
    expect(await count('residents')).toBe(residents);
    expect(await count('households')).toBe(households);
    expect((await staff.get(`/api/residents?q=${encodeURIComponent('抢先甲')}`)).json.total).toBe(0);
    expect((await staff.get(`/api/imports/${job.id}`)).json.status).not.toBe('imported');
  });
});

describe('import jobs', () => {
  it('can be cancelled before they are imported, leaving nothing behind', async () => {
    const job = await importAndValidate(staff, await residentWorkbook([rowAt('302', '取消者')]));
    const c = await staff.post(`/api/imports/${job.id}/cancel`);
    expect(c.status).toBe(200);
    expect(c.json).toMatchObject({ status: 'cancelled', actions: [] });
    expect(c.json.finishedAt).not.toBeNull();
    expect((await staff.post(`/api/imports/${job.id}/commit`, { onlyValid: true })).status).toBe(409);
    // The same click twice: a clear conflict, not a refusal.
    expect((await staff.post(`/api/imports/${job.id}/cancel`)).json).toMatchObject({ status: 409, code: 'IMPORT_NOT_CANCELLABLE' });
    const staged = await queryOne<{ n: number }>(t.platform.db, sql`SELECT count(*)::int AS n FROM resident_import_rows WHERE job_id = ${job.id}`);
    expect(staged!.n).toBe(0);
    expect((await staff.get(`/api/residents?q=${encodeURIComponent('取消者')}`)).json.total).toBe(0);
  });

  it('are private to whoever uploaded them', async () => {
    const job = await importAndValidate(staff, await residentWorkbook([rowAt('302', '私密')]));
    const colleague = await userWith(t.platform, t.app, ['community_staff'], { placeIds: [tree.communityA] });
    const answers = [
      await colleague.get(`/api/imports/${job.id}`),
      await colleague.get(`/api/imports/${job.id}/errors`),
      await colleague.get(`/api/imports/${job.id}/errors.xlsx`),
      await colleague.post(`/api/imports/${job.id}/commit`, { onlyValid: true }),
      await colleague.post(`/api/imports/${job.id}/cancel`),
      await admin.get(`/api/imports/${job.id}`),
    ];
    expect(answers.map((a) => a.status)).toEqual([404, 404, 404, 404, 404, 404]);
    expect((await staff.get(`/api/imports/${job.id}`)).json.status).toBe('validated');
    await staff.post(`/api/imports/${job.id}/cancel`);
  });

  it("only finds flats within the uploader's scope", async () => {
    const job = await importAndValidate(
      staff,
      await residentWorkbook([{ community: '敬业社区', compound: '白云小区', building: '1', stairwell: '1', dwelling: '101', name: '越界' }]),
    );
    expect(job.errorRows).toBe(1);
    expect((await errorsOf(staff, job.id))[0]!.code).toBe('ROW_UNKNOWN_DWELLING');
    const byAdmin = await importAndValidate(
      admin,
      await residentWorkbook([{ community: '敬业社区', compound: '白云小区', building: '1', stairwell: '1', dwelling: '101', name: '越界' }]),
    );
    expect(byAdmin).toMatchObject({ validRows: 1, errorRows: 0 });
    await staff.post(`/api/imports/${job.id}/cancel`);
    await admin.post(`/api/imports/${byAdmin.id}/cancel`);
  });

  it('refuse a file that is not .xlsx, and fail one that cannot be read, saying so', async () => {
    const csv = await uploadImport(staff, Buffer.from('社区,小区\n'), '名单.csv');
    expect(csv.status).toBe(400);
    expect(csv.json.code).toBe('IMPORT_NOT_XLSX');
    const garbage = await uploadImport(staff, Buffer.from('this is not a workbook at all'), '名单.xlsx');
    expect(garbage.status).toBe(400);
    expect(garbage.json).toMatchObject({
      code: 'IMPORT_UNREADABLE',
      messages: { 'zh-CN': '无法读取该文件，请使用下载的模板重新填写', 'en-US': 'The file could not be read; please fill in the downloaded template' },
    });
    expect(fs.readdirSync(path.join(t.platform.config.dataDir, 'uploads'))).toEqual([]);
  });

  it('fail a file whose header lacks required columns, or that has no rows', async () => {
    const header = await importAndValidate(staff, await residentWorkbook([{ name: '缺列' }], ['姓名', '备注']));
    expect(header.status).toBe('failed');
    expect(header.failure['zh-CN']).toBe('表头与模板不一致，缺少列：社区、小区、楼栋、单元、房号');
    const empty = await importAndValidate(staff, await residentWorkbook([]));
    expect(empty.status).toBe('failed');
    expect(empty.failure['en-US']).toBe('The file has no data rows');
  });

  it('import a file of 500 rows across two communities', async () => {
    const rows: ImportRow[] = [];
    for (let i = 0; i < 500; i++) {
      const inA = i % 2 === 0;
      const stairwell = `${i % 4 < 2 ? 1 : 2}单元`;
      const flat = `${(Math.floor(i / 4) % 3) + 1}0${(i % 2) + 1}`;
      rows.push({
        community: inA ? '荟萃社区' : '敬业社区',
        compound: inA ? '建工小区' : '白云小区',
        building: inA ? '3号楼' : '1号楼',
        stairwell,
        dwelling: flat,
        householdKey: String(i % 5),
        name: `批量${i}`,
        idNumber: makeIdNumber(`19${String(50 + (i % 40)).padStart(2, '0')}0${(i % 9) + 1}15`, i),
        phone: `137${String(i).padStart(8, '0')}`,
        tags: i % 7 === 0 ? '低保' : '',
      });
    }
    const job = await importAndValidate(admin, await residentWorkbook(rows), '五百人.xlsx');
    expect(job).toMatchObject({ status: 'validated', totalRows: 500, validRows: 500, errorRows: 0 });
    const before = await count('residents');
    const r = await admin.post(`/api/imports/${job.id}/commit`, { onlyValid: false });
    expect(r.json).toMatchObject({ status: 'imported', importedRows: 500 });
    expect(await count('residents')).toBe(before + 500);
    expect((await admin.get(`/api/residents?q=${encodeURIComponent('批量')}`)).json.total).toBe(500);
    expect((await admin.get('/api/residents?q=13700000499')).json.items.map((x: any) => x.name)).toEqual(['批量499']);
    expect((await admin.get('/api/residents?tag=care_low_income')).json.total).toBe(72);
  });
});
