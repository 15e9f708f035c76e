import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, sql } from '../../platform/db/database.js';
import { localInstant } from '../../platform/time.js';
import { buildSmallTree, type SmallTree } from '../../test-support/fixtures.js';
import { userWith, type TestClient } from '../../test-support/http-client.js';
import { itOnPostgres } from '../../test-support/postgres-only.js';
import { createTestPlatform, type TestPlatform } from '../../test-support/test-platform.js';
import { lockdownList, sealedBy } from './index.js';

let t: TestPlatform;
let admin: TestClient;
let tree: SmallTree;
let coordinator: TestClient;
let health: TestClient;
const children = async (id: number) => ((await admin.get(`/api/places?parentId=${id}`)).json.items as { id: number }[]).map((p) => p.id);
const pathOf = async (id: number) => (await queryRows<{ path: string }>(t.platform.db, sql`SELECT path FROM places WHERE id = ${id}`))[0]!.path;
const record = (dwellingId: number) => health.post('/api/containment/cases', { dwellingId, kind: 'confirmed', reportedOn: '2026-03-18' });
const status = async (id: number) => (await coordinator.get(`/api/containment/orders/${id}`)).json.status as string;

beforeAll(async () => {
  t = await createTestPlatform();
  t.clock.set(localInstant('2026-03-18', '09:00', 'Asia/Shanghai'));
  admin = await userWith(t.platform, t.app, ['admin'], { all: true }, 'ssadmin');
  tree = await buildSmallTree(admin);
  coordinator = await userWith(t.platform, t.app, ['department_coordinator'], { placeIds: [tree.department] }, 'sscoord');
  health = await userWith(t.platform, t.app, ['health_worker'], { placeIds: [tree.department] }, 'sshealth');
});
afterAll(() => t.close());

describe('a wider order supersedes the narrower ones inside it', () => {
  it('stairwell in force, then a building proposal, then the compound: each wider order takes over, and gates see it', async () => {
    const [s1, s2] = await children(tree.buildingA);
    const flat1 = (await children(s1!))[0]!;
    const flat2 = (await children(s2!))[0]!;
    const other = (await admin.post('/api/places', { parentId: tree.compoundA, type: 'building', name: '9号楼' })).json.id as number;
    await admin.post(`/api/places/${other}/layout`, { stairwells: 1, floors: 1, flatsPerFloor: 2 });
    const otherFlat = (await children((await children(other))[0]!))[0]!;

    // One case: its stairwell, confirmed into force.
    const stairwell = (await record(flat1)).json.proposed[0] as number;
    expect((await coordinator.post(`/api/containment/orders/${stairwell}/confirm`, {})).status).toBe(200);
    const v1 = (await lockdownList(t.platform.db)).version;

    // A second case in the building: the building is proposed; the stairwell stays in force meanwhile.
    const building = (await record(flat2)).json.proposed[0] as number;
    expect(await status(building)).toBe('proposed');
    expect(await status(stairwell)).toBe('active');

    // A third case in the compound: the compound is proposed and the building proposal is superseded.
    const third = (await record(otherFlat)).json;
    const compound = third.proposed[0] as number;
    expect(third.superseded).toEqual([building]);
    expect(await status(building)).toBe('dismissed');
    expect(await status(stairwell)).toBe('active');

    // Confirming the compound releases the stairwell order inside it: the delta carries both.
    expect((await coordinator.post(`/api/containment/orders/${compound}/confirm`, { reason: '三例，封小区' })).status).toBe(200);
    expect(await status(stairwell)).toBe('released');
    const delta = await lockdownList(t.platform.db, v1);
    expect(delta.entries.map((e) => [e.orderId, e.active]).sort()).toEqual(
      [
        [compound, true],
        [stairwell, false],
      ].sort(),
    );
    const full = await lockdownList(t.platform.db);
    expect(full.entries.map((e) => e.orderId)).toEqual([compound]);
    expect(sealedBy(full.entries, await pathOf(otherFlat))?.orderId).toBe(compound);
    expect(sealedBy(full.entries, await pathOf(tree.dwellingsB[0]!))).toBeNull();

    // The stairwell's supply duties end; the compound's cover every household (none registered here yet).
    const open = await queryRows<{ n: number }>(
      t.platform.db,
      sql`SELECT count(*)::int AS n FROM obligations o JOIN lockdown_orders l ON l.supply_rule_id = o.rule_id WHERE l.id = ${stairwell} AND o.done_at IS NULL AND o.cancelled_at IS NULL`,
    );
    expect(open[0]!.n).toBe(0);
    const audit = await queryRows<{ action: string }>(
      t.platform.db,
      sql`SELECT action FROM audit_log WHERE entity_type = 'lockdown_order' AND entity_id = ${String(stairwell)} ORDER BY at, id`,
    );
    expect(audit.map((a) => a.action)).toEqual(['containment.order.propose', 'containment.order.confirm', 'containment.order.supersede']);
  });

  itOnPostgres('proposes one order per place, the widest, even when cases arrive at the same moment', async () => {
    const [s1] = await children(tree.buildingB);
    const flats = await children(s1!);
    const results = await Promise.all(flats.slice(0, 2).map((d) => record(d)));
    expect(results.map((r) => r.status)).toEqual([201, 201]);
    const open = await queryRows<{ place_id: number; n: number }>(
      t.platform.db,
      sql`SELECT place_id::int AS place_id, count(*)::int AS n FROM lockdown_orders WHERE status IN ('proposed', 'active') GROUP BY place_id HAVING count(*) > 1`,
    );
    expect(open).toEqual([]);
    // Two cases in one building: whichever came first, the building is what stands proposed.
    const under = await queryRows<{ place_id: number; level: string }>(
      t.platform.db,
      sql`SELECT place_id::int AS place_id, level FROM lockdown_orders WHERE status IN ('proposed', 'active') AND place_path LIKE ${`${await pathOf(tree.buildingB)}%`}`,
    );
    expect(under).toEqual([{ place_id: tree.buildingB, level: 'building' }]);
  });
});
