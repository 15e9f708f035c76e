import { sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userWith, type TestClient } from '../../test-support/http-client.js';
import { describeOnPostgres } from '../../test-support/postgres-only.js';
import { createTestPlatform, type TestPlatform } from '../../test-support/test-platform.js';
import type { Platform } from '../context.js';
import { openPostgres, queryOne } from '../db/database.js';
import { createPlatform } from '../platform.js';
import { localInstant } from '../time.js';

const TZ = 'Asia/Shanghai';
let t: TestPlatform;
let admin: TestClient;
let auditor: TestClient;

beforeAll(async () => {
  t = await createTestPlatform();
  admin = await userWith(t.platform, t.app, ['admin'], { all: true }, 'caladmin');
  auditor = await userWith(t.platform, t.app, ['auditor'], {}, 'calauditor');
});
afterAll(() => t.close());

/** When one working day from `date` at 10:00 ends: close of business on the next working day. */
const nextWorkingDay = (p: Platform, date: string) => p.calendar.addWorkingDays(localInstant(date, '10:00', TZ), 1).getTime();
const closeOf = (date: string) => localInstant(date, '17:30', TZ).getTime();

describe('calendar overrides', () => {
  it('start from the national calendar', async () => {
    const r = await admin.get('/api/calendar?from=2025-06-09&to=2025-06-15');
    expect(r.status).toBe(200);
    expect(r.json.days.map((d: any) => [d.date, d.workday])).toEqual([
      ['2025-06-09', true],
      ['2025-06-10', true],
      ['2025-06-11', true],
      ['2025-06-12', true],
      ['2025-06-13', true],
      ['2025-06-14', false],
      ['2025-06-15', false],
    ]);
    const newYear = (await admin.get('/api/calendar?from=2025-10-01&to=2025-10-01')).json.days[0];
    expect(newYear).toMatchObject({ workday: false, source: 'calendar' });
    expect(nextWorkingDay(t.platform, '2025-06-10')).toBe(closeOf('2025-06-11'));
  });

  it('change the working-day arithmetic as soon as an administrator saves one', async () => {
    const rest = await admin.put('/api/calendar/overrides', { date: '2025-06-11', workday: false, note: '区级停工' });
    expect(rest.status).toBe(200);
    expect(t.platform.calendar.isWorkday('2025-06-11')).toBe(false);
    expect(nextWorkingDay(t.platform, '2025-06-10')).toBe(closeOf('2025-06-12'));

    const work = await admin.put('/api/calendar/overrides', { date: '2025-06-14', workday: true, note: '补班' });
    expect(work.status).toBe(200);
    expect(nextWorkingDay(t.platform, '2025-06-13')).toBe(closeOf('2025-06-14'));

    const days = (await admin.get('/api/calendar?from=2025-06-11&to=2025-06-14')).json.days;
    expect(days[0]).toMatchObject({ date: '2025-06-11', workday: false, source: 'override', note: '区级停工' });
    expect(days[3]).toMatchObject({ date: '2025-06-14', workday: true, source: 'override', note: '补班' });
    const list = await admin.get('/api/calendar/overrides');
    expect(list.json.items).toEqual([
      { date: '2025-06-11', workday: false, note: '区级停工' },
      { date: '2025-06-14', workday: true, note: '补班' },
    ]);
  });

  it('are audited with what they were before', async () => {
    await admin.put('/api/calendar/overrides', { date: '2025-06-11', workday: false, note: '区级停工（延长）' });
    const saved = (await auditor.get('/api/audit?action=calendar.override_saved&entityId=2025-06-11')).json.items;
    expect(saved.map((a: any) => [a.before, a.after])).toEqual([
      [
        { workday: false, note: '区级停工' },
        { workday: false, note: '区级停工（延长）' },
      ],
      [null, { workday: false, note: '区级停工' }],
    ]);
    expect(saved[0].actorName).toBe('caladmin');
  });

  it('when deleted, give the national calendar back at once, and are audited', async () => {
    expect((await admin.delete('/api/calendar/overrides/2025-06-11')).status).toBe(200);
    expect(nextWorkingDay(t.platform, '2025-06-10')).toBe(closeOf('2025-06-11'));
    expect((await admin.get('/api/calendar?from=2025-06-11&to=2025-06-11')).json.days[0]).toMatchObject({ workday: true, source: 'weekday', note: null });
    const deleted = (await auditor.get('/api/audit?action=calendar.override_deleted')).json.items;
    expect(deleted).toEqual([expect.objectContaining({ entityId: '2025-06-11', before: { workday: false, note: '区级停工（延长）' } })]);
    const again = await admin.delete('/api/calendar/overrides/2025-06-11');
    expect(again.status).toBe(404);
  });

  it('are changed by administrators only, and read by anyone signed in', async () => {
    for (const role of ['center_coordinator', 'community_staff', 'auditor', 'volunteer'] as const) {
      const u = await userWith(t.platform, t.app, [role], { all: true });
      expect((await u.put('/api/calendar/overrides', { date: '2025-06-12', workday: false })).status).toBe(403);
      expect((await u.delete('/api/calendar/overrides/2025-06-14')).status).toBe(403);
      expect((await u.get('/api/calendar/overrides')).status).toBe(200);
    }
    expect(t.platform.calendar.isWorkday('2025-06-12')).toBe(true);
    expect(t.platform.calendar.isWorkday('2025-06-14')).toBe(true);
  });

  it('refuse a range the wrong way round, too long, or of dates that do not exist', async () => {
    for (const q of ['from=2025-06-10&to=2025-06-01', 'from=2024-01-01&to=2025-12-31', 'from=2025-02-29&to=2025-03-01']) {
      const r = await admin.get(`/api/calendar?${q}`);
      expect(r.status, q).toBe(400);
    }
  });
});

describeOnPostgres('calendar changes on two app instances', () => {
  let second: Platform & { shutdown(): Promise<void> };
  beforeAll(async () => {
    const name = (await queryOne<{ db: string }>(t.platform.db, sql`SELECT current_database() AS db`))!.db;
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = `/${name}`;
    second = await createPlatform(t.platform.config, { database: await openPostgres(url.toString(), 2), clock: t.clock, log: pino({ level: 'silent' }) });
  });
  afterAll(() => second.shutdown());

  it('reach the other instance too', async () => {
    expect(second.calendar.isWorkday('2025-06-13')).toBe(true);
    await admin.put('/api/calendar/overrides', { date: '2025-06-13', workday: false, note: '另一实例' });
    for (let i = 0; i < 500 && second.calendar.isWorkday('2025-06-13'); i++) await new Promise((r) => setTimeout(r, 10));
    expect(second.calendar.isWorkday('2025-06-13')).toBe(false);
  });

  it('reach the other instance too, for a year’s arrangement and the working hours', async () => {
    expect(second.calendar.yearStatus(2029)).toBe('statutory');
    const saved = await admin.put('/api/calendar/years/2029', { holidays: [{ holiday: 'new_year', from: '2029-01-01', to: '2029-01-01' }], makeUpDays: [] });
    expect(saved.status).toBe(200);
    await admin.put('/api/calendar/hours', { open: '08:00', close: '17:00' });
    for (let i = 0; i < 500 && (second.calendar.yearStatus(2029) !== 'entered' || second.calendar.hours.close !== '17:00'); i++)
      await new Promise((r) => setTimeout(r, 10));
    expect(second.calendar.yearStatus(2029)).toBe('entered');
    expect(second.calendar.hours).toEqual({ open: '08:00', close: '17:00' });
  });
});
