import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSmallTree, type SmallTree } from '../../test-support/fixtures.js';
import { userWith, type TestClient } from '../../test-support/http-client.js';
import { itOnPostgres } from '../../test-support/postgres-only.js';
import { ok, repairCategory, step } from '../../test-support/servicedesk.js';
import { createTestPlatform, type TestPlatform } from '../../test-support/test-platform.js';
import { queryOne, queryRows } from '../db/database.js';
import { localInstant } from '../time.js';
import { openObligations } from './obligations.service.js';

const TZ = 'Asia/Shanghai';
/** 09:00 on Tuesday 10 June 2025, local time. */
const START = localInstant('2025-06-10', '09:00', TZ);
const WALK = { 'zh-CN': '网格员每周楼栋巡查走访', 'en-US': 'Building walk by the grid worker' };

type Client = TestClient & { userId: number };
let t: TestPlatform;
let admin: Client;
let tree: SmallTree;
let staffA: Client;
let staffA2: Client;
let staffB: Client;
const buildingsA: number[] = [];
const pathOf: Record<number, string> = {};

const todos = async (c: TestClient, query = 'state=open&pageSize=200') => ok(c.get(`/api/todos?${query}`), 'todos');
/** Counted straight from the table, not through the code under test. */
const openOfKind = async (kind: string, placePrefix: string) =>
  (await queryOne<{ n: number }>(
    t.platform.db,
    sql`SELECT count(*)::int AS n FROM obligations WHERE kind = ${kind} AND done_at IS NULL AND cancelled_at IS NULL AND place_path LIKE ${`${placePrefix}%`}`,
  ))!.n;

beforeAll(async () => {
  t = await createTestPlatform();
  t.clock.set(START);
  admin = await userWith(t.platform, t.app, ['admin', 'center_coordinator'], { all: true }, 'grpadmin');
  tree = await buildSmallTree(admin);
  buildingsA.push(tree.buildingA);
  for (const n of [4, 5, 6, 7]) buildingsA.push((await ok(admin.post('/api/places', { parentId: tree.compoundA, type: 'building', name: `${n}号楼` }))).id);
  for (const id of [tree.communityA, tree.communityB]) pathOf[id] = (await ok(admin.get(`/api/places/${id}`))).path;
  staffA = await userWith(t.platform, t.app, ['community_staff'], { placeIds: [tree.communityA] }, 'grpstaffa');
  staffA2 = await userWith(t.platform, t.app, ['community_staff'], { placeIds: [tree.communityA] }, 'grpstaffa2');
  staffB = await userWith(t.platform, t.app, ['community_staff'], { placeIds: [tree.communityB] }, 'grpstaffb');
  // The demo's duty: every building of the community walked daily at 17:00, for a week ahead.
  for (const [c, community] of [
    [staffA, tree.communityA],
    [staffB, tree.communityB],
  ] as const) {
    await ok(
      c.post('/api/obligation-rules', {
        kind: 'registry.building_walk',
        title: WALK,
        placeId: community,
        targetType: 'building',
        responsibleRole: 'community_staff',
        recurrence: 'daily',
        times: ['17:00'],
        startsOn: '2025-06-10',
      }),
      'rule',
    );
  }
  // Two return requests waiting for the committee's review: done only by their own step.
  await openObligations(
    t.platform.db,
    [1, 2].map((n) => ({
      kind: 'inbound.review',
      subjectType: 'inbound_request',
      subjectId: `t${n}`,
      title: { 'zh-CN': `审核返程申请 FL-${n}`, 'en-US': `Review return request FL-${n}` },
      link: `/inbound/requests/${n}`,
      placePath: pathOf[tree.communityA]!,
      responsibleRole: 'community_staff' as const,
      dueAt: localInstant('2025-06-10', n === 1 ? '08:00' : '12:00', TZ),
    })),
  );
});
afterAll(() => t.close());

describe('the to-do list grouped by kind', () => {
  it('counts each kind on the server: 35 building walks (5 due today) and 2 reviews, not 37 rows', async () => {
    const page = await todos(staffA, 'state=open&pageSize=5');
    expect(page.counts).toEqual({ open: 37, overdue: 1, dueToday: 6 });
    expect(page.groups).toEqual([
      {
        kind: 'inbound.review',
        label: { 'zh-CN': '审核返程申请', 'en-US': 'Return requests to review' },
        count: 2,
        overdue: 1,
        dueToday: 1,
        manual: 0,
        manualDueByToday: 0,
        firstDueAt: localInstant('2025-06-10', '08:00', TZ).toISOString(),
      },
      {
        kind: 'registry.building_walk',
        label: WALK,
        count: 35,
        overdue: 0,
        dueToday: 5,
        manual: 35,
        manualDueByToday: 5,
        firstDueAt: localInstant('2025-06-10', '17:00', TZ).toISOString(),
      },
    ]);
    const overdue = await todos(staffA, 'state=overdue');
    expect(overdue.groups.map((g: any) => [g.kind, g.count])).toEqual([['inbound.review', 1]]);
    // Community B's staff see their own walks (1 building × 7 days), none of A's.
    expect((await todos(staffB)).groups.map((g: any) => [g.kind, g.count])).toEqual([['registry.building_walk', 7]]);
  });

  it('filters by kind and pages within the group', async () => {
    const seen = new Set<number>();
    for (let page = 1; page <= 4; page++) {
      const r = await todos(staffA, `state=open&kind=registry.building_walk&pageSize=10&page=${page}`);
      expect(r.total).toBe(35);
      expect(r.items).toHaveLength(page < 4 ? 10 : 5);
      for (const o of r.items) {
        expect(o.kind).toBe('registry.building_walk');
        expect(o.actions).toEqual(['complete']);
        seen.add(o.id);
      }
    }
    expect(seen.size).toBe(35);
    const reviews = await todos(staffA, 'state=open&kind=inbound.review');
    expect(reviews.items.map((o: any) => [o.subjectId, o.actions, o.link])).toEqual([
      ['t1', [], '/inbound/requests/1'],
      ['t2', [], '/inbound/requests/2'],
    ]);
    expect((await staffA.get('/api/todos?kind=Not%20a%20kind')).status).toBe(400);
  });
});

describe('a repair order in the to-do list', () => {
  it("is one row, its current stage's clock, not one row per limit", async () => {
    const leader = await userWith(t.platform, t.app, ['property_staff'], { placeIds: [tree.communityA] }, 'grpleader');
    const repairer = await userWith(t.platform, t.app, ['property_staff'], { placeIds: [tree.communityA] }, 'grprepairer');
    const team = (
      await ok(
        admin.post('/api/servicedesk/teams', { name: '荟萃维修班', placeId: tree.communityA, leaderUserId: leader.userId, memberUserIds: [repairer.userId] }),
      )
    ).id;
    const category = (await ok(admin.post('/api/servicedesk/categories', repairCategory('grp.leak', team)))).id;
    const order = await ok(leader.post('/api/servicedesk/orders', { categoryId: category, description: '楼道水管漏水', dwellingId: tree.dwellingsA[0] }));
    // The order keeps three clocks (accept, arrive, resolve) for escalation…
    const clocks = await queryRows<{ kind: string }>(
      t.platform.db,
      sql`SELECT kind FROM obligations WHERE subject_type = 'sd_order' AND subject_id = ${String(order.id)} AND done_at IS NULL AND cancelled_at IS NULL ORDER BY due_at`,
    );
    expect(clocks.map((c) => c.kind)).toEqual(['servicedesk.accept', 'servicedesk.arrive', 'servicedesk.resolve']);
    // …and the leader's list shows it once, by the stage it is at.
    const before = await todos(leader);
    expect(before.items.map((o: any) => [o.subjectId, o.kind, o.dueAt, o.link])).toEqual([
      [String(order.id), 'servicedesk.accept', order.clocks.find((c: any) => c.stage === 'accept').dueAt, `/servicedesk/orders/${order.id}`],
    ]);
    expect(before.counts.open).toBe(1);
    expect(before.groups.map((g: any) => [g.kind, g.count, g.label['zh-CN']])).toEqual([['servicedesk.accept', 1, '待受理工单']]);

    expect((await step(leader, order.id, { action: 'dispatch', assigneeUserId: repairer.userId })).status).toBe(200);
    expect((await step(repairer, order.id, { action: 'accept' })).status).toBe(200);
    expect((await todos(leader)).items).toEqual([]);
    const after = await todos(repairer);
    expect(after.items.map((o: any) => [o.subjectId, o.kind])).toEqual([[String(order.id), 'servicedesk.arrive']]);
    expect(after.groups.map((g: any) => [g.kind, g.count, g.label['en-US']])).toEqual([['servicedesk.arrive', 1, 'Orders to reach on site']]);
  });
});

describe('completing to-dos in a batch', () => {
  it('ticks off every walk of mine due by tonight, each audited, and nothing of another community', async () => {
    const bBefore = await openOfKind('registry.building_walk', pathOf[tree.communityB]!);
    const r = await staffA.post('/api/todos/done', { kind: 'registry.building_walk' });
    expect(r.status).toBe(200);
    expect(r.json.done).toBe(5);
    expect(await openOfKind('registry.building_walk', pathOf[tree.communityA]!)).toBe(30);
    expect(await openOfKind('registry.building_walk', pathOf[tree.communityB]!)).toBe(bBefore);
    const audited = await queryRows<{ entity_id: string; actor_name: string }>(
      t.platform.db,
      sql`SELECT entity_id, actor_name FROM audit_log WHERE action = 'obligation.done' ORDER BY entity_id::bigint`,
    );
    expect(audited.map((a) => Number(a.entity_id))).toEqual(r.json.ids);
    expect(new Set(audited.map((a) => a.actor_name))).toEqual(new Set(['grpstaffa']));
    const page = await todos(staffA);
    expect(page.groups.find((g: any) => g.kind === 'registry.building_walk')).toMatchObject({ count: 30, manual: 30, manualDueByToday: 0 });
    // Nothing left due today: a second click completes nothing (tomorrow's walks stay).
    expect((await ok(staffA.post('/api/todos/done', { kind: 'registry.building_walk' }))).done).toBe(0);
    expect(await openOfKind('registry.building_walk', pathOf[tree.communityA]!)).toBe(30);
  });

  it('by ids: all mine and all recurring, or nothing changes', async () => {
    const walks = (await todos(staffA, 'state=open&kind=registry.building_walk&pageSize=3')).items.map((o: any) => o.id);
    const review = (await todos(staffA, 'state=open&kind=inbound.review')).items[0].id;
    const walkOfB = (await todos(staffB, 'state=open&kind=registry.building_walk&pageSize=1')).items[0].id;
    const workflow = await staffA.post('/api/todos/done', { ids: [...walks, review] });
    expect(workflow.status).toBe(409);
    expect(workflow.json.code).toBe('OBLIGATION_NOT_MANUAL');
    const foreign = await staffA.post('/api/todos/done', { ids: [...walks, walkOfB] });
    expect(foreign.status).toBe(404);
    expect(await openOfKind('registry.building_walk', pathOf[tree.communityA]!)).toBe(30);
    expect(await openOfKind('registry.building_walk', pathOf[tree.communityB]!)).toBe(7);
    expect(await ok(staffA.post('/api/todos/done', { ids: walks }))).toEqual({ done: 3, ids: [...walks].sort((a, b) => a - b) });
    // Sent again (a double click): already done, so nothing more.
    expect(await ok(staffA.post('/api/todos/done', { ids: walks }))).toEqual({ done: 0, ids: [] });
    expect(await openOfKind('registry.building_walk', pathOf[tree.communityA]!)).toBe(27);
  });

  it('is refused for a kind only its workflow completes, and for a malformed request', async () => {
    const r = await staffA.post('/api/todos/done', { kind: 'inbound.review' });
    expect(r.status).toBe(409);
    expect(r.json.code).toBe('OBLIGATION_NOT_MANUAL');
    expect((await todos(staffA, 'state=open&kind=inbound.review')).total).toBe(2);
    for (const body of [
      { ids: [] },
      { kind: 'Walk!' },
      { ids: [1], kind: 'registry.building_walk' },
      { kind: 'registry.building_walk', dueBefore: 'tonight' },
    ]) {
      const bad = await staffA.post('/api/todos/done', body);
      expect(bad.status).toBe(400);
    }
    expect(await openOfKind('registry.building_walk', pathOf[tree.communityA]!)).toBe(27);
  });

  itOnPostgres('by two people at once: every walk is done once, by one of them', async () => {
    const dueBefore = localInstant('2025-06-13', '00:00', TZ).toISOString();
    const expected = await openOfKind('registry.building_walk', pathOf[tree.communityA]!);
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) => (i % 2 ? staffA : staffA2).post('/api/todos/done', { kind: 'registry.building_walk', dueBefore })),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(200));
    const ids = answers.flatMap((a) => a.json.ids as number[]);
    // Open before the 13th: two walks of the 11th (three were done by id above) and five of the 12th; each done once.
    expect(ids).toHaveLength(7);
    expect(new Set(ids).size).toBe(7);
    expect(await openOfKind('registry.building_walk', pathOf[tree.communityA]!)).toBe(expected - 7);
    const audits = await queryRows<{ entity_id: string }>(
      t.platform.db,
      sql`SELECT entity_id FROM audit_log WHERE action = 'obligation.done' AND entity_id IN (${sql.join(
        ids.map((id) => sql`${String(id)}`),
        sql`, `,
      )})`,
    );
    expect(audits).toHaveLength(7);
  });
});
