import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escalateOverdue } from '../../platform/obligations/obligations.service.js';
import { localInstant } from '../../platform/time.js';
import { buildSmallTree, makeIdNumber, type SmallTree } from '../../test-support/fixtures.js';
import { userWith, type TestClient } from '../../test-support/http-client.js';
import { createTestPlatform, type TestPlatform } from '../../test-support/test-platform.js';

const MIN = 60000;
type Client = TestClient & { userId: number };
let t: TestPlatform;
let tree: SmallTree;
let liaisons: Client[];
let coordinator: Client;
let staff: Client;
let employee: number;

beforeAll(async () => {
  t = await createTestPlatform();
  t.clock.set(localInstant('2026-03-18', '09:00', 'Asia/Shanghai'));
  const admin = await userWith(t.platform, t.app, ['admin'], { all: true }, 'escadmin');
  tree = await buildSmallTree(admin);
  const employer = (await admin.post('/api/employers', { name: '渤海钻井总公司' })).json.id;
  employee = (
    await admin.post('/api/residents', {
      dwellingId: tree.dwellingsA[0],
      name: '季师傅',
      idNumber: makeIdNumber('19800101', 11),
      phone: '13900000011',
      employerId: employer,
    })
  ).json.id;
  // An employer with two liaisons: the notify step is a to-do for each of them.
  liaisons = [
    await userWith(t.platform, t.app, ['employer_liaison'], { employerIds: [employer] }, 'escliaison1'),
    await userWith(t.platform, t.app, ['employer_liaison'], { employerIds: [employer] }, 'escliaison2'),
  ];
  coordinator = await userWith(t.platform, t.app, ['department_coordinator'], { placeIds: [tree.department] }, 'esccoord');
  staff = await userWith(t.platform, t.app, ['community_staff'], { placeIds: [tree.communityA] }, 'escstaff');
});
afterAll(() => t.close());

const notices = async (c: TestClient, kind: string, reference: string) =>
  (await c.get('/api/notifications?pageSize=200')).json.items.filter((n: any) => n.kind === kind && n.title['zh-CN'].includes(reference));

describe('a notify step held by two liaisons', () => {
  it('alerts the department once when it runs late, and each liaison once', async () => {
    let r = (
      await liaisons[0]!.post('/api/inbound/requests', {
        residentId: employee,
        fromCity: '河南濮阳',
        fromRisk: 'low',
        plannedArrival: '2026-03-19',
        health: { symptoms: [], contactWithCase: false },
      })
    ).json;
    r = (await coordinator.post(`/api/inbound/requests/${r.id}/route`, { version: r.version })).json;
    r = (await staff.post(`/api/inbound/requests/${r.id}/approve`, { measure: { kind: 'home_observation', days: 14 }, version: r.version })).json;
    expect(r.status).toBe('approved');
    for (const l of liaisons) expect((await l.get('/api/todos?pageSize=50')).json.items.filter((o: any) => o.kind === 'inbound.notify')).toHaveLength(1);
    // The notify limit is two hours.
    t.clock.advance(121 * MIN);
    await escalateOverdue(t.platform);
    await escalateOverdue(t.platform);
    expect(await notices(coordinator, 'obligation.escalated', r.reference)).toHaveLength(1);
    for (const l of liaisons) expect(await notices(l, 'obligation.overdue', r.reference)).toHaveLength(1);
  });
});
