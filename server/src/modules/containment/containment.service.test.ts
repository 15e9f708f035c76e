import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, sql } from '../../platform/db/database.js';
import { localInstant } from '../../platform/time.js';
import { buildSmallTree, type SmallTree } from '../../test-support/fixtures.js';
import { anonymous, signIn, userWith, type TestClient } from '../../test-support/http-client.js';
import { createTestPlatform, type TestPlatform } from '../../test-support/test-platform.js';
import { lockdownList, noticeReleasesDue, sealedBy } from './index.js';

const TZ = 'Asia/Shanghai';
const at = (date: string, time = '09:00') => localInstant(date, time, TZ);

let t: TestPlatform;
let admin: TestClient;
let tree: SmallTree;
let coordinator: TestClient & { userId: number };
let coordinatorB: TestClient & { userId: number };
let health: TestClient & { userId: number };
let property: TestClient & { userId: number };
/** A second building in compound A, next to building A. */
let neighbour: { id: number; dwellings: number[] };
const stairwellsOf = async (building: number) => ((await admin.get(`/api/places?parentId=${building}`)).json.items as { id: number }[]).map((s) => s.id);
const dwellingsOf = async (stairwell: number) => ((await admin.get(`/api/places?parentId=${stairwell}`)).json.items as { id: number }[]).map((d) => d.id);
const pathOf = async (id: number) => (await queryRows<{ path: string }>(t.platform.db, sql`SELECT path FROM places WHERE id = ${id}`))[0]!.path;
const supplyDuties = async (orderId: number, open = true) =>
  (
    await queryRows<{ n: number }>(
      t.platform.db,
      sql`SELECT count(*)::int AS n FROM obligations o JOIN lockdown_orders l ON l.supply_rule_id = o.rule_id
          WHERE l.id = ${orderId} AND o.subject_type = 'household' AND ${open ? sql`o.done_at IS NULL AND o.cancelled_at IS NULL` : sql`o.cancelled_at IS NOT NULL`}`,
    )
  )[0]!.n;
const record = (client: TestClient, dwellingId: number, body: object = {}) =>
  client.post('/api/containment/cases', { dwellingId, kind: 'confirmed', reportedOn: '2026-03-18', ...body });

/** Moves the clock (sessions lapse over days, so everyone signs in again). */
async function jump(date: string) {
  t.clock.set(at(date));
  const again = async (c: TestClient & { userId: number }, name: string) => Object.assign(await signIn(t.app, name), { userId: c.userId });
  admin = await signIn(t.app, 'cmadmin');
  coordinator = await again(coordinator, 'cmcoord');
  coordinatorB = await again(coordinatorB, 'cmcoordb');
  health = await again(health, 'cmhealth');
  property = await again(property, 'cmproperty');
}

let aStairwells: number[];
let aDwellings1: number[];
let aDwellings2: number[];

beforeAll(async () => {
  t = await createTestPlatform();
  t.clock.set(at('2026-03-18'));
  admin = await userWith(t.platform, t.app, ['admin'], { all: true }, 'cmadmin');
  tree = await buildSmallTree(admin);
  coordinator = await userWith(t.platform, t.app, ['department_coordinator'], { placeIds: [tree.communityA] }, 'cmcoord');
  coordinatorB = await userWith(t.platform, t.app, ['department_coordinator'], { placeIds: [tree.communityB] }, 'cmcoordb');
  health = await userWith(t.platform, t.app, ['health_worker'], { placeIds: [tree.communityA] }, 'cmhealth');
  property = await userWith(t.platform, t.app, ['property_staff'], { placeIds: [tree.communityA] }, 'cmproperty');
  const nb = (await admin.post('/api/places', { parentId: tree.compoundA, type: 'building', name: '4号楼' })).json.id as number;
  await admin.post(`/api/places/${nb}/layout`, { stairwells: 1, floors: 2, flatsPerFloor: 2 });
  neighbour = { id: nb, dwellings: await dwellingsOf((await stairwellsOf(nb))[0]!) };
  aStairwells = await stairwellsOf(tree.buildingA);
  aDwellings1 = await dwellingsOf(aStairwells[0]!);
  aDwellings2 = await dwellingsOf(aStairwells[1]!);
  // Households: three in building A (two in its first stairwell), one next door.
  for (const [d, name] of [
    [aDwellings1[0]!, '封甲'],
    [aDwellings1[1]!, '封乙'],
    [aDwellings2[0]!, '封丙'],
    [neighbour.dwellings[0]!, '邻丁'],
  ] as const) {
    const r = await admin.post('/api/residents', { dwellingId: d, name });
    expect(r.status).toBe(201);
  }
});
afterAll(() => t.close());

describe('two confirmed cases in one building', () => {
  let first: any;
  let second: any;
  let buildingOrder: number;
  let versionBefore: number;

  it('proposes the stairwell at the first case, with its reason and release criterion', async () => {
    versionBefore = (await lockdownList(t.platform.db)).version;
    const r = await record(health, aDwellings1[0]!, { sourceNote: '区疾控中心通报 138 0000 0000' });
    expect(r.status).toBe(201);
    first = r.json;
    expect(first.proposed).toHaveLength(1);
    const order = (await coordinator.get(`/api/containment/orders/${first.proposed[0]}`)).json;
    expect(order).toMatchObject({
      level: 'stairwell',
      placeId: aStairwells[0],
      status: 'proposed',
      rule: 'threshold',
      caseIds: [first.case.id],
      actions: ['confirm', 'dismiss'],
    });
    expect(order.reasonText['zh-CN']).toContain('阈值 1 人封单元');
    expect(order.reasonText['en-US']).toContain('1 person with a case in this stairwell within 14 days');
    expect(order.releaseText['zh-CN']).toBe('最后一例病例（2026-03-18）后满 14 天无新增，即 2026-04-01 起可解封');
    expect(order.releaseText['en-US']).toContain('14 days after the last case (2026-03-18)');
  });

  it('tells the coordinators of the proposal and gives them a to-do', async () => {
    const notes = (await coordinator.get('/api/notifications')).json.items;
    expect(notes.some((n: any) => n.kind === 'containment.proposed')).toBe(true);
    expect((await coordinatorB.get('/api/notifications')).json.items.some((n: any) => n.kind === 'containment.proposed')).toBe(false);
    const todos = (await coordinator.get('/api/todos?pageSize=50')).json.items;
    expect(todos.some((o: any) => o.kind === 'containment.confirm')).toBe(true);
  });

  it('proposes the building at the second case and withdraws the stairwell proposal inside it', async () => {
    const r = await record(health, aDwellings2[0]!);
    expect(r.status).toBe(201);
    second = r.json;
    expect(second.proposed).toHaveLength(1);
    expect(second.superseded).toEqual(first.proposed);
    buildingOrder = second.proposed[0];
    const order = (await coordinator.get(`/api/containment/orders/${buildingOrder}`)).json;
    expect(order).toMatchObject({ level: 'building', placeId: tree.buildingA, status: 'proposed', caseIds: [first.case.id, second.case.id] });
    const stairwell = (await coordinator.get(`/api/containment/orders/${first.proposed[0]}`)).json;
    expect(stairwell).toMatchObject({ status: 'dismissed', closeReason: `superseded by order ${buildingOrder}` });
    expect(stairwell.closeReasonText['zh-CN']).toBe(`已由更大范围的封控令 #${buildingOrder} 取代`);
  });

  it('keeps proposals off the gates’ list', async () => {
    const list = await lockdownList(t.platform.db);
    expect(list.entries).toEqual([]);
  });

  it('puts the building in force when a coordinator confirms it; lockdownList and sealedBy seal its households, not the neighbours', async () => {
    const r = await coordinator.post(`/api/containment/orders/${buildingOrder}/confirm`, {});
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ status: 'active', actions: ['release'] });
    expect(Date.parse(r.json.startsAt) - at('2026-03-18').getTime()).toBeLessThan(60000);
    const list = await lockdownList(t.platform.db);
    expect(list.full).toBe(true);
    expect(list.entries).toEqual([expect.objectContaining({ orderId: buildingOrder, placeId: tree.buildingA, level: 'building', active: true })]);
    expect(sealedBy(list.entries, await pathOf(aDwellings1[1]!))?.orderId).toBe(buildingOrder);
    expect(sealedBy(list.entries, await pathOf(aDwellings2[0]!))?.orderId).toBe(buildingOrder);
    expect(sealedBy(list.entries, await pathOf(neighbour.dwellings[0]!))).toBeNull();
  });

  it('gives a delta since the earlier version with the order in force and a higher version', async () => {
    const delta = await lockdownList(t.platform.db, versionBefore);
    expect(delta.full).toBe(false);
    expect(delta.version).toBeGreaterThan(versionBefore);
    expect(delta.entries.map((e) => [e.orderId, e.active])).toContainEqual([buildingOrder, true]);
    expect((await lockdownList(t.platform.db, delta.version)).entries).toEqual([]);
  });

  it('opens a daily supply-delivery duty for each sealed household, for volunteers', async () => {
    // Three households in building A, one a day each for the week ahead.
    expect(await supplyDuties(buildingOrder)).toBe(3 * 7);
    const rows = await queryRows<{ subject_id: string; responsible_role: string }>(
      t.platform.db,
      sql`SELECT DISTINCT o.subject_id, o.responsible_role FROM obligations o JOIN lockdown_orders l ON l.supply_rule_id = o.rule_id WHERE l.id = ${buildingOrder}`,
    );
    expect(rows.every((r) => r.responsible_role === 'volunteer')).toBe(true);
    expect(new Set(rows.map((r) => r.subject_id)).size).toBe(3);
  });

  it('puts the deliveries in the to-dos of the community’s volunteers, who tick them off', async () => {
    const volunteer = await userWith(t.platform, t.app, ['volunteer'], { placeIds: [tree.communityA] }, 'cmvolunteer');
    const volunteerB = await userWith(t.platform, t.app, ['volunteer'], { placeIds: [tree.communityB] }, 'cmvolunteerb');
    const todos = (await volunteer.get('/api/todos?pageSize=100')).json.items.filter((o: any) => o.kind === 'containment.supply_delivery');
    expect(todos.length).toBe(3 * 7);
    expect(todos[0].placeLabel).toContain('3号楼');
    expect(todos[0].title['zh-CN']).toBe('封控户每日生活物资配送');
    expect((await volunteer.post(`/api/todos/${todos[0].id}/done`)).status).toBe(200);
    expect((await volunteerB.get('/api/todos?pageSize=100')).json.items.filter((o: any) => o.kind === 'containment.supply_delivery')).toEqual([]);
  });

  it('moves the release date when a new case arrives in the building', async () => {
    await jump('2026-03-20');
    const r = await record(health, aDwellings1[1]!, { reportedOn: '2026-03-20' });
    expect(r.json.rescheduled).toContain(buildingOrder);
    const order = (await coordinator.get(`/api/containment/orders/${buildingOrder}`)).json;
    expect(order.releaseText['zh-CN']).toBe('最后一例病例（2026-03-20）后满 14 天无新增，即 2026-04-03 起可解封');
    expect(Date.parse(order.releaseAfter)).toBe(at('2026-04-03', '00:00').getTime());
  });

  it('tells coordinators once the criterion is met, and never releases by itself', async () => {
    await jump('2026-04-02');
    expect(await noticeReleasesDue(t.platform)).toBe(0);
    await jump('2026-04-03');
    expect(await noticeReleasesDue(t.platform)).toBe(1);
    expect(await noticeReleasesDue(t.platform)).toBe(0);
    const order = (await coordinator.get(`/api/containment/orders/${buildingOrder}`)).json;
    expect(order).toMatchObject({ status: 'active', releaseDue: true });
    expect((await coordinator.get('/api/notifications')).json.items.some((n: any) => n.kind === 'containment.release_due')).toBe(true);
    expect((await coordinator.get('/api/todos?pageSize=50')).json.items.some((o: any) => o.kind === 'containment.release')).toBe(true);
  });

  it('releases on a coordinator’s word: the delta carries it as no longer active, the supply duties close', async () => {
    const before = (await lockdownList(t.platform.db)).version;
    const openDuties = await supplyDuties(buildingOrder);
    expect(openDuties).not.toBe(0);
    expect((await coordinator.post(`/api/containment/orders/${buildingOrder}/release`, {})).status).toBe(400);
    const r = await coordinator.post(`/api/containment/orders/${buildingOrder}/release`, { reason: '14天无新增病例' });
    expect(r.status).toBe(200);
    expect(r.json.status).toBe('released');
    const delta = await lockdownList(t.platform.db, before);
    expect(delta.entries).toEqual([expect.objectContaining({ orderId: buildingOrder, active: false })]);
    expect(delta.version).toBeGreaterThan(before);
    expect((await lockdownList(t.platform.db)).entries).toEqual([]);
    expect(await supplyDuties(buildingOrder)).toBe(0);
    // Every duty that was open is now closed (cancelled), none left over.
    expect(await supplyDuties(buildingOrder, false)).toBe(openDuties);
    const audit = await queryRows<{ action: string }>(
      t.platform.db,
      sql`SELECT action FROM audit_log WHERE entity_type = 'lockdown_order' AND entity_id = ${String(buildingOrder)} ORDER BY at, id`,
    );
    expect(audit.map((a) => a.action)).toEqual([
      'containment.order.propose',
      'containment.order.confirm',
      'containment.order.reschedule',
      'containment.order.release_due',
      'containment.order.release',
    ]);
    expect((await coordinator.post(`/api/containment/orders/${buildingOrder}/release`, { reason: '再次解封' })).status).toBe(409);
  });
});

describe('need-to-know', () => {
  it('shows cases with the person masked, and reveals them only with a reason, audited', async () => {
    const list = (await health.get('/api/containment/cases?status=all')).json;
    expect(list.total).toBe(3);
    const c = list.items.find((x: any) => x.dwellingId === aDwellings1[0]);
    expect(c.residentMasked).toBeNull();
    const withPerson = await record(health, aDwellings1[0]!, {
      kind: 'suspected',
      residentId: (await admin.get(`/api/residents?pageSize=50`)).json.items.find((r: any) => r.name === '封甲').id,
    });
    expect(withPerson.status).toBe(201);
    expect(withPerson.json.case.residentMasked).toBe('封*');
    const note = await health.post(`/api/containment/cases/${c.id}/reveal`, { reason: '流调核实' });
    expect(note.status).toBe(200);
    expect(note.json.sourceNote).toBe('区疾控中心通报 138 0000 0000');
    const stored = await queryRows<{ enc: Buffer }>(t.platform.db, sql`SELECT source_note_enc AS enc FROM containment_cases WHERE id = ${c.id}`);
    expect(Buffer.from(stored[0]!.enc).toString('utf8')).not.toContain('疾控');
    const audit = await queryRows<{ n: number }>(
      t.platform.db,
      sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'containment.case.reveal' AND entity_id = ${String(c.id)}`,
    );
    expect(audit[0]!.n).toBe(1);
  });

  it('keeps cases from roles without the permission and from other communities', async () => {
    expect((await property.get('/api/containment/cases')).status).toBe(403);
    expect((await coordinatorB.get('/api/containment/cases?status=all')).json.total).toBe(0);
    const any = (await health.get('/api/containment/cases?status=all')).json.items[0];
    expect((await coordinatorB.get(`/api/containment/cases/${any.id}`)).status).toBe(404);
    expect((await coordinatorB.post(`/api/containment/cases/${any.id}/reveal`, { reason: '看看' })).status).toBe(404);
    // Property staff of community A see which of A's places were released: exactly those the table holds.
    const releasedInA = await queryRows<{ id: number }>(
      t.platform.db,
      sql`SELECT o.id FROM lockdown_orders o, places p WHERE p.id = ${tree.communityA} AND o.status = 'released' AND o.place_path LIKE p.path || '%' ORDER BY o.id`,
    );
    expect(releasedInA.length).toBe(1);
    expect((await property.get('/api/containment/orders?status=released')).json.items.map((o: any) => o.id).sort((a: number, b: number) => a - b)).toEqual(
      releasedInA.map((r) => Number(r.id)),
    );
  });
});

describe('suspected cases and exclusions', () => {
  it('does not count a suspected case by default, and proposes once it is confirmed', async () => {
    await jump('2026-05-10');
    const d = neighbour.dwellings[1]!;
    const s = await record(health, d, { kind: 'suspected', reportedOn: '2026-05-10' });
    expect(s.json.proposed).toEqual([]);
    const c = await health.post(`/api/containment/cases/${s.json.case.id}/change`, { action: 'confirm', reason: '核酸阳性', version: s.json.case.version });
    expect(c.status).toBe(200);
    expect(c.json.case.kind).toBe('confirmed');
    expect(c.json.proposed).toHaveLength(1);
    // Excluding it (recorded in error) withdraws the proposal it alone called for.
    const e = await health.post(`/api/containment/cases/${s.json.case.id}/change`, { action: 'exclude', reason: '复核排除', version: c.json.case.version });
    expect(e.status).toBe(200);
    expect(e.json.superseded).toEqual(c.json.proposed);
    expect((await coordinator.get(`/api/containment/orders/${c.json.proposed[0]}`)).json.status).toBe('dismissed');
    expect(
      (await health.post(`/api/containment/cases/${s.json.case.id}/change`, { action: 'close', reason: '结案', version: e.json.case.version })).status,
    ).toBe(409);
  });
});

describe('a community that auto-confirms', () => {
  it('seals at once, opens the supply duties and tells the coordinators', async () => {
    const s = await coordinatorB.put(`/api/containment/settings/${tree.communityB}`, {
      stairwell: 1,
      building: 2,
      compound: 3,
      windowDays: 14,
      releaseDays: 21,
      autoConfirm: true,
      countSuspected: true,
      version: 0,
    });
    expect(s.status).toBe(200);
    expect(s.json).toMatchObject({ autoConfirm: true, isDefault: false, version: 1 });
    const dB = (await admin.get(`/api/places?parentId=${(await stairwellsOf(tree.buildingB))[0]}`)).json.items[0].id as number;
    await admin.post('/api/residents', { dwellingId: dB, name: '白一' });
    const healthB = await userWith(t.platform, t.app, ['health_worker'], { placeIds: [tree.communityB] }, 'cmhealthb');
    const r = await record(healthB, dB, { kind: 'suspected', reportedOn: '2026-05-10' });
    expect(r.status).toBe(201);
    expect(r.json.proposed).toEqual([]);
    expect(r.json.activated).toHaveLength(1);
    const order = (await coordinatorB.get(`/api/containment/orders/${r.json.activated[0]}`)).json;
    expect(order).toMatchObject({ status: 'active', level: 'stairwell' });
    expect(order.releaseText['en-US']).toContain('21 days after the last case (2026-05-10)');
    expect(await supplyDuties(order.id)).toBe(7);
    expect((await coordinatorB.get('/api/notifications')).json.items.some((n: any) => n.kind === 'containment.auto_confirmed')).toBe(true);
    expect((await lockdownList(t.platform.db)).entries.map((e) => e.orderId)).toContain(order.id);
  });
});

describe('manual orders and bad requests', () => {
  it('lets a coordinator seal a building by hand, and refuses a second order over it', async () => {
    const r = await coordinator.post('/api/containment/orders', { placeId: neighbour.id, reason: '密接者居住楼栋', releaseOn: '2026-05-20' });
    expect(r.status).toBe(201);
    expect(r.json).toMatchObject({ status: 'active', level: 'building', rule: 'manual' });
    expect(r.json.reasonText['zh-CN']).toBe('人工封控：密接者居住楼栋');
    expect(r.json.releaseText['zh-CN']).toBe('人工设定：2026-05-20 起可解封');
    const again = await coordinator.post('/api/containment/orders', { placeId: (await stairwellsOf(neighbour.id))[0], reason: '重复封控' });
    expect(again.status).toBe(409);
    expect(again.json.code).toBe('CONTAINMENT_ALREADY_SEALED');
  });

  it('answers bad input with 400, strangers with 401, the unpermitted with 403, other scopes with 404', async () => {
    const building = await record(health, tree.buildingA);
    expect(building.status).toBe(400);
    expect(building.json.code).toBe('CONTAINMENT_NOT_A_DWELLING');
    expect(building.json.messages['en-US']).toBe('Choose a dwelling (a flat)');
    const future = await record(health, aDwellings1[0]!, { reportedOn: '2026-12-31' });
    expect(future.json.code).toBe('CONTAINMENT_DATES');
    const wrongPerson = await record(health, aDwellings2[1]!, { residentId: 999999 });
    expect(wrongPerson.json.code).toBe('CONTAINMENT_RESIDENT_NOT_IN_DWELLING');
    expect((await record(anonymous(t.app), aDwellings1[0]!)).status).toBe(401);
    expect((await record(property, aDwellings1[0]!)).status).toBe(403);
    expect((await record(health, tree.dwellingsB[0]!)).status).toBe(404);
    expect((await coordinator.post('/api/containment/orders', { placeId: aDwellings1[0], reason: '单户' })).json.code).toBe('CONTAINMENT_PLACE_LEVEL');
    expect((await coordinator.post('/api/containment/orders', { placeId: tree.buildingA, reason: '补封', releaseOn: '2026-01-01' })).json.code).toBe(
      'CONTAINMENT_RELEASE_DATE',
    );
    expect(
      (
        await coordinator.put(`/api/containment/settings/${tree.communityA}`, {
          stairwell: 3,
          building: 2,
          compound: 3,
          windowDays: 14,
          releaseDays: 14,
          autoConfirm: false,
          countSuspected: false,
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await coordinator.put(`/api/containment/settings/${tree.communityB}`, {
          stairwell: 1,
          building: 2,
          compound: 3,
          windowDays: 14,
          releaseDays: 14,
          autoConfirm: false,
          countSuspected: false,
        })
      ).status,
    ).toBe(404);
  });
});

describe('the sealed-places map and the dashboard card', () => {
  it('draws compound → buildings → stairwells with the sealed ones, households affected and days to release', async () => {
    const m = (await coordinator.get('/api/containment/map')).json;
    const compound = m.compounds.find((c: any) => c.id === tree.compoundA);
    expect(compound).toBeDefined();
    const nb = compound.buildings.find((b: any) => b.id === neighbour.id);
    expect(nb.seal).toMatchObject({ level: 'building', status: 'active', inherited: false });
    expect(nb.stairwells[0].seal).toMatchObject({ level: 'building', inherited: true });
    const a = compound.buildings.find((b: any) => b.id === tree.buildingA);
    expect(a.seal).toBeNull();
    expect(a.households).toBe(3);
    expect(compound.sealedHouseholds).toBe(1);
    expect(compound.daysToRelease).toBe(10);
  });

  it('puts the sealed places on the dashboard', async () => {
    const d = (await coordinator.get('/api/dashboard')).json;
    const card = d.cards.find((c: any) => c.key === 'containment.sealed');
    expect(card.figures.find((f: any) => f.key === 'active').value).toBe(1);
    expect(card.figures.find((f: any) => f.key === 'households').value).toBe(1);
    expect(card.rows[0].detail['zh-CN']).toContain('距解封 10 天');
  });
});
