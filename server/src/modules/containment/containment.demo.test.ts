import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../platform/access/actor.js';
import { localInstant } from '../../platform/time.js';
import { buildSmallTree, type SmallTree } from '../../test-support/fixtures.js';
import { userWith, type TestClient } from '../../test-support/http-client.js';
import { createTestPlatform, type TestPlatform } from '../../test-support/test-platform.js';
import { seedAccessDemo } from '../access/index.js';
import { seedContainmentDemo } from './containment.demo.js';

let t: TestPlatform;
let tree: SmallTree;
let coordinator: TestClient;

beforeAll(async () => {
  t = await createTestPlatform();
  t.clock.set(localInstant('2026-03-18', '09:00', 'Asia/Shanghai'));
  const admin = await userWith(t.platform, t.app, ['admin'], { all: true }, 'demoadmin');
  tree = await buildSmallTree(admin);
  coordinator = await userWith(t.platform, t.app, ['department_coordinator'], { placeIds: [tree.department] }, 'democoord');
});
afterAll(() => t.close());

describe('the demo', () => {
  it('opens with a building lockdown proposed from two cases, for the coordinator to confirm', async () => {
    const ctx = { platform: t.platform, actor: systemActor('demo'), origin: { ip: null, channel: 'system' as const, requestId: null }, lang: 'zh-CN' as const };
    const proposed = await seedContainmentDemo(ctx, tree.communityA);
    const building = (await coordinator.get('/api/containment/orders?status=proposed')).json.items;
    expect(building).toEqual([expect.objectContaining({ placeId: tree.buildingA, level: 'building', actions: ['confirm', 'dismiss'] })]);
    expect(proposed).toContain(building[0].id);
    expect((await coordinator.get('/api/containment/cases?status=all')).json.total).toBe(2);
  });

  it('gives the gate guard a gate and real passes of the compound to check', async () => {
    const ctx = { platform: t.platform, actor: systemActor('demo'), origin: { ip: null, channel: 'system' as const, requestId: null }, lang: 'zh-CN' as const };
    for (const [i, d] of tree.dwellingsA.slice(0, 3).entries())
      expect((await coordinator.post('/api/residents', { dwellingId: d, name: `门票${i}` })).status).toBe(201);
    const seeded = await seedAccessDemo(ctx, tree.compoundA);
    const gates = (await coordinator.get('/api/access/gates')).json.items;
    expect(gates).toEqual([expect.objectContaining({ id: seeded.gateId, name: '东门' })]);
    const passes = (await coordinator.get('/api/access/passes?status=active')).json.items;
    expect(passes.map((p: { id: number }) => p.id).sort()).toEqual([...seeded.passIds].sort());
    expect(passes.filter((p: { kind: string }) => p.kind === 'entry_ticket')).toHaveLength(3);
    expect(passes.filter((p: { kind: string }) => p.kind === 'vehicle_pass')).toHaveLength(1);
    // The guard types the plate as docs/demo.md says, without the dot the demo wrote it with.
    const guard = await userWith(t.platform, t.app, ['property_staff'], { placeIds: [tree.compoundA] }, 'demoguard');
    const typed = await guard.post('/api/access/gate/verify', { gateId: seeded.gateId, plate: '鲁ED12345' });
    expect(typed.json).toMatchObject({ decision: 'allowed', subject: { plate: '鲁ED12345' } });
  });
});
