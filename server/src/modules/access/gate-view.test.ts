import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../app.js';
import type { Platform } from '../../platform/context.js';
import { queryOne, sql } from '../../platform/db/database.js';
import { ensureDailyPartitions } from '../../platform/db/partitions.js';
import { addDays, localDate } from '../../platform/time.js';
import { buildSmallTree, type SmallTree } from '../../test-support/fixtures.js';
import { TestClient, userWith } from '../../test-support/http-client.js';
import { describeOnPostgres } from '../../test-support/postgres-only.js';
import { createTestPlatform, secondInstance, type TestPlatform } from '../../test-support/test-platform.js';

let t: TestPlatform;
let admin: TestClient;
let tree: SmallTree;
let gate: number;
let secret: string;
let device: TestClient;
const people: number[] = [];

async function ok(res: { status: number; json: any } | Promise<{ status: number; json: any }>, what = 'request') {
  const r = await res;
  if (r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.json)}`);
  return r.json;
}
const event = (over: Record<string, unknown> = {}) => ({
  clientId: crypto.randomUUID(),
  gateId: gate,
  at: t.clock.now().toISOString(),
  subject: 'person',
  direction: 'in',
  decision: 'allowed',
  ...over,
});
const verify = async (client: TestClient, token: string) =>
  (await ok(client.post('/api/access/gate/verify', { gateId: gate, token }))) as { decision: string; reason: string | null };

/**
 * Asks until the verdict gives this reason, then answers it; gives up after 800 asks (about 20 s)
 * with the last verdict, for the test to show. How soon the change is seen is a timing goal,
 * measured in bench/access/staleness.ts, not here.
 */
async function until(client: TestClient, token: string, reason: string) {
  let v = await verify(client, token);
  for (let asks = 1; v.reason !== reason && asks < 800; asks++) {
    await new Promise((r) => setTimeout(r, 25));
    v = await verify(client, token);
  }
  return v;
}

beforeAll(async () => {
  t = await createTestPlatform();
  const today = localDate(t.clock.now(), t.platform.config.timezone);
  await ensureDailyPartitions(t.platform.db, 'gate_events', addDays(today, -1), addDays(today, 2), t.platform.config.timezone);
  admin = await userWith(t.platform, t.app, ['admin', 'center_coordinator'], { all: true }, 'gateviewadmin');
  tree = await buildSmallTree(admin);
  for (let i = 0; i < 4; i++) people.push((await ok(admin.post('/api/residents', { dwellingId: tree.dwellingsA[i], name: `住户${i}` }))).id);
  gate = (await ok(admin.post('/api/access/gates', { name: '西门', kind: 'gate', placeId: tree.compoundA }))).id;
  secret = (await ok(admin.post(`/api/access/gates/${gate}/tokens`, {}))).secret;
  device = new TestClient(t.app, null, null, 'zh-CN', secret);
});
afterAll(() => t.close());

describe('the gate view kept in memory', () => {
  it('refuses a pass at once, in the instance that revoked it, though it had just allowed it from memory', async () => {
    const pass = await ok(admin.post('/api/access/passes', { kind: 'health_pass', residentId: people[0] }));
    expect((await verify(device, pass.token)).decision).toBe('allowed');
    expect((await verify(device, pass.token)).decision).toBe('allowed');
    await ok(admin.post(`/api/access/passes/${pass.id}/revoke`, { reason: '测试撤销', version: pass.version }));
    expect(await verify(device, pass.token)).toMatchObject({ decision: 'refused', reason: 'revoked' });
  });

  it('sees a revocation written behind its back (no NOTIFY), through the version poll', async () => {
    const pass = await ok(admin.post('/api/access/passes', { kind: 'health_pass', residentId: people[1] }));
    expect((await verify(device, pass.token)).decision).toBe('allowed');
    await t.platform.db.execute(sql`UPDATE access_passes SET status = 'revoked', list_version = nextval('pass_list_version') WHERE id = ${pass.id}`);
    expect(await until(device, pass.token, 'revoked')).toMatchObject({ decision: 'refused', reason: 'revoked' });
  });

  it('accepts a renewed pass’s fresh token, and refuses its old one once past its first end', async () => {
    const pass = await ok(admin.post('/api/access/passes', { kind: 'health_pass', residentId: people[2], validDays: 1 }));
    expect((await verify(device, pass.token)).decision).toBe('allowed');
    const renewed = await ok(admin.post(`/api/access/passes/${pass.id}/renew`, { validDays: 10, version: pass.version }));
    t.clock.advance(2 * 86400000);
    expect((await verify(device, renewed.token)).decision).toBe('allowed');
    expect(await verify(device, pass.token)).toMatchObject({ decision: 'refused', reason: 'expired' });
    t.clock.advance(-2 * 86400000);
  });
});

describe('single gate events arriving together (group commit)', () => {
  it('are each answered on their own and audited once each, a retry among them answered as a duplicate', async () => {
    const list = Array.from({ length: 24 }, () => event());
    const answers = await Promise.all([...list, list[0]!].map((e) => ok(device.post('/api/access/gate/events', e))));
    expect(answers.filter((a) => a.recorded).length).toBe(24);
    expect(answers.filter((a) => !a.recorded).length).toBe(1);
    const ids = list.map((e) => e.clientId);
    const stored = await queryOne<{ n: number }>(t.platform.db, sql`SELECT count(*)::int AS n FROM gate_events WHERE client_id::text IN ${ids}`);
    expect(stored!.n).toBe(24);
    // One audit row per device and commit: every new event listed exactly once, with its request's id.
    const audited = await queryOne<{ n: number; distinct: number; rows: number; requests: number }>(
      t.platform.db,
      sql`SELECT count(*)::int AS n, count(DISTINCT e->>'clientId')::int AS distinct, count(DISTINCT a.id)::int AS rows, count(DISTINCT e->>'requestId')::int AS requests
          FROM audit_log a, jsonb_array_elements(a.after->'events') e
          WHERE a.action = 'access.gateEvent.record' AND e->>'clientId' IN ${ids}`,
    );
    expect(audited).toMatchObject({ n: 24, distinct: 24, requests: 24 });
    expect(audited!.rows).toBeGreaterThanOrEqual(1);
    expect(audited!.rows).toBeLessThanOrEqual(24);
  });

  it('count an entry ticket’s uses, and the used-up ticket is refused at once', async () => {
    const ticket = await ok(admin.post('/api/access/passes', { kind: 'entry_ticket', residentId: people[3], maxUses: 3 }));
    expect((await verify(device, ticket.token)).decision).toBe('allowed');
    await Promise.all(Array.from({ length: 3 }, () => ok(device.post('/api/access/gate/events', event({ passId: ticket.id, residentId: people[3] })))));
    const row = await queryOne<{ uses_count: number; in_list: boolean }>(
      t.platform.db,
      sql`SELECT uses_count, list_version IS NOT NULL AS in_list FROM access_passes WHERE id = ${ticket.id}`,
    );
    expect(row).toEqual({ uses_count: 3, in_list: true });
    expect(await verify(device, ticket.token)).toMatchObject({ decision: 'refused', reason: 'out_of_uses' });
  });
});

describeOnPostgres('two app instances on one PostgreSQL database', () => {
  let second: Platform & { shutdown(): Promise<void> };
  let secondApp: App;
  let there: TestClient;

  beforeAll(async () => {
    ({ platform: second, app: secondApp } = await secondInstance(t));
    await secondApp.ready();
    there = new TestClient(secondApp, null, null, 'zh-CN', secret);
  });
  afterAll(async () => {
    await secondApp.close();
    await second.shutdown();
  });

  it('a pass revoked on one is refused by the other (NOTIFY)', async () => {
    const pass = await ok(admin.post('/api/access/passes', { kind: 'health_pass', residentId: people[0] }));
    expect((await verify(there, pass.token)).decision).toBe('allowed');
    await ok(admin.post(`/api/access/passes/${pass.id}/revoke`, { reason: '另一实例', version: pass.version }));
    expect(await until(there, pass.token, 'revoked')).toMatchObject({ decision: 'refused', reason: 'revoked' });
  });

  it('a lockdown order confirmed on one seals the passes of its place on the other', async () => {
    const pass = await ok(admin.post('/api/access/passes', { kind: 'health_pass', residentId: people[1] }));
    expect((await verify(there, pass.token)).decision).toBe('allowed');
    const compound = await queryOne<{ path: string }>(t.platform.db, sql`SELECT path FROM places WHERE id = ${tree.compoundA}`);
    await t.platform.db.execute(
      sql`INSERT INTO lockdown_orders (place_id, place_path, level, status, starts_at) VALUES (${tree.compoundA}, ${compound!.path}, 'compound', 'active', now())`,
    );
    expect(await until(there, pass.token, 'sealed')).toMatchObject({ decision: 'refused', reason: 'sealed' });
    await t.platform.db.execute(sql`UPDATE lockdown_orders SET status = 'released', list_version = nextval('lockdown_list_version')`);
  });
});
