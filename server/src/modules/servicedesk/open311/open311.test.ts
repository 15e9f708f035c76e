import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type AnySchema } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../../platform/db/database.js';
import { buildSmallTree, type SmallTree } from '../../../test-support/fixtures.js';
import { userWith, type TestClient } from '../../../test-support/http-client.js';
import { complaintCategory, ok, repairCategory } from '../../../test-support/servicedesk.js';
import { createTestPlatform, type TestPlatform } from '../../../test-support/test-platform.js';

/**
 * An Open311 client over real HTTP: discovery → services → service definition → POST →
 * GET by id → GET list → token, in JSON and in XML, every answer checked against the
 * official GeoReport v2 schemas (server/test-fixtures/open311).
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const fixtures = path.resolve(here, '../../../../test-fixtures/open311');
const load = (f: string) => JSON.parse(fs.readFileSync(path.join(fixtures, f), 'utf8')) as Record<string, any>;
const swagger = load('swagger.json');
const schemas: Record<string, AnySchema> = {
  'request.json': load('request.json'),
  'requests.json': load('requests.json'),
  'service.json': load('service.json'),
  'services.json': load('services.json'),
  'service-definition.json': load('service-definition.json'),
  'post-response': { type: 'array', minItems: 1, items: swagger.definitions.RequestResponse },
  'token-response': { type: 'array', minItems: 1, items: swagger.definitions.TokenResponse },
  errors: {
    type: 'array',
    minItems: 1,
    items: { type: 'object', required: ['code', 'description'], properties: { code: { type: 'integer' }, description: { type: 'string' } } },
  },
};
const addFormats = addFormatsModule as unknown as (a: Ajv) => Ajv;
const ajv = addFormats(new Ajv({ allErrors: true, strict: false, formats: { uid: true } }));
for (const [id, s] of Object.entries(schemas)) ajv.addSchema(s, id);

function valid(schemaId: string, data: unknown) {
  const v = ajv.getSchema(schemaId)!;
  const okay = v(data);
  if (!okay) throw new Error(`${schemaId}: ${ajv.errorsText(v.errors)}\n${JSON.stringify(data).slice(0, 800)}`);
  return data;
}

/** XML answers carry only text: give each value the type the JSON Schema says (booleans, numbers, null for empty). */
function coerce(schema: any, value: any): any {
  if (schema?.$ref) return coerce(schemas[schema.$ref as string], value);
  if (schema?.type === 'array') {
    const items = value === '' || value == null ? [] : Array.isArray(value) ? value : [value];
    return items.map((v: any) => coerce(schema.items, v));
  }
  if (schema?.properties && value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = coerce(schema.properties[k], v);
    return out;
  }
  const types: string[] = schema?.anyOf ? schema.anyOf.map((a: any) => a.type) : [schema?.type];
  if (value === '' && types.includes('null')) return null;
  if (types.includes('boolean')) return value === 'true' ? true : value === 'false' ? false : value;
  if (types.includes('number') || types.includes('integer')) return value === '' ? null : Number(value);
  return value;
}

const parser = new XMLParser({
  parseTagValue: false,
  ignoreDeclaration: true,
  isArray: (name) => ['service', 'request', 'attribute', 'value', 'error', 'endpoint', 'format'].includes(name),
});
/** GeoReport v2's XML lists: one plural element holding the singular ones (`<attributes><attribute>…`). */
const LISTS: Record<string, string> = { services: 'service', service_requests: 'request', errors: 'error', attributes: 'attribute', values: 'value' };

/** The Spark mapping of an XML answer to JSON, refusing lists that are not wrapped as the spec shows. */
function spark(value: any, name: string): any {
  const child = LISTS[name];
  if (child) {
    if (Array.isArray(value)) throw new Error(`<${name}> is repeated: a list belongs inside one <${name}>`);
    if (value === '') return [];
    if (typeof value !== 'object' || Object.keys(value).some((k) => k !== child))
      throw new Error(`<${name}> must hold <${child}> elements only: ${JSON.stringify(value).slice(0, 300)}`);
    return (value[child] as any[]).map((v) => spark(v, child));
  }
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, spark(v, k)]));
  return value;
}

/** Reads an XML answer into the JSON shape: `<services><service>…` → [ … ]. */
function fromXml(xml: string, schemaId: string): unknown {
  expect(xml.startsWith('<?xml')).toBe(true);
  const doc = parser.parse(xml) as Record<string, any>;
  const [root] = Object.keys(doc);
  return coerce(schemas[schemaId], spark(doc[root!], root!));
}

let t: TestPlatform;
let base = '';
let tree: SmallTree;
let apiKey = '';
let readOnlyKey = '';
let privateOrder = 0;
let admin: TestClient;

type Form = Record<string, string | string[]>;

async function call(method: 'GET' | 'POST', url: string, form?: Form) {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(form ?? {})) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
  const res = await fetch(`${base}${url}`, {
    method,
    headers: form ? { 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'zh-CN' } : { 'accept-language': 'zh-CN' },
    body: form ? body.toString() : undefined,
  });
  return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
}

async function read(format: 'json' | 'xml', method: 'GET' | 'POST', url: string, schemaId: string, form?: Form, status = 200) {
  const r = await call(method, url, form);
  expect(r.status, r.text).toBe(status);
  expect(r.type).toContain(format === 'json' ? 'application/json' : 'text/xml');
  const data = format === 'json' ? JSON.parse(r.text) : fromXml(r.text, schemaId);
  return valid(schemaId, data) as any;
}

beforeAll(async () => {
  t = await createTestPlatform();
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  admin = await userWith(t.platform, t.app, ['admin', 'center_coordinator'], { all: true }, 'o311admin');
  tree = await buildSmallTree(admin);
  const team = await ok(admin.post('/api/servicedesk/teams', { name: '白云维修队', placeId: tree.communityA, leaderUserId: null, memberUserIds: [] }));
  await ok(
    admin.post(
      '/api/servicedesk/categories',
      repairCategory('public.lighting', team.id, {
        name: { 'zh-CN': '楼道照明', 'en-US': 'Stairwell lighting' },
        keywords: 'light,lamp,照明',
        attributes: [
          { code: 'FLOOR', datatype: 'number', required: true, description: '哪一层 / Which floor' },
          {
            code: 'KIND',
            datatype: 'singlevaluelist',
            required: false,
            description: '灯的类型 / Lamp',
            values: [
              { key: 'led', name: 'LED' },
              { key: 'sensor', name: '声控灯' },
            ],
          },
        ],
      }),
    ),
  );
  await ok(admin.post('/api/servicedesk/categories', complaintCategory('complaint.private', team.id)));
  await ok(admin.post('/api/servicedesk/categories', repairCategory('public.bench', team.id, { name: { 'zh-CN': '座椅损坏', 'en-US': 'Broken bench' } })));
  // A public service whose only team serves 敬业 (B): nobody answers for it in 荟萃 (A).
  const teamB = await ok(admin.post('/api/servicedesk/teams', { name: '敬业维修队', placeId: tree.communityB, leaderUserId: null, memberUserIds: [] }));
  await ok(
    admin.post('/api/servicedesk/categories', repairCategory('public.only_b', teamB.id, { name: { 'zh-CN': '敬业路灯', 'en-US': 'Street lights in B' } })),
  );
  const desk = await userWith(t.platform, t.app, ['property_staff'], { placeIds: [tree.communityA] }, 'o311desk');
  const cats = (await ok(desk.get('/api/servicedesk/categories'))).items;
  privateOrder = (
    await ok(
      desk.post('/api/servicedesk/orders', {
        categoryId: cats.find((c: any) => c.code === 'complaint.private').id,
        description: '私人投诉',
        dwellingId: tree.dwellingsA[0],
      }),
    )
  ).id;
  apiKey = (
    await ok(
      admin.post('/api/api-tokens', { name: '市民热线平台', permissions: ['servicedesk.intake', 'servicedesk.read'], scope: { placeIds: [tree.communityA] } }),
    )
  ).secret;
  readOnlyKey = (await ok(admin.post('/api/api-tokens', { name: '只读', permissions: ['servicedesk.read'], scope: { placeIds: [tree.communityA] } }))).secret;
});
afterAll(() => t.close());

describe.each(['json', 'xml'] as const)('an Open311 client speaking %s', (format) => {
  let id = '';

  it('finds the endpoint through discovery and lists the services', async () => {
    const r = await call('GET', `/open311/discovery.${format}`);
    expect(r.status).toBe(200);
    const doc = format === 'json' ? JSON.parse(r.text) : parser.parse(r.text).discovery;
    const endpoint = format === 'json' ? doc.endpoints[0] : doc.endpoints.endpoint[0];
    expect(endpoint.specification).toBe('http://wiki.open311.org/GeoReport_v2');
    expect(endpoint.url).toBe(`${base}/open311/v2/`);
    const services = await read(format, 'GET', `/open311/v2/services.${format}`, 'services.json');
    const lighting = services.find((s: any) => s.service_code === 'public.lighting');
    expect(lighting).toMatchObject({ service_name: '楼道照明', metadata: true, type: 'realtime', keywords: 'light,lamp,照明' });
    const def = await read(format, 'GET', `/open311/v2/services/public.lighting.${format}`, 'service-definition.json');
    expect(def.attributes.map((a: any) => a.code)).toEqual(['FLOOR', 'KIND']);
    expect(def.attributes[1].values).toEqual([
      { key: 'led', name: 'LED' },
      { key: 'sensor', name: '声控灯' },
    ]);
  });

  it('posts a request with its API key and reads it back by id and in the list; the answer carries the id and no token', async () => {
    const created = await read(format, 'POST', `/open311/v2/requests.${format}`, 'post-response', {
      api_key: apiKey,
      service_code: 'public.lighting',
      address_id: String(tree.dwellingsA[1]),
      lat: '37.4344',
      long: '118.6747',
      description: '三楼楼道灯不亮',
      first_name: '明',
      last_name: '李',
      phone: '13900001234',
      'attribute[FLOOR]': '3',
      'attribute[KIND]': 'sensor',
    });
    id = created[0].service_request_id;
    expect(id).toMatch(/^\d+$/);
    // The services are realtime: "token … should not be returned if service_request_id is returned".
    expect(Object.keys(created[0]).sort()).toEqual(['service_notice', 'service_request_id']);
    expect(created[0].service_notice).toMatch(/^expected by \d{4}-/);
    const one = await read(format, 'GET', `/open311/v2/requests/${id}.${format}`, 'requests.json');
    expect(one).toHaveLength(1);
    expect(one[0]).toMatchObject({
      service_request_id: id,
      status: 'open',
      service_code: 'public.lighting',
      description: '三楼楼道灯不亮',
      agency_responsible: '白云维修队',
      lat: 37.4344,
      long: 118.6747,
    });
    expect(new Date(one[0].expected_datetime).getTime()).toBeGreaterThan(new Date(one[0].requested_datetime).getTime());
    // Anonymous readers see the building, not the flat; the token's reader sees the flat.
    expect(one[0].address).toContain('3号楼');
    expect(one[0].address).not.toMatch(/单元/);
    const withKey = await read(format, 'GET', `/open311/v2/requests/${id}.${format}?api_key=${readOnlyKey}`, 'requests.json');
    expect(withKey[0].address).toMatch(/单元/);
    // The attributes were kept as the service defines them.
    expect((await queryRows<{ attributes: unknown }>(t.platform.db, sql`SELECT attributes FROM sd_orders WHERE id = ${Number(id)}`))[0]!.attributes).toEqual({
      FLOOR: '3',
      KIND: 'sensor',
    });

    const list = await read(format, 'GET', `/open311/v2/requests.${format}?service_code=public.lighting&status=open`, 'requests.json');
    expect(list.map((r: any) => r.service_request_id)).toContain(id);
    const closed = await read(format, 'GET', `/open311/v2/requests.${format}?status=closed`, 'requests.json');
    expect(closed.map((r: any) => r.service_request_id)).not.toContain(id);
  });

  it('still resolves a token given out before requests were answered with their id', async () => {
    const token = `legacy-${format}-token-0001`;
    await t.platform.db.execute(sql`UPDATE sd_orders SET open311_token = ${token} WHERE id = ${Number(id)}`);
    const byToken = await read(format, 'GET', `/open311/v2/tokens/${token}.${format}`, 'token-response');
    expect(byToken[0]).toEqual({ service_request_id: id, token });
  });

  it('offers only public services, so every request a client files can be read back by its id', async () => {
    const services = await read(format, 'GET', `/open311/v2/services.${format}`, 'services.json');
    expect(services.map((x: any) => x.service_code)).not.toContain('complaint.private');
    expect(services.map((x: any) => x.service_code)).toEqual(expect.arrayContaining(['public.lighting', 'public.bench']));
    const noDef = await read(format, 'GET', `/open311/v2/services/complaint.private.${format}`, 'errors', undefined, 404);
    expect(noDef[0].description).toContain('SD_OPEN311_SERVICE_UNKNOWN');
    const refused = await read(
      format,
      'POST',
      `/open311/v2/requests.${format}`,
      'errors',
      { api_key: apiKey, service_code: 'complaint.private', address_id: String(tree.dwellingsA[2]) },
      404,
    );
    expect(refused[0]).toEqual({ code: 404, description: 'SD_OPEN311_SERVICE_UNKNOWN: 没有这个服务代码' });
    // A service without attributes has an empty <attributes> list.
    const bench = await read(format, 'GET', `/open311/v2/services/public.bench.${format}`, 'service-definition.json');
    expect(bench).toEqual({ service_code: 'public.bench', attributes: [] });
  });

  it('takes a description of 4,000 characters whole and refuses a longer one, and refuses attribute values the service does not define', async () => {
    const long = '灯'.repeat(4000);
    const created = await read(format, 'POST', `/open311/v2/requests.${format}`, 'post-response', {
      api_key: apiKey,
      service_code: 'public.bench',
      address_string: '3号楼门口',
      description: long,
    });
    const back = await read(format, 'GET', `/open311/v2/requests/${created[0].service_request_id}.${format}`, 'requests.json');
    expect(back[0].description).toBe(long);
    const count = async () => (await queryRows<{ n: number }>(t.platform.db, sql`SELECT count(*)::int AS n FROM sd_orders`))[0]!.n;
    const before = await count();
    const refuse = async (form: Form, code: string, text: string) => {
      const e = await read(format, 'POST', `/open311/v2/requests.${format}`, 'errors', { api_key: apiKey, address_string: '3号楼门口', ...form }, 400);
      expect(e[0].code).toBe(400);
      expect(e[0].description).toContain(code);
      expect(e[0].description).toContain(text);
    };
    await refuse({ service_code: 'public.bench', description: `${long}灯` }, 'SD_OPEN311_TOO_LONG', 'description 不能超过 4000 个字符');
    await refuse({ service_code: 'public.bench', address_string: '楼'.repeat(201) }, 'SD_OPEN311_TOO_LONG', 'address_string');
    await refuse(
      { service_code: 'public.lighting', 'attribute[FLOOR]': '2', 'attribute[KIND]': 'halogen' },
      'SD_OPEN311_ATTRIBUTE_INVALID',
      'KIND 的值不正确：不在可选值中',
    );
    await refuse(
      { service_code: 'public.lighting', 'attribute[FLOOR]': '2', 'attribute[KIND][]': ['led', 'sensor'] },
      'SD_OPEN311_ATTRIBUTE_INVALID',
      'KIND 的值不正确：只能填一个值',
    );
    await refuse({ service_code: 'public.lighting', 'attribute[FLOOR]': '三楼' }, 'SD_OPEN311_ATTRIBUTE_INVALID', 'FLOOR 的值不正确：不是数字');
    await refuse({ service_code: 'public.lighting', 'attribute[FLOOR]': ' ' }, 'SD_OPEN311_ATTRIBUTE_REQUIRED', 'FLOOR');
    expect(await count()).toBe(before);
  });

  it('lists requests over at most 90 days, as the spec allows', async () => {
    const now = t.clock.now().getTime();
    const iso = (ms: number) => new Date(ms).toISOString();
    const day = 86400000;
    const within = await read(format, 'GET', `/open311/v2/requests.${format}?start_date=${iso(now - 90 * day)}&end_date=${iso(now)}`, 'requests.json');
    expect(within.map((r: any) => r.service_request_id)).toContain(id);
    const tooLong = await read(
      format,
      'GET',
      `/open311/v2/requests.${format}?start_date=${iso(now - 91 * day)}&end_date=${iso(now)}`,
      'errors',
      undefined,
      400,
    );
    expect(tooLong[0].description).toContain('SD_OPEN311_RANGE_TOO_LONG');
    // Only a start 200 days back, ending now by default: also too long.
    expect((await call('GET', `/open311/v2/requests.${format}?start_date=${iso(now - 200 * day)}`)).status).toBe(400);
    expect((await call('GET', `/open311/v2/requests.${format}?start_date=${iso(now)}&end_date=${iso(now - day)}`)).status).toBe(400);
    const bad = await read(format, 'GET', `/open311/v2/requests.${format}?start_date=yesterday`, 'errors', undefined, 400);
    expect(bad[0].description).toContain('SD_OPEN311_DATE_INVALID');
  });

  it('refuses a request where no team serves the place, in the Open311 error format', async () => {
    const e = await read(
      format,
      'POST',
      `/open311/v2/requests.${format}`,
      'errors',
      { api_key: apiKey, service_code: 'public.only_b', address_id: String(tree.dwellingsA[3]) },
      400,
    );
    expect(e[0].code).toBe(400);
    expect(e[0].description).toContain('SD_NO_TEAM_FOR_PLACE');
  });

  it('keeps private categories out of the public list, and shows them to an API key in scope', async () => {
    const open = await read(format, 'GET', `/open311/v2/requests.${format}`, 'requests.json');
    expect(open.map((r: any) => r.service_request_id)).not.toContain(String(privateOrder));
    const keyed = await read(format, 'GET', `/open311/v2/requests.${format}?api_key=${readOnlyKey}`, 'requests.json');
    expect(keyed.map((r: any) => r.service_request_id)).toContain(String(privateOrder));
    await read(format, 'GET', `/open311/v2/requests/${privateOrder}.${format}`, 'errors', undefined, 404);
  });

  it("answers mistakes in the Open311 error format, with the spec's status codes", async () => {
    // "403 for errors because of wrong or missing api_key".
    const noKey = await read(format, 'POST', `/open311/v2/requests.${format}`, 'errors', { service_code: 'public.lighting', address_string: '1号楼' }, 403);
    expect(noKey[0]).toEqual({ code: 403, description: 'SD_OPEN311_API_KEY_REQUIRED: 请提供 api_key' });
    const badKey = await read(format, 'POST', `/open311/v2/requests.${format}`, 'errors', { api_key: 'jy_nope', service_code: 'public.lighting' }, 403);
    expect(badKey[0].description).toContain('SD_OPEN311_API_KEY_INVALID');
    const badReadKey = await read(format, 'GET', `/open311/v2/requests.${format}?api_key=jy_nope`, 'errors', undefined, 403);
    expect(badReadKey[0].code).toBe(403);
    await read(
      format,
      'POST',
      `/open311/v2/requests.${format}`,
      'errors',
      { api_key: readOnlyKey, service_code: 'public.lighting', address_string: '1号楼' },
      403,
    );
    // "400 - service_code … was not provided"; "404 - service_code … was not found".
    const noCode = await read(format, 'POST', `/open311/v2/requests.${format}`, 'errors', { api_key: apiKey, address_string: '1号楼' }, 400);
    expect(noCode[0].description).toContain('SD_OPEN311_SERVICE_CODE_REQUIRED');
    const unknown = await read(
      format,
      'POST',
      `/open311/v2/requests.${format}`,
      'errors',
      { api_key: apiKey, service_code: 'nope', address_string: '1号楼' },
      404,
    );
    expect(unknown[0].description).toContain('SD_OPEN311_SERVICE_UNKNOWN');
    const noPlace = await read(
      format,
      'POST',
      `/open311/v2/requests.${format}`,
      'errors',
      { api_key: apiKey, service_code: 'public.lighting', 'attribute[FLOOR]': '2' },
      400,
    );
    expect(noPlace[0].description).toContain('SD_OPEN311_LOCATION_REQUIRED');
    const noAttr = await read(
      format,
      'POST',
      `/open311/v2/requests.${format}`,
      'errors',
      { api_key: apiKey, service_code: 'public.lighting', address_string: '1号楼' },
      400,
    );
    expect(noAttr[0].description).toContain('FLOOR');
    const outside = await read(
      format,
      'POST',
      `/open311/v2/requests.${format}`,
      'errors',
      { api_key: apiKey, service_code: 'public.lighting', address_id: String(tree.dwellingsB[0]), 'attribute[FLOOR]': '1' },
      404,
    );
    expect(outside[0].code).toBe(404);
    await read(format, 'GET', `/open311/v2/services/nope.${format}`, 'errors', undefined, 404);
    await read(format, 'GET', `/open311/v2/tokens/unknown-token-123.${format}`, 'errors', undefined, 404);
  });
});

describe('Open311 routes', () => {
  it('answer a format or a resource they do not serve with the errors list (XML, the format the spec requires), and are documented in the API reference', async () => {
    for (const url of ['/open311/v2/services.html', '/open311/v2/requests/1.html', '/open311/v2/nothing']) {
      const r = await call('GET', url);
      expect(r.status, url).toBe(404);
      expect(r.type).toContain('text/xml');
      expect(valid('errors', fromXml(r.text, 'errors'))).toEqual([{ code: 404, description: expect.stringMatching(/^SD_OPEN311_(NO_RESOURCE|FORMAT): /) }]);
    }
    const json = await call('GET', '/open311/v2/nothing.json');
    expect(json.status).toBe(404);
    expect(valid('errors', JSON.parse(json.text))).toHaveLength(1);
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/open311/v2/requests.json', '/open311/v2/requests/{file}', '/open311/discovery.xml']));
  });

  it('lets a request filed through Open311 be read back by its id even after its service left the open interface', async () => {
    const created = await read('json', 'POST', '/open311/v2/requests.json', 'post-response', {
      api_key: apiKey,
      service_code: 'public.bench',
      address_id: String(tree.dwellingsA[4]),
      description: '长椅断了',
    });
    const cat = (await ok(admin.get('/api/servicedesk/categories'))).items.find((c: any) => c.code === 'public.bench');
    await ok(
      admin.put(`/api/servicedesk/categories/${cat.id}`, {
        ...repairCategory(
          'public.bench',
          cat.teams.map((x: any) => x.id),
          { name: cat.name, publicVisible: false },
        ),
        version: cat.version,
      }),
    );
    const back = await read('json', 'GET', `/open311/v2/requests/${created[0].service_request_id}.json`, 'requests.json');
    expect(back[0]).toMatchObject({ service_request_id: created[0].service_request_id, description: '长椅断了' });
  });
});
