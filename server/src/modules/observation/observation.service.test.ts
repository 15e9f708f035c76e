import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../platform/access/actor.js';
import { inTx, type Ctx } from '../../platform/context.js';
import { queryRows } from '../../platform/db/database.js';
import { escalateOverdue } from '../../platform/obligations/obligations.service.js';
import { localInstant } from '../../platform/time.js';
import { buildSmallTree, type SmallTree } from '../../test-support/fixtures.js';
import { signIn, userWith, type TestClient } from '../../test-support/http-client.js';
import { createTestPlatform, type TestPlatform } from '../../test-support/test-platform.js';
import { readWorkbook } from '../../test-support/workbooks.js';
import { observationTick, openObservationCase } from './index.js';

const TZ = 'Asia/Shanghai';
const at = (date: string, time: string) => localInstant(date, time, TZ);

let t: TestPlatform;
let admin: TestClient;
let tree: SmallTree;
let staff: TestClient & { userId: number };
let health: TestClient & { userId: number };
let healthB: TestClient & { userId: number };
let residentId: number;
let spouseId: number;
let caseId: number;

beforeAll(async () => {
  t = await createTestPlatform();
  t.clock.set(at('2026-03-18', '07:30'));
  admin = await userWith(t.platform, t.app, ['admin'], { all: true }, 'obsadmin');
  tree = await buildSmallTree(admin);
  staff = await userWith(t.platform, t.app, ['community_staff'], { placeIds: [tree.communityA] }, 'obsstaff');
  health = await userWith(t.platform, t.app, ['health_worker'], { placeIds: [tree.communityA] }, 'obshealth');
  healthB = await userWith(t.platform, t.app, ['health_worker'], { placeIds: [tree.communityB] }, 'obshealthb');
  const r = (await admin.post('/api/residents', { dwellingId: tree.dwellingsA[0], name: '季师傅' })).json;
  residentId = r.id;
  spouseId = (await admin.post('/api/residents', { householdId: r.householdId, name: '季师母', relation: 'spouse' })).json.id;
});
afterAll(() => t.close());

function staffCtx(userId: number): Ctx {
  return {
    platform: t.platform,
    actor: {
      ...systemActor('obsstaff'),
      kind: 'user',
      userId,
      permissions: new Set(['observation.manage']),
      scope: { all: true, places: [], employerIds: [] },
    },
    origin: { ip: null, channel: 'web', requestId: null },
    lang: 'zh-CN',
  };
}

describe('opening an observation case from another module', () => {
  it('returns the new case with its planned end from the rule, today’s slots and their to-dos', async () => {
    caseId = await inTx({ platform: t.platform }, (tx) =>
      openObservationCase(tx, staffCtx(staff.userId), {
        residentId,
        kind: 'home_observation',
        reason: '武汉返回',
        startsOn: '2026-03-18',
        plannedDays: 14,
        source: { type: 'inbound_request', id: 7 },
      }),
    );
    const c = (await health.get(`/api/observation/cases/${caseId}`)).json;
    // By default the arrival day is not counted: 14 days are 19 March to 1 April, released on 2 April.
    expect(c).toMatchObject({
      kind: 'home_observation',
      status: 'active',
      name: '季师傅',
      plannedEndOn: '2026-04-02',
      dayNo: 0,
      source: { type: 'inbound_request', id: '7' },
    });
    expect(c.plan).toEqual({ basis: 'arrival', basisDate: '2026-03-18', days: 14, firstDayCounted: false });
    expect(c.planText['zh-CN']).toBe('自抵达日 2026-03-18 起 14 天（抵达当日不计入），2026-04-02 解除');
    const today = c.checks.filter((k: any) => k.slotDate === '2026-03-18').sort((a: any, b: any) => a.slotNo - b.slotNo);
    expect(today.map((k: any) => [k.slotNo, k.state])).toEqual([
      [0, 'upcoming'],
      [1, 'upcoming'],
    ]);
    const todos = (await health.get('/api/todos?pageSize=50')).json.items.filter((o: any) => o.kind === 'observation.check');
    expect(todos.length).toBeGreaterThanOrEqual(2);
  });

  it('gives the same case again while one is open, noting the new source', async () => {
    const again = await inTx({ platform: t.platform }, (tx) =>
      openObservationCase(tx, staffCtx(staff.userId), {
        residentId,
        kind: 'fever_follow_up',
        reason: '入户摸排发现',
        source: { type: 'screening_visit', id: 3 },
      }),
    );
    expect(again).toBe(caseId);
    const c = (await staff.get(`/api/observation/cases/${caseId}`)).json;
    expect(c.events.map((e: any) => e.kind)).toContain('source_added');
  });

  it('is not found by health workers of another community', async () => {
    expect((await healthB.get(`/api/observation/cases/${caseId}`)).status).toBe(404);
    expect((await healthB.post(`/api/observation/cases/${caseId}/readings`, { temperature: 36.5 })).status).toBe(404);
  });
});

describe('readings', () => {
  it('fill the open slot and tick its to-do off', async () => {
    t.clock.set(at('2026-03-18', '08:30'));
    const r = await health.post(`/api/observation/cases/${caseId}/readings`, { temperature: 36.6 });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ alert: false, check: { slotNo: 0, state: 'done', temperature: 36.6, takenByName: 'obshealth' } });
    const open = (await health.get('/api/todos?pageSize=50')).json.items.filter(
      (o: any) => o.kind === 'observation.check' && o.subjectId === `${caseId}:2026-03-18:0`,
    );
    expect(open).toEqual([]);
  });

  it('of 37.3 °C or more alert the community’s health workers at once, and not those elsewhere', async () => {
    const before = (await health.get('/api/notifications')).json.unread;
    const r = await health.post(`/api/observation/cases/${caseId}/readings`, { temperature: 37.8 });
    expect(r.json).toMatchObject({ alert: true, check: { state: 'extra', temperature: 37.8 } });
    expect((await health.get('/api/notifications')).json.unread).toBe(before + 1);
    expect((await healthB.get('/api/notifications')).json.unread).toBe(0);
    const c = (await health.get(`/api/observation/cases/${caseId}`)).json;
    expect(c.openAlerts).toBe(1);
    const alertTodo = (await health.get('/api/todos?pageSize=50')).json.items.find((o: any) => o.kind === 'observation.alert');
    expect(alertTodo).toBeTruthy();
    const ack = await health.post(`/api/observation/cases/${caseId}/checks/${r.json.check.id}/acknowledge`, { note: '电话随访，已转诊' });
    expect(ack.status).toBe(200);
    expect((await health.post(`/api/observation/cases/${caseId}/checks/${r.json.check.id}/acknowledge`, {})).json.code).toBe(
      'OBSERVATION_ALREADY_ACKNOWLEDGED',
    );
  });

  it('can be taken of a household member once they are on the case, and not of someone else', async () => {
    expect((await health.post(`/api/observation/cases/${caseId}/readings`, { residentId: spouseId, temperature: 36.4 })).json.code).toBe(
      'OBSERVATION_PERSON_NOT_ON_CASE',
    );
    const c = (await staff.get(`/api/observation/cases/${caseId}`)).json;
    expect((await staff.put(`/api/observation/cases/${caseId}/members`, { memberIds: [spouseId] })).status).toBe(200);
    const r = await health.post(`/api/observation/cases/${caseId}/readings`, { residentId: spouseId, temperature: 36.4 });
    expect(r.json.check).toMatchObject({ name: '季师母', slotNo: 0 });
    expect(c.version).toBeGreaterThan(0);
  });

  it('need a temperature or a symptom', async () => {
    const r = await health.post(`/api/observation/cases/${caseId}/readings`, { temperature: null, symptoms: [] });
    expect(r.status).toBe(400);
    expect(r.json.code).toBe('OBSERVATION_READING_EMPTY');
  });

  it('never reach the audit log', async () => {
    const rows = await queryRows<{ after: unknown }>(t.platform.db, sql`SELECT after FROM audit_log WHERE action = 'observation.check.record'`);
    // Three readings were taken above (36.6, 37.8 and the spouse's 36.4): one audit row each.
    expect(rows.length).toBe(3);
    expect(JSON.stringify(rows)).not.toContain('37.8');
  });
});

describe('the slot job', () => {
  it('makes tomorrow’s slots once, and finds nothing to do when run again', async () => {
    t.clock.set(at('2026-03-18', '09:30'));
    // Tomorrow's slots were made at opening: nothing is missing.
    expect((await observationTick(t.platform)).slots).toBe(0);
    t.clock.set(at('2026-03-19', '00:10'));
    const first = await observationTick(t.platform);
    // One case, two people on it (the person and the spouse), two slots a day.
    expect(first.slots).toBe(4);
    expect((await observationTick(t.platform)).slots).toBe(0);
    t.clock.set(at('2026-03-18', '09:30'));
  });
});

describe('a missed slot', () => {
  it('escalates to the community staff once its grace period is over', async () => {
    t.clock.set(at('2026-03-18', '18:31'));
    await escalateOverdue(t.platform);
    const n = (await staff.get('/api/notifications?pageSize=50')).json.items.map((x: any) => x.title['zh-CN']);
    expect(n).toContain('逾期未办：居家观察体温检测');
    const today = (await health.get('/api/observation/today')).json;
    const mine = today.cases.find((c: any) => c.caseId === caseId);
    // The arrival day, not counted: the phone page says so as the case page does.
    expect(mine.dayNo).toBe(0);
    expect(mine.checks.filter((k: any) => k.slotNo === 1 && k.residentId === residentId).map((k: any) => k.state)).toEqual(['missed']);
  });
});

describe('supplies, custodians and the plan', () => {
  it('logs what was brought to the door, and by whom', async () => {
    const r = await staff.post(`/api/observation/cases/${caseId}/deliveries`, { what: '米面油', quantity: '1 份' });
    expect(r.status).toBe(201);
    expect(r.json.deliveries[0]).toMatchObject({ what: '米面油', quantity: '1 份', deliveredByName: 'obsstaff' });
  });

  it('names the “3+1” custodians', async () => {
    const r = await staff.put(`/api/observation/cases/${caseId}/custodians`, {
      custodians: [
        { role: 'police', name: '民警李' },
        { role: 'cadre', name: '干部王' },
        { role: 'medic', name: '医生赵' },
      ],
    });
    expect(r.json.custodians.map((c: any) => c.role)).toEqual(['police', 'cadre', 'medic']);
  });

  it('is shortened only with a reason and the version read, and says so in its timeline', async () => {
    const c = (await staff.get(`/api/observation/cases/${caseId}`)).json;
    expect((await staff.post(`/api/observation/cases/${caseId}/replan`, { days: 1, reason: '', version: c.version })).status).toBe(400);
    expect((await staff.post(`/api/observation/cases/${caseId}/replan`, { days: 1, reason: '核酸阴性', version: c.version - 1 })).json.code).toBe(
      'STALE_VERSION',
    );
    const r = await staff.post(`/api/observation/cases/${caseId}/replan`, { days: 1, reason: '核酸阴性', version: c.version });
    expect(r.status).toBe(200);
    expect(r.json.plannedEndOn).toBe('2026-03-20');
    expect(r.json.events[0]).toMatchObject({ kind: 'shortened', data: { reason: '核酸阴性', toEnd: '2026-03-20' } });
  });
});

describe('release', () => {
  it('is proposed once the period is over and the latest readings are normal, then confirmed by a health worker', async () => {
    t.clock.set(at('2026-03-20', '08:10'));
    // Two nights have passed: sessions have gone idle, so everyone signs in again.
    health = Object.assign(await signIn(t.app, 'obshealth'), { userId: health.userId });
    staff = Object.assign(await signIn(t.app, 'obsstaff'), { userId: staff.userId });
    admin = await signIn(t.app, 'obsadmin');
    await observationTick(t.platform);
    let c = (await health.get(`/api/observation/cases/${caseId}`)).json;
    expect(c.status).toBe('active'); // the latest reading of 季师傅 was 37.8 °C
    expect((await health.post(`/api/observation/cases/${caseId}/release`, { version: c.version })).json.code).toBe('OBSERVATION_NOT_PROPOSED');
    const r = await health.post(`/api/observation/cases/${caseId}/readings`, { temperature: 36.5 });
    expect(r.json.releaseProposed).toBe(true);
    c = (await health.get(`/api/observation/cases/${caseId}`)).json;
    expect(c.status).toBe('release_proposed');
    expect(c.actions).toContain('release');
    expect((await staff.post(`/api/observation/cases/${caseId}/release`, { version: c.version })).status).toBe(403);
    const done = await health.post(`/api/observation/cases/${caseId}/release`, { version: c.version, note: '体温正常，解除观察' });
    expect(done.json.status).toBe('released');
    const dash = (await health.get('/api/dashboard')).json;
    const card = dash.cards.find((x: any) => x.key === 'observation.today');
    expect(card.figures.find((f: any) => f.key === 'released').value).toBe(1);
  });
});

describe('check slots per community', () => {
  it('are set with a window and grace each, refused when they overlap, and used by cases opened afterwards', async () => {
    const bad = await staff.put(`/api/observation/settings/${tree.communityA}`, {
      slots: [
        { start: '08:00', end: '10:00', graceMinutes: 60 },
        { start: '10:30', end: '12:00', graceMinutes: 30 },
      ],
    });
    expect(bad.status).toBe(400);
    const ok = await staff.put(`/api/observation/settings/${tree.communityA}`, {
      slots: [
        { start: '07:00', end: '09:00', graceMinutes: 15 },
        { start: '12:00', end: '13:00', graceMinutes: 15 },
        { start: '19:00', end: '21:00', graceMinutes: 15 },
      ],
    });
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ isDefault: false, slots: [{ start: '07:00' }, { start: '12:00' }, { start: '19:00' }] });
    expect((await staff.put(`/api/observation/settings/${tree.communityB}`, { slots: [{ start: '08:00', end: '10:00', graceMinutes: 30 }] })).status).toBe(404);
    const other = (await admin.post('/api/residents', { dwellingId: tree.dwellingsA[2], name: '三时段' })).json.id;
    const c = (
      await staff.post('/api/observation/cases', {
        residentId: other,
        kind: 'fever_follow_up',
        reason: '发热',
        plan: { basis: 'exposure', basisDate: '2026-03-19', days: 3 },
      })
    ).json;
    const slots = c.checks
      .filter((k: any) => k.slotDate === '2026-03-20')
      .map((k: any) => k.slotNo)
      .sort();
    expect(slots).toEqual([0, 1, 2]);
  });
});

describe('counting the arrival day, per community', () => {
  let earlierId: number;

  it('is off by default: arrival on 1 March with 14 days is released on 16 March, and says why', async () => {
    const list = (await staff.get('/api/observation/settings')).json.items;
    expect(list.find((s: any) => s.communityId === tree.communityA)).toMatchObject({ arrivalDayCounted: false });
    const person = (await admin.post('/api/residents', { dwellingId: tree.dwellingsA[3], name: '不计首日' })).json.id;
    const c = (
      await staff.post('/api/observation/cases', {
        residentId: person,
        kind: 'home_observation',
        reason: '返程',
        plan: { basis: 'arrival', basisDate: '2026-03-01', days: 14 },
      })
    ).json;
    earlierId = c.id;
    expect(c.plannedEndOn).toBe('2026-03-16');
    expect(c.planText).toEqual({
      'zh-CN': '自抵达日 2026-03-01 起 14 天（抵达当日不计入），2026-03-16 解除',
      'en-US': '14 days from arrival on 2026-03-01 (the arrival day not counted); ends 2026-03-16',
    });
  });

  it('when a community counts it, 1 March with 14 days is released on 15 March; cases opened before keep their rule', async () => {
    const before = (await staff.get('/api/observation/settings')).json.items.find((s: any) => s.communityId === tree.communityA);
    const r = await staff.put(`/api/observation/settings/${tree.communityA}`, { slots: before.slots, arrivalDayCounted: true, version: before.version });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ arrivalDayCounted: true, version: before.version + 1 });
    // The other community keeps the default (its health worker signs in again: nights have passed).
    expect(
      (await (await signIn(t.app, 'obshealthb')).get('/api/observation/settings')).json.items.find((s: any) => s.communityId === tree.communityB),
    ).toMatchObject({ arrivalDayCounted: false, isDefault: true });
    const person = (await admin.post('/api/residents', { dwellingId: tree.dwellingsA[4], name: '计首日' })).json.id;
    const c = (
      await staff.post('/api/observation/cases', {
        residentId: person,
        kind: 'home_observation',
        reason: '返程',
        plan: { basis: 'arrival', basisDate: '2026-03-01', days: 14 },
      })
    ).json;
    expect(c.plannedEndOn).toBe('2026-03-15');
    expect(c.plan.firstDayCounted).toBe(true);
    expect(c.planText['zh-CN']).toBe('自抵达日 2026-03-01 起 14 天（抵达当日计入），2026-03-15 解除');
    expect((await staff.get(`/api/observation/cases/${earlierId}`)).json).toMatchObject({ plannedEndOn: '2026-03-16', plan: { firstDayCounted: false } });
    // Saving the slots alone keeps the counting rule.
    const slotsOnly = await staff.put(`/api/observation/settings/${tree.communityA}`, { slots: before.slots });
    expect(slotsOnly.json.arrivalDayCounted).toBe(true);
    const auditor = await userWith(t.platform, t.app, ['auditor']);
    const audit = (await auditor.get(`/api/audit?action=observation.settings.saveCounting&entityId=${tree.communityA}`)).json.items;
    expect(audit.map((a: any) => [a.before, a.after])).toEqual([[{ arrivalDayCounted: false }, { arrivalDayCounted: true }]]);
  });

  it('is changed only within one’s own communities', async () => {
    expect(
      (
        await staff.put(`/api/observation/settings/${tree.communityB}`, {
          slots: [{ start: '08:00', end: '10:00', graceMinutes: 30 }],
          arrivalDayCounted: true,
        })
      ).status,
    ).toBe(404);
  });
});

describe('the CDC export', () => {
  it('has one row per person-slot, missed slots marked, and no full ID numbers', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/observation/export.xlsx?from=2026-03-18&to=2026-03-19', headers: { cookie: health.cookie! } });
    expect(res.statusCode).toBe(200);
    const rows = await readWorkbook(res.rawPayload);
    const header = rows[0]!;
    expect(header.slice(0, 3)).toEqual(['社区/住址', '姓名', '身份证号']);
    const states = rows.slice(1).map((r) => `${r[1]}|${r[5]}|${r[6]}|${r[9]}`);
    expect(states).toContain('季师傅|2026-03-18|08:00–10:00|已测');
    expect(states).toContain('季师傅|2026-03-18|16:00–18:00|漏测');
    expect(states).toContain('季师傅|2026-03-18|—|加测');
    expect(states).toContain('季师母|2026-03-18|08:00–10:00|已测');
  });

  it('refuses a range that is backwards', async () => {
    const r = await health.get('/api/observation/export.xlsx?from=2026-03-19&to=2026-03-18');
    expect(r.json.code).toBe('OBSERVATION_DATES');
  });
});

describe('a case opened after the day’s last check slot', () => {
  it('is on the phone page with its person, who can be given an extra reading at once', async () => {
    t.clock.set(at('2026-03-25', '23:50'));
    // A week on, the sessions signed in above have run out: sign in afresh.
    const admin2 = await userWith(t.platform, t.app, ['admin'], { all: true }, 'obsadmin2');
    const health2 = await userWith(t.platform, t.app, ['health_worker'], { placeIds: [tree.communityA] }, 'obshealth2');
    const made = await admin2.post('/api/residents', { dwellingId: tree.dwellingsA[1], name: '晚到者' });
    expect(made.status, JSON.stringify(made.json)).toBe(201);
    const late = made.json.id as number;
    const lateCase = await inTx({ platform: t.platform }, (tx) =>
      openObservationCase(tx, staffCtx(staff.userId), {
        residentId: late,
        kind: 'home_observation',
        reason: '夜间抵达',
        startsOn: '2026-03-25',
        plannedDays: 14,
        source: { type: 'inbound_request', id: 8 },
      }),
    );
    const today = (await health2.get('/api/observation/today')).json;
    const mine = today.cases.find((c: any) => c.caseId === lateCase);
    // No slot is left today, so the page has no check to take the person from: the case names them itself.
    expect(mine.checks).toEqual([]);
    expect(mine.residentId).toBe(late);
    const reading = await health2.post(`/api/observation/cases/${lateCase}/readings`, { residentId: mine.residentId, temperature: 36.6, symptoms: [] });
    expect(reading.status).toBe(200);
    expect(reading.json.check).toMatchObject({ residentId: late, slotNo: null, temperature: 36.6 });
  });
});
