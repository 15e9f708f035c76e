import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryOne, sql } from '../../platform/db/database.js';
import { localInstant } from '../../platform/time.js';
import { dumpTables } from '../../test-support/database-dump.js';
import { buildSmallTree, type SmallTree } from '../../test-support/fixtures.js';
import { userWith, type TestClient } from '../../test-support/http-client.js';
import { residentClient } from '../../test-support/servicedesk.js';
import { createTestPlatform, type TestPlatform } from '../../test-support/test-platform.js';

/**
 * The volunteers API as people call it: a resident publishes on the phone, volunteers take, serve,
 * the resident confirms; bad requests (a need already taken, someone else's need, a hold above the
 * balance, a reversal of a reversal, a check-in outside the activity's time) answer a clear 4xx with
 * its code in both languages and change nothing; two units' liaisons filling a dispatch at once never
 * overfill a quota.
 */

const TZ = 'Asia/Shanghai';
let t: TestPlatform;
let tree: SmallTree;
let admin: TestClient;
let staff: TestClient & { userId: number };
let coord: TestClient & { userId: number };
let resident: TestClient;
let residentId: number;
let v1: TestClient & { userId: number };
let v2: TestClient & { userId: number };
const at = (day: string, time: string) => localInstant(day, time, TZ).toISOString();

/** The refusal: its status and code, a message in each language, and nothing in the database changed. */
async function refused(call: () => Promise<{ status: number; json: any }>, status: number, code: string) {
  const before = await dumpTables(t.platform.db, ['audit_log', 'sessions']);
  const r = await call();
  expect([r.status, r.json.code]).toEqual([status, code]);
  expect(r.json.messages['zh-CN']).toMatch(/\S/);
  expect(r.json.messages['en-US']).toMatch(/\S/);
  expect(await dumpTables(t.platform.db, ['audit_log', 'sessions'])).toEqual(before);
}

beforeAll(async () => {
  t = await createTestPlatform();
  t.clock.set(localInstant('2026-03-18', '09:00', TZ));
  admin = await userWith(t.platform, t.app, ['admin'], { all: true }, 'vradmin');
  tree = await buildSmallTree(admin);
  staff = await userWith(t.platform, t.app, ['community_staff'], { placeIds: [tree.communityA] }, 'vrstaff');
  coord = await userWith(t.platform, t.app, ['department_coordinator'], { placeIds: [tree.department] }, 'vrcoord');
  residentId = (await admin.post('/api/residents', { dwellingId: tree.dwellingsA[0], name: '李奶奶', phone: '13912340001' })).json.id;
  resident = await residentClient(t, '13912340001');
  v1 = await userWith(t.platform, t.app, ['volunteer'], { placeIds: [tree.communityA] }, 'vrv1');
  v2 = await userWith(t.platform, t.app, ['volunteer'], { placeIds: [tree.communityA] }, 'vrv2');
  for (const v of [v1, v2]) expect((await staff.post('/api/volunteers/people', { userId: v.userId, placeId: tree.communityA })).status).toBe(201);
}, 120_000);
afterAll(async () => {
  await t?.close();
});

describe('a need from the phone to the ledger', () => {
  it('published by the resident, taken by one volunteer (the second refused), served, confirmed, rated; the minutes are in the volunteer’s hours', async () => {
    const n = await resident.post('/api/volunteers/my/needs', {
      category: 'shopping',
      title: '代购蔬菜',
      windowStart: at('2026-03-18', '15:00'),
      windowEnd: at('2026-03-18', '16:00'),
    });
    expect(n.status).toBe(201);
    expect(n.json.residentName).toBe('李奶奶');
    // Volunteers see the name masked.
    expect((await v1.get(`/api/volunteers/needs/${n.json.id}`)).json.residentName).toBe('李**');
    expect((await v1.post(`/api/volunteers/needs/${n.json.id}/take`, {})).status).toBe(200);
    await refused(() => v2.post(`/api/volunteers/needs/${n.json.id}/take`, {}), 409, 'VOL_NEED_TAKEN');
    // Someone else's need: the other volunteer may not confirm it.
    expect((await v1.post(`/api/volunteers/needs/${n.json.id}/done`, { minutes: 50, note: '已送到' })).json.status).toBe('done');
    await refused(() => v2.post(`/api/volunteers/needs/${n.json.id}/confirm`, {}), 403, 'VOL_NOT_YOUR_NEED');
    const confirmed = await resident.post(`/api/volunteers/needs/${n.json.id}/confirm`, {});
    expect(confirmed.json.status).toBe('confirmed');
    expect((await resident.post(`/api/volunteers/needs/${n.json.id}/rate`, { rating: 5, comment: '很及时' })).status).toBe(200);
    const my = (await v1.get('/api/volunteers/my')).json;
    expect(my.minutes).toMatchObject({ confirmed: 50, pending: 0 });
    const hours = (await v1.get('/api/volunteers/my/hours')).json.items;
    expect(hours.map((h: { source: string; minutes: number; status: string }) => [h.source, h.minutes, h.status])).toEqual([['need', 50, 'confirmed']]);
  });

  it('bad requests answer a clear 4xx and change nothing', async () => {
    // A hold above the balance: the resident has no minutes.
    await resident.post('/api/volunteers/my/bank/delegates', {
      residentId: (
        await admin.post('/api/residents', {
          householdId: (await admin.get(`/api/residents/${residentId}`)).json.householdId,
          name: '李儿子',
          relation: 'child',
        })
      ).json.id,
    });
    const account = (await resident.get('/api/volunteers/my/bank')).json.account;
    await refused(
      () =>
        resident.post('/api/volunteers/my/needs', {
          category: 'elderCare',
          title: '助浴',
          windowStart: at('2026-03-19', '09:00'),
          windowEnd: at('2026-03-19', '10:00'),
          redeem: { accountId: account.id, minutes: 30 },
        }),
      409,
      'VOL_INSUFFICIENT_MINUTES',
    );
    // A reversal of a reversal.
    const entry = (await staff.get('/api/volunteers/hours')).json.items[0];
    const rev = await staff.post(`/api/volunteers/hours/${entry.id}/reverse`, { reason: '登记有误' });
    expect(rev.json.minutes).toBe(-50);
    await refused(() => staff.post(`/api/volunteers/hours/${rev.json.id}/reverse`, { reason: '再冲' }), 409, 'VOL_REVERSAL_OF_REVERSAL');
    await refused(() => staff.post(`/api/volunteers/hours/${entry.id}/reverse`, { reason: '再冲' }), 409, 'VOL_ALREADY_REVERSED');
    // A check-in outside the activity's time (it starts at 11:00; check-in opens half an hour before).
    const activity = await staff.post('/api/volunteers/activities', {
      title: '清洁家园',
      placeId: tree.communityA,
      startsAt: at('2026-03-18', '11:00'),
      endsAt: at('2026-03-18', '13:00'),
      capacity: 10,
    });
    expect((await v1.post(`/api/volunteers/activities/${activity.json.id}/sign-up`, {})).status).toBe(200);
    const qr = (await staff.get(`/api/volunteers/activities/${activity.json.id}/qr`)).json.token;
    await refused(() => v1.post('/api/volunteers/my/scan', { token: qr }), 409, 'VOL_CHECK_IN_WINDOW');
    await refused(() => v1.post('/api/volunteers/my/scan', { token: `${qr}x` }), 400, 'VOL_QR_INVALID');
    // Within the window it works, and the organiser's confirmation credits the minutes attended (from the start).
    t.clock.set(localInstant('2026-03-18', '10:40', TZ));
    expect((await v1.post('/api/volunteers/my/scan', { token: qr })).json.status).toBe('checkedIn');
    t.clock.set(localInstant('2026-03-18', '12:30', TZ));
    expect((await v1.post('/api/volunteers/my/scan', { token: qr })).json).toMatchObject({ status: 'checkedOut', minutes: 90 });
    expect((await staff.post(`/api/volunteers/activities/${activity.json.id}/confirm`, {})).json.status).toBe('confirmed');
    expect((await v1.get('/api/volunteers/my')).json.minutes.confirmed).toBe(90);
    // A window in the past, a need of a place outside the caller's scope.
    await refused(
      () =>
        resident.post('/api/volunteers/my/needs', {
          category: 'shopping',
          title: '过去',
          windowStart: at('2026-03-01', '09:00'),
          windowEnd: at('2026-03-01', '10:00'),
        }),
      400,
      'VOL_WINDOW',
    );
  });
});

describe('a need nobody takes in time', () => {
  it("goes to the team of its service type and area: the leader's to-do until taken, escalated to the community after an hour", async () => {
    const leader = (await v2.get('/api/volunteers/my')).json.volunteer.id;
    expect(
      (await staff.post('/api/volunteers/teams', { name: '送药队', serviceType: 'medicine', placeId: tree.communityA, leaderVolunteerIds: [leader] })).status,
    ).toBe(201);
    const n = (
      await resident.post('/api/volunteers/my/needs', {
        category: 'medicine',
        title: '代取降压药',
        windowStart: at('2026-03-18', '18:00'),
        windowEnd: at('2026-03-18', '19:00'),
      })
    ).json;
    expect(n.teamIds).toHaveLength(1);
    const open = () =>
      queryOne<{ n: number; user: number | null; escalate: Date | null }>(
        t.platform.db,
        sql`SELECT count(*)::int AS n, max(responsible_user_id) AS user, max(escalate_at) AS escalate FROM obligations
            WHERE subject_type = 'volunteer_need' AND subject_id = ${String(n.id)} AND kind = 'volunteers.need_untaken' AND done_at IS NULL AND cancelled_at IS NULL`,
      );
    const todo = await open();
    expect([todo!.n, Number(todo!.user)]).toEqual([1, v2.userId]);
    expect(new Date(todo!.escalate!).getTime() - new Date(n.takeBy).getTime()).toBe(3600000);
    expect((await v1.post(`/api/volunteers/needs/${n.id}/take`, {})).status).toBe(200);
    expect((await open())!.n).toBe(0);
  });
});

describe('same-day dispatch', () => {
  it('two units’ liaisons filling their quotas at once never overfill them; the roster fills; closing confirms the minutes', async () => {
    const e1 = (await admin.post('/api/employers', { name: '采油一厂' })).json.id;
    const e2 = (await admin.post('/api/employers', { name: '采油二厂' })).json.id;
    const l1 = await userWith(t.platform, t.app, ['employer_liaison'], { employerIds: [e1] }, 'vrl1');
    const l2 = await userWith(t.platform, t.app, ['employer_liaison'], { employerIds: [e2] }, 'vrl2');
    const people = async (employerId: number, n: number) => {
      const out: number[] = [];
      for (let i = 0; i < n; i++) {
        const r = (await admin.post('/api/residents', { dwellingId: tree.dwellingsA[i % 6], name: `职工${employerId}-${i}`, employerId })).json.id;
        out.push((await staff.post('/api/volunteers/people', { residentId: r, placeId: tree.communityA })).json.id);
      }
      return out;
    };
    const [p1, p2] = [await people(e1, 8), await people(e2, 8)];
    const d = await coord.post('/api/volunteers/dispatches', {
      title: '清乱治乱',
      placeId: tree.communityA,
      startsAt: new Date(t.clock.now().getTime() + 3600000).toISOString(),
      endsAt: new Date(t.clock.now().getTime() + 3 * 3600000).toISOString(),
      quotas: [
        { employerId: e1, quota: 5 },
        { employerId: e2, quota: 3 },
      ],
    });
    expect(d.status).toBe(201);
    // Each liaison sends one person at a time, all at once: only the quota's worth get through.
    const answers = await Promise.all([
      ...p1.map((v) => l1.post(`/api/volunteers/dispatches/${d.json.id}/answer`, { volunteerIds: [v] })),
      ...p2.map((v) => l2.post(`/api/volunteers/dispatches/${d.json.id}/answer`, { volunteerIds: [v] })),
    ]);
    expect(answers.filter((a) => a.status === 200)).toHaveLength(8);
    expect(answers.filter((a) => a.status !== 200).every((a) => a.json.code === 'VOL_QUOTA_FULL')).toBe(true);
    const view = (await coord.get(`/api/volunteers/dispatches/${d.json.id}`)).json;
    expect([view.filled, view.needed, view.status]).toEqual([8, 8, 'filled']);
    expect(view.quotas.map((q: { quota: number; filled: number }) => [q.quota, q.filled])).toEqual([
      [5, 5],
      [3, 3],
    ]);
    // A liaison names only people of their own unit.
    expect((await l1.post(`/api/volunteers/dispatches/${d.json.id}/answer`, { volunteerIds: [p2[7]] })).json.code).toBe('VOL_NOT_YOUR_UNIT');
    const closed = await coord.post(`/api/volunteers/dispatches/${d.json.id}/close`, {
      attendedPersonIds: view.people.slice(0, 6).map((p: { id: number }) => p.id),
    });
    expect(closed.json.people.filter((p: { status: string }) => p.status === 'attended')).toHaveLength(6);
    const hours = (await coord.get('/api/volunteers/hours?source=dispatch')).json;
    expect([hours.total, hours.items.every((h: { minutes: number; status: string }) => h.minutes === 120 && h.status === 'confirmed')]).toEqual([6, true]);
  }, 120_000);
});
