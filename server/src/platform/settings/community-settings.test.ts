import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSmallTree, type SmallTree } from '../../test-support/fixtures.js';
import { userWith, type TestClient } from '../../test-support/http-client.js';
import { createTestPlatform, type TestPlatform } from '../../test-support/test-platform.js';

/** The settings every module keeps per community, through one helper: defaults, scope, versions, races. */
let t: TestPlatform;
let tree: SmallTree;
let coordinator: TestClient;
let staffB: TestClient;
const deadlines = { routeMinutes: 20, reviewMinutes: 50, notifyMinutes: 120, arrivalGraceDays: 1, defaultObservationDays: 14 };
const rule = { stairwell: 1, building: 2, compound: 3, windowDays: 14, releaseDays: 14, autoConfirm: false, countSuspected: false };

beforeAll(async () => {
  t = await createTestPlatform();
  tree = await buildSmallTree(await userWith(t.platform, t.app, ['admin'], { all: true }, 'setadmin'));
  coordinator = await userWith(t.platform, t.app, ['department_coordinator'], { placeIds: [tree.department] }, 'setcoord');
  staffB = await userWith(t.platform, t.app, ['community_staff'], { placeIds: [tree.communityB] }, 'setstaffb');
});
afterAll(() => t.close());

describe('per-community settings', () => {
  it('start as the defaults (version 0), and a save names the version it read', async () => {
    const before = (await coordinator.get('/api/inbound/settings')).json.items.find((i: any) => i.communityId === tree.communityA);
    expect([before.isDefault, before.version]).toEqual([true, 0]);
    const saved = await coordinator.put(`/api/inbound/settings/${tree.communityA}`, { ...deadlines, version: 0 });
    expect([saved.status, saved.json.isDefault, saved.json.version, saved.json.routeMinutes]).toEqual([200, false, 1, 20]);
    const stale = await coordinator.put(`/api/inbound/settings/${tree.communityA}`, { ...deadlines, routeMinutes: 30, version: 0 });
    expect([stale.status, stale.json.code]).toEqual([409, 'STALE_VERSION']);
  });

  it('are another community’s to change only in scope: 404 outside it, 403 without the permission', async () => {
    const coordB = await userWith(t.platform, t.app, ['department_coordinator'], { placeIds: [tree.communityB] }, 'setcoordb');
    expect((await coordB.put(`/api/inbound/settings/${tree.communityA}`, { ...deadlines, version: 1 })).status).toBe(404);
    expect((await staffB.put(`/api/inbound/settings/${tree.communityB}`, { ...deadlines, version: 0 })).status).toBe(403);
  });

  it('give one of many people saving the same version at once the change, and the others a 409', async () => {
    for (const [url, body] of [
      [`/api/containment/settings/${tree.communityB}`, rule],
      [`/api/inbound/settings/${tree.communityB}`, deadlines],
    ] as const) {
      const version = (await coordinator.get(url.replace(/\/\d+$/, ''))).json.items.find((i: any) => i.communityId === tree.communityB).version;
      const answers = await Promise.all(
        Array.from({ length: 6 }, (_, i) => coordinator.put(url, { ...body, windowDays: 14, releaseDays: 10 + i, routeMinutes: 10 + i, version })),
      );
      expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409, 409, 409, 409]);
    }
  });
});
