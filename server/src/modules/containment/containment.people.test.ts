import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localInstant } from '../../platform/time.js';
import { buildSmallTree, type SmallTree } from '../../test-support/fixtures.js';
import { userWith, type TestClient } from '../../test-support/http-client.js';
import { createTestPlatform, type TestPlatform } from '../../test-support/test-platform.js';

/**
 * The containment rule through the API: it counts people, not case records (1人封单元、2人封整楼、
 * 3人封小区), and a case reported 14 days ago still counts today.
 */
const TZ = 'Asia/Shanghai';
let t: TestPlatform;
let admin: TestClient;
let health: TestClient;
let coordinator: TestClient;
let tree: SmallTree;
let stairwells: number[];
let flats: number[][];
const residentIn: Record<string, number> = {};

const record = (dwellingId: number, body: object) =>
  health.post('/api/containment/cases', { dwellingId, kind: 'confirmed', reportedOn: '2026-03-18', ...body });
/** The proposals standing on a place. */
const ordersOf = async (placeId: number) =>
  (await coordinator.get(`/api/containment/orders?status=proposed&pageSize=100`)).json.items.filter((o: { placeId: number }) => o.placeId === placeId) as {
    id: number;
    level: string;
    caseIds: number[];
  }[];

beforeAll(async () => {
  t = await createTestPlatform();
  t.clock.set(localInstant('2026-03-18', '09:00', TZ));
  admin = await userWith(t.platform, t.app, ['admin'], { all: true }, 'ppladmin');
  tree = await buildSmallTree(admin);
  health = await userWith(t.platform, t.app, ['health_worker'], { placeIds: [tree.communityA] }, 'pplhealth');
  coordinator = await userWith(t.platform, t.app, ['department_coordinator'], { placeIds: [tree.communityA] }, 'pplcoord');
  stairwells = ((await admin.get(`/api/places?parentId=${tree.buildingA}`)).json.items as { id: number }[]).map((s) => s.id);
  flats = [];
  for (const s of stairwells) flats.push(((await admin.get(`/api/places?parentId=${s}`)).json.items as { id: number }[]).map((d) => d.id));
  for (const [name, flat] of [
    ['人甲', flats[0]![0]!],
    ['人乙', flats[1]![0]!],
  ] as const) {
    const r = await admin.post('/api/residents', { dwellingId: flat, name });
    expect(r.status).toBe(201);
    residentIn[name] = r.json.id as number;
  }
});
afterAll(() => t.close());

describe('the containment rule counts people, not records', () => {
  it('two confirmed cases of one person in one flat seal the stairwell, not the building', async () => {
    const a = await record(flats[0]![0]!, { residentId: residentIn['人甲'] });
    expect(a.status).toBe(201);
    const again = await record(flats[0]![0]!, { residentId: residentIn['人甲'], reportedOn: '2026-03-17' });
    expect(again.status).toBe(201);
    expect(again.json.proposed).toEqual([]);
    expect(await ordersOf(tree.buildingA)).toEqual([]);
    const stairwell = await ordersOf(stairwells[0]!);
    expect(stairwell).toHaveLength(1);
    expect(stairwell[0]!.level).toBe('stairwell');
  });

  it('a second person in the building seals the building, and the reason counts 2 people of 3 records', async () => {
    const b = await record(flats[1]![0]!, { residentId: residentIn['人乙'] });
    expect(b.status).toBe(201);
    const [building, ...rest] = await ordersOf(tree.buildingA);
    expect(rest).toEqual([]);
    expect(building!.caseIds).toHaveLength(3);
    const order = (await coordinator.get(`/api/containment/orders/${building!.id}`)).json;
    expect(order.reasonText['zh-CN']).toContain('累计 2 人（阈值 2 人封楼栋）');
  });
});

describe('the window counts whole days', () => {
  it('a case reported 14 days ago still counts today, one reported 15 days ago does not', async () => {
    const flatsB = tree.dwellingsB;
    const healthB = await userWith(t.platform, t.app, ['health_worker'], { placeIds: [tree.communityB] }, 'pplhealthb');
    const coordB = await userWith(t.platform, t.app, ['department_coordinator'], { placeIds: [tree.communityB] }, 'pplcoordb');
    // Today is 2026-03-18 at 09:00: 03-04 is 14 days ago, 03-03 is 15.
    const old = await healthB.post('/api/containment/cases', { dwellingId: flatsB[0]!, kind: 'confirmed', reportedOn: '2026-03-03' });
    expect(old.status).toBe(201);
    expect(old.json.proposed).toEqual([]);
    const edge = await healthB.post('/api/containment/cases', { dwellingId: flatsB[0]!, kind: 'confirmed', reportedOn: '2026-03-04' });
    expect(edge.status).toBe(201);
    expect(edge.json.proposed).toHaveLength(1);
    const order = (await coordB.get(`/api/containment/orders/${edge.json.proposed[0]}`)).json;
    expect(order).toMatchObject({ level: 'stairwell', caseIds: [edge.json.case.id] });
  });
});
