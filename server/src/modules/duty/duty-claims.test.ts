import type { Role } from '@jiayuan/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/access/actor.js';
import type { Ctx } from '../../platform/context.js';
import { queryOne, sql } from '../../platform/db/database.js';
import { isAppError } from '../../platform/errors/app-error.js';
import { localInstant } from '../../platform/time.js';
import { buildSmallTree, type SmallTree } from '../../test-support/fixtures.js';
import { userWith, type TestClient } from '../../test-support/http-client.js';
import { createTestPlatform, type TestPlatform } from '../../test-support/test-platform.js';
import { cancelClaim, claimShift, respondToCallUp } from './duty-claims.service.js';
import { dutyMembers } from './duty.schema.js';

/**
 * Claims under load, on both databases (PGlite here, PostgreSQL with TEST_DATABASE_URL): a crowd
 * claiming one shift at the same instant never overfills it, the rest waits in order; one
 * member's overlapping claims raced leave one.
 */

const TZ = 'Asia/Shanghai';
let t: TestPlatform;
let admin: TestClient;
let tree: SmallTree;
let staff: TestClient & { userId: number };
const members: { id: number; residentId: number }[] = [];
let postId: number;

const residentActor = (residentId: number): Actor => ({
  kind: 'user',
  userId: null,
  tokenId: null,
  name: `resident:${residentId}`,
  roles: ['resident' as Role],
  permissions: new Set(),
  scope: { all: false, places: [], employerIds: [] },
  residentId,
  householdId: null,
});
const as = (residentId: number): Ctx => ({
  platform: t.platform,
  actor: residentActor(residentId),
  origin: { ip: null, channel: 'web', requestId: null },
  lang: 'zh-CN',
});
const codeOf = async (p: Promise<unknown>) => {
  try {
    await p;
    return 'ok';
  } catch (e) {
    if (isAppError(e)) return e.code;
    throw e;
  }
};

/** A shift of the test post (local times on 2026-03-20). */
async function shift(from: string, to: string, headcount: number, day = '2026-03-20') {
  const r = await staff.post(`/api/duty/posts/${postId}/shifts`, {
    startsAt: localInstant(day, from, TZ).toISOString(),
    endsAt: localInstant(day, to, TZ).toISOString(),
    headcount,
  });
  if (r.status !== 201) throw new Error(`shift: ${r.status} ${JSON.stringify(r.json)}`);
  return r.json.id as number;
}

beforeAll(async () => {
  t = await createTestPlatform();
  t.clock.set(localInstant('2026-03-18', '09:00', TZ));
  admin = await userWith(t.platform, t.app, ['admin'], { all: true }, 'dutyadmin');
  tree = await buildSmallTree(admin);
  staff = await userWith(t.platform, t.app, ['community_staff'], { placeIds: [tree.communityA] }, 'dutystaff');
  // 310 residents of community A, confirmed members (written straight to the module's own table: the workflow has its own tests).
  for (let i = 0; i < 310; i++) {
    const r = await admin.post('/api/residents', { dwellingId: tree.dwellingsA[i % tree.dwellingsA.length], name: `党员${i}` });
    if (r.status !== 201) throw new Error(`resident: ${r.status} ${JSON.stringify(r.json)}`);
    const path = (await queryOne<{ path: string }>(t.platform.db, sql`SELECT path FROM places WHERE id = ${tree.dwellingsA[i % tree.dwellingsA.length]}`))!
      .path;
    const [m] = await t.platform.db
      .insert(dutyMembers)
      .values({ residentId: r.json.id, communityId: tree.communityA, placePath: path, status: 'confirmed', roles: ['gatekeeper'] })
      .returning();
    members.push({ id: m!.id, residentId: r.json.id });
  }
  const post = await staff.post('/api/duty/posts', { placeId: tree.compoundA, kind: 'gate', name: '建工小区东门', role: 'gatekeeper' });
  if (post.status !== 201) throw new Error(`post: ${post.status} ${JSON.stringify(post.json)}`);
  postId = post.json.id;
}, 240_000);

afterAll(async () => {
  await t?.close();
});

describe('claims never overfill', () => {
  it('310 members claiming 300 places at the same instant: exactly 300 hold a place and 10 wait, in order', async () => {
    const id = await shift('08:00', '16:00', 300);
    const results = await Promise.all(members.map((m) => claimShift(as(m.residentId), id, { waitlist: true })));
    expect(results.filter((c) => c.status === 'held')).toHaveLength(300);
    const waiting = results.filter((c) => c.status === 'waiting');
    expect(waiting).toHaveLength(10);
    expect(waiting.map((c) => c.position).sort((a, b) => a! - b!)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const row = await queryOne<{ filled: number; waiting: number; held: number; queued: number }>(
      t.platform.db,
      sql`SELECT s.filled, s.waiting,
                 (SELECT count(*)::int FROM duty_claims c WHERE c.shift_id = s.id AND c.status = 'held') AS held,
                 (SELECT count(*)::int FROM duty_claims c WHERE c.shift_id = s.id AND c.status = 'waiting') AS queued
          FROM duty_shifts s WHERE s.id = ${id}`,
    );
    expect(row).toEqual({ filled: 300, waiting: 10, held: 300, queued: 10 });
  }, 120_000);

  it('a cancellation promotes the first member waiting, in the same transaction, and tells them', async () => {
    const id = await shift('16:00', '23:00', 2, '2026-03-21');
    const [a, b, c, d] = members;
    await claimShift(as(a!.residentId), id, { waitlist: true });
    await claimShift(as(b!.residentId), id, { waitlist: true });
    const third = await claimShift(as(c!.residentId), id, { waitlist: true });
    const fourth = await claimShift(as(d!.residentId), id, { waitlist: true });
    expect([third.status, third.position, fourth.status, fourth.position]).toEqual(['waiting', 1, 'waiting', 2]);
    const mine = await queryOne<{ id: number }>(t.platform.db, sql`SELECT id FROM duty_claims WHERE shift_id = ${id} AND member_id = ${a!.id}`);
    const out = await cancelClaim(as(a!.residentId), mine!.id, {});
    expect(out.claim.status).toBe('cancelled');
    expect(out.promoted).toMatchObject({ id: third.id, status: 'held', position: null });
    const after = await queryOne<{ filled: number; waiting: number }>(t.platform.db, sql`SELECT filled, waiting FROM duty_shifts WHERE id = ${id}`);
    expect(after).toEqual({ filled: 2, waiting: 1 });
    const pos = await queryOne<{ n: number }>(
      t.platform.db,
      sql`SELECT count(*)::int AS n FROM duty_claims WHERE shift_id = ${id} AND status = 'waiting' AND id <= ${fourth.id}`,
    );
    expect(pos!.n).toBe(1);
    const promoted = await queryOne<{ n: number }>(
      t.platform.db,
      sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'duty.claim.promote' AND entity_id = ${String(third.id)}`,
    );
    expect(promoted!.n).toBe(1);
  });

  it("one member's overlapping claims raced: one is held, the others refused as overlapping", async () => {
    const ids = [
      await shift('09:00', '13:00', 5, '2026-03-22'),
      await shift('10:00', '14:00', 5, '2026-03-22'),
      await shift('12:00', '18:00', 5, '2026-03-22'),
    ];
    const m = members[100]!;
    const codes = await Promise.all(ids.map((id) => codeOf(claimShift(as(m.residentId), id, { waitlist: true }))));
    expect(codes.filter((c) => c === 'ok')).toHaveLength(1);
    expect(codes.filter((c) => c === 'DUTY_OVERLAP')).toHaveLength(2);
    const held = await queryOne<{ n: number }>(
      t.platform.db,
      sql`SELECT count(*)::int AS n FROM duty_claims WHERE member_id = ${m.id} AND starts_at::date = '2026-03-22'`,
    );
    expect(held!.n).toBe(1);
  });

  it('the rest rule refuses a shift that makes more than 12 hours in 24', async () => {
    const m = members[101]!;
    const a = await shift('06:00', '14:00', 5, '2026-03-23');
    const b = await shift('18:00', '23:00', 5, '2026-03-23');
    expect(await codeOf(claimShift(as(m.residentId), a, { waitlist: true }))).toBe('ok');
    expect(await codeOf(claimShift(as(m.residentId), b, { waitlist: true }))).toBe('DUTY_REST_RULE');
  });

  it('refuses a full shift without the waiting list, a shift in the past, an unconfirmed member, a second claim, and changes nothing', async () => {
    const full = await shift('08:00', '10:00', 1, '2026-03-24');
    expect(await codeOf(claimShift(as(members[102]!.residentId), full, { waitlist: false }))).toBe('ok');
    expect(await codeOf(claimShift(as(members[103]!.residentId), full, { waitlist: false }))).toBe('DUTY_SHIFT_FULL');
    expect(await codeOf(claimShift(as(members[102]!.residentId), full, { waitlist: true }))).toBe('DUTY_ALREADY_CLAIMED');
    t.clock.set(localInstant('2026-03-24', '08:30', TZ));
    const codes = await codeOf(claimShift(as(members[104]!.residentId), full, { waitlist: true }));
    t.clock.set(localInstant('2026-03-18', '09:00', TZ));
    expect(codes).toBe('DUTY_SHIFT_PAST');
    await t.platform.db
      .update(dutyMembers)
      .set({ status: 'reported' })
      .where(sql`id = ${members[105]!.id}`);
    const other = await shift('11:00', '12:00', 3, '2026-03-24');
    expect(await codeOf(claimShift(as(members[105]!.residentId), other, { waitlist: true }))).toBe('DUTY_MEMBER_NOT_CONFIRMED');
    const row = await queryOne<{ filled: number; waiting: number; n: number }>(
      t.platform.db,
      sql`SELECT s.filled, s.waiting, (SELECT count(*)::int FROM duty_claims c WHERE c.shift_id = s.id) AS n FROM duty_shifts s WHERE s.id = ${full}`,
    );
    expect(row).toEqual({ filled: 1, waiting: 0, n: 1 });
    await t.platform.db
      .update(dutyMembers)
      .set({ status: 'confirmed' })
      .where(sql`id = ${members[105]!.id}`);
  });

  it("someone else's claim cannot be cancelled", async () => {
    const id = await shift('13:00', '15:00', 2, '2026-03-25');
    const c = await claimShift(as(members[110]!.residentId), id, { waitlist: true });
    expect(await codeOf(cancelClaim(as(members[111]!.residentId), c.id, {}))).toBe('DUTY_NOT_YOUR_CLAIM');
  });
});

describe('call-ups fill live and stop at N', () => {
  it('310 members answering a call-up of 300 places over 30 posts at once: 300 places taken, 10 waiting, the call-up filled once', async () => {
    const postIds: number[] = [];
    for (let i = 0; i < 30; i++) {
      const p = await staff.post('/api/duty/posts', { placeId: tree.compoundA, kind: 'area', name: `卡点${i}`, role: 'patrol' });
      postIds.push(p.json.id);
    }
    const created = await staff.post('/api/duty/call-ups', {
      title: '核酸检测点值守',
      placeId: tree.communityA,
      postIds,
      needed: 300,
      roles: [],
      startsAt: localInstant('2026-03-19', '08:00', TZ).toISOString(),
      endsAt: localInstant('2026-03-19', '16:00', TZ).toISOString(),
      deadline: localInstant('2026-03-19', '07:00', TZ).toISOString(),
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ needed: 300, filled: 0, posts: 30, status: 'open', notified: 310 });
    const id = created.json.id as number;
    const results = await Promise.all(members.map((m) => respondToCallUp(as(m.residentId), id, { waitlist: true })));
    expect(results.filter((c) => c.status === 'held')).toHaveLength(300);
    expect(results.filter((c) => c.status === 'waiting')).toHaveLength(10);
    const view = await staff.get(`/api/duty/call-ups/${id}`);
    expect(view.json).toMatchObject({ filled: 300, waiting: 10, status: 'filled' });
    expect(view.json.secondsToFill).toBeGreaterThanOrEqual(0);
    const over = await queryOne<{ n: number }>(t.platform.db, sql`SELECT count(*)::int AS n FROM duty_shifts WHERE call_up_id = ${id} AND filled > headcount`);
    expect(over!.n).toBe(0);
    const fills = await queryOne<{ n: number }>(
      t.platform.db,
      sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'duty.callUp.fill' AND entity_id = ${String(id)}`,
    );
    expect(fills!.n).toBe(1);
    expect(await codeOf(respondToCallUp(as(members[0]!.residentId), id, { waitlist: true }))).toBe('DUTY_ALREADY_CLAIMED');
    // A place given back on any of its shifts goes to the call-up's first waiting member.
    const first = Math.min(...results.map((c) => c.shiftId));
    const leaving = results.find((c) => c.status === 'held' && c.shiftId !== first)!;
    const firstWaiting = results.filter((c) => c.status === 'waiting').sort((a, b) => a.id - b.id)[0]!;
    const who = members.find((mm) => mm.id === leaving.memberId)!;
    const out = await cancelClaim(as(who.residentId), leaving.id, { reason: '临时有事' });
    expect(out.promoted).toMatchObject({ id: firstWaiting.id, status: 'held', shiftId: leaving.shiftId });
    expect((await staff.get(`/api/duty/call-ups/${id}`)).json).toMatchObject({ filled: 300, waiting: 9 });
  }, 120_000);

  it('an answer overlapping a shift held is refused and takes nothing; answers show the member, the post and the place in the queue', async () => {
    const postIds: number[] = [];
    for (let i = 0; i < 2; i++)
      postIds.push((await staff.post('/api/duty/posts', { placeId: tree.compoundA, kind: 'area', name: `路口${i}`, role: 'patrol' })).json.id);
    const created = await staff.post('/api/duty/call-ups', {
      title: '路口值守',
      placeId: tree.communityA,
      postIds,
      needed: 2,
      roles: [],
      startsAt: localInstant('2026-03-25', '08:00', TZ).toISOString(),
      endsAt: localInstant('2026-03-25', '16:00', TZ).toISOString(),
      deadline: localInstant('2026-03-25', '07:00', TZ).toISOString(),
    });
    expect(created.status).toBe(201);
    const id = created.json.id as number;
    const [a, b, c, d] = [members[200]!, members[201]!, members[202]!, members[203]!];
    expect(await codeOf(claimShift(as(a.residentId), await shift('10:00', '12:00', 1, '2026-03-25'), { waitlist: false }))).toBe('ok');
    const claimsOf = async (memberId: number) =>
      (await queryOne<{ n: number }>(t.platform.db, sql`SELECT count(*)::int AS n FROM duty_claims WHERE member_id = ${memberId}`))!.n;
    const before = await claimsOf(a.id);
    expect(await codeOf(respondToCallUp(as(a.residentId), id, { waitlist: true }))).toBe('DUTY_OVERLAP');
    expect(await claimsOf(a.id)).toBe(before);
    expect((await staff.get(`/api/duty/call-ups/${id}`)).json).toMatchObject({ filled: 0, waiting: 0, status: 'open' });

    const held = await respondToCallUp(as(b.residentId), id, { waitlist: true });
    expect(held).toMatchObject({ memberId: b.id, memberName: '党员201', status: 'held', position: null, postName: '路口0' });
    expect(held.placeLabel).not.toBe('');
    expect(await respondToCallUp(as(c.residentId), id, { waitlist: false })).toMatchObject({ status: 'held', postName: '路口1' });
    const dBefore = await claimsOf(d.id);
    expect(await codeOf(respondToCallUp(as(d.residentId), id, { waitlist: false }))).toBe('DUTY_SHIFT_FULL');
    expect(await claimsOf(d.id)).toBe(dBefore);
    expect(await respondToCallUp(as(d.residentId), id, { waitlist: true })).toMatchObject({
      memberName: '党员203',
      status: 'waiting',
      position: 1,
      postName: '路口0',
    });
    expect((await staff.get(`/api/duty/call-ups/${id}`)).json).toMatchObject({ filled: 2, waiting: 1, status: 'filled' });
  });
});
