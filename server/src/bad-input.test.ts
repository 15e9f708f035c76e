import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { dumpTables } from './test-support/database-dump.js';
import { buildSmallTree, type SmallTree } from './test-support/fixtures.js';
import { anonymous, userWith, type TestClient } from './test-support/http-client.js';
import { createTestPlatformWithRoutes } from './test-support/routes.js';
import { residentClient } from './test-support/servicedesk.js';

/**
 * Whatever arrives, the answer is a problem document with a stable code and both
 * languages, never a 500, and nothing in the database changes.
 */
const { t, routes } = await createTestPlatformWithRoutes();
const api = routes.filter((r) => r.url.startsWith('/api/') && !r.url.startsWith('/api/docs'));
const writes = api.filter((r) => r.method !== 'GET');
const reads = api.filter((r) => r.method === 'GET' && r.schema?.querystring);
/** Server-sent events never end: only requests that fail validation may be sent there. */
const STREAMING = new Set(['GET /api/events']);

let admin: TestClient;
/** Routes only residents may call refuse staff before reading the input; a resident sends to those. */
let resident: TestClient;
const callerFor = (r: { access: unknown }) => (r.access === 'resident' ? resident : admin);
let tree: SmallTree;
let residentId: number;

beforeAll(async () => {
  // Every permission, so that no answer is a refusal before the input is read.
  admin = await userWith(t.platform, t.app, ['admin', 'center_coordinator', 'community_staff', 'health_worker', 'auditor'], { all: true }, 'badinputadmin');
  tree = await buildSmallTree(admin);
  residentId = (await admin.post('/api/residents', { dwellingId: tree.dwellingsA[0], name: '输入测试', phone: '13955550000' })).json.id;
  resident = await residentClient(t, '13955550000');
});
afterAll(() => t.close());

/** Fills a route's path parameters with plausible values. */
function withParams(url: string, values: Record<string, string> = {}) {
  return url.replace(/:(\w+)/g, (_, k: string) => values[k] ?? (k === 'kind' ? 'residents' : k === 'date' ? '2026-01-05' : String(residentId)));
}

function expectProblem(r: { status: number; json: any; headers: Record<string, unknown> }, status: number, code: string, lang: 'zh-CN' | 'en-US' = 'zh-CN') {
  expect(r.status).toBe(status);
  expect(String(r.headers['content-type'])).toContain('application/problem+json');
  expect(r.json).toMatchObject({ status, code, type: `https://jiayuan.dev/problems/${code.toLowerCase().replaceAll('_', '-')}` });
  expect(r.json.messages['zh-CN']).toMatch(/\S/);
  expect(r.json.messages['en-US']).toMatch(/\S/);
  expect(r.json.title).toBe(r.json.messages[lang]);
}

async function rawRequest(method: string, url: string, payload: string | Buffer, headers: Record<string, string> = {}, client: TestClient = admin) {
  const res = await t.app.inject({
    method: method as 'POST',
    url,
    payload,
    headers: { cookie: client.cookie ?? '', 'x-csrf-token': client.csrf ?? '', 'content-type': 'application/json', ...headers },
  });
  let json: any;
  try {
    json = res.json();
  } catch {
    json = undefined;
  }
  return { status: res.statusCode, json, headers: res.headers as Record<string, unknown> };
}

describe('malformed requests', () => {
  it("answer a malformed JSON body with BAD_REQUEST in the caller's language", async () => {
    const zh = await rawRequest('POST', '/api/employers', '{"name": ');
    expectProblem(zh, 400, 'BAD_REQUEST');
    expect(zh.json.title).toBe('请求格式不正确');
    const en = await rawRequest('POST', '/api/employers', '{"name": ', { 'accept-language': 'en-US,en;q=0.8' });
    expectProblem(en, 400, 'BAD_REQUEST', 'en-US');
    expect(en.json.title).toBe('The request is malformed');
    expect(en.json.requestId).toMatch(/\S/);
    const byQuery = await rawRequest('POST', '/api/employers?lang=en-US', '{');
    expect(byQuery.json.title).toBe('The request is malformed');
  });

  it('refuse malformed JSON on every write route, changing nothing', async () => {
    const before = await dumpTables(t.platform.db);
    const failures: string[] = [];
    for (const r of writes) {
      const res = await rawRequest(r.method, withParams(r.url), '{"oops": [1, 2,', {}, callerFor(r));
      if (res.status !== 400 || res.json?.code !== 'BAD_REQUEST') failures.push(`${r.method} ${r.url}: ${res.status} ${res.json?.code}`);
    }
    expect(failures).toEqual([]);
    expect(await dumpTables(t.platform.db)).toEqual(before);
  });

  it('list each missing or wrong field with a message in both languages', async () => {
    const r = await admin.post('/api/residents', { tags: ['not_a_tag'], phone: 12345 });
    expectProblem(r, 400, 'VALIDATION_FAILED');
    const byPath = Object.fromEntries(r.json.errors.map((e: any) => [e.path, e]));
    expect(Object.keys(byPath)).toEqual(expect.arrayContaining(['name', 'tags.0', 'phone']));
    for (const e of r.json.errors) {
      expect(e.message['zh-CN']).toMatch(/\S/);
      expect(e.message['en-US']).toMatch(/\S/);
      expect(e.message['zh-CN']).not.toBe(e.message['en-US']);
    }
    const places = await admin.request('POST', '/api/places', {}, { 'accept-language': 'en-US' });
    expectProblem(places, 400, 'VALIDATION_FAILED', 'en-US');
    expect(places.json.errors.map((e: any) => e.path).sort()).toEqual(['name', 'parentId', 'type']);
  });

  it('refuse a wrong id or body on every write route, changing nothing', async () => {
    const before = await dumpTables(t.platform.db);
    const failures: string[] = [];
    let tried = 0;
    for (const r of writes) {
      const hasParams = r.url.includes(':');
      if (!hasParams && !r.schema?.body) continue;
      tried++;
      const url = hasParams ? r.url.replace(/:(\w+)/g, 'not-an-id') : r.url;
      const res = await callerFor(r).request(r.method as 'POST', url, hasParams ? {} : [1, 2, 3]);
      if (res.status !== 400 || res.json?.code !== 'VALIDATION_FAILED' || !(res.json.errors?.length > 0)) {
        failures.push(`${r.method} ${url}: ${res.status} ${res.json?.code}`);
      }
    }
    expect(tried).toBeGreaterThan(30);
    expect(failures).toEqual([]);
    expect(await dumpTables(t.platform.db)).toEqual(before);
  });

  it('refuse a query string value of the wrong type on every read route, naming the field', async () => {
    const bad = ['abc', '-1', '1.5', '99999999999999999999', 'x'.repeat(300)];
    const failures: string[] = [];
    for (const r of reads) {
      const shape = (r.schema!.querystring as z.ZodObject).shape as Record<string, unknown>;
      for (const key of Object.keys(shape)) {
        let refused = false;
        for (const value of STREAMING.has(`${r.method} ${r.url}`) ? ['x'.repeat(300)] : bad) {
          const res = await callerFor(r).get(`${withParams(r.url)}?${key}=${encodeURIComponent(value)}`);
          if (res.status >= 500) failures.push(`${r.url}?${key}=${value.slice(0, 20)}: ${res.status}`);
          if (res.status === 400 && res.json.code === 'VALIDATION_FAILED' && res.json.errors.some((e: any) => e.path === key)) refused = true;
        }
        if (!refused) failures.push(`${r.url}?${key}: no bad value was refused`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('answer an unknown route with ROUTE_NOT_FOUND, signed in or not', async () => {
    for (const client of [admin, anonymous(t.app)]) {
      for (const [method, url] of [
        ['GET', '/api/nothing-here'],
        ['GET', `/api/residents/${residentId}/nothing`],
        ['POST', '/api/places/1/teleport'],
        ['DELETE', '/api/audit'],
      ] as const) {
        const r = await client.request(method, url, method === 'GET' ? undefined : {});
        expectProblem(r, 404, 'ROUTE_NOT_FOUND');
      }
    }
  });
});

describe('passes and gates', () => {
  it('refuse a plate that is not Chinese, a verification with two subjects, and a gate event from the future, changing nothing', async () => {
    const gate = (await admin.post('/api/access/gates', { name: '输入测试门', kind: 'gate', placeId: tree.compoundA })).json.id as number;
    const before = await dumpTables(t.platform.db, ['sessions']);
    const answers = [
      await admin.post('/api/access/passes', { kind: 'vehicle_pass', plate: 'AB12345', holderName: '司机', placeId: tree.compoundA }),
      await admin.post('/api/access/passes', { kind: 'entry_ticket', residentId, maxUses: 0 }),
      await admin.post('/api/access/gate/verify', { gateId: gate, plate: '鲁E12345', idNumber: '370502198001011230' }),
      await admin.post('/api/access/gate/events', {
        clientId: 'not-a-uuid',
        gateId: gate,
        at: new Date().toISOString(),
        subject: 'person',
        direction: 'in',
        decision: 'allowed',
      }),
      await admin.post('/api/access/gate/events', {
        clientId: crypto.randomUUID(),
        gateId: gate,
        at: '2099-01-01T00:00:00Z',
        subject: 'person',
        direction: 'in',
        decision: 'allowed',
      }),
      await admin.post('/api/access/gate/events/sync', { events: [] }),
      await admin.post('/api/access/gates', { name: '楼门', kind: 'gate', placeId: tree.buildingA }),
    ];
    expect(answers.map((a) => a.status)).toEqual([400, 400, 400, 400, 400, 400, 400]);
    expect(answers.map((a) => a.json.code)).toEqual([
      'VALIDATION_FAILED',
      'VALIDATION_FAILED',
      'VALIDATION_FAILED',
      'VALIDATION_FAILED',
      'ACCESS_EVENT_TIME',
      'VALIDATION_FAILED',
      'ACCESS_PLACE_NOT_FOR_GATE',
    ]);
    for (const a of answers) expectProblem(a, 400, a.json.code);
    expect(await dumpTables(t.platform.db, ['sessions'])).toEqual(before);
  });
});

describe('out-of-range values', () => {
  it('refuse ids that are not positive safe integers, and find nothing for large ones', async () => {
    for (const id of ['0', '-5', '1.5', '99999999999999999999', '9007199254740992', 'NaN']) {
      expectProblem(await admin.get(`/api/residents/${id}`), 400, 'VALIDATION_FAILED');
    }
    expectProblem(await admin.get('/api/residents/9007199254740991'), 404, 'NOT_FOUND');
    expectProblem(await admin.get('/api/places/2147483648'), 404, 'NOT_FOUND');
  });

  it('refuse numbers and dates the database cannot hold as bad requests, changing nothing', async () => {
    const before = await dumpTables(t.platform.db, ['sessions']);
    const version = 1;
    const answers = [
      await admin.post('/api/places', { parentId: tree.compoundA, type: 'building', name: '巨大排序', sortOrder: 2 ** 40 }),
      await admin.patch(`/api/places/${tree.compoundA}`, { sortOrder: -(2 ** 35), version }),
      await admin.put('/api/calendar/overrides', { date: '2026-02-30', workday: true }),
      await admin.delete('/api/calendar/overrides/2026-13-01'),
      await admin.get('/api/calendar?from=2026-02-30&to=2026-03-02'),
      await admin.post('/api/obligation-rules', {
        kind: 'bad.date',
        title: { 'zh-CN': '坏日期', 'en-US': 'Bad date' },
        placeId: tree.communityA,
        responsibleRole: 'community_staff',
        recurrence: 'daily',
        times: ['09:00'],
        startsOn: '2026-04-31',
      }),
      await admin.post('/api/notifications/read', { ids: [2 ** 53 + 10] }),
      await admin.post('/api/containment/cases', { dwellingId: tree.dwellingsA[0], kind: 'confirmed', reportedOn: '2026-02-30' }),
      await admin.put(`/api/containment/settings/${tree.communityA}`, {
        stairwell: 1,
        building: 2,
        compound: 2 ** 40,
        windowDays: 14,
        releaseDays: 14,
        autoConfirm: false,
        countSuspected: false,
      }),
      await admin.post('/api/containment/orders', { placeId: tree.buildingA, reason: '坏日期', releaseOn: '2026-13-01' }),
      await admin.get('/api/containment/orders?status=sealed'),
    ];
    expect(answers.map((a) => a.status)).toEqual([400, 400, 400, 400, 400, 400, 400, 400, 400, 400, 400]);
    for (const a of answers) expect(['BAD_REQUEST', 'VALIDATION_FAILED']).toContain(a.json.code);
    expect(await dumpTables(t.platform.db, ['sessions'])).toEqual(before);
  });

  it('refuse text with a NUL character as a bad request, changing nothing', async () => {
    const before = await dumpTables(t.platform.db, ['sessions']);
    const answers = [
      await admin.post('/api/employers', { name: '零\u0000字符' }),
      await admin.post('/api/places', { parentId: tree.compoundA, type: 'building', name: '属性楼', attrs: { note: 'a\u0000b' } }),
      await admin.get(`/api/residents?q=${encodeURIComponent('张\u0000')}`),
      await admin.post('/api/containment/orders', { placeId: tree.buildingA, reason: '封\u0000控' }),
    ];
    expect(answers.map((a) => a.status)).toEqual([400, 400, 400, 400]);
    expect(await dumpTables(t.platform.db, ['sessions'])).toEqual(before);
  });

  it('refuse over-long strings and oversized bodies', async () => {
    expectProblem(await admin.post('/api/employers', { name: '长'.repeat(100000) }), 400, 'VALIDATION_FAILED');
    const huge = await rawRequest('POST', '/api/employers', JSON.stringify({ name: 'x', code: 'y'.repeat(3 * 1024 * 1024) }));
    expectProblem(huge, 413, 'PAYLOAD_TOO_LARGE');
    const deep = await rawRequest(
      'POST',
      '/api/places',
      `{"parentId":${tree.compoundA},"type":"building","name":"深楼","attrs":${'{"a":'.repeat(100000)}1${'}'.repeat(100000)}}`,
    );
    expect(deep.status).toBeGreaterThanOrEqual(400);
    expect(deep.status).toBeLessThan(500);
    expect((await admin.get(`/api/places/search?q=${encodeURIComponent('深楼')}`)).json.items).toEqual([]);
  });

  it('refuse a body of the wrong media type', async () => {
    const r = await rawRequest('POST', '/api/employers', 'name=x', { 'content-type': 'application/x-www-form-urlencoded' });
    expectProblem(r, 415, 'UNSUPPORTED_MEDIA_TYPE');
    const upload = await rawRequest('POST', '/api/imports/residents', '{}');
    expect(upload.status).toBe(400);
    expect(upload.json.code).toBe('IMPORT_FILE_MISSING');
  });
});
