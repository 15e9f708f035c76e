import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localInstant } from '../../platform/time.js';
import { buildSmallTree, type SmallTree } from '../../test-support/fixtures.js';
import { userWith, type TestClient } from '../../test-support/http-client.js';
import { createTestPlatform, type TestPlatform } from '../../test-support/test-platform.js';
import { syncDutyHours } from './index.js';

/** Duty shifts served by a volunteer come into the hours ledger from the duty module's served minutes, once. */

const TZ = 'Asia/Shanghai';
let t: TestPlatform;
let tree: SmallTree;
let coord: TestClient & { userId: number };

beforeAll(async () => {
  t = await createTestPlatform();
  t.clock.set(localInstant('2026-03-18', '08:00', TZ));
  const admin = await userWith(t.platform, t.app, ['admin'], { all: true }, 'dhadmin');
  tree = await buildSmallTree(admin);
  coord = await userWith(t.platform, t.app, ['department_coordinator'], { placeIds: [tree.department] }, 'dhcoord');
}, 120_000);
afterAll(async () => {
  await t?.close();
});

describe('duty minutes in the hours ledger', () => {
  it("a volunteer's shift checked out is a confirmed entry pointing at the claim; syncing again changes nothing; a member who is not a volunteer is left out", async () => {
    const ok = async (r: Promise<{ status: number; json: any }>, what: string) => {
      const x = await r;
      if (x.status >= 300) throw new Error(`${what}: ${x.status} ${JSON.stringify(x.json)}`);
      return x.json;
    };
    const people: number[] = [];
    for (const name of ['党员甲', '党员乙']) {
      const residentId = (await ok(coord.post('/api/residents', { dwellingId: tree.dwellingsA[0], name }), 'resident')).id;
      const member = await ok(coord.post('/api/duty/members', { residentId, roles: ['gatekeeper'], skills: [] }), 'member');
      await ok(coord.post(`/api/duty/members/${member.id}/confirm`, {}), 'confirm');
      people.push(member.id);
      if (name === '党员甲') await ok(coord.post('/api/volunteers/people', { residentId, placeId: tree.communityA }), 'volunteer');
    }
    const post = await ok(coord.post('/api/duty/posts', { placeId: tree.compoundA, kind: 'gate', name: '东门', role: 'gatekeeper' }), 'post');
    const shift = await ok(
      coord.post(`/api/duty/posts/${post.id}/shifts`, {
        startsAt: localInstant('2026-03-18', '08:20', TZ).toISOString(),
        endsAt: localInstant('2026-03-18', '10:20', TZ).toISOString(),
        headcount: 2,
      }),
      'shift',
    );
    const claims = [];
    for (const m of people) claims.push(await ok(coord.post(`/api/duty/shifts/${shift.id}/assign`, { memberId: m }), 'assign'));
    t.clock.set(localInstant('2026-03-18', '08:20', TZ));
    for (const c of claims) await ok(coord.post(`/api/duty/claims/${c.id}/check-in`, {}), 'check-in');
    t.clock.set(localInstant('2026-03-18', '10:00', TZ));
    const served: number[] = [];
    for (const c of claims) served.push((await ok(coord.post(`/api/duty/claims/${c.id}/check-out`, {}), 'check-out')).servedMinutes);
    // About 100 minutes, as the duty module computed them from the check-in and check-out: the ledger takes its figure.
    expect(Math.abs(served[0]! - 100)).toBeLessThanOrEqual(1);
    expect(await syncDutyHours(t.platform)).toBe(1);
    expect(await syncDutyHours(t.platform)).toBe(0);
    const entries = (await ok(coord.get('/api/volunteers/hours?source=duty'), 'hours')).items;
    expect(entries.map((e: { sourceId: number; minutes: number; status: string }) => [e.sourceId, e.minutes, e.status])).toEqual([
      [claims[0].id, served[0], 'confirmed'],
    ]);
  });
});
