import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, userWith, type TestClient } from '../../test-support/http-client.js';
import { itOnPostgres } from '../../test-support/postgres-only.js';
import { createTestPlatform, type TestPlatform } from '../../test-support/test-platform.js';
import { openObligations } from '../obligations/obligations.service.js';
import { localInstant } from '../time.js';
import { remindMissingArrangements } from './calendar.reminders.js';

const TZ = 'Asia/Shanghai';
const at = (date: string, time: string) => localInstant(date, time, TZ);
let t: TestPlatform;
let admin: TestClient & { userId: number };
let coordinator: TestClient;
let auditor: TestClient;

/** The 2027 arrangement as an administrator would type it from the notice (a plausible one: the notice is not out yet). */
const notice2027 = {
  holidays: [
    { holiday: 'new_year', from: '2027-01-01', to: '2027-01-03' },
    { holiday: 'spring_festival', from: '2027-02-05', to: '2027-02-12' },
    { holiday: 'qingming', from: '2027-04-03', to: '2027-04-05' },
    { holiday: 'labour_day', from: '2027-05-01', to: '2027-05-05' },
    { holiday: 'dragon_boat', from: '2027-06-09', to: '2027-06-11' },
    { holiday: 'mid_autumn', from: '2027-09-15', to: '2027-09-17' },
    { holiday: 'national_day', from: '2027-10-01', to: '2027-10-07' },
  ],
  makeUpDays: [
    { date: '2027-02-13', holiday: 'spring_festival' },
    { date: '2027-04-25', holiday: 'labour_day' },
    { date: '2027-10-09', holiday: 'national_day' },
  ],
  note: '国办发明电〔2026〕号（测试）',
};

const todosOf = async (c: TestClient, kind: string) => (await c.get('/api/todos?pageSize=100')).json.items.filter((o: any) => o.kind === kind);

beforeAll(async () => {
  t = await createTestPlatform();
  t.clock.set(at('2026-10-31', '10:00'));
  admin = await userWith(t.platform, t.app, ['admin'], { all: true }, 'yearadmin');
  coordinator = await userWith(t.platform, t.app, ['center_coordinator'], { all: true }, 'yearcoord');
  auditor = await userWith(t.platform, t.app, ['auditor'], {}, 'yearauditor');
});
afterAll(() => t.close());

describe('a year without an entered arrangement', () => {
  it('is proposed from the statutory holidays, flagged as such', async () => {
    const r = await admin.get('/api/calendar/years/2027');
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ year: 2027, status: 'statutory', entered: false, version: 0, makeUpDays: [] });
    expect(r.json.holidays.slice(0, 3)).toEqual([
      { holiday: 'new_year', from: '2027-01-01', to: '2027-01-01' },
      { holiday: 'spring_festival', from: '2027-02-05', to: '2027-02-10' },
      { holiday: 'qingming', from: '2027-04-05', to: '2027-04-05' },
    ]);
    const days = (await coordinator.get('/api/calendar?from=2026-12-31&to=2027-01-04')).json;
    expect(days.days.map((d: any) => [d.date, d.workday, d.source, d.provisional])).toEqual([
      ['2026-12-31', true, 'weekday', false],
      ['2027-01-01', false, 'statutory', true],
      ['2027-01-02', false, 'weekend', true],
      ['2027-01-03', false, 'weekend', true],
      ['2027-01-04', true, 'weekday', true],
    ]);
    expect(days.years).toEqual([
      { year: 2026, status: 'published' },
      { year: 2027, status: 'statutory' },
    ]);
    expect(days.coveredUntilYear).toBe(2026);
  });

  it('is not asked for before 1 November', async () => {
    expect((await admin.get('/api/calendar?from=2026-10-31&to=2026-10-31')).json.missingYears).toEqual([]);
    expect(await remindMissingArrangements(t.platform)).toEqual([]);
    expect(await todosOf(admin, 'calendar.arrangement')).toEqual([]);
  });

  it('from 1 November is a to-do for the administrators, once, and a banner on the calendar page', async () => {
    t.clock.set(at('2026-11-01', '08:00'));
    admin = Object.assign(await signIn(t.app, 'yearadmin'), { userId: admin.userId });
    coordinator = await signIn(t.app, 'yearcoord');
    auditor = await signIn(t.app, 'yearauditor');
    expect(await remindMissingArrangements(t.platform)).toEqual([2027]);
    expect(await remindMissingArrangements(t.platform)).toEqual([]);
    const todo = await todosOf(admin, 'calendar.arrangement');
    expect(todo).toHaveLength(1);
    expect(todo[0]).toMatchObject({
      subjectType: 'calendar_year',
      subjectId: '2027',
      link: '/admin/calendar?year=2027',
      dueAt: at('2026-12-01', '09:00').toISOString(),
      overdue: false,
    });
    expect(todo[0].title['zh-CN']).toContain('录入 2027 年节假日安排');
    const told = (await admin.get('/api/notifications')).json.items.filter((n: any) => n.kind === 'calendar.arrangement_missing');
    expect(told).toHaveLength(1);
    expect(await todosOf(coordinator, 'calendar.arrangement')).toEqual([]);
    expect((await admin.get('/api/calendar?from=2026-11-01&to=2026-11-30')).json.missingYears).toEqual([2027]);
  });

  it('makes a working-day deadline in it say so', async () => {
    const due = t.platform.calendar.addWorkingDays(at('2026-12-31', '10:00'), 1);
    expect(due).toEqual(at('2027-01-04', '17:30'));
    await openObligations(t.platform.db, [
      {
        kind: 'test.deadline',
        subjectType: 'test',
        subjectId: 'provisional',
        title: { 'zh-CN': '期限', 'en-US': 'Deadline' },
        responsibleUserId: admin.userId,
        dueAt: due,
        workingTime: true,
      },
      {
        kind: 'test.deadline',
        subjectType: 'test',
        subjectId: 'clock',
        title: { 'zh-CN': '期限', 'en-US': 'Deadline' },
        responsibleUserId: admin.userId,
        dueAt: due,
      },
      {
        kind: 'test.deadline',
        subjectType: 'test',
        subjectId: 'this-year',
        title: { 'zh-CN': '期限', 'en-US': 'Deadline' },
        responsibleUserId: admin.userId,
        dueAt: at('2026-12-31', '17:30'),
        workingTime: true,
      },
    ]);
    const flags = (await todosOf(admin, 'test.deadline')).map((o: any) => [o.subjectId, o.provisional]);
    expect(flags).toEqual([
      ['this-year', false],
      ['provisional', true],
      ['clock', false],
    ]);
  });
});

describe('entering a year’s arrangement', () => {
  it('is for administrators only', async () => {
    const r = await coordinator.put('/api/calendar/years/2027', notice2027);
    expect(r.status).toBe(403);
    expect((await admin.get('/api/calendar/years/2027')).json.entered).toBe(false);
  });

  it.each([
    [{ makeUpDays: [{ date: '2027-02-15' }] }, 'CALENDAR_MAKEUP_NOT_WEEKEND', 'makeUpDays.0.date'],
    [{ holidays: [{ holiday: 'new_year', from: '2028-01-01', to: '2028-01-01' }] }, 'CALENDAR_DATE_OUTSIDE_YEAR', 'holidays.0.from'],
    [{ holidays: [{ holiday: 'national_day', from: '2027-10-07', to: '2027-10-01' }] }, 'CALENDAR_RANGE_REVERSED', 'holidays.0.to'],
    [{ holidays: [{ holiday: 'national_day', from: '2027-10-01', to: '2027-10-20' }] }, 'CALENDAR_RANGE_TOO_LONG', 'holidays.0.to'],
    [{ makeUpDays: [{ date: '2027-02-06' }] }, 'CALENDAR_DAY_TWICE', 'makeUpDays.0.date'],
  ])('refuses %j with %s, in both languages, changing nothing', async (change, code, field) => {
    const r = await admin.put('/api/calendar/years/2027', { ...notice2027, ...change });
    expect(r.status).toBe(400);
    expect(r.json.code).toBe(code);
    expect(r.json.errors.map((e: any) => e.path)).toEqual([field]);
    expect(Object.keys(r.json.messages)).toEqual(['zh-CN', 'en-US']);
    expect(r.json.messages['zh-CN']).not.toBe(r.json.messages['en-US']);
    expect((await admin.get('/api/calendar/years/2027')).json.entered).toBe(false);
    expect(t.platform.calendar.yearStatus(2027)).toBe('statutory');
  });

  it('takes effect at once: deadlines, the calendar, the to-do, the flag', async () => {
    const r = await admin.put('/api/calendar/years/2027', notice2027);
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ year: 2027, status: 'entered', entered: true, version: 1, note: notice2027.note });
    expect(r.json.makeUpDays).toEqual(notice2027.makeUpDays);
    // 除夕 Friday 5 February to Friday 12 February off, Saturday 13 February worked.
    expect(t.platform.calendar.addWorkingDays(at('2027-02-04', '10:00'), 1)).toEqual(at('2027-02-13', '17:30'));
    const day = (await coordinator.get('/api/calendar?from=2027-02-12&to=2027-02-13')).json;
    expect(day.days.map((d: any) => [d.date, d.workday, d.holiday, d.source, d.provisional])).toEqual([
      ['2027-02-12', false, 'spring_festival', 'arrangement', false],
      ['2027-02-13', true, 'spring_festival', 'arrangement', false],
    ]);
    expect(day.missingYears).toEqual([]);
    expect(day.coveredUntilYear).toBe(2027);
    expect(await todosOf(admin, 'calendar.arrangement')).toEqual([]);
    expect((await admin.get('/api/todos?state=done&pageSize=50')).json.items.filter((o: any) => o.kind === 'calendar.arrangement')).toHaveLength(1);
    expect((await todosOf(admin, 'test.deadline')).find((o: any) => o.subjectId === 'provisional').provisional).toBe(false);
    expect(await remindMissingArrangements(t.platform)).toEqual([]);
  });

  it('is audited with what it was before, and a stale form is refused', async () => {
    const stale = await admin.put('/api/calendar/years/2027', { ...notice2027, version: 0 });
    expect(stale.status).toBe(409);
    const again = await admin.put('/api/calendar/years/2027', { ...notice2027, note: '更正', version: 1 });
    expect(again.status).toBe(200);
    expect(again.json.version).toBe(2);
    const rows = (await auditor.get('/api/audit?action=calendar.arrangement_saved&entityId=2027')).json.items;
    expect(rows.map((a: any) => [a.before?.note ?? null, a.after.note])).toEqual([
      [notice2027.note, '更正'],
      [null, notice2027.note],
    ]);
    expect(rows[0].actorName).toBe('yearadmin');
  });
});

describe('saving a year at once from two forms', () => {
  itOnPostgres('lets exactly one of the forms read at the same version win; the others get a clear 409', async () => {
    const year = { holidays: [{ holiday: 'new_year', from: '2030-01-01', to: '2030-01-01' }], makeUpDays: [] };
    const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => admin.put('/api/calendar/years/2030', { ...year, note: `表单 ${i}`, version: 0 })));
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409, 409]);
    expect(answers.filter((r) => r.status === 409).every((r) => r.json.code === 'STALE_VERSION')).toBe(true);
    const saved = (await admin.get('/api/calendar/years/2030')).json;
    expect(saved.version).toBe(1);
    expect(saved.note).toBe(answers.find((r) => r.status === 200)!.json.note);
    const audit = (await auditor.get('/api/audit?action=calendar.arrangement_saved&entityId=2030')).json.items;
    expect(audit).toHaveLength(1);
  });
});

describe('working hours', () => {
  it('are 08:30–17:30 until an administrator sets them, and then end every working-day limit', async () => {
    expect((await coordinator.get('/api/calendar/hours')).json).toEqual({ open: '08:30', close: '17:30', isDefault: true, version: 0 });
    expect((await coordinator.put('/api/calendar/hours', { open: '09:00', close: '18:00' })).status).toBe(403);
    const bad = await admin.put('/api/calendar/hours', { open: '18:00', close: '09:00' });
    expect(bad.status).toBe(400);
    const r = await admin.put('/api/calendar/hours', { open: '09:00', close: '18:00' });
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ open: '09:00', close: '18:00', isDefault: false, version: 1 });
    expect(t.platform.calendar.addWorkingDays(at('2026-11-22', '03:00'), 1)).toEqual(at('2026-11-23', '18:00'));
    expect(t.platform.calendar.addWorkingMinutes(at('2026-11-23', '08:00'), 60)).toEqual(at('2026-11-23', '10:00'));
    const audit = (await auditor.get('/api/audit?action=calendar.hours_saved')).json.items;
    expect(audit.map((a: any) => [a.before, a.after])).toEqual([
      [
        { open: '08:30', close: '17:30' },
        { open: '09:00', close: '18:00' },
      ],
    ]);
  });
});
