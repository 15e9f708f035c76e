import crypto from 'node:crypto';
import { ROLES, type Role } from '@jiayuan/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryOne, sql } from './platform/db/database.js';
import { localDate } from './platform/time.js';
import { buildSmallTree, makeIdNumber, type SmallTree } from './test-support/fixtures.js';
import { type TestClient, userWith } from './test-support/http-client.js';
import { createTestPlatformWithRoutes } from './test-support/routes.js';
import { repairCategory } from './test-support/servicedesk.js';
import { readSheets } from './test-support/workbooks.js';

/**
 * Scope by content (issue 10, item 27). Two communities, A and B, each given records of every
 * module; a staff user of community A holding every staff role reads every list, board, figures
 * page, dashboard card and export, and must see exactly A's records and none of B's. What A's
 * records are is known from what this file made (ids and names), not from the code under test.
 * Every GET /api route is either a case here or named below with why it has no list to check,
 * so a new list route fails the first test until it gets a case.
 */

const { t, routes: seen } = await createTestPlatformWithRoutes();
const getRoutes = seen.filter((r) => r.method === 'GET' && r.url.startsWith('/api/') && !r.url.startsWith('/api/docs')).map((r) => `GET ${r.url}`);

let admin: TestClient;
let tree: SmallTree;
/** The reader: a user of community A with every staff role. */
let viewer: TestClient & { userId: number };
let n = 0;
const next = () => ++n;
const today = () => localDate(t.platform.clock.now(), 'Asia/Shanghai');

async function ok(res: { status: number; json: any }, what: string) {
  if (res.status !== 201 && res.status !== 200) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.json)}\n${t.recentErrors().join('')}`);
  return res.json;
}

type Side = 'A' | 'B';
/** What was made on each side: ids by kind, and names written into the records. */
const made: Record<Side, Record<string, number[]>> = { A: {}, B: {} };
const add = (side: Side, kind: string, id: number) => ((made[side][kind] ??= []).push(id), id);
const ids = (side: Side, kind: string) => [...(made[side][kind] ?? [])].sort((a, b) => a - b);

const SCREENING_QUESTIONS = [
  { key: 'symptoms', type: 'yes_no', label: { 'zh-CN': '症状', 'en-US': 'Symptoms' }, flag: { reason: 'symptom', whenYes: true } },
  { key: 'temperature', type: 'temperature', label: { 'zh-CN': '体温', 'en-US': 'Temperature' }, flag: { reason: 'fever', atOrAbove: 37.3 } },
];
let idSeq = 0;
const freshId = () => makeIdNumber(`1975${String((++idSeq % 12) + 1).padStart(2, '0')}01`, idSeq);
const trip = () => ({ fromCity: '河南濮阳', fromRisk: 'low', plannedArrival: today(), health: { symptoms: [], contactWithCase: false } });
const ix: Record<string, TestClient & { userId: number }> = {};
const fx: Record<string, number> = {};
const dwellings = (side: Side) => (side === 'A' ? tree.dwellingsA : tree.dwellingsB);
const community = (side: Side) => (side === 'A' ? tree.communityA : tree.communityB);
/** Names written into each side's records: what an export or a board must (A) or must not (B) show. */
const names: Record<Side, string[]> = { A: [], B: [] };
const named = (side: Side, stem: string) => {
  const name = `${stem}${side === 'A' ? '甲' : '乙'}${next()}`;
  names[side].push(name);
  return name;
};

/** A dwelling in a compound of its own (so containment thresholds never sweep fixtures together). */
async function ownDwelling(side: Side) {
  const place = async (parentId: number, type: string) =>
    (await ok(await admin.post('/api/places', { parentId, type, name: named(side, type) }), 'place')).id as number;
  const compound = add(side, 'compound', add(side, 'place', await place(community(side), 'compound')));
  const building = add(side, 'place', await place(compound, 'building'));
  await ok(await admin.post(`/api/places/${building}/layout`, { stairwells: 1, floors: 1, flatsPerFloor: 1 }), 'layout');
  const stairwell = add(side, 'place', (await admin.get(`/api/places?parentId=${building}`)).json.items[0].id as number);
  const dwelling = add(side, 'place', (await admin.get(`/api/places?parentId=${stairwell}`)).json.items[0].id as number);
  return { compound, building, dwelling };
}

async function makeSide(side: Side) {
  const d = dwellings(side);
  // Registry: two residents (one with phone and ID number) in two households.
  const employer = side === 'A' ? fx.employerA! : fx.employerB!;
  const phone = side === 'A' ? '13911110001' : '13911110002';
  const r1 = await ok(
    await admin.post('/api/residents', { dwellingId: d[0], name: named(side, '居民'), phone, idNumber: freshId(), employerId: employer }),
    'resident',
  );
  add(side, 'resident', r1.id);
  add(side, 'household', r1.householdId);
  const r2 = await ok(await admin.post('/api/residents', { dwellingId: d[1], name: named(side, '居民') }), 'resident');
  add(side, 'resident', r2.id);
  add(side, 'household', r2.householdId);
  add(
    side,
    'grid',
    (
      await ok(
        await admin.post('/api/grids', {
          communityId: community(side),
          name: named(side, '网格'),
          gridWorkerUserId: null,
          buildingIds: [side === 'A' ? tree.buildingA : tree.buildingB],
        }),
        'grid',
      )
    ).id,
  );
  add(
    side,
    'rule',
    (
      await ok(
        await admin.post('/api/obligation-rules', {
          kind: 'scope.check',
          title: { 'zh-CN': named(side, '巡查'), 'en-US': 'Patrol' },
          placeId: community(side),
          responsibleRole: 'community_staff',
          recurrence: 'daily',
          times: ['09:00'],
          startsOn: '2026-01-01',
        }),
        'rule',
      )
    ).id,
  );

  // Returning people: a request routed to the side's community and approved (an observation case follows).
  const staff = side === 'A' ? ix.staffA! : ix.staffB!;
  let q = await ok(
    await ix.coord!.post('/api/inbound/requests', {
      name: named(side, '返程'),
      idNumber: freshId(),
      phone: `1360000${String(next()).padStart(4, '0')}`,
      dwellingId: d[2],
      employerId: employer,
      ...trip(),
    }),
    'request',
  );
  q = await ok(await ix.coord!.post(`/api/inbound/requests/${q.id}/route`, { communityId: community(side), reason: '分流', version: q.version }), 'route');
  add(side, 'request', q.id);
  const q2 = await ok(
    await ix.coord!.post('/api/inbound/requests', {
      name: named(side, '返程'),
      idNumber: freshId(),
      phone: `1360000${String(next()).padStart(4, '0')}`,
      dwellingId: d[3],
      employerId: employer,
      ...trip(),
    }),
    'request',
  );
  const routed2 = await ok(
    await ix.coord!.post(`/api/inbound/requests/${q2.id}/route`, { communityId: community(side), reason: '分流', version: q2.version }),
    'route',
  );
  await ok(
    await staff.post(`/api/inbound/requests/${q2.id}/approve`, { measure: { kind: 'home_observation', days: 14 }, version: routed2.version }),
    'approve',
  );
  add(side, 'request', q2.id);

  // Observation: a case opened by hand (the approved request above may open another).
  const watched = await ok(await admin.post('/api/residents', { dwellingId: d[4], name: named(side, '观察') }), 'resident');
  add(side, 'resident', watched.id);
  add(side, 'household', watched.householdId);
  const obs = add(
    side,
    'obsCase',
    (
      await ok(
        await staff.post('/api/observation/cases', {
          residentId: watched.id,
          kind: 'home_observation',
          reason: '密接',
          plan: { basis: 'arrival', basisDate: today(), days: 14 },
        }),
        'case',
      )
    ).id,
  );
  add(side, 'reading', (await ok(await staff.post(`/api/observation/cases/${obs}/readings`, { temperature: 36.5 }), 'reading')).id ?? 0);

  // Containment: a suspected case, and a confirmed one that proposes a stairwell order.
  const health = side === 'A' ? ix.healthA! : ix.healthB!;
  const suspected = await ok(
    await health.post('/api/containment/cases', { dwellingId: (await ownDwelling(side)).dwelling, kind: 'suspected', reportedOn: today(), sourceNote: '疑似' }),
    'cm case',
  );
  add(side, 'cmCase', suspected.case.id);
  const confirmed = await ok(
    await health.post('/api/containment/cases', { dwellingId: (await ownDwelling(side)).dwelling, kind: 'confirmed', reportedOn: today(), sourceNote: '确诊' }),
    'cm case',
  );
  add(side, 'cmCase', confirmed.case.id);
  for (const o of confirmed.proposed as number[]) add(side, 'cmOrder', o);
  // A building sealed by hand, in force.
  const sealed = await ownDwelling(side);
  add(side, 'cmOrder', (await ok(await ix.coord!.post('/api/containment/orders', { placeId: sealed.building, reason: named(side, '封控') }), 'lockdown')).id);
  add(side, 'sealedBuilding', sealed.building);

  // Service desk: a team and two orders.
  const team = await ok(
    await ix.desk!.post('/api/servicedesk/teams', {
      name: named(side, '维修班'),
      placeId: community(side),
      leaderUserId: null,
      memberUserIds: [side === 'A' ? viewer.userId : ix.staffB!.userId],
    }),
    'team',
  );
  add(side, 'team', team.id);
  fx[`team${side}`] = team.id;

  // Duty: a member (the first resident, confirmed), a post with a shift in two hours, a call-up, a team, the 2+1 roster of the building.
  const member = await ok(await ix.desk!.post('/api/duty/members', { residentId: r1.id, roles: ['gatekeeper'], skills: [] }), 'duty member');
  await ok(await ix.desk!.post(`/api/duty/members/${member.id}/confirm`, {}), 'confirm member');
  add(side, 'dutyMember', member.id);
  const dutyPost = await ok(
    await ix.desk!.post('/api/duty/posts', {
      placeId: side === 'A' ? tree.compoundA : tree.compoundB,
      kind: 'gate',
      name: named(side, '值守岗'),
      role: 'gatekeeper',
    }),
    'duty post',
  );
  add(side, 'dutyPost', dutyPost.id);
  const at = (minutes: number) => new Date(t.clock.now().getTime() + minutes * 60000).toISOString();
  add(
    side,
    'dutyShift',
    (await ok(await ix.desk!.post(`/api/duty/posts/${dutyPost.id}/shifts`, { startsAt: at(120), endsAt: at(240), headcount: 2 }), 'duty shift')).id,
  );
  const callUp = await ok(
    await ix.desk!.post('/api/duty/call-ups', {
      title: named(side, '吹哨'),
      placeId: community(side),
      postIds: [dutyPost.id],
      needed: 3,
      startsAt: at(180),
      endsAt: at(300),
      deadline: at(60),
    }),
    'call-up',
  );
  add(side, 'dutyCallUp', callUp.id);
  add(side, 'dutyTeam', (await ok(await ix.desk!.post('/api/duty/teams', { communityId: community(side), name: named(side, '工作队') }), 'duty team')).id);
  await ok(await ix.desk!.put(`/api/duty/roster/${side === 'A' ? tree.buildingA : tree.buildingB}`, { memberId: member.id, validFrom: today() }), '2+1 roster');

  // Volunteers: a volunteer of the side's unit, a team, a need, an activity in two hours, a programme, a pairing, a
  // dispatch answered and closed (its minutes confirmed in the ledger), a grant from the side's love-bank pool.
  const volunteer = await ok(
    await ix.desk!.post('/api/volunteers/people', { residentId: r1.id, placeId: community(side), employerId: side === 'A' ? fx.employerA : fx.employerB }),
    'volunteer',
  );
  add(side, 'volVolunteer', volunteer.id);
  add(
    side,
    'volTeam',
    (await ok(await ix.desk!.post('/api/volunteers/teams', { name: named(side, '志愿队'), serviceType: 'shopping', placeId: community(side) }), 'vol team')).id,
  );
  const needFor = await ok(await admin.post('/api/residents', { dwellingId: d[5], name: named(side, '居民') }), 'resident');
  add(side, 'resident', needFor.id);
  add(side, 'household', needFor.householdId);
  add(
    side,
    'volNeed',
    (
      await ok(
        await ix.desk!.post('/api/volunteers/needs', {
          residentId: needFor.id,
          category: 'shopping',
          title: named(side, '代购'),
          windowStart: at(60),
          windowEnd: at(180),
        }),
        'need',
      )
    ).id,
  );
  add(
    side,
    'volActivity',
    (
      await ok(
        await ix.desk!.post('/api/volunteers/activities', {
          title: named(side, '义诊'),
          placeId: community(side),
          startsAt: at(120),
          endsAt: at(240),
          capacity: 10,
        }),
        'activity',
      )
    ).id,
  );
  add(
    side,
    'volProgramme',
    (
      await ok(
        await ix.desk!.post('/api/volunteers/programmes', { name: named(side, '情暖'), year: 2026, themes: ['health'], placeIds: [community(side)] }),
        'programme',
      )
    ).id,
  );
  add(side, 'volPairing', (await ok(await ix.desk!.post('/api/volunteers/pairings', { volunteerId: volunteer.id, residentId: needFor.id }), 'pairing')).id);
  const laterDispatch = await ok(
    await ix.desk!.post('/api/volunteers/dispatches', {
      title: named(side, '清理'),
      placeId: community(side),
      startsAt: at(10),
      endsAt: at(70),
      quotas: [{ employerId: side === 'A' ? fx.employerA : fx.employerB, quota: 1 }],
    }),
    'dispatch',
  );
  add(side, 'volDispatch', laterDispatch.id);
  const answered = await ok(await ix.desk!.post(`/api/volunteers/dispatches/${laterDispatch.id}/answer`, { volunteerIds: [volunteer.id] }), 'answer');
  await ok(await ix.desk!.post(`/api/volunteers/dispatches/${laterDispatch.id}/close`, { attendedPersonIds: [answered.people[0].id] }), 'close dispatch');
  await ok(await ix.desk!.post('/api/volunteers/bank/fund', { communityId: community(side), minutes: 100, memo: named(side, '爱心池') }), 'fund');
  const grant = await ok(await ix.desk!.post('/api/volunteers/bank/grants', { toResidentId: needFor.id, minutes: 30, memo: named(side, '补助') }), 'grant');
  add(side, 'volAccount', grant.lines.find((l: { amount: number }) => l.amount > 0).accountId);

  // Passes and gates: a gate with two events, a health pass.
  const gate = await ok(
    await ix.desk!.post('/api/access/gates', { name: named(side, '东门'), kind: 'gate', placeId: side === 'A' ? tree.compoundA : tree.compoundB }),
    'gate',
  );
  add(side, 'gate', gate.id);
  for (let i = 0; i < (side === 'A' ? 2 : 3); i++) {
    await ok(
      await ix.guard!.post('/api/access/gate/events', {
        clientId: crypto.randomUUID(),
        gateId: gate.id,
        at: new Date(t.clock.now()).toISOString(),
        subject: 'person',
        direction: 'in',
        decision: 'allowed',
      }),
      'gate event',
    );
  }
  add(side, 'pass', (await ok(await ix.desk!.post('/api/access/passes', { kind: 'health_pass', residentId: r1.id }), 'pass')).id);
  add(side, 'pass', (await ok(await ix.desk!.post('/api/access/passes', { kind: 'health_pass', residentId: r2.id }), 'pass')).id);
  // A revoked pass: what the gates' offline revocation list carries.
  const revoked = await ok(await ix.desk!.post('/api/access/passes', { kind: 'health_pass', residentId: watched.id }), 'pass');
  await ok(await ix.desk!.post(`/api/access/passes/${revoked.id}/revoke`, { reason: '注销', version: revoked.version }), 'revoke');
  add(side, 'pass', revoked.id);
  add(side, 'revokedPass', revoked.id);
}

/** Orders need both sides' teams on the category, so they are made after both sides. */
async function makeOrders(side: Side) {
  const d = dwellings(side);
  for (const i of [0, 1]) {
    const o = await ok(await ix.desk!.post('/api/servicedesk/orders', { categoryId: fx.sdCat, description: named(side, '报修'), dwellingId: d[i] }), 'order');
    add(side, 'sdOrder', o.id);
  }
  const order = ids(side, 'sdOrder')[0]!;
  const breach = await queryOne<{ id: number }>(
    t.platform.db,
    sql`INSERT INTO sd_breaches (order_id, stage, round, due_at, detected_at, holder_user_id, team_id, place_path)
        SELECT id, 'accept', 1, now(), now(), NULL, team_id, place_path FROM sd_orders WHERE id = ${order} RETURNING id`,
  );
  add(side, 'breach', breach!.id);
}

/** Screening: one campaign over both communities, a fever found in each, and a campaign of each side alone. */
async function makeScreening() {
  const runner = ix.screener!;
  const campaign = async (placeIds: number[], name: string) => {
    const c = await ok(
      await runner.post('/api/screening/campaigns', { name, placeIds, questions: SCREENING_QUESTIONS, startsOn: '2026-01-01', endsOn: '2099-12-31' }),
      'campaign',
    );
    await ok(await runner.post(`/api/screening/campaigns/${c.id}/start`), 'start');
    return c.id as number;
  };
  fx.campBoth = await campaign([tree.communityA, tree.communityB], '两社区摸排');
  add('A', 'campaign', await campaign([tree.communityA], named('A', '摸排')));
  add('B', 'campaign', await campaign([tree.communityB], named('B', '摸排')));
  for (const side of ['A', 'B'] as const) {
    const resident = ids(side, 'resident')[0]!;
    const householdId = (await admin.get(`/api/residents/${resident}`)).json.householdId as number;
    const visit = {
      id: crypto.randomUUID(),
      campaignId: fx.campBoth,
      householdId,
      outcome: 'visited',
      visitedAt: new Date(t.clock.now()).toISOString(),
      persons: [{ residentId: resident, present: true, answers: { symptoms: false, temperature: 38.2 } }],
    };
    await ok(await runner.post('/api/screening/sync', { visits: [visit] }), 'sync');
    add(side, 'finding', (await queryOne<{ id: number }>(t.platform.db, sql`SELECT id FROM screening_findings WHERE visit_id = ${visit.id}`))!.id);
    await ok(
      await runner.post(`/api/screening/campaigns/${fx.campBoth}/assignments`, {
        userId: side === 'A' ? viewer.userId : ix.staffB!.userId,
        buildingId: side === 'A' ? tree.buildingA : tree.buildingB,
      }),
      'assignment',
    ).then((a) => add(side, 'assignment', a.id));
  }
}

/** Every staff role (a resident signs in by phone and has pages of their own). */
const STAFF_ROLES = ROLES.filter((r): r is Exclude<Role, 'resident'> => r !== 'resident');

beforeAll(async () => {
  admin = await userWith(t.platform, t.app, ['admin'], { all: true }, 'scopeadmin');
  tree = await buildSmallTree(admin);
  fx.employerA = (await ok(await admin.post('/api/employers', { name: '钻井一公司' }), 'employer')).id;
  fx.employerB = (await ok(await admin.post('/api/employers', { name: '钻井二公司' }), 'employer')).id;
  ix.coord = await userWith(t.platform, t.app, ['department_coordinator'], { placeIds: [tree.department] }, 'scopecoord');
  ix.staffA = await userWith(t.platform, t.app, ['community_staff'], { placeIds: [tree.communityA] }, 'scopestaffa');
  ix.staffB = await userWith(t.platform, t.app, ['community_staff'], { placeIds: [tree.communityB] }, 'scopestaffb');
  ix.healthA = await userWith(t.platform, t.app, ['health_worker'], { placeIds: [tree.communityA] }, 'scopehealtha');
  ix.healthB = await userWith(t.platform, t.app, ['health_worker'], { placeIds: [tree.communityB] }, 'scopehealthb');
  ix.desk = await userWith(t.platform, t.app, ['center_coordinator'], { all: true }, 'scopedesk');
  ix.guard = await userWith(t.platform, t.app, ['property_staff'], { all: true }, 'scopeguard');
  ix.screener = await userWith(t.platform, t.app, ['center_coordinator', 'community_staff'], { all: true }, 'scopescreener');
  viewer = await userWith(t.platform, t.app, [...STAFF_ROLES], { placeIds: [tree.communityA] }, 'scopeviewer');
  await makeSide('A');
  await makeSide('B');
  fx.sdCat = (await ok(await ix.desk.post('/api/servicedesk/categories', repairCategory('scope.leak', [fx.teamA!, fx.teamB!])), 'category')).id;
  await makeOrders('A');
  await makeOrders('B');
  await makeScreening();
}, 120000);

afterAll(async () => {
  await t.close();
});

/** Names and places of B that nothing shown to A's user may contain. */
const foreignMarks = () => [...names.B, '敬业社区', '白云小区'];
const leaks = (text: string) => foreignMarks().filter((m) => text.includes(m));

/**
 * A list answered to the viewer: status 200, nothing of B's anywhere in it. A campaign over both
 * communities names the places it covers (`places`): that is the campaign, not B's records.
 */
async function read(url: string) {
  const res = await viewer.get(url);
  expect(res.status, `${url}: ${JSON.stringify(res.json)}`).toBe(200);
  const shown = JSON.stringify(res.json, (key, value) => (key === 'places' && Array.isArray(value) && url.startsWith('/api/screening/') ? undefined : value));
  expect(leaks(shown), url).toEqual([]);
  return res.json;
}
const idList = (items: { id: number }[]) => items.map((i) => i.id).sort((a, b) => a - b);
/** An export answered to the viewer: every cell of every sheet, nothing of B's in any of them. */
async function readExport(url: string) {
  const res = await viewer.get(url);
  expect(res.status, `${url}: ${res.status}`).toBe(200);
  const sheets = await readSheets(res.body);
  const cells = Object.values(sheets).flat(2);
  expect(leaks(cells.join('\n')), url).toEqual([]);
  return { sheets, cells, first: Object.values(sheets)[0]! };
}
const day = () => `from=${today()}&to=${today()}`;

/**
 * GET routes that answer one record by id (the access matrix asks for B's and expects 404), the
 * caller's own records, or something the same for everyone; each says why it has no list to check.
 */
const NOT_SCOPED_LISTS: Record<string, string> = {
  'GET /api/openapi.json': 'the API description, the same for everyone',
  'GET /api/me': 'the caller themself',
  'GET /api/auth/session': 'the caller themself (or nobody, before sign-in)',
  'GET /api/events': 'a live stream; which topics a user may follow is checked in live-hub tests (item 7)',
  'GET /api/users': 'users are run by administrators for the whole system: no place scope applies',
  'GET /api/users/lookup': 'a staff picker of names over the whole system (user management is not place-scoped)',
  'GET /api/users/:id': 'one record by id (system-wide, as users are)',
  'GET /api/api-tokens': 'tokens are run by administrators for the whole system',
  'GET /api/calendar': 'the working-day calendar is the same everywhere',
  'GET /api/calendar/years/:year': 'the working-day calendar is the same everywhere',
  'GET /api/calendar/hours': 'the working hours are the same everywhere',
  'GET /api/calendar/overrides': 'the working-day calendar is the same everywhere',
  'GET /api/audit': 'auditors read the whole log: audit rows carry no place (docs/architecture.md)',
  'GET /api/audit/export.xlsx': 'auditors read the whole log: audit rows carry no place',
  'GET /api/imports/:id': "one import job by id, private to its uploader (the matrix asks for another uploader's: 404)",
  'GET /api/imports/:id/errors': 'one import job by id, private to its uploader',
  'GET /api/imports/:id/errors.xlsx': 'one import job by id, private to its uploader',
  'GET /api/places/:id': "one record by id (the matrix asks for B's: 404)",
  'GET /api/employers/:id': 'one record by id (the matrix asks a liaison for another employer: 404)',
  'GET /api/residents/:id': "one record by id (the matrix asks for B's: 404)",
  'GET /api/residents/import-template.xlsx': 'an empty template',
  'GET /api/places/import-template.xlsx': 'an empty template (its example rows are the same for everyone)',
  'GET /api/me/household': "a resident's own household (resident-isolation.test.ts: never a neighbour's)",
  'GET /api/screening/campaigns/:id': "one record by id (the matrix asks for B's: 404)",
  'GET /api/screening/findings/:id': "one record by id (the matrix asks for B's: 404)",
  'GET /api/observation/cases/:id': "one record by id (the matrix asks for B's: 404)",
  'GET /api/inbound/requests/:id': "one record by id (the matrix asks for B's: 404)",
  'GET /api/inbound/requests/:id/notice': "one record by id (the matrix asks for B's: 404)",
  'GET /api/inbound/declaration/communities': 'the public declaration form: anyone may declare to any community',
  'GET /api/inbound/declarations/status': 'one declaration by its tracking token',
  'GET /api/inbound/places': 'place names only, for the dwelling of a returning person: liaisons have no place scope and employees live anywhere',
  'GET /api/inbound/mine': "a resident's own requests (resident-isolation.test.ts: never a neighbour's)",
  'GET /api/servicedesk/categories': 'the catalogue of categories is the same everywhere',
  'GET /api/servicedesk/orders/:id': "one record by id (the matrix asks for B's: 404)",
  'GET /api/servicedesk/orders/:id/photos/:photoId': "one record by id (the matrix asks for B's: 404)",
  'GET /api/servicedesk/my/orders': "a resident's own orders (resident-isolation.test.ts: never a neighbour's)",
  'GET /api/servicedesk/my/orders/:id': "a resident's own order by id (the matrix asks for a neighbour's: 404)",
  'GET /api/servicedesk/my/orders/:id/photos/:photoId': "a resident's own photo by id (the matrix asks for a neighbour's: 404)",
  'GET /api/containment/cases/:id': "one record by id (the matrix asks for B's: 404)",
  'GET /api/containment/orders/:id': "one record by id (the matrix asks for B's: 404)",
  'GET /api/access/passes/:id': "one record by id (the matrix asks for B's: 404)",
  'GET /api/access/gate/lists': "what a gate keeps offline: the whole district's on purpose (see the test of its own below)",
  'GET /api/access/my-passes': "a resident's own passes (resident-isolation.test.ts: never a neighbour's)",
  'GET /api/duty/my': "a member's own page (the member is the resident signed in)",
  'GET /api/duty/my/shifts': "a member's own claims",
  'GET /api/duty/my/open-shifts': "the shifts of a member's own community (claims elsewhere answer 404: duty-routes.test.ts)",
  'GET /api/duty/my/call-ups': "the call-ups of a member's own community",
  'GET /api/duty/my/calendar': "the address of a member's own calendar",
  'GET /api/duty/calendar/:token': "one member's calendar, by its secret address",
  'GET /api/duty/members/:id': "one record by id (the matrix asks for B's: 404)",
  'GET /api/duty/posts/:id': "one record by id (the matrix asks for B's: 404)",
  'GET /api/duty/posts/:id/qr': "one record by id (the matrix asks for B's: 404)",
  'GET /api/duty/posts/:id/table': "one post's week by id (the matrix asks for B's: 404)",
  'GET /api/duty/shifts/:id': "one record by id (the matrix asks for B's: 404)",
  'GET /api/duty/call-ups/:id': "one record by id (the matrix asks for B's: 404)",
  'GET /api/duty/teams/:id': "one record by id (the matrix asks for B's: 404)",
  'GET /api/volunteers/my': "the caller's own volunteer page",
  'GET /api/volunteers/my/card': "the caller's own volunteer card",
  'GET /api/volunteers/my/open-needs': "needs of the volunteer's own area (taking one elsewhere answers 404: the matrix)",
  'GET /api/volunteers/my/hours': "the volunteer's own ledger",
  'GET /api/volunteers/my/activities': "activities of the volunteer's own community",
  'GET /api/volunteers/my/awards': "the volunteer's own awards",
  'GET /api/volunteers/my/needs': "a resident's own needs",
  'GET /api/volunteers/my/bank': "a resident's own love-bank account (and those that named them)",
  'GET /api/volunteers/my/bank/statement': "a resident's own statement",
  'GET /api/volunteers/needs/:id': "one record by id (the matrix asks for B's: 404)",
  'GET /api/volunteers/people/:id': "one record by id (the matrix asks for B's: 404)",
  'GET /api/volunteers/activities/:id': "one record by id (the matrix asks for B's: 404)",
  'GET /api/volunteers/activities/:id/qr': "one record by id (the matrix asks for B's: 404)",
  'GET /api/volunteers/programmes/:id': "one record by id (the matrix asks for B's: 404)",
  'GET /api/volunteers/dispatches/:id': "one record by id (the matrix asks for B's: 404)",
  'GET /api/volunteers/bank/accounts/:id/statement': "one account by id (the matrix asks for B's: 404)",
  'GET /api/volunteers/award-rules': 'award rules are the same everywhere (the awards they propose are scoped)',
};

/** Each list, board, figures page, dashboard card and export, read by A's user: exactly A's records. */
const cases: Record<string, () => Promise<void>> = {
  // Registry.
  'GET /api/places': async () => {
    // The department's children, to A's user: community A only.
    expect(idList((await read(`/api/places?parentId=${tree.department}`)).items)).toEqual([tree.communityA]);
    // Community A's children: its first compound and those made here for containment.
    expect(idList((await read(`/api/places?parentId=${tree.communityA}`)).items)).toEqual([tree.compoundA, ...ids('A', 'compound')].sort((a, b) => a - b));
  },
  'GET /api/places/search': async () => {
    // '号楼' names 3号楼 (A) and 1号楼 (B): A's user finds A's only.
    expect(idList((await read(`/api/places/search?q=${encodeURIComponent('号楼')}`)).items)).toEqual([tree.buildingA]);
  },
  'GET /api/grids': async () => {
    expect(idList((await read('/api/grids')).items)).toEqual(ids('A', 'grid'));
  },
  'GET /api/employers': async () => {
    // Employers are shared across the district; their employee counts are people, and count A's only.
    const items = (await read('/api/employers')).items as { id: number; employees: number }[];
    expect(items.map((e) => [e.id, e.employees]).sort()).toEqual([
      [fx.employerA, 1],
      [fx.employerB, 0],
    ]);
  },
  'GET /api/residents': async () => {
    const r = await read('/api/residents?pageSize=100');
    expect(idList(r.items)).toEqual(ids('A', 'resident'));
    expect(r.total).toBe(ids('A', 'resident').length);
  },
  'GET /api/residents/export.xlsx': async () => {
    const { first, cells } = await readExport('/api/residents/export.xlsx');
    expect(first.length).toBe(1 + ids('A', 'resident').length);
    expect(cells.filter((c) => /^居民甲\d+$|^观察甲\d+$/.test(c)).length).toBe(ids('A', 'resident').length);
  },
  'GET /api/households': async () => {
    const r = await read('/api/households?pageSize=100');
    expect(idList(r.items)).toEqual(ids('A', 'household'));
    expect(r.total).toBe(ids('A', 'household').length);
  },
  'GET /api/households/export.xlsx': async () => {
    const { first } = await readExport('/api/households/export.xlsx');
    expect(first.length).toBe(1 + ids('A', 'household').length);
  },

  // Platform.
  'GET /api/todos': async () => {
    const r = await read('/api/todos?pageSize=200');
    const items = r.items as { subjectType: string; subjectId: string; placeLabel: string }[];
    expect(items.filter((i) => !i.placeLabel.startsWith('荟萃社区')).map((i) => i.placeLabel)).toEqual([]);
    const subjects = (type: string) =>
      items
        .filter((i) => i.subjectType === type)
        .map((i) => Number(i.subjectId))
        .sort((a, b) => a - b);
    expect(subjects('sd_order')).toEqual(ids('A', 'sdOrder'));
    // The routed request waits for A's review; the approved one has its next step elsewhere.
    expect(subjects('inbound_request')).toEqual([ids('A', 'request')[0]]);
    expect(subjects('screening_finding')).toEqual(ids('A', 'finding'));
    expect(subjects('lockdown_order')).toEqual(ids('A', 'cmOrder').filter((id) => id !== ids('A', 'cmOrder').at(-1)));
  },
  'GET /api/obligation-rules': async () => {
    // A's rule, and the daily supply duty of A's sealed building.
    const items = (await read('/api/obligation-rules')).items as { id: number; placeId: number }[];
    expect(items.map((i) => i.placeId).sort((a, b) => a - b)).toEqual([tree.communityA, ...ids('A', 'sealedBuilding')].sort((a, b) => a - b));
    expect(items.map((i) => i.id)).toContain(ids('A', 'rule')[0]);
  },
  'GET /api/notifications': async () => {
    const items = (await read('/api/notifications?pageSize=100')).items as { link: string }[];
    const linked = (prefix: string) => items.filter((i) => i.link.startsWith(prefix)).map((i) => Number(/(\d+)/.exec(i.link.slice(prefix.length))![1]));
    // Both of A's requests came to A's committee for review; B's went to B's.
    expect(linked('/inbound/requests/').sort((a, b) => a - b)).toEqual(ids('A', 'request'));
  },
  'GET /api/dashboard': async () => {
    const cards = (await read('/api/dashboard')).cards as { key: string; figures: { key: string; value: number }[] }[];
    const fig = (card: string, key: string) => cards.find((c) => c.key === card)?.figures.find((f) => f.key === key)?.value;
    expect(fig('inbound.loop', 'submitted')).toBe(ids('A', 'request').length);
    expect(fig('inbound.loop', 'approved')).toBe(1);
    expect(fig('observation.today', 'active')).toBe(ids('A', 'obsCase').length);
    expect(fig('containment.sealed', 'active')).toBe(1);
    // Two entries at A's gate today (B's gate had three).
    expect(fig('access.gates_today', 'entries')).toBe(2);
    // A's call-up is open; A's post shift and the call-up's shift start within 24 hours, both with places open.
    expect([fig('duty.today', 'callUps'), fig('duty.today', 'unfilled'), fig('duty.today', 'openPlaces')]).toEqual([1, 2, 5]);
    // A's need is open; A's activity starts today; nothing waits for verification (the dispatch's minutes were confirmed on closing).
    expect([fig('volunteers.today', 'open'), fig('volunteers.today', 'activities'), fig('volunteers.today', 'pending')]).toEqual([1, 1, 0]);
    for (const c of cards)
      if (!['inbound.loop', 'observation.today', 'containment.sealed', 'access.gates_today', 'duty.today', 'volunteers.today'].includes(c.key))
        throw new Error(`a dashboard card without a check here: ${c.key} ${JSON.stringify(c.figures)}`);
  },

  // Screening: a campaign over both communities shows A's user A's part of it.
  'GET /api/screening/campaigns': async () => {
    expect(idList((await read('/api/screening/campaigns')).items)).toEqual([fx.campBoth!, ...ids('A', 'campaign')].sort((a, b) => a - b));
  },
  'GET /api/screening/my-campaigns': async () => {
    expect(idList((await read('/api/screening/my-campaigns')).items)).toEqual([fx.campBoth!, ...ids('A', 'campaign')].sort((a, b) => a - b));
  },
  'GET /api/screening/campaigns/:id/assignments': async () => {
    expect(idList((await read(`/api/screening/campaigns/${fx.campBoth}/assignments`)).items)).toEqual(ids('A', 'assignment'));
  },
  'GET /api/screening/campaigns/:id/workset': async () => {
    const households = (await read(`/api/screening/campaigns/${fx.campBoth}/workset`)).households as { id: number }[];
    // A's user is assigned A's building, where all of A's households live; B's building is B's staff's.
    expect(idList(households)).toEqual(ids('A', 'household'));
  },
  'GET /api/screening/campaigns/:id/coverage': async () => {
    const r = await read(`/api/screening/campaigns/${fx.campBoth}/coverage`);
    expect(r.rows.map((row: { id: number }) => row.id)).toEqual([tree.communityA]);
    expect(r.totals.findings).toBe(ids('A', 'finding').length);
    expect(r.totals.householdVisits).toBe(1);
  },
  'GET /api/screening/campaigns/:id/coverage.xlsx': async () => {
    const { cells } = await readExport(`/api/screening/campaigns/${fx.campBoth}/coverage.xlsx`);
    expect(cells).toContain('荟萃社区');
  },
  'GET /api/screening/campaigns/:id/findings': async () => {
    const r = await read(`/api/screening/campaigns/${fx.campBoth}/findings`);
    expect(idList(r.items)).toEqual(ids('A', 'finding'));
    expect(r.total).toBe(ids('A', 'finding').length);
  },

  // Observation.
  'GET /api/observation/cases': async () => {
    const r = await read('/api/observation/cases?status=all');
    expect(idList(r.items)).toEqual(ids('A', 'obsCase'));
    expect(r.total).toBe(ids('A', 'obsCase').length);
  },
  'GET /api/observation/today': async () => {
    const r = await read('/api/observation/today');
    expect(r.cases.map((c: { caseId: number }) => c.caseId).sort()).toEqual(ids('A', 'obsCase'));
  },
  'GET /api/observation/export.xlsx': async () => {
    const { sheets } = await readExport(`/api/observation/export.xlsx?${day()}`);
    // Rows are A's people only: the reading taken on each side today, and (depending on the hour
    // the test runs at) slots still due later today. Readings taken are A's one.
    const rows = sheets['健康监测']!.slice(1);
    expect(rows.length).toBeGreaterThanOrEqual(ids('A', 'reading').length);
    expect(rows.map((r) => r[1]).filter((n) => !names.A.includes(String(n)))).toEqual([]);
    const taken = rows.filter((r) => (r[7] ?? '') !== '');
    expect(taken.length).toBe(ids('A', 'reading').length);
    expect(taken.every((r) => /^观察甲\d+$/.test(r[1] ?? ''))).toBe(true);
  },
  'GET /api/observation/settings': async () => {
    expect((await read('/api/observation/settings')).items.map((i: { communityId: number }) => i.communityId)).toEqual([tree.communityA]);
  },

  // Returning people.
  'GET /api/inbound/requests': async () => {
    const r = await read('/api/inbound/requests?queue=all');
    expect(idList(r.items)).toEqual(ids('A', 'request'));
    expect(r.counts.all).toBe(ids('A', 'request').length);
  },
  'GET /api/inbound/figures': async () => {
    const r = await read(`/api/inbound/figures?${day()}&by=community`);
    expect([r.total.submitted, r.total.approved]).toEqual([ids('A', 'request').length, 1]);
    expect(r.rows.map((row: { label: string }) => row.label)).toEqual(['荟萃社区']);
  },
  'GET /api/figures': async () => {
    // The catalogue names sets, not records: A's user sees those of their permissions.
    const keys = ((await read('/api/figures')).items as { key: string }[]).map((i) => i.key);
    expect(keys).toEqual(expect.arrayContaining(['inbound.loop', 'servicedesk.orders', 'access.gates', 'observation.daily']));
  },
  'GET /api/figures/:key': async () => {
    const r = await read(`/api/figures/inbound.loop?${day()}&groupBy=community`);
    expect([r.total.values.submitted, r.total.values.approved]).toEqual([ids('A', 'request').length, 1]);
    expect(r.rows.map((row: { label: string }) => row.label)).toEqual(['荟萃社区']);
    const gates = await read(`/api/figures/access.gates?${day()}&groupBy=gate`);
    expect(gates.rows.map((row: { group: string; values: { entries: number } }) => [row.group, row.values.entries])).toEqual([
      [String(ids('A', 'gate')[0]), 2],
    ]);
    // A's cases were all opened today (the viewer reads observation too).
    const obs = await read(`/api/figures/observation.daily?${day()}&groupBy=day`);
    expect([obs.total.values.opened, obs.rows.length]).toEqual([ids('A', 'obsCase').length, 1]);
    // Screening: A's visits only (B's campaign visits are not counted).
    const sc = await read(`/api/figures/screening.visits?${day()}&groupBy=total`);
    expect(sc.total.values.flagged).toBe(ids('A', 'finding').length);
    // Containment: A's cases were reported today, none excluded.
    const cm = await read(`/api/figures/containment.cases?${day()}&groupBy=day`);
    expect(cm.total.values.confirmed + cm.total.values.suspected + cm.total.values.excluded).toBe(ids('A', 'cmCase').length);
    const duty = await read(`/api/figures/duty.members?${day()}&groupBy=community`);
    expect(duty.rows.map((row: { label: string; values: { reported: number } }) => [row.label, row.values.reported])).toEqual([['荟萃社区', 1]]);
    const desk = await read(`/api/figures/servicedesk.orders?${day()}&groupBy=community`);
    expect(desk.total.values.orders).toBe(ids('A', 'sdOrder').length);
    expect(desk.rows.map((row: { group: string }) => row.group)).toEqual([String(tree.communityA)]);
  },
  'GET /api/inbound/figures.xlsx': async () => {
    const { cells } = await readExport(`/api/inbound/figures.xlsx?${day()}&by=community`);
    expect(cells).toContain('荟萃社区');
  },
  'GET /api/inbound/settings': async () => {
    expect((await read('/api/inbound/settings')).items.map((i: { communityId: number }) => i.communityId)).toEqual([tree.communityA]);
  },

  // Service desk.
  'GET /api/servicedesk/teams': async () => {
    expect(idList((await read('/api/servicedesk/teams')).items)).toEqual(ids('A', 'team'));
  },
  'GET /api/servicedesk/caller': async () => {
    // B's resident calling is not known to A's desk; A's is.
    expect((await read('/api/servicedesk/caller?phone=13911110002')).items).toEqual([]);
    expect((await read('/api/servicedesk/caller?phone=13911110001')).items.map((i: { residentId?: number; id?: number }) => i.residentId ?? i.id)).toEqual([
      ids('A', 'resident')[0],
    ]);
  },
  'GET /api/servicedesk/duplicates': async () => {
    // Open orders of the category in the same building: A's two (B's are in B's building).
    const r = await read(`/api/servicedesk/duplicates?categoryId=${fx.sdCat}&placeId=${tree.dwellingsA[0]}`);
    expect(idList(r.items)).toEqual(ids('A', 'sdOrder'));
  },
  'GET /api/servicedesk/orders': async () => {
    const r = await read('/api/servicedesk/orders?status=all');
    expect(idList(r.items)).toEqual(ids('A', 'sdOrder'));
    expect(r.total).toBe(ids('A', 'sdOrder').length);
  },
  'GET /api/servicedesk/board': async () => {
    const r = await read('/api/servicedesk/board');
    const shown = new Set<number>();
    for (const k of ['new', 'unassigned', 'dueSoon', 'overdue']) for (const o of r[k] as { id: number }[]) shown.add(o.id);
    expect([...shown].sort((a, b) => a - b)).toEqual(ids('A', 'sdOrder'));
    expect(r.counts.open).toBe(ids('A', 'sdOrder').length);
  },
  'GET /api/servicedesk/my-work': async () => {
    // The viewer is in A's team: the pool is A's unassigned orders.
    const r = await read('/api/servicedesk/my-work');
    expect(idList(r.pool)).toEqual(ids('A', 'sdOrder'));
  },
  'GET /api/servicedesk/figures': async () => {
    const r = await read('/api/servicedesk/figures?groupBy=community');
    expect(r.totals.orders).toBe(ids('A', 'sdOrder').length);
    expect(r.rows.map((row: { key: string }) => row.key)).toEqual([String(tree.communityA)]);
  },
  'GET /api/servicedesk/figures.xlsx': async () => {
    const { cells } = await readExport('/api/servicedesk/figures.xlsx?groupBy=team');
    expect(cells.filter((c) => /^维修班[甲乙]\d+$/.test(c))).toEqual(names.A.filter((n) => n.startsWith('维修班')));
  },
  'GET /api/servicedesk/breaches': async () => {
    const r = await read('/api/servicedesk/breaches');
    expect(idList(r.items)).toEqual(ids('A', 'breach'));
  },
  'GET /api/servicedesk/breaches/summary': async () => {
    const r = await read('/api/servicedesk/breaches/summary');
    expect(r.teams.map((x: { teamId: number; breaches: number }) => [x.teamId, x.breaches])).toEqual([[ids('A', 'team')[0], 1]]);
  },
  'GET /api/servicedesk/breaches/export.xlsx': async () => {
    const { first } = await readExport('/api/servicedesk/breaches/export.xlsx');
    expect(first.length).toBe(1 + ids('A', 'breach').length);
  },

  // Containment.
  'GET /api/containment/cases': async () => {
    const r = await read('/api/containment/cases?status=all');
    expect(idList(r.items)).toEqual(ids('A', 'cmCase'));
  },
  'GET /api/containment/orders': async () => {
    const proposed = await read('/api/containment/orders?status=proposed');
    const active = await read('/api/containment/orders?status=active');
    expect([...idList(proposed.items), ...idList(active.items)].sort((a, b) => a - b)).toEqual(ids('A', 'cmOrder'));
    expect(active.counts).toMatchObject({ proposed: 1, active: 1 });
  },
  'GET /api/containment/settings': async () => {
    expect((await read('/api/containment/settings')).items.map((i: { communityId: number }) => i.communityId)).toEqual([tree.communityA]);
  },
  'GET /api/containment/map': async () => {
    const r = await read('/api/containment/map');
    const buildings = (r.compounds as { buildings: { id: number }[] }[]).flatMap((c) => c.buildings.map((b) => b.id));
    expect(buildings).toEqual(expect.arrayContaining(ids('A', 'sealedBuilding')));
    expect(buildings.filter((b) => ids('B', 'place').includes(b))).toEqual([]);
  },

  // Passes and gates.
  'GET /api/access/passes': async () => {
    const r = await read('/api/access/passes?status=all');
    expect(idList(r.items)).toEqual(ids('A', 'pass'));
    expect(r.total).toBe(ids('A', 'pass').length);
  },
  'GET /api/access/gates': async () => {
    expect(idList((await read('/api/access/gates')).items)).toEqual(ids('A', 'gate'));
  },
  'GET /api/access/figures': async () => {
    const r = await read(`/api/access/figures?${day()}`);
    expect(r.items.map((i: { gateId: number; entries: number }) => [i.gateId, i.entries])).toEqual([[ids('A', 'gate')[0], 2]]);
  },
  'GET /api/access/events': async () => {
    // The events behind the figures: A's gate's two entries, none of B's gate.
    const r = await read(`/api/access/events?${day()}`);
    expect(r.items.map((e: { gateId: number }) => e.gateId)).toEqual([ids('A', 'gate')[0], ids('A', 'gate')[0]]);
    expect(r.total).toBe(2);
  },
  'GET /api/access/figures.xlsx': async () => {
    const { cells } = await readExport(`/api/access/figures.xlsx?${day()}`);
    // One row per gate and day: A's gate, today.
    expect(cells.filter((c) => /^东门[甲乙]\d+$/.test(c))).toEqual(names.A.filter((n) => n.startsWith('东门')));
  },

  // Duty.
  'GET /api/duty/members': async () => {
    const r = await read('/api/duty/members?pageSize=100');
    expect(idList(r.items)).toEqual(ids('A', 'dutyMember'));
    expect(r.counts).toEqual({ reported: 0, confirmed: 1, rejected: 0 });
  },
  'GET /api/duty/posts': async () => {
    expect(idList((await read('/api/duty/posts')).items)).toEqual(ids('A', 'dutyPost'));
  },
  'GET /api/duty/shifts': async () => {
    const items = (await read('/api/duty/shifts?pageSize=100')).items as { postId: number; callUpId: number | null }[];
    // The post's own shift and the call-up's.
    expect(items.map((i) => i.postId)).toEqual([...ids('A', 'dutyPost'), ...ids('A', 'dutyPost')]);
    expect(items.filter((i) => i.callUpId !== null).map((i) => i.callUpId)).toEqual(ids('A', 'dutyCallUp'));
  },
  'GET /api/duty/call-ups': async () => {
    expect(idList((await read('/api/duty/call-ups')).items)).toEqual(ids('A', 'dutyCallUp'));
  },
  'GET /api/duty/teams': async () => {
    expect(idList((await read('/api/duty/teams')).items)).toEqual(ids('A', 'dutyTeam'));
  },
  'GET /api/duty/roster': async () => {
    const r = await read('/api/duty/roster');
    const buildings = (r.buildings as { buildingId: number; member: { memberId: number } | null }[]).filter((b) => b.member);
    expect(buildings.map((b) => [b.buildingId, b.member!.memberId])).toEqual([[tree.buildingA, ids('A', 'dutyMember')[0]]]);
    expect((r.buildings as { buildingId: number }[]).some((b) => ids('B', 'place').includes(b.buildingId) || b.buildingId === tree.buildingB)).toBe(false);
  },
  'GET /api/duty/settings': async () => {
    expect((await read('/api/duty/settings')).items.map((i: { communityId: number }) => i.communityId)).toEqual([tree.communityA]);
  },

  // Volunteers.
  'GET /api/volunteers/people': async () => {
    expect(idList((await read('/api/volunteers/people?pageSize=100')).items)).toEqual(ids('A', 'volVolunteer'));
  },
  'GET /api/volunteers/teams': async () => {
    expect(idList((await read('/api/volunteers/teams')).items)).toEqual(ids('A', 'volTeam'));
  },
  'GET /api/volunteers/needs': async () => {
    const r = await read('/api/volunteers/needs?status=all');
    expect(idList(r.items)).toEqual(ids('A', 'volNeed'));
    expect(r.counts).toEqual({ open: 1 });
  },
  'GET /api/volunteers/activities': async () => {
    expect(idList((await read('/api/volunteers/activities')).items)).toEqual(ids('A', 'volActivity'));
  },
  'GET /api/volunteers/programmes': async () => {
    expect(idList((await read('/api/volunteers/programmes')).items)).toEqual(ids('A', 'volProgramme'));
  },
  'GET /api/volunteers/dispatches': async () => {
    expect(idList((await read('/api/volunteers/dispatches')).items)).toEqual(ids('A', 'volDispatch'));
  },
  'GET /api/volunteers/pairings': async () => {
    expect(idList((await read('/api/volunteers/pairings')).items)).toEqual(ids('A', 'volPairing'));
  },
  'GET /api/volunteers/hours': async () => {
    const items = (await read('/api/volunteers/hours')).items as { volunteerId: number; source: string; minutes: number }[];
    expect(items.map((i) => [i.volunteerId, i.source, i.minutes])).toEqual([[ids('A', 'volVolunteer')[0], 'dispatch', 60]]);
  },
  'GET /api/volunteers/hours/statement': async () => {
    const r = await read(`/api/volunteers/hours/statement?by=person&${day()}`);
    expect(r.rows.map((row: { key: string; minutes: number }) => [Number(row.key), row.minutes])).toEqual([[ids('A', 'volVolunteer')[0], 60]]);
  },
  'GET /api/volunteers/bank/accounts': async () => {
    const items = (await read('/api/volunteers/bank/accounts?pageSize=100')).items as { id: number; communityId: number; kind: string }[];
    expect(items.every((i) => i.communityId === tree.communityA)).toBe(true);
    expect(items.filter((i) => i.kind === 'member').map((i) => i.id)).toEqual(ids('A', 'volAccount'));
  },
  'GET /api/volunteers/awards': async () => {
    const rule = await ok(await ix.desk!.post('/api/volunteers/award-rules', { name: '优秀志愿者', criteria: [{ metric: 'minutes', atLeast: 1 }] }), 'rule');
    await ok(await ix.desk!.post(`/api/volunteers/award-rules/${rule.id}/propose`, { from: today(), to: today() }), 'propose');
    const items = (await read('/api/volunteers/awards')).items as { volunteerId: number }[];
    expect(items.map((i) => i.volunteerId)).toEqual(ids('A', 'volVolunteer'));
  },
};

describe('a user of community A, given records of every module in A and in B', () => {
  it('has a case here (or a reason why not) for every GET route of the app', () => {
    expect(getRoutes.length).toBe(new Set(getRoutes).size);
    const missing = getRoutes.filter((k) => !cases[k] && !NOT_SCOPED_LISTS[k]);
    expect(missing).toEqual([]);
    const stale = [...Object.keys(cases), ...Object.keys(NOT_SCOPED_LISTS)].filter((k) => !getRoutes.includes(k));
    expect(stale).toEqual([]);
    expect(Object.keys(cases).filter((k) => NOT_SCOPED_LISTS[k])).toEqual([]);
  });

  it('was given records on both sides (the fixture itself)', () => {
    for (const kind of [
      'resident',
      'household',
      'request',
      'obsCase',
      'cmCase',
      'cmOrder',
      'team',
      'sdOrder',
      'breach',
      'gate',
      'pass',
      'finding',
      'campaign',
    ]) {
      expect([kind, ids('A', kind).length > 0, ids('B', kind).length]).toEqual([kind, true, ids('A', kind).length]);
    }
  });

  it.each(Object.keys(cases))("%s shows exactly A's records", async (key) => {
    await cases[key]!();
  });

  it('gets the gate lists of its own places only (revoked pass ids, sealed place paths), with no person in them', async () => {
    // A gate refuses another compound's pass on its own (wrong_place, offline too), so it keeps only
    // the revoked passes and the orders bearing on its places: A's, not B's.
    const r = await read('/api/access/gate/lists');
    expect(r.revocations.entries.map((e: { passId: number }) => e.passId).sort((a: number, b: number) => a - b)).toEqual(ids('A', 'revokedPass'));
    expect(r.lockdowns.entries.map((e: { placeId: number }) => e.placeId).sort((a: number, b: number) => a - b)).toEqual(ids('A', 'sealedBuilding'));
    expect(Object.keys(r.revocations.entries[0]).sort()).toEqual(['passId', 'reason', 'version']);
  });
});
