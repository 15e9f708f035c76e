import crypto from 'node:crypto';
import { DEFAULT_QUESTIONS } from '@jiayuan/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryOne, queryRows, sql } from '../../platform/db/database.js';
import { addDays, localDate } from '../../platform/time.js';
import { buildSmallTree, type SmallTree } from '../../test-support/fixtures.js';
import { userWith, type TestClient } from '../../test-support/http-client.js';
import { createTestPlatform, type TestPlatform } from '../../test-support/test-platform.js';
import { readWorkbook } from '../../test-support/workbooks.js';
import { itOnPostgres } from '../../test-support/postgres-only.js';
import { completeFinishedWork, setObservationCaseOpener, type OpenCaseRequest } from './index.js';
import { observationCase } from './screening.followups.js';

/**
 * Door-to-door screening end to end through the API: a department runs a campaign over two
 * communities, visitors sync visits from their phones (again and again), coverage adds up, and
 * what they find becomes follow-up work.
 */
let t: TestPlatform;
let admin: TestClient;
let coordinator: TestClient;
let staffA: TestClient & { userId: number };
let staffB: TestClient & { userId: number };
let volunteer: TestClient & { userId: number };
let health: TestClient & { userId: number };
let tree: SmallTree;
let gridA: number;
let campaign: any;
const hh: number[] = [];
const members = new Map<number, number[]>();
let today: string;

const healthy = { returned: false, symptoms: false, temperature: 36.6 };
const visit = (householdId: number, extra: Record<string, unknown> = {}) => ({
  id: crypto.randomUUID(),
  campaignId: campaign.id,
  householdId,
  outcome: 'visited',
  visitedAt: t.clock.now().toISOString(),
  persons: (members.get(householdId) ?? []).map((residentId) => ({ residentId, present: true, answers: healthy })),
  ...extra,
});
const visitCount = async () => (await queryOne<{ n: number }>(t.platform.db, sql`SELECT count(*)::int AS n FROM screening_visits`))!.n;

beforeAll(async () => {
  t = await createTestPlatform();
  today = localDate(t.clock.now(), t.platform.config.timezone);
  admin = await userWith(t.platform, t.app, ['admin'], { all: true }, 'scradmin');
  tree = await buildSmallTree(admin);
  // Three households in building A (1, 2 and 3 people) and one in building B.
  for (const [i, size] of [3, 1, 2].entries()) {
    const first = (await admin.post('/api/residents', { dwellingId: tree.dwellingsA[i], name: `甲${i}户主` })).json;
    hh.push(first.householdId);
    const ids = [first.id];
    for (let k = 1; k < size; k++)
      ids.push((await admin.post('/api/residents', { householdId: first.householdId, name: `甲${i}家人${k}`, relation: 'child' })).json.id);
    members.set(first.householdId, ids);
  }
  const b = (await admin.post('/api/residents', { dwellingId: tree.dwellingsB[0], name: '乙户主' })).json;
  hh.push(b.householdId);
  members.set(b.householdId, [b.id]);
  gridA = (await admin.post('/api/grids', { communityId: tree.communityA, name: '荟萃一网格', gridWorkerUserId: null, buildingIds: [tree.buildingA] })).json.id;

  coordinator = await userWith(t.platform, t.app, ['department_coordinator'], { placeIds: [tree.department] }, 'scrcoord');
  staffA = await userWith(t.platform, t.app, ['community_staff'], { placeIds: [tree.communityA] }, 'scrstaffa');
  staffB = await userWith(t.platform, t.app, ['community_staff'], { placeIds: [tree.communityB] }, 'scrstaffb');
  volunteer = await userWith(t.platform, t.app, ['volunteer'], { placeIds: [tree.communityA] }, 'scrvol');
  health = await userWith(t.platform, t.app, ['health_worker'], { placeIds: [tree.communityA] }, 'scrhealth');
});
afterAll(() => t.close());

describe('a department coordinator', () => {
  it('creates a campaign over the department with the standard questions, and starts it', async () => {
    const res = await coordinator.post('/api/screening/campaigns', {
      name: '春节后第一轮入户摸排',
      placeIds: [tree.department],
      questions: DEFAULT_QUESTIONS,
      startsOn: today,
      endsOn: addDays(today, 7),
    });
    expect(res.status).toBe(201);
    expect(res.json.status).toBe('draft');
    expect(res.json.actions).toContain('start');
    campaign = (await coordinator.post(`/api/screening/campaigns/${res.json.id}/start`)).json;
    expect(campaign.status).toBe('active');
    expect(campaign.round).toBe(1);
  });

  it("gives each community's staff the duty to finish their community, in their to-dos", async () => {
    const todosA = (await staffA.get('/api/todos')).json.items.map((x: any) => x.kind);
    expect(todosA).toContain('screening.community');
    expect((await staffB.get('/api/todos')).json.items.filter((x: any) => x.kind === 'screening.community')).toHaveLength(1);
  });

  it('cannot change the questions once the campaign runs', async () => {
    const locked = await coordinator.patch(`/api/screening/campaigns/${campaign.id}`, { questions: DEFAULT_QUESTIONS.slice(0, 1), version: campaign.version });
    expect(locked.status).toBe(409);
    expect(locked.json.code).toBe('SCREENING_QUESTIONS_LOCKED');
  });

  itOnPostgres('two who start a campaign at once: one wins', async () => {
    const draft = (
      await coordinator.post('/api/screening/campaigns', {
        name: '并发',
        placeIds: [tree.communityA],
        questions: DEFAULT_QUESTIONS,
        startsOn: today,
        endsOn: today,
      })
    ).json;
    const [a, b] = await Promise.all([
      coordinator.post(`/api/screening/campaigns/${draft.id}/start`),
      staffA.post(`/api/screening/campaigns/${draft.id}/start`),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
  });

  it('refuses a campaign over a building, over places that overlap, or ending before it starts', async () => {
    const base = { name: 'x', questions: DEFAULT_QUESTIONS, startsOn: today, endsOn: today };
    expect((await coordinator.post('/api/screening/campaigns', { ...base, placeIds: [tree.buildingA] })).json.code).toBe('SCREENING_PLACE_TYPE');
    expect((await coordinator.post('/api/screening/campaigns', { ...base, placeIds: [tree.department, tree.communityA] })).json.code).toBe(
      'SCREENING_PLACES_OVERLAP',
    );
    const back = await coordinator.post('/api/screening/campaigns', { ...base, placeIds: [tree.communityA], endsOn: addDays(today, -1) });
    expect(back.json.code).toBe('SCREENING_DATES');
    expect(back.json.errors[0].path).toBe('endsOn');
  });
});

describe('community staff', () => {
  it('see the department campaign but do not run it; they assign their own volunteer to a grid', async () => {
    const seen = (await staffA.get(`/api/screening/campaigns/${campaign.id}`)).json;
    expect(seen.actions).not.toContain('close');
    expect(seen.actions).toContain('assign');
    const res = await staffA.post(`/api/screening/campaigns/${campaign.id}/assignments`, { userId: volunteer.userId, gridId: gridA });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ target: 'grid', targetLabel: '荟萃一网格', households: 3, done: 0 });
    expect((await volunteer.get('/api/todos')).json.items.map((x: any) => x.kind)).toContain('screening.assignment');
  });

  it('cannot assign in another community (not found) nor someone who may not visit', async () => {
    expect((await staffB.post(`/api/screening/campaigns/${campaign.id}/assignments`, { userId: volunteer.userId, gridId: gridA })).status).toBe(404);
    const auditor = await userWith(t.platform, t.app, ['auditor'], { placeIds: [tree.communityA] });
    const res = await staffA.post(`/api/screening/campaigns/${campaign.id}/assignments`, { userId: auditor.userId, buildingId: tree.buildingA });
    expect(res.json.code).toBe('SCREENING_ASSIGNEE_CANNOT_VISIT');
  });
});

describe('a volunteer on the phone', () => {
  it('downloads the households of their grid with who lives there, but no ID or phone numbers', async () => {
    expect((await volunteer.get('/api/screening/my-campaigns')).json.items.map((c: any) => c.id)).toEqual([campaign.id]);
    const ws = (await volunteer.get(`/api/screening/campaigns/${campaign.id}/workset`)).json;
    expect(ws.assigned).toBe(true);
    expect(ws.households.map((h: any) => h.id)).toEqual(hh.slice(0, 3));
    expect(ws.households[0].members).toHaveLength(3);
    expect(JSON.stringify(ws)).not.toMatch(/idNumber|phone/);
  });

  it('syncs a batch once: sending it again, or the same visit twice in one batch, stores nothing more', async () => {
    const batch = [visit(hh[0]!), visit(hh[1]!)];
    const first = await volunteer.post('/api/screening/sync', { visits: [...batch, batch[0]] });
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ stored: 2, duplicates: 1, rejected: 0 });
    const again = await volunteer.post('/api/screening/sync', { visits: batch });
    expect(again.json).toMatchObject({ stored: 0, duplicates: 2 });
    const [x, y] = await Promise.all([volunteer.post('/api/screening/sync', { visits: batch }), volunteer.post('/api/screening/sync', { visits: batch })]);
    expect(x.json.stored + y.json.stored).toBe(0);
    expect(await visitCount()).toBe(2);
    const persons = await queryOne<{ n: number }>(t.platform.db, sql`SELECT count(*)::int AS n FROM screening_person_visits`);
    expect(persons!.n).toBe(4);
  });

  it('has a visit outside their grid refused, with the reason, while the rest of the batch is stored', async () => {
    const ok = visit(hh[2]!, { outcome: 'nobody_home', persons: [] });
    const outside = visit(hh[3]!);
    const res = await volunteer.post('/api/screening/sync', { visits: [outside, ok] });
    expect(res.json.results.map((r: any) => r.status)).toEqual(['rejected', 'stored']);
    expect(res.json.results[0].code).toBe('SCREENING_HOUSEHOLD_OUTSIDE');
    expect(res.json.results[0].messages['zh-CN']).toContain('不在本次摸排范围');
  });

  it('has bad answers refused with a clear reason and nothing stored', async () => {
    const before = await visitCount();
    const v = visit(hh[1]!);
    (v.persons as any[])[0].answers = { ...healthy, temperature: 52 };
    const res = await volunteer.post('/api/screening/sync', { visits: [v] });
    expect(res.json.results[0]).toMatchObject({ status: 'rejected', code: 'SCREENING_ANSWER_INVALID' });
    const stranger = visit(hh[1]!, { persons: [{ residentId: members.get(hh[3]!)![0], present: true, answers: healthy }] });
    expect((await volunteer.post('/api/screening/sync', { visits: [stranger] })).json.results[0].code).toBe('SCREENING_NOT_A_MEMBER');
    const malformed = await volunteer.post('/api/screening/sync', { visits: [{ ...visit(hh[1]!), id: 'not-a-uuid' }] });
    expect(malformed.status).toBe(400);
    expect(await visitCount()).toBe(before);
  });

  it('marks a household for a revisit, which becomes their duty until someone finds the family at home', async () => {
    await volunteer.post('/api/screening/sync', { visits: [visit(hh[2]!, { outcome: 'revisit', persons: [] })] });
    const duty = (await volunteer.get('/api/todos')).json.items.find((x: any) => x.kind === 'screening.revisit');
    expect(duty).toBeTruthy();
    t.clock.advance(60000);
    await volunteer.post('/api/screening/sync', { visits: [visit(hh[2]!)] });
    expect((await volunteer.get('/api/todos')).json.items.find((x: any) => x.kind === 'screening.revisit')).toBeUndefined();
  });

  it('records someone not on the registry, whose phone number is sealed, for the registry to follow up', async () => {
    const v = visit(hh[1]!, {
      persons: [...(visit(hh[1]!).persons as object[]), { unregistered: { name: '借住亲戚', phone: '13812345678' }, present: true, answers: healthy }],
    });
    expect((await volunteer.post('/api/screening/sync', { visits: [v] })).json.stored).toBe(1);
    const row = await queryOne<{ name: string; phone_enc: Buffer; answers: unknown }>(
      t.platform.db,
      sql`SELECT name, phone_enc, answers FROM screening_person_visits WHERE name IS NOT NULL`,
    );
    expect(row!.name).toBe('借住亲戚');
    expect(row!.phone_enc.toString('latin1')).not.toContain('13812345678');
    expect((await staffA.get('/api/todos')).json.items.map((x: any) => x.kind)).toContain('screening.unregistered');
  });
});

describe('coverage', () => {
  it('counts households done / total, visits and persons per community, grid, building and household', async () => {
    const cv = (await coordinator.get(`/api/screening/campaigns/${campaign.id}/coverage`)).json;
    const a = cv.rows.find((r: any) => r.id === tree.communityA);
    const b = cv.rows.find((r: any) => r.id === tree.communityB);
    // A: three households, all found at home in the end; B: one household, not visited.
    expect(a).toMatchObject({ label: '荟萃社区', households: 3, done: 3, notVisited: 0 });
    expect(b).toMatchObject({ households: 1, done: 0, notVisited: 1 });
    // 户次: 2 visits + nobody home + revisit + visited + the one with the relative = 6; 人次: 3+1 + 2 + 1+1 = 8.
    expect(a.householdVisits).toBe(6);
    expect(a.personVisits).toBe(8);
    expect(cv.totals).toMatchObject({ households: 4, done: 3 });
    const grids = (await coordinator.get(`/api/screening/campaigns/${campaign.id}/coverage?level=grid&placeId=${tree.communityA}`)).json;
    expect(grids.rows).toEqual([expect.objectContaining({ id: gridA, label: '荟萃一网格', households: 3, done: 3 })]);
    const households = (await coordinator.get(`/api/screening/campaigns/${campaign.id}/coverage?level=household&placeId=${tree.buildingA}`)).json;
    expect(households.rows.map((r: any) => r.lastOutcome)).toEqual(['visited', 'visited', 'visited']);
  });

  it('shows community staff only their own community of the department campaign', async () => {
    const cv = (await staffB.get(`/api/screening/campaigns/${campaign.id}/coverage`)).json;
    expect(cv.rows.map((r: any) => r.id)).toEqual([tree.communityB]);
    expect((await staffB.get(`/api/screening/campaigns/${campaign.id}/coverage?level=building&placeId=${tree.communityA}`)).status).toBe(404);
  });

  it('starts again from zero in a new round, while the visits of every round still add up', async () => {
    const next = await coordinator.post(`/api/screening/campaigns/${campaign.id}/rounds`);
    expect(next.json.round).toBe(2);
    const cv = (await coordinator.get(`/api/screening/campaigns/${campaign.id}/coverage`)).json;
    expect(cv.totals).toMatchObject({ households: 4, done: 0, householdVisits: 0 });
    expect(cv.allRounds.householdVisits).toBe(6);
    const r1 = (await coordinator.get(`/api/screening/campaigns/${campaign.id}/coverage?round=1`)).json;
    expect(r1.totals.done).toBe(3);
    campaign = next.json;
  });

  it("ticks off the community's duty once every household of the round is found", async () => {
    await staffA.post('/api/screening/sync', { visits: hh.slice(0, 3).map((h) => visit(h)) });
    expect(await completeFinishedWork(t.platform)).toBeGreaterThanOrEqual(2);
    const mine = (await staffA.get('/api/todos')).json.items.map((x: any) => x.subjectId);
    expect(mine).not.toContain(`${campaign.id}:${tree.communityA}`);
    expect((await volunteer.get('/api/todos')).json.items.map((x: any) => x.kind)).not.toContain('screening.assignment');
  });

  it('exports every level and the open findings to Excel', async () => {
    const res = await coordinator.get(`/api/screening/campaigns/${campaign.id}/coverage.xlsx`);
    expect(res.status).toBe(200);
    const rows = await readWorkbook(res.body);
    expect(rows[0]![0]).toBe('社区 Community');
    expect(rows.map((r) => r[0])).toContain('荟萃社区');
  });
});

describe('findings', () => {
  let findingId: number;

  it("a temperature of 37.8 °C alerts the community's health worker at once and gives them a duty", async () => {
    const v = visit(hh[1]!);
    (v.persons as any[])[0].answers = { returned: false, symptoms: true, temperature: 37.8 };
    expect((await volunteer.post('/api/screening/sync', { visits: [v] })).json.stored).toBe(1);
    const notes = (await health.get('/api/notifications')).json.items;
    expect(notes[0].title['zh-CN']).toContain('入户摸排发现1人需跟进');
    const duty = (await health.get('/api/todos')).json.items.find((x: any) => x.kind === 'screening.finding');
    expect(duty.title['zh-CN']).toContain('体温异常');
    expect(duty.title['zh-CN']).not.toContain('甲1户主');
    const list = (await health.get(`/api/screening/campaigns/${campaign.id}/findings?status=open&reason=fever`)).json;
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ personName: '甲1户主', temperature: 37.8, registered: true });
    expect(list.items[0].actions).toEqual(['openCase', 'resolve']);
    findingId = list.items[0].id;
  });

  it('becomes an observation case in one click; a second click is refused', async () => {
    const f = (await health.get(`/api/screening/findings/${findingId}`)).json;
    const res = await health.post(`/api/screening/findings/${findingId}/open-case`, { kind: 'home_observation', plannedDays: 14, version: f.version });
    expect(res.status).toBe(200);
    expect(res.json.status).toBe('case_opened');
    expect(res.json.caseRef).toMatch(/^observation_case:\d+$/);
    const caseId = Number(res.json.caseRef.split(':')[1]);
    const opened = await health.get(`/api/observation/cases/${caseId}`);
    expect(opened.status).toBe(200);
    expect(opened.json).toMatchObject({ kind: 'home_observation', status: 'active' });
    const kinds = (await health.get('/api/todos')).json.items.map((x: any) => x.kind);
    expect(kinds).not.toContain('screening.finding');
    const again = await health.post(`/api/screening/findings/${findingId}/open-case`, { version: res.json.version });
    expect(again.status).toBe(409);
    expect(again.json.code).toBe('SCREENING_FINDING_DECIDED');
    const audit = await queryRows<{ action: string }>(t.platform.db, sql`SELECT action FROM audit_log WHERE entity_type = 'screening_finding'`);
    expect(audit.map((a) => a.action)).toEqual(['screening.finding.openCase']);
  });

  it('cannot be decided from another community (not found) nor by a volunteer (forbidden)', async () => {
    const unregistered = (await staffA.get(`/api/screening/campaigns/${campaign.id}/findings?reason=unregistered`)).json.items[0];
    expect(unregistered.actions).toEqual(['resolve']);
    expect((await staffB.post(`/api/screening/findings/${unregistered.id}/resolve`, { note: '已登记', version: unregistered.version })).status).toBe(404);
    expect((await volunteer.post(`/api/screening/findings/${unregistered.id}/resolve`, { note: '已登记', version: unregistered.version })).status).toBe(403);
    const open = await staffA.post(`/api/screening/findings/${unregistered.id}/open-case`, { version: unregistered.version });
    expect(open.json.code).toBe('SCREENING_FINDING_NEEDS_RESIDENT');
    const done = await staffA.post(`/api/screening/findings/${unregistered.id}/resolve`, { note: '已登记入户', version: unregistered.version });
    expect(done.json.status).toBe('resolved');
  });
});

describe('the observation module', () => {
  it('receives the resident, the measure and the finding as source, and its case is what the finding refers to', async () => {
    const asked: OpenCaseRequest[] = [];
    setObservationCaseOpener(async (_tx, _ctx, req) => {
      asked.push(req);
      return { ref: 'observation_case:77' };
    });
    try {
      const v = visit(hh[0]!);
      (v.persons as any[])[1].answers = { returned: false, symptoms: false, temperature: 38.4 };
      await volunteer.post('/api/screening/sync', { visits: [v] });
      const f = (await health.get(`/api/screening/campaigns/${campaign.id}/findings?status=open&reason=fever`)).json.items[0];
      const res = await health.post(`/api/screening/findings/${f.id}/open-case`, { kind: 'fever_follow_up', plannedDays: 3, version: f.version });
      expect(res.json.caseRef).toBe('observation_case:77');
      expect(asked).toEqual([
        expect.objectContaining({
          residentId: members.get(hh[0]!)![1],
          kind: 'fever_follow_up',
          plannedDays: 3,
          source: { type: 'screening_finding', id: f.id },
        }),
      ]);
    } finally {
      setObservationCaseOpener(observationCase);
    }
  });
});

describe('a closed campaign', () => {
  it('takes no more visits and cancels its open duties', async () => {
    const closed = await coordinator.post(`/api/screening/campaigns/${campaign.id}/close`);
    expect(closed.json.status).toBe('closed');
    const res = await volunteer.post('/api/screening/sync', { visits: [visit(hh[0]!)] });
    expect(res.json.results[0].code).toBe('SCREENING_CAMPAIGN_NOT_ACTIVE');
    expect((await staffB.get('/api/todos')).json.items.filter((x: any) => x.kind === 'screening.community')).toHaveLength(0);
  });
});
