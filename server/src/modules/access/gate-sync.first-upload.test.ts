import crypto from 'node:crypto';
import { afterAll, beforeAll, expect } from 'vitest';
import { queryOne, sql } from '../../platform/db/database.js';
import { ensureDailyPartitions } from '../../platform/db/partitions.js';
import { addDays, localDate } from '../../platform/time.js';
import { buildSmallTree, type SmallTree } from '../../test-support/fixtures.js';
import { TestClient, userWith } from '../../test-support/http-client.js';
import { describeOnPostgres, itOnPostgres } from '../../test-support/postgres-only.js';
import { createTestPlatform, type TestPlatform } from '../../test-support/test-platform.js';

/**
 * Two gate devices uploading the same new batch at once (issue 10, item 30): before, only resends
 * of a batch already stored were raced. Each event is stored once, and what follows from it —
 * a ticket's use, a visitor, a fever referral and case — happens once; neither device gets an error.
 */
let t: TestPlatform;
let tree: SmallTree;
let gate: number;
let devices: [TestClient, TestClient];
let ticket: number;
let resident: number;
const n = async (q: ReturnType<typeof sql>) => (await queryOne<{ n: number }>(t.platform.db, q))!.n;

describeOnPostgres('two gate devices syncing the same new batch at once', () => {
  beforeAll(async () => {
    t = await createTestPlatform();
    const today = localDate(t.clock.now(), t.platform.config.timezone);
    await ensureDailyPartitions(t.platform.db, 'gate_events', addDays(today, -1), addDays(today, 2), t.platform.config.timezone);
    const admin = await userWith(t.platform, t.app, ['admin'], { all: true }, 'gfuadmin');
    tree = await buildSmallTree(admin);
    await userWith(t.platform, t.app, ['health_worker'], { placeIds: [tree.communityA] }, 'gfuhealth');
    const staff = await userWith(t.platform, t.app, ['community_staff'], { placeIds: [tree.communityA] }, 'gfustaff');
    resident = (await admin.post('/api/residents', { dwellingId: tree.dwellingsA[0], name: '周并发' })).json.id;
    gate = (await staff.post('/api/access/gates', { name: '北门', kind: 'gate', placeId: tree.compoundA })).json.id;
    const token = async () => (await staff.post(`/api/access/gates/${gate}/tokens`, {})).json.secret as string;
    devices = [new TestClient(t.app, null, null, 'zh-CN', await token()), new TestClient(t.app, null, null, 'zh-CN', await token())];
    ticket = (await staff.post('/api/access/passes', { kind: 'entry_ticket', residentId: resident, maxUses: 100 })).json.id;
  });
  afterAll(() => t?.close());

  itOnPostgres('stores each event once and counts its ticket use, visitor and fever once, in five races of 200 new events', async () => {
    let events = 0;
    for (let round = 0; round < 5; round++) {
      const at = new Date(t.clock.now().getTime() - 60_000 + round).toISOString();
      const batch = Array.from({ length: 200 }, (_, i) => ({
        clientId: crypto.randomUUID(),
        gateId: gate,
        at,
        subject: 'person',
        direction: i % 2 ? 'in' : 'out',
        decision: 'allowed',
        ...(i % 50 === 0 ? { passId: ticket, residentId: resident } : {}),
        ...(i % 50 === 1
          ? {
              temperature: 36.5,
              reason: 'visitor',
              visitor: { name: `访客${round}-${i}`, phone: '13800003333', reason: '送货', hostDwellingId: tree.dwellingsA[1] },
            }
          : {}),
        ...(round === 0 && i === 2 ? { residentId: resident, temperature: 38.6, decision: 'referred', reason: 'fever' } : {}),
      }));
      const answers = await Promise.all(devices.map((d) => d.post('/api/access/gate/events/sync', { events: batch })));
      expect(answers.map((a) => a.status)).toEqual([200, 200]);
      expect(answers[0]!.json.accepted + answers[1]!.json.accepted).toBe(200);
      expect(answers[0]!.json.duplicates + answers[1]!.json.duplicates).toBe(200);
      events += 200;
      expect(await n(sql`SELECT count(*)::int AS n FROM gate_events WHERE gate_id = ${gate}`)).toBe(events);
      expect(await n(sql`SELECT uses_count::int AS n FROM access_passes WHERE id = ${ticket}`)).toBe((round + 1) * 4);
      expect(await n(sql`SELECT count(*)::int AS n FROM gate_visitors WHERE gate_id = ${gate}`)).toBe((round + 1) * 4);
    }
    expect(await n(sql`SELECT count(*)::int AS n FROM gate_referrals WHERE gate_id = ${gate}`)).toBe(1);
    expect(await n(sql`SELECT count(*)::int AS n FROM observation_cases WHERE resident_id = ${resident}`)).toBe(1);
  });
});
