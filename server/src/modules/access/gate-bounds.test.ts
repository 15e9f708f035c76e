import crypto from 'node:crypto';
import { decodeJwt } from 'jose';
import { decideOnClaims } from '@jiayuan/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryOne, sql } from '../../platform/db/database.js';
import { ensureDailyPartitions } from '../../platform/db/partitions.js';
import { addDays, localDate } from '../../platform/time.js';
import { buildSmallTree, makeIdNumber, type SmallTree } from '../../test-support/fixtures.js';
import { TestClient, userWith } from '../../test-support/http-client.js';
import { describeOnPostgres } from '../../test-support/postgres-only.js';
import { createTestPlatform, type TestPlatform } from '../../test-support/test-platform.js';

/**
 * A gate's device acts for its own gate's place only (issue 10, item 2): a pass of another
 * compound is refused there, an ID number or a plate is looked up among the gate's own people
 * and passes, and no event it records uses a ticket, opens a case or registers a visitor
 * elsewhere. And an entry ticket is for its one holder (item 11).
 */
let t: TestPlatform;
let admin: TestClient;
let staffA: TestClient;
let tree: SmallTree;
let gateA: number;
let device: TestClient;
const ids: Record<string, number> = {};
const pass: Record<string, { id: number; token: string }> = {};
const ID_A = makeIdNumber('19790305', 611);
const ID_B = makeIdNumber('19820611', 612);

async function ok(res: Promise<{ status: number; json: any }>, what = 'request') {
  const r = await res;
  if (r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.json)}`);
  return r.json;
}
const now = () => t.clock.now();
const event = (over: Record<string, unknown> = {}) => ({
  clientId: crypto.randomUUID(),
  gateId: gateA,
  at: now().toISOString(),
  subject: 'person',
  direction: 'in',
  decision: 'allowed',
  ...over,
});
const n = async (q: ReturnType<typeof sql>) => (await queryOne<{ n: number }>(t.platform.db, q))!.n;
const usesOf = (id: number) => n(sql`SELECT uses_count::int AS n FROM access_passes WHERE id = ${id}`);
const eventsOf = (clientId: unknown) => n(sql`SELECT count(*)::int AS n FROM gate_events WHERE client_id = ${String(clientId)}::uuid`);

beforeAll(async () => {
  t = await createTestPlatform();
  const today = localDate(now(), t.platform.config.timezone);
  await ensureDailyPartitions(t.platform.db, 'gate_events', addDays(today, -1), addDays(today, 2), t.platform.config.timezone);
  admin = await userWith(t.platform, t.app, ['admin', 'center_coordinator'], { all: true }, 'boundsadmin');
  tree = await buildSmallTree(admin);
  staffA = await userWith(t.platform, t.app, ['community_staff'], { placeIds: [tree.communityA] }, 'boundsstaffa');
  ids.zhang = (await ok(admin.post('/api/residents', { dwellingId: tree.dwellingsA[0], name: '张建国', idNumber: ID_A }))).id;
  ids.li = (await ok(admin.post('/api/residents', { dwellingId: tree.dwellingsA[1], name: '李秀英' }))).id;
  ids.wang = (await ok(admin.post('/api/residents', { dwellingId: tree.dwellingsB[0], name: '王小明', idNumber: ID_B }))).id;
  gateA = (await ok(staffA.post('/api/access/gates', { name: '东门', kind: 'gate', placeId: tree.compoundA }), 'gate')).id;
  device = new TestClient(t.app, null, null, 'zh-CN', (await ok(staffA.post(`/api/access/gates/${gateA}/tokens`, {}), 'token')).secret);
  pass.ticketA = await ok(staffA.post('/api/access/passes', { kind: 'entry_ticket', residentId: ids.zhang, maxUses: 4 }), 'ticket A');
  pass.ticketB = await ok(admin.post('/api/access/passes', { kind: 'entry_ticket', residentId: ids.wang, maxUses: 4 }), 'ticket B');
  pass.healthB = await ok(admin.post('/api/access/passes', { kind: 'health_pass', residentId: ids.wang }), 'health B');
  pass.vehicleB = await ok(
    admin.post('/api/access/passes', { kind: 'vehicle_pass', plate: '鲁E12345', holderName: '王师傅', placeId: tree.compoundB }),
    'vehicle B',
  );
});
afterAll(() => t.close());

describe('verifying at a gate is bounded by the gate’s place', () => {
  it('refuses a pass issued for another compound as wrong_place, online and offline alike', async () => {
    for (const p of [pass.ticketB!, pass.healthB!]) {
      const v = await ok(device.post('/api/access/gate/verify', { gateId: gateA, token: p.token }));
      // What the QR code itself shows, not whom it names over there.
      expect(v).toMatchObject({ decision: 'refused', reason: 'wrong_place', subject: { passId: p.id, maskedName: '王*明', residentId: null } });
    }
    expect(await ok(device.post('/api/access/gate/verify', { gateId: gateA, token: pass.ticketA!.token }))).toMatchObject({
      decision: 'allowed',
      reason: null,
    });
    const gate = (await ok(device.get('/api/access/gates'))).items[0];
    const lists = { revoked: new Map(), lockdowns: [], gatePath: gate.placePath as string };
    expect(decideOnClaims(decodeJwt(pass.ticketB!.token) as never, lists, now().getTime())).toEqual({ decision: 'refused', reason: 'wrong_place' });
    expect(decideOnClaims(decodeJwt(pass.ticketA!.token) as never, lists, now().getTime())).toEqual({ decision: 'allowed', reason: null });
  });

  it('answers an ID number of someone living elsewhere as not registered here, showing nothing of them', async () => {
    const other = await ok(device.post('/api/access/gate/verify', { gateId: gateA, idNumber: ID_B }));
    expect(other).toEqual({
      decision: 'referred',
      reason: 'not_registered',
      subject: { passId: null, kind: null, maskedName: null, dwellingLabel: null, plate: null, residentId: null, validUntil: null, usesLeft: null },
    });
    expect(await ok(device.post('/api/access/gate/verify', { gateId: gateA, idNumber: ID_A }))).toMatchObject({
      decision: 'allowed',
      subject: { passId: pass.ticketA!.id, residentId: ids.zhang },
    });
  });

  it('finds no pass for the plate of another compound’s vehicle', async () => {
    const v = await ok(device.post('/api/access/gate/verify', { gateId: gateA, plate: '鲁E12345' }));
    expect(v).toMatchObject({ decision: 'referred', reason: 'no_pass', subject: { passId: null, maskedName: null, dwellingLabel: null } });
  });
});

describe('what a gate records is bounded by its place', () => {
  it('refuses an allowed passage on another compound’s ticket, alone or in a sync, and uses nothing', async () => {
    const one = event({ passId: pass.ticketB!.id });
    const r = await device.post('/api/access/gate/events', one);
    expect(r.status).toBe(400);
    expect(r.json.code).toBe('ACCESS_PASS_NOT_FOR_GATE');
    expect(r.json.errors[0].path).toBe('passId');
    const batch = [event(), event({ passId: pass.ticketB!.id })];
    const s = await device.post('/api/access/gate/events/sync', { events: batch });
    expect(s.status).toBe(400);
    expect(s.json.code).toBe('ACCESS_PASS_NOT_FOR_GATE');
    expect(s.json.errors[0].path).toBe('events.1.passId');
    expect(await usesOf(pass.ticketB!.id)).toBe(0);
    expect(await eventsOf(one.clientId)).toBe(0);
    expect(await eventsOf(batch[0]!.clientId)).toBe(0);
    // The refusal itself is recorded, alone or synced (a device's queue never sticks on it), and uses nothing.
    const refused = event({ passId: pass.ticketB!.id, decision: 'refused', reason: 'wrong_place' });
    expect(await ok(device.post('/api/access/gate/events', refused))).toMatchObject({ recorded: true });
    const queued = [
      event({ passId: pass.ticketB!.id, residentId: ids.wang, decision: 'refused', reason: 'wrong_place' }),
      event({ passId: pass.ticketA!.id, residentId: ids.zhang }),
    ];
    expect(await ok(device.post('/api/access/gate/events/sync', { events: queued }))).toEqual({ accepted: 2, duplicates: 0, fevers: 0 });
    expect(await usesOf(pass.ticketB!.id)).toBe(0);
  });

  it('opens no fever case on a resident of another community', async () => {
    const cases = () => n(sql`SELECT count(*)::int AS n FROM observation_cases WHERE resident_id = ${ids.wang}`);
    const named = event({ residentId: ids.wang, temperature: 38.5, decision: 'referred', reason: 'fever' });
    const r = await device.post('/api/access/gate/events', named);
    expect(r.status).toBe(400);
    expect(r.json.code).toBe('ACCESS_RESIDENT_NOT_FOR_GATE');
    expect(await eventsOf(named.clientId)).toBe(0);
    // A refused passage on their pass, with a fever: a referral at the gate, no case over there.
    const viaPass = await ok(
      device.post('/api/access/gate/events', event({ passId: pass.healthB!.id, temperature: 38.5, decision: 'refused', reason: 'wrong_place' })),
    );
    expect(viaPass).toMatchObject({ recorded: true, fever: true, observationCaseId: null });
    expect(
      await n(sql`SELECT count(*)::int AS n FROM gate_referrals WHERE id = ${viaPass.referralId} AND resident_id IS NULL AND subject = 'unidentified'`),
    ).toBe(1);
    expect(await cases()).toBe(0);
    // Their own resident with a fever gets the case.
    const own = await ok(device.post('/api/access/gate/events', event({ residentId: ids.li, temperature: 38.5, decision: 'referred', reason: 'fever' })));
    expect(own.observationCaseId).not.toBeNull();
  });

  it('registers no visitor to a flat of another compound', async () => {
    const visitors = () => n(sql`SELECT count(*)::int AS n FROM gate_visitors`);
    const before = await visitors();
    const elsewhere = event({
      temperature: 36.5,
      reason: 'visitor',
      visitor: { name: '孙访客', phone: '13800001111', reason: '探亲', hostDwellingId: tree.dwellingsB[2] },
    });
    const r = await device.post('/api/access/gate/events', elsewhere);
    expect(r.status).toBe(400);
    expect(r.json.code).toBe('ACCESS_HOST_NOT_FOR_GATE');
    expect(r.json.errors[0].path).toBe('visitor.hostDwellingId');
    expect(await visitors()).toBe(before);
    expect(await eventsOf(elsewhere.clientId)).toBe(0);
    await ok(
      device.post(
        '/api/access/gate/events',
        event({ temperature: 36.5, reason: 'visitor', visitor: { name: '孙访客', phone: '13800001111', reason: '探亲', hostDwellingId: tree.dwellingsA[2] } }),
      ),
    );
    expect(await visitors()).toBe(before + 1);
  });
});

describe('an entry ticket is for one person (只限一人使用)', () => {
  it('flags a passage on the ticket by someone other than its holder, alone or in a sync', async () => {
    const reasonOf = async (clientId: unknown) =>
      (await queryOne<{ reason: string | null; decision: string }>(
        t.platform.db,
        sql`SELECT reason, decision FROM gate_events WHERE client_id = ${String(clientId)}::uuid`,
      ))!;
    const holder = event({ passId: pass.ticketA!.id, residentId: ids.zhang });
    const other = event({ passId: pass.ticketA!.id, residentId: ids.li });
    await ok(device.post('/api/access/gate/events', holder));
    await ok(device.post('/api/access/gate/events', other));
    expect(await reasonOf(holder.clientId)).toEqual({ decision: 'allowed', reason: null });
    expect(await reasonOf(other.clientId)).toEqual({ decision: 'allowed', reason: 'not_holder' });
    const synced = event({ passId: pass.ticketA!.id, residentId: ids.li, direction: 'out' });
    await ok(device.post('/api/access/gate/events/sync', { events: [synced, event()] }));
    expect(await reasonOf(synced.clientId)).toEqual({ decision: 'allowed', reason: 'not_holder' });
    const flagged = await n(sql`SELECT count(*)::int AS n FROM gate_events WHERE pass_id = ${pass.ticketA!.id} AND reason = 'not_holder'`);
    expect(flagged).toBe(2);
  });

  it('is never renewed, and is valid two days at most', async () => {
    const view = await ok(staffA.get(`/api/access/passes/${pass.ticketA!.id}`));
    expect(view.actions).toEqual(['revoke']);
    const renew = await staffA.post(`/api/access/passes/${pass.ticketA!.id}/renew`, { validDays: 60, version: view.version });
    expect(renew.status).toBe(409);
    expect(renew.json.code).toBe('ACCESS_TICKET_NOT_RENEWABLE');
    expect((await ok(staffA.get(`/api/access/passes/${pass.ticketA!.id}`))).validUntil).toBe(view.validUntil);
    const long = await staffA.post('/api/access/passes', { kind: 'entry_ticket', residentId: ids.li, validDays: 3 });
    expect(long.status).toBe(400);
  });

  it('is one per household every two days: none the next day, used up or not; one two days on', async () => {
    const first = await ok(staffA.post('/api/access/passes', { kind: 'entry_ticket', residentId: ids.li, validDays: 1, maxUses: 1 }));
    await ok(device.post('/api/access/gate/events', event({ passId: first.id, residentId: ids.li })));
    expect((await ok(staffA.get(`/api/access/passes/${first.id}`))).status).toBe('used_up');
    // The next day, its one-day validity over and its use spent: still the same two days.
    t.clock.advance(86400000 + 60000);
    staffA = await userWith(t.platform, t.app, ['community_staff'], { placeIds: [tree.communityA] }, 'boundsstaffa2');
    const next = await staffA.post('/api/access/passes', { kind: 'entry_ticket', residentId: ids.li });
    expect(next.status).toBe(409);
    expect(next.json.code).toBe('ACCESS_TICKET_EXISTS');
    expect(JSON.stringify(next.json)).toContain('两天内已发过');
    t.clock.advance(86400000);
    staffA = await userWith(t.platform, t.app, ['community_staff'], { placeIds: [tree.communityA] }, 'boundsstaffa3');
    expect((await staffA.post('/api/access/passes', { kind: 'entry_ticket', residentId: ids.li })).status).toBe(201);
  });
});

describeOnPostgres('one ticket per household every two days, under load', () => {
  it('gives exactly one of 12 clerks issuing at once a ticket for the same household (two members), the others 409', async () => {
    // The clock moved two days above: sign in afresh.
    const adm = await userWith(t.platform, t.app, ['admin'], { all: true }, 'boundsadminrace');
    const hh = tree.dwellingsA[4]!;
    const members = [(await ok(adm.post('/api/residents', { dwellingId: hh, name: '钱一' }))).id, 0];
    const household = (await queryOne<{ id: number }>(t.platform.db, sql`SELECT household_id::int AS id FROM residents WHERE id = ${members[0]}`))!.id;
    members[1] = (await ok(adm.post('/api/residents', { householdId: household, name: '钱二' }), 'second member')).id;
    const clerks = [staffA, await userWith(t.platform, t.app, ['community_staff'], { placeIds: [tree.communityA] }, 'boundsstaffrace')];
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) => clerks[i % 2]!.post('/api/access/passes', { kind: 'entry_ticket', residentId: members[i % 2] })),
    );
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 409 && a.json.code === 'ACCESS_TICKET_EXISTS')).toHaveLength(11);
    expect(await n(sql`SELECT count(*)::int AS n FROM access_passes WHERE household_id = ${household} AND kind = 'entry_ticket'`)).toBe(1);
  });
});

describe('the lists a gate keeps offline are its own place’s', () => {
  it('carry the revoked passes and the lockdown orders bearing on its compound, none of another compound’s', async () => {
    // The clock has moved on days above: a fresh session.
    const admin = await userWith(t.platform, t.app, ['admin', 'center_coordinator'], { all: true }, 'listsadmin');
    const revoke = async (p: { id: number; version: number }) =>
      ok(admin.post(`/api/access/passes/${p.id}/revoke`, { reason: '测试吊销', version: p.version }), 'revoke');
    const healthA = await ok(admin.post('/api/access/passes', { kind: 'health_pass', residentId: ids.li }), 'health A');
    const healthB2 = await ok(
      admin.post('/api/access/passes', { kind: 'vehicle_pass', plate: '鲁E54321', holderName: '赵师傅', placeId: tree.compoundB }),
      'vehicle B2',
    );
    await revoke(healthA);
    await revoke(healthB2);
    const sealA = await ok(admin.post('/api/containment/orders', { placeId: tree.buildingA, reason: '密接者居住楼栋' }), 'seal A');
    const sealB = await ok(admin.post('/api/containment/orders', { placeId: tree.buildingB, reason: '密接者居住楼栋' }), 'seal B');

    const full = await ok(device.get('/api/access/gate/lists'));
    const revoked = full.revocations.entries.map((e: { passId: number }) => e.passId);
    expect(revoked).toContain(healthA.id);
    expect(revoked).not.toContain(healthB2.id);
    const orders = full.lockdowns.entries.map((e: { orderId: number }) => e.orderId).sort((a: number, b: number) => a - b);
    expect(orders).toEqual([sealA.id]);
    // A delta from before the changes carries the same, and the versions go on from the list's own.
    const delta = await ok(device.get('/api/access/gate/lists?revocationsSince=0&lockdownsSince=0'));
    expect(delta.lockdowns.entries.map((e: { orderId: number }) => e.orderId).sort((a: number, b: number) => a - b)).toEqual(orders);
    expect(delta.revocations.entries.map((e: { passId: number }) => e.passId)).not.toContain(healthB2.id);
    expect(delta.lockdowns.version).toBeGreaterThanOrEqual(Math.max(sealA.version ?? 0, sealB.version ?? 0, 1));
    // And B's guard gets B's, not A's.
    const guardB = await userWith(t.platform, t.app, ['property_staff'], { placeIds: [tree.compoundB] }, 'listsguardb');
    const listsB = await ok(guardB.get('/api/access/gate/lists'));
    expect(listsB.lockdowns.entries.map((e: { orderId: number }) => e.orderId)).toEqual([sealB.id]);
    expect(listsB.revocations.entries.map((e: { passId: number }) => e.passId)).toContain(healthB2.id);
    expect(listsB.revocations.entries.map((e: { passId: number }) => e.passId)).not.toContain(healthA.id);
  });
});
