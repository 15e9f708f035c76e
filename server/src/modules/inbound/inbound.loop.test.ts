import fs from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../platform/db/database.js';
import { escalateOverdue } from '../../platform/obligations/obligations.service.js';
import { localDate, localInstant } from '../../platform/time.js';
import { buildSmallTree, makeIdNumber, type SmallTree } from '../../test-support/fixtures.js';
import { TestClient, anonymous, signIn, userWith } from '../../test-support/http-client.js';
import { itOnPostgres } from '../../test-support/postgres-only.js';
import { createTestPlatform, type TestPlatform } from '../../test-support/test-platform.js';
import { readSheets } from '../../test-support/workbooks.js';

const TZ = 'Asia/Shanghai';
const at = (date: string, time: string) => localInstant(date, time, TZ);
const MIN = 60000;

type Client = TestClient & { userId: number };
let t: TestPlatform;
let admin: TestClient;
let tree: SmallTree;
let employerA: number;
let employerB: number;
let liaison: Client;
let liaisonB: Client;
let coordinator: Client;
let center: Client;
let staffA: Client;
let staffA2: Client;
let staffB: Client;
let station: Client;
let employee: number;

beforeAll(async () => {
  t = await createTestPlatform();
  // The figures below measure minutes between steps: real time passing between requests (seconds on a
  // busy machine) must not creep into them.
  t.clock.freeze();
  t.clock.set(at('2026-03-18', '09:00'));
  admin = await userWith(t.platform, t.app, ['admin'], { all: true }, 'inadmin');
  tree = await buildSmallTree(admin);
  employerA = (await admin.post('/api/employers', { name: '渤海钻井总公司' })).json.id;
  employerB = (await admin.post('/api/employers', { name: '胜利采油厂' })).json.id;
  employee = (
    await admin.post('/api/residents', {
      dwellingId: tree.dwellingsA[0],
      name: '季师傅',
      idNumber: makeIdNumber('19800101', 11),
      phone: '13900000011',
      employerId: employerA,
    })
  ).json.id;
  liaison = await userWith(t.platform, t.app, ['employer_liaison'], { employerIds: [employerA] }, 'inliaison');
  liaisonB = await userWith(t.platform, t.app, ['employer_liaison'], { employerIds: [employerB] }, 'inliaisonb');
  coordinator = await userWith(t.platform, t.app, ['department_coordinator'], { placeIds: [tree.department] }, 'incoord');
  center = await userWith(t.platform, t.app, ['center_coordinator'], { placeIds: [tree.center] }, 'incenter');
  staffA = await userWith(t.platform, t.app, ['community_staff'], { placeIds: [tree.communityA] }, 'instaffa');
  staffA2 = await userWith(t.platform, t.app, ['community_staff'], { placeIds: [tree.communityA] }, 'instaffa2');
  staffB = await userWith(t.platform, t.app, ['community_staff'], { placeIds: [tree.communityB] }, 'instaffb');
  station = await userWith(t.platform, t.app, ['health_worker'], { placeIds: [tree.communityA] }, 'inhealth');
});
afterAll(() => t.close());

const trip = (over: object = {}) => ({
  fromCity: '河南濮阳',
  fromRisk: 'low',
  plannedArrival: '2026-03-18',
  health: { symptoms: [], contactWithCase: false },
  ...over,
});
/** Deadlines are set from the step's own clock reading, a few milliseconds after the one compared with. */
const expectMinutesBetween = (from: string | Date, to: string | Date, minutes: number) =>
  expect(Math.abs(new Date(to).getTime() - new Date(from).getTime() - minutes * MIN)).toBeLessThan(1000);
const todos = async (c: TestClient, kind: string) => (await c.get('/api/todos?pageSize=100')).json.items.filter((o: any) => o.kind === kind);

describe('the six-step loop, as in seed 000', () => {
  let id: number;
  let r: any;

  it('1. the liaison submits for an employee; the department has 15 minutes to route it', async () => {
    const res = await liaison.post('/api/inbound/requests', { residentId: employee, ...trip() });
    expect(res.status).toBe(201);
    r = res.json;
    id = r.id;
    expect(r).toMatchObject({
      status: 'submitted',
      source: 'liaison',
      name: '季师傅',
      employerName: '渤海钻井总公司',
      waitingFor: 'department',
      idNumberMasked: expect.stringMatching(/^\*{14}\d{3}[\dX]$/),
      health: null,
    });
    expectMinutesBetween(r.submittedAt, r.dueAt, 15);
    expect(r.routeSuggestion).toMatchObject({ communityId: tree.communityA, communityName: '荟萃社区' });
    expect((await todos(coordinator, 'inbound.route')).map((o: any) => o.subjectId)).toEqual([String(id)]);
    expect(JSON.stringify(r)).not.toContain(makeIdNumber('19800101', 11));
  });

  it('is not seen by another employer’s liaison, and the committee cannot act on it before routing', async () => {
    expect((await liaisonB.get(`/api/inbound/requests/${id}`)).status).toBe(404);
    expect((await staffB.get(`/api/inbound/requests/${id}`)).status).toBe(404);
    expect((await staffA.get(`/api/inbound/requests/${id}`)).json.actions).toEqual([]);
    expect((await staffA.post(`/api/inbound/requests/${id}/approve`, { measure: { kind: 'home_observation', days: 14 }, version: r.version })).json.code).toBe(
      'INBOUND_STATUS_CONFLICT',
    );
    expect((await liaisonB.get('/api/inbound/requests')).json.total).toBe(0);
  });

  it('2. the department routes it to the residence community, whose review clock is 45 minutes', async () => {
    t.clock.advance(5 * MIN);
    const res = await coordinator.post(`/api/inbound/requests/${id}/route`, { version: r.version });
    expect(res.status).toBe(200);
    r = res.json;
    expect(r).toMatchObject({ status: 'routed', communityName: '荟萃社区', waitingFor: 'community' });
    const routedAt = r.events.find((e: any) => e.action === 'route').at;
    expectMinutesBetween(routedAt, r.dueAt, 45);
    expect(await todos(coordinator, 'inbound.route')).toEqual([]);
    expect((await todos(staffA, 'inbound.review')).map((o: any) => o.subjectId)).toEqual([String(id)]);
    expect(await todos(staffB, 'inbound.review')).toEqual([]);
    const seen = (await staffA.get(`/api/inbound/requests/${id}`)).json;
    expect(seen.actions).toEqual(expect.arrayContaining(['approve', 'reject']));
    expect(seen.health).toEqual({ symptoms: [], contactWithCase: false, temperature: null, note: null });
  });

  it('3. the committee approves it, with 14 days of home observation', async () => {
    t.clock.advance(10 * MIN);
    const res = await staffA.post(`/api/inbound/requests/${id}/approve`, { measure: { kind: 'home_observation', days: 14 }, version: r.version });
    expect(res.status).toBe(200);
    r = res.json;
    expect(r.status).toBe('approved');
    expect(r.events.filter((e: any) => e.action === 'approve' || e.action === 'reject')).toHaveLength(1);
  });

  it('4. the result is pushed to the liaison at once, who has two hours to tell the person', async () => {
    const n = (await liaison.get('/api/notifications')).json.items.map((x: any) => x.title['zh-CN']);
    expect(n.some((x: string) => x.startsWith('返程申请已通过：季师傅'))).toBe(true);
    const notify = await todos(liaison, 'inbound.notify');
    expect(notify).toHaveLength(1);
    expectMinutesBetween(r.decidedAt, notify[0].dueAt, 120);
    const f = (await liaison.get('/api/inbound/figures?from=2026-03-18&to=2026-03-18&by=employer')).json;
    expect(f.rows[0]).toMatchObject({ label: '渤海钻井总公司', submitted: 1, approved: 1, decided: 1, withinHourShare: 1 });
  });

  it('5. the liaison marks the person notified and prints the notice, whose QR pass verifies', async () => {
    r = (await liaison.post(`/api/inbound/requests/${id}/notified`, { version: r.version })).json;
    expect(r).toMatchObject({ status: 'notified', waitingFor: 'person' });
    const notice = (await liaison.get(`/api/inbound/requests/${id}/notice`)).json;
    expect(notice).toMatchObject({
      reference: r.reference,
      name: '季师傅',
      communityName: '荟萃社区',
      measure: { kind: 'home_observation', days: 14 },
      measureText: { 'zh-CN': '居家医学观察 14 天' },
    });
    expect(notice.validUntil).toBe(at('2026-03-20', '00:00').toISOString());
    const scan = (await staffA.post('/api/inbound/scan', { token: notice.token })).json;
    expect(scan).toMatchObject({ valid: true, problem: null, request: { id } });
    expect((await staffB.post('/api/inbound/scan', { token: notice.token })).json).toMatchObject({ valid: false, problem: 'not_found' });
    expect((await staffA.post('/api/inbound/scan', { token: `${notice.token.slice(0, -4)}AAAA` })).json.problem).toBe('bad_signature');
  });

  it('6. on arrival day the committee checks the person in, which opens home observation', async () => {
    t.clock.advance(3 * 3600000);
    const res = await staffA.post(`/api/inbound/requests/${id}/check-in`, { method: 'scan', version: r.version });
    expect(res.status).toBe(200);
    r = res.json;
    expect(r).toMatchObject({ status: 'arrived', waitingFor: 'none' });
    expect(r.observationCaseId).toBeGreaterThan(0);
    const c = (await station.get(`/api/observation/cases/${r.observationCaseId}`)).json;
    expect(c).toMatchObject({
      kind: 'home_observation',
      residentId: employee,
      plannedEndOn: '2026-04-02',
      source: { type: 'inbound_request', id: String(id) },
    });
    expect(await todos(staffA, 'inbound.arrival')).toEqual([]);
    expect(r.events.map((e: any) => e.action)).toEqual(expect.arrayContaining(['submit', 'route', 'approve', 'markNotified', 'checkIn']));
  });

  it('records every step in the audit log, without ID numbers or health details', async () => {
    const rows = await queryRows<{ action: string; after: unknown }>(
      t.platform.db,
      sql`SELECT action, after FROM audit_log WHERE entity_type = 'inbound_request' AND entity_id = ${String(id)} ORDER BY at, id`,
    );
    expect(rows.map((x) => x.action)).toEqual(
      expect.arrayContaining([
        'inbound.request.submit',
        'inbound.request.route',
        'inbound.request.approve',
        'inbound.request.markNotified',
        'inbound.request.checkIn',
      ]),
    );
    const logged = JSON.stringify(rows);
    // The person's ID number (in full, or its birth date and serial, the part the mask hides) and phone number.
    const idNumber = makeIdNumber('19800101', 11);
    expect(logged).not.toContain(idNumber);
    expect(logged).not.toContain(idNumber.slice(6, 14));
    expect(logged).not.toContain('13900000011');
    expect(logged).not.toContain('1390000');
    // The health declaration: none of its fields, named or valued.
    for (const field of ['health', 'symptoms', 'contactWithCase', 'temperature']) expect(logged).not.toContain(`"${field}"`);
  });
});

describe('deadlines', () => {
  it('a review past its deadline escalates to the department coordinator', async () => {
    t.clock.set(at('2026-03-19', '09:00'));
    coordinator = Object.assign(await signIn(t.app, 'incoord'), { userId: coordinator.userId });
    staffA = Object.assign(await signIn(t.app, 'instaffa'), { userId: staffA.userId });
    liaison = Object.assign(await signIn(t.app, 'inliaison'), { userId: liaison.userId });
    liaisonB = Object.assign(await signIn(t.app, 'inliaisonb'), { userId: liaisonB.userId });
    staffB = Object.assign(await signIn(t.app, 'instaffb'), { userId: staffB.userId });
    center = Object.assign(await signIn(t.app, 'incenter'), { userId: center.userId });
    admin = await signIn(t.app, 'inadmin');
    const person = { name: '王五', idNumber: makeIdNumber('19900202', 21), phone: '13900000021', dwellingId: tree.dwellingsA[1] };
    let r = (await liaison.post('/api/inbound/requests', { ...person, ...trip({ plannedArrival: '2026-03-19' }) })).json;
    r = (await coordinator.post(`/api/inbound/requests/${r.id}/route`, { version: r.version })).json;
    const before = (await coordinator.get('/api/notifications')).json.unread;
    t.clock.advance(44 * MIN);
    await escalateOverdue(t.platform);
    expect((await coordinator.get('/api/notifications')).json.unread).toBe(before);
    t.clock.advance(2 * MIN);
    await escalateOverdue(t.platform);
    const n = (await coordinator.get('/api/notifications?pageSize=50')).json;
    expect(n.unread).toBe(before + 1);
    expect(n.items[0].title['zh-CN']).toBe(`逾期未办：审核返程申请 ${r.reference}（王五）`);
    const todo = (await todos(staffA, 'inbound.review')).find((o: any) => o.subjectId === String(r.id));
    expect(todo).toMatchObject({ overdue: true, escalatedAt: expect.any(String) });
  });

  it('follow the community’s own settings', async () => {
    const s = await coordinator.put(`/api/inbound/settings/${tree.communityB}`, {
      routeMinutes: 10,
      reviewMinutes: 30,
      notifyMinutes: 60,
      arrivalGraceDays: 2,
      defaultObservationDays: 14,
    });
    expect(s.status).toBe(200);
    expect(s.json).toMatchObject({ communityName: '敬业社区', reviewMinutes: 30, isDefault: false });
    expect(
      (
        await staffA.put(`/api/inbound/settings/${tree.communityB}`, {
          routeMinutes: 10,
          reviewMinutes: 30,
          notifyMinutes: 60,
          arrivalGraceDays: 2,
          defaultObservationDays: 14,
        })
      ).status,
    ).toBe(403);
    let r = (
      await coordinator.post('/api/inbound/requests', {
        name: '赵六',
        idNumber: makeIdNumber('19850505', 31),
        phone: '13900000031',
        dwellingId: tree.dwellingsB[0],
        ...trip({ plannedArrival: '2026-03-19' }),
      })
    ).json;
    expect(r.source).toBe('department');
    expectMinutesBetween(r.submittedAt, r.dueAt, 10);
    r = (await coordinator.post(`/api/inbound/requests/${r.id}/route`, { version: r.version })).json;
    expectMinutesBetween(r.events.at(-1).at, r.dueAt, 30);
  });
});

describe('routing elsewhere, withdrawing, appealing', () => {
  it('routing to another community than the residence needs a reason; so does re-routing', async () => {
    let r = (
      await liaison.post('/api/inbound/requests', {
        name: '钱七',
        idNumber: makeIdNumber('19750707', 41),
        phone: '13900000041',
        dwellingId: tree.dwellingsA[2],
        ...trip({ plannedArrival: '2026-03-20' }),
      })
    ).json;
    const bad = await coordinator.post(`/api/inbound/requests/${r.id}/route`, { communityId: tree.communityB, version: r.version });
    expect(bad.json.code).toBe('INBOUND_ROUTE_REASON_REQUIRED');
    r = (await coordinator.post(`/api/inbound/requests/${r.id}/route`, { communityId: tree.communityB, reason: '实际住在敬业社区', version: r.version })).json;
    expect(r.communityName).toBe('敬业社区');
    expect((await coordinator.post(`/api/inbound/requests/${r.id}/reroute`, { communityId: tree.communityA, version: r.version })).json.code).toBe(
      'INBOUND_ROUTE_REASON_REQUIRED',
    );
    r = (await coordinator.post(`/api/inbound/requests/${r.id}/reroute`, { communityId: tree.communityA, reason: '核实后仍住荟萃', version: r.version })).json;
    expect(r.communityName).toBe('荟萃社区');
    expect((await todos(staffB, 'inbound.review')).filter((o: any) => o.subjectId === String(r.id))).toEqual([]);
    expect((await todos(staffA, 'inbound.review')).filter((o: any) => o.subjectId === String(r.id))).toHaveLength(1);
  });

  it('a withdrawn request can be resubmitted; a rejection can be appealed once', async () => {
    let r = (
      await liaison.post('/api/inbound/requests', {
        name: '孙八',
        idNumber: makeIdNumber('19880808', 51),
        phone: '13900000051',
        dwellingId: tree.dwellingsA[3],
        ...trip({ plannedArrival: '2026-03-21' }),
      })
    ).json;
    expect(
      (
        await liaison.post('/api/inbound/requests', {
          name: '孙八',
          idNumber: makeIdNumber('19880808', 51),
          phone: '13900000051',
          dwellingId: tree.dwellingsA[3],
          ...trip({ plannedArrival: '2026-03-21' }),
        })
      ).json.code,
    ).toBe('INBOUND_ALREADY_OPEN');
    r = (await liaison.post(`/api/inbound/requests/${r.id}/withdraw`, { reason: '行程推迟', version: r.version })).json;
    expect(r.status).toBe('withdrawn');
    expect((await todos(coordinator, 'inbound.route')).some((o: any) => o.subjectId === String(r.id))).toBe(false);
    r = (await liaison.post(`/api/inbound/requests/${r.id}/resubmit`, { plannedArrival: '2026-03-22', version: r.version })).json;
    expect(r).toMatchObject({ status: 'submitted', plannedArrival: '2026-03-22' });
    r = (await coordinator.post(`/api/inbound/requests/${r.id}/route`, { version: r.version })).json;
    r = (await staffA.post(`/api/inbound/requests/${r.id}/reject`, { reason: '中风险地区，需提供核酸证明', version: r.version })).json;
    expect(r).toMatchObject({ status: 'rejected', decisionReason: '中风险地区，需提供核酸证明' });
    expect((await staffA.post(`/api/inbound/requests/${r.id}/appeal`, { text: '补充材料', version: r.version })).status).toBe(403);
    r = (await liaison.post(`/api/inbound/requests/${r.id}/appeal`, { text: '已补充 48 小时核酸阴性证明', version: r.version })).json;
    expect(r).toMatchObject({ status: 'routed', appealed: true, appealText: '已补充 48 小时核酸阴性证明' });
    r = (await staffA.post(`/api/inbound/requests/${r.id}/reject`, { reason: '仍不符合', version: r.version })).json;
    const again = await liaison.post(`/api/inbound/requests/${r.id}/appeal`, { text: '再次申诉材料', version: r.version });
    expect(again.status).toBe(409);
    expect(again.json.code).toBe('INBOUND_APPEAL_USED');
  });

  it('refuses bad input with a clear 400 and changes nothing', async () => {
    const n = (await liaison.get('/api/inbound/requests')).json.total;
    const badId = await liaison.post('/api/inbound/requests', {
      name: '错号',
      idNumber: '370502198001011230',
      phone: '13900000061',
      dwellingId: tree.dwellingsA[4],
      ...trip({ plannedArrival: '2026-03-20' }),
    });
    expect(badId.status).toBe(400);
    expect(badId.json).toMatchObject({ code: 'INBOUND_ID_NUMBER_INVALID', errors: [{ path: 'idNumber' }] });
    const past = await liaison.post('/api/inbound/requests', {
      name: '过去',
      idNumber: makeIdNumber('19700101', 71),
      phone: '13900000071',
      dwellingId: tree.dwellingsA[4],
      ...trip({ plannedArrival: '2026-01-01' }),
    });
    expect(past.json.code).toBe('INBOUND_ARRIVAL_DATE');
    const notMine = await liaisonB.post('/api/inbound/requests', { residentId: employee, ...trip({ plannedArrival: '2026-03-20' }) });
    expect(notMine.status).toBe(404);
    expect((await liaison.get('/api/inbound/requests')).json.total).toBe(n);
  });
});

describe('the online entry declaration (seed 004)', () => {
  let token: string;
  it('is made without an account, checked (ID checksum), and waits for routing to the named community', async () => {
    const anon = anonymous(t.app);
    const communities = (await anon.get('/api/inbound/declaration/communities')).json.items;
    expect(communities.map((c: any) => c.name)).toEqual(['荟萃社区', '敬业社区']);
    const bad = await anon.post('/api/inbound/declarations', {
      name: '周九',
      idNumber: '370502199001011234',
      phone: '13900000081',
      communityId: tree.communityB,
      address: '白云小区1号楼',
      ...trip({ plannedArrival: '2026-03-20' }),
    });
    expect(bad.json.code).toBe('INBOUND_ID_NUMBER_INVALID');
    const ok = await anon.post('/api/inbound/declarations', {
      name: '周九',
      idNumber: makeIdNumber('19900101', 81),
      phone: '13900000081',
      communityId: tree.communityB,
      address: '白云小区1号楼',
      ...trip({ plannedArrival: '2026-03-20' }),
    });
    expect(ok.status).toBe(201);
    token = ok.json.trackingToken;
    expect((await anon.get(`/api/inbound/declarations/status?token=${encodeURIComponent(token)}`)).json).toMatchObject({
      status: 'submitted',
      communityName: '敬业社区',
      notice: null,
    });
    const r = (await coordinator.get(`/api/inbound/requests/${ok.json.id}`)).json;
    expect(r).toMatchObject({ source: 'self', routeSuggestion: { communityName: '敬业社区' }, address: '白云小区1号楼' });
    let routed = (await coordinator.post(`/api/inbound/requests/${r.id}/route`, { version: r.version })).json;
    routed = (await staffB.post(`/api/inbound/requests/${r.id}/approve`, { measure: { kind: 'home_observation', days: 14 }, version: routed.version })).json;
    // Nobody stands between a self-declarer and the result: it is marked notified at once.
    expect(routed.status).toBe('notified');
    const status = (await anon.get(`/api/inbound/declarations/status?token=${encodeURIComponent(token)}`)).json;
    expect(status).toMatchObject({ status: 'notified', canSelfReport: true, notice: { name: '周九', measure: { kind: 'home_observation' } } });
  });

  it('lets the person report their arrival; staff confirm it, placing them in a dwelling', async () => {
    const anon = anonymous(t.app);
    const s = (await anon.post('/api/inbound/declarations/self-report', { token })).json;
    expect(s).toMatchObject({ canSelfReport: false, selfReportedAt: expect.any(String) });
    expect((await anon.post('/api/inbound/declarations/self-report', { token })).json.code).toBe('INBOUND_ALREADY_REPORTED');
    const list = (await staffB.get('/api/inbound/requests?queue=arrival')).json.items;
    const r = list.find((x: any) => x.name === '周九');
    expect(r.selfReportedAt).toBeTruthy();
    const noPlace = await staffB.post(`/api/inbound/requests/${r.id}/check-in`, { method: 'self_report', version: r.version });
    expect(noPlace.json).toMatchObject({ code: 'INBOUND_DWELLING_REQUIRED', errors: [{ path: 'dwellingId' }] });
    const done = await staffB.post(`/api/inbound/requests/${r.id}/check-in`, { method: 'self_report', dwellingId: tree.dwellingsB[5], version: r.version });
    expect(done.status).toBe(200);
    expect(done.json).toMatchObject({ status: 'arrived', dwellingLabel: expect.stringContaining('敬业社区') });
    expect(done.json.residentId).toBeGreaterThan(0);
  });

  it('refuses a forged tracking pass', async () => {
    const r = await anonymous(t.app).get(`/api/inbound/declarations/status?token=${'x'.repeat(40)}`);
    expect(r.status).toBe(400);
    expect(r.json.code).toBe('INBOUND_PASS_INVALID');
  });
});

describe('a resident signed in with a phone code', () => {
  it('sees their own request and its notice, and reports their arrival', async () => {
    const phone = '13900000091';
    const res = (
      await admin.post('/api/residents', { dwellingId: tree.dwellingsA[5], name: '郑十', idNumber: makeIdNumber('19920909', 91), phone, employerId: employerA })
    ).json;
    let r = (await liaison.post('/api/inbound/requests', { residentId: res.id, ...trip({ plannedArrival: '2026-03-20' }) })).json;
    r = (await coordinator.post(`/api/inbound/requests/${r.id}/route`, { version: r.version })).json;
    r = (await staffA.post(`/api/inbound/requests/${r.id}/approve`, { measure: { kind: 'home_observation', days: 14 }, version: r.version })).json;
    expect((await anonymous(t.app).post('/api/auth/otp', { phone })).status).toBe(202);
    const sent = fs
      .readFileSync(t.smsOutbox, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
      .filter((m: any) => m.to === '*******0091');
    const code = /(\d{6})/.exec(sent.at(-1).text)![1]!;
    const ok = await t.app.inject({ method: 'POST', url: '/api/auth/otp/verify', payload: { phone, code } });
    const cookie = String(ok.headers['set-cookie']).split(';')[0]!;
    const csrf = (await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } })).json().csrfToken;
    const resident = new TestClient(t.app, cookie, csrf);
    const mine = (await resident.get('/api/inbound/mine')).json.items;
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      reference: r.reference,
      status: 'approved',
      canSelfReport: true,
      notice: { name: '郑十', measureText: { 'zh-CN': '居家医学观察 14 天' } },
    });
    const reported = await resident.post(`/api/inbound/mine/${r.id}/self-report`);
    expect(reported.json).toMatchObject({ canSelfReport: false, selfReportedAt: expect.any(String) });
    expect((await resident.post(`/api/inbound/mine/${r.id + 1000}/self-report`)).status).toBe(404);
    expect((await resident.get('/api/inbound/requests')).status).toBe(403);
    const n = (await staffA.get('/api/notifications?pageSize=50')).json.items.map((x: any) => x.title['zh-CN']);
    expect(n.some((x: string) => x.startsWith('返程人员自行报备已抵达：郑十'))).toBe(true);
  });
});

describe('figures and the dashboard', () => {
  it('counts per day with median, p90 and the share decided within an hour, from the data', async () => {
    const f = (await center.get('/api/inbound/figures?from=2026-03-18&to=2026-03-19&by=day')).json;
    expect(f.rows.map((r: any) => r.key)).toEqual(['2026-03-18', '2026-03-19']);
    expect(f.rows[0]).toMatchObject({ submitted: 1, approved: 1, decided: 1, medianMinutes: 15, p90Minutes: 15, withinHourShare: 1 });
    expect(f.total.submitted).toBeGreaterThanOrEqual(5);
    const byCommunity = (await center.get('/api/inbound/figures?from=2026-03-18&to=2026-03-19&by=community')).json;
    expect(byCommunity.rows.map((r: any) => r.label)).toEqual(expect.arrayContaining(['荟萃社区', '敬业社区']));
  });

  it("export as Excel exactly the figures shown, each community's staff only their own community's", async () => {
    const q = 'from=2026-03-18&to=2026-03-19&by=community';
    // Counted straight from the table, not by the code under test.
    const perCommunity = await queryRows<{ community_id: number | null; n: number }>(
      t.platform.db,
      sql`SELECT community_id, count(*)::int AS n FROM inbound_requests WHERE submitted_at >= ${at('2026-03-18', '00:00')} AND submitted_at < ${at('2026-03-20', '00:00')} GROUP BY 1`,
    );
    const countOf = (id: number) => perCommunity.find((r) => Number(r.community_id) === id)?.n ?? 0;
    expect(countOf(tree.communityA)).toBeGreaterThan(0);
    expect(countOf(tree.communityB)).toBeGreaterThan(0);
    const cells = (r: any) =>
      [
        r.label,
        r.submitted,
        r.approved,
        r.rejected,
        r.decided,
        r.medianMinutes ?? '',
        r.p90Minutes ?? '',
        r.withinHourShare === null ? '' : Math.round(r.withinHourShare * 1000) / 10,
      ].map(String);
    const download = async (c: TestClient) => {
      const res = await c.get(`/api/inbound/figures.xlsx?${q}`);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      return (await readSheets(res.body))['闭环统计 Loop figures']!;
    };
    const api = (await center.get(`/api/inbound/figures?${q}`)).json;
    const all = await download(center);
    expect(all[0]![0]).toBe('社区 Community');
    expect(all.slice(1, 1 + api.rows.length + 1)).toEqual([...api.rows.map(cells), cells(api.total)]);
    expect(all.at(-1)).toEqual(['2026-03-18 — 2026-03-19']);
    for (const [staff, community, name] of [
      [staffA, tree.communityA, '荟萃社区'],
      [staffB, tree.communityB, '敬业社区'],
    ] as const) {
      const mine = await download(staff);
      const rows = mine.slice(1, -1);
      expect(rows.map((r) => [r[0], r[1]])).toEqual([
        [name, String(countOf(community))],
        ['合计', String(countOf(community))],
      ]);
    }
  });

  it('drill down to exactly the requests each number counts, by community, day and outcome, within scope', async () => {
    const range = 'submittedFrom=2026-03-18&submittedTo=2026-03-19';
    const total = async (c: TestClient, q: string) => {
      const r = await c.get(`/api/inbound/requests?queue=all&pageSize=200&${q}`);
      expect(r.status).toBe(200);
      return r.json.total as number;
    };
    const byCommunity = (await center.get('/api/inbound/figures?from=2026-03-18&to=2026-03-19&by=community')).json;
    const routed = byCommunity.rows.filter((r: any) => r.key !== '-');
    expect(routed.map((r: any) => r.label).sort()).toEqual(['敬业社区', '荟萃社区']);
    for (const r of routed) {
      expect(await total(center, `communityId=${r.key}&${range}`)).toBe(r.submitted);
      expect(await total(center, `communityId=${r.key}&${range}&outcome=approved`)).toBe(r.approved);
      expect(await total(center, `communityId=${r.key}&${range}&outcome=rejected`)).toBe(r.rejected);
    }
    const byDay = (await center.get('/api/inbound/figures?from=2026-03-18&to=2026-03-19&by=day')).json;
    for (const r of byDay.rows) expect(await total(center, `submittedFrom=${r.key}&submittedTo=${r.key}`)).toBe(r.submitted);
    // Another community's staff following the same link see none of them.
    const a = routed.find((r: any) => r.label === '荟萃社区');
    expect(a.submitted).toBeGreaterThan(0);
    expect(await total(staffB, `communityId=${a.key}&${range}`)).toBe(0);
    expect(await total(staffA, `communityId=${a.key}&${range}`)).toBe(a.submitted);
  });

  it('refuse a range the date picker cannot show, rather than narrowing it silently', async () => {
    for (const url of [
      '/api/inbound/figures?from=2025-01-01&to=2026-03-19',
      '/api/inbound/figures.xlsx?from=2025-01-01&to=2026-03-19',
      '/api/inbound/figures?from=2026-03-19&to=2026-03-18',
    ]) {
      const r = await center.get(url);
      expect(r.status).toBe(400);
      expect(r.json.code).toBe('INBOUND_FIGURES_RANGE');
    }
    expect((await center.get('/api/inbound/figures?from=2025-03-19&to=2026-03-19')).status).toBe(200);
  });

  it('shows the loop and today’s observation on the coordinator’s first screen', async () => {
    const d = (await coordinator.get('/api/dashboard')).json;
    expect(d.cards.map((c: any) => c.key)).toEqual([
      'inbound.loop',
      'observation.today',
      'containment.sealed',
      'access.gates_today',
      'duty.today',
      'volunteers.today',
    ]);
    const loop = d.cards[0];
    expect(loop.figures.map((f: any) => f.key)).toEqual(['submitted', 'approved', 'rejected', 'median', 'p90', 'withinHour', 'overdue']);
    expect(loop.figures.find((f: any) => f.key === 'overdue').value).toBeGreaterThanOrEqual(1);
    expect(loop.rows.length).toBeGreaterThanOrEqual(1);
    expect((await liaison.get('/api/dashboard')).status).toBe(403);
  });
});

// Last in the file, so the request it adds changes no count or figure above.
describe('two reviewers of one request', () => {
  itOnPostgres('act at once: exactly one succeeds, the other gets a clear 409', async () => {
    // Fresh sessions: the clock has moved on by days above.
    liaison = Object.assign(await signIn(t.app, 'inliaison'), { userId: liaison.userId });
    coordinator = Object.assign(await signIn(t.app, 'incoord'), { userId: coordinator.userId });
    staffA = Object.assign(await signIn(t.app, 'instaffa'), { userId: staffA.userId });
    staffA2 = Object.assign(await signIn(t.app, 'instaffa2'), { userId: staffA2.userId });
    const person = { name: '周九', idNumber: makeIdNumber('19860606', 81), phone: '13900000081', dwellingId: tree.dwellingsA[5] };
    let r = (await liaison.post('/api/inbound/requests', { ...person, ...trip({ plannedArrival: localDate(t.clock.now(), TZ) }) })).json;
    r = (await coordinator.post(`/api/inbound/requests/${r.id}/route`, { version: r.version })).json;
    expect(r.status).toBe('routed');
    const [a, b] = await Promise.all([
      staffA.post(`/api/inbound/requests/${r.id}/approve`, { measure: { kind: 'home_observation', days: 14 }, version: r.version }),
      staffA2.post(`/api/inbound/requests/${r.id}/reject`, { reason: '材料不全', version: r.version }),
    ]);
    const statuses = [a.status, b.status].sort();
    expect(statuses).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    expect(['INBOUND_STATUS_CONFLICT', 'STALE_VERSION']).toContain(loser.json.code);
    const winner = a.status === 200 ? a : b;
    r = (await staffA.get(`/api/inbound/requests/${r.id}`)).json;
    expect(r.status).toBe(winner === a ? 'approved' : 'rejected');
    const events = r.events.filter((e: any) => e.action === 'approve' || e.action === 'reject');
    expect(events).toHaveLength(1);
  });
});

describe('a person who already has a request under way', () => {
  const searchesBy = async (userId: number | null) =>
    (
      await queryRows<{ purpose: string }>(
        t.platform.db,
        sql`SELECT after->>'purpose' AS purpose FROM audit_log WHERE action = 'identifier.searched' AND actor_user_id IS NOT DISTINCT FROM ${userId}`,
      )
    ).filter((r) => r.purpose === 'inbound.duplicate').length;

  it('is refused again; only a caller who may read that request is told its reference, and the refusal counts as a search by the number', async () => {
    const idNumber = makeIdNumber('19931010', 93);
    const person = { name: '吴十', idNumber, phone: '13900000093', dwellingId: tree.dwellingsA[6] };
    const today = localDate(t.clock.now(), TZ);
    const first = (await liaison.post('/api/inbound/requests', { ...person, ...trip({ plannedArrival: today }) })).json;
    expect(first.status, JSON.stringify(first)).toBe('submitted');

    // The liaison who filed it may read it: the refusal names it.
    const again = await liaison.post('/api/inbound/requests', { ...person, ...trip({ plannedArrival: today }) });
    expect(again.status).toBe(409);
    expect(again.json.code).toBe('INBOUND_ALREADY_OPEN');
    expect(again.json.messages['zh-CN']).toContain(first.reference);

    // Another employer's liaison typing the same number learns only that a return is under way,
    // and that answer is a counted, audited search by the number.
    const before = await searchesBy(liaisonB.userId);
    const probe = await liaisonB.post('/api/inbound/requests', { ...person, dwellingId: tree.dwellingsB[1], ...trip({ plannedArrival: today }) });
    expect(probe.status).toBe(409);
    expect(probe.json.code).toBe('INBOUND_ALREADY_OPEN');
    expect(JSON.stringify(probe.json)).not.toContain(first.reference);
    expect(probe.json.messages['zh-CN']).toBe('此人已有一份进行中的返程申请，请向社区了解办理进度');
    expect(await searchesBy(liaisonB.userId)).toBe(before + 1);

    // So is the public form's answer to anyone.
    const anonBefore = await searchesBy(null);
    const declared = await anonymous(t.app).post('/api/inbound/declarations', {
      name: '吴十',
      idNumber,
      phone: '13900000093',
      communityId: tree.communityA,
      address: '荟萃小区',
      ...trip({ plannedArrival: today }),
    });
    expect(declared.status).toBe(409);
    expect(JSON.stringify(declared.json)).not.toContain(first.reference);
    expect(await searchesBy(null)).toBe(anonBefore + 1);
  });
});
