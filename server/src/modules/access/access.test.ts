import crypto from 'node:crypto';
import { createLocalJWKSet, decodeJwt, jwtVerify, type JSONWebKeySet } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryOne, sql } from '../../platform/db/database.js';
import { ensureDailyPartitions } from '../../platform/db/partitions.js';
import { addDays, localDate } from '../../platform/time.js';
import { buildSmallTree, makeIdNumber, type SmallTree } from '../../test-support/fixtures.js';
import { TestClient, userWith } from '../../test-support/http-client.js';
import { residentClient } from '../../test-support/servicedesk.js';
import { createTestPlatform, type TestPlatform } from '../../test-support/test-platform.js';
import { readSheets } from '../../test-support/workbooks.js';
import { GATE_REASONS } from '@jiayuan/contracts';

let t: TestPlatform;
let admin: TestClient;
let staffA: TestClient;
let tree: SmallTree;
let gateA: number;
let gateB: number;
/** A guard's device: an API token scoped to compound A. */
let device: TestClient;
let deviceTokenId: number;
const ids: Record<string, number> = {};
const ID_NUMBER = makeIdNumber('19790305', 417);

async function ok(res: { status: number; json: any } | Promise<{ status: number; json: any }>, what = 'request') {
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
const count = async (where = sql`TRUE`) => (await queryOne<{ n: number }>(t.platform.db, sql`SELECT count(*)::int AS n FROM gate_events WHERE ${where}`))!.n;

beforeAll(async () => {
  t = await createTestPlatform();
  // As the scheduler's partition job does at start: today's and the next days' partitions.
  const today = localDate(now(), t.platform.config.timezone);
  await ensureDailyPartitions(t.platform.db, 'gate_events', addDays(today, -1), addDays(today, 2), t.platform.config.timezone);
  admin = await userWith(t.platform, t.app, ['admin', 'center_coordinator'], { all: true }, 'accessadmin');
  tree = await buildSmallTree(admin);
  staffA = await userWith(t.platform, t.app, ['community_staff'], { placeIds: [tree.communityA] }, 'accessstaffa');
  await userWith(t.platform, t.app, ['health_worker'], { placeIds: [tree.communityA] }, 'accesshealtha');
  ids.zhang = (await ok(admin.post('/api/residents', { dwellingId: tree.dwellingsA[0], name: '张建国', phone: '13912340001', idNumber: ID_NUMBER }))).id;
  ids.li = (await ok(admin.post('/api/residents', { dwellingId: tree.dwellingsA[5], name: '李秀英', phone: '13912340002' }))).id;
  ids.wang = (await ok(admin.post('/api/residents', { dwellingId: tree.dwellingsB[0], name: '王小明', phone: '13912340003' }))).id;
  gateA = (await ok(staffA.post('/api/access/gates', { name: '东门', kind: 'gate', placeId: tree.compoundA }), 'gate')).id;
  gateB = (await ok(admin.post('/api/access/gates', { name: '南门', kind: 'gate', placeId: tree.compoundB }), 'gate B')).id;
  const tok = await ok(staffA.post(`/api/access/gates/${gateA}/tokens`, {}), 'gate token');
  device = new TestClient(t.app, null, null, 'zh-CN', tok.secret);
  deviceTokenId = tok.tokenId;
});
afterAll(() => t.close());

describe('passes', () => {
  let healthToken: string;

  it('are issued as signed tokens that an independent JOSE verifier accepts against /.well-known/jwks.json, before and after a key rotation', async () => {
    const pass = await ok(staffA.post('/api/access/passes', { kind: 'health_pass', residentId: ids.zhang, validDays: 30 }), 'issue');
    expect(pass).toMatchObject({ kind: 'health_pass', status: 'active', holderName: '张*国', actions: ['revoke', 'renew'] });
    healthToken = pass.token;
    ids.health = pass.id;
    const keys = async () => createLocalJWKSet((await t.app.inject({ method: 'GET', url: '/.well-known/jwks.json' })).json() as JSONWebKeySet);
    const first = await jwtVerify(healthToken, await keys(), { issuer: 'jiayuan', currentDate: now() });
    expect(first.payload).toMatchObject({ typ: 'access.health_pass', pid: pass.id, n: '张*国' });
    expect(first.protectedHeader).toMatchObject({ alg: 'EdDSA' });
    expect(JSON.stringify(first.payload)).not.toContain(ID_NUMBER);
    expect(JSON.stringify(first.payload)).not.toContain('张建国');

    const rotated = await ok(admin.post('/api/passes/keys/rotate'), 'rotate');
    const after = await ok(staffA.post('/api/access/passes', { kind: 'health_pass', residentId: ids.li }), 'issue after rotation');
    const set = await keys();
    expect((await jwtVerify(healthToken, set, { currentDate: now() })).payload.pid).toBe(pass.id);
    const second = await jwtVerify(after.token, set, { currentDate: now() });
    expect(second.protectedHeader.kid).toBe(rotated.kid);
    expect(first.protectedHeader.kid).not.toBe(rotated.kid);
    // A token signed by a key the set does not hold fails the same verifier.
    const [h, p] = after.token.split('.');
    await expect(jwtVerify(`${h}.${p}.${'A'.repeat(86)}`, set)).rejects.toThrow();
  });

  it('are allowed at the gate, then refused as revoked once revoked with a reason, and the revocation reaches the gate lists as a delta', async () => {
    const lists0 = await ok(device.get('/api/access/gate/lists'), 'lists');
    expect(lists0.revocations.full).toBe(true);
    expect(await ok(device.post('/api/access/gate/verify', { gateId: gateA, token: healthToken }))).toMatchObject({
      decision: 'allowed',
      reason: null,
      subject: { maskedName: '张*国' },
    });
    const version = (await ok(staffA.get(`/api/access/passes/${ids.health}`))).version;
    const revoked = await ok(staffA.post(`/api/access/passes/${ids.health}/revoke`, { reason: '卡片遗失', version }), 'revoke');
    expect(revoked).toMatchObject({ status: 'revoked', revokeReason: '卡片遗失', actions: [] });
    expect(await ok(device.post('/api/access/gate/verify', { gateId: gateA, token: healthToken }))).toMatchObject({ decision: 'refused', reason: 'revoked' });
    const delta = await ok(device.get(`/api/access/gate/lists?revocationsSince=${lists0.revocations.version}&lockdownsSince=${lists0.lockdowns.version}`));
    expect(delta.revocations).toMatchObject({ full: false, entries: [{ passId: ids.health, reason: 'revoked' }] });
    expect(delta.revocations.version).toBeGreaterThan(lists0.revocations.version);
    const again = await staffA.post(`/api/access/passes/${ids.health}/revoke`, { reason: '再次', version: revoked.version });
    expect(again.status).toBe(409);
    expect(again.json.code).toBe('ACCESS_PASS_NOT_ACTIVE');
    const audit = await queryOne<{ n: number }>(
      t.platform.db,
      sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'access.pass.revoke' AND entity_id = ${String(ids.health)}`,
    );
    expect(audit!.n).toBe(1);
  });

  it('give a household one entry ticket at a time, counted per use until it runs out', async () => {
    const ticket = await ok(staffA.post('/api/access/passes', { kind: 'entry_ticket', residentId: ids.zhang, maxUses: 2 }), 'ticket');
    expect(ticket).toMatchObject({ kind: 'entry_ticket', maxUses: 2, usesCount: 0 });
    expect(Math.abs(new Date(ticket.validUntil).getTime() - now().getTime() - 2 * 86400000)).toBeLessThan(5000);
    const twice = await staffA.post('/api/access/passes', { kind: 'entry_ticket', residentId: ids.zhang });
    expect(twice.status).toBe(409);
    expect(twice.json.code).toBe('ACCESS_TICKET_EXISTS');
    for (const direction of ['out', 'in']) {
      expect((await ok(device.post('/api/access/gate/verify', { gateId: gateA, token: ticket.token }))).decision).toBe('allowed');
      await ok(device.post('/api/access/gate/events', event({ passId: ticket.id, direction })), 'event');
    }
    expect(await ok(device.post('/api/access/gate/verify', { gateId: gateA, token: ticket.token }))).toMatchObject({
      decision: 'refused',
      reason: 'out_of_uses',
    });
    const lists = await ok(device.get('/api/access/gate/lists'));
    expect(lists.revocations.entries).toContainEqual(expect.objectContaining({ passId: ticket.id, reason: 'out_of_uses' }));
    // A used-up ticket still holds the household's two days (一户一票两天一票): no new ticket the same day.
    const again = await staffA.post('/api/access/passes', { kind: 'entry_ticket', residentId: ids.zhang });
    expect(again.status).toBe(409);
    expect(again.json.code).toBe('ACCESS_TICKET_EXISTS');
    // Two days after it was issued, the household gets its next ticket.
    await t.platform.db.execute(
      sql`UPDATE access_passes SET valid_from = valid_from - interval '2 days', valid_until = valid_until - interval '2 days', ticket_period_end = ticket_period_end - interval '2 days' WHERE id = ${ticket.id}`,
    );
    ids.ticket2 = (await ok(staffA.post('/api/access/passes', { kind: 'entry_ticket', residentId: ids.zhang }), 'next ticket')).id;
  });

  it('check vehicle plates in the Chinese format, new-energy plates included, and find a pass by plate at the gate', async () => {
    const bad = await staffA.post('/api/access/passes', { kind: 'vehicle_pass', plate: '鲁E1234', holderName: '赵师傅', placeId: tree.compoundA });
    expect(bad.status).toBe(400);
    const ev = await ok(
      staffA.post('/api/access/passes', { kind: 'vehicle_pass', plate: '鲁E·D12345', holderName: '赵师傅', placeId: tree.compoundA, validDays: 3 }),
      'vehicle',
    );
    expect(ev).toMatchObject({ plate: '鲁ED12345', kind: 'vehicle_pass' });
    expect(decodeJwt(ev.token)).toMatchObject({ pl: '鲁ED12345', typ: 'access.vehicle_pass' });
    expect(await ok(device.post('/api/access/gate/verify', { gateId: gateA, plate: '鲁ED12345' }))).toMatchObject({
      decision: 'allowed',
      subject: { passId: ev.id },
    });
    expect(await ok(device.post('/api/access/gate/verify', { gateId: gateA, plate: '鲁E99999' }))).toMatchObject({ decision: 'referred', reason: 'no_pass' });
  });

  it('find a resident by ID number without ever answering with it, and refer people not on file', async () => {
    const v = await ok(device.post('/api/access/gate/verify', { gateId: gateA, idNumber: ID_NUMBER }));
    expect(v).toMatchObject({ decision: 'allowed', subject: { passId: ids.ticket2, maskedName: '张*国' } });
    expect(JSON.stringify(v)).not.toContain(ID_NUMBER);
    expect(await ok(device.post('/api/access/gate/verify', { gateId: gateA, idNumber: makeIdNumber('19900101', 555) }))).toMatchObject({
      decision: 'referred',
      reason: 'not_registered',
    });
    const bad = await device.post('/api/access/gate/verify', { gateId: gateA, idNumber: '370502198001011234' });
    expect(bad.status).toBe(400);
    expect(bad.json.code).toBe('ACCESS_ID_NUMBER_INVALID');
  });

  it('are shown to the resident who holds them on their own page, with their full name', async () => {
    const me = await residentClient(t, '13912340001');
    const mine = await ok(me.get('/api/access/my-passes'));
    expect(mine.items.map((p: any) => p.id)).toContain(ids.ticket2);
    expect(mine.items[0].holderName).toBe('张建国');
    expect((await me.get('/api/access/passes')).status).toBe(403);
  });
});

describe('a lockdown order over a building', () => {
  it('refuses the entry tickets of its households at the gate with the reason sealed, online and in the lists gates keep', async () => {
    const ticket = await ok(staffA.post('/api/access/passes', { kind: 'entry_ticket', residentId: ids.li }), 'ticket li');
    expect((await ok(device.post('/api/access/gate/verify', { gateId: gateA, token: ticket.token }))).decision).toBe('allowed');
    const building = await queryOne<{ path: string }>(t.platform.db, sql`SELECT path FROM places WHERE id = ${tree.buildingA}`);
    const before = await ok(device.get('/api/access/gate/lists'));
    await t.platform.db.execute(
      sql`INSERT INTO lockdown_orders (place_id, place_path, level, status, starts_at) VALUES (${tree.buildingA}, ${building!.path}, 'building', 'active', now())`,
    );
    // The server keeps what it read of a pass for a second; the order is in force from the next read.
    t.clock.advance(1500);
    expect(await ok(device.post('/api/access/gate/verify', { gateId: gateA, token: ticket.token }))).toMatchObject({ decision: 'refused', reason: 'sealed' });
    const delta = await ok(device.get(`/api/access/gate/lists?lockdownsSince=${before.lockdowns.version}`));
    expect(delta.lockdowns.entries).toEqual([expect.objectContaining({ placePath: building!.path, active: true })]);
    // The offline decision, with the same lists and the claims of the token, agrees.
    const { decideOnClaims } = await import('@jiayuan/contracts');
    const claims = decodeJwt(ticket.token) as any;
    expect(decideOnClaims(claims, { revoked: new Map(), lockdowns: delta.lockdowns.entries }, now().getTime())).toEqual({
      decision: 'refused',
      reason: 'sealed',
    });
    // Compound B's vehicle is not under the order.
    const other = await ok(admin.post('/api/access/passes', { kind: 'health_pass', residentId: ids.wang }));
    expect(decideOnClaims(decodeJwt(other.token) as any, { revoked: new Map(), lockdowns: delta.lockdowns.entries }, now().getTime()).decision).toBe('allowed');
    await t.platform.db.execute(sql`UPDATE lockdown_orders SET status = 'released', list_version = nextval('lockdown_list_version')`);
  });
});

describe('gate devices', () => {
  it('act only at the gates of their own compound', async () => {
    const other = await ok(admin.post('/api/access/passes', { kind: 'health_pass', residentId: ids.wang }));
    const r = await device.post('/api/access/gate/verify', { gateId: gateB, token: other.token });
    expect(r.status).toBe(404);
    expect((await device.post('/api/access/gate/events', event({ gateId: gateB }))).status).toBe(404);
    expect((await device.get('/api/access/gates')).json.items.map((g: any) => g.id)).toEqual([gateA]);
    expect((await device.post('/api/access/passes', { kind: 'health_pass', residentId: ids.zhang })).status).toBe(403);
  });
});

describe('gate events', () => {
  it('are recorded once per client id, whether sent alone, retried or synced again in a batch', async () => {
    const start = await count();
    const one = event();
    expect(await ok(device.post('/api/access/gate/events', one))).toMatchObject({ recorded: true, fever: false });
    expect(await ok(device.post('/api/access/gate/events', one))).toMatchObject({ recorded: false });
    const audited = await queryOne<{ n: number; token: number }>(
      t.platform.db,
      sql`SELECT count(*)::int AS n, max(actor_token_id)::int AS token FROM audit_log, jsonb_array_elements(after->'events') e
          WHERE action = 'access.gateEvent.record' AND e->>'clientId' = ${one.clientId} AND e->>'requestId' IS NOT NULL`,
    );
    expect(audited!.n).toBe(1);
    // Written as the gate's own device token.
    expect(audited!.token).toBe(deviceTokenId);
    const batch = [
      one,
      ...Array.from({ length: 30 }, (_, i) =>
        event({
          direction: i % 2 ? 'in' : 'out',
          subject: i % 3 ? 'person' : 'vehicle',
          decision: i % 5 ? 'allowed' : 'refused',
          reason: i % 5 ? null : 'expired',
        }),
      ),
    ];
    expect(await ok(device.post('/api/access/gate/events/sync', { events: batch }))).toEqual({ accepted: 30, duplicates: 1, fevers: 0 });
    expect(await ok(device.post('/api/access/gate/events/sync', { events: batch }))).toEqual({ accepted: 0, duplicates: 31, fevers: 0 });
    expect(await count()).toBe(start + 31);
    // A client id is the same id whatever its letter case.
    const upper = event({ clientId: crypto.randomUUID().toUpperCase() });
    expect(await ok(device.post('/api/access/gate/events/sync', { events: [upper] }))).toMatchObject({ accepted: 1 });
    expect(await ok(device.post('/api/access/gate/events/sync', { events: [{ ...upper, clientId: String(upper.clientId).toLowerCase() }] }))).toMatchObject({
      accepted: 0,
      duplicates: 1,
    });
    expect(await count()).toBe(start + 32);
    const audits = await queryOne<{ n: number }>(t.platform.db, sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'access.gateEvent.sync'`);
    // Syncs that changed nothing have nothing to audit.
    expect(audits!.n).toBe(2);
  });

  it("keep the instant of a time sent with the gate's own offset, and a resend in UTC is the same event", async () => {
    const instant = new Date(now().getTime() - 60_000);
    const local = new Date(instant.getTime() + 8 * 3600_000).toISOString().replace('Z', '+08:00');
    const e = event({ at: local });
    expect(await ok(device.post('/api/access/gate/events/sync', { events: [e] }))).toMatchObject({ accepted: 1 });
    expect(await ok(device.post('/api/access/gate/events/sync', { events: [{ ...e, at: instant.toISOString() }] }))).toMatchObject({
      accepted: 0,
      duplicates: 1,
    });
    const stored = await queryOne<{ at: string }>(
      t.platform.db,
      sql`SELECT to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at FROM gate_events WHERE client_id = ${e.clientId}`,
    );
    expect(stored!.at).toBe(instant.toISOString());
  });

  it('land in day partitions made ahead by the scheduler, or in the default one', async () => {
    const today = localDate(now(), t.platform.config.timezone);
    const e = event();
    await ok(device.post('/api/access/gate/events', e));
    const where = await queryOne<{ part: string }>(
      t.platform.db,
      sql`SELECT tableoid::regclass::text AS part FROM gate_events WHERE client_id = ${e.clientId}`,
    );
    expect(where!.part).toBe(`gate_events_p${today.replaceAll('-', '')}`);
    expect(await ok(device.post('/api/access/gate/events', e))).toMatchObject({ recorded: false });
  });

  it('refuse times in the future or a month old, and a visitor phone that is not one, recording nothing', async () => {
    const start = await count();
    const future = await device.post('/api/access/gate/events', event({ at: new Date(now().getTime() + 3600000).toISOString() }));
    expect(future.status).toBe(400);
    expect(future.json.code).toBe('ACCESS_EVENT_TIME');
    const phone = await device.post('/api/access/gate/events/sync', { events: [event(), event({ visitor: { name: '访客', phone: '12', reason: '送货' } })] });
    expect(phone.status).toBe(400);
    expect(await count()).toBe(start);
  });

  it('hand a resident’s fever to the health worker as a fever follow-up case, and a visitor’s as a referral', async () => {
    const notes = async () => (await queryOne<{ n: number }>(t.platform.db, sql`SELECT count(*)::int AS n FROM notifications WHERE kind = 'access.fever'`))!.n;
    const n0 = await notes();
    const fever = await ok(
      device.post('/api/access/gate/events', event({ passId: ids.ticket2, residentId: ids.zhang, temperature: 37.3, decision: 'referred', reason: 'fever' })),
    );
    expect(fever).toMatchObject({ recorded: true, fever: true });
    expect(fever.observationCaseId).toBeGreaterThan(0);
    const c = await ok(staffA.get(`/api/observation/cases/${fever.observationCaseId}`));
    expect(c).toMatchObject({ kind: 'fever_follow_up', residentId: ids.zhang });
    // The health worker's notification opens the case's own page (the web app's /observation/cases/:id).
    const link = await queryOne<{ link: string }>(
      t.platform.db,
      sql`SELECT link FROM notifications WHERE kind = 'access.fever' AND subject_id = ${String(fever.observationCaseId)} LIMIT 1`,
    );
    expect(link!.link).toBe(`/observation/cases/${fever.observationCaseId}`);
    const normal = await ok(device.post('/api/access/gate/events', event({ temperature: 37.2 })));
    expect(normal.fever).toBe(false);
    const visitor = await ok(
      device.post(
        '/api/access/gate/events',
        event({
          temperature: 38.4,
          decision: 'referred',
          reason: 'fever',
          visitor: { name: '孙访客', phone: '13800001111', reason: '探亲', hostDwellingId: tree.dwellingsA[1] },
        }),
      ),
    );
    expect(visitor).toMatchObject({ recorded: true, fever: true, observationCaseId: null });
    const ref = await queryOne<{ subject: string; visitor_id: number | null }>(
      t.platform.db,
      sql`SELECT subject, visitor_id FROM gate_referrals WHERE id = ${visitor.referralId}`,
    );
    expect(ref).toMatchObject({ subject: 'visitor' });
    expect(ref!.visitor_id).not.toBeNull();
    const v = await queryOne<{ phone_enc: Buffer }>(t.platform.db, sql`SELECT phone_enc FROM gate_visitors WHERE id = ${ref!.visitor_id}`);
    expect(Buffer.from(v!.phone_enc).toString('latin1')).not.toContain('13800001111');
    expect(await notes()).toBe(n0 + 2);
    const audit = await queryOne<{ txt: string }>(
      t.platform.db,
      sql`SELECT string_agg(coalesce(after::text, ''), ' ') AS txt FROM audit_log WHERE action LIKE 'access.%'`,
    );
    expect(audit!.txt).not.toContain('38.4');
    expect(audit!.txt).not.toContain('13800001111');
  });

  it('register the visitors and count the ticket uses of a resent sync’s new events only, an event sent twice in one batch once', async () => {
    const zhao = (await ok(admin.post('/api/residents', { dwellingId: tree.dwellingsA[3], name: '赵海燕', phone: '13912340004' }))).id;
    const ticket = await ok(staffA.post('/api/access/passes', { kind: 'entry_ticket', residentId: zhao, maxUses: 5 }), 'ticket');
    const visitor = (name: string) => ({ name, phone: '13800002222', reason: '送货', hostDwellingId: tree.dwellingsA[3] });
    const [use1, use2] = [event({ passId: ticket.id }), event({ passId: ticket.id, direction: 'out' })];
    const [guest1, guest2] = [event({ visitor: visitor('周访客') }), event({ visitor: visitor('吴访客') })];
    const start = await count();
    expect(await ok(device.post('/api/access/gate/events/sync', { events: [use1, guest1] }))).toEqual({ accepted: 2, duplicates: 0, fevers: 0 });
    // The answer was lost: the device sends them again with what it recorded since, one of them twice.
    expect(await ok(device.post('/api/access/gate/events/sync', { events: [use1, guest1, use2, guest2, use2] }))).toEqual({
      accepted: 2,
      duplicates: 3,
      fevers: 0,
    });
    expect(await count()).toBe(start + 4);
    expect((await ok(staffA.get(`/api/access/passes/${ticket.id}`))).usesCount).toBe(2);
    const guests = await queryOne<{ n: number; distinct: number }>(
      t.platform.db,
      sql`SELECT count(*)::int AS n, count(DISTINCT event_client_id)::int AS distinct FROM gate_visitors WHERE event_client_id IN (${guest1.clientId}, ${guest2.clientId})`,
    );
    expect(guests).toEqual({ n: 2, distinct: 2 });
  });

  it('add up per gate and day: entries, exits, refusals by reason, vehicles, visitors, fevers', async () => {
    const today = localDate(now(), t.platform.config.timezone);
    const f = await ok(staffA.get(`/api/access/figures?from=${today}&to=${today}`));
    const row = f.items.find((r: any) => r.gateId === gateA);
    const direct = await queryOne<any>(
      t.platform.db,
      sql`SELECT count(*) FILTER (WHERE direction='in' AND decision='allowed')::int AS entries, count(*) FILTER (WHERE direction='out' AND decision='allowed')::int AS exits,
                 count(*) FILTER (WHERE decision='refused')::int AS refused, count(*) FILTER (WHERE subject='vehicle')::int AS vehicles,
                 count(*) FILTER (WHERE visitor)::int AS visitors, count(*) FILTER (WHERE fever)::int AS fevers FROM gate_events WHERE gate_id = ${gateA}`,
    );
    expect(row).toMatchObject({ ...direct, gateName: '东门', day: today });
    expect(row.fevers).toBe(2);
    expect(row.refusals.expired).toBe(6);
    const card = (await ok(staffA.get('/api/dashboard'))).cards.find((c: any) => c.key === 'access.gates_today');
    expect(card.figures.find((x: any) => x.key === 'fevers').value).toBe(2);
    // Another community's gate: its events count for the district, never for community A's staff.
    await t.platform.db.execute(
      sql`INSERT INTO gate_events (gate_id, client_id, at, subject, direction, visitor, fever, decision, place_path, received_at)
          SELECT ${gateB}, gen_random_uuid(), now(), 'person', 'in', false, false, 'allowed', place_path, now() FROM access_gates WHERE id = ${gateB}`,
    );
    expect((await ok(staffA.get(`/api/access/figures?from=${today}&to=${today}`))).items.map((r: any) => r.gateId)).toEqual([gateA]);
    const district = await ok(admin.get(`/api/access/figures?from=${today}&to=${today}`));
    expect(district.items.find((r: any) => r.gateId === gateB)).toMatchObject({ entries: 1, gateName: '南门' });
    expect((await staffA.get(`/api/access/figures?from=${today}&to=${today}&gateId=${gateB}`)).status).toBe(404);
    const wide = await staffA.get(`/api/access/figures?from=2026-01-01&to=2026-06-01`);
    expect(wide.status).toBe(400);
  });

  it('drill down from each figure to exactly the events it counts, within scope, names masked and no reading', async () => {
    const today = localDate(now(), t.platform.config.timezone);
    const row = (await ok(staffA.get(`/api/access/figures?from=${today}&to=${today}&gateId=${gateA}`))).items[0];
    const list = (q: string, paging = 'pageSize=200') =>
      ok(staffA.get(`/api/access/events?from=${today}&to=${today}&gateId=${gateA}&day=${today}&${paging}&${q}`));
    for (const kind of ['entries', 'exits', 'refused', 'vehicles', 'visitors', 'fevers'] as const) {
      const page = await list(`kind=${kind}`);
      expect(page.total, kind).toBe(row[kind]);
      expect(page.items).toHaveLength(Math.min(row[kind], 200));
    }
    for (const [reason, n] of Object.entries(row.refusals as Record<string, number>)) {
      const page = await list(`reason=${reason}`);
      expect(page.total, reason).toBe(n);
      expect(page.items.every((e: any) => e.decision === 'refused' && e.reason === reason)).toBe(true);
    }
    const fevers = await list('kind=fevers');
    expect(fevers.items.every((e: any) => e.fever && e.gateName === '东门')).toBe(true);
    const body = JSON.stringify(fevers);
    expect(body).not.toMatch(/temperature|3[89]\.\d/);
    const named = (await list('kind=entries')).items.filter((e: any) => e.personName !== null);
    expect(named.length).toBe(
      (await queryOne<{ n: number }>(
        t.platform.db,
        sql`SELECT count(*)::int AS n FROM gate_events WHERE gate_id = ${gateA} AND direction = 'in' AND decision = 'allowed' AND (resident_id IS NOT NULL OR pass_id IS NOT NULL)`,
      ))!.n,
    );
    expect(named.length).toBeGreaterThan(0);
    expect(named.every((e: any) => /^.\*+.?$/u.test(e.personName))).toBe(true);
    // Paging: the second page of two-a-page goes on where the first stopped.
    const [p1, p2] = [await list('kind=refused', 'pageSize=2&page=1'), await list('kind=refused', 'pageSize=2&page=2')];
    expect(p1.items).toHaveLength(2);
    expect(p2.items[0].at <= p1.items[1].at).toBe(true);
    // Another community's gate is not found; without a gate, only community A's gate's events are listed.
    expect((await staffA.get(`/api/access/events?from=${today}&to=${today}&gateId=${gateB}`)).status).toBe(404);
    const mine = await ok(staffA.get(`/api/access/events?from=${today}&to=${today}&pageSize=200`));
    const inA = await queryOne<{ n: number }>(t.platform.db, sql`SELECT count(*)::int AS n FROM gate_events WHERE gate_id = ${gateA}`);
    expect(mine.total).toBe(inA!.n);
    expect(mine.items.every((e: any) => e.gateId === gateA)).toBe(true);
    expect((await staffA.get(`/api/access/events?from=${today}&to=${today}&day=2026-01-01`)).status).toBe(400);
  });

  it("export as Excel exactly the rows shown, community A's staff only community A's gate", async () => {
    const today = localDate(now(), t.platform.config.timezone);
    const sheet = async (c: TestClient, q = `from=${today}&to=${today}`) => {
      const res = await c.get(`/api/access/figures.xlsx?${q}`);
      expect(res.status).toBe(200);
      return (await readSheets(res.body))['门岗统计 Gate figures']!;
    };
    const line = (r: any) =>
      [r.day, r.gateName, r.entries, r.exits, r.refused, ...GATE_REASONS.map((k) => r.refusals[k] ?? 0), r.vehicles, r.visitors, r.fevers].map(String);
    const district = await ok(admin.get(`/api/access/figures?from=${today}&to=${today}`));
    const all = await sheet(admin);
    expect(all.slice(1, 1 + district.items.length)).toEqual(district.items.map(line));
    expect(district.items.map((r: any) => r.gateId).sort()).toEqual([gateA, gateB].sort());
    // Community A's staff: gate A's row, counted from the events directly, and totals equal to it.
    const direct = await queryOne<any>(
      t.platform.db,
      sql`SELECT count(*) FILTER (WHERE direction='in' AND decision='allowed')::int AS entries, count(*) FILTER (WHERE decision='refused')::int AS refused,
                 count(*) FILTER (WHERE fever)::int AS fevers FROM gate_events WHERE gate_id = ${gateA}`,
    );
    const mine = (await sheet(staffA)).slice(1, -1);
    expect(mine.map((r) => [r[0], r[1], Number(r[2]), Number(r[4]), Number(r.at(-1))])).toEqual([
      [today, '东门', direct.entries, direct.refused, direct.fevers],
      ['合计 Total', '', direct.entries, direct.refused, direct.fevers],
    ]);
    expect((await staffA.get(`/api/access/figures.xlsx?from=${today}&to=${today}&gateId=${gateB}`)).status).toBe(404);
    expect((await staffA.get('/api/access/figures.xlsx?from=2026-01-01&to=2026-06-01')).status).toBe(400);
  });
});
