import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from './platform/access/actor.js';
import { inProcessCaller } from './platform/http/in-process.js';
import { localDate, localInstant } from './platform/time.js';
import { seedInboundDay } from './modules/inbound/index.js';
import { seedServicedeskDay, seedServicedeskDemo } from './modules/servicedesk/index.js';
import { buildSmallTree, makeIdNumber, type SmallTree } from './test-support/fixtures.js';
import { TEST_PASSWORD, userWith, type TestClient } from './test-support/http-client.js';
import { createTestPlatform, type TestPlatform } from './test-support/test-platform.js';

let t: TestPlatform;
let tree: SmallTree;
let admin: TestClient;
const people: number[] = [];
let employer: number;

/** The demo's own callers: each user signs in and acts through the API in this process. */
const as = (username: string) => inProcessCaller(t.app, username, TEST_PASSWORD);
const countBy = (items: { status: string }[]) => {
  const out: Record<string, number> = {};
  for (const x of items) out[x.status] = (out[x.status] ?? 0) + 1;
  return out;
};

beforeAll(async () => {
  t = await createTestPlatform();
  t.clock.set(localInstant('2026-03-18', '09:00', 'Asia/Shanghai'));
  admin = await userWith(t.platform, t.app, ['admin'], { all: true }, 'dayadmin');
  tree = await buildSmallTree(admin);
  employer = (await admin.post('/api/employers', { name: '渤海钻井总公司' })).json.id;
  for (let i = 0; i < 10; i++) {
    const r = await admin.post('/api/residents', {
      dwellingId: tree.dwellingsA[i % tree.dwellingsA.length],
      name: `职工${i}`,
      idNumber: makeIdNumber('19850101', 300 + i),
      employerId: employer,
    });
    people.push(r.json.id);
  }
});
afterAll(() => t.close());

describe("the demo's day of activity", () => {
  it("leaves returning people in every step of the loop, one with a fever alert, and today's figures on the dashboard", async () => {
    await userWith(t.platform, t.app, ['employer_liaison'], { employerIds: [employer] }, 'dayliaison');
    const department = await userWith(t.platform, t.app, ['department_coordinator'], { placeIds: [tree.department] }, 'daydept');
    await userWith(t.platform, t.app, ['community_staff'], { placeIds: [tree.communityA] }, 'daystaff');
    const health = await userWith(t.platform, t.app, ['health_worker'], { placeIds: [tree.communityA] }, 'dayhealth');
    const today = localDate(t.clock.now(), 'Asia/Shanghai');
    await seedInboundDay(
      { liaison: await as('dayliaison'), department: await as('daydept'), community: await as('daystaff'), health: await as('dayhealth') },
      people,
      today,
    );

    const all = (await department.get('/api/inbound/requests?tab=all&pageSize=50')).json;
    expect(countBy(all.items)).toEqual({ submitted: 2, routed: 2, approved: 1, rejected: 1, notified: 2, arrived: 2 });
    expect((await health.get('/api/observation/cases')).json.total).toBe(2);
    const alerts = (await health.get('/api/notifications?pageSize=50')).json.items.filter((n: { kind: string }) => n.kind.startsWith('observation.'));
    expect(alerts.length).toBeGreaterThan(0);
    const card = (await department.get('/api/dashboard')).json;
    const loop = card.cards.find((c: { key: string }) => c.key === 'inbound.loop');
    const figure = (key: string) => loop.figures.find((f: { key: string }) => f.key === key).value;
    expect([figure('submitted'), figure('approved'), figure('rejected')]).toEqual([10, 5, 1]);
  });

  it('leaves hotline orders in every stage, rated ones among them, and the figures count them', async () => {
    const desk = await userWith(t.platform, t.app, ['community_staff'], { placeIds: [tree.communityA] }, 'daydesk');
    const repairer = await userWith(t.platform, t.app, ['property_staff'], { placeIds: [tree.compoundA] }, 'dayrepair');
    const ctx = { platform: t.platform, actor: systemActor('demo'), origin: { ip: null, channel: 'system' as const, requestId: null }, lang: 'zh-CN' as const };
    await seedServicedeskDemo(ctx, { communityId: tree.communityA, propertyUserId: repairer.userId, communityUserId: desk.userId });
    await seedServicedeskDay({ desk: await as('daydesk'), repairer: await as('dayrepair') }, repairer.userId, tree.dwellingsA);

    const orders = (await desk.get('/api/servicedesk/orders?status=all&pageSize=50')).json.items;
    expect(countBy(orders)).toEqual({ received: 2, dispatched: 1, accepted: 1, on_site: 1, resolved: 1, closed: 3 });
    // The repairer's phone: the dispatched, accepted, on-site and resolved (awaiting the callback) orders.
    expect((await repairer.get('/api/servicedesk/my-work')).json.mine.length).toBe(4);
    const figures = (await desk.get('/api/servicedesk/figures')).json;
    expect(figures.totals).toMatchObject({ orders: 9 });
    expect(figures.totals.satisfaction).toBeCloseTo(14 / 3, 1);
  });
});
