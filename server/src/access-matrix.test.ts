import crypto from 'node:crypto';
import { ROLE_PERMISSIONS, ROLES, type Permission, type Role } from '@jiayuan/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryOne, sql } from './platform/db/database.js';
import type { RouteAccess } from './platform/http/request-context.js';
import { openObligations } from './platform/obligations/obligations.service.js';
import { localDate } from './platform/time.js';
import { buildSmallTree, makeIdNumber, type SmallTree } from './test-support/fixtures.js';
import { TEST_PASSWORD, TestClient, userWith } from './test-support/http-client.js';
import { createTestPlatformWithRoutes } from './test-support/routes.js';
import { importAndValidate, multipartFile, residentWorkbook } from './test-support/workbooks.js';
import { complaintCategory, PNG_1PX, repairCategory, residentClient, step } from './test-support/servicedesk.js';
import { insertSession } from './platform/auth/identity.repository.js';
import { randomToken, sha256Hex } from './platform/auth/passwords.js';

/**
 * Every /api route, read from the app itself, called by every role, an anonymous caller, and
 * each role on records of another community: 401 without a session, 403 without the route's
 * permission, 404 for a record outside the caller's scope, and otherwise an answer that is
 * neither a refusal nor a server error. A new route without a case here fails the first test.
 */

const { t, routes: seen } = await createTestPlatformWithRoutes();

const apiRoutes = seen.filter((r) => r.url.startsWith('/api/') && !r.url.startsWith('/api/docs'));
const docsRoutes = seen.filter((r) => r.url.startsWith('/api/docs'));

interface Req {
  method: string;
  url: string;
  body?: unknown;
  upload?: Buffer;
  /** Server-sent events: read the status over a real connection, then hang up. */
  stream?: boolean;
  /** Spreads sign-in attempts over addresses, so the sign-in rate limit does not answer instead. */
  remoteAddress?: string;
  /** Use a session of its own (the request ends the caller's session). */
  ownSession?: boolean;
}

interface Caller {
  /** `phone_resident`: a resident signed in with a phone code (a user of their own kind, not a staff role). */
  role: Role | 'anonymous' | 'phone_resident';
  client: TestClient;
  username: string | null;
  userId: number | null;
}

interface Case {
  inScope(c: Caller): Promise<Req> | Req;
  /** What a permitted caller gets in scope, when it is not a success (a wrong password, a file with errors). */
  ok?: number[] | ((c: Caller) => number[]);
  /** The same request aimed at a record outside the caller's scope; answered 404 to whoever may call the route. */
  outOfScope?(c: Caller): Promise<Req> | Req;
  /** Which holders of the permission the out-of-scope variant applies to (default: all). */
  scopedFor?(role: Role): boolean;
}

let admin: TestClient;
let desk: TestClient;
let tree: SmallTree;
const fx: Record<string, number> = {};
const callers = new Map<Role, Caller>();
let port = 0;
let seq = 0;
const next = () => ++seq;
const nextAddress = () => {
  const n = next();
  return `10.0.${Math.floor(n / 250) % 250}.${(n % 250) + 1}`;
};

async function created(res: { status: number; json: any }, what: string) {
  if (res.status !== 201 && res.status !== 200) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.json)}`);
  return res.json;
}
const freshPlace = async (parentId: number, type = 'building') =>
  (await created(await admin.post('/api/places', { parentId, type, name: `矩阵${type}${next()}` }), 'place')).id as number;
const freshResident = async (dwellingId: number) =>
  (await created(await admin.post('/api/residents', { dwellingId, name: `矩阵居民${next()}` }), 'resident')).id as number;
const versionOf = async (url: string) => (await admin.get(url)).json.version as number;
/** Place responses do not carry their version (yet), so it is read from the table. */
const placeVersion = async (id: number) => (await queryOne<{ version: number }>(t.platform.db, sql`SELECT version FROM places WHERE id = ${id}`))!.version;

const jobs = new Map<number, Promise<number>>();
/** One validated import job per uploader (jobs are private to whoever uploaded them). */
function jobOf(c: Caller): Promise<number> {
  // Callers who may not import are refused before the id matters; any job will do for them.
  if (c.role === 'anonymous' || c.role === 'phone_resident' || !ROLE_PERMISSIONS[c.role].includes('resident.import')) return jobOf(adminCaller());
  let job = jobs.get(c.userId!);
  if (!job) {
    job = (async () => {
      const file = await residentWorkbook([{ community: '荟萃社区', compound: '建工小区', building: '3号楼', stairwell: '1单元', dwelling: '999', name: '查无此房' }]);
      const done = await importAndValidate(c.client, file);
      if (done.status !== 'validated') throw new Error(`job ${done.id} ended ${done.status}: ${JSON.stringify(done.failure)}\n${t.recentErrors().join('')}`);
      return done.id as number;
    })();
    jobs.set(c.userId!, job);
  }
  return job;
}
/** A new validated job of the caller (or of the admin, for callers who may not import). */
async function freshJobOf(c: Caller): Promise<number> {
  const owner = c.role === 'anonymous' || c.role === 'phone_resident' || !ROLE_PERMISSIONS[c.role].includes('resident.import') ? adminCaller() : c;
  const file = await residentWorkbook([{ community: '荟萃社区', compound: '建工小区', building: '3号楼', stairwell: '1单元', dwelling: '997', name: '查无此房' }]);
  const job = await importAndValidate(owner.client, file);
  if (job.status !== 'validated') throw new Error(`job ${job.id} ended ${job.status}: ${JSON.stringify(job.failure)}\n${t.recentErrors().join('')}`);
  return job.id as number;
}
const adminCaller = (): Caller => ({ role: 'admin', client: admin, username: 'matrixadmin', userId: fx.adminId! });

const ruleBody = (placeId: number) => ({
  kind: 'matrix.check',
  title: { 'zh-CN': '巡查', 'en-US': 'Patrol' },
  placeId,
  responsibleRole: 'community_staff',
  recurrence: 'daily',
  times: ['09:00'],
  startsOn: '2026-01-01',
});

/** Screening fixtures, made once by a district-wide screener: campaigns in A and B, findings in each. */
let screeningSetup: Promise<Record<string, number>> | null = null;
const screeningVisit = (campaignId: number, householdId: number, residentId: number, temperature = 36.5) => ({
  id: crypto.randomUUID(),
  campaignId,
  householdId,
  outcome: 'visited',
  visitedAt: new Date().toISOString(),
  persons: [{ residentId, present: true, answers: { returned: false, symptoms: false, temperature } }],
});
const SCREENING_QUESTIONS = [
  { key: 'returned', type: 'yes_no', label: { 'zh-CN': '外出返回', 'en-US': 'Returned' } },
  { key: 'symptoms', type: 'yes_no', label: { 'zh-CN': '症状', 'en-US': 'Symptoms' }, flag: { reason: 'symptom', whenYes: true } },
  { key: 'temperature', type: 'temperature', label: { 'zh-CN': '体温', 'en-US': 'Temperature' }, flag: { reason: 'fever', atOrAbove: 37.3 } },
];
function screening(): Promise<Record<string, number>> {
  screeningSetup ??= (async () => {
    const runner = await userWith(t.platform, t.app, ['center_coordinator', 'community_staff'], { all: true }, 'matrixscreener');
    const campaign = async (placeId: number, start = true) => {
      const c = await created(await runner.post('/api/screening/campaigns', { name: `矩阵摸排${next()}`, placeIds: [placeId], questions: SCREENING_QUESTIONS, startsOn: '2026-01-01', endsOn: '2099-12-31' }), 'campaign');
      if (start) await created(await runner.post(`/api/screening/campaigns/${c.id}/start`), 'start');
      return c.id as number;
    };
    const out: Record<string, number> = { campA: await campaign(tree.communityA), campB: await campaign(tree.communityB) };
    const householdA = (await admin.get(`/api/residents/${fx.residentA}`)).json.householdId as number;
    out.householdA = householdA;
    out.householdBres = (await admin.get(`/api/residents/${fx.residentB}`)).json.householdId as number;
    for (const c of callers.values()) {
      if (c.role !== 'anonymous' && c.role !== 'phone_resident' && ROLE_PERMISSIONS[c.role].includes('screening.visit')) {
        await created(await runner.post(`/api/screening/campaigns/${out.campA}/assignments`, { userId: c.userId, buildingId: tree.buildingA }), 'assignment');
      }
    }
    out.visitor = (await userWith(t.platform, t.app, ['volunteer'], { placeIds: [tree.communityA] }, 'matrixvisitor')).userId;
    out.assignmentB = (await created(await runner.post(`/api/screening/campaigns/${out.campB}/assignments`, { userId: runner.userId, buildingId: tree.buildingB }), 'assignment B')).id;
    const fever = async (campaignId: number, householdId: number, residentId: number) => {
      const v = screeningVisit(campaignId, householdId, residentId, 38.2);
      await created(await runner.post('/api/screening/sync', { visits: [v] }), 'sync');
      return (await queryOne<{ id: number }>(t.platform.db, sql`SELECT id FROM screening_findings WHERE visit_id = ${v.id}`))!.id;
    };
    out.findingB = await fever(out.campB!, out.householdBres!, fx.residentB!);
    out.findingA = await fever(out.campA!, householdA, fx.residentA!);
    Object.assign(screeningHelpers, { runner, campaign, fever });
    return out;
  })();
  return screeningSetup;
}
const screeningHelpers: {
  runner?: TestClient;
  campaign?: (placeId: number, start?: boolean) => Promise<number>;
  fever?: (campaignId: number, householdId: number, residentId: number) => Promise<number>;
} = {};
const findingVersion = async (id: number) => (await queryOne<{ version: number }>(t.platform.db, sql`SELECT version FROM screening_findings WHERE id = ${id}`))!.version;
const campaignVersion = async (id: number) => (await queryOne<{ version: number }>(t.platform.db, sql`SELECT version FROM screening_campaigns WHERE id = ${id}`))!.version;
/**
 * Two residents signed in by phone code, neighbours in community A: each with an order (and its
 * photo), a resolved order waiting for feedback and an approved return request. `me` is the
 * caller; the neighbour's records are what `me` must not reach. Made once, on first use.
 */
interface PhoneFixtures {
  me: Caller;
  myOrder: number;
  myPhoto: number;
  myResolvedOrder: number;
  myRequest: number;
  neighbourOrder: number;
  neighbourPhoto: number;
  neighbourResolvedOrder: number;
  neighbourRequest: number;
}
let phoneSetup: Promise<PhoneFixtures> | null = null;
function phoneFixtures(): Promise<PhoneFixtures> {
  phoneSetup ??= (async () => {
    const repairer = await userWith(t.platform, t.app, ['property_staff'], { placeIds: [tree.communityA] }, 'matrixphonerepairer');
    const team = await created(await desk.post('/api/servicedesk/teams', { name: '矩阵住户报修班', placeId: tree.communityA, leaderUserId: null, memberUserIds: [repairer.userId] }), 'team');
    const categoryId = (await created(await desk.post('/api/servicedesk/categories', repairCategory('matrix.resident', team.id)), 'category')).id as number;
    const person = async (dwellingId: number, phone: string) => {
      const idNumber = freshId();
      const r = await created(await admin.post('/api/residents', { dwellingId, name: `住户${next()}`, phone, idNumber }), 'resident');
      const client = await residentClient(t, phone);
      const order = (await created(await client.post('/api/servicedesk/my/orders', { categoryId, description: '矩阵报修' }), 'order')).id as number;
      const m = multipartFile('leak.png', PNG_1PX);
      const photo = (await created(await client.request('POST', `/api/servicedesk/my/orders/${order}/photos`, m.payload, { 'content-type': m.contentType }), 'photo')).id as number;
      const resolved = (await created(await client.post('/api/servicedesk/my/orders', { categoryId, description: '矩阵待评价' }), 'order')).id as number;
      await created(await step(desk, resolved, { action: 'dispatch', assigneeUserId: repairer.userId }), 'dispatch');
      for (const action of ['accept', 'arrive']) await created(await step(repairer, resolved, { action }), action);
      await created(await step(repairer, resolved, { action: 'resolve', firstVisitFix: true, workDone: '矩阵' }), 'resolve');
      const d = await created(await client.post('/api/inbound/declarations', { name: r.name, idNumber, phone, communityId: tree.communityA, address: '建工小区', ...trip() }), 'declaration');
      let q = (await ix.coord!.get(`/api/inbound/requests/${d.id}`)).json;
      q = await created(await ix.coord!.post(`/api/inbound/requests/${q.id}/route`, { version: q.version }), 'route');
      await created(await ix.staffA!.post(`/api/inbound/requests/${q.id}/approve`, { measure: { kind: 'home_observation', days: 14 }, version: q.version }), 'approve');
      const userId = (await queryOne<{ id: number }>(t.platform.db, sql`SELECT id FROM users WHERE resident_id = ${r.id}`))!.id;
      return { client, userId, order, photo, resolved, request: d.id as number };
    };
    const me = await person(tree.dwellingsA[3]!, '13766660001');
    const neighbour = await person(tree.dwellingsA[4]!, '13766660002');
    return {
      me: { role: 'phone_resident', client: me.client, username: null, userId: me.userId },
      myOrder: me.order,
      myPhoto: me.photo,
      myResolvedOrder: me.resolved,
      myRequest: me.request,
      neighbourOrder: neighbour.order,
      neighbourPhoto: neighbour.photo,
      neighbourResolvedOrder: neighbour.resolved,
      neighbourRequest: neighbour.request,
    };
  })();
  return phoneSetup;
}
// Issue 3: returning people and observation. Fixture users act the other steps of the loop.
const ix: Record<string, TestClient & { userId: number }> = {};
const today = () => localDate(t.platform.clock.now(), 'Asia/Shanghai');
const trip = () => ({ fromCity: '河南濮阳', fromRisk: 'low', plannedArrival: today(), health: { symptoms: [], contactWithCase: false } });
const newPerson = (dwellingId: number) => ({ name: `返程${next()}`, idNumber: makeIdNumber('19850101', 100 + (next() % 800)), phone: `1360000${String(next()).padStart(4, '0')}`, dwellingId });
let idSeq = 0;
/** A fresh valid ID number (birth dates step through the 1970s, serials through 0–999). */
const freshId = () => {
  const n = ++idSeq;
  const d = new Date(Date.UTC(1970, 0, 1 + Math.floor(n / 900)));
  return makeIdNumber(d.toISOString().slice(0, 10).replaceAll('-', ''), n % 900);
};
/** A return request of employer A (or B) brought to a status by the fixture users. */
async function requestAt(status: 'submitted' | 'routed' | 'approved' | 'rejected' | 'withdrawn', side: 'A' | 'B' = 'A', routeTo?: number) {
  const dwelling = side === 'A' ? tree.dwellingsA[next() % tree.dwellingsA.length]! : tree.dwellingsB[next() % tree.dwellingsB.length]!;
  let r = await created(await ix.coord!.post('/api/inbound/requests', { ...newPerson(dwelling), idNumber: freshId(), employerId: side === 'A' ? fx.employerA : fx.employerB, ...trip() }), 'request');
  if (status === 'submitted') return r;
  if (status === 'withdrawn') return created(await ix.coord!.post(`/api/inbound/requests/${r.id}/withdraw`, { reason: '行程推迟', version: r.version }), 'withdraw');
  const community = routeTo ?? (side === 'A' ? tree.communityA : tree.communityB);
  r = await created(await ix.coord!.post(`/api/inbound/requests/${r.id}/route`, { communityId: community, reason: '矩阵', version: r.version }), 'route');
  if (status === 'routed') return r;
  const reviewer = community === tree.communityA ? ix.staffA! : ix.staffB!;
  if (status === 'rejected') return created(await reviewer.post(`/api/inbound/requests/${r.id}/reject`, { reason: '材料不全', version: r.version }), 'reject');
  return created(await reviewer.post(`/api/inbound/requests/${r.id}/approve`, { measure: { kind: 'home_observation', days: 14 }, version: r.version }), 'approve');
}
/** A declaration made from an address of its own (the public form is rate-limited per address). */
async function declaration() {
  const payload = { name: `申报${next()}`, idNumber: freshId(), phone: `1350000${String(next()).padStart(4, '0')}`, communityId: tree.communityA, address: '建工小区', ...trip() };
  const res = await t.app.inject({ method: 'POST', url: '/api/inbound/declarations', payload, remoteAddress: nextAddress() });
  return created({ status: res.statusCode, json: res.json() }, 'declaration');
}
/** An approved online declaration with its tracking pass. */
async function approvedDeclaration() {
  const d = await declaration();
  let r = (await ix.coord!.get(`/api/inbound/requests/${d.id}`)).json;
  r = await created(await ix.coord!.post(`/api/inbound/requests/${r.id}/route`, { version: r.version }), 'route');
  await created(await ix.staffA!.post(`/api/inbound/requests/${r.id}/approve`, { measure: { kind: 'home_observation', days: 14 }, version: r.version }), 'approve');
  return d.trackingToken as string;
}
/** An open observation case of a fresh resident in community A (or B). */
async function caseIn(side: 'A' | 'B', days = 14) {
  const dwelling = side === 'A' ? tree.dwellingsA[next() % tree.dwellingsA.length]! : tree.dwellingsB[next() % tree.dwellingsB.length]!;
  const resident = (await created(await admin.post('/api/residents', { dwellingId: dwelling, name: `观察${next()}` }), 'resident')).id as number;
  const staff = side === 'A' ? ix.staffA! : ix.staffB!;
  return created(await staff.post('/api/observation/cases', { residentId: resident, kind: 'home_observation', reason: '矩阵', plan: { basis: 'arrival', basisDate: today(), days } }), 'case');
}
const caseVersion = async (id: number) => (await ix.staffA!.get(`/api/observation/cases/${id}`)).json.version as number;
const caseVersionB = async (id: number) => (await ix.staffB!.get(`/api/observation/cases/${id}`)).json.version as number;

/** Containment: a dwelling in a compound of its own (so the compound threshold never sweeps fixtures together). */
async function cmDwelling(side: 'A' | 'B'): Promise<{ compound: number; building: number; dwelling: number }> {
  const compound = await freshPlace(side === 'A' ? tree.communityA : tree.communityB, 'compound');
  const building = await freshPlace(compound, 'building');
  await created(await admin.post(`/api/places/${building}/layout`, { stairwells: 1, floors: 1, flatsPerFloor: 1 }), 'layout');
  const stairwell = (await admin.get(`/api/places?parentId=${building}`)).json.items[0].id as number;
  const dwelling = (await admin.get(`/api/places?parentId=${stairwell}`)).json.items[0].id as number;
  return { compound, building, dwelling };
}
/** A fresh case (suspected: no proposal) or a fresh proposed stairwell order (a confirmed case), recorded by the side's health worker. */
async function cmCase(side: 'A' | 'B', kind: 'suspected' | 'confirmed' = 'suspected') {
  const { dwelling } = await cmDwelling(side);
  const health = side === 'A' ? ix.healthA! : ix.healthB!;
  return created(await health.post('/api/containment/cases', { dwellingId: dwelling, kind, reportedOn: today(), sourceNote: '矩阵' }), 'containment case');
}
const cmProposed = async (side: 'A' | 'B') => (await cmCase(side, 'confirmed')).proposed[0] as number;
/** A fresh order in force: a building sealed by hand by the department's coordinator. */
async function cmActive(side: 'A' | 'B') {
  const { building } = await cmDwelling(side);
  return (await created(await ix.coord!.post('/api/containment/orders', { placeId: building, reason: '矩阵封控' }), 'lockdown')).id as number;
}
const cmSettings = { stairwell: 1, building: 2, compound: 3, windowDays: 14, releaseDays: 14, autoConfirm: false, countSuspected: false };

const cases: Record<string, Case> = {
  'GET /api/openapi.json': { inScope: () => ({ method: 'GET', url: '/api/openapi.json' }) },
  'POST /api/auth/login': {
    inScope: () => ({ method: 'POST', url: '/api/auth/login', body: { username: 'matrixlogin', password: TEST_PASSWORD }, remoteAddress: nextAddress() }),
  },
  'POST /api/auth/otp': { inScope: () => ({ method: 'POST', url: '/api/auth/otp', body: { phone: `1370000${String(next()).padStart(4, '0')}` }, remoteAddress: nextAddress() }) },
  'POST /api/auth/otp/verify': {
    inScope: () => ({ method: 'POST', url: '/api/auth/otp/verify', body: { phone: '13700000000', code: '000000' }, remoteAddress: nextAddress() }),
    ok: [400],
  },
  'POST /api/auth/logout': { inScope: () => ({ method: 'POST', url: '/api/auth/logout', ownSession: true }) },
  'GET /api/me': { inScope: () => ({ method: 'GET', url: '/api/me' }) },
  'GET /api/auth/session': { inScope: () => ({ method: 'GET', url: '/api/auth/session' }) },
  'PUT /api/me/language': { inScope: () => ({ method: 'PUT', url: '/api/me/language', body: { lang: 'zh-CN' } }) },
  'POST /api/me/password': {
    inScope: () => ({ method: 'POST', url: '/api/me/password', body: { currentPassword: 'not-my-password-1', newPassword: 'Another-pass-22' } }),
    ok: [400],
  },

  // Users and tokens are run by administrators for the whole system: no place scope applies.
  'GET /api/users': { inScope: () => ({ method: 'GET', url: '/api/users' }) },
  'GET /api/users/lookup': { inScope: () => ({ method: 'GET', url: '/api/users/lookup?q=a' }) },
  'POST /api/users': {
    inScope: () => ({ method: 'POST', url: '/api/users', body: { username: `matrix${next()}`, displayName: '矩阵用户', roles: ['volunteer'], scope: { placeIds: [tree.communityA] } } }),
  },
  'GET /api/users/:id': { inScope: () => ({ method: 'GET', url: `/api/users/${fx.targetUser}` }) },
  'PATCH /api/users/:id': {
    inScope: async () => ({ method: 'PATCH', url: `/api/users/${fx.targetUser}`, body: { displayName: `改名${next()}`, version: await versionOf(`/api/users/${fx.targetUser}`) } }),
  },
  'POST /api/users/:id/reset-password': { inScope: () => ({ method: 'POST', url: `/api/users/${fx.targetUser}/reset-password` }) },
  'POST /api/users/:id/unlock': { inScope: () => ({ method: 'POST', url: `/api/users/${fx.targetUser}/unlock` }) },
  'GET /api/api-tokens': { inScope: () => ({ method: 'GET', url: '/api/api-tokens' }) },
  'POST /api/api-tokens': {
    inScope: () => ({ method: 'POST', url: '/api/api-tokens', body: { name: `门禁${next()}`, permissions: ['resident.read'], scope: { placeIds: [tree.communityA] } } }),
  },
  'POST /api/api-tokens/:id/revoke': {
    inScope: async () => {
      const tok = await created(await admin.post('/api/api-tokens', { name: `待撤销${next()}`, permissions: ['place.read'], scope: { placeIds: [tree.communityA] } }), 'token');
      return { method: 'POST', url: `/api/api-tokens/${tok.token.id}/revoke` };
    },
  },

  'GET /api/calendar': { inScope: () => ({ method: 'GET', url: '/api/calendar?from=2026-01-01&to=2026-01-31' }) },
  'GET /api/calendar/overrides': { inScope: () => ({ method: 'GET', url: '/api/calendar/overrides' }) },
  'GET /api/calendar/years/:year': { inScope: () => ({ method: 'GET', url: '/api/calendar/years/2031' }) },
  'PUT /api/calendar/years/:year': {
    inScope: () => ({ method: 'PUT', url: '/api/calendar/years/2031', body: { holidays: [{ holiday: 'new_year', from: '2031-01-01', to: '2031-01-01' }], makeUpDays: [] } }),
  },
  'GET /api/calendar/hours': { inScope: () => ({ method: 'GET', url: '/api/calendar/hours' }) },
  'PUT /api/calendar/hours': { inScope: () => ({ method: 'PUT', url: '/api/calendar/hours', body: { open: '08:30', close: '17:30' } }) },
  'PUT /api/calendar/overrides': { inScope: () => ({ method: 'PUT', url: '/api/calendar/overrides', body: { date: '2031-03-03', workday: false, note: '矩阵' } }) },
  'DELETE /api/calendar/overrides/:date': {
    inScope: async () => {
      const date = `2032-01-${String((next() % 28) + 1).padStart(2, '0')}`;
      await created(await admin.put('/api/calendar/overrides', { date, workday: false }), 'override');
      return { method: 'DELETE', url: `/api/calendar/overrides/${date}` };
    },
  },

  'GET /api/audit': { inScope: () => ({ method: 'GET', url: '/api/audit?pageSize=5' }) },
  'GET /api/audit/export.xlsx': { inScope: () => ({ method: 'GET', url: '/api/audit/export.xlsx?action=place.' }) },

  'GET /api/todos': { inScope: () => ({ method: 'GET', url: '/api/todos' }) },
  'POST /api/todos/:id/done': {
    inScope: async (c) => {
      const n = next();
      await openObligations(
        t.platform.db,
        [{ kind: 'matrix.check', subjectType: 'matrix', subjectId: n, title: { 'zh-CN': '测试', 'en-US': 'Test' }, responsibleUserId: c.userId, dueAt: new Date(Date.now() + 3600000) }],
        fx.ruleA!,
      );
      const row = await queryOne<{ id: number }>(t.platform.db, sql`SELECT id FROM obligations WHERE subject_type = 'matrix' AND subject_id = ${String(n)}`);
      return { method: 'POST', url: `/api/todos/${row!.id}/done` };
    },
    outOfScope: () => ({ method: 'POST', url: `/api/todos/${fx.foreignTodo}/done` }),
  },
  'POST /api/todos/done': {
    inScope: async (c) => {
      const n = next();
      await openObligations(
        t.platform.db,
        [{ kind: 'matrix.check', subjectType: 'matrix', subjectId: n, title: { 'zh-CN': '测试', 'en-US': 'Test' }, responsibleUserId: c.userId, dueAt: new Date(Date.now() + 3600000) }],
        fx.ruleA!,
      );
      const row = await queryOne<{ id: number }>(t.platform.db, sql`SELECT id FROM obligations WHERE subject_type = 'matrix' AND subject_id = ${String(n)}`);
      return { method: 'POST', url: '/api/todos/done', body: { ids: [row!.id] } };
    },
    outOfScope: () => ({ method: 'POST', url: '/api/todos/done', body: { ids: [fx.foreignTodo] } }),
  },
  'GET /api/obligation-rules': { inScope: () => ({ method: 'GET', url: '/api/obligation-rules' }) },
  'POST /api/obligation-rules': {
    inScope: () => ({ method: 'POST', url: '/api/obligation-rules', body: ruleBody(tree.compoundA) }),
    outOfScope: () => ({ method: 'POST', url: '/api/obligation-rules', body: ruleBody(tree.compoundB) }),
  },
  'PUT /api/obligation-rules/:id': {
    inScope: () => ({ method: 'PUT', url: `/api/obligation-rules/${fx.ruleA}`, body: ruleBody(tree.communityA) }),
    outOfScope: () => ({ method: 'PUT', url: `/api/obligation-rules/${fx.ruleB}`, body: ruleBody(tree.communityA) }),
  },
  'DELETE /api/obligation-rules/:id': {
    inScope: async () => {
      const rule = await created(await admin.post('/api/obligation-rules', ruleBody(tree.compoundA)), 'rule');
      return { method: 'DELETE', url: `/api/obligation-rules/${rule.id}` };
    },
    outOfScope: () => ({ method: 'DELETE', url: `/api/obligation-rules/${fx.ruleB}` }),
  },

  'GET /api/notifications': { inScope: () => ({ method: 'GET', url: '/api/notifications' }) },
  'POST /api/notifications/read': { inScope: () => ({ method: 'POST', url: '/api/notifications/read', body: { all: true } }) },
  'GET /api/events': { inScope: () => ({ method: 'GET', url: '/api/events', stream: true }) },

  'POST /api/imports/:kind': {
    inScope: async () => {
      const file = await residentWorkbook([{ community: '荟萃社区', compound: '建工小区', building: '3号楼', stairwell: '1单元', dwelling: '998', name: '查无此房' }]);
      return { method: 'POST', url: '/api/imports/residents', upload: file };
    },
  },
  'GET /api/imports/:id': {
    inScope: async (c) => ({ method: 'GET', url: `/api/imports/${await jobOf(c)}` }),
    outOfScope: async () => ({ method: 'GET', url: `/api/imports/${await jobOf(adminCaller())}` }),
  },
  'GET /api/imports/:id/errors': {
    inScope: async (c) => ({ method: 'GET', url: `/api/imports/${await jobOf(c)}/errors` }),
    outOfScope: async () => ({ method: 'GET', url: `/api/imports/${await jobOf(adminCaller())}/errors` }),
  },
  'GET /api/imports/:id/errors.xlsx': {
    inScope: async (c) => ({ method: 'GET', url: `/api/imports/${await jobOf(c)}/errors.xlsx` }),
    outOfScope: async () => ({ method: 'GET', url: `/api/imports/${await jobOf(adminCaller())}/errors.xlsx` }),
  },
  'POST /api/imports/:id/commit': {
    inScope: async (c) => ({ method: 'POST', url: `/api/imports/${await jobOf(c)}/commit`, body: { onlyValid: false } }),
    ok: [409],
    outOfScope: async () => ({ method: 'POST', url: `/api/imports/${await jobOf(adminCaller())}/commit`, body: { onlyValid: true } }),
  },
  'POST /api/imports/:id/cancel': {
    // Cancelling uses the job up, so each caller cancels a job of its own.
    inScope: async (c) => ({ method: 'POST', url: `/api/imports/${await freshJobOf(c)}/cancel` }),
    outOfScope: async () => ({ method: 'POST', url: `/api/imports/${await jobOf(adminCaller())}/cancel` }),
  },

  'GET /api/places': {
    inScope: () => ({ method: 'GET', url: `/api/places?parentId=${tree.communityA}&counts=true` }),
    outOfScope: () => ({ method: 'GET', url: `/api/places?parentId=${tree.communityB}` }),
  },
  'GET /api/places/search': { inScope: () => ({ method: 'GET', url: `/api/places/search?q=${encodeURIComponent('号楼')}` }) },
  'GET /api/places/:id': {
    inScope: () => ({ method: 'GET', url: `/api/places/${tree.compoundA}` }),
    outOfScope: () => ({ method: 'GET', url: `/api/places/${tree.compoundB}` }),
  },
  'POST /api/places': {
    inScope: () => ({ method: 'POST', url: '/api/places', body: { parentId: tree.compoundA, type: 'building', name: `新楼${next()}` } }),
    outOfScope: () => ({ method: 'POST', url: '/api/places', body: { parentId: tree.compoundB, type: 'building', name: `新楼${next()}` } }),
  },
  'GET /api/places/import-template.xlsx': { inScope: () => ({ method: 'GET', url: '/api/places/import-template.xlsx' }) },
  'POST /api/places/branch': {
    inScope: () => ({ method: 'POST', url: '/api/places/branch', body: { parentId: tree.compoundA, places: [{ parent: -1, type: 'building', name: `新楼${next()}` }] } }),
    outOfScope: () => ({ method: 'POST', url: '/api/places/branch', body: { parentId: tree.compoundB, places: [{ parent: -1, type: 'building', name: `新楼${next()}` }] } }),
  },
  'PATCH /api/places/:id': {
    inScope: async () => ({ method: 'PATCH', url: `/api/places/${tree.compoundA}`, body: { sortOrder: next(), version: await placeVersion(tree.compoundA) } }),
    outOfScope: async () => ({ method: 'PATCH', url: `/api/places/${tree.compoundB}`, body: { sortOrder: 1, version: await placeVersion(tree.compoundB) } }),
  },
  'DELETE /api/places/:id': {
    inScope: async () => ({ method: 'DELETE', url: `/api/places/${await freshPlace(tree.compoundA)}` }),
    outOfScope: async () => ({ method: 'DELETE', url: `/api/places/${await freshPlace(tree.compoundB)}` }),
  },
  'POST /api/places/:id/layout': {
    inScope: async () => ({ method: 'POST', url: `/api/places/${await freshPlace(tree.compoundA)}/layout`, body: { stairwells: 1, floors: 1, flatsPerFloor: 1 } }),
    outOfScope: async () => ({ method: 'POST', url: `/api/places/${await freshPlace(tree.compoundB)}/layout`, body: { stairwells: 1, floors: 1, flatsPerFloor: 1 } }),
  },
  'PUT /api/places/:id/building-head': {
    inScope: () => ({ method: 'PUT', url: `/api/places/${tree.buildingA}/building-head`, body: { residentId: fx.residentA } }),
    outOfScope: () => ({ method: 'PUT', url: `/api/places/${tree.buildingB}/building-head`, body: { residentId: fx.residentB } }),
  },
  'GET /api/grids': {
    inScope: () => ({ method: 'GET', url: `/api/grids?communityId=${tree.communityA}` }),
    outOfScope: () => ({ method: 'GET', url: `/api/grids?communityId=${tree.communityB}` }),
  },
  'POST /api/grids': {
    inScope: () => ({ method: 'POST', url: '/api/grids', body: { communityId: tree.communityA, name: `网格${next()}`, gridWorkerUserId: null, buildingIds: [] } }),
    outOfScope: () => ({ method: 'POST', url: '/api/grids', body: { communityId: tree.communityB, name: `网格${next()}`, gridWorkerUserId: null, buildingIds: [] } }),
  },
  'PUT /api/grids/:id': {
    inScope: () => ({ method: 'PUT', url: `/api/grids/${fx.gridA}`, body: { communityId: tree.communityA, name: '荟萃网格', gridWorkerUserId: null, buildingIds: [tree.buildingA] } }),
    outOfScope: () => ({ method: 'PUT', url: `/api/grids/${fx.gridB}`, body: { communityId: tree.communityA, name: `夺来的网格${next()}`, gridWorkerUserId: null, buildingIds: [] } }),
  },
  'DELETE /api/grids/:id': {
    inScope: async () => {
      const g = await created(await admin.post('/api/grids', { communityId: tree.communityA, name: `待删网格${next()}`, gridWorkerUserId: null, buildingIds: [] }), 'grid');
      return { method: 'DELETE', url: `/api/grids/${g.id}` };
    },
    outOfScope: () => ({ method: 'DELETE', url: `/api/grids/${fx.gridB}` }),
  },

  // Employers are shared by the district; only a liaison is limited to their own.
  'GET /api/employers': { inScope: () => ({ method: 'GET', url: '/api/employers' }) },
  'GET /api/employers/:id': {
    inScope: () => ({ method: 'GET', url: `/api/employers/${fx.employerA}` }),
    outOfScope: () => ({ method: 'GET', url: `/api/employers/${fx.employerB}` }),
    scopedFor: (role) => role === 'employer_liaison',
  },
  'POST /api/employers': { inScope: () => ({ method: 'POST', url: '/api/employers', body: { name: `单位${next()}` } }) },
  'PATCH /api/employers/:id': { inScope: () => ({ method: 'PATCH', url: `/api/employers/${fx.employerA}`, body: { name: '钻井一公司' } }) },
  'DELETE /api/employers/:id': {
    inScope: async () => ({ method: 'DELETE', url: `/api/employers/${(await created(await admin.post('/api/employers', { name: `待删单位${next()}` }), 'employer')).id}` }),
  },

  'GET /api/residents': {
    inScope: () => ({ method: 'GET', url: '/api/residents' }),
    outOfScope: () => ({ method: 'GET', url: `/api/residents?placeId=${tree.communityB}` }),
  },
  'GET /api/residents/export.xlsx': {
    inScope: () => ({ method: 'GET', url: '/api/residents/export.xlsx' }),
    outOfScope: () => ({ method: 'GET', url: `/api/residents/export.xlsx?placeId=${tree.communityB}` }),
  },
  'GET /api/households/export.xlsx': {
    inScope: () => ({ method: 'GET', url: '/api/households/export.xlsx' }),
    outOfScope: () => ({ method: 'GET', url: `/api/households/export.xlsx?placeId=${tree.communityB}` }),
  },
  'GET /api/residents/import-template.xlsx': { inScope: () => ({ method: 'GET', url: '/api/residents/import-template.xlsx' }) },
  'POST /api/residents': {
    inScope: () => ({ method: 'POST', url: '/api/residents', body: { dwellingId: tree.dwellingsA[2], name: `新居民${next()}` } }),
    outOfScope: () => ({ method: 'POST', url: '/api/residents', body: { dwellingId: tree.dwellingsB[2], name: `新居民${next()}` } }),
  },
  'GET /api/residents/:id': {
    inScope: () => ({ method: 'GET', url: `/api/residents/${fx.residentA}` }),
    outOfScope: () => ({ method: 'GET', url: `/api/residents/${fx.residentB}` }),
  },
  'PATCH /api/residents/:id': {
    inScope: async () => ({ method: 'PATCH', url: `/api/residents/${fx.residentA}`, body: { note: `走访${next()}`, version: await versionOf(`/api/residents/${fx.residentA}`) } }),
    outOfScope: async () => ({ method: 'PATCH', url: `/api/residents/${fx.residentB}`, body: { note: '越界', version: await versionOf(`/api/residents/${fx.residentB}`) } }),
  },
  'DELETE /api/residents/:id': {
    inScope: async () => ({ method: 'DELETE', url: `/api/residents/${await freshResident(tree.dwellingsA[3]!)}` }),
    outOfScope: () => ({ method: 'DELETE', url: `/api/residents/${fx.residentB}` }),
  },
  'POST /api/residents/:id/reveal': {
    inScope: () => ({ method: 'POST', url: `/api/residents/${fx.residentA}/reveal`, body: { field: 'phone', reason: '电话随访' } }),
    outOfScope: () => ({ method: 'POST', url: `/api/residents/${fx.residentB}/reveal`, body: { field: 'phone', reason: '电话随访' } }),
  },
  'GET /api/me/household': { inScope: () => ({ method: 'GET', url: '/api/me/household' }) },
  'GET /api/households': {
    inScope: () => ({ method: 'GET', url: '/api/households' }),
    outOfScope: () => ({ method: 'GET', url: `/api/households?placeId=${tree.communityB}` }),
  },
  'POST /api/households': {
    inScope: () => ({ method: 'POST', url: '/api/households', body: { dwellingId: tree.dwellingsA[4] } }),
    outOfScope: () => ({ method: 'POST', url: '/api/households', body: { dwellingId: tree.dwellingsB[4] } }),
  },
  'DELETE /api/households/:id': {
    inScope: async () => ({ method: 'DELETE', url: `/api/households/${(await created(await admin.post('/api/households', { dwellingId: tree.dwellingsA[5] }), 'household')).id}` }),
    outOfScope: () => ({ method: 'DELETE', url: `/api/households/${fx.householdB}` }),
  },

  'GET /api/screening/campaigns': { inScope: () => ({ method: 'GET', url: '/api/screening/campaigns' }) },
  'POST /api/screening/campaigns': {
    inScope: () => ({ method: 'POST', url: '/api/screening/campaigns', body: { name: `摸排${next()}`, placeIds: [tree.communityA], questions: SCREENING_QUESTIONS, startsOn: '2026-01-01', endsOn: '2026-12-31' } }),
    outOfScope: () => ({ method: 'POST', url: '/api/screening/campaigns', body: { name: `摸排${next()}`, placeIds: [tree.communityB], questions: SCREENING_QUESTIONS, startsOn: '2026-01-01', endsOn: '2026-12-31' } }),
  },
  'GET /api/screening/campaigns/:id': {
    inScope: async () => ({ method: 'GET', url: `/api/screening/campaigns/${(await screening()).campA}` }),
    outOfScope: async () => ({ method: 'GET', url: `/api/screening/campaigns/${(await screening()).campB}` }),
  },
  'PATCH /api/screening/campaigns/:id': {
    inScope: async () => {
      const id = (await screening()).campA!;
      return { method: 'PATCH', url: `/api/screening/campaigns/${id}`, body: { note: `改${next()}`, version: await campaignVersion(id) } };
    },
    outOfScope: async () => {
      const id = (await screening()).campB!;
      return { method: 'PATCH', url: `/api/screening/campaigns/${id}`, body: { note: '越界', version: await campaignVersion(id) } };
    },
  },
  'POST /api/screening/campaigns/:id/start': {
    inScope: async () => {
      await screening();
      return { method: 'POST', url: `/api/screening/campaigns/${await screeningHelpers.campaign!(tree.communityA, false)}/start` };
    },
    outOfScope: async () => ({ method: 'POST', url: `/api/screening/campaigns/${await screeningHelpers.campaign!(tree.communityB, false)}/start` }),
  },
  'POST /api/screening/campaigns/:id/close': {
    inScope: async () => {
      await screening();
      return { method: 'POST', url: `/api/screening/campaigns/${await screeningHelpers.campaign!(tree.communityA)}/close` };
    },
    outOfScope: async () => ({ method: 'POST', url: `/api/screening/campaigns/${(await screening()).campB}/close` }),
  },
  'POST /api/screening/campaigns/:id/rounds': {
    inScope: async () => ({ method: 'POST', url: `/api/screening/campaigns/${(await screening()).campA}/rounds` }),
    outOfScope: async () => ({ method: 'POST', url: `/api/screening/campaigns/${(await screening()).campB}/rounds` }),
  },
  'GET /api/screening/campaigns/:id/assignments': {
    inScope: async () => ({ method: 'GET', url: `/api/screening/campaigns/${(await screening()).campA}/assignments` }),
    outOfScope: async () => ({ method: 'GET', url: `/api/screening/campaigns/${(await screening()).campB}/assignments` }),
  },
  'POST /api/screening/campaigns/:id/assignments': {
    inScope: async () => {
      const s = await screening();
      return { method: 'POST', url: `/api/screening/campaigns/${s.campA}/assignments`, body: { userId: s.visitor, buildingId: await freshPlace(tree.compoundA) } };
    },
    outOfScope: async () => {
      const s = await screening();
      return { method: 'POST', url: `/api/screening/campaigns/${s.campA}/assignments`, body: { userId: s.visitor, buildingId: tree.buildingB } };
    },
  },
  'DELETE /api/screening/campaigns/:id/assignments/:assignmentId': {
    inScope: async () => {
      const s = await screening();
      const a = await created(await screeningHelpers.runner!.post(`/api/screening/campaigns/${s.campA}/assignments`, { userId: s.visitor, buildingId: await freshPlace(tree.compoundA) }), 'assignment');
      return { method: 'DELETE', url: `/api/screening/campaigns/${s.campA}/assignments/${a.id}` };
    },
    outOfScope: async () => {
      const s = await screening();
      return { method: 'DELETE', url: `/api/screening/campaigns/${s.campB}/assignments/${s.assignmentB}` };
    },
  },
  'GET /api/screening/my-campaigns': { inScope: () => ({ method: 'GET', url: '/api/screening/my-campaigns' }) },
  'GET /api/screening/campaigns/:id/workset': {
    inScope: async () => ({ method: 'GET', url: `/api/screening/campaigns/${(await screening()).campA}/workset` }),
    outOfScope: async () => ({ method: 'GET', url: `/api/screening/campaigns/${(await screening()).campB}/workset` }),
  },
  // A visit outside the caller's scope is answered per visit ("rejected"), so the batch is not a 404.
  'POST /api/screening/sync': {
    inScope: async () => {
      const s = await screening();
      return { method: 'POST', url: '/api/screening/sync', body: { visits: [screeningVisit(s.campA!, s.householdA!, fx.residentA!)] } };
    },
  },
  'GET /api/screening/campaigns/:id/coverage': {
    inScope: async () => ({ method: 'GET', url: `/api/screening/campaigns/${(await screening()).campA}/coverage?level=building` }),
    outOfScope: async () => ({ method: 'GET', url: `/api/screening/campaigns/${(await screening()).campB}/coverage` }),
  },
  'GET /api/screening/campaigns/:id/coverage.xlsx': {
    inScope: async () => ({ method: 'GET', url: `/api/screening/campaigns/${(await screening()).campA}/coverage.xlsx` }),
    outOfScope: async () => ({ method: 'GET', url: `/api/screening/campaigns/${(await screening()).campB}/coverage.xlsx` }),
  },
  'GET /api/screening/campaigns/:id/findings': {
    inScope: async () => ({ method: 'GET', url: `/api/screening/campaigns/${(await screening()).campA}/findings` }),
    outOfScope: async () => ({ method: 'GET', url: `/api/screening/campaigns/${(await screening()).campB}/findings` }),
  },
  'GET /api/screening/findings/:id': {
    inScope: async () => ({ method: 'GET', url: `/api/screening/findings/${(await screening()).findingA}` }),
    outOfScope: async () => ({ method: 'GET', url: `/api/screening/findings/${(await screening()).findingB}` }),
  },
  'POST /api/screening/findings/:id/open-case': {
    inScope: async () => {
      const s = await screening();
      const id = await screeningHelpers.fever!(s.campA!, s.householdA!, fx.residentA!);
      return { method: 'POST', url: `/api/screening/findings/${id}/open-case`, body: { version: await findingVersion(id) } };
    },
    outOfScope: async () => {
      const s = await screening();
      return { method: 'POST', url: `/api/screening/findings/${s.findingB}/open-case`, body: { version: await findingVersion(s.findingB!) } };
    },
  },
  'POST /api/screening/findings/:id/resolve': {
    inScope: async () => {
      const s = await screening();
      const id = await screeningHelpers.fever!(s.campA!, s.householdA!, fx.residentA!);
      return { method: 'POST', url: `/api/screening/findings/${id}/resolve`, body: { note: '已核实', version: await findingVersion(id) } };
    },
    outOfScope: async () => {
      const s = await screening();
      return { method: 'POST', url: `/api/screening/findings/${s.findingB}/resolve`, body: { note: '越界', version: await findingVersion(s.findingB!) } };
    },
  },
  'POST /api/passes/keys/rotate': { inScope: () => ({ method: 'POST', url: '/api/passes/keys/rotate' }) },
  'GET /api/dashboard': { inScope: () => ({ method: 'GET', url: '/api/dashboard' }) },
  'GET /api/figures': { inScope: () => ({ method: 'GET', url: '/api/figures' }) },
  // A figure set is read with its own permission: to other staff it does not exist.
  'GET /api/figures/:key': {
    inScope: () => ({ method: 'GET', url: `/api/figures/inbound.loop?from=${today()}&to=${today()}&groupBy=community` }),
    ok: (c) => (c.role !== 'anonymous' && c.role !== 'phone_resident' && ROLE_PERMISSIONS[c.role].includes('inbound.read') ? [200] : [404]),
  },

  'GET /api/inbound/requests': { inScope: () => ({ method: 'GET', url: '/api/inbound/requests?queue=all' }) },
  'POST /api/inbound/requests': {
    inScope: () => ({ method: 'POST', url: '/api/inbound/requests', body: { ...newPerson(tree.dwellingsA[0]!), idNumber: freshId(), ...trip() } }),
    outOfScope: (c) =>
      c.role === 'employer_liaison'
        ? { method: 'POST', url: '/api/inbound/requests', body: { residentId: fx.residentB, ...trip() } }
        : { method: 'POST', url: '/api/inbound/requests', body: { ...newPerson(tree.dwellingsB[0]!), idNumber: freshId(), ...trip() } },
  },
  'GET /api/inbound/requests/:id': {
    inScope: async () => ({ method: 'GET', url: `/api/inbound/requests/${(await requestAt('submitted')).id}` }),
    outOfScope: async () => ({ method: 'GET', url: `/api/inbound/requests/${(await requestAt('submitted', 'B')).id}` }),
  },
  'POST /api/inbound/requests/:id/route': {
    inScope: async () => {
      const r = await requestAt('submitted');
      return { method: 'POST', url: `/api/inbound/requests/${r.id}/route`, body: { version: r.version } };
    },
    outOfScope: async () => {
      const r = await requestAt('submitted', 'B');
      return { method: 'POST', url: `/api/inbound/requests/${r.id}/route`, body: { version: r.version } };
    },
  },
  'POST /api/inbound/requests/:id/reroute': {
    inScope: async () => {
      const r = await requestAt('routed', 'A', tree.communityB);
      return { method: 'POST', url: `/api/inbound/requests/${r.id}/reroute`, body: { communityId: tree.communityA, reason: '实际住在荟萃', version: r.version } };
    },
    outOfScope: async () => {
      const r = await requestAt('routed', 'B');
      return { method: 'POST', url: `/api/inbound/requests/${r.id}/reroute`, body: { communityId: tree.communityA, reason: '越界', version: r.version } };
    },
  },
  'POST /api/inbound/requests/:id/approve': {
    inScope: async () => {
      const r = await requestAt('routed');
      return { method: 'POST', url: `/api/inbound/requests/${r.id}/approve`, body: { measure: { kind: 'home_observation', days: 14 }, version: r.version } };
    },
    outOfScope: async () => {
      const r = await requestAt('routed', 'B');
      return { method: 'POST', url: `/api/inbound/requests/${r.id}/approve`, body: { measure: { kind: 'home_observation', days: 14 }, version: r.version } };
    },
  },
  'POST /api/inbound/requests/:id/reject': {
    inScope: async () => {
      const r = await requestAt('routed');
      return { method: 'POST', url: `/api/inbound/requests/${r.id}/reject`, body: { reason: '材料不全', version: r.version } };
    },
    outOfScope: async () => {
      const r = await requestAt('routed', 'B');
      return { method: 'POST', url: `/api/inbound/requests/${r.id}/reject`, body: { reason: '材料不全', version: r.version } };
    },
  },
  'POST /api/inbound/requests/:id/notified': {
    inScope: async () => {
      const r = await requestAt('approved');
      return { method: 'POST', url: `/api/inbound/requests/${r.id}/notified`, body: { version: r.version } };
    },
    outOfScope: async () => {
      const r = await requestAt('approved', 'B');
      return { method: 'POST', url: `/api/inbound/requests/${r.id}/notified`, body: { version: r.version } };
    },
  },
  'POST /api/inbound/requests/:id/withdraw': {
    inScope: async () => {
      const r = await requestAt('submitted');
      return { method: 'POST', url: `/api/inbound/requests/${r.id}/withdraw`, body: { reason: '行程推迟', version: r.version } };
    },
    outOfScope: async () => {
      const r = await requestAt('submitted', 'B');
      return { method: 'POST', url: `/api/inbound/requests/${r.id}/withdraw`, body: { reason: '行程推迟', version: r.version } };
    },
  },
  'POST /api/inbound/requests/:id/resubmit': {
    inScope: async () => {
      const r = await requestAt('withdrawn');
      return { method: 'POST', url: `/api/inbound/requests/${r.id}/resubmit`, body: { version: r.version } };
    },
    outOfScope: async () => {
      const r = await requestAt('withdrawn', 'B');
      return { method: 'POST', url: `/api/inbound/requests/${r.id}/resubmit`, body: { version: r.version } };
    },
  },
  'POST /api/inbound/requests/:id/appeal': {
    inScope: async () => {
      const r = await requestAt('rejected');
      return { method: 'POST', url: `/api/inbound/requests/${r.id}/appeal`, body: { text: '补充核酸阴性证明', version: r.version } };
    },
    outOfScope: async () => {
      const r = await requestAt('rejected', 'B');
      return { method: 'POST', url: `/api/inbound/requests/${r.id}/appeal`, body: { text: '补充核酸阴性证明', version: r.version } };
    },
  },
  'POST /api/inbound/requests/:id/check-in': {
    inScope: async () => {
      const r = await requestAt('approved');
      return { method: 'POST', url: `/api/inbound/requests/${r.id}/check-in`, body: { method: 'manual', version: r.version } };
    },
    outOfScope: async () => {
      const r = await requestAt('approved', 'B');
      return { method: 'POST', url: `/api/inbound/requests/${r.id}/check-in`, body: { method: 'manual', version: r.version } };
    },
  },
  'GET /api/inbound/requests/:id/notice': {
    inScope: async () => ({ method: 'GET', url: `/api/inbound/requests/${(await requestAt('approved')).id}/notice` }),
    outOfScope: async () => ({ method: 'GET', url: `/api/inbound/requests/${(await requestAt('approved', 'B')).id}/notice` }),
  },
  'POST /api/inbound/scan': {
    inScope: async () => {
      const r = await requestAt('approved');
      const notice = (await ix.staffA!.get(`/api/inbound/requests/${r.id}/notice`)).json;
      return { method: 'POST', url: '/api/inbound/scan', body: { token: notice.token } };
    },
  },
  'GET /api/inbound/places': { inScope: () => ({ method: 'GET', url: `/api/inbound/places?parentId=${tree.buildingA}` }) },
  'GET /api/inbound/figures': { inScope: () => ({ method: 'GET', url: `/api/inbound/figures?from=${today()}&to=${today()}&by=employer` }) },
  'GET /api/inbound/figures.xlsx': { inScope: () => ({ method: 'GET', url: `/api/inbound/figures.xlsx?from=${today()}&to=${today()}&by=community` }) },
  'GET /api/inbound/settings': { inScope: () => ({ method: 'GET', url: '/api/inbound/settings' }) },
  'PUT /api/inbound/settings/:id': {
    inScope: () => ({ method: 'PUT', url: `/api/inbound/settings/${tree.communityA}`, body: { routeMinutes: 15, reviewMinutes: 45, notifyMinutes: 120, arrivalGraceDays: 1, defaultObservationDays: 14 } }),
    outOfScope: () => ({ method: 'PUT', url: `/api/inbound/settings/${tree.communityB}`, body: { routeMinutes: 15, reviewMinutes: 45, notifyMinutes: 120, arrivalGraceDays: 1, defaultObservationDays: 14 } }),
  },
  'GET /api/inbound/declaration/communities': { inScope: () => ({ method: 'GET', url: '/api/inbound/declaration/communities', remoteAddress: nextAddress() }) },
  'POST /api/inbound/declarations': {
    inScope: () => ({
      method: 'POST',
      url: '/api/inbound/declarations',
      body: { name: `申报${next()}`, idNumber: freshId(), phone: `1350000${String(next()).padStart(4, '0')}`, communityId: tree.communityA, address: '建工小区3号楼', ...trip() },
      remoteAddress: nextAddress(),
    }),
  },
  'GET /api/inbound/declarations/status': {
    inScope: async () => ({ method: 'GET', url: `/api/inbound/declarations/status?token=${encodeURIComponent(fx.trackingToken as unknown as string)}`, remoteAddress: nextAddress() }),
  },
  'POST /api/inbound/declarations/self-report': {
    inScope: async () => ({ method: 'POST', url: '/api/inbound/declarations/self-report', body: { token: await approvedDeclaration() }, remoteAddress: nextAddress() }),
  },
  'GET /api/inbound/mine': { inScope: () => ({ method: 'GET', url: '/api/inbound/mine' }) },
  // Residents only act on their own requests: a staff user finds none.
  'POST /api/inbound/mine/:id/self-report': {
    // Staff are let in ('user') and simply find nothing; a resident reports their own arrival, never a neighbour's.
    inScope: async (c) => ({ method: 'POST', url: `/api/inbound/mine/${c.role === 'phone_resident' ? (await phoneFixtures()).myRequest : 1}/self-report` }),
    ok: (c) => (c.role === 'phone_resident' ? [200] : [404]),
    outOfScope: async () => ({ method: 'POST', url: `/api/inbound/mine/${(await phoneFixtures()).neighbourRequest}/self-report` }),
  },

  'GET /api/observation/cases': {
    inScope: () => ({ method: 'GET', url: '/api/observation/cases?status=all' }),
    outOfScope: () => ({ method: 'GET', url: `/api/observation/cases?placeId=${tree.communityB}` }),
  },
  'POST /api/observation/cases': {
    inScope: async () => {
      const resident = (await created(await admin.post('/api/residents', { dwellingId: tree.dwellingsA[1], name: `观察${next()}` }), 'resident')).id;
      return { method: 'POST', url: '/api/observation/cases', body: { residentId: resident, kind: 'fever_follow_up', reason: '发热', plan: { basis: 'exposure', basisDate: today(), days: 3 } } };
    },
    outOfScope: () => ({ method: 'POST', url: '/api/observation/cases', body: { residentId: fx.residentB, kind: 'fever_follow_up', reason: '发热', plan: { basis: 'exposure', basisDate: today(), days: 3 } } }),
  },
  'GET /api/observation/settings': { inScope: () => ({ method: 'GET', url: '/api/observation/settings' }) },
  'PUT /api/observation/settings/:id': {
    inScope: () => ({ method: 'PUT', url: `/api/observation/settings/${tree.communityA}`, body: { slots: [{ start: '08:00', end: '10:00', graceMinutes: 30 }, { start: '16:00', end: '18:00', graceMinutes: 30 }] } }),
    outOfScope: () => ({ method: 'PUT', url: `/api/observation/settings/${tree.communityB}`, body: { slots: [{ start: '08:00', end: '10:00', graceMinutes: 30 }] } }),
  },
  'GET /api/observation/today': { inScope: () => ({ method: 'GET', url: '/api/observation/today' }) },
  'GET /api/observation/export.xlsx': {
    inScope: () => ({ method: 'GET', url: `/api/observation/export.xlsx?from=${today()}&to=${today()}` }),
    outOfScope: () => ({ method: 'GET', url: `/api/observation/export.xlsx?from=${today()}&to=${today()}&placeId=${tree.communityB}` }),
  },
  'GET /api/observation/cases/:id': {
    inScope: () => ({ method: 'GET', url: `/api/observation/cases/${fx.caseA}` }),
    outOfScope: () => ({ method: 'GET', url: `/api/observation/cases/${fx.caseB}` }),
  },
  'POST /api/observation/cases/:id/readings': {
    inScope: () => ({ method: 'POST', url: `/api/observation/cases/${fx.caseA}/readings`, body: { temperature: 36.5 } }),
    outOfScope: () => ({ method: 'POST', url: `/api/observation/cases/${fx.caseB}/readings`, body: { temperature: 36.5 } }),
  },
  'POST /api/observation/cases/:id/checks/:checkId/acknowledge': {
    inScope: async () => {
      const k = (await ix.healthA!.post(`/api/observation/cases/${fx.caseA}/readings`, { temperature: 38.1 })).json.check;
      return { method: 'POST', url: `/api/observation/cases/${fx.caseA}/checks/${k.id}/acknowledge`, body: { note: '已电话随访' } };
    },
    outOfScope: async () => {
      const k = (await ix.healthB!.post(`/api/observation/cases/${fx.caseB}/readings`, { temperature: 38.1 })).json.check;
      return { method: 'POST', url: `/api/observation/cases/${fx.caseB}/checks/${k.id}/acknowledge`, body: {} };
    },
  },
  'POST /api/observation/cases/:id/replan': {
    inScope: async () => ({ method: 'POST', url: `/api/observation/cases/${fx.caseA}/replan`, body: { days: 14 + (next() % 5), reason: '密接延长', version: await caseVersion(fx.caseA!) } }),
    outOfScope: async () => ({ method: 'POST', url: `/api/observation/cases/${fx.caseB}/replan`, body: { days: 10, reason: '越界', version: await caseVersionB(fx.caseB!) } }),
  },
  'PUT /api/observation/cases/:id/custodians': {
    inScope: () => ({ method: 'PUT', url: `/api/observation/cases/${fx.caseA}/custodians`, body: { custodians: [{ role: 'police', name: '民警李' }, { role: 'cadre', name: '干部王' }, { role: 'medic', name: '医生赵' }] } }),
    outOfScope: () => ({ method: 'PUT', url: `/api/observation/cases/${fx.caseB}/custodians`, body: { custodians: [] } }),
  },
  'PUT /api/observation/cases/:id/members': {
    inScope: () => ({ method: 'PUT', url: `/api/observation/cases/${fx.caseA}/members`, body: { memberIds: [] } }),
    outOfScope: () => ({ method: 'PUT', url: `/api/observation/cases/${fx.caseB}/members`, body: { memberIds: [] } }),
  },
  'POST /api/observation/cases/:id/deliveries': {
    inScope: () => ({ method: 'POST', url: `/api/observation/cases/${fx.caseA}/deliveries`, body: { what: '米面油', quantity: '1 份' } }),
    outOfScope: () => ({ method: 'POST', url: `/api/observation/cases/${fx.caseB}/deliveries`, body: { what: '米面油' } }),
  },
  'POST /api/observation/cases/:id/release': {
    inScope: async () => {
      // A case whose period ended today, with a normal reading: its release is proposed.
      const c = await caseIn('A', 0);
      await ix.healthA!.post(`/api/observation/cases/${c.id}/readings`, { temperature: 36.4 });
      return { method: 'POST', url: `/api/observation/cases/${c.id}/release`, body: { version: await caseVersion(c.id) } };
    },
    outOfScope: async () => {
      const c = await caseIn('B', 0);
      await ix.healthB!.post(`/api/observation/cases/${c.id}/readings`, { temperature: 36.4 });
      return { method: 'POST', url: `/api/observation/cases/${c.id}/release`, body: { version: await caseVersionB(c.id) } };
    },
  },
  // The service desk. Orders are made fresh where an action uses them up.
  'GET /api/servicedesk/categories': { inScope: () => ({ method: 'GET', url: '/api/servicedesk/categories' }) },
  'POST /api/servicedesk/categories': { inScope: () => ({ method: 'POST', url: '/api/servicedesk/categories', body: repairCategory(`matrix.${next()}`, fx.sdTeamA!) }) },
  'PUT /api/servicedesk/categories/:id': {
    inScope: async () => {
      const v = (await admin.get('/api/servicedesk/categories')).json.items.find((c: any) => c.id === fx.sdCat).version;
      return { method: 'PUT', url: `/api/servicedesk/categories/${fx.sdCat}`, body: { ...repairCategory('matrix.leak', [fx.sdTeamA!, fx.sdTeamB!]), version: v } };
    },
  },
  'GET /api/servicedesk/teams': { inScope: () => ({ method: 'GET', url: '/api/servicedesk/teams' }) },
  'POST /api/servicedesk/teams': {
    inScope: () => ({ method: 'POST', url: '/api/servicedesk/teams', body: { name: `矩阵班组${next()}`, placeId: tree.communityA, leaderUserId: null, memberUserIds: [] } }),
    outOfScope: () => ({ method: 'POST', url: '/api/servicedesk/teams', body: { name: `矩阵班组${next()}`, placeId: tree.communityB, leaderUserId: null, memberUserIds: [] } }),
  },
  'PUT /api/servicedesk/teams/:id': {
    inScope: () => ({ method: 'PUT', url: `/api/servicedesk/teams/${fx.sdTeamA}`, body: { name: '矩阵维修班', placeId: tree.communityA, leaderUserId: null, memberUserIds: [] } }),
    outOfScope: () => ({ method: 'PUT', url: `/api/servicedesk/teams/${fx.sdTeamB}`, body: { name: '矩阵敬业班', placeId: tree.communityA, leaderUserId: null, memberUserIds: [] } }),
  },
  'GET /api/servicedesk/caller': { inScope: () => ({ method: 'GET', url: '/api/servicedesk/caller?phone=13911112222' }) },
  'GET /api/servicedesk/duplicates': {
    inScope: () => ({ method: 'GET', url: `/api/servicedesk/duplicates?categoryId=${fx.sdCat}&placeId=${tree.dwellingsA[0]}` }),
    outOfScope: () => ({ method: 'GET', url: `/api/servicedesk/duplicates?categoryId=${fx.sdCat}&placeId=${tree.dwellingsB[0]}` }),
  },
  'POST /api/servicedesk/orders': {
    inScope: () => ({ method: 'POST', url: '/api/servicedesk/orders', body: { categoryId: fx.sdCat, description: '矩阵报修', dwellingId: tree.dwellingsA[1] } }),
    outOfScope: () => ({ method: 'POST', url: '/api/servicedesk/orders', body: { categoryId: fx.sdCat, description: '矩阵报修', dwellingId: tree.dwellingsB[1] } }),
  },
  'GET /api/servicedesk/orders': {
    inScope: () => ({ method: 'GET', url: '/api/servicedesk/orders?status=all' }),
    outOfScope: () => ({ method: 'GET', url: `/api/servicedesk/orders?placeId=${tree.communityB}` }),
  },
  'GET /api/servicedesk/orders/:id': {
    inScope: () => ({ method: 'GET', url: `/api/servicedesk/orders/${fx.sdOrderA}` }),
    outOfScope: () => ({ method: 'GET', url: `/api/servicedesk/orders/${fx.sdOrderB}` }),
  },
  'POST /api/servicedesk/orders/:id/transitions': {
    inScope: async () => ({ method: 'POST', url: `/api/servicedesk/orders/${await sdOrder('A')}/transitions`, body: { action: 'pause', reason: '等待住户在家', version: 1 } }),
    outOfScope: async () => ({ method: 'POST', url: `/api/servicedesk/orders/${await sdOrder('B')}/transitions`, body: { action: 'pause', reason: '等待住户在家', version: 1 } }),
  },
  'POST /api/servicedesk/orders/:id/merge': {
    inScope: async () => ({ method: 'POST', url: `/api/servicedesk/orders/${await sdOrder('A')}/merge`, body: { intoId: fx.sdOrderA, version: 1 } }),
    outOfScope: async () => ({ method: 'POST', url: `/api/servicedesk/orders/${await sdOrder('B')}/merge`, body: { intoId: fx.sdOrderA, version: 1 } }),
  },
  'POST /api/servicedesk/orders/:id/photos': {
    inScope: async () => ({ method: 'POST', url: `/api/servicedesk/orders/${await sdOrder('A')}/photos`, upload: PNG_1PX }),
    outOfScope: async () => ({ method: 'POST', url: `/api/servicedesk/orders/${await sdOrder('B')}/photos`, upload: PNG_1PX }),
  },
  'GET /api/servicedesk/orders/:id/photos/:photoId': {
    inScope: () => ({ method: 'GET', url: `/api/servicedesk/orders/${fx.sdOrderA}/photos/${fx.sdPhotoA}` }),
    outOfScope: () => ({ method: 'GET', url: `/api/servicedesk/orders/${fx.sdOrderB}/photos/${fx.sdPhotoB}` }),
  },
  'GET /api/servicedesk/board': { inScope: () => ({ method: 'GET', url: '/api/servicedesk/board' }) },
  'GET /api/servicedesk/my-work': { inScope: () => ({ method: 'GET', url: '/api/servicedesk/my-work' }) },
  // Residents' own pages: only residents signed in by phone code (none of the staff roles).
  'GET /api/servicedesk/my/orders': { inScope: () => ({ method: 'GET', url: '/api/servicedesk/my/orders' }) },
  'POST /api/servicedesk/my/orders': { inScope: () => ({ method: 'POST', url: '/api/servicedesk/my/orders', body: { categoryId: fx.sdCat, description: '矩阵' } }) },
  // A resident's own order (a staff caller is refused before the id matters); out of scope: the neighbour's.
  'GET /api/servicedesk/my/orders/:id': {
    inScope: async (c) => ({ method: 'GET', url: `/api/servicedesk/my/orders/${c.role === 'phone_resident' ? (await phoneFixtures()).myOrder : fx.sdOrderA}` }),
    outOfScope: async () => ({ method: 'GET', url: `/api/servicedesk/my/orders/${(await phoneFixtures()).neighbourOrder}` }),
  },
  'POST /api/servicedesk/my/orders/:id/feedback': {
    inScope: async (c) => ({ method: 'POST', url: `/api/servicedesk/my/orders/${c.role === 'phone_resident' ? (await phoneFixtures()).myResolvedOrder : fx.sdOrderA}/feedback`, body: { rating: 5 } }),
    outOfScope: async () => ({ method: 'POST', url: `/api/servicedesk/my/orders/${(await phoneFixtures()).neighbourResolvedOrder}/feedback`, body: { rating: 1, reopen: true } }),
  },
  'POST /api/servicedesk/my/orders/:id/photos': {
    inScope: async (c) => ({ method: 'POST', url: `/api/servicedesk/my/orders/${c.role === 'phone_resident' ? (await phoneFixtures()).myOrder : fx.sdOrderA}/photos`, upload: PNG_1PX }),
    outOfScope: async () => ({ method: 'POST', url: `/api/servicedesk/my/orders/${(await phoneFixtures()).neighbourOrder}/photos`, upload: PNG_1PX }),
  },
  'GET /api/servicedesk/my/orders/:id/photos/:photoId': {
    inScope: async (c) => {
      const p = c.role === 'phone_resident' ? await phoneFixtures() : null;
      return { method: 'GET', url: p ? `/api/servicedesk/my/orders/${p.myOrder}/photos/${p.myPhoto}` : `/api/servicedesk/my/orders/${fx.sdOrderA}/photos/${fx.sdPhotoA}` };
    },
    outOfScope: async () => {
      const p = await phoneFixtures();
      return { method: 'GET', url: `/api/servicedesk/my/orders/${p.neighbourOrder}/photos/${p.neighbourPhoto}` };
    },
  },
  'GET /api/servicedesk/figures': { inScope: () => ({ method: 'GET', url: '/api/servicedesk/figures?groupBy=community' }) },
  'GET /api/servicedesk/figures.xlsx': { inScope: () => ({ method: 'GET', url: '/api/servicedesk/figures.xlsx?groupBy=team' }) },
  'GET /api/servicedesk/breaches': { inScope: () => ({ method: 'GET', url: '/api/servicedesk/breaches' }) },
  'GET /api/servicedesk/breaches/summary': { inScope: () => ({ method: 'GET', url: '/api/servicedesk/breaches/summary' }) },
  'GET /api/servicedesk/breaches/export.xlsx': { inScope: () => ({ method: 'GET', url: '/api/servicedesk/breaches/export.xlsx' }) },
  'POST /api/servicedesk/breaches/:id/reason': {
    inScope: async (c) => ({ method: 'POST', url: `/api/servicedesk/breaches/${await sdBreach('A', c.userId)}/reason`, body: { reason: '交通堵塞' } }),
    outOfScope: async () => ({ method: 'POST', url: `/api/servicedesk/breaches/${await sdBreach('B', null)}/reason`, body: { reason: '交通堵塞' } }),
  },
  'POST /api/servicedesk/breaches/:id/review': {
    inScope: async () => ({ method: 'POST', url: `/api/servicedesk/breaches/${await sdBreach('A', null)}/review`, body: { verdict: 'excused' } }),
    outOfScope: async () => ({ method: 'POST', url: `/api/servicedesk/breaches/${await sdBreach('B', null)}/review`, body: { verdict: 'excused' } }),
  },
  // Containment: cases are need-to-know; orders are decided by coordinators.
  'GET /api/containment/cases': {
    inScope: () => ({ method: 'GET', url: '/api/containment/cases?status=all' }),
    outOfScope: () => ({ method: 'GET', url: `/api/containment/cases?placeId=${tree.communityB}` }),
  },
  'POST /api/containment/cases': {
    inScope: async () => ({ method: 'POST', url: '/api/containment/cases', body: { dwellingId: (await cmDwelling('A')).dwelling, kind: 'suspected', reportedOn: today() } }),
    outOfScope: () => ({ method: 'POST', url: '/api/containment/cases', body: { dwellingId: tree.dwellingsB[3], kind: 'suspected', reportedOn: today() } }),
  },
  'GET /api/containment/cases/:id': {
    inScope: () => ({ method: 'GET', url: `/api/containment/cases/${fx.cmCaseA}` }),
    outOfScope: () => ({ method: 'GET', url: `/api/containment/cases/${fx.cmCaseB}` }),
  },
  'POST /api/containment/cases/:id/change': {
    inScope: async () => ({ method: 'POST', url: `/api/containment/cases/${(await cmCase('A')).case.id}/change`, body: { action: 'confirm', reason: '核酸阳性', version: 1 } }),
    outOfScope: async () => ({ method: 'POST', url: `/api/containment/cases/${(await cmCase('B')).case.id}/change`, body: { action: 'confirm', reason: '核酸阳性', version: 1 } }),
  },
  'POST /api/containment/cases/:id/reveal': {
    inScope: () => ({ method: 'POST', url: `/api/containment/cases/${fx.cmCaseA}/reveal`, body: { reason: '流调核实' } }),
    outOfScope: () => ({ method: 'POST', url: `/api/containment/cases/${fx.cmCaseB}/reveal`, body: { reason: '流调核实' } }),
  },
  'GET /api/containment/orders': {
    inScope: () => ({ method: 'GET', url: '/api/containment/orders?status=proposed' }),
    outOfScope: () => ({ method: 'GET', url: `/api/containment/orders?placeId=${tree.communityB}` }),
  },
  'POST /api/containment/orders': {
    inScope: async () => ({ method: 'POST', url: '/api/containment/orders', body: { placeId: (await cmDwelling('A')).building, reason: '人工封控' } }),
    outOfScope: async () => ({ method: 'POST', url: '/api/containment/orders', body: { placeId: (await cmDwelling('B')).building, reason: '人工封控' } }),
  },
  'GET /api/containment/orders/:id': {
    inScope: () => ({ method: 'GET', url: `/api/containment/orders/${fx.cmOrderA}` }),
    outOfScope: () => ({ method: 'GET', url: `/api/containment/orders/${fx.cmOrderB}` }),
  },
  'POST /api/containment/orders/:id/confirm': {
    inScope: async () => ({ method: 'POST', url: `/api/containment/orders/${await cmProposed('A')}/confirm`, body: {} }),
    outOfScope: async () => ({ method: 'POST', url: `/api/containment/orders/${await cmProposed('B')}/confirm`, body: {} }),
  },
  'POST /api/containment/orders/:id/dismiss': {
    inScope: async () => ({ method: 'POST', url: `/api/containment/orders/${await cmProposed('A')}/dismiss`, body: { reason: '误报' } }),
    outOfScope: async () => ({ method: 'POST', url: `/api/containment/orders/${await cmProposed('B')}/dismiss`, body: { reason: '误报' } }),
  },
  'POST /api/containment/orders/:id/release': {
    inScope: async () => ({ method: 'POST', url: `/api/containment/orders/${await cmActive('A')}/release`, body: { reason: '14天无新增' } }),
    outOfScope: async () => ({ method: 'POST', url: `/api/containment/orders/${await cmActive('B')}/release`, body: { reason: '14天无新增' } }),
  },
  'GET /api/containment/settings': { inScope: () => ({ method: 'GET', url: '/api/containment/settings' }) },
  'PUT /api/containment/settings/:id': {
    inScope: () => ({ method: 'PUT', url: `/api/containment/settings/${tree.communityA}`, body: cmSettings }),
    outOfScope: () => ({ method: 'PUT', url: `/api/containment/settings/${tree.communityB}`, body: cmSettings }),
  },
  'GET /api/containment/map': {
    inScope: () => ({ method: 'GET', url: '/api/containment/map' }),
    outOfScope: () => ({ method: 'GET', url: `/api/containment/map?compoundId=${tree.compoundB}` }),
  },
  // Issue 4: passes and gates.
  'GET /api/access/passes': {
    inScope: () => ({ method: 'GET', url: '/api/access/passes?status=all' }),
    outOfScope: () => ({ method: 'GET', url: `/api/access/passes?placeId=${tree.communityB}` }),
  },
  'POST /api/access/passes': {
    inScope: () => ({ method: 'POST', url: '/api/access/passes', body: { kind: 'health_pass', residentId: fx.residentA, validDays: 7 } }),
    outOfScope: () => ({ method: 'POST', url: '/api/access/passes', body: { kind: 'health_pass', residentId: fx.residentB, validDays: 7 } }),
  },
  'GET /api/access/passes/:id': {
    inScope: async () => ({ method: 'GET', url: `/api/access/passes/${(await accessFx()).passA}` }),
    outOfScope: async () => ({ method: 'GET', url: `/api/access/passes/${(await accessFx()).passB}` }),
  },
  'POST /api/access/passes/:id/revoke': {
    inScope: async () => {
      const p = await created(await desk.post('/api/access/passes', { kind: 'health_pass', residentId: fx.residentA }), 'pass');
      return { method: 'POST', url: `/api/access/passes/${p.id}/revoke`, body: { reason: '矩阵注销', version: p.version } };
    },
    outOfScope: async () => {
      const f = await accessFx();
      return { method: 'POST', url: `/api/access/passes/${f.passB}/revoke`, body: { reason: '越界', version: (await desk.get(`/api/access/passes/${f.passB}`)).json.version } };
    },
  },
  'POST /api/access/passes/:id/renew': {
    inScope: async () => {
      const f = await accessFx();
      return { method: 'POST', url: `/api/access/passes/${f.passA}/renew`, body: { validDays: 10, version: (await desk.get(`/api/access/passes/${f.passA}`)).json.version } };
    },
    outOfScope: async () => {
      const f = await accessFx();
      return { method: 'POST', url: `/api/access/passes/${f.passB}/renew`, body: { validDays: 10, version: (await desk.get(`/api/access/passes/${f.passB}`)).json.version } };
    },
  },
  'GET /api/access/my-passes': { inScope: () => ({ method: 'GET', url: '/api/access/my-passes' }) },
  'GET /api/access/gates': { inScope: () => ({ method: 'GET', url: '/api/access/gates' }) },
  'POST /api/access/gates': {
    inScope: () => ({ method: 'POST', url: '/api/access/gates', body: { name: `矩阵门${next()}`, kind: 'gate', placeId: tree.compoundA } }),
    outOfScope: () => ({ method: 'POST', url: '/api/access/gates', body: { name: `越界门${next()}`, kind: 'gate', placeId: tree.compoundB } }),
  },
  'POST /api/access/gates/:id/tokens': {
    inScope: async () => ({ method: 'POST', url: `/api/access/gates/${(await accessFx()).gateA}/tokens`, body: { expiresInDays: 30 } }),
    outOfScope: async () => ({ method: 'POST', url: `/api/access/gates/${(await accessFx()).gateB}/tokens`, body: {} }),
  },
  'GET /api/access/gate/lists': { inScope: () => ({ method: 'GET', url: '/api/access/gate/lists?revocationsSince=0' }) },
  'POST /api/access/gate/verify': {
    inScope: async () => {
      const f = await accessFx();
      return { method: 'POST', url: '/api/access/gate/verify', body: { gateId: f.gateA, plate: '鲁E12345' } };
    },
    outOfScope: async () => ({ method: 'POST', url: '/api/access/gate/verify', body: { gateId: (await accessFx()).gateB, plate: '鲁E12345' } }),
  },
  'POST /api/access/gate/events': {
    inScope: async () => ({ method: 'POST', url: '/api/access/gate/events', body: gateEvent((await accessFx()).gateA) }),
    outOfScope: async () => ({ method: 'POST', url: '/api/access/gate/events', body: gateEvent((await accessFx()).gateB) }),
  },
  'POST /api/access/gate/events/sync': {
    inScope: async () => ({ method: 'POST', url: '/api/access/gate/events/sync', body: { events: [gateEvent((await accessFx()).gateA), gateEvent((await accessFx()).gateA)] } }),
    outOfScope: async () => ({ method: 'POST', url: '/api/access/gate/events/sync', body: { events: [gateEvent((await accessFx()).gateB)] } }),
  },
  'GET /api/access/figures.xlsx': {
    inScope: () => ({ method: 'GET', url: `/api/access/figures.xlsx?from=${today()}&to=${today()}` }),
    outOfScope: async () => ({ method: 'GET', url: `/api/access/figures.xlsx?from=${today()}&to=${today()}&gateId=${(await accessFx()).gateB}` }),
  },
  'GET /api/access/events': {
    inScope: () => ({ method: 'GET', url: `/api/access/events?from=${today()}&to=${today()}` }),
    outOfScope: async () => ({ method: 'GET', url: `/api/access/events?from=${today()}&to=${today()}&gateId=${(await accessFx()).gateB}` }),
  },
  'GET /api/access/figures': {
    inScope: () => ({ method: 'GET', url: `/api/access/figures?from=${today()}&to=${today()}` }),
    outOfScope: async () => ({ method: 'GET', url: `/api/access/figures?from=${today()}&to=${today()}&gateId=${(await accessFx()).gateB}` }),
  },
};

/** Gates in compounds A and B and a pass in each, made once by the matrix's desk. */
let accessSetup: Promise<{ gateA: number; gateB: number; passA: number; passB: number }> | null = null;
function accessFx(): Promise<{ gateA: number; gateB: number; passA: number; passB: number }> {
  accessSetup ??= (async () => ({
    gateA: (await created(await desk.post('/api/access/gates', { name: '矩阵东门', kind: 'gate', placeId: tree.compoundA }), 'gate A')).id,
    gateB: (await created(await desk.post('/api/access/gates', { name: '矩阵西门', kind: 'gate', placeId: tree.compoundB }), 'gate B')).id,
    passA: (await created(await desk.post('/api/access/passes', { kind: 'health_pass', residentId: fx.residentA }), 'pass A')).id,
    passB: (await created(await desk.post('/api/access/passes', { kind: 'health_pass', residentId: fx.residentB }), 'pass B')).id,
  }))();
  return accessSetup;
}
const gateEvent = (gateId: number) => ({ clientId: crypto.randomUUID(), gateId, at: new Date().toISOString(), subject: 'person', direction: 'in', decision: 'allowed' });

/** A fresh order in community A or B, filed by the matrix's desk. */
async function sdOrder(where: 'A' | 'B'): Promise<number> {
  const dwelling = (where === 'A' ? tree.dwellingsA : tree.dwellingsB)[2];
  return (await created(await desk.post('/api/servicedesk/orders', { categoryId: fx.sdCat, description: `矩阵工单${next()}`, dwellingId: dwelling }), 'order')).id;
}

/** A fresh missed limit on the record, in community A or B, held by the given user. */
async function sdBreach(where: 'A' | 'B', holder: number | null): Promise<number> {
  const order = where === 'A' ? fx.sdOrderA! : fx.sdOrderB!;
  const row = await queryOne<{ id: number }>(
    t.platform.db,
    sql`INSERT INTO sd_breaches (order_id, stage, round, due_at, detected_at, holder_user_id, team_id, place_path)
        SELECT id, 'accept', ${next()}, now(), now(), ${holder}, team_id, place_path FROM sd_orders WHERE id = ${order} RETURNING id`,
  );
  return row!.id;
}

/**
 * Who may do the sensitive things, written out by hand (issue 10, item 31): not read from
 * ROLE_PERMISSIONS or the routes' access rules, so a wrong grant in those tables fails here. For
 * these routes the matrix expects exactly these roles to get through and every other role a 403.
 * Change a line only when the product decision changes, and say so in the commit.
 */
const SENSITIVE: Record<string, readonly Role[]> = {
  // Reveal an ID or phone number, or a case's person: the staff who serve that resident, never admins or auditors.
  'POST /api/residents/:id/reveal': ['center_coordinator', 'department_coordinator', 'community_staff', 'station_staff', 'health_worker'],
  'POST /api/containment/cases/:id/reveal': ['center_coordinator', 'department_coordinator', 'health_worker'],
  // Exports.
  'GET /api/residents/export.xlsx': ['center_coordinator', 'department_coordinator', 'community_staff', 'station_staff', 'admin'],
  'GET /api/households/export.xlsx': ['center_coordinator', 'department_coordinator', 'community_staff', 'station_staff', 'admin'],
  'GET /api/observation/export.xlsx': ['center_coordinator', 'department_coordinator', 'community_staff', 'station_staff', 'health_worker'],
  'GET /api/screening/campaigns/:id/coverage.xlsx': ['center_coordinator', 'department_coordinator', 'community_staff'],
  'GET /api/audit/export.xlsx': ['auditor'],
  'GET /api/inbound/figures.xlsx': ['center_coordinator', 'department_coordinator', 'community_staff', 'station_staff', 'employer_liaison'],
  'GET /api/servicedesk/figures.xlsx': ['center_coordinator', 'department_coordinator', 'community_staff', 'auditor'],
  'GET /api/servicedesk/breaches/export.xlsx': ['center_coordinator', 'department_coordinator', 'community_staff', 'auditor'],
  'GET /api/access/figures.xlsx': ['center_coordinator', 'department_coordinator', 'community_staff', 'station_staff', 'auditor'],
  // Approve or refuse a return: the residents' committee (居委会) alone.
  'POST /api/inbound/requests/:id/approve': ['community_staff'],
  'POST /api/inbound/requests/:id/reject': ['community_staff'],
  // End an observation: the health worker.
  'POST /api/observation/cases/:id/release': ['health_worker'],
  // Seal, confirm, dismiss, release a lockdown: the coordinators.
  'POST /api/containment/orders': ['center_coordinator', 'department_coordinator'],
  'POST /api/containment/orders/:id/confirm': ['center_coordinator', 'department_coordinator'],
  'POST /api/containment/orders/:id/dismiss': ['center_coordinator', 'department_coordinator'],
  'POST /api/containment/orders/:id/release': ['center_coordinator', 'department_coordinator'],
  // Issue passes, gate device tokens, API tokens, signing keys.
  'POST /api/access/passes': ['center_coordinator', 'department_coordinator', 'community_staff', 'station_staff'],
  'POST /api/access/gates/:id/tokens': ['center_coordinator', 'department_coordinator', 'community_staff', 'admin'],
  'POST /api/api-tokens': ['admin'],
  'POST /api/api-tokens/:id/revoke': ['admin'],
  'GET /api/api-tokens': ['admin'],
  'POST /api/passes/keys/rotate': ['admin'],
  // User management.
  'GET /api/users': ['admin'],
  'GET /api/users/:id': ['admin'],
  'POST /api/users': ['admin'],
  'PATCH /api/users/:id': ['admin'],
  'POST /api/users/:id/reset-password': ['admin'],
  'POST /api/users/:id/unlock': ['admin'],
};
/** Routes that must have a hand-written line above: reveals, exports, approvals, seals, tokens and keys, users. */
const isSensitive = (key: string) => /reveal|\.xlsx$|\/approve$|\/reject$|\/release$|^POST \/api\/containment\/orders|tokens|\/keys\/|\/api\/users(\/:id)?(\/[a-z-]+)?$|^POST \/api\/access\/passes$/.test(key) && !/import-template|imports\/:id\/errors|\/users\/lookup|\/gate\/tokens|open311/.test(key);

/** Residents signed in by phone hold no permission: their own pages ('resident') and what any signed-in person may call. */
function permittedForPhoneResident(access: RouteAccess): boolean {
  return access === 'public' || access === 'authenticated' || access === 'user' || access === 'resident';
}

function permitted(access: RouteAccess, role: Role): boolean {
  if (access === 'public' || access === 'authenticated' || access === 'user' || access === 'staff') return true;
  if (access === 'resident') return false;
  const perms = ROLE_PERMISSIONS[role] as readonly Permission[];
  if (typeof access === 'string') return perms.includes(access);
  return access.any.some((p) => perms.includes(p));
}

async function sessionOf(c: Caller): Promise<TestClient> {
  if (c.role === 'phone_resident') {
    // A second phone-code session would wait out the code's resend interval: the session row is made directly.
    const token = randomToken();
    const now = t.clock.now();
    await insertSession(t.platform.db, { id: sha256Hex(token), userId: c.userId!, csrfToken: randomToken(24), createdAt: now, lastSeenAt: now, expiresAt: new Date(now.getTime() + 3600000) });
    const cookie = `jy_session=${token}`;
    const me = await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } });
    return new TestClient(t.app, cookie, me.json().csrfToken);
  }
  if (!c.username) return c.client;
  const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: c.username, password: TEST_PASSWORD }, remoteAddress: nextAddress() });
  const cookie = String(login.headers['set-cookie']).split(';')[0]!;
  const me = await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } });
  return new TestClient(t.app, cookie, me.json().csrfToken);
}

/** Sends the request as the caller; returns the status and the problem code, if any. */
async function send(c: Caller, req: Req): Promise<{ status: number; code: string | undefined }> {
  const client = req.ownSession ? await sessionOf(c) : c.client;
  const headers: Record<string, string> = { 'accept-language': 'en-US' };
  if (client.cookie) headers.cookie = client.cookie;
  if (client.csrf && req.method !== 'GET') headers['x-csrf-token'] = client.csrf;
  if (req.stream) {
    const abort = new AbortController();
    const res = await fetch(`http://127.0.0.1:${port}${req.url}`, { headers, signal: abort.signal });
    const code = res.status >= 400 ? ((await res.json()) as { code?: string }).code : undefined;
    abort.abort();
    await res.body?.cancel().catch(() => undefined);
    return { status: res.status, code };
  }
  let payload: string | Buffer | undefined;
  if (req.upload) {
    const m = multipartFile('矩阵.xlsx', req.upload);
    payload = m.payload;
    headers['content-type'] = m.contentType;
  } else if (req.body !== undefined) {
    payload = JSON.stringify(req.body);
    headers['content-type'] = 'application/json';
  }
  const res = await t.app.inject({ method: req.method as 'GET', url: req.url, headers, ...(payload !== undefined ? { payload } : {}), ...(req.remoteAddress ? { remoteAddress: req.remoteAddress } : {}) });
  let code: string | undefined;
  try {
    code = res.json().code;
  } catch {
    code = undefined;
  }
  return { status: res.statusCode, code };
}

beforeAll(async () => {
  port = Number(new URL(await t.app.listen({ port: 0, host: '127.0.0.1' })).port);
  admin = await userWith(t.platform, t.app, ['admin'], { all: true }, 'matrixadmin');
  fx.adminId = (admin as TestClient & { userId: number }).userId;
  tree = await buildSmallTree(admin);
  fx.employerA = (await admin.post('/api/employers', { name: '钻井一公司' })).json.id;
  fx.employerB = (await admin.post('/api/employers', { name: '钻井二公司' })).json.id;
  fx.residentA = (await admin.post('/api/residents', { dwellingId: tree.dwellingsA[0], name: '甲', phone: '13911112222', idNumber: makeIdNumber('19800101', 1), employerId: fx.employerA })).json.id;
  const b = (await admin.post('/api/residents', { dwellingId: tree.dwellingsB[0], name: '乙', phone: '13933334444', employerId: fx.employerB })).json;
  fx.residentB = b.id;
  fx.householdB = (await admin.post('/api/households', { dwellingId: tree.dwellingsB[1] })).json.id;
  fx.gridA = (await admin.post('/api/grids', { communityId: tree.communityA, name: '荟萃网格', gridWorkerUserId: null, buildingIds: [tree.buildingA] })).json.id;
  fx.gridB = (await admin.post('/api/grids', { communityId: tree.communityB, name: '敬业网格', gridWorkerUserId: null, buildingIds: [tree.buildingB] })).json.id;
  fx.ruleA = (await admin.post('/api/obligation-rules', ruleBody(tree.communityA))).json.id;
  fx.ruleB = (await admin.post('/api/obligation-rules', ruleBody(tree.communityB))).json.id;
  // A duty of community B's staff: nobody scoped to community A may tick it off.
  fx.foreignTodo = (await queryOne<{ id: number }>(t.platform.db, sql`SELECT id FROM obligations WHERE rule_id = ${fx.ruleB} ORDER BY id LIMIT 1`))!.id;
  fx.targetUser = (await userWith(t.platform, t.app, ['volunteer'], { placeIds: [tree.communityA] }, 'matrixtarget')).userId;
  ix.coord = await userWith(t.platform, t.app, ['department_coordinator'], { placeIds: [tree.department] }, 'matrixfxcoord');
  ix.staffA = await userWith(t.platform, t.app, ['community_staff'], { placeIds: [tree.communityA] }, 'matrixfxstaffa');
  ix.staffB = await userWith(t.platform, t.app, ['community_staff'], { placeIds: [tree.communityB] }, 'matrixfxstaffb');
  ix.healthA = await userWith(t.platform, t.app, ['health_worker'], { placeIds: [tree.communityA] }, 'matrixfxhealtha');
  ix.healthB = await userWith(t.platform, t.app, ['health_worker'], { placeIds: [tree.communityB] }, 'matrixfxhealthb');
  fx.caseA = (await caseIn('A')).id;
  fx.caseB = (await caseIn('B')).id;
  fx.cmCaseA = (await cmCase('A')).case.id;
  fx.cmCaseB = (await cmCase('B')).case.id;
  fx.cmOrderA = await cmProposed('A');
  fx.cmOrderB = await cmProposed('B');
  (fx as Record<string, unknown>).trackingToken = (await declaration()).trackingToken;
  desk = await userWith(t.platform, t.app, ['center_coordinator'], { all: true }, 'matrixdesk');
  fx.sdTeamA = (await created(await desk.post('/api/servicedesk/teams', { name: '矩阵维修班', placeId: tree.communityA, leaderUserId: null, memberUserIds: [] }), 'team')).id;
  fx.sdTeamB = (await created(await desk.post('/api/servicedesk/teams', { name: '矩阵敬业班', placeId: tree.communityB, leaderUserId: null, memberUserIds: [] }), 'team')).id;
  // Each community's team answers for the category in its own community.
  fx.sdCat = (await created(await desk.post('/api/servicedesk/categories', repairCategory('matrix.leak', [fx.sdTeamA!, fx.sdTeamB!])), 'category')).id;
  await created(await desk.post('/api/servicedesk/categories', complaintCategory('matrix.complaint', fx.sdTeamA)), 'category');
  fx.sdOrderA = await sdOrder('A');
  fx.sdOrderB = await sdOrder('B');
  for (const [key, order] of [['sdPhotoA', fx.sdOrderA], ['sdPhotoB', fx.sdOrderB]] as const) {
    const m = multipartFile('leak.png', PNG_1PX);
    fx[key] = (await created(await desk.request('POST', `/api/servicedesk/orders/${order}/photos`, m.payload, { 'content-type': m.contentType }), 'photo')).id;
  }
  await userWith(t.platform, t.app, ['volunteer'], { placeIds: [tree.communityA] }, 'matrixlogin');
  for (const role of ROLES) {
    const scope = role === 'employer_liaison' ? { employerIds: [fx.employerA!] } : { placeIds: [tree.communityA] };
    const u = await userWith(t.platform, t.app, [role], scope, `matrix_${role}`);
    callers.set(role, { role, client: u, username: `matrix_${role}`, userId: u.userId });
  }
});

afterAll(async () => {
  // Let background validations finish before the database goes away.
  for (const job of jobs.values()) await job.catch(() => undefined);
  await t.close();
});

describe('the access matrix', () => {
  it('has found the routes of the app, and each /api route declares who may call it and has a case here', () => {
    expect(apiRoutes.length).toBeGreaterThan(50);
    const undeclared = apiRoutes.filter((r) => !r.access).map((r) => `${r.method} ${r.url}`);
    expect(undeclared).toEqual([]);
    const missing = apiRoutes.map((r) => `${r.method} ${r.url}`).filter((k) => !cases[k]);
    expect(missing).toEqual([]);
    const stale = Object.keys(cases).filter((k) => !apiRoutes.some((r) => `${r.method} ${r.url}` === k));
    expect(stale).toEqual([]);
    // The only /api pages without an access rule are the API documentation's.
    expect(docsRoutes.every((r) => r.method === 'GET')).toBe(true);
  });

  it('has a hand-written expectation for every sensitive route (reveal, export, approve, seal, tokens, users)', () => {
    const keys = apiRoutes.map((r) => `${r.method} ${r.url}`);
    expect(keys.filter((k) => isSensitive(k) && !SENSITIVE[k])).toEqual([]);
    expect(Object.keys(SENSITIVE).filter((k) => !keys.includes(k))).toEqual([]);
  });

  it.each(apiRoutes.map((r) => [`${r.method} ${r.url}`, r] as const))('%s answers each caller as its access rule says', async (key, route) => {
    const spec = cases[key];
    if (!spec) throw new Error(`no matrix case for ${key}`);
    const access = route.access!;
    const problems: string[] = [];
    const anon: Caller = { role: 'anonymous', client: new TestClient(t.app, null, null), username: null, userId: null };

    const okFor = (c: Caller) => (typeof spec.ok === 'function' ? spec.ok(c) : spec.ok);
    const succeeded = (status: number, c: Caller) => {
      const ok = okFor(c);
      return ok ? ok.includes(status) : status >= 200 && status < 300;
    };
    const a = await send(anon, await spec.inScope(anon));
    if (access === 'public') {
      if (!succeeded(a.status, anon)) problems.push(`anonymous: ${a.status} ${a.code}`);
    } else if (a.status !== 401 || a.code !== 'UNAUTHENTICATED') problems.push(`anonymous: expected 401, got ${a.status} ${a.code}`);

    for (const role of ROLES) {
      const c = callers.get(role)!;
      const allowed = SENSITIVE[key] ? SENSITIVE[key].includes(role) : permitted(access, role);
      const res = await send(c, await spec.inScope(c));
      if (!allowed) {
        if (res.status !== 403 || res.code !== 'FORBIDDEN') problems.push(`${role}: expected 403, got ${res.status} ${res.code}`);
        continue;
      }
      if (!succeeded(res.status, c)) problems.push(`${role} in scope: got ${res.status} ${res.code}`);
      if (spec.outOfScope && (spec.scopedFor?.(role) ?? true)) {
        const out = await send(c, await spec.outOfScope(c));
        if (out.status !== 404 || out.code !== 'NOT_FOUND') problems.push(`${role} out of scope: expected 404, got ${out.status} ${out.code}`);
      }
    }

    // A resident signed in by phone: their own pages, and whatever any signed-in person may call; nothing else.
    const me = (await phoneFixtures()).me;
    const res = await send(me, await spec.inScope(me));
    if (!permittedForPhoneResident(access)) {
      if (res.status !== 403 || res.code !== 'FORBIDDEN') problems.push(`phone resident: expected 403, got ${res.status} ${res.code}`);
    } else {
      if (!succeeded(res.status, me)) problems.push(`phone resident in scope: got ${res.status} ${res.code}`);
      if (spec.outOfScope) {
        const out = await send(me, await spec.outOfScope(me));
        if (out.status !== 404 || out.code !== 'NOT_FOUND') problems.push(`phone resident, a neighbour's record: expected 404, got ${out.status} ${out.code}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('serves the API documentation to anyone, without personal data', async () => {
    const docs = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(docs.statusCode).toBe(200);
    expect(Object.keys(docs.json().paths).length).toBeGreaterThan(40);
  });
});
