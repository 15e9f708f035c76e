import type { Role } from '@jiayuan/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSmallTree, type SmallTree } from '../../test-support/fixtures.js';
import { signIn, userWith, type TestClient } from '../../test-support/http-client.js';
import { createTestPlatform, type TestPlatform } from '../../test-support/test-platform.js';
import { queryRows } from '../db/database.js';
import { localInstant } from '../time.js';
import { describeOnPostgres } from '../../test-support/postgres-only.js';
import { escalateOverdue, generateForRules, openObligations, replaceObligations } from './obligations.service.js';

const HOUR = 3600000;
const TZ = 'Asia/Shanghai';
/** 09:00 on Tuesday 10 June 2025, local time: the start of every clock in this file. */
const START = localInstant('2025-06-10', '09:00', TZ);

let t: TestPlatform;
let admin: TestClient;
let tree: SmallTree;
let compoundA2: number;
const path: Record<string, string> = {};
let staffA: TestClient & { userId: number };
let staffB: TestClient & { userId: number };
let coordinator: TestClient & { userId: number };
let coordinatorOfB: TestClient & { userId: number };

beforeAll(async () => {
  t = await createTestPlatform();
  admin = await userWith(t.platform, t.app, ['admin'], { all: true }, 'dutyadmin');
  tree = await buildSmallTree(admin);
  compoundA2 = (await admin.post('/api/places', { parentId: tree.communityA, type: 'compound', name: '第二小区' })).json.id;
  for (const [k, id] of Object.entries({ compoundA: tree.compoundA, compoundB: tree.compoundB, communityA: tree.communityA })) {
    path[k] = (await admin.get(`/api/places/${id}`)).json.path;
  }
  staffA = await userWith(t.platform, t.app, ['community_staff'], { placeIds: [tree.communityA] }, 'dutystaffa');
  staffB = await userWith(t.platform, t.app, ['community_staff'], { placeIds: [tree.communityB] }, 'dutystaffb');
  coordinator = await userWith(t.platform, t.app, ['department_coordinator'], { placeIds: [tree.department] }, 'dutycoord');
  coordinatorOfB = await userWith(t.platform, t.app, ['department_coordinator'], { placeIds: [tree.communityB] }, 'dutycoordb');
  t.clock.set(START);
});
afterAll(() => t.close());

function duty(over: Partial<Parameters<typeof openObligations>[1][number]> & { dueAt: Date }) {
  return { kind: 'test.duty', subjectType: 'test', subjectId: Math.random().toString(36).slice(2), title: { 'zh-CN': '待办', 'en-US': 'To-do' }, ...over };
}

async function todos(client: TestClient, state = 'open') {
  const r = await client.get(`/api/todos?state=${state}&pageSize=200`);
  expect(r.status).toBe(200);
  return r.json;
}

describe('my to-dos', () => {
  it('are those assigned to me, and those of my role within my places', async () => {
    const volunteer = await userWith(t.platform, t.app, ['volunteer'], { placeIds: [tree.communityA] });
    await openObligations(t.platform.db, [
      duty({ subjectId: 'mine', responsibleUserId: volunteer.userId, dueAt: new Date(START.getTime() + 2 * HOUR) }),
      duty({
        subjectId: 'role-a',
        responsibleRole: 'community_staff',
        placeId: tree.compoundA,
        placePath: path.compoundA,
        dueAt: new Date(START.getTime() + 3 * HOUR),
      }),
      duty({
        subjectId: 'role-b',
        responsibleRole: 'community_staff',
        placeId: tree.compoundB,
        placePath: path.compoundB,
        dueAt: new Date(START.getTime() + 4 * HOUR),
      }),
    ]);
    expect((await todos(volunteer)).items.map((o: any) => o.subjectId)).toEqual(['mine']);
    const a = (await todos(staffA)).items;
    expect(a.map((o: any) => o.subjectId)).toEqual(['role-a']);
    expect(a[0]).toMatchObject({ placeLabel: '荟萃社区 建工小区', responsibleRole: 'community_staff', overdue: false, actions: [] });
    expect((await todos(staffB)).items.map((o: any) => o.subjectId)).toEqual(['role-b']);
    expect((await todos(coordinator)).items).toEqual([]);
  });

  it('count as overdue or due today as the clock moves on', async () => {
    const u = await userWith(t.platform, t.app, ['volunteer'], { placeIds: [tree.communityA] }, 'clockwatcher');
    const at = (hhmm: string, date = '2025-06-10') => localInstant(date, hhmm, TZ);
    await openObligations(t.platform.db, [
      duty({ subjectId: 'ten', responsibleUserId: u.userId, dueAt: at('10:00') }),
      duty({ subjectId: 'four', responsibleUserId: u.userId, dueAt: at('16:00') }),
      duty({ subjectId: 'tomorrow', responsibleUserId: u.userId, dueAt: at('10:00', '2025-06-11') }),
    ]);
    try {
      expect((await todos(u)).counts).toEqual({ open: 3, overdue: 0, dueToday: 2 });
      t.clock.set(at('11:00'));
      const late = await todos(u);
      expect(late.counts).toEqual({ open: 3, overdue: 1, dueToday: 1 });
      expect(late.items.map((o: any) => [o.subjectId, o.overdue])).toEqual([
        ['ten', true],
        ['four', false],
        ['tomorrow', false],
      ]);
      expect((await todos(u, 'overdue')).items.map((o: any) => o.subjectId)).toEqual(['ten']);
      expect((await todos(u, 'today')).items.map((o: any) => o.subjectId)).toEqual(['ten', 'four']);
      t.clock.set(at('09:00', '2025-06-11'));
      // A night has passed: the session has gone idle, so sign in again.
      expect((await todos(await signIn(t.app, 'clockwatcher'))).counts).toEqual({ open: 3, overdue: 2, dueToday: 1 });
    } finally {
      t.clock.set(START);
    }
  });
});

describe("a subject's clocks started over", () => {
  it('cancel its open obligations with the reason and open the new ones, in one statement, leaving other subjects alone', async () => {
    const due = (h: number) => new Date(START.getTime() + h * HOUR);
    await openObligations(t.platform.db, [duty({ subjectId: 'restart', dueAt: due(1) }), duty({ subjectId: 'other', dueAt: due(1) })]);
    await replaceObligations(t.platform.db, t.platform, { subjectType: 'test', subjectId: 'restart' }, 'superseded', [
      duty({ subjectId: 'restart', dueAt: due(5) }),
      duty({ subjectId: 'restart', dueAt: due(6) }),
    ]);
    const rows = await queryRows<{ subject_id: string; due_at: Date; cancel_reason: string | null }>(
      t.platform.db,
      sql`SELECT subject_id, due_at, cancel_reason FROM obligations WHERE subject_id IN ('restart', 'other') ORDER BY subject_id, due_at`,
    );
    expect(rows.map((r) => [r.subject_id, new Date(r.due_at).getTime() - START.getTime(), r.cancel_reason])).toEqual([
      ['other', HOUR, null],
      ['restart', HOUR, 'superseded'],
      ['restart', 5 * HOUR, null],
      ['restart', 6 * HOUR, null],
    ]);
  });
});

describe('recurring duties', () => {
  let ruleId: number;
  const rule = (title = '消杀巡查') => ({
    kind: 'test.patrol',
    title: { 'zh-CN': title, 'en-US': 'Patrol' },
    placeId: tree.communityA,
    targetType: 'compound',
    responsibleRole: 'community_staff',
    recurrence: 'daily',
    times: ['16:00', '10:00'],
    startsOn: '2025-06-10',
  });
  const ofRule = async () =>
    queryRows<{ subject_id: string; due_at: Date; n: number }>(
      t.platform.db,
      sql`SELECT subject_id, due_at, count(*)::int AS n FROM obligations WHERE rule_id = ${ruleId} AND cancelled_at IS NULL GROUP BY 1, 2 ORDER BY 2, 1`,
    );

  it('create one to-do per target place per occurrence for the week ahead', async () => {
    const r = await staffA.post('/api/obligation-rules', rule());
    expect(r.status).toBe(201);
    ruleId = r.json.id;
    // Two compounds × two times a day × seven days, starting at 10:00 today.
    expect(r.json).toMatchObject({ openCount: 28, placeLabel: '荟萃社区', actions: ['update', 'delete'] });
    const rows = await ofRule();
    expect(rows).toHaveLength(28);
    expect(rows.every((x) => x.n === 1)).toBe(true);
    expect(new Set(rows.map((x) => x.subject_id))).toEqual(new Set([String(tree.compoundA), String(compoundA2)]));
    expect(new Date(rows[0]!.due_at).getTime()).toBe(localInstant('2025-06-10', '10:00', TZ).getTime());
    expect((await todos(staffA)).items.filter((o: any) => o.kind === 'test.patrol')).toHaveLength(28);
    expect((await todos(staffB)).items.filter((o: any) => o.kind === 'test.patrol')).toHaveLength(0);
  });

  it('generate nothing twice, even when asked to start over', async () => {
    expect(await generateForRules(t.platform)).toBe(0);
    await t.platform.db.execute(sql`UPDATE obligation_rules SET generated_until = NULL WHERE id = ${ruleId}`);
    expect(await generateForRules(t.platform)).toBe(0);
    expect(await ofRule()).toHaveLength(28);
    t.clock.set(new Date(START.getTime() + 24 * HOUR));
    try {
      expect(await generateForRules(t.platform)).toBe(4);
      expect(await generateForRules(t.platform)).toBe(0);
    } finally {
      t.clock.set(START);
    }
  });

  it('can be ticked off by the people responsible, once', async () => {
    const first = (await todos(staffA)).items.find((o: any) => o.kind === 'test.patrol');
    expect(first.actions).toEqual(['complete']);
    expect((await staffB.post(`/api/todos/${first.id}/done`)).status).toBe(404);
    const done = await staffA.post(`/api/todos/${first.id}/done`);
    expect(done.status).toBe(200);
    expect(done.json).toMatchObject({ id: first.id, actions: [] });
    expect(Date.parse(done.json.doneAt) - START.getTime()).toBeGreaterThanOrEqual(0);
    expect(Date.parse(done.json.doneAt) - START.getTime()).toBeLessThan(HOUR);
    const again = await staffA.post(`/api/todos/${first.id}/done`);
    expect(again.status).toBe(409);
    expect(again.json.code).toBe('OBLIGATION_ALREADY_DONE');
    expect((await todos(staffA, 'done')).items.map((o: any) => o.id)).toEqual([first.id]);
    const auditor = await userWith(t.platform, t.app, ['auditor']);
    const logged = (await auditor.get(`/api/audit?action=obligation.done&entityId=${first.id}`)).json.items;
    expect(logged[0]).toMatchObject({ actorName: 'dutystaffa', after: { kind: 'test.patrol' } });
  });

  it('regenerate their future to-dos when changed', async () => {
    const r = await staffA.put(`/api/obligation-rules/${ruleId}`, rule('消杀巡查（新）'));
    expect(r.status).toBe(200);
    // A week ahead again: 28 occurrences, less the one already ticked off.
    expect(r.json.openCount).toBe(27);
    expect((await todos(staffA, 'done')).items.filter((o: any) => o.kind === 'test.patrol')).toHaveLength(1);
    const titles = new Set((await todos(staffA)).items.filter((o: any) => o.kind === 'test.patrol').map((o: any) => o.title['zh-CN']));
    expect(titles).toEqual(new Set(['消杀巡查（新）']));
  });

  it('cancel their open to-dos when deleted', async () => {
    expect((await staffA.delete(`/api/obligation-rules/${ruleId}`)).status).toBe(200);
    expect((await todos(staffA)).items.filter((o: any) => o.kind === 'test.patrol')).toEqual([]);
    expect(await generateForRules(t.platform)).toBe(0);
    expect((await staffA.get('/api/obligation-rules')).json.items.find((x: any) => x.id === ruleId)).toMatchObject({ active: false, openCount: 0 });
  });
});

describe('weekly and monthly duties on a holiday', () => {
  const walk = (over: object = {}) => ({
    kind: 'test.walk',
    title: { 'zh-CN': '楼栋巡查', 'en-US': 'Building walk' },
    placeId: tree.compoundA,
    responsibleRole: 'community_staff',
    recurrence: 'weekly',
    weekdays: [1, 4],
    times: ['17:00'],
    startsOn: '2026-09-01',
    ...over,
  });
  const dues = async (ruleId: number) =>
    (
      await queryRows<{ due_at: Date }>(t.platform.db, sql`SELECT due_at FROM obligations WHERE rule_id = ${ruleId} AND cancelled_at IS NULL ORDER BY due_at`)
    ).map((r) => new Date(r.due_at).toISOString());

  it('skip the holiday by default (the building walks of 1 and 5 October), or keep or move it as the rule says', async () => {
    t.clock.set(localInstant('2026-09-30', '09:00', TZ));
    try {
      const staff = await userWith(t.platform, t.app, ['community_staff'], { placeIds: [tree.communityA] });
      const skip = await staff.post('/api/obligation-rules', walk());
      expect(skip.status).toBe(201);
      expect(skip.json).toMatchObject({ onHoliday: 'skip', openCount: 0 });
      const keep = await staff.post('/api/obligation-rules', walk({ kind: 'test.walk_keep', onHoliday: 'keep' }));
      expect(await dues(keep.json.id)).toEqual([localInstant('2026-10-01', '17:00', TZ).toISOString(), localInstant('2026-10-05', '17:00', TZ).toISOString()]);
      const daily = await staff.post('/api/obligation-rules', walk({ kind: 'test.daily', recurrence: 'daily', weekdays: [] }));
      expect(daily.json.onHoliday).toBe('keep');
      t.clock.set(localInstant('2026-10-02', '09:00', TZ));
      // Two days on, the session has gone idle: another member of staff.
      const next = await userWith(t.platform, t.app, ['community_staff'], { placeIds: [tree.communityA] });
      const move = await next.post('/api/obligation-rules', walk({ kind: 'test.walk_move', onHoliday: 'next_working_day' }));
      // 1 and 5 October land on Thursday 8 October, the day's own walk: one walk, not three.
      expect(await dues(move.json.id)).toEqual([localInstant('2026-10-08', '17:00', TZ).toISOString()]);
      const o = (await todos(next)).items.find((x: any) => x.kind === 'test.walk_move');
      expect(o.provisional).toBe(false);
    } finally {
      t.clock.set(START);
    }
  });
});

describe('to-dos completed by their workflow', () => {
  it('cannot be ticked off by hand', async () => {
    await openObligations(t.platform.db, [duty({ subjectId: 'workflow', responsibleUserId: staffA.userId, dueAt: new Date(START.getTime() + HOUR) })]);
    const o = (await todos(staffA)).items.find((x: any) => x.subjectId === 'workflow');
    expect(o.actions).toEqual([]);
    const r = await staffA.post(`/api/todos/${o.id}/done`);
    expect(r.status).toBe(409);
    expect(r.json.code).toBe('OBLIGATION_NOT_MANUAL');
    expect((await todos(staffA)).items.some((x: any) => x.id === o.id)).toBe(true);
  });
});

describe('escalation', () => {
  const unread = async (c: TestClient, kind: string) => (await c.get('/api/notifications?pageSize=200')).json.items.filter((n: any) => n.kind === kind);

  it('alerts the escalation role over the place once the configured minutes have passed, and only once', async () => {
    const due = new Date(START.getTime() + HOUR);
    await openObligations(t.platform.db, [
      duty({
        subjectId: 'late',
        title: { 'zh-CN': '上报日报', 'en-US': 'Daily report' },
        responsibleRole: 'community_staff',
        placeId: tree.compoundA,
        placePath: path.compoundA,
        dueAt: due,
        escalateAfterMinutes: 30,
        escalationRole: 'department_coordinator' as Role,
      }),
    ]);
    try {
      expect(await escalateOverdue(t.platform)).toBe(0);
      t.clock.set(new Date(due.getTime() + 29 * 60000));
      expect(await escalateOverdue(t.platform)).toBe(0);
      t.clock.set(new Date(due.getTime() + 31 * 60000));
      expect(await escalateOverdue(t.platform)).toBe(1);
      expect(await escalateOverdue(t.platform)).toBe(0);
    } finally {
      t.clock.set(START);
    }
    const escalated = await unread(coordinator, 'obligation.escalated');
    expect(escalated).toHaveLength(1);
    expect(escalated[0].title).toEqual({ 'zh-CN': '逾期未办：上报日报', 'en-US': 'Overdue: Daily report' });
    expect(await unread(coordinatorOfB, 'obligation.escalated')).toEqual([]);
    expect(await unread(staffA, 'obligation.overdue')).toHaveLength(1);
    expect(await unread(staffB, 'obligation.overdue')).toEqual([]);
    const o = (await todos(staffA)).items.find((x: any) => x.subjectId === 'late');
    expect(o.escalatedAt).not.toBeNull();
  });

  it('goes one level up for a recurring duty with an escalation time', async () => {
    const r = await staffA.post('/api/obligation-rules', {
      kind: 'test.report',
      title: { 'zh-CN': '健康日报', 'en-US': 'Health report' },
      placeId: tree.compoundA,
      responsibleRole: 'community_staff',
      recurrence: 'daily',
      times: ['10:00'],
      startsOn: '2025-06-10',
      escalateAfterMinutes: 15,
    });
    expect(r.status).toBe(201);
    t.clock.set(localInstant('2025-06-10', '10:16', TZ));
    try {
      expect(await escalateOverdue(t.platform)).toBe(1);
    } finally {
      t.clock.set(START);
    }
    expect((await unread(coordinator, 'obligation.escalated')).map((n: any) => n.title['en-US'])).toContain('Overdue: Health report');
  });
});

describe('escalation of a step held by several people', () => {
  const unread = async (c: TestClient, kind: string, subjectId: string) =>
    (await c.get('/api/notifications?pageSize=200')).json.items.filter((n: any) => n.kind === kind && n.title['en-US'].includes(subjectId));

  it('alerts the next level once for the group, and each holder once', async () => {
    const liaisonA = await userWith(t.platform, t.app, ['employer_liaison'], {}, 'grpliaisona');
    const liaisonB = await userWith(t.platform, t.app, ['employer_liaison'], {}, 'grpliaisonb');
    const due = new Date(START.getTime() + HOUR);
    // As the return loop's notify step opens it: one to-do per liaison, same record, step and due time.
    const step = (userId: number) =>
      duty({
        kind: 'test.notify',
        subjectId: 'req-1',
        title: { 'zh-CN': '通知本人 req-1', 'en-US': 'Tell the person req-1' },
        placePath: path.communityA,
        responsibleUserId: userId,
        dueAt: due,
        escalateAfterMinutes: 0,
        escalationRole: 'department_coordinator' as Role,
      });
    await openObligations(t.platform.db, [step(liaisonA.userId), step(liaisonB.userId)]);
    t.clock.set(new Date(due.getTime() + 60000));
    try {
      expect(await escalateOverdue(t.platform)).toBe(2);
      expect(await escalateOverdue(t.platform)).toBe(0);
    } finally {
      t.clock.set(START);
    }
    expect(await unread(coordinator, 'obligation.escalated', 'req-1')).toHaveLength(1);
    expect(await unread(liaisonA, 'obligation.overdue', 'req-1')).toHaveLength(1);
    expect(await unread(liaisonB, 'obligation.overdue', 'req-1')).toHaveLength(1);
  });

  it('alerts once even when a batch limit splits the group between two runs', async () => {
    const liaisonA = await userWith(t.platform, t.app, ['employer_liaison'], {});
    const liaisonB = await userWith(t.platform, t.app, ['employer_liaison'], {});
    const due = new Date(START.getTime() + 2 * HOUR);
    const step = (userId: number) =>
      duty({
        kind: 'test.notify',
        subjectId: 'req-2',
        title: { 'zh-CN': '通知本人 req-2', 'en-US': 'Tell the person req-2' },
        placePath: path.communityA,
        responsibleUserId: userId,
        dueAt: due,
        escalateAfterMinutes: 0,
        escalationRole: 'department_coordinator' as Role,
      });
    await openObligations(t.platform.db, [step(liaisonA.userId), step(liaisonB.userId)]);
    t.clock.set(new Date(due.getTime() + 60000));
    try {
      expect(await escalateOverdue(t.platform, 1)).toBe(1);
      expect(await escalateOverdue(t.platform, 1)).toBe(1);
    } finally {
      t.clock.set(START);
    }
    expect(await unread(coordinator, 'obligation.escalated', 'req-2')).toHaveLength(1);
  });

  it('still alerts each occurrence of a recurring duty on its own', async () => {
    const at = (hh: string) => localInstant('2025-06-10', hh, TZ);
    const occurrence = (due: Date) =>
      duty({
        kind: 'test.round',
        subjectId: 'round-1',
        title: { 'zh-CN': '巡查 round-1', 'en-US': 'Round round-1' },
        placePath: path.compoundA,
        responsibleRole: 'community_staff',
        placeId: tree.compoundA,
        dueAt: due,
        escalateAfterMinutes: 0,
        escalationRole: 'department_coordinator' as Role,
      });
    await openObligations(t.platform.db, [occurrence(at('11:00')), occurrence(at('12:00'))]);
    t.clock.set(at('12:01'));
    try {
      expect(await escalateOverdue(t.platform)).toBe(2);
    } finally {
      t.clock.set(START);
    }
    expect(await unread(coordinator, 'obligation.escalated', 'round-1')).toHaveLength(2);
  });
});

describeOnPostgres('escalation runs at once', () => {
  it('alert the department once for a group, however many run together', async () => {
    const holders = await Promise.all([0, 1, 2].map(() => userWith(t.platform, t.app, ['employer_liaison'], {})));
    const due = new Date(START.getTime() + 3 * HOUR);
    await openObligations(
      t.platform.db,
      holders.map((h) =>
        duty({
          kind: 'test.notify',
          subjectId: 'req-3',
          title: { 'zh-CN': '通知本人 req-3', 'en-US': 'Tell the person req-3' },
          placePath: path.communityA,
          responsibleUserId: h.userId,
          dueAt: due,
          escalateAfterMinutes: 0,
          escalationRole: 'department_coordinator' as Role,
        }),
      ),
    );
    t.clock.set(new Date(due.getTime() + 60000));
    try {
      // Eight runners with a batch of one each: without the run lock two of them could split the group and both alert.
      const counts = await Promise.all(Array.from({ length: 8 }, () => escalateOverdue(t.platform, 1)));
      expect(counts.reduce((a, b) => a + b, 0)).toBe(3);
    } finally {
      t.clock.set(START);
    }
    const n = (await coordinator.get('/api/notifications?pageSize=200')).json.items.filter(
      (x: any) => x.kind === 'obligation.escalated' && x.title['en-US'].includes('req-3'),
    );
    expect(n).toHaveLength(1);
  });
});
