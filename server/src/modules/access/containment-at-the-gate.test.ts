import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSmallTree, type SmallTree } from '../../test-support/fixtures.js';
import { TestClient, userWith } from '../../test-support/http-client.js';
import { createTestPlatform, type TestPlatform } from '../../test-support/test-platform.js';

/**
 * The whole of seed 004's rule as a guard meets it: cases are recorded in one building, the
 * building is sealed, and its households' entry tickets are refused at the compound's gate
 * while the next building's still open it.
 */
let t: TestPlatform;
let admin: TestClient;
let coordinator: TestClient;
let staff: TestClient;
let device: TestClient;
let tree: SmallTree;
let gate: number;
const tickets: Record<'first' | 'second' | 'neighbour', string> = { first: '', second: '', neighbour: '' };

async function ok(res: Promise<{ status: number; json: any }>, what: string) {
  const r = await res;
  if (r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.json)}`);
  return r.json;
}
const verify = (token: string) => ok(device.post('/api/access/gate/verify', { gateId: gate, token }), 'verify');

/** Verification may read what it knows of a pass from memory for a moment: ask again until the answer settles. */
async function settledVerdict(token: string, expected: string) {
  let last: any;
  for (let i = 0; i < 40; i++) {
    last = await verify(token);
    if (last.decision === expected) return last;
    t.clock.advance(500);
    await new Promise((r) => setTimeout(r, 100));
  }
  return last;
}

beforeAll(async () => {
  t = await createTestPlatform();
  admin = await userWith(t.platform, t.app, ['admin', 'center_coordinator'], { all: true }, 'gatecmadmin');
  tree = await buildSmallTree(admin);
  coordinator = await userWith(t.platform, t.app, ['department_coordinator'], { placeIds: [tree.communityA] }, 'gatecmcoord');
  staff = await userWith(t.platform, t.app, ['community_staff'], { placeIds: [tree.communityA] }, 'gatecmstaff');
  const neighbourBuilding = (await ok(admin.post('/api/places', { parentId: tree.compoundA, type: 'building', name: '5号楼' }), 'building')).id as number;
  await ok(admin.post(`/api/places/${neighbourBuilding}/layout`, { stairwells: 1, floors: 1, flatsPerFloor: 2 }), 'layout');
  const stairwell = (await admin.get(`/api/places?parentId=${neighbourBuilding}`)).json.items[0].id as number;
  const neighbourDwelling = (await admin.get(`/api/places?parentId=${stairwell}`)).json.items[0].id as number;

  const people = {
    first: (await ok(admin.post('/api/residents', { dwellingId: tree.dwellingsA[0], name: '楼甲' }), 'resident')).id,
    second: (await ok(admin.post('/api/residents', { dwellingId: tree.dwellingsA[11], name: '楼乙' }), 'resident')).id,
    neighbour: (await ok(admin.post('/api/residents', { dwellingId: neighbourDwelling, name: '邻丙' }), 'resident')).id,
  };
  for (const k of Object.keys(people) as (keyof typeof people)[]) {
    tickets[k] = (await ok(staff.post('/api/access/passes', { kind: 'entry_ticket', residentId: people[k] }), 'ticket')).token;
  }
  gate = (await ok(staff.post('/api/access/gates', { name: '北门', kind: 'gate', placeId: tree.compoundA }), 'gate')).id;
  const tok = await ok(staff.post(`/api/access/gates/${gate}/tokens`, {}), 'gate token');
  device = new TestClient(t.app, null, null, 'zh-CN', tok.secret);
});
afterAll(() => t.close());

describe('two confirmed cases in one building', () => {
  it('open the gate for everyone before any case', async () => {
    for (const token of Object.values(tickets)) expect((await verify(token)).decision).toBe('allowed');
  });

  it('seal the building once a coordinator confirms the proposal, and its tickets are refused at the gate as sealed', async () => {
    const today = t.clock.now().toISOString().slice(0, 10);
    await ok(coordinator.post('/api/containment/cases', { dwellingId: tree.dwellingsA[1], kind: 'confirmed', reportedOn: today }), 'first case');
    const second = await ok(
      coordinator.post('/api/containment/cases', { dwellingId: tree.dwellingsA[10], kind: 'confirmed', reportedOn: today }),
      'second case',
    );
    const orderId = second.proposed[0] as number;
    const order = await ok(coordinator.get(`/api/containment/orders/${orderId}`), 'order');
    expect(order).toMatchObject({ level: 'building', placeId: tree.buildingA, status: 'proposed' });
    // A proposal does not close the gate yet.
    expect((await verify(tickets.first)).decision).toBe('allowed');

    await ok(coordinator.post(`/api/containment/orders/${orderId}/confirm`, {}), 'confirm');
    expect(await settledVerdict(tickets.first, 'refused')).toMatchObject({ decision: 'refused', reason: 'sealed' });
    expect(await settledVerdict(tickets.second, 'refused')).toMatchObject({ decision: 'refused', reason: 'sealed' });
    expect((await verify(tickets.neighbour)).decision).toBe('allowed');

    // The lists a gate keeps offline say the same.
    const lists = await ok(device.get('/api/access/gate/lists'), 'lists');
    expect(lists.lockdowns.entries).toEqual([expect.objectContaining({ orderId, placeId: tree.buildingA, active: true })]);

    // Released, the building's tickets open the gate again.
    await ok(coordinator.post(`/api/containment/orders/${orderId}/release`, { reason: '最后一例后已满十四天' }), 'release');
    expect((await settledVerdict(tickets.first, 'allowed')).decision).toBe('allowed');
  });
});
