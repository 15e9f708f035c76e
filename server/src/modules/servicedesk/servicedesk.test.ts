import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryOne, queryRows } from '../../platform/db/database.js';
import { escalateOverdue } from '../../platform/obligations/obligations.service.js';
import { localInstant } from '../../platform/time.js';
import { buildSmallTree, type SmallTree } from '../../test-support/fixtures.js';
import { userWith, type TestClient } from '../../test-support/http-client.js';
import { complaintCategory, ok, PNG_1PX, repairCategory, residentClient, step } from '../../test-support/servicedesk.js';
import { createTestPlatform, type TestPlatform } from '../../test-support/test-platform.js';
import { multipartFile, readSheets } from '../../test-support/workbooks.js';
import { itOnPostgres } from '../../test-support/postgres-only.js';
import { systemActor } from '../../platform/access/actor.js';
import { recordMissedLimits } from './breaches.service.js';
import { seedServicedeskDemo } from './demo-data.js';
import { rebuildFigures } from './figures.rollup.js';

type Client = TestClient & { userId: number };
let t: TestPlatform;
let tree: SmallTree;
let admin: Client;
let desk: Client;
let leader: Client;
let repairer: Client;
let repairer2: Client;
let complaintsA: Client;
let complaintsB: Client;
let dept: Client;
let deptDesk: Client;
let outsider: Client;
let resident: TestClient;
let residentId: number;
const team: Record<string, number> = {};
const cat: Record<string, number> = {};

const notificationsOf = async (userId: number) =>
  queryRows<{ kind: string; title: { 'zh-CN': string } }>(t.platform.db, sql`SELECT kind, title FROM notifications WHERE user_id = ${userId} ORDER BY id`);

async function upload(client: TestClient, url: string, bytes: Buffer, name = 'leak.png') {
  const m = multipartFile(name, bytes);
  return client.request('POST', url, m.payload, { 'content-type': m.contentType });
}

beforeAll(async () => {
  t = await createTestPlatform();
  admin = await userWith(t.platform, t.app, ['admin', 'center_coordinator'], { all: true }, 'sdadmin');
  tree = await buildSmallTree(admin);
  const A = { placeIds: [tree.communityA] };
  desk = await userWith(t.platform, t.app, ['property_staff'], A, 'sddesk');
  leader = await userWith(t.platform, t.app, ['property_staff'], A, 'sdleader');
  repairer = await userWith(t.platform, t.app, ['property_staff'], A, 'sdrepairer');
  repairer2 = await userWith(t.platform, t.app, ['property_staff'], A, 'sdrepairer2');
  complaintsA = await userWith(t.platform, t.app, ['community_staff'], A, 'sdcomplaintsa');
  complaintsB = await userWith(t.platform, t.app, ['community_staff'], { placeIds: [tree.communityB] }, 'sdcomplaintsb');
  dept = await userWith(t.platform, t.app, ['department_coordinator'], { placeIds: [tree.department] }, 'sddept');
  outsider = await userWith(t.platform, t.app, ['property_staff'], { placeIds: [tree.communityB] }, 'sdoutsider');
  deptDesk = await userWith(t.platform, t.app, ['community_staff'], { placeIds: [tree.department] }, 'sddeptdesk');
  team.repairs = (
    await ok(
      admin.post('/api/servicedesk/teams', {
        name: '荟萃维修一班',
        placeId: tree.communityA,
        leaderUserId: leader.userId,
        memberUserIds: [repairer.userId, repairer2.userId],
      }),
    )
  ).id;
  team.complaintsA = (
    await ok(admin.post('/api/servicedesk/teams', { name: '荟萃投诉组', placeId: tree.communityA, leaderUserId: complaintsA.userId, memberUserIds: [] }))
  ).id;
  team.complaintsB = (
    await ok(
      admin.post('/api/servicedesk/teams', { name: '敬业服务部投诉组', placeId: tree.communityB, leaderUserId: null, memberUserIds: [complaintsB.userId] }),
    )
  ).id;
  team.complaintsDept = (
    await ok(
      admin.post('/api/servicedesk/teams', { name: '文汇协调部投诉专班', placeId: tree.department, leaderUserId: null, memberUserIds: [deptDesk.userId] }),
    )
  ).id;
  cat.leak = (await ok(admin.post('/api/servicedesk/categories', repairCategory('water.leak', team.repairs)))).id;
  cat.complaint = (await ok(admin.post('/api/servicedesk/categories', complaintCategory('complaint.service', team.complaintsA)))).id;
  residentId = (await ok(admin.post('/api/residents', { dwellingId: tree.dwellingsA[0], name: '季大妈', phone: '13912340001' }))).id;
  resident = await residentClient(t, '13912340001');
});
afterAll(() => t.close());

describe("a repair from the resident's phone to the rating", () => {
  it('is reported with a photo, dispatched, accepted, fixed at the first visit and rated, and the figures move', async () => {
    const before = await ok(admin.get('/api/servicedesk/figures?groupBy=team'));
    const created = await resident.post('/api/servicedesk/my/orders', { categoryId: cat.leak, description: '厨房水管漏水，地面有积水' });
    expect(created.status).toBe(201);
    const id = created.json.id;
    expect(created.json).toMatchObject({ kind: 'repair', channel: 'self_service', status: 'received', reporterName: '季大妈', team: { id: team.repairs } });
    expect(created.json.placeLabel).toContain('3号楼');
    const photo = await upload(resident, `/api/servicedesk/my/orders/${id}/photos`, PNG_1PX);
    expect(photo.status).toBe(201);
    expect((await resident.get(photo.json.url)).headers['content-type']).toBe('image/png');

    // The desk sees it on the board as new and unassigned; the leader was told.
    const board = await ok(desk.get('/api/servicedesk/board'));
    expect(board.new.map((o: any) => o.id)).toContain(id);
    expect(board.unassigned.map((o: any) => o.id)).toContain(id);
    expect((await notificationsOf(leader.userId)).some((n) => n.kind === 'servicedesk.new')).toBe(true);
    expect((await desk.get(`/api/servicedesk/orders/${id}`)).json.photos).toHaveLength(1);

    const dispatched = await step(desk, id, { action: 'dispatch', assigneeUserId: repairer.userId });
    expect(dispatched.status).toBe(200);
    expect(dispatched.json).toMatchObject({ status: 'dispatched', assignee: { userId: repairer.userId }, owner: { userId: desk.userId } });
    const work = await ok(repairer.get('/api/servicedesk/my-work'));
    expect(work.mine.map((o: any) => o.id)).toContain(id);
    expect(work.mine.find((o: any) => o.id === id).actions).toContain('accept');
    // Someone else may not accept the repairer's order.
    expect((await step(repairer2, id, { action: 'accept' })).json.code).toBe('SD_NOT_ASSIGNEE');

    expect((await step(repairer, id, { action: 'accept' })).json.status).toBe('accepted');
    expect((await step(repairer, id, { action: 'arrive' })).json.status).toBe('on_site');
    expect((await upload(repairer, `/api/servicedesk/orders/${id}/photos`, PNG_1PX)).status).toBe(201);
    const resolved = await step(repairer, id, { action: 'resolve', firstVisitFix: true, workDone: '更换三通接头', materials: '三通 1 个' });
    expect(resolved.json).toMatchObject({ status: 'resolved', firstVisitFix: true });
    expect(resolved.json.clocks.every((c: any) => c.doneAt && !c.late)).toBe(true);

    const mine = await ok(resident.get(`/api/servicedesk/my/orders/${id}`));
    expect(mine.actions).toEqual(expect.arrayContaining(['feedback']));
    expect(mine.photos.map((p: any) => p.stage).sort()).toEqual(['report', 'resolve']);
    const rated = await resident.post(`/api/servicedesk/my/orders/${id}/feedback`, { rating: 5, reopen: false, note: '师傅很快' });
    expect(rated.json).toMatchObject({ status: 'closed', rating: 5 });
    const told = await notificationsOf((await queryRows<{ id: number }>(t.platform.db, sql`SELECT id FROM users WHERE resident_id = ${residentId}`))[0]!.id);
    expect(told.map((n) => n.kind)).toEqual(
      expect.arrayContaining(['servicedesk.received', 'servicedesk.accepted', 'servicedesk.on_site', 'servicedesk.resolved', 'servicedesk.closed']),
    );

    const after = await ok(admin.get('/api/servicedesk/figures?groupBy=team'));
    expect(after.totals.orders).toBe(before.totals.orders + 1);
    const row = after.rows.find((r: any) => r.key === String(team.repairs));
    expect(row).toMatchObject({ label: '荟萃维修一班', acceptOnTime: 1, arriveOnTime: 1, resolveOnTime: 1, firstVisitFix: 1, satisfaction: 5 });
    // To-dos of the stages are closed.
    expect((await ok(repairer.get('/api/todos'))).items.filter((o: any) => o.subjectId === String(id))).toEqual([]);
  });

  it('refuses a file that is not a photo, and one that is too large', async () => {
    const id = (await ok(resident.post('/api/servicedesk/my/orders', { categoryId: cat.leak, description: '卫生间漏水' }))).id;
    const text = await upload(resident, `/api/servicedesk/my/orders/${id}/photos`, Buffer.from('<html>not a photo</html>'), 'x.png');
    expect(text.json.code).toBe('SD_PHOTO_TYPE');
    const big = Buffer.concat([PNG_1PX, Buffer.alloc(5 * 1024 * 1024)]);
    const large = await upload(resident, `/api/servicedesk/my/orders/${id}/photos`, big);
    expect(large.status).toBe(413);
    expect((await desk.get(`/api/servicedesk/orders/${id}`)).json.photos).toEqual([]);
  });
});

describe('the hotline desk', () => {
  it("finds the caller's household from the phone number and shows likely duplicates, which can be merged", async () => {
    const caller = await ok(desk.get('/api/servicedesk/caller?phone=139%201234%200001'));
    expect(caller.items).toHaveLength(1);
    expect(caller.items[0]).toMatchObject({ residentId, name: '季大妈', dwellingId: tree.dwellingsA[0] });
    // A number outside the desk's area finds nobody.
    expect((await ok(outsider.get('/api/servicedesk/caller?phone=13912340001'))).items).toEqual([]);

    const first = await ok(
      desk.post('/api/servicedesk/orders', {
        categoryId: cat.leak,
        description: '楼道水管爆裂',
        dwellingId: tree.dwellingsA[1],
        callerPhone: '13800001111',
        callerName: '王先生',
      }),
    );
    expect(first.reporterPhoneMasked).toBe('*******1111');
    const dups = await ok(desk.get(`/api/servicedesk/duplicates?categoryId=${cat.leak}&placeId=${tree.dwellingsA[2]}`));
    expect(dups.items.map((o: any) => o.id)).toContain(first.id);
    const second = await ok(desk.post('/api/servicedesk/orders', { categoryId: cat.leak, description: '同一处漏水', residentId, callerPhone: '13912340001' }));
    const merged = await desk.post(`/api/servicedesk/orders/${second.id}/merge`, { intoId: first.id, version: second.version });
    expect(merged.json).toMatchObject({ status: 'merged', mergedIntoId: first.id });
    expect((await desk.post(`/api/servicedesk/orders/${first.id}/merge`, { intoId: first.id, version: first.version })).json.code).toBe(
      'SD_MERGE_TARGET_INVALID',
    );
    expect((await ok(desk.get(`/api/servicedesk/orders/${first.id}`))).events.map((e: any) => e.action)).toContain('absorbed');
  });

  it('keeps phone numbers encrypted and shows nothing to another community', async () => {
    const rows = await queryRows<{ row: string }>(t.platform.db, sql`SELECT t::text AS row FROM sd_orders t`);
    expect(rows.some((r) => r.row.includes('13800001111'))).toBe(false);
    const any = (await ok(desk.get('/api/servicedesk/orders?status=all'))).items[0];
    expect((await outsider.get(`/api/servicedesk/orders/${any.id}`)).status).toBe(404);
    expect((await ok(outsider.get('/api/servicedesk/board'))).counts.open).toBe(0);
  });

  itOnPostgres('lets one of two repairers take a pool order at the same moment; the other is told it changed', async () => {
    const o = await ok(desk.post('/api/servicedesk/orders', { categoryId: cat.leak, description: '暖气不热', dwellingId: tree.dwellingsA[3] }));
    const take = (c: TestClient) => c.post(`/api/servicedesk/orders/${o.id}/transitions`, { action: 'take', version: o.version });
    const answers = await Promise.all([take(repairer), take(repairer2)]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const now = await ok(desk.get(`/api/servicedesk/orders/${o.id}`));
    expect(now.status).toBe('dispatched');
    expect([repairer.userId, repairer2.userId]).toContain(now.assignee.userId);
  });
});

describe('routing an order to the team that serves its place', () => {
  /** The orders that lie in community B, read straight from the table (not through the code under test). */
  const ordersInB = async () => {
    const b = await queryRows<{ path: string }>(t.platform.db, sql`SELECT path FROM places WHERE id = ${tree.communityB}`);
    const rows = await queryRows<{ id: number; open: boolean }>(
      t.platform.db,
      sql`SELECT id, status NOT IN ('closed', 'cancelled', 'merged') AS open FROM sd_orders WHERE place_path LIKE ${`${b[0]!.path}%`} ORDER BY id`,
    );
    return rows;
  };

  it('gives each community its own team, the most specific place first, and refuses where no team serves the place', async () => {
    // 敬业 (B) has its own repair team, whose member works in B only; the department has a standby team.
    const teamB = (
      await ok(admin.post('/api/servicedesk/teams', { name: '敬业维修班', placeId: tree.communityB, leaderUserId: null, memberUserIds: [outsider.userId] }))
    ).id;
    const standby = (
      await ok(admin.post('/api/servicedesk/teams', { name: '文汇应急维修队', placeId: tree.department, leaderUserId: null, memberUserIds: [] }))
    ).id;
    const lift = (await ok(admin.post('/api/servicedesk/categories', repairCategory('route.lift', [standby, team.repairs!, teamB])))).id;
    const liftDoor = (await ok(admin.post('/api/servicedesk/categories', repairCategory('route.lift.door', null, { parentId: lift })))).id;
    const liftTrapped = (await ok(admin.post('/api/servicedesk/categories', repairCategory('route.lift.trapped', standby, { parentId: lift })))).id;
    const onlyB = (await ok(admin.post('/api/servicedesk/categories', repairCategory('route.only_b', teamB)))).id;

    const inA = await ok(desk.post('/api/servicedesk/orders', { categoryId: lift, description: '电梯异响', dwellingId: tree.dwellingsA[8] }));
    const inB = await ok(admin.post('/api/servicedesk/orders', { categoryId: lift, description: '电梯按钮失灵', dwellingId: tree.dwellingsB[0] }));
    const freeB = await ok(outsider.post('/api/servicedesk/orders', { categoryId: lift, description: '白云小区门口电梯', address: '白云小区北门' }));
    expect(inA.team).toMatchObject({ id: team.repairs });
    expect(inB.team).toMatchObject({ id: teamB });
    // A free address lies in the desk's own area (here B).
    expect(freeB.team).toMatchObject({ id: teamB });
    // A child with no team answers through its parent; one with its own team keeps it.
    expect(
      (await ok(desk.post('/api/servicedesk/orders', { categoryId: liftDoor, description: '电梯门关不上', dwellingId: tree.dwellingsA[9] }))).team,
    ).toMatchObject({ id: team.repairs });
    expect(
      (await ok(desk.post('/api/servicedesk/orders', { categoryId: liftTrapped, description: '有人困在电梯里', dwellingId: tree.dwellingsA[9] }))).team,
    ).toMatchObject({ id: standby });

    // Only B's team answers for this category: an order in A is refused at the desk and on the resident's phone, and nothing is stored.
    const before = (await queryRows<{ n: number }>(t.platform.db, sql`SELECT count(*)::int AS n FROM sd_orders`))[0]!.n;
    const atDesk = await desk.post('/api/servicedesk/orders', { categoryId: onlyB, description: '楼道灯不亮', dwellingId: tree.dwellingsA[10] });
    expect(atDesk.status).toBe(409);
    expect(atDesk.json.code).toBe('SD_NO_TEAM_FOR_PLACE');
    expect(atDesk.json.messages).toEqual({
      'zh-CN': '这个地点没有负责“水管漏水route.only_b”的班组，暂时无法受理；请联系社区，或请管理员为这里设置负责班组',
      'en-US':
        'No team serves "Water leak route.only_b" at this place, so the order cannot be taken; contact the community, or ask an administrator to set up a team for this place',
    });
    const onPhone = await resident.post('/api/servicedesk/my/orders', { categoryId: onlyB, description: '楼道灯不亮' });
    expect(onPhone.status).toBe(409);
    expect(onPhone.json.code).toBe('SD_NO_TEAM_FOR_PLACE');
    expect((await queryRows<{ n: number }>(t.platform.db, sql`SELECT count(*)::int AS n FROM sd_orders`))[0]!.n).toBe(before);
    // In B the same category is taken.
    const onlyBInB = await ok(admin.post('/api/servicedesk/orders', { categoryId: onlyB, description: '楼道灯不亮', dwellingId: tree.dwellingsB[1] }));
    expect(onlyBInB.team).toMatchObject({ id: teamB });

    // B's team member sees exactly the orders in B, and nothing of A: not in the list, the board, the pool, nor by id.
    const inBNow = await ordersInB();
    expect(inBNow.map((o) => o.id)).toEqual(expect.arrayContaining([inB.id, freeB.id]));
    const listed = await ok(outsider.get('/api/servicedesk/orders?status=all&pageSize=100'));
    expect(listed.items.map((o: any) => o.id).sort((a: number, b: number) => a - b)).toEqual(inBNow.map((o) => o.id));
    expect(listed.total).toBe(inBNow.length);
    expect((await ok(outsider.get('/api/servicedesk/board'))).counts.open).toBe(inBNow.filter((o) => o.open).length);
    const work = await ok(outsider.get('/api/servicedesk/my-work'));
    expect(work.pool.map((o: any) => o.id).sort((a: number, b: number) => a - b)).toEqual([inB.id, freeB.id, onlyBInB.id]);
    expect((await outsider.get(`/api/servicedesk/orders/${inA.id}`)).status).toBe(404);
    expect(
      (await outsider.post(`/api/servicedesk/orders/${inA.id}/transitions`, { action: 'dispatch', assigneeUserId: outsider.userId, version: inA.version }))
        .status,
    ).toBe(404);
    expect(
      (await outsider.post(`/api/servicedesk/orders/${inA.id}/transitions`, { action: 'cancel', reason: '不是我们的', version: inA.version })).status,
    ).toBe(404);
    expect((await ok(desk.get(`/api/servicedesk/orders/${inA.id}`))).status).toBe('received');

    // B's dispatcher sees B's teams and the department's (which serve B), not A's.
    const teamsSeen = (await ok(outsider.get('/api/servicedesk/teams'))).items.map((x: any) => x.name).sort();
    expect(teamsSeen).toEqual(['敬业服务部投诉组', '敬业维修班', '文汇协调部投诉专班', '文汇应急维修队'].sort());

    // Nor can the desk hand it to B's team, nor can B's team move to a place that leaves its orders outside.
    const moved = await step(desk, inA.id, { action: 'transfer', toTeamId: teamB, reason: '转给敬业' });
    expect(moved.json.code).toBe('SD_TEAM_NOT_SERVING_PLACE');
    const teamMove = await admin.put(`/api/servicedesk/teams/${teamB}`, {
      name: '敬业维修班',
      placeId: tree.communityA,
      leaderUserId: null,
      memberUserIds: [outsider.userId],
    });
    expect(teamMove.status).toBe(409);
    expect(teamMove.json.code).toBe('SD_TEAM_PLACE_HOLDS_ORDERS');
  });
});

describe('deadlines on the working-day calendar', () => {
  it('puts a complaint received the day before National Day due on the make-up Saturday, and pausing moves it on by the working time lost', async () => {
    t.clock.set(localInstant('2026-09-30', '10:00', 'Asia/Shanghai'));
    const o = await ok(desk.post('/api/servicedesk/orders', { categoryId: cat.complaint, description: '保洁不到位', dwellingId: tree.dwellingsA[4] }));
    const due = (stage: string, x = o) => x.clocks.find((c: any) => c.stage === stage).dueAt;
    expect(due('accept')).toBe(localInstant('2026-09-30', '12:00', 'Asia/Shanghai').toISOString());
    // Three working days, the first day not counted: 8, 9 and the make-up Saturday 10 October, to close of business.
    expect(due('resolve')).toBe(localInstant('2026-10-10', '17:30', 'Asia/Shanghai').toISOString());
    expect(o.owner).toMatchObject({ userId: desk.userId });

    t.clock.set(localInstant('2026-09-30', '11:00', 'Asia/Shanghai'));
    const paused = await ok(step(desk, o.id, { action: 'pause', reason: '投诉人外出，节后联系' }));
    expect(paused).toMatchObject({ status: 'waiting', nextDueAt: null, pauseReason: '投诉人外出，节后联系' });
    t.clock.set(localInstant('2026-10-08', '11:00', 'Asia/Shanghai'));
    const resumed = await ok(step(desk, o.id, { action: 'resume' }));
    expect(resumed.status).toBe('received');
    // Nine working hours went by while paused (11:00–17:30, then 08:30–11:00 after the holiday).
    expect(due('accept', resumed)).toBe(localInstant('2026-10-08', '12:00', 'Asia/Shanghai').toISOString());
    // One working day (8 October) went by: the Saturday due date moves to Monday 12 October.
    expect(due('resolve', resumed)).toBe(localInstant('2026-10-12', '17:30', 'Asia/Shanghai').toISOString());
    t.clock.set(new Date());
  });
});

describe('missed limits', () => {
  it('land on the accountability record with who held them, alert the team leader at once and the department later', async () => {
    const o = await ok(desk.post('/api/servicedesk/orders', { categoryId: cat.leak, description: '下水道堵塞', dwellingId: tree.dwellingsA[5] }));
    await ok(step(desk, o.id, { action: 'dispatch', assigneeUserId: repairer.userId }));
    await recordMissedLimits(t.platform);
    expect((await ok(dept.get(`/api/servicedesk/breaches`))).items.filter((x: any) => x.orderId === o.id)).toEqual([]);
    t.clock.advance(31 * 60000);
    expect((await ok(desk.get('/api/servicedesk/board'))).overdue.map((x: any) => x.id)).toContain(o.id);
    await recordMissedLimits(t.platform);
    const record = await ok(dept.get(`/api/servicedesk/breaches`));
    const b = record.items.find((x: any) => x.orderId === o.id);
    expect(b).toMatchObject({ stage: 'accept', holder: { userId: repairer.userId }, owner: { userId: desk.userId }, team: { id: team.repairs }, reason: null });
    expect((await notificationsOf(leader.userId)).some((n) => n.kind === 'servicedesk.overdue' && n.title['zh-CN'].includes(`#${o.id}`))).toBe(true);
    expect((await notificationsOf(repairer.userId)).some((n) => n.kind === 'servicedesk.overdue')).toBe(true);
    // Recording again adds nothing.
    await recordMissedLimits(t.platform);
    expect((await ok(dept.get(`/api/servicedesk/breaches`))).items.filter((x: any) => x.orderId === o.id)).toHaveLength(1);

    // An hour past the limit the department coordinator hears of it.
    expect((await notificationsOf(dept.userId)).some((n) => n.kind === 'obligation.escalated')).toBe(false);
    t.clock.advance(61 * 60000);
    await escalateOverdue(t.platform);
    expect((await notificationsOf(dept.userId)).some((n) => n.kind === 'obligation.escalated' && n.title['zh-CN'].includes(`#${o.id}`))).toBe(true);

    // The holder explains, a manager reviews; someone else may not explain it.
    expect((await repairer2.post(`/api/servicedesk/breaches/${b.id}/reason`, { reason: '不是我' })).json.code).toBe('SD_BREACH_NOT_HOLDER');
    expect((await repairer.post(`/api/servicedesk/breaches/${b.id}/reason`, { reason: '前一单未完成，无法及时接单' })).json.reason).toBe(
      '前一单未完成，无法及时接单',
    );
    const reviewed = await ok(dept.post(`/api/servicedesk/breaches/${b.id}/review`, { verdict: 'upheld', note: '应及时改派' }));
    expect(reviewed).toMatchObject({ review: 'upheld', reviewedByName: 'sddept', escalatedToDepartment: true });
    expect((await dept.post(`/api/servicedesk/breaches/${b.id}/review`, { verdict: 'excused' })).json.code).toBe('SD_BREACH_REVIEWED');
    const summary = await ok(dept.get('/api/servicedesk/breaches/summary'));
    const mine = summary.people.find((p: any) => p.userId === repairer.userId);
    expect(mine.upheld).toBe(1);
    // The repairer's and the team's missed limits, counted straight from the table (PostgreSQL
    // gives the repairer one more than PGlite, where PostgreSQL-only tests do not run); the
    // repairer explained this one only.
    const held = await queryOne<{ n: number }>(t.platform.db, sql`SELECT count(*)::int AS n FROM sd_breaches WHERE holder_user_id = ${repairer.userId}`);
    expect(held!.n).not.toBe(0);
    expect(mine.breaches).toBe(held!.n);
    expect(mine.unexplained).toBe(held!.n - 1);
    const teamBreaches = await queryOne<{ n: number }>(t.platform.db, sql`SELECT count(*)::int AS n FROM sd_breaches WHERE team_id = ${team.repairs}`);
    expect(summary.teams.find((x: any) => x.teamId === team.repairs).breaches).toBe(teamBreaches!.n);
    const xlsx = await dept.get('/api/servicedesk/breaches/export.xlsx');
    expect(xlsx.status).toBe(200);
    expect(String(xlsx.headers['content-type'])).toContain('spreadsheetml');
    // The export names the people who held each order: it is audited, with its row count.
    const exported = await queryOne<{ rows: number }>(
      t.platform.db,
      sql`SELECT (after->>'rows')::int AS rows FROM audit_log WHERE action = 'servicedesk.breach.export' ORDER BY id DESC LIMIT 1`,
    );
    expect(exported?.rows).toBe((await queryOne<{ n: number }>(t.platform.db, sql`SELECT count(*)::int AS n FROM sd_breaches`))!.n);
    // Late arrival still counts as late in the figures.
    await ok(step(repairer, o.id, { action: 'accept' }));
    const fig = await ok(dept.get('/api/servicedesk/figures?groupBy=team'));
    expect(fig.rows.find((r: any) => r.key === String(team.repairs)).acceptOnTime).toBeLessThan(1);
  });
});

describe('first-contact ownership of a complaint', () => {
  it("stays with the person who took the call through a transfer to the department's team, which must accept it", async () => {
    const o = await ok(desk.post('/api/servicedesk/orders', { categoryId: cat.complaint, description: '物业费收取不透明', dwellingId: tree.dwellingsA[0] }));
    expect(o.owner.userId).toBe(desk.userId);
    expect((await ok(step(complaintsA, o.id, { action: 'accept' }, desk))).status).toBe('accepted');
    // Not to a team whose place does not contain the flat: its people could then read and work it.
    const elsewhere = await step(desk, o.id, { action: 'transfer', toTeamId: team.complaintsB, reason: '属敬业服务部管理' });
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.json.code).toBe('SD_TEAM_NOT_SERVING_PLACE');
    expect((await complaintsB.get(`/api/servicedesk/orders/${o.id}`)).status).toBe(404);
    const asked = await ok(step(desk, o.id, { action: 'transfer', toTeamId: team.complaintsDept, reason: '涉及多个社区，由协调部专班办理' }));
    expect(asked).toMatchObject({
      team: { id: team.complaintsA },
      owner: { userId: desk.userId },
      pendingTransfer: true,
      transfer: { toTeamId: team.complaintsDept },
    });
    // Until the receiving side accepts, it is still ours; nobody else can accept it for them.
    expect((await step(complaintsA, o.id, { action: 'acceptTransfer' }, desk)).json.code).toBe('SD_NOT_RECEIVING_TEAM');
    expect((await step(desk, o.id, { action: 'transfer', toTeamId: team.repairs, reason: '再转' })).json.code).toBe('SD_TRANSFER_PENDING');
    const seen = await ok(deptDesk.get(`/api/servicedesk/orders/${o.id}`));
    expect(seen.actions).toEqual(expect.arrayContaining(['acceptTransfer', 'rejectTransfer']));
    const taken = await ok(step(deptDesk, o.id, { action: 'acceptTransfer' }));
    expect(taken).toMatchObject({ team: { id: team.complaintsDept }, owner: { userId: desk.userId }, pendingTransfer: false });
    const replied = await ok(step(deptDesk, o.id, { action: 'reply', reply: '已公示收费明细，并上门解释' }));
    expect(replied).toMatchObject({ status: 'replied', owner: { userId: desk.userId } });
    const closed = await ok(step(desk, o.id, { action: 'callback', rating: 4, note: '基本满意' }));
    expect(closed).toMatchObject({ status: 'closed', rating: 4, owner: { userId: desk.userId } });
    const reopened = await ok(step(desk, o.id, { action: 'reopen', reason: '回访后投诉人仍不满意' }));
    expect(reopened).toMatchObject({ status: 'accepted', reopenCount: 1, owner: { userId: desk.userId } });
    expect(reopened.events.map((e: any) => e.action)).toEqual(['received', 'accept', 'transfer', 'acceptTransfer', 'reply', 'callback', 'reopen']);
  });

  it('makes the first staff member who takes a self-reported complaint its owner', async () => {
    const o = await ok(resident.post('/api/servicedesk/my/orders', { categoryId: cat.complaint, description: '楼下噪音扰民' }));
    expect(o.owner).toBeNull();
    const accepted = await ok(step(complaintsA, o.id, { action: 'accept' }, desk));
    expect(accepted.owner.userId).toBe(complaintsA.userId);
  });
});

describe('the default categories', () => {
  it('cover the tree of the issue, with emergencies on the clock, and the demo gives them teams', async () => {
    const cats = (await ok(resident.get('/api/servicedesk/categories'))).items;
    const codes = cats.map((c: any) => c.code);
    for (const code of [
      'water',
      'power',
      'gas',
      'heating',
      'elevator',
      'drainage',
      'doors_windows',
      'public_areas',
      'noise',
      'sanitation',
      'property_fees',
      'other',
    ])
      expect(codes).toContain(code);
    const gasLeak = cats.find((c: any) => c.code === 'gas.leak');
    expect(gasLeak).toMatchObject({ emergency: true, limits: { accept: { unit: 'clock_minutes' } } });
    expect(gasLeak.parentId).toBe(cats.find((c: any) => c.code === 'gas').id);
    const ctx = { platform: t.platform, actor: systemActor('demo'), origin: { ip: null, channel: 'system' as const, requestId: null }, lang: 'zh-CN' as const };
    await seedServicedeskDemo(ctx, { communityId: tree.communityA, propertyUserId: leader.userId, communityUserId: complaintsA.userId });
    const after = (await ok(admin.get('/api/servicedesk/categories'))).items;
    // A child has no team of its own (it answers through its parent's); the parents have the demo's teams.
    expect(after.find((c: any) => c.code === 'gas.leak').teams).toEqual([]);
    expect(after.find((c: any) => c.code === 'gas').teams.map((x: any) => x.name)).toEqual(['物业维修一班']);
    expect(after.find((c: any) => c.code === 'noise').teams).toEqual([{ id: expect.any(Number), name: '社区投诉受理组', placeLabel: '荟萃社区' }]);
    // An order in the demo community goes to its team, through the parent category.
    const gasLeakId = after.find((c: any) => c.code === 'gas.leak').id;
    expect(
      (await ok(desk.post('/api/servicedesk/orders', { categoryId: gasLeakId, description: '厨房有燃气味', dwellingId: tree.dwellingsA[7] }))).team.name,
    ).toBe('物业维修一班');
  });
});

describe('the figures', () => {
  it('are the same whether read from the settled figures kept with each change, rebuilt from the orders, or counted from the orders alone', async () => {
    const compound = await userWith(t.platform, t.app, ['community_staff'], { placeIds: [tree.compoundA] }, 'sdcompound');
    const read = async (c: TestClient) => {
      const out: Record<string, unknown> = {};
      for (const g of ['month', 'day', 'team', 'category', 'community']) {
        const f = await ok(c.get(`/api/servicedesk/figures?groupBy=${g}`));
        out[g] = { totals: f.totals, rows: f.rows };
      }
      return out;
    };
    const cancelled = await ok(desk.post('/api/servicedesk/orders', { categoryId: cat.leak, description: '重复来电', dwellingId: tree.dwellingsA[6] }));
    await ok(step(desk, cancelled.id, { action: 'cancel', reason: '住户自行修好' }));
    // Settled and unsettled orders of every kind exist by now (closed, cancelled, merged, reopened, open).
    const kept = await read(complaintsA);
    expect((kept.team as any).totals.orders).toBeGreaterThan(5);
    // A compound-wide user is served from the orders directly; all of this test's orders lie in that compound.
    expect(await read(compound)).toEqual(kept);
    await rebuildFigures(t.platform.db, t.platform);
    expect(await read(complaintsA)).toEqual(kept);
  });

  it("export as Excel exactly what the page shows, over the range it shows; a community's staff get only their community's numbers", async () => {
    const pct = (v: number | null) => (v === null ? '' : String(Math.round(v * 1000) / 10));
    const cells = (r: any) => [
      r.label,
      String(r.orders),
      pct(r.acceptOnTime),
      pct(r.arriveOnTime),
      pct(r.resolveOnTime),
      pct(r.firstVisitFix),
      r.satisfaction === null ? '' : String(r.satisfaction),
      String(r.rated),
      String(r.open),
    ];
    const sheets = async (c: TestClient, q: string) => {
      const res = await c.get(`/api/servicedesk/figures.xlsx?${q}`);
      expect(res.status).toBe(200);
      return readSheets(res.body);
    };
    const api = await ok(admin.get('/api/servicedesk/figures?groupBy=community'));
    const all = await sheets(admin, 'groupBy=community');
    expect(all['服务统计 Figures']).toEqual([
      [
        '社区 Community',
        '工单数 Orders',
        '按时受理率 % Accepted on time',
        '按时到场率 % Arrived on time',
        '按时办结率 % Resolved on time',
        '一次修复率 % First-visit fix',
        '满意度 Satisfaction',
        '评价数 Rated',
        '未结案 Open',
      ],
      ...api.rows.map(cells),
      cells({ ...api.totals, label: '合计 Total' }),
      // No range was asked for: the workbook names the one the page shows (the API's).
      [`${api.from} — ${api.to}`],
    ]);
    expect(all['积压工单 Backlog']!.slice(1).map((r) => Number(r[1]))).toEqual(api.backlogByAge.map((b: any) => b.count));
    expect(all['反复报修 Repeated']!.slice(1, -1).map((r) => [r[0], Number(r[1])])).toEqual(api.repeatedBuildings.map((b: any) => [b.label, b.orders]));

    // Counted straight from the orders, not by the code under test.
    const ordersIn = async (community: number) =>
      (
        await queryRows<{ n: number }>(
          t.platform.db,
          sql`SELECT count(*)::int AS n FROM sd_orders WHERE community_id = ${community} AND status <> 'merged'
                AND received_at >= ${localInstant(api.from, '00:00', 'Asia/Shanghai')} AND received_at < ${localInstant(api.to, '24:00', 'Asia/Shanghai')}`,
        )
      )[0]!.n;
    const inA = await ordersIn(tree.communityA);
    expect(inA).toBeGreaterThan(5);
    for (const [c, community, name] of [
      [complaintsA, tree.communityA, '荟萃社区'],
      [complaintsB, tree.communityB, '敬业社区'],
    ] as const) {
      const n = await ordersIn(community);
      const rows = (await sheets(c, 'groupBy=community'))['服务统计 Figures']!.slice(1, -1);
      expect(rows.map((r) => [r[0], r[1]])).toEqual([...(n > 0 ? [[name, String(n)]] : []), ['合计 Total', String(n)]]);
    }
    expect((await complaintsA.get('/api/servicedesk/figures.xlsx?from=2026-03-19&to=2026-03-18')).status).toBe(400);
  });

  it('drill down to exactly the orders each number counts: per team, community and day, all and still open', async () => {
    const total = async (q: string) => (await ok(admin.get(`/api/servicedesk/orders?pageSize=200&${q}`))).total as number;
    for (const [groupBy, param] of [
      ['team', 'teamId'],
      ['community', 'placeId'],
      ['day', null],
    ] as const) {
      const f = await ok(admin.get(`/api/servicedesk/figures?groupBy=${groupBy}`));
      const rows = f.rows.filter((r: any) => r.key !== '');
      expect(rows.length).toBeGreaterThan(0);
      for (const r of rows) {
        const q = param ? `${param}=${r.key}&receivedFrom=${f.from}&receivedTo=${f.to}` : `receivedFrom=${r.key}&receivedTo=${r.key}`;
        expect(await total(`status=counted&${q}`)).toBe(r.orders);
        expect(await total(`status=open&${q}`)).toBe(r.open);
      }
    }
  });
});
