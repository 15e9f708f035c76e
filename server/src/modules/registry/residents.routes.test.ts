import { maskIdNumber } from '@jiayuan/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertUser } from '../../platform/auth/identity.repository.js';
import { queryRows } from '../../platform/db/database.js';
import { buildSmallTree, makeIdNumber, type SmallTree } from '../../test-support/fixtures.js';
import { userWith, type TestClient } from '../../test-support/http-client.js';
import { createTestPlatform, type TestPlatform } from '../../test-support/test-platform.js';
import { readWorkbook } from '../../test-support/workbooks.js';

let t: TestPlatform;
let admin: TestClient;
let staff: TestClient;
let auditor: TestClient;
let tree: SmallTree;

beforeAll(async () => {
  t = await createTestPlatform();
  admin = await userWith(t.platform, t.app, ['admin'], { all: true }, 'resadmin');
  auditor = await userWith(t.platform, t.app, ['auditor'], {}, 'resauditor');
  tree = await buildSmallTree(admin);
  staff = await userWith(t.platform, t.app, ['community_staff'], { placeIds: [tree.communityA] }, 'huicuistaff');
});
afterAll(() => t.close());

async function audit(query: string) {
  const r = await auditor.get(`/api/audit?${query}`);
  expect(r.status).toBe(200);
  return r.json.items as any[];
}

const ID = makeIdNumber('19800101', 123);

describe('registering residents', () => {
  let first: any;

  it('registers a resident in a new household at a flat, with birth date and sex read from the ID number', async () => {
    const r = await staff.post('/api/residents', { dwellingId: tree.dwellingsA[0], name: '张三', idNumber: ID, phone: '13912345678', tags: ['party_member'] });
    expect(r.status).toBe(201);
    first = r.json;
    expect(first).toMatchObject({
      name: '张三',
      dwellingId: tree.dwellingsA[0],
      dwellingLabel: '荟萃社区 建工小区 3号楼 1单元 101',
      birthDate: '1980-01-01',
      sex: 'male',
      relation: 'head',
      tags: ['party_member'],
      version: 1,
      household: { id: first.householdId, members: [{ id: first.id, name: '张三', relation: 'head' }] },
      reveals: [],
    });
    const woman = await staff.post('/api/residents', { dwellingId: tree.dwellingsA[1], name: '李梅', idNumber: makeIdNumber('19900512', 124) });
    expect(woman.json).toMatchObject({ birthDate: '1990-05-12', sex: 'female' });
  });

  it('shows ID and phone numbers only masked', async () => {
    expect(first.idNumberMasked).toBe(maskIdNumber(ID));
    expect(first.idNumberMasked).toMatch(/^\*{14}\d{3}[\dX]$/);
    expect(first.phoneMasked).toBe('*******5678');
    const detail = await staff.get(`/api/residents/${first.id}`);
    const list = await staff.get('/api/residents');
    for (const body of [JSON.stringify(first), detail.body.toString(), list.body.toString()]) {
      expect(body).not.toContain(ID);
      expect(body).not.toContain(ID.slice(0, 17));
      expect(body).not.toContain('13912345678');
    }
  });

  it('adds a member to an existing household', async () => {
    const r = await staff.post('/api/residents', {
      householdId: first.householdId,
      name: '张小三',
      relation: 'child',
      idNumber: makeIdNumber('20100301', 125),
    });
    expect(r.status).toBe(201);
    expect(r.json.householdId).toBe(first.householdId);
    expect(r.json.dwellingId).toBe(tree.dwellingsA[0]);
    expect(r.json.household.members.map((m: any) => m.name)).toEqual(['张三', '张小三']);
  });

  it('needs a household or a flat, and a flat must be a flat', async () => {
    const none = await staff.post('/api/residents', { name: '无处安放' });
    expect(none.status).toBe(400);
    expect(none.json.code).toBe('REGISTRY_HOUSEHOLD_REQUIRED');
    const building = await staff.post('/api/residents', { dwellingId: tree.buildingA, name: '住楼里' });
    expect(building.status).toBe(400);
    expect(building.json.code).toBe('REGISTRY_NOT_A_DWELLING');
  });

  it('refuses an ID number with a wrong check digit, saying why in both languages', async () => {
    const bad = ID.slice(0, 17) + (ID[17] === '0' ? '1' : '0');
    const r = await staff.post('/api/residents', { dwellingId: tree.dwellingsA[2], name: '错号', idNumber: bad });
    expect(r.status).toBe(400);
    expect(r.json).toMatchObject({
      code: 'REGISTRY_ID_NUMBER_INVALID',
      title: '身份证号码不正确：校验码错误',
      messages: { 'zh-CN': '身份证号码不正确：校验码错误', 'en-US': 'The ID number is not valid: the check digit is wrong' },
    });
    const en = await staff.request(
      'POST',
      '/api/residents',
      { dwellingId: tree.dwellingsA[2], name: '错号', idNumber: '37050219801301123X' },
      { 'accept-language': 'en-US,en;q=0.9' },
    );
    expect(en.json).toMatchObject({ code: 'REGISTRY_ID_NUMBER_INVALID', title: 'The ID number is not valid: the birth date is not a real date' });
    const short = await staff.post('/api/residents', { dwellingId: tree.dwellingsA[2], name: '错号', idNumber: '3705021980' });
    expect(short.json.messages['en-US']).toBe('The ID number is not valid: it must have 18 characters, the last may be X');
    expect((await staff.get(`/api/residents?q=${encodeURIComponent('错号')}`)).json.total).toBe(0);
  });

  it('refuses the same person twice, however the number is typed', async () => {
    let seq = 400;
    while (!makeIdNumber('19751231', seq).endsWith('X')) seq++;
    const withX = makeIdNumber('19751231', seq);
    const created = await staff.post('/api/residents', { dwellingId: tree.dwellingsA[3], name: '王五', idNumber: withX });
    expect(created.status).toBe(201);
    const again = await staff.post('/api/residents', {
      dwellingId: tree.dwellingsA[4],
      name: '王五',
      idNumber: ` ${withX.slice(0, 6)} ${withX.slice(6).toLowerCase()} `,
    });
    expect(again.status).toBe(409);
    expect(again.json.code).toBe('REGISTRY_ID_NUMBER_DUPLICATE');
    expect(again.json.messages['zh-CN']).toBe('该证件号码已登记在荟萃社区 建工小区 3号楼 1单元 202');
  });

  it('does not say where a duplicate lives when that is outside my scope', async () => {
    const other = await userWith(t.platform, t.app, ['community_staff'], { placeIds: [tree.communityB] });
    const r = await other.post('/api/residents', { dwellingId: tree.dwellingsB[0], name: '张三', idNumber: ID });
    expect(r.status).toBe(409);
    expect(r.json.messages['zh-CN']).toBe('该证件号码已登记在其他社区 / another community');
    expect(r.body.toString()).not.toContain('荟萃');
  });

  it('keeps passports apart from resident IDs and derives nothing from them', async () => {
    const p = await staff.post('/api/residents', { dwellingId: tree.dwellingsA[5], name: 'John Smith', idType: 'passport', idNumber: 'e1234567' });
    expect(p.status).toBe(201);
    expect(p.json).toMatchObject({ idType: 'passport', birthDate: null, sex: null });
    expect(p.json.idNumberMasked).toBe(maskIdNumber('E1234567'));
    const dup = await staff.post('/api/residents', { dwellingId: tree.dwellingsA[5], name: 'J. Smith', idType: 'passport', idNumber: 'E1234567' });
    expect(dup.json.code).toBe('REGISTRY_ID_NUMBER_DUPLICATE');
    const otherType = await staff.post('/api/residents', { dwellingId: tree.dwellingsA[5], name: '同号不同证', idType: 'hkmo_permit', idNumber: 'E1234567' });
    expect(otherType.status).toBe(201);
  });

  it('refuses a phone number that is not a mainland mobile, and accepts +86 and spaces', async () => {
    for (const phone of ['12345', '1391234567', '23912345678', '139123456789']) {
      const r = await staff.post('/api/residents', { dwellingId: tree.dwellingsA[6], name: '坏号码', phone });
      expect(r.status, phone).toBe(400);
      expect(r.json.code).toBe('REGISTRY_PHONE_INVALID');
    }
    const ok = await staff.post('/api/residents', { dwellingId: tree.dwellingsA[6], name: '好号码', phone: '+86 137-1111-2222' });
    expect(ok.status).toBe(201);
    expect(ok.json.phoneMasked).toBe('*******2222');
  });
});

describe('finding residents', () => {
  let ids: Record<string, number>;

  beforeAll(async () => {
    const e = await admin.post('/api/employers', { name: '采油一厂' });
    const add = async (name: string, birth: string, seq: number, extra: object = {}) => {
      const r = await staff.post('/api/residents', { dwellingId: tree.dwellingsA[7], name, idNumber: makeIdNumber(birth, seq), ...extra });
      expect(r.status).toBe(201);
      return r.json.id as number;
    };
    ids = {
      elder: await add('赵老太', '19500315', 202, { tags: ['care_lone_elderly'], phone: '13800001111' }),
      worker: await add('赵工', '19850620', 301, { employerId: e.json.id, phone: '13800002222' }),
      child: await add('赵小朋友', '20180808', 402),
      other: await add('钱赵', '19850620', 503),
    };
  });

  it('finds residents by the start of their name only', async () => {
    const r = await staff.get(`/api/residents?q=${encodeURIComponent('赵')}`);
    expect(r.json.items.map((x: any) => x.name).sort()).toEqual(['赵小朋友', '赵工', '赵老太'].sort());
    expect(r.json.total).toBe(3);
    const pct = await staff.get(`/api/residents?q=${encodeURIComponent('%')}`);
    expect(pct.json.total).toBe(0);
  });

  it('finds a resident by the full ID number, in any spelling, but never by a part of it', async () => {
    const id = makeIdNumber('19500315', 202);
    const r = await staff.get(`/api/residents?q=${id}`);
    expect(r.json.items.map((x: any) => x.id)).toEqual([ids.elder]);
    expect((await staff.get(`/api/residents?q=${id.slice(0, 14)}`)).json.total).toBe(0);
    expect((await staff.get(`/api/residents?q=${id.slice(6, 14)}`)).json.total).toBe(0);
  });

  it('finds a resident by the full phone number, also written with +86, but never by a part of it', async () => {
    expect((await staff.get('/api/residents?q=13800002222')).json.items.map((x: any) => x.id)).toEqual([ids.worker]);
    expect((await staff.get(`/api/residents?q=${encodeURIComponent('+86 138 0000 2222')}`)).json.items.map((x: any) => x.id)).toEqual([ids.worker]);
    expect((await staff.get('/api/residents?q=1380000')).json.total).toBe(0);
    expect((await staff.get('/api/residents?q=2222')).json.total).toBe(0);
  });

  it('filters by tag, sex, employer and age', async () => {
    const tag = await staff.get('/api/residents?tag=care_lone_elderly');
    expect(tag.json.items.map((x: any) => x.id)).toEqual([ids.elder]);
    const female = await staff.get(`/api/residents?sex=female&placeId=${tree.dwellingsA[7]}`);
    expect(female.json.items.map((x: any) => x.id).sort()).toEqual([ids.elder, ids.child].sort());
    const employer = await staff.get(`/api/residents?employerId=${(await admin.get(`/api/employers?q=${encodeURIComponent('采油一厂')}`)).json.items[0].id}`);
    expect(employer.json.items.map((x: any) => x.id)).toEqual([ids.worker]);
    // Ages as on 19 June 2025: the worker born 20 June 1985 is still 39 that day.
    t.clock.set(new Date('2025-06-19T04:00:00Z'));
    try {
      const old = await staff.get(`/api/residents?ageMin=65&placeId=${tree.dwellingsA[7]}`);
      expect(old.json.items.map((x: any) => x.id)).toEqual([ids.elder]);
      const young = await staff.get(`/api/residents?ageMax=17&placeId=${tree.dwellingsA[7]}`);
      expect(young.json.items.map((x: any) => x.id)).toEqual([ids.child]);
      const middle = await staff.get(`/api/residents?ageMin=30&ageMax=50&placeId=${tree.dwellingsA[7]}`);
      expect(middle.json.items.map((x: any) => x.id).sort()).toEqual([ids.worker, ids.other].sort());
      const fortyYearOlds = await staff.get(`/api/residents?ageMin=40&ageMax=40&placeId=${tree.dwellingsA[7]}`);
      expect(fortyYearOlds.json.items).toEqual([]);
      const thirtyNine = await staff.get(`/api/residents?ageMin=39&ageMax=39&placeId=${tree.dwellingsA[7]}`);
      expect(thirtyNine.json.items.map((x: any) => x.id).sort()).toEqual([ids.worker, ids.other].sort());
    } finally {
      t.clock.set(new Date());
    }
  });

  it('counts ages on 29 February without failing', async () => {
    t.clock.set(new Date('2024-02-29T04:00:00Z'));
    try {
      const r = await staff.get(`/api/residents?ageMin=1&ageMax=30&placeId=${tree.dwellingsA[7]}`);
      expect(r.status).toBe(200);
      expect(r.json.items.map((x: any) => x.id)).toEqual([ids.child]);
    } finally {
      t.clock.set(new Date());
    }
  });

  it('pages through the results with the total', async () => {
    const p1 = await staff.get(`/api/residents?placeId=${tree.dwellingsA[7]}&pageSize=3&page=1`);
    const p2 = await staff.get(`/api/residents?placeId=${tree.dwellingsA[7]}&pageSize=3&page=2`);
    expect(p1.json.total).toBe(4);
    expect(p1.json.items).toHaveLength(3);
    expect(p2.json.items).toHaveLength(1);
    expect(new Set([...p1.json.items, ...p2.json.items].map((x: any) => x.id)).size).toBe(4);
  });

  it('exports the filtered table to Excel with numbers masked, and audits the export', async () => {
    const r = await staff.get(`/api/residents/export.xlsx?placeId=${tree.dwellingsA[7]}`);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    const rows = await readWorkbook(r.body);
    expect(rows[0]![3]).toBe('姓名 Name');
    expect(
      rows
        .slice(1)
        .map((x) => x[3])
        .sort(),
    ).toEqual(['赵小朋友', '赵工', '赵老太', '钱赵'].sort());
    const text = rows.flat().join('|');
    expect(text).toContain('*******1111');
    expect(text).not.toContain('13800001111');
    expect(text).not.toContain(makeIdNumber('19500315', 202));
    const logged = await audit('action=registry.resident.export');
    expect(logged[0]).toMatchObject({ actorName: 'huicuistaff', after: { rows: 4, filters: { placeId: tree.dwellingsA[7] } } });
  });
});

describe('changing and removing residents', () => {
  it('updates with the version it read and refuses a stale one, changing nothing', async () => {
    const c = await staff.post('/api/residents', { dwellingId: tree.dwellingsA[8], name: '孙七', phone: '13600001234' });
    const u = await staff.patch(`/api/residents/${c.json.id}`, { name: '孙七七', phone: '13600004321', version: 1 });
    expect(u.status).toBe(200);
    expect(u.json).toMatchObject({ name: '孙七七', phoneMasked: '*******4321', version: 2 });
    const stale = await staff.patch(`/api/residents/${c.json.id}`, { name: '孙八', version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.json.code).toBe('STALE_VERSION');
    expect((await staff.get(`/api/residents/${c.json.id}`)).json).toMatchObject({ name: '孙七七', version: 2 });
    const logged = await audit(`action=registry.resident.update&entityId=${c.json.id}`);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ before: { name: '孙七' }, after: { name: '孙七七', phoneChanged: true, idNumberChanged: false } });
    expect(JSON.stringify(logged[0])).not.toContain('13600004321');
  });

  it('changes an ID number only to a valid one, and re-derives birth date and sex', async () => {
    const c = await staff.post('/api/residents', { dwellingId: tree.dwellingsA[8], name: '周八', idNumber: makeIdNumber('19660606', 611) });
    const good = makeIdNumber('19660606', 611);
    const bad = await staff.patch(`/api/residents/${c.json.id}`, { idNumber: good.slice(0, 17) + (good[17] === '1' ? '2' : '1'), version: 1 });
    expect(bad.json.code).toBe('REGISTRY_ID_NUMBER_INVALID');
    expect((await staff.get(`/api/residents/${c.json.id}`)).json.version).toBe(1);
    const ok = await staff.patch(`/api/residents/${c.json.id}`, { idNumber: makeIdNumber('19770707', 712), version: 1 });
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ birthDate: '1977-07-07', sex: 'female', idNumberMasked: maskIdNumber(makeIdNumber('19770707', 712)) });
    const taken = await staff.patch(`/api/residents/${c.json.id}`, { idNumber: ID, version: 2 });
    expect(taken.status).toBe(409);
    expect(taken.json.code).toBe('REGISTRY_ID_NUMBER_DUPLICATE');
  });

  it('writes the change and its audit row together: when the audit row fails, the change is undone', async () => {
    const c = await staff.post('/api/residents', { dwellingId: tree.dwellingsA[9], name: '吴九', tags: ['volunteer'] });
    await t.platform.db.execute(
      sql.raw(`
      CREATE FUNCTION test_refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.entity_id = '${c.json.id}' AND NEW.action IN ('registry.resident.update', 'registry.resident.delete') THEN
          RAISE EXCEPTION 'audit store unavailable';
        END IF;
        RETURN NEW;
      END $$`),
    );
    await t.platform.db.execute(sql.raw('CREATE TRIGGER test_refuse_audit BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION test_refuse_audit()'));
    try {
      const u = await staff.patch(`/api/residents/${c.json.id}`, { name: '吴九改', tags: [], version: 1 });
      expect(u.status).toBe(500);
      expect(u.json.code).toBe('INTERNAL');
      expect(u.body.toString()).not.toContain('audit store unavailable');
      const d = await staff.delete(`/api/residents/${c.json.id}`);
      expect(d.status).toBe(500);
    } finally {
      await t.platform.db.execute(sql.raw('DROP TRIGGER test_refuse_audit ON audit_log'));
      await t.platform.db.execute(sql.raw('DROP FUNCTION test_refuse_audit()'));
    }
    expect((await staff.get(`/api/residents/${c.json.id}`)).json).toMatchObject({ name: '吴九', tags: ['volunteer'], version: 1 });
    expect(await audit(`entityType=resident&entityId=${c.json.id}`)).toEqual([expect.objectContaining({ action: 'registry.resident.create' })]);
  });

  it("deletes a resident, audits it, and disables the resident's own sign-in", async () => {
    const c = await staff.post('/api/residents', { dwellingId: tree.dwellingsA[9], name: '郑十', phone: '13500009999' });
    const account = await insertUser(t.platform.db, {
      username: `resident-${c.json.id}`,
      displayName: '郑十',
      kind: 'resident',
      residentId: c.json.id,
      roles: ['resident'],
    });
    const d = await staff.delete(`/api/residents/${c.json.id}`);
    expect(d.status).toBe(200);
    expect((await staff.get(`/api/residents/${c.json.id}`)).status).toBe(404);
    expect((await staff.delete(`/api/residents/${c.json.id}`)).status).toBe(404);
    const logged = await audit(`action=registry.resident.delete&entityId=${c.json.id}`);
    expect(logged[0].before).toMatchObject({ name: '郑十', hasPhone: true });
    const [u] = await queryRows<{ disabled: boolean }>(t.platform.db, sql`SELECT disabled_at IS NOT NULL AS disabled FROM users WHERE id = ${account.id}`);
    expect(u!.disabled).toBe(true);
  });
});

describe('revealing an ID or phone number', () => {
  let resident: any;
  beforeAll(async () => {
    resident = (
      await staff.post('/api/residents', { dwellingId: tree.dwellingsA[10], name: '冯核查', idNumber: makeIdNumber('19881111', 888), phone: '13788889999' })
    ).json;
  });

  it('is not for administrators', async () => {
    const r = await admin.post(`/api/residents/${resident.id}/reveal`, { field: 'idNumber', reason: '核对信息' });
    expect(r.status).toBe(403);
    expect(r.json.code).toBe('FORBIDDEN');
  });

  it('needs a reason', async () => {
    for (const body of [{ field: 'idNumber' }, { field: 'idNumber', reason: ' ' }, { field: 'name', reason: '核对信息' }]) {
      const r = await staff.post(`/api/residents/${resident.id}/reveal`, body);
      expect(r.status).toBe(400);
      expect(r.json.code).toBe('VALIDATION_FAILED');
    }
    expect((await staff.get(`/api/residents/${resident.id}`)).json.reveals).toEqual([]);
  });

  it('shows the number in clear, audits who, why and when, and lists it on the record', async () => {
    const r = await staff.post(`/api/residents/${resident.id}/reveal`, { field: 'idNumber', reason: '办理社保核对身份' });
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ field: 'idNumber', value: makeIdNumber('19881111', 888) });
    const p = await staff.post(`/api/residents/${resident.id}/reveal`, { field: 'phone', reason: '电话联系核酸结果' });
    expect(p.json).toEqual({ field: 'phone', value: '13788889999' });

    const logged = await audit(`action=registry.resident.reveal&entityId=${resident.id}`);
    expect(logged.map((a) => a.after)).toEqual([
      { field: 'phone', reason: '电话联系核酸结果' },
      { field: 'idNumber', reason: '办理社保核对身份' },
    ]);
    expect(logged[0].actorName).toBe('huicuistaff');

    const detail = await staff.get(`/api/residents/${resident.id}`);
    expect(detail.json.reveals).toEqual([
      { at: expect.any(String), actorName: 'huicuistaff', field: 'phone', reason: '电话联系核酸结果' },
      { at: expect.any(String), actorName: 'huicuistaff', field: 'idNumber', reason: '办理社保核对身份' },
    ]);
    expect(Date.parse(detail.json.reveals[0].at)).toBeGreaterThan(0);
    expect(detail.body.toString()).not.toContain('13788889999');
  });

  it('answers null for a number that is not on file', async () => {
    const bare = await staff.post('/api/residents', { dwellingId: tree.dwellingsA[10], name: '无号码' });
    const r = await staff.post(`/api/residents/${bare.json.id}/reveal`, { field: 'phone', reason: '联系家属' });
    expect(r.json).toEqual({ field: 'phone', value: null });
  });
});

describe('households', () => {
  it("lists households with their head and size, by place and by the head's name", async () => {
    const r = await staff.get(`/api/households?placeId=${tree.dwellingsA[0]}`);
    expect(r.status).toBe(200);
    expect(r.json.items).toEqual([
      expect.objectContaining({ dwellingId: tree.dwellingsA[0], dwellingLabel: '荟萃社区 建工小区 3号楼 1单元 101', headName: '张三', members: 2 }),
    ]);
    const byName = await staff.get(`/api/households?q=${encodeURIComponent('张小')}`);
    expect(byName.json.items.map((h: any) => h.headName)).toEqual(['张三']);
  });

  it('opens empty households, two at one flat if need be, and deletes only an empty one', async () => {
    const flat = tree.dwellingsA[11];
    const h1 = await staff.post('/api/households', { dwellingId: flat, note: '租户' });
    expect(h1.status).toBe(201);
    expect(h1.json).toMatchObject({ dwellingId: flat, members: 0, headName: null, note: '租户' });
    const h2 = await staff.post('/api/households', { dwellingId: flat });
    expect(h2.status).toBe(201);
    expect(h2.json.id).not.toBe(h1.json.id);
    expect(h2.json.note).toBeNull();
    expect((await staff.get(`/api/households?placeId=${flat}`)).json.total).toBe(2);

    await staff.post('/api/residents', { householdId: h1.json.id, name: '租客' });
    const full = await staff.delete(`/api/households/${h1.json.id}`);
    expect(full.status).toBe(409);
    expect(full.json.code).toBe('REGISTRY_HOUSEHOLD_NOT_EMPTY');
    expect((await staff.delete(`/api/households/${h2.json.id}`)).status).toBe(200);
    expect((await staff.get(`/api/households?placeId=${flat}`)).json.items.map((h: any) => h.id)).toEqual([h1.json.id]);
    expect(await audit(`action=registry.household.delete&entityId=${h2.json.id}`)).toHaveLength(1);
    const notFlat = await staff.post('/api/households', { dwellingId: tree.compoundA });
    expect(notFlat.json.code).toBe('REGISTRY_NOT_A_DWELLING');
  });
});
