import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryOne, sql } from '../../platform/db/database.js';
import { localInstant } from '../../platform/time.js';
import { buildSmallTree, type SmallTree } from '../../test-support/fixtures.js';
import { userWith, type TestClient } from '../../test-support/http-client.js';
import { createTestPlatform, type TestPlatform } from '../../test-support/test-platform.js';

/**
 * The staff's forms: editing a post, generating a template's shifts with a preview (run twice or
 * at once: no duplicates), editing a team and giving it a block of posts, and on a shift the
 * leader's check-in, check-out and no-show for a member without a phone. Bad input: a clear 4xx
 * with its code, nothing changed.
 */

const TZ = 'Asia/Shanghai';
const at = (date: string, time: string) => localInstant(date, time, TZ);
let t: TestPlatform;
let admin: TestClient;
let tree: SmallTree;
let staff: TestClient;
let otherStaff: TestClient;

const count = async (q: ReturnType<typeof sql>) => (await queryOne<{ n: number }>(t.platform.db, q))!.n;
const audits = (action: string, entityId: number) =>
  count(sql`SELECT count(*)::int AS n FROM audit_log WHERE action = ${action} AND entity_id = ${String(entityId)}`);

/** A resident of community A registered by staff and confirmed. */
async function confirmedMember(name: string, phone: string): Promise<number> {
  const r = await admin.post('/api/residents', { dwellingId: tree.dwellingsA[0], name, phone });
  const m = await staff.post('/api/duty/members', { residentId: r.json.id, roles: ['gatekeeper'], skills: [] });
  expect(m.status).toBe(201);
  expect(m.json.registeredByStaff).toBe(true);
  const ok = await staff.post(`/api/duty/members/${m.json.id}/confirm`, { version: m.json.version });
  expect(ok.json.status).toBe('confirmed');
  return m.json.id;
}

beforeAll(async () => {
  t = await createTestPlatform();
  t.clock.set(at('2026-03-18', '09:00'));
  admin = await userWith(t.platform, t.app, ['admin'], { all: true }, 'dsadmin');
  tree = await buildSmallTree(admin);
  staff = await userWith(t.platform, t.app, ['community_staff'], { placeIds: [tree.communityA] }, 'dsstaff');
  otherStaff = await userWith(t.platform, t.app, ['community_staff'], { placeIds: [tree.communityB] }, 'dsother');
}, 60_000);
afterAll(() => t.close());

describe('editing a post', () => {
  it('renames it and changes its role; a kind its place cannot have, or another community’s staff, change nothing', async () => {
    const post = await staff.post('/api/duty/posts', { placeId: tree.compoundA, kind: 'gate', name: '北门', role: 'gatekeeper' });
    expect(post.status).toBe(201);
    const id = post.json.id as number;
    const ok = await staff.patch(`/api/duty/posts/${id}`, { name: '北门岗', role: 'quarantine' });
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ id, name: '北门岗', role: 'quarantine', kind: 'gate', placeId: tree.compoundA });
    expect(await audits('duty.post.update', id)).toBe(1);

    const kind = await staff.patch(`/api/duty/posts/${id}`, { kind: 'stairwell', name: '楼道' });
    expect([kind.status, kind.json.code]).toEqual([400, 'DUTY_PLACE_KIND']);
    expect(kind.json.messages['en-US']).toMatch(/cannot have a post/);
    const empty = await staff.patch(`/api/duty/posts/${id}`, {});
    expect(empty.status).toBe(400);
    const foreign = await otherStaff.patch(`/api/duty/posts/${id}`, { name: '别人的岗' });
    expect(foreign.status).toBe(404);
    expect((await staff.get(`/api/duty/posts/${id}`)).json).toMatchObject({ name: '北门岗', role: 'quarantine', kind: 'gate' });
    expect(await audits('duty.post.update', id)).toBe(1);
  });
});

describe('shifts from a template', () => {
  it('previews how many a week of 3×8 makes (nothing written), makes them, and a second run makes none', async () => {
    const post = await staff.post('/api/duty/posts', { placeId: tree.compoundA, kind: 'gate', name: '西门', role: 'gatekeeper' });
    const id = post.json.id as number;
    const body = { from: '2026-03-19', to: '2026-03-25', pattern: '3x8', firstStart: '08:00', headcount: 2, requiredSkill: '测温' };
    const preview = await staff.post(`/api/duty/posts/${id}/shifts/generate`, { ...body, preview: true });
    expect(preview.status).toBe(200);
    expect(preview.json).toEqual({ created: 21, kept: 0, shiftIds: [], preview: true });
    expect(await count(sql`SELECT count(*)::int AS n FROM duty_shifts WHERE post_id = ${id}`)).toBe(0);
    expect(await audits('duty.shift.generate', id)).toBe(0);

    const made = await staff.post(`/api/duty/posts/${id}/shifts/generate`, body);
    expect(made.status).toBe(201);
    expect(made.json).toMatchObject({ created: 21, kept: 0, preview: false });
    expect(await count(sql`SELECT count(*)::int AS n FROM duty_shifts WHERE post_id = ${id} AND required_skill = '测温' AND headcount = 2`)).toBe(21);

    // A week's calendar asks for up to 1,000 shifts at once.
    const week = await staff.get(
      `/api/duty/shifts?postId=${id}&from=${at('2026-03-19', '00:00').toISOString()}&to=${at('2026-03-27', '00:00').toISOString()}&pageSize=1000`,
    );
    expect([week.status, week.json.total, week.json.items.length]).toEqual([200, 21, 21]);
    expect((await staff.get(`/api/duty/shifts?postId=${id}&pageSize=1001`)).status).toBe(400);
    const again = await staff.post(`/api/duty/posts/${id}/shifts/generate`, { ...body, preview: true });
    expect(again.json).toMatchObject({ created: 0, kept: 21 });
    const twoByTwelve = await staff.post(`/api/duty/posts/${id}/shifts/generate`, { ...body, from: '2026-03-26', to: '2026-03-26', pattern: '2x12' });
    expect(twoByTwelve.json).toMatchObject({ created: 2, kept: 0 });
  });

  it('five runs at the same instant make the shifts once', async () => {
    const post = await staff.post('/api/duty/posts', { placeId: tree.compoundA, kind: 'gate', name: '南门', role: 'gatekeeper' });
    const id = post.json.id as number;
    const body = { from: '2026-03-20', to: '2026-03-22', pattern: '2x12', firstStart: '07:00', headcount: 1 };
    const runs = await Promise.all(Array.from({ length: 5 }, () => staff.post(`/api/duty/posts/${id}/shifts/generate`, body)));
    expect(runs.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    expect(runs.reduce((s, r) => s + (r.json.created as number), 0)).toBe(6);
    expect(await count(sql`SELECT count(*)::int AS n FROM duty_shifts WHERE post_id = ${id}`)).toBe(6);
  });

  it('a range in the past or longer than 31 days is refused and nothing is made', async () => {
    const post = await staff.post('/api/duty/posts', { placeId: tree.compoundA, kind: 'gate', name: '后门', role: 'gatekeeper' });
    const id = post.json.id as number;
    const past = await staff.post(`/api/duty/posts/${id}/shifts/generate`, { from: '2026-03-10', to: '2026-03-12', pattern: '3x8', headcount: 1 });
    expect([past.status, past.json.code]).toEqual([400, 'DUTY_DATE_RANGE']);
    const long = await staff.post(`/api/duty/posts/${id}/shifts/generate`, {
      from: '2026-03-19',
      to: '2026-05-19',
      pattern: '3x8',
      headcount: 1,
      preview: true,
    });
    expect([long.status, long.json.code]).toEqual([400, 'DUTY_DATE_RANGE']);
    expect(await count(sql`SELECT count(*)::int AS n FROM duty_shifts WHERE post_id = ${id}`)).toBe(0);
  });
});

describe('work teams', () => {
  it('edits a team at its version, gives it a block of posts of its community; another community’s post changes nothing', async () => {
    const leader = await confirmedMember('队长甲', '13800002001');
    const team = await staff.post('/api/duty/teams', { communityId: tree.communityA, name: '采油厂工作队' });
    expect(team.status).toBe(201);
    const id = team.json.id as number;
    const edited = await staff.patch(`/api/duty/teams/${id}`, {
      name: '采油厂突击队',
      partyBranch: '临时党支部',
      leaderMemberId: leader,
      version: team.json.version,
    });
    expect(edited.status).toBe(200);
    expect(edited.json).toMatchObject({ name: '采油厂突击队', partyBranch: '临时党支部', leaderMemberId: leader, leaderName: '队长甲', memberCount: 1 });
    const stale = await staff.patch(`/api/duty/teams/${id}`, { name: '旧版本', version: team.json.version });
    expect([stale.status, stale.json.code]).toEqual([409, 'STALE_VERSION']);
    expect(await audits('duty.team.update', id)).toBe(1);

    const mine = await Promise.all(
      ['一号楼', '二号楼'].map(
        async (name) => (await staff.post('/api/duty/posts', { placeId: tree.compoundA, kind: 'gate', name, role: 'patrol' })).json.id as number,
      ),
    );
    const theirs = (await otherStaff.post('/api/duty/posts', { placeId: tree.compoundB, kind: 'gate', name: '白云东门', role: 'patrol' })).json.id as number;
    const bad = await staff.post(`/api/duty/teams/${id}/posts`, { postIds: [...mine, theirs] });
    expect([bad.status, bad.json.code]).toEqual([400, 'DUTY_TEAM_POSTS']);
    expect(bad.json.messages['zh-CN']).toBe('请选择本社区的岗位');
    expect(await count(sql`SELECT count(*)::int AS n FROM duty_posts WHERE team_id = ${id}`)).toBe(0);

    const ok = await staff.post(`/api/duty/teams/${id}/posts`, { postIds: mine });
    expect(ok.status).toBe(200);
    expect(ok.json.posts).toBe(2);
    expect((await staff.get(`/api/duty/posts?teamId=${id}`)).json.items.map((p: { teamName: string }) => p.teamName)).toEqual(['采油厂突击队', '采油厂突击队']);
    expect(await audits('duty.team.assignPosts', id)).toBe(1);
    expect((await otherStaff.post(`/api/duty/teams/${id}/posts`, { postIds: [theirs] })).status).toBe(404);
  });
});

describe('on a shift: the leader for a member without a phone', () => {
  it('assigns, confirms the check-in and check-out (minutes computed); records a no-show only after the start', async () => {
    const a = await confirmedMember('无手机党员', '13800002002');
    const b = await confirmedMember('缺岗党员', '13800002003');
    const post = (await staff.post('/api/duty/posts', { placeId: tree.compoundA, kind: 'gate', name: '值守岗', role: 'gatekeeper' })).json.id as number;
    const shift = await staff.post(`/api/duty/posts/${post}/shifts`, {
      startsAt: at('2026-03-18', '10:00').toISOString(),
      endsAt: at('2026-03-18', '12:00').toISOString(),
      headcount: 2,
    });
    const ca = await staff.post(`/api/duty/shifts/${shift.json.id}/assign`, { memberId: a });
    const cb = await staff.post(`/api/duty/shifts/${shift.json.id}/assign`, { memberId: b });
    expect([ca.status, cb.status]).toEqual([201, 201]);
    expect(ca.json.actions).toEqual(expect.arrayContaining(['cancel', 'checkIn', 'noShow']));

    const early = await staff.post(`/api/duty/claims/${cb.json.id}/no-show`, {});
    expect([early.status, early.json.code]).toEqual([409, 'DUTY_NO_SHOW_EARLY']);
    expect(early.json.messages['en-US']).toMatch(/after the shift has started/);

    t.clock.set(at('2026-03-18', '09:50'));
    const inn = await staff.post(`/api/duty/claims/${ca.json.id}/check-in`, {});
    expect(inn.json).toMatchObject({ status: 'checkedIn' });
    t.clock.set(at('2026-03-18', '10:20'));
    const no = await staff.post(`/api/duty/claims/${cb.json.id}/no-show`, {});
    expect(no.status).toBe(200);
    expect(no.json.status).toBe('noShow');
    const twice = await staff.post(`/api/duty/claims/${cb.json.id}/no-show`, {});
    expect([twice.status, twice.json.code]).toEqual([409, 'DUTY_CLAIM_STATE']);
    const onDuty = await staff.post(`/api/duty/claims/${ca.json.id}/no-show`, {});
    expect([onDuty.status, onDuty.json.code]).toEqual([409, 'DUTY_CLAIM_STATE']);
    expect((await otherStaff.post(`/api/duty/claims/${cb.json.id}/no-show`, {})).status).toBe(404);
    expect(await audits('duty.claim.noShow', cb.json.id)).toBe(1);

    t.clock.set(at('2026-03-18', '11:30'));
    const out = await staff.post(`/api/duty/claims/${ca.json.id}/check-out`, {});
    expect(out.json).toMatchObject({ status: 'checkedOut', servedMinutes: 90 });
    const detail = await staff.get(`/api/duty/shifts/${shift.json.id}`);
    expect(detail.json.claims.map((c: { memberName: string; status: string }) => [c.memberName, c.status]).sort()).toEqual([
      ['无手机党员', 'checkedOut'],
      ['缺岗党员', 'noShow'],
    ]);
    t.clock.set(at('2026-03-18', '09:00'));
  });
});
