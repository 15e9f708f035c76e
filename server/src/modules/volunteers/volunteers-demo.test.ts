import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../platform/access/actor.js';
import { queryOne, sql } from '../../platform/db/database.js';
import { localDate, localInstant } from '../../platform/time.js';
import { buildSmallTree, type SmallTree } from '../../test-support/fixtures.js';
import { userWith, type TestClient } from '../../test-support/http-client.js';
import { createTestPlatform, type TestPlatform } from '../../test-support/test-platform.js';
import { seedVolunteersDemo } from './volunteers.demo.js';

/** The demo's volunteers: each role's first screen has something to show (teams, open and served needs, an activity, a dispatch, balances). */

let t: TestPlatform;
let tree: SmallTree;
let volunteer: TestClient & { userId: number };
let staff: TestClient & { userId: number };

beforeAll(async () => {
  t = await createTestPlatform();
  t.clock.set(localInstant('2026-03-18', '09:00', 'Asia/Shanghai'));
  const admin = await userWith(t.platform, t.app, ['admin'], { all: true }, 'demoadmin');
  tree = await buildSmallTree(admin);
  const employer = (await admin.post('/api/employers', { name: '渤海钻井总公司' })).json.id as number;
  const employees: number[] = [];
  for (let i = 0; i < 45; i++) {
    const r = await admin.post('/api/residents', {
      dwellingId: tree.dwellingsA[i % tree.dwellingsA.length],
      name: `居民${i}`,
      employerId: i < 6 ? employer : null,
    });
    employees.push(r.json.id);
  }
  volunteer = await userWith(t.platform, t.app, ['volunteer'], { placeIds: [tree.communityA] }, 'demovolunteer');
  staff = await userWith(t.platform, t.app, ['community_staff'], { placeIds: [tree.communityA] }, 'demostaff');
  const ctx = { platform: t.platform, actor: systemActor('demo'), origin: { ip: null, channel: 'system' as const, requestId: null }, lang: 'zh-CN' as const };
  await seedVolunteersDemo(ctx, {
    community: tree.communityA,
    compound: tree.compoundA,
    employer,
    users: new Map([['volunteer', volunteer.userId]]),
    employees: employees.slice(0, 6),
    flats: [],
    today: localDate(t.clock.now(), 'Asia/Shanghai'),
  });
}, 240_000);
afterAll(async () => {
  await t?.close();
});

describe('the volunteers demo', () => {
  it('gives the volunteer account a task, open needs near them and an activity tomorrow', async () => {
    const my = (await volunteer.get('/api/volunteers/my')).json;
    expect(my.volunteer.teams.length).toBe(2);
    expect(my.tasks.map((n: { status: string }) => n.status)).toEqual(['taken']);
    expect(my.activities).toHaveLength(1);
    const open = (await volunteer.get('/api/volunteers/my/open-needs')).json;
    expect(open.total).toBe(4);
  });

  it("gives the community's staff a board, teams, a dispatch, minutes and balances", async () => {
    const board = (await staff.get('/api/volunteers/needs?status=all')).json;
    expect(board.counts).toEqual({ open: 4, taken: 1, done: 1, confirmed: 2 });
    expect((await staff.get('/api/volunteers/teams')).json.total).toBe(4);
    const dispatches = (await staff.get('/api/volunteers/dispatches')).json.items;
    expect(dispatches.map((d: { filled: number; needed: number }) => [d.filled, d.needed])).toEqual([[2, 5]]);
    const minutes = await queryOne<{ n: number }>(t.platform.db, sql`SELECT sum(minutes)::int AS n FROM vol_hours WHERE status = 'confirmed'`);
    expect(minutes!.n).toBe(180);
    const accounts = (await staff.get('/api/volunteers/bank/accounts?kind=member')).json.items as { balance: number }[];
    expect(accounts.map((a) => a.balance).sort((a, b) => a - b)).toEqual([60, 120, 240, 240]);
    const dashboard = (await staff.get('/api/dashboard')).json.cards.find((c: { key: string }) => c.key === 'volunteers.today');
    expect(dashboard.figures.find((f: { key: string }) => f.key === 'open').value).toBe(4);
    const awards = (await staff.get('/api/volunteers/awards')).json.items;
    expect(awards.length).toBe(2);
  });
});
