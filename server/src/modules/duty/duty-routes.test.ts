import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../platform/access/actor.js';
import { queryOne, sql } from '../../platform/db/database.js';
import { generateForRules } from '../../platform/obligations/obligations.service.js';
import { localInstant } from '../../platform/time.js';
import { buildSmallTree, type SmallTree } from '../../test-support/fixtures.js';
import { signIn, userWith, type TestClient } from '../../test-support/http-client.js';
import { residentClient } from '../../test-support/servicedesk.js';
import { createTestPlatform, type TestPlatform } from '../../test-support/test-platform.js';
import { closeDueCallUps, flagUnfilledShifts, recordNoShows } from './index.js';
import { seedDutyDemo } from './duty.demo.js';

/**
 * A member's journey through the API (report in, be confirmed, claim, scan the post's code in and
 * out, see the hours), the 2+1 roster, the jobs, and bad input: a clear 4xx with its code, nothing changed.
 */

const TZ = 'Asia/Shanghai';
const at = (date: string, time: string) => localInstant(date, time, TZ);
let t: TestPlatform;
let admin: TestClient;
let tree: SmallTree;
let staff: TestClient & { userId: number };
let member: TestClient;
let memberId: number;
let residentId: number;
let postId: number;

beforeAll(async () => {
  t = await createTestPlatform();
  t.clock.set(at('2026-03-18', '09:00'));
  admin = await userWith(t.platform, t.app, ['admin'], { all: true }, 'dradmin');
  tree = await buildSmallTree(admin);
  staff = await userWith(t.platform, t.app, ['community_staff'], { placeIds: [tree.communityA] }, 'drstaff');
  const r = await admin.post('/api/residents', { dwellingId: tree.dwellingsA[0], name: '党员甲', phone: '13800001111' });
  residentId = r.json.id;
  member = await residentClient(t, '13800001111');
}, 60_000);
afterAll(() => t.close());

/** Moves the clock; sessions lapse over hours, so everyone signs in again. */
async function jump(to: Date) {
  t.clock.set(to);
  admin = await signIn(t.app, 'dradmin');
  staff = Object.assign(await signIn(t.app, 'drstaff'), { userId: staff.userId });
  // A phone code only when the session lapsed (codes per phone are rate-limited).
  if ((await member.get('/api/me')).status === 401) member = await residentClient(t, '13800001111');
}

describe('reporting in', () => {
  it('a resident reports from the phone; an unconfirmed member cannot claim; the community confirms', async () => {
    const rep = await member.post('/api/duty/my/report', {
      roles: ['gatekeeper', 'patrol'],
      skills: ['测温'],
      partyOrganisation: '采油厂党委',
      availability: '周末',
    });
    expect(rep.status).toBe(201);
    expect(rep.json).toMatchObject({ status: 'reported', communityId: tree.communityA, name: '党员甲', phoneMasked: '*******1111' });
    memberId = rep.json.id;
    const list = await staff.get('/api/duty/members?status=reported');
    expect(list.json.items.map((m: { id: number }) => m.id)).toEqual([memberId]);
    expect(JSON.stringify(list.json)).not.toContain('13800001111');
    const post = await staff.post('/api/duty/posts', { placeId: tree.compoundA, kind: 'gate', name: '东门', role: 'gatekeeper' });
    expect(post.status).toBe(201);
    postId = post.json.id;
    const shift = await staff.post(`/api/duty/posts/${postId}/shifts`, {
      startsAt: at('2026-03-19', '08:00').toISOString(),
      endsAt: at('2026-03-19', '16:00').toISOString(),
      headcount: 2,
    });
    const refused = await member.post(`/api/duty/shifts/${shift.json.id}/claim`, {});
    expect([refused.status, refused.json.code]).toEqual([409, 'DUTY_MEMBER_NOT_CONFIRMED']);
    expect(refused.json.messages['en-US']).toMatch(/confirmed/);
    expect((await staff.get(`/api/duty/shifts/${shift.json.id}`)).json).toMatchObject({ filled: 0, claims: [] });
    const ok = await staff.post(`/api/duty/members/${memberId}/confirm`, { version: rep.json.version });
    expect(ok.json).toMatchObject({ status: 'confirmed', actions: ['reject'] });
    const again = await member.post('/api/duty/my/report', { roles: ['patrol'] });
    expect([again.status, again.json.code]).toEqual([409, 'DUTY_ALREADY_REPORTED']);
  });
});

describe('posts, templates, claims and check-in by QR', () => {
  it('generates 24-hour gate shifts from a template, in local time, and keeps those already there', async () => {
    const g = await staff.post(`/api/duty/posts/${postId}/shifts/generate`, {
      from: '2026-03-20',
      to: '2026-03-21',
      pattern: '3x8',
      firstStart: '08:00',
      headcount: 1,
    });
    expect(g.status).toBe(201);
    expect(g.json.created).toBe(6);
    const again = await staff.post(`/api/duty/posts/${postId}/shifts/generate`, { from: '2026-03-20', to: '2026-03-21', pattern: '3x8', headcount: 1 });
    expect(again.json).toMatchObject({ created: 0, kept: 6 });
    const list = await staff.get(
      `/api/duty/shifts?postId=${postId}&from=${at('2026-03-20', '00:00').toISOString()}&to=${at('2026-03-22', '00:00').toISOString()}`,
    );
    expect(list.json.items.map((s: { startsAt: string }) => s.startsAt)).toEqual(
      [
        ['2026-03-20', '08:00'],
        ['2026-03-20', '16:00'],
        ['2026-03-21', '00:00'],
        ['2026-03-21', '08:00'],
        ['2026-03-21', '16:00'],
        ['2026-03-22', '00:00'],
      ]
        .slice(0, 5)
        .map(([d, h]) => at(d!, h!).toISOString()),
    );
  });

  it('the member claims, scans the post’s code to check in and out, and the minutes served are computed and counted', async () => {
    const open = await member.get('/api/duty/my/open-shifts');
    const first = open.json.items.find((s: { startsAt: string }) => s.startsAt === at('2026-03-19', '08:00').toISOString());
    const claim = await member.post(`/api/duty/shifts/${first.id}/claim`, {});
    expect(claim.status).toBe(201);
    expect(claim.json).toMatchObject({ status: 'held', position: null, postName: '东门' });
    const qr = await staff.get(`/api/duty/posts/${postId}/qr`);
    const early = await member.post('/api/duty/my/scan', { token: qr.json.token });
    expect([early.status, early.json.code]).toEqual([409, 'DUTY_NO_SHIFT_HERE']);
    const bad = await member.post('/api/duty/my/scan', { token: `${qr.json.token.slice(0, -4)}AAAA` });
    expect([bad.status, bad.json.code]).toEqual([400, 'DUTY_QR_INVALID']);
    await jump(at('2026-03-19', '07:50'));
    const inn = await member.post('/api/duty/my/scan', { token: qr.json.token });
    expect(inn.json.status).toBe('checkedIn');
    expect(inn.json.checkedInAt).toMatch(/^2026-03-18T23:50/);
    await jump(at('2026-03-19', '15:40'));
    const out = await member.post('/api/duty/my/scan', { token: qr.json.token });
    // From the start (not the early check-in) to the check-out: 7 h 40 min.
    expect(out.json).toMatchObject({ status: 'checkedOut', servedMinutes: 460 });
    const mine = await member.get('/api/duty/my');
    expect(mine.json.servedMinutes).toEqual({ total: 460, last7Days: 460, today: 460 });
    const fig = await staff.get('/api/figures/duty.hours?from=2026-03-19&to=2026-03-19&groupBy=day');
    expect(fig.json.rows).toEqual([{ group: '2026-03-19', label: '2026-03-19', values: { minutes: 460, people: 1, shifts: 1 } }]);
    const served = await queryOne<{ minutes: number }>(t.platform.db, sql`SELECT served_minutes AS minutes FROM duty_served WHERE claim_id = ${claim.json.id}`);
    expect(served!.minutes).toBe(460);
    const table = await staff.get(`/api/duty/posts/${postId}/table?from=2026-03-16`);
    const day = table.json.days.find((d: { date: string }) => d.date === '2026-03-19');
    expect(day.shifts[0].people).toEqual([{ name: '党员甲', phoneMasked: '*******1111', status: 'checkedOut' }]);
  });

  it('the member’s calendar is an iCalendar feed at a secret address', async () => {
    const feed = await member.get('/api/duty/my/calendar');
    const res = await t.app.inject({ method: 'GET', url: new URL(feed.json.url).pathname });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/calendar/);
    expect(res.body).toContain('BEGIN:VEVENT');
    expect(res.body).toContain('东门');
    expect((await t.app.inject({ method: 'GET', url: `/api/duty/calendar/${memberId}-${'A'.repeat(22)}.ics` })).statusCode).toBe(404);
    const renewed = await member.get('/api/duty/my/calendar?renew=true');
    expect((await t.app.inject({ method: 'GET', url: new URL(feed.json.url).pathname })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: new URL(renewed.json.url).pathname })).statusCode).toBe(200);
  });

  it('a cancellation close to the start needs a reason and tells the post’s owner', async () => {
    await jump(at('2026-03-20', '06:00'));
    const s = (await staff.get(`/api/duty/shifts?postId=${postId}`)).json.items[0];
    const c = await member.post(`/api/duty/shifts/${s.id}/claim`, {});
    const refused = await member.post(`/api/duty/my/claims/${c.json.id}/cancel`, {});
    expect([refused.status, refused.json.code]).toEqual([400, 'DUTY_REASON_REQUIRED']);
    expect(refused.json.messages['zh-CN']).toContain('12');
    const done = await member.post(`/api/duty/my/claims/${c.json.id}/cancel`, { reason: '单位临时加班' });
    expect(done.json).toMatchObject({ claim: { status: 'cancelled', cancelReason: '单位临时加班' }, promoted: null });
    const told = (await staff.get('/api/notifications')).json.items.map((n: { kind: string }) => n.kind);
    expect(told).toContain('duty.late_cancel');
  });
});

describe('bad input: a clear 4xx with its code, nothing changed', () => {
  it('refuses impossible shifts, ranges and call-ups', async () => {
    const now = t.clock.now();
    const h = (n: number) => new Date(now.getTime() + n * 3600000).toISOString();
    const backwards = await staff.post(`/api/duty/posts/${postId}/shifts`, { startsAt: h(5), endsAt: h(4), headcount: 1 });
    expect([backwards.status, backwards.json.code]).toEqual([400, 'DUTY_SHIFT_TIMES']);
    const long = await staff.post(`/api/duty/posts/${postId}/shifts/generate`, { from: '2026-04-01', to: '2026-05-15', pattern: '2x12', headcount: 1 });
    expect([long.status, long.json.code]).toEqual([400, 'DUTY_DATE_RANGE']);
    const nobody = await staff.post(`/api/duty/posts/${postId}/shifts`, { startsAt: h(5), endsAt: h(6), headcount: 0 });
    expect([nobody.status, nobody.json.code]).toEqual([400, 'VALIDATION_FAILED']);
    const late = await staff.post('/api/duty/call-ups', {
      title: '吹哨',
      placeId: tree.communityA,
      postIds: [postId],
      needed: 2,
      startsAt: h(5),
      endsAt: h(9),
      deadline: h(6),
    });
    expect([late.status, late.json.code]).toEqual([400, 'DUTY_CALL_UP_TIMES']);
    const foreign = await staff.post('/api/duty/call-ups', {
      title: '吹哨',
      placeId: tree.communityB,
      postIds: [postId],
      needed: 2,
      startsAt: h(5),
      endsAt: h(9),
      deadline: h(1),
    });
    expect(foreign.status).toBe(404);
    const wrongKind = await staff.post('/api/duty/posts', { placeId: tree.dwellingsA[0], kind: 'building', name: '错', role: 'patrol' });
    expect([wrongKind.status, wrongKind.json.code]).toEqual([400, 'DUTY_PLACE_KIND']);
    expect((await queryOne<{ n: number }>(t.platform.db, sql`SELECT count(*)::int AS n FROM duty_call_ups`))!.n).toBe(0);
  });
});

describe('the 2+1 roster', () => {
  it('shows a building missing its party member, then complete after an assignment', async () => {
    await admin.put(`/api/places/${tree.buildingA}/building-head`, { residentId });
    const before = await staff.get(`/api/duty/roster?communityId=${tree.communityA}`);
    const b = before.json.buildings.find((x: { buildingId: number }) => x.buildingId === tree.buildingA);
    expect(b).toMatchObject({ buildingHead: { residentId, name: '党员甲' }, missing: ['cadre', 'member'] });
    const saved = await staff.put(`/api/duty/roster/${tree.buildingA}`, { cadreUserId: staff.userId, memberId, validFrom: '2026-03-20' });
    expect(saved.json).toMatchObject({ missing: [], member: { memberId, name: '党员甲' }, cadre: { userId: staff.userId } });
    const after = await staff.get(`/api/duty/roster?communityId=${tree.communityA}&gaps=true`);
    expect(after.json.buildings.map((x: { buildingId: number }) => x.buildingId)).not.toContain(tree.buildingA);
    expect(after.json.complete).toBe(1);
    const notBuilding = await staff.put(`/api/duty/roster/${tree.compoundA}`, { memberId, validFrom: '2026-03-20' });
    expect([notBuilding.status, notBuilding.json.code]).toEqual([400, 'DUTY_NOT_A_BUILDING']);
  });
});

describe('the jobs', () => {
  it('flags shifts unfilled 12 hours ahead as the owner’s to-do, records no-shows, and closes call-ups at their deadline', async () => {
    await jump(at('2026-03-20', '10:00'));
    expect(await flagUnfilledShifts(t.platform)).toBeGreaterThan(0);
    expect(await flagUnfilledShifts(t.platform)).toBe(0);
    const todos = (await staff.get('/api/todos?pageSize=100')).json.items.map((i: { kind: string }) => i.kind);
    expect(todos).toContain('duty.unfilled_shift');
    // A held place nobody checked in to.
    const s = (await staff.get(`/api/duty/shifts?postId=${postId}`)).json.items[0];
    const c = await member.post(`/api/duty/shifts/${s.id}/claim`, {});
    expect(c.status).toBe(201);
    await jump(new Date(new Date(s.startsAt).getTime() + 45 * 60000));
    expect(await recordNoShows(t.platform)).toBe(1);
    expect((await member.get('/api/duty/my/shifts?when=all')).json.items.find((x: { id: number }) => x.id === c.json.id).status).toBe('noShow');
    const call = await staff.post('/api/duty/call-ups', {
      title: '临时吹哨',
      placeId: tree.communityA,
      postIds: [postId],
      needed: 3,
      startsAt: new Date(t.clock.now().getTime() + 3 * 3600000).toISOString(),
      endsAt: new Date(t.clock.now().getTime() + 5 * 3600000).toISOString(),
      deadline: new Date(t.clock.now().getTime() + 3600000).toISOString(),
    });
    expect(call.json).toMatchObject({ status: 'open', notified: 1 });
    await jump(new Date(t.clock.now().getTime() + 2 * 3600000));
    expect(await closeDueCallUps(t.platform)).toBe(1);
    expect((await staff.get(`/api/duty/call-ups/${call.json.id}`)).json.status).toBe('closed');
    const answer = await member.post(`/api/duty/call-ups/${call.json.id}/respond`, {});
    expect([answer.status, answer.json.code]).toEqual([409, 'DUTY_CALL_UP_CLOSED']);
  });
});

describe('recurring duties owed to posts', () => {
  it('a rule targeting `dutyPost` gives each post under the place its own to-do', async () => {
    const rule = await admin.post('/api/obligation-rules', {
      kind: 'duty.post_round',
      title: { 'zh-CN': '岗位巡查', 'en-US': 'Post round' },
      placeId: tree.communityA,
      targetType: 'dutyPost',
      responsibleRole: 'community_staff',
      recurrence: 'daily',
      times: ['09:00'],
      startsOn: '2026-03-20',
    });
    expect(rule.status).toBe(201);
    await generateForRules(t.platform, [rule.json.id]);
    const owed = await queryOne<{ n: number; posts: number }>(
      t.platform.db,
      sql`SELECT count(*)::int AS n, count(DISTINCT subject_id)::int AS posts FROM obligations WHERE rule_id = ${rule.json.id} AND subject_type = 'duty_post'`,
    );
    const posts = (await staff.get(`/api/duty/posts?communityId=${tree.communityA}`)).json.total as number;
    expect(owed!.posts).toBe(posts);
  });
});

describe('the demo', () => {
  it('has reported members, posts with shifts this week, a call-up in progress and a 2+1 roster with gaps', async () => {
    const today = '2026-03-22';
    await jump(at(today, '09:00'));
    const coord = await userWith(t.platform, t.app, ['department_coordinator'], { placeIds: [tree.department] }, 'drdemocoord');
    for (let i = 0; i < 8; i++) await admin.post('/api/residents', { dwellingId: tree.dwellingsB[i], name: `演示${i}` });
    await admin.post('/api/places', { parentId: tree.compoundB, type: 'building', name: '2号楼' });
    const ctx = { platform: t.platform, actor: systemActor('demo'), origin: { ip: null, channel: 'system' as const, requestId: null }, lang: 'zh-CN' as const };
    await seedDutyDemo(ctx, { community: tree.communityB, compound: tree.compoundB, employer: 0, users: new Map(), employees: [], flats: [], today });
    const members = (await coord.get(`/api/duty/members?communityId=${tree.communityB}`)).json;
    expect(members.counts.confirmed).toBeGreaterThan(0);
    const callUps = (await coord.get(`/api/duty/call-ups?communityId=${tree.communityB}`)).json.items;
    expect(callUps[0]).toMatchObject({ status: 'open', needed: 10 });
    expect(callUps[0].filled).toBeGreaterThan(0);
    const roster = (await coord.get(`/api/duty/roster?communityId=${tree.communityB}`)).json;
    expect(roster.buildings.some((b: { missing: string[] }) => b.missing.includes('member'))).toBe(true);
    expect((await coord.get(`/api/duty/shifts?communityId=${tree.communityB}`)).json.total).toBeGreaterThan(5);
  });
});
