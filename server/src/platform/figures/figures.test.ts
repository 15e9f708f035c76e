import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODULES } from '../../modules.js';
import { buildSmallTree } from '../../test-support/fixtures.js';
import { userWith, type TestClient } from '../../test-support/http-client.js';
import { createTestPlatform, type TestPlatform } from '../../test-support/test-platform.js';
import { localDate } from '../time.js';

let t: TestPlatform;
let coordinator: TestClient;
let guard: TestClient;
let today: string;

beforeAll(async () => {
  t = await createTestPlatform();
  const tree = await buildSmallTree(await userWith(t.platform, t.app, ['admin'], { all: true }, 'figadmin'));
  today = localDate(t.clock.now(), t.platform.config.timezone);
  coordinator = await userWith(t.platform, t.app, ['department_coordinator'], { placeIds: [tree.department] }, 'figcoord');
  guard = await userWith(t.platform, t.app, ['property_staff'], { placeIds: [tree.compoundA] }, 'figguard');
});
afterAll(() => t.close());

describe('the figure catalogue', () => {
  it('lists every module’s figure sets the caller may read, each measure defined in both languages', async () => {
    const declared = MODULES.flatMap((m) => (m.figures ?? []).map((f) => f.key));
    const items = (await coordinator.get('/api/figures')).json.items as { key: string; module: string; measures: { definition: Record<string, string> }[] }[];
    expect(items.map((i) => i.key).sort()).toEqual([...declared].sort());
    for (const i of items) {
      expect(i.key.startsWith(`${i.module}.`)).toBe(true);
      for (const m of i.measures) expect([m.definition['zh-CN']!.length > 0, m.definition['en-US']!.length > 0]).toEqual([true, true]);
    }
    // A gate guard knows which places are sealed, and nothing else of the figures.
    expect((await guard.get('/api/figures')).json.items.map((i: { key: string }) => i.key)).toEqual(['containment.orders']);
  });

  it('refuses a set the caller may not read as not found, and a grouping or range the set does not offer as bad input', async () => {
    expect((await guard.get(`/api/figures/inbound.loop?from=${today}&to=${today}`)).json.code).toBe('NOT_FOUND');
    expect((await coordinator.get(`/api/figures/no.such?from=${today}&to=${today}`)).status).toBe(404);
    const badGroup = await coordinator.get(`/api/figures/access.gates?from=${today}&to=${today}&groupBy=employer`);
    expect([badGroup.status, badGroup.json.code, badGroup.json.errors?.[0]?.path]).toEqual([400, 'VALIDATION_FAILED', 'groupBy']);
    const backwards = await coordinator.get(`/api/figures/inbound.loop?from=${today}&to=2020-01-01`);
    expect(backwards.status).toBe(400);
  });

  it('computes a set for the range and grouping asked', async () => {
    const r = await coordinator.get(`/api/figures/inbound.loop?from=${today}&to=${today}&groupBy=day`);
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ key: 'inbound.loop', from: today, to: today, groupBy: 'day', total: { group: 'total', values: { submitted: 0 } } });
  });
});
