import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { queryRows } from '../db/database.js';
import { buildSmallTree, makeIdNumber, type SmallTree } from '../../test-support/fixtures.js';
import { TestClient, userWith } from '../../test-support/http-client.js';
import { itOnPostgres } from '../../test-support/postgres-only.js';
import { ok } from '../../test-support/servicedesk.js';
import { createTestPlatform, type TestPlatform } from '../../test-support/test-platform.js';

/**
 * A masked number leaves candidates a search could confirm one by one: every search or
 * verification by a full ID or phone number is counted per caller and minute (20 by default,
 * JIAYUAN_IDENTIFIER_SEARCHES_PER_MINUTE) and audited, without the number.
 */
let t: TestPlatform;
let tree: SmallTree;
let admin: TestClient;
let staff: TestClient & { userId: number };
let other: TestClient & { userId: number };
let device: TestClient;
let gateId: number;
const LIMIT = 20;
const ID_NUMBER = makeIdNumber('19800301', 517);
const PHONE = '13912345678';

interface AuditRow {
  actor_user_id: number | null;
  actor_token_id: number | null;
  after: { kind: string; purpose: string; masked: string; ref: string };
  row: string;
}
const searchesAudited = () =>
  queryRows<AuditRow>(
    t.platform.db,
    sql`SELECT actor_user_id, actor_token_id, after, a::text AS row FROM audit_log a WHERE action = 'identifier.searched' ORDER BY id`,
  );

/** Puts the clock a second into a minute of its own, so a test's searches all fall into one minute. */
let minutes = 0;
function freshMinute() {
  minutes += 2;
  t.clock.set(new Date((Math.floor(Date.now() / 60000) + minutes) * 60000 + 1000));
}

beforeAll(async () => {
  t = await createTestPlatform();
  admin = await userWith(t.platform, t.app, ['admin', 'center_coordinator'], { all: true }, 'idsadmin');
  tree = await buildSmallTree(admin);
  staff = await userWith(t.platform, t.app, ['community_staff'], { placeIds: [tree.communityA] }, 'idsstaff');
  other = await userWith(t.platform, t.app, ['community_staff'], { placeIds: [tree.communityA] }, 'idsother');
  await ok(admin.post('/api/residents', { dwellingId: tree.dwellingsA[0], name: '查询甲', idNumber: ID_NUMBER, phone: PHONE }), 'resident');
  gateId = (await ok(staff.post('/api/access/gates', { name: '东门', kind: 'gate', placeId: tree.compoundA }), 'gate')).id;
  device = new TestClient(t.app, null, null, 'zh-CN', (await ok(staff.post(`/api/access/gates/${gateId}/tokens`, {}), 'token')).secret);
});
afterAll(() => t.close());
beforeEach(() => freshMinute());

describe('a search by a full ID or phone number', () => {
  it('is written to the audit log with who, which kind and which search, never the number', async () => {
    const before = (await searchesAudited()).length;
    expect((await staff.get(`/api/residents?q=${PHONE}`)).json.total).toBe(1);
    expect((await staff.get(`/api/residents?q=${ID_NUMBER}`)).json.total).toBe(1);
    expect((await staff.get(`/api/residents/export.xlsx?q=${ID_NUMBER}`)).status).toBe(200);
    expect((await staff.get(`/api/servicedesk/caller?phone=${PHONE}`)).json.items).toHaveLength(1);
    expect((await device.post('/api/access/gate/verify', { gateId, idNumber: ID_NUMBER })).status).toBe(200);
    // A name is not an identifier: neither counted nor audited.
    expect((await staff.get(`/api/residents?q=${encodeURIComponent('查询')}`)).json.total).toBe(1);

    const rows = (await searchesAudited()).slice(before);
    expect(rows.map((r) => [r.actor_user_id ?? `token ${r.actor_token_id}`, r.after.kind, r.after.purpose, r.after.masked])).toEqual([
      [staff.userId, 'phone', 'registry.residents', '*******5678'],
      [staff.userId, 'idNumber', 'registry.residents', `**************${ID_NUMBER.slice(-4)}`],
      [staff.userId, 'idNumber', 'registry.residents_export', `**************${ID_NUMBER.slice(-4)}`],
      [staff.userId, 'phone', 'servicedesk.caller', '*******5678'],
      [expect.stringMatching(/^token \d+$/), 'idNumber', 'access.gate_verify', `**************${ID_NUMBER.slice(-4)}`],
    ]);
    // The reference tells one number from another (a guess at a masked number shows the same last four).
    expect(rows[1]!.after.ref).toMatch(/^[0-9a-f]{12}$/);
    expect(rows[1]!.after.ref).toBe(rows[2]!.after.ref);
    expect(rows[1]!.after.ref).not.toBe(rows[0]!.after.ref);
    for (const r of rows) {
      for (const n of [PHONE, ID_NUMBER, ID_NUMBER.slice(0, 14), Buffer.from(PHONE).toString('hex')]) expect(r.row).not.toContain(n);
    }
  });

  it(`is refused with a clear 429 after ${LIMIT} in a minute, for that caller only, and nothing is searched or audited`, async () => {
    const before = (await searchesAudited()).length;
    for (let i = 0; i < LIMIT; i++) expect((await staff.get(`/api/residents?q=1391234${String(i).padStart(4, '0')}`)).status).toBe(200);
    const refused = await staff.get(`/api/residents?q=${PHONE}`);
    expect(refused.status).toBe(429);
    expect(refused.json.code).toBe('IDENTIFIER_SEARCH_LIMIT');
    expect(refused.json.messages['zh-CN']).toMatch(/^按完整证件号或手机号查询过于频繁（每分钟最多 20 次），请 \d+ 秒后再试$/);
    expect(refused.json.messages['en-US']).toMatch(/^Too many searches by a full ID or phone number \(at most 20 a minute\); try again in \d+ s$/);
    // Every identifier search of the caller counts against the one limit, whichever endpoint.
    expect((await staff.get(`/api/servicedesk/caller?phone=${PHONE}`)).status).toBe(429);
    expect((await staff.get(`/api/residents/export.xlsx?q=${ID_NUMBER}`)).status).toBe(429);
    // A name search is not limited, and another user has a limit of their own.
    expect((await staff.get(`/api/residents?q=${encodeURIComponent('查询')}`)).status).toBe(200);
    expect((await other.get(`/api/residents?q=${PHONE}`)).json.total).toBe(1);
    expect((await searchesAudited()).length - before).toBe(LIMIT + 1);
    expect((await queryRows<{ n: number }>(t.platform.db, sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'registry.resident.export'`))[0]!.n).toBe(
      1,
    );

    // The next minute, the caller may search again.
    t.clock.advance(60000);
    expect((await staff.get(`/api/residents?q=${PHONE}`)).json.total).toBe(1);
  });

  it('is limited for a gate device token as for a person', async () => {
    for (let i = 0; i < LIMIT; i++) expect((await device.post('/api/access/gate/verify', { gateId, idNumber: makeIdNumber('19900101', i) })).status).toBe(200);
    const refused = await device.post('/api/access/gate/verify', { gateId, idNumber: ID_NUMBER });
    expect(refused.status).toBe(429);
    expect(refused.json.code).toBe('IDENTIFIER_SEARCH_LIMIT');
    // Scanning a pass is not an identifier search.
    expect((await device.post('/api/access/gate/verify', { gateId, plate: '鲁E99999' })).json).toMatchObject({ decision: 'referred', reason: 'no_pass' });
  });

  itOnPostgres(`gives exactly ${LIMIT} of 35 parallel searches by one user an answer, and the rest a 429`, async () => {
    const racer = await userWith(t.platform, t.app, ['community_staff'], { placeIds: [tree.communityA] }, 'idsracer');
    const before = (await searchesAudited()).length;
    const answers = await Promise.all(Array.from({ length: 35 }, (_, i) => racer.get(`/api/residents?q=1390000${String(i).padStart(4, '0')}`)));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(LIMIT);
    expect(statuses.filter((s) => s === 429)).toHaveLength(35 - LIMIT);
    expect((await searchesAudited()).length - before).toBe(LIMIT);
    const [count] = await queryRows<{ searches: number }>(
      t.platform.db,
      sql`SELECT searches FROM identifier_search_counts WHERE subject = ${`user:${racer.userId}`}`,
    );
    expect(count!.searches).toBe(LIMIT);
  });
});

describe('what a masked record gives away', () => {
  it('shows the last four digits only, and the birth date only to those who may reveal (others get the age)', async () => {
    const age = (today: string) => Number(today.slice(0, 4)) - 1980 - (today.slice(5) >= '03-01' ? 0 : 1);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(t.clock.now());
    const auditor = await userWith(t.platform, t.app, ['auditor'], { placeIds: [tree.communityA] }, 'idsauditor');
    const admins = await userWith(t.platform, t.app, ['admin'], { all: true }, 'idsadmin2');
    for (const reader of [auditor, admins]) {
      const [r] = (await reader.get(`/api/residents?placeId=${tree.communityA}`)).json.items;
      expect(r).toMatchObject({ idNumberMasked: `**************${ID_NUMBER.slice(-4)}`, phoneMasked: '*******5678', birthDate: null, age: age(today) });
      const detail = (await reader.get(`/api/residents/${r.id}`)).json;
      expect(detail).toMatchObject({ birthDate: null, age: age(today) });
    }
    // Community staff may reveal in their scope: they see the birth date (and still only the mask).
    const [mine] = (await staff.get(`/api/residents?placeId=${tree.communityA}`)).json.items;
    expect(mine).toMatchObject({ idNumberMasked: `**************${ID_NUMBER.slice(-4)}`, birthDate: '1980-03-01', age: age(today) });
  });
});
