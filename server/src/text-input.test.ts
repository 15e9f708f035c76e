import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryOne } from './platform/db/database.js';
import { buildSmallTree, type SmallTree } from './test-support/fixtures.js';
import { anonymous, userWith, type TestClient } from './test-support/http-client.js';
import { ok, repairCategory } from './test-support/servicedesk.js';
import { createTestPlatform, type TestPlatform } from './test-support/test-platform.js';
import { importAndValidate, residentWorkbook } from './test-support/workbooks.js';

/**
 * Every text a person sends is normalised (NFC, no control or zero-width characters, trimmed)
 * and refused where nothing is left; a NUL character anywhere is a clear 400, never a 500.
 */
let t: TestPlatform;
let admin: TestClient;
let tree: SmallTree;
let apiKey: string;

/** Only invisible characters: zero-width space, non-joiner, joiner, word joiner, BOM, a direction override, controls. */
const INVISIBLE = '\u200b\u200c\u200d\u2060\ufeff\u202e\u0001\u001f\u007f \u3000';

const count = async (table: string) => (await queryOne<{ n: number }>(t.platform.db, sql.raw(`SELECT count(*)::int AS n FROM ${table}`)))!.n;

beforeAll(async () => {
  t = await createTestPlatform();
  admin = await userWith(t.platform, t.app, ['admin', 'center_coordinator'], { all: true }, 'textadmin');
  tree = await buildSmallTree(admin);
  const team = await ok(admin.post('/api/servicedesk/teams', { name: '维修队', placeId: tree.communityA, leaderUserId: null, memberUserIds: [] }));
  await ok(admin.post('/api/servicedesk/categories', repairCategory('text.leak', team.id)));
  apiKey = (
    await ok(
      admin.post('/api/api-tokens', { name: '热线平台', permissions: ['servicedesk.intake', 'servicedesk.read'], scope: { placeIds: [tree.communityA] } }),
    )
  ).secret;
});
afterAll(() => t.close());

describe('a name made only of invisible characters', () => {
  it('is refused with a clear 400 on the field, in both languages, wherever a name or reason is given, and nothing is stored', async () => {
    const resident = (await ok(admin.post('/api/residents', { dwellingId: tree.dwellingsA[0], name: '王五' }))).id;
    const tries: [string, string, string, unknown][] = [
      ['POST', '/api/residents', 'name', { dwellingId: tree.dwellingsA[1], name: INVISIBLE }],
      ['PATCH', `/api/residents/${resident}`, 'name', { name: INVISIBLE, version: 1 }],
      ['POST', '/api/places', 'name', { parentId: tree.compoundA, type: 'building', name: INVISIBLE }],
      ['POST', '/api/employers', 'name', { name: INVISIBLE }],
      ['POST', '/api/users', 'displayName', { username: 'blankname', displayName: INVISIBLE, roles: ['volunteer'], scope: { placeIds: [tree.communityA] } }],
      ['POST', '/api/servicedesk/teams', 'name', { name: INVISIBLE, placeId: tree.communityA, leaderUserId: null, memberUserIds: [] }],
      ['POST', `/api/residents/${resident}/reveal`, 'reason', { field: 'phone', reason: `核${INVISIBLE}` }],
      [
        'POST',
        '/api/obligation-rules',
        'title.zh-CN',
        {
          kind: 'text.check',
          title: { 'zh-CN': INVISIBLE, 'en-US': 'Patrol' },
          placeId: tree.communityA,
          responsibleRole: 'community_staff',
          recurrence: 'daily',
          times: ['09:00'],
          startsOn: '2026-01-01',
        },
      ],
    ];
    const tables = ['residents', 'places', 'employers', 'users', 'sd_teams', 'obligation_rules'];
    const before = await Promise.all(tables.map(count));
    const audited = await count('audit_log');
    for (const [method, url, field, body] of tries) {
      const r = await admin.request(method as 'POST', url, body);
      expect([url, r.status, r.json.code]).toEqual([url, 400, 'VALIDATION_FAILED']);
      const e = r.json.errors.find((x: { path: string }) => x.path === field);
      expect(e, `${url}: ${JSON.stringify(r.json.errors)}`).toBeDefined();
      if (field !== 'reason') {
        expect(e).toEqual({
          path: field,
          code: 'text_empty',
          message: {
            'zh-CN': '不能为空（空格、控制字符和不可见字符不计）',
            'en-US': 'Must not be empty (spaces, control and invisible characters do not count)',
          },
        });
      }
    }
    expect(await Promise.all(tables.map(count))).toEqual(before);
    expect(await count('audit_log')).toBe(audited);
    expect((await ok(admin.get(`/api/residents/${resident}`))).name).toBe('王五');
  });

  it('is stored without the invisible characters, composed, when something visible is left', async () => {
    const r = await ok(admin.post('/api/residents', { dwellingId: tree.dwellingsA[2], name: `\u200b 李\u200d四\ufeff `, note: '第一行\r\n\u200b第二行' }));
    expect(r).toMatchObject({ name: '李四', note: '第一行\n第二行' });
    const e = await ok(admin.post('/api/employers', { name: 'Café Rene\u0301' }));
    expect(e.name).toBe('Café René');
    expect(e.name).toBe(e.name.normalize('NFC'));
  });

  it("is taken out of an uploaded file's name", async () => {
    const file = await residentWorkbook([
      { community: '荟萃社区', compound: '建工小区', building: '3号楼', stairwell: '1单元', dwelling: '101', name: '文件名' },
    ]);
    const job = await importAndValidate(admin, file, '\u200b名册\u202e\u0007.xlsx');
    expect(job.fileName).toBe('名册.xlsx');
  });

  it('is refused in an imported row as a missing name', async () => {
    const file = await residentWorkbook([
      { community: '荟萃社区', compound: '建工小区', building: '3号楼', stairwell: '1单元', dwelling: '101', name: '\u200b\u200c\u200d\ufeff' },
    ]);
    const job = await importAndValidate(admin, file);
    expect(job).toMatchObject({ status: 'validated', validRows: 0, errorRows: 1 });
    const errors = (await ok(admin.get(`/api/imports/${job.id}/errors`))).items;
    expect(errors.map((x: { column: string; code: string }) => [x.column, x.code])).toEqual([['姓名', 'ROW_REQUIRED']]);
  });
});

describe('a NUL character', () => {
  const NUL_MESSAGES = {
    'zh-CN': '提交的内容含有不允许的空字符（NUL，\\u0000），请删除后重试',
    'en-US': 'The input contains a NUL character (\\u0000), which is not allowed; remove it and try again',
  };

  it('in a query, a path or a JSON body (keys included) is refused up front with a clear 400', async () => {
    const [residents, employers] = [await count('residents'), await count('employers')];
    for (const [method, url, body] of [
      ['GET', '/api/residents?q=%00', undefined],
      ['GET', '/api/places/search?q=a%00b', undefined],
      ['GET', '/api/inbound/declarations/status?token=%00aaaaaaaaaaaaaaaaaaaaaa', undefined],
      ['POST', '/api/residents', { dwellingId: tree.dwellingsA[3], name: '赵\u0000六' }],
      ['POST', '/api/me/password', { currentPassword: 'x\u0000', newPassword: 'Another-pass-22' }],
      ['POST', '/api/employers', { name: '钻井三公司', 'x\u0000': 1 }],
    ] as const) {
      const r = await admin.request(method, url, body);
      expect([url, r.status, r.json.code, r.json.messages]).toEqual([url, 400, 'INPUT_NUL_CHARACTER', NUL_MESSAGES]);
    }
    expect([await count('residents'), await count('employers')]).toEqual([residents, employers]);
    const login = await anonymous(t.app).post('/api/auth/login', { username: 'textadmin', password: 'Test-password-1\u0000' });
    expect([login.status, login.json.code]).toEqual([400, 'INPUT_NUL_CHARACTER']);
  });

  it('in an Open311 parameter gets an Open311 error with 400, anonymous or with a key', async () => {
    for (const url of [
      '/open311/v2/requests.json?service_code=%00',
      '/open311/v2/services.json?jurisdiction_id=%00',
      '/open311/v2/requests/%00.json',
      `/open311/v2/requests.json?api_key=${apiKey}&status=open%00`,
    ]) {
      const r = await t.app.inject({ method: 'GET', url });
      expect([url, r.statusCode]).toEqual([url, 400]);
      expect(r.json()).toEqual([{ code: 400, description: `INPUT_NUL_CHARACTER: ${NUL_MESSAGES['zh-CN']}` }]);
    }
    const posted = await t.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `api_key=${apiKey}&service_code=text.leak&address_id=${tree.dwellingsA[0]}&description=%E6%BC%8F%00%E6%B0%B4`,
    });
    expect(posted.statusCode).toBe(400);
    expect(await count('sd_orders')).toBe(0);
  });
});

describe('Open311', () => {
  it('answers a value the database refuses (SQLSTATE class 22) with 400, not 500', async () => {
    // Stands in for any value PostgreSQL cannot hold that got past the checks.
    await t.platform.db.execute(
      sql.raw(
        `CREATE FUNCTION test_refuse_text() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused' USING ERRCODE = 'character_not_in_repertoire'; END $$`,
      ),
    );
    await t.platform.db.execute(sql.raw('CREATE TRIGGER test_refuse_text BEFORE INSERT ON sd_orders FOR EACH ROW EXECUTE FUNCTION test_refuse_text()'));
    try {
      const r = await t.app.inject({
        method: 'POST',
        url: '/open311/v2/requests.json',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: `api_key=${apiKey}&service_code=text.leak&address_id=${tree.dwellingsA[0]}&description=leak`,
      });
      expect(r.statusCode).toBe(400);
      expect(r.json()).toEqual([{ code: 400, description: 'BAD_REQUEST: 请求格式不正确' }]);
    } finally {
      await t.platform.db.execute(sql.raw('DROP TRIGGER test_refuse_text ON sd_orders'));
      await t.platform.db.execute(sql.raw('DROP FUNCTION test_refuse_text()'));
    }
  });

  it('stores a posted request with its texts normalised, and no reporter name made of invisible characters', async () => {
    const r = await t.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        api_key: apiKey,
        service_code: 'text.leak',
        address_id: String(tree.dwellingsA[0]),
        description: '\u200b楼道\u200d漏水\r\n二楼',
        first_name: INVISIBLE,
        last_name: '\u200b',
      }).toString(),
    });
    expect(r.statusCode).toBe(200);
    const id = Number(r.json()[0].service_request_id);
    const row = await queryOne<{ description: string; reporter_name: string | null }>(
      t.platform.db,
      sql`SELECT description, reporter_name FROM sd_orders WHERE id = ${id}`,
    );
    expect(row).toEqual({ description: '楼道漏水\n二楼', reporter_name: null });
  });
});
