import type { Role } from '@jiayuan/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/access/actor.js';
import type { Ctx } from '../../platform/context.js';
import { queryOne, queryRows, sql } from '../../platform/db/database.js';
import { isAppError } from '../../platform/errors/app-error.js';
import { localInstant } from '../../platform/time.js';
import { buildSmallTree, type SmallTree } from '../../test-support/fixtures.js';
import { userWith, type TestClient } from '../../test-support/http-client.js';
import { createTestPlatform, type TestPlatform } from '../../test-support/test-platform.js';
import { signUp, cancelSignup } from './volunteers-activities.service.js';
import { addDelegate, myBank } from './volunteers-bank.service.js';
import { reverseEntry } from './volunteers-hours.service.js';
import { confirmNeed, markDone, publishMyNeed, rateNeed, takeNeed } from './volunteers-needs.service.js';

/**
 * Needs, activities and the love bank under load and at their edges, on both databases (PGlite here,
 * PostgreSQL with TEST_DATABASE_URL): a hundred volunteers taking ten needs at once leave exactly ten
 * takers; a crowd signing up never overfills an activity; minutes are credited only once a second
 * person confirms; a hold above the balance, a reversal of a reversal are refused and change nothing.
 */

const TZ = 'Asia/Shanghai';
let t: TestPlatform;
let admin: TestClient;
let staff: TestClient & { userId: number };
let tree: SmallTree;
const volunteers: { id: number; residentId: number }[] = [];
let elder: number;
let daughter: number;

const actorOf = (residentId: number): Actor => ({
  kind: 'user',
  userId: null,
  tokenId: null,
  name: `resident:${residentId}`,
  roles: ['resident' as Role],
  permissions: new Set(),
  scope: { all: false, places: [], employerIds: [] },
  residentId,
  householdId: null,
});
const as = (residentId: number): Ctx => ({
  platform: t.platform,
  actor: actorOf(residentId),
  origin: { ip: null, channel: 'web', requestId: null },
  lang: 'zh-CN',
});
const codeOf = async (p: Promise<unknown>) => {
  try {
    await p;
    return 'ok';
  } catch (e) {
    if (isAppError(e)) return e.code;
    throw e;
  }
};
const at = (day: string, time: string) => localInstant(day, time, TZ).toISOString();
const need = (over: Record<string, unknown> = {}) => ({
  category: 'shopping' as const,
  title: '代购米面油',
  windowStart: at('2026-03-20', '09:00'),
  windowEnd: at('2026-03-20', '11:00'),
  takersNeeded: 1,
  ...over,
});
const count = async (q: ReturnType<typeof sql>) => (await queryOne<{ n: number }>(t.platform.db, q))!.n;

beforeAll(async () => {
  t = await createTestPlatform();
  t.clock.set(localInstant('2026-03-18', '09:00', TZ));
  admin = await userWith(t.platform, t.app, ['admin'], { all: true }, 'voladmin');
  tree = await buildSmallTree(admin);
  staff = await userWith(t.platform, t.app, ['community_staff'], { placeIds: [tree.communityA] }, 'volstaff');
  const resident = async (name: string, dwelling = tree.dwellingsA[0]!) => {
    const r = await admin.post('/api/residents', { dwellingId: dwelling, name });
    if (r.status !== 201) throw new Error(`resident: ${r.status} ${JSON.stringify(r.json)}`);
    return r.json.id as number;
  };
  elder = await resident('张奶奶', tree.dwellingsA[1]!);
  const household = (await admin.get(`/api/residents/${elder}`)).json.householdId as number;
  const d = await admin.post('/api/residents', { householdId: household, name: '张女儿', relation: 'child' });
  if (d.status !== 201) throw new Error(`daughter: ${d.status} ${JSON.stringify(d.json)}`);
  daughter = d.json.id;
  for (let i = 0; i < 100; i++) {
    const residentId = await resident(`志愿者${i}`, tree.dwellingsA[2 + (i % 8)]!);
    const v = await staff.post('/api/volunteers/people', { residentId, placeId: tree.communityA, serviceTypes: ['shopping', 'elderCare'] });
    if (v.status !== 201) throw new Error(`volunteer: ${v.status} ${JSON.stringify(v.json)} ${t.recentErrors().join('')}`);
    volunteers.push({ id: v.json.id, residentId });
  }
}, 240_000);

afterAll(async () => {
  await t?.close();
});

describe('needs are taken once', () => {
  it('100 volunteers taking the same 10 needs at once: exactly 10 takers, everyone else refused with VOL_NEED_TAKEN', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 10; i++) ids.push((await publishMyNeed(as(elder), need({ title: `需求${i}` }))).id);
    const results = await Promise.all(volunteers.map((v, i) => codeOf(takeNeed(as(v.residentId), ids[i % 10]!))));
    expect(results.filter((r) => r === 'ok')).toHaveLength(10);
    expect(results.filter((r) => r !== 'ok').every((r) => r === 'VOL_NEED_TAKEN')).toBe(true);
    const rows = await queryRows<{ takers: number; status: string; n: number }>(
      t.platform.db,
      sql`SELECT n.takers, n.status, (SELECT count(*)::int FROM vol_need_takers k WHERE k.need_id = n.id AND k.status = 'taken') AS n
          FROM vol_needs n WHERE n.id IN (${sql.join(
            ids.map((i) => sql`${i}`),
            sql`, `,
          )})`,
    );
    expect(rows.every((r) => r.takers === 1 && r.n === 1 && r.status === 'taken')).toBe(true);
  }, 120_000);

  it('the database refuses a second taker whatever the code path (the CHECK on takers)', async () => {
    const n = await publishMyNeed(as(elder), need({ title: '直写' }));
    await t.platform.db.execute(sql`UPDATE vol_needs SET takers = 1 WHERE id = ${n.id}`);
    await expect(t.platform.db.execute(sql`UPDATE vol_needs SET takers = 2 WHERE id = ${n.id}`)).rejects.toThrow();
  });

  it('a need asking for three takes three, the fourth is refused; one volunteer taking twice at once is refused once', async () => {
    const n = await publishMyNeed(as(elder), need({ takersNeeded: 3, title: '搬家帮手' }));
    const [a, b, c, d] = volunteers;
    const twice = await Promise.all([codeOf(takeNeed(as(a!.residentId), n.id)), codeOf(takeNeed(as(a!.residentId), n.id))]);
    expect(twice.sort()).toEqual(['VOL_ALREADY_TAKEN_BY_YOU', 'ok']);
    expect(await codeOf(takeNeed(as(b!.residentId), n.id))).toBe('ok');
    expect(await codeOf(takeNeed(as(c!.residentId), n.id))).toBe('ok');
    expect(await codeOf(takeNeed(as(d!.residentId), n.id))).toBe('VOL_NEED_TAKEN');
    expect(await count(sql`SELECT takers AS n FROM vol_needs WHERE id = ${n.id}`)).toBe(3);
  });
});

describe('verified minutes and the love bank', () => {
  it('served → confirmed by the resident: minutes confirmed, elder care earns love-bank minutes once; confirming again is refused', async () => {
    const v = volunteers[20]!;
    const n = await publishMyNeed(as(elder), need({ category: 'elderCare', title: '陪老人散步' }));
    expect(n.elderCare).toBe(true);
    await takeNeed(as(v.residentId), n.id);
    // Someone else's need is not the volunteer's to confirm.
    expect(await codeOf(markDone(as(v.residentId), n.id, { minutes: 500 }))).toBe('VOL_MINUTES_TOO_MANY');
    const done = await markDone(as(v.residentId), n.id, { minutes: 90, note: '已陪同' });
    expect(done.status).toBe('done');
    expect(await codeOf(confirmNeed(as(v.residentId), n.id))).toBe('VOL_NOT_YOUR_NEED');
    expect(await count(sql`SELECT count(*)::int AS n FROM vol_hours WHERE volunteer_id = ${v.id} AND status = 'pending' AND minutes = 90`)).toBe(1);
    const confirmed = await confirmNeed(as(elder), n.id);
    expect(confirmed.status).toBe('confirmed');
    expect(await count(sql`SELECT count(*)::int AS n FROM vol_hours WHERE volunteer_id = ${v.id} AND status = 'confirmed' AND minutes = 90`)).toBe(1);
    expect(await count(sql`SELECT balance::int AS n FROM vol_bank_accounts WHERE resident_id = ${v.residentId}`)).toBe(90);
    expect(await codeOf(confirmNeed(as(elder), n.id))).toBe('VOL_NEED_STATE');
    expect(await count(sql`SELECT balance::int AS n FROM vol_bank_accounts WHERE resident_id = ${v.residentId}`)).toBe(90);
    await rateNeed(as(elder), n.id, { rating: 5 });
    expect(await codeOf(rateNeed(as(elder), n.id, { rating: 4 }))).toBe('VOL_ALREADY_RATED');
    await rateNeed(as(v.residentId), n.id, { rating: 5 });
  });

  it('a family member named by the member redeems minutes: a hold, settled when the service is confirmed; a hold above the balance is refused and changes nothing', async () => {
    const v = volunteers[21]!;
    const server = volunteers[22]!;
    // The volunteer earns 120 minutes of elder care; the elder's account is funded by a grant from the community's pool.
    const n0 = await publishMyNeed(as(elder), need({ category: 'elderCare', title: '助浴' }));
    await takeNeed(as(v.residentId), n0.id);
    await markDone(as(v.residentId), n0.id, { minutes: 120 });
    await confirmNeed(as(elder), n0.id);
    const fund = await staff.post('/api/volunteers/bank/fund', { communityId: tree.communityA, minutes: 1000, memo: '年度爱心池' });
    expect(fund.status).toBe(200);
    const grant = await staff.post('/api/volunteers/bank/grants', { toResidentId: elder, minutes: 300, memo: '居家养老补助' });
    expect(grant.status).toBe(200);
    await addDelegate(as(elder), daughter);
    const bank = await myBank(as(daughter));
    const elderAccount = bank.maySpendFor[0]!;
    expect(elderAccount.available).toBe(300);
    const before = await count(sql`SELECT count(*)::int AS n FROM vol_bank_holds`);
    expect(
      await codeOf(publishMyNeed(as(daughter), need({ category: 'elderCare', title: '太多', redeem: { accountId: elderAccount.id, minutes: 301 } }))),
    ).toBe('VOL_INSUFFICIENT_MINUTES');
    expect(await count(sql`SELECT count(*)::int AS n FROM vol_bank_holds`)).toBe(before);
    expect(await count(sql`SELECT count(*)::int AS n FROM vol_needs WHERE title = '太多'`)).toBe(0);
    const n = await publishMyNeed(as(daughter), need({ category: 'elderCare', title: '陪诊', redeem: { accountId: elderAccount.id, minutes: 60 } }));
    expect((await myBank(as(elder))).account).toMatchObject({ balance: 300, held: 60, available: 240 });
    await takeNeed(as(server.residentId), n.id);
    await markDone(as(server.residentId), n.id, { minutes: 60 });
    await confirmNeed(as(daughter), n.id);
    expect((await myBank(as(elder))).account).toMatchObject({ balance: 240, held: 0, available: 240 });
  });

  it('a reversal is a new entry; reversing it again, or twice, is refused; minutes already spent cannot be reversed away', async () => {
    const v = volunteers[23]!;
    const n = await publishMyNeed(as(elder), need({ category: 'elderCare', title: '理发' }));
    await takeNeed(as(v.residentId), n.id);
    await markDone(as(v.residentId), n.id, { minutes: 45 });
    await confirmNeed(as(elder), n.id);
    const entry = (await queryOne<{ id: number }>(t.platform.db, sql`SELECT id FROM vol_hours WHERE volunteer_id = ${v.id} AND reverses_id IS NULL`))!.id;
    const staffCtx = {
      ...as(elder),
      actor: {
        ...actorOf(0),
        residentId: null,
        userId: staff.userId,
        roles: ['community_staff' as Role],
        permissions: new Set(['volunteers.hours.verify' as const]),
        scope: { all: true, places: [], employerIds: [] },
      },
    } as Ctx;
    const rev = await reverseEntry(staffCtx, entry, '重复登记');
    expect(rev.minutes).toBe(-45);
    expect(await codeOf(reverseEntry(staffCtx, rev.id, '再冲'))).toBe('VOL_REVERSAL_OF_REVERSAL');
    expect(await codeOf(reverseEntry(staffCtx, entry, '再冲'))).toBe('VOL_ALREADY_REVERSED');
    expect(await count(sql`SELECT balance::int AS n FROM vol_bank_accounts WHERE resident_id = ${v.residentId}`)).toBe(0);
    // The ledger keeps both rows; nothing is deleted or edited.
    await expect(t.platform.db.execute(sql`DELETE FROM vol_hours WHERE id = ${entry}`)).rejects.toThrow();
    await expect(t.platform.db.execute(sql`UPDATE vol_hours SET minutes = 1 WHERE id = ${entry}`)).rejects.toThrow();
    expect(await count(sql`SELECT sum(minutes)::int AS n FROM vol_hours WHERE volunteer_id = ${v.id}`)).toBe(0);
  });
});

describe('activities never overfill', () => {
  it('60 volunteers signing up for 5 places at once: exactly 5 places and 55 waiting; a cancellation promotes the first waiting', async () => {
    const r = await staff.post('/api/volunteers/activities', {
      title: '健康宣教',
      placeId: tree.communityA,
      theme: 'health',
      startsAt: at('2026-03-19', '09:00'),
      endsAt: at('2026-03-19', '11:00'),
      capacity: 5,
    });
    expect(r.status).toBe(201);
    const crowd = volunteers.slice(30, 90);
    const results = await Promise.all(crowd.map((v) => signUp(as(v.residentId), r.json.id, true)));
    expect(results.every((a) => a.id === r.json.id)).toBe(true);
    const counts = await queryOne<{ signed: number; waiting: number; s: number; w: number }>(
      t.platform.db,
      sql`SELECT a.signed_up AS signed, a.waiting,
                 (SELECT count(*)::int FROM vol_signups s WHERE s.activity_id = a.id AND s.status = 'signedUp') AS s,
                 (SELECT count(*)::int FROM vol_signups s WHERE s.activity_id = a.id AND s.status = 'waiting') AS w
          FROM vol_activities a WHERE a.id = ${r.json.id}`,
    );
    expect(counts).toEqual({ signed: 5, waiting: 55, s: 5, w: 55 });
    const first = await queryOne<{ id: number; volunteer_id: number }>(
      t.platform.db,
      sql`SELECT id, volunteer_id FROM vol_signups WHERE activity_id = ${r.json.id} AND status = 'signedUp' ORDER BY id LIMIT 1`,
    );
    const owner = volunteers.find((v) => v.id === first!.volunteer_id)!;
    const nextWaiting = await queryOne<{ id: number }>(
      t.platform.db,
      sql`SELECT id FROM vol_signups WHERE activity_id = ${r.json.id} AND status = 'waiting' ORDER BY id LIMIT 1`,
    );
    await cancelSignup(as(owner.residentId), first!.id);
    expect(await count(sql`SELECT count(*)::int AS n FROM vol_signups WHERE id = ${nextWaiting!.id} AND status = 'signedUp'`)).toBe(1);
    expect(await count(sql`SELECT signed_up AS n FROM vol_activities WHERE id = ${r.json.id}`)).toBe(5);
  }, 120_000);
});
