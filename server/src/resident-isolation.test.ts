import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryOne, queryRows } from './platform/db/database.js';
import { localDate } from './platform/time.js';
import { buildSmallTree, makeIdNumber, type SmallTree } from './test-support/fixtures.js';
import { userWith, type TestClient } from './test-support/http-client.js';
import { ok, PNG_1PX, repairCategory, residentClient, step } from './test-support/servicedesk.js';
import { createTestPlatform, type TestPlatform } from './test-support/test-platform.js';
import { multipartFile } from './test-support/workbooks.js';

/**
 * Two residents signed in with a phone code, neighbours in one building: each has a household,
 * a repair order with a photo and feedback, a return request and a pass. Whatever resident A
 * asks for of resident B's is not found (404), says nothing of it, and changes nothing.
 */
let t: TestPlatform;
let tree: SmallTree;
let staff: TestClient & { userId: number };
let repairer: TestClient & { userId: number };

interface Neighbour {
  name: string;
  phone: string;
  idNumber: string;
  residentId: number;
  householdId: number;
  client: TestClient;
  order: number;
  photoUrl: string;
  request: number;
  pass: number;
}
const a = { name: '甲居民', phone: '13800001111', idNumber: makeIdNumber('19700101', 11) } as Neighbour;
const b = { name: '乙居民', phone: '13800002222', idNumber: makeIdNumber('19750505', 22) } as Neighbour;
let categoryId: number;

async function upload(client: TestClient, url: string) {
  const m = multipartFile('leak.png', PNG_1PX);
  return client.request('POST', url, m.payload, { 'content-type': m.contentType });
}

/** A resolved repair order of the resident, with a photo: ready for their feedback. */
async function resolvedOrder(n: Neighbour) {
  const o = await ok(n.client.post('/api/servicedesk/my/orders', { categoryId, description: `${n.name}家厨房漏水` }), 'order');
  n.photoUrl = (await ok(upload(n.client, `/api/servicedesk/my/orders/${o.id}/photos`), 'photo')).url;
  await ok(step(staff, o.id, { action: 'dispatch', assigneeUserId: repairer.userId }), 'dispatch');
  for (const action of ['accept', 'arrive']) await ok(step(repairer, o.id, { action }), action);
  await ok(step(repairer, o.id, { action: 'resolve', firstVisitFix: true, workDone: '更换接头' }), 'resolve');
  return o.id as number;
}

/** The resident's own return request (declared signed in), approved, so they may report their arrival. */
async function approvedRequest(n: Neighbour) {
  const today = localDate(t.clock.now(), t.platform.config.timezone);
  const declared = await ok(
    n.client.post('/api/inbound/declarations', {
      name: n.name,
      idNumber: n.idNumber,
      phone: n.phone,
      communityId: tree.communityA,
      address: '建工小区3号楼',
      fromCity: '河南濮阳',
      fromRisk: 'low',
      plannedArrival: today,
      health: { symptoms: [], contactWithCase: false },
    }),
    'declaration',
  );
  let r = await ok(staff.get(`/api/inbound/requests/${declared.id}`));
  r = await ok(staff.post(`/api/inbound/requests/${r.id}/route`, { version: r.version }), 'route');
  await ok(staff.post(`/api/inbound/requests/${r.id}/approve`, { measure: { kind: 'home_observation', days: 14 }, version: r.version }), 'approve');
  return declared.id as number;
}

/** Everything of B's that A's requests could have changed, as stored. */
const bState = async () => ({
  order: await queryOne(t.platform.db, sql`SELECT status, rating, version FROM sd_orders WHERE id = ${b.order}`),
  photos: (await queryOne<{ n: number }>(t.platform.db, sql`SELECT count(*)::int AS n FROM sd_photos WHERE order_id = ${b.order}`))!.n,
  request: await queryOne(t.platform.db, sql`SELECT status, self_reported_at, version FROM inbound_requests WHERE id = ${b.request}`),
});

beforeAll(async () => {
  t = await createTestPlatform();
  const admin = await userWith(t.platform, t.app, ['admin', 'center_coordinator', 'community_staff'], { all: true }, 'isoadmin');
  tree = await buildSmallTree(admin);
  // Department and community work in one person, so the fixtures need no hand-offs.
  staff = await userWith(t.platform, t.app, ['department_coordinator', 'community_staff', 'property_staff'], { placeIds: [tree.department] }, 'isostaff');
  repairer = await userWith(t.platform, t.app, ['property_staff'], { placeIds: [tree.communityA] }, 'isorepairer');
  const team = await ok(
    admin.post('/api/servicedesk/teams', { name: '维修一班', placeId: tree.communityA, leaderUserId: null, memberUserIds: [repairer.userId] }),
  );
  categoryId = (await ok(admin.post('/api/servicedesk/categories', repairCategory('iso.leak', team.id)))).id;
  for (const [n, dwelling] of [
    [a, tree.dwellingsA[0]!],
    [b, tree.dwellingsA[1]!],
  ] as const) {
    const r = await ok(admin.post('/api/residents', { dwellingId: dwelling, name: n.name, phone: n.phone, idNumber: n.idNumber }), 'resident');
    n.residentId = r.id;
    n.householdId = r.householdId;
    n.client = await residentClient(t, n.phone);
    n.order = await resolvedOrder(n);
    n.request = await approvedRequest(n);
    n.pass = (await ok(admin.post('/api/access/passes', { kind: 'entry_ticket', residentId: r.id }), 'ticket')).id;
  }
});
afterAll(() => t.close());

describe('a resident signed in by phone', () => {
  it("sees their own household, orders, return requests and passes, and none of their neighbour's", async () => {
    const household = await ok(a.client.get('/api/me/household'));
    expect(household.householdId).toBe(a.householdId);
    expect(household.members.map((m: { name: string }) => m.name)).toEqual([a.name]);
    expect((await ok(a.client.get('/api/servicedesk/my/orders'))).items.map((o: { id: number }) => o.id)).toEqual([a.order]);
    expect((await ok(a.client.get('/api/inbound/mine'))).items.map((r: { id: number }) => r.id)).toEqual([a.request]);
    expect((await ok(a.client.get('/api/access/my-passes'))).items.map((p: { id: number }) => p.id)).toEqual([a.pass]);
    // The neighbour's own view is the mirror image, so the lists above were filtered, not empty.
    expect((await ok(b.client.get('/api/servicedesk/my/orders'))).items.map((o: { id: number }) => o.id)).toEqual([b.order]);
    expect((await ok(b.client.get('/api/inbound/mine'))).items.map((r: { id: number }) => r.id)).toEqual([b.request]);
  });

  it("gets 404 for the neighbour's order, its photo, its feedback and a photo added to it, its return request and its household, and changes nothing", async () => {
    const before = await bState();
    const photo = b.photoUrl;
    // The same requests on A's own records succeed: only the record differs.
    expect((await a.client.get(`/api/servicedesk/my/orders/${a.order}`)).status).toBe(200);
    expect((await a.client.get(a.photoUrl)).status).toBe(200);

    const answers = {
      order: await a.client.get(`/api/servicedesk/my/orders/${b.order}`),
      photo: await a.client.get(photo),
      photoOfOwnOrderPath: await a.client.get(photo.replace(`/orders/${b.order}/`, `/orders/${a.order}/`)),
      feedback: await a.client.post(`/api/servicedesk/my/orders/${b.order}/feedback`, { rating: 1, reopen: true, note: '不是我的' }),
      addPhoto: await upload(a.client, `/api/servicedesk/my/orders/${b.order}/photos`),
      selfReport: await a.client.post(`/api/inbound/mine/${b.request}/self-report`),
      household: await a.client.get(`/api/residents/${b.residentId}`),
      householdDelete: await a.client.delete(`/api/households/${b.householdId}`),
    };
    for (const [what, r] of Object.entries(answers)) {
      const expected = what.startsWith('household') ? [403, 'FORBIDDEN'] : [404, 'NOT_FOUND'];
      expect([what, r.status, r.json?.code]).toEqual([what, ...expected]);
      const body = r.body.toString();
      for (const secret of [b.name, `${b.name}家厨房漏水`, b.phone.slice(-4)]) expect(body).not.toContain(secret);
    }
    expect(await bState()).toEqual(before);
    // B's order still waits for B's own feedback; the photo count and request are as they were.
    expect(before).toMatchObject({ order: { status: 'resolved', rating: null }, photos: 1, request: { status: 'notified', self_reported_at: null } });
  });

  it('may act on their own records (the same requests succeed for B)', async () => {
    expect((await b.client.post(`/api/inbound/mine/${b.request}/self-report`)).status).toBe(200);
    expect((await b.client.post(`/api/servicedesk/my/orders/${b.order}/feedback`, { rating: 5, reopen: false })).json).toMatchObject({
      status: 'closed',
      rating: 5,
    });
    const rows = await queryRows<{ status: string }>(t.platform.db, sql`SELECT status FROM sd_orders WHERE id IN (${a.order}, ${b.order}) ORDER BY id`);
    expect(rows.map((r) => r.status)).toEqual(['resolved', 'closed']);
  });
});
