import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type AnySchema } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSmallTree, type SmallTree } from '../../../test-support/fixtures.js';
import { userWith } from '../../../test-support/http-client.js';
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
  errors: { type: 'array', minItems: 1, items: { type: 'object', required: ['code', 'description'], properties: { code: { type: 'integer' }, description: { type: 'string' } } } },
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
const LIST_CHILD: Record<string, string> = { services: 'service', service_requests: 'request', errors: 'error' };

/** Reads an XML answer into the JSON shape: `<services><service>…` → [ … ]. */
function fromXml(xml: string, schemaId: string): unknown {
  expect(xml.startsWith('<?xml')).toBe(true);
  const doc = parser.parse(xml) as Record<string, any>;
  const [root] = Object.keys(doc);
  const body = doc[root!];
  const child = LIST_CHILD[root!];
  const data = child ? (body === '' ? [] : body[child]) : body;
  return coerce(schemas[schemaId], data);
}

let t: TestPlatform;
let base = '';
let tree: SmallTree;
let apiKey = '';
let readOnlyKey = '';
let privateOrder = 0;

async function call(method: 'GET' | 'POST', url: string, form?: Record<string, string>) {
  const res = await fetch(`${base}${url}`, {
    method,
    headers: form ? { 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'zh-CN' } : { 'accept-language': 'zh-CN' },
    body: form ? new URLSearchParams(form).toString() : undefined,
  });
  return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
}

async function read(format: 'json' | 'xml', method: 'GET' | 'POST', url: string, schemaId: string, form?: Record<string, string>, status = 200) {
  const r = await call(method, url, form);
  expect(r.status, r.text).toBe(status);
  expect(r.type).toContain(format === 'json' ? 'application/json' : 'text/xml');
  const data = format === 'json' ? JSON.parse(r.text) : fromXml(r.text, schemaId);
  return valid(schemaId, data) as any;
}

beforeAll(async () => {
  t = await createTestPlatform();
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  const admin = await userWith(t.platform, t.app, ['admin', 'center_coordinator'], { all: true }, 'o311admin');
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
          { code: 'KIND', datatype: 'singlevaluelist', required: false, description: '灯的类型 / Lamp', values: [{ key: 'led', name: 'LED' }, { key: 'sensor', name: '声控灯' }] },
        ],
      }),
    ),
  );
  await ok(admin.post('/api/servicedesk/categories', complaintCategory('complaint.private', team.id)));
  const desk = await userWith(t.platform, t.app, ['property_staff'], { placeIds: [tree.communityA] }, 'o311desk');
  const cats = (await ok(desk.get('/api/servicedesk/categories'))).items;
  privateOrder = (await ok(desk.post('/api/servicedesk/orders', { categoryId: cats.find((c: any) => c.code === 'complaint.private').id, description: '私人投诉', dwellingId: tree.dwellingsA[0] }))).id;
  apiKey = (await ok(admin.post('/api/api-tokens', { name: '市民热线平台', permissions: ['servicedesk.intake', 'servicedesk.read'], scope: { placeIds: [tree.communityA] } }))).secret;
  readOnlyKey = (await ok(admin.post('/api/api-tokens', { name: '只读', permissions: ['servicedesk.read'], scope: { placeIds: [tree.communityA] } }))).secret;
});
afterAll(() => t.close());

describe.each(['json', 'xml'] as const)('an Open311 client speaking %s', (format) => {
  let id = '';
  let token = '';

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
    expect(def.attributes[1].values).toEqual([{ key: 'led', name: 'LED' }, { key: 'sensor', name: '声控灯' }]);
  });

  it('posts a request with its API key and reads it back by id, in the list and through its token', async () => {
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
    token = created[0].token;
    expect(id).toMatch(/^\d+$/);
    const one = await read(format, 'GET', `/open311/v2/requests/${id}.${format}`, 'requests.json');
    expect(one).toHaveLength(1);
    expect(one[0]).toMatchObject({ service_request_id: id, status: 'open', service_code: 'public.lighting', description: '三楼楼道灯不亮', agency_responsible: '白云维修队', lat: 37.4344, long: 118.6747 });
    expect(new Date(one[0].expected_datetime).getTime()).toBeGreaterThan(new Date(one[0].requested_datetime).getTime());
    // Anonymous readers see the building, not the flat; the token's reader sees the flat.
    expect(one[0].address).toContain('3号楼');
    expect(one[0].address).not.toMatch(/单元/);
    const withKey = await read(format, 'GET', `/open311/v2/requests/${id}.${format}?api_key=${readOnlyKey}`, 'requests.json');
    expect(withKey[0].address).toMatch(/单元/);

    const list = await read(format, 'GET', `/open311/v2/requests.${format}?service_code=public.lighting&status=open`, 'requests.json');
    expect(list.map((r: any) => r.service_request_id)).toContain(id);
    const closed = await read(format, 'GET', `/open311/v2/requests.${format}?status=closed`, 'requests.json');
    expect(closed.map((r: any) => r.service_request_id)).not.toContain(id);
    const byToken = await read(format, 'GET', `/open311/v2/tokens/${token}.${format}`, 'token-response');
    expect(byToken[0]).toEqual({ service_request_id: id, token });
  });

  it('keeps private categories out of the public list, and shows them to an API key in scope', async () => {
    const open = await read(format, 'GET', `/open311/v2/requests.${format}`, 'requests.json');
    expect(open.map((r: any) => r.service_request_id)).not.toContain(String(privateOrder));
    const keyed = await read(format, 'GET', `/open311/v2/requests.${format}?api_key=${readOnlyKey}`, 'requests.json');
    expect(keyed.map((r: any) => r.service_request_id)).toContain(String(privateOrder));
    await read(format, 'GET', `/open311/v2/requests/${privateOrder}.${format}`, 'errors', undefined, 404);
  });

  it('answers mistakes in the Open311 error format', async () => {
    const noKey = await read(format, 'POST', `/open311/v2/requests.${format}`, 'errors', { service_code: 'public.lighting', address_string: '1号楼' }, 401);
    expect(noKey[0].code).toBe(401);
    const badKey = await read(format, 'POST', `/open311/v2/requests.${format}`, 'errors', { api_key: 'jy_nope', service_code: 'public.lighting' }, 401);
    expect(badKey[0].description).toContain('AUTH_TOKEN_INVALID');
    await read(format, 'POST', `/open311/v2/requests.${format}`, 'errors', { api_key: readOnlyKey, service_code: 'public.lighting', address_string: '1号楼' }, 403);
    const unknown = await read(format, 'POST', `/open311/v2/requests.${format}`, 'errors', { api_key: apiKey, service_code: 'nope', address_string: '1号楼' }, 404);
    expect(unknown[0].description).toContain('SD_OPEN311_SERVICE_UNKNOWN');
    const noPlace = await read(format, 'POST', `/open311/v2/requests.${format}`, 'errors', { api_key: apiKey, service_code: 'public.lighting', 'attribute[FLOOR]': '2' }, 400);
    expect(noPlace[0].description).toContain('SD_OPEN311_LOCATION_REQUIRED');
    const noAttr = await read(format, 'POST', `/open311/v2/requests.${format}`, 'errors', { api_key: apiKey, service_code: 'public.lighting', address_string: '1号楼' }, 400);
    expect(noAttr[0].description).toContain('FLOOR');
    const outside = await read(format, 'POST', `/open311/v2/requests.${format}`, 'errors', { api_key: apiKey, service_code: 'public.lighting', address_id: String(tree.dwellingsB[0]), 'attribute[FLOOR]': '1' }, 404);
    expect(outside[0].code).toBe(404);
    await read(format, 'GET', `/open311/v2/services/nope.${format}`, 'errors', undefined, 404);
    await read(format, 'GET', `/open311/v2/tokens/unknown-token-123.${format}`, 'errors', undefined, 404);
  });
});

describe('Open311 routes', () => {
  it('serve only json and xml, and are documented in the API reference', async () => {
    expect((await call('GET', '/open311/v2/requests/1.html')).status).toBe(404);
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/open311/v2/requests.json', '/open311/v2/requests/{file}', '/open311/discovery.xml']));
  });
});
