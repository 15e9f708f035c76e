import type { CalendarArrangementSave, CalendarArrangementView, WorkingHours } from '@jiayuan/contracts';
import { asc, eq, sql } from 'drizzle-orm';
import { recordAudit } from '../audit/audit.service.js';
import { inTx, type Ctx, type Platform } from '../context.js';
import type { Executor } from '../db/database.js';
import { commonErrors } from '../errors/common-errors.js';
import { addDays, weekdayOf } from '../time.js';
import { calendarErrors } from './calendar.errors.js';
import { completeArrangementTodo, missingYears } from './calendar.reminders.js';
import { calendarOverrides, calendarSettings, calendarYears } from './calendar.schema.js';
import { DEFAULT_WORKING_HOURS, type DayInfo, type WorkCalendar } from './work-calendar.js';

const CHANNEL = 'jiayuan_calendar';

async function loadOverrides(ex: Executor) {
  return ex.select().from(calendarOverrides).orderBy(asc(calendarOverrides.date));
}

/** Reads the overrides, the entered arrangements and the opening hours into this instance's calendar. */
async function reloadCalendar(platform: Platform) {
  const [rows, years, [hours]] = await Promise.all([
    loadOverrides(platform.db),
    platform.db.select().from(calendarYears),
    platform.db.select().from(calendarSettings),
  ]);
  platform.calendar.setOverrides(rows.map((r) => [r.date, { workday: r.workday, note: r.note }]));
  platform.calendar.setArrangements(years.map((y) => ({ year: y.year, holidays: y.holidays, makeUpDays: y.makeUpDays })));
  platform.calendar.setWorkingHours(hours ? { open: hours.openAt, close: hours.closeAt } : DEFAULT_WORKING_HOURS);
}

/** Loads the calendar and reloads it whenever any instance changes it. */
export async function startCalendar(platform: Platform) {
  const apply = () => reloadCalendar(platform);
  await apply();
  return platform.database.listen(CHANNEL, () => void apply().catch((err) => platform.log.error({ err }, 'calendar reload failed')));
}

/** `2026-02-30` matches the date pattern but is no day of any calendar. */
function isRealDate(date: string) {
  const d = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === date;
}

export function calendarRange(ctx: Ctx, from: string, to: string) {
  if (!isRealDate(from) || !isRealDate(to) || to < from || Date.parse(to) - Date.parse(from) > 400 * 86400000) throw commonErrors.BAD_REQUEST();
  const cal = ctx.platform.calendar;
  const years: Array<{ year: number; status: ReturnType<WorkCalendar['yearStatus']> }> = [];
  for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) years.push({ year: y, status: cal.yearStatus(y) });
  return { days: cal.range(from, to), coveredUntilYear: cal.coveredUntilYear(), years, missingYears: missingYears(ctx.platform) };
}

export async function listOverrides(ctx: Ctx) {
  return (await loadOverrides(ctx.platform.db)).map((r) => ({ date: r.date, workday: r.workday, note: r.note }));
}

export async function saveOverride(ctx: Ctx, input: { date: string; workday: boolean; note?: string | null | undefined }) {
  await inTx(ctx, async (tx, afterCommit) => {
    const [before] = await tx.select().from(calendarOverrides).where(eq(calendarOverrides.date, input.date));
    await tx
      .insert(calendarOverrides)
      .values({ date: input.date, workday: input.workday, note: input.note ?? null, updatedBy: ctx.actor.userId })
      .onConflictDoUpdate({
        target: calendarOverrides.date,
        set: { workday: input.workday, note: input.note ?? null, updatedBy: ctx.actor.userId, updatedAt: ctx.platform.clock.now() },
      });
    await recordAudit(tx, ctx, {
      action: 'calendar.override_saved',
      entityType: 'calendar_day',
      entityId: input.date,
      before: before ? { workday: before.workday, note: before.note } : null,
      after: { workday: input.workday, note: input.note ?? null },
    });
    await tx.execute(sql`SELECT pg_notify(${CHANNEL}, ${input.date})`);
    // Other instances hear the notification; this one applies the change before answering.
    afterCommit(() => reloadCalendar(ctx.platform));
  });
}

export async function deleteOverride(ctx: Ctx, date: string) {
  await inTx(ctx, async (tx, afterCommit) => {
    const [before] = await tx.delete(calendarOverrides).where(eq(calendarOverrides.date, date)).returning();
    if (!before) throw commonErrors.NOT_FOUND();
    await recordAudit(tx, ctx, {
      action: 'calendar.override_deleted',
      entityType: 'calendar_day',
      entityId: date,
      before: { workday: before.workday, note: before.note },
    });
    await tx.execute(sql`SELECT pg_notify(${CHANNEL}, ${date})`);
    afterCommit(() => reloadCalendar(ctx.platform));
  });
}

function checkYear(year: number) {
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw calendarErrors.CALENDAR_YEAR_OUT_OF_RANGE();
}

/** A year's days as holiday ranges and make-up days: consecutive rest days of one festival make one range. */
function asArrangement(days: DayInfo[]): Pick<CalendarArrangementView, 'holidays' | 'makeUpDays'> {
  const holidays: CalendarArrangementView['holidays'] = [];
  const makeUpDays: CalendarArrangementView['makeUpDays'] = [];
  for (const d of days) {
    if (!d.holiday) continue;
    if (d.workday) {
      makeUpDays.push({ date: d.date, holiday: d.holiday });
      continue;
    }
    const last = holidays.at(-1);
    if (last && last.holiday === d.holiday && addDays(last.to, 1) === d.date) last.to = d.date;
    else holidays.push({ holiday: d.holiday, from: d.date, to: d.date });
  }
  return { holidays, makeUpDays };
}

/**
 * A year's arrangement as entered; for a year not entered, a proposal to check against the
 * notice: the published calendar where the package has the year, else the statutory default.
 */
export async function getArrangement(ctx: Ctx, year: number): Promise<CalendarArrangementView> {
  checkYear(year);
  const [row] = await ctx.platform.db.select().from(calendarYears).where(eq(calendarYears.year, year));
  const status = ctx.platform.calendar.yearStatus(year);
  if (row) {
    return {
      year,
      status,
      entered: true,
      holidays: row.holidays,
      makeUpDays: row.makeUpDays.map((m) => ({ date: m.date, holiday: m.holiday ?? null })),
      note: row.note,
      version: row.version,
      updatedAt: row.updatedAt.toISOString(),
    };
  }
  const days: DayInfo[] = [];
  for (let d = `${year}-01-01`; d <= `${year}-12-31`; d = addDays(d, 1)) days.push(ctx.platform.calendar.baseDay(d));
  return { year, status, entered: false, ...asArrangement(days), note: null, version: 0, updatedAt: null };
}

/** Checks an arrangement against the year: dates in it (or the December before), each day once, make-up days on weekends. */
function validateArrangement(year: number, input: CalendarArrangementSave) {
  const first = `${year - 1}-12-01`;
  const last = `${year}-12-31`;
  const seen = new Set<string>();
  const take = (date: string, field: string) => {
    if (date < first || date > last) throw calendarErrors.CALENDAR_DATE_OUTSIDE_YEAR({ date, year }).onField(field);
    if (seen.has(date)) throw calendarErrors.CALENDAR_DAY_TWICE({ date }).onField(field);
    seen.add(date);
  };
  input.holidays.forEach((h, i) => {
    if (h.to < h.from) throw calendarErrors.CALENDAR_RANGE_REVERSED().onField(`holidays.${i}.to`);
    if (Date.parse(h.to) - Date.parse(h.from) >= 15 * 86400000) throw calendarErrors.CALENDAR_RANGE_TOO_LONG().onField(`holidays.${i}.to`);
    for (let d = h.from; d <= h.to; d = addDays(d, 1)) take(d, `holidays.${i}.${d === h.from ? 'from' : 'to'}`);
  });
  input.makeUpDays.forEach((m, i) => {
    take(m.date, `makeUpDays.${i}.date`);
    if (weekdayOf(m.date) < 6) throw calendarErrors.CALENDAR_MAKEUP_NOT_WEEKEND({ date: m.date }).onField(`makeUpDays.${i}.date`);
  });
}

/** Saves a year's arrangement from the State Council's notice; deadlines use it at once, and the year's to-do is done. */
export async function saveArrangement(ctx: Ctx, year: number, input: CalendarArrangementSave) {
  checkYear(year);
  validateArrangement(year, input);
  const holidays = [...input.holidays].sort((a, b) => (a.from < b.from ? -1 : 1));
  const makeUpDays = [...input.makeUpDays].sort((a, b) => (a.date < b.date ? -1 : 1)).map((m) => ({ date: m.date, holiday: m.holiday ?? null }));
  const note = input.note?.trim() || null;
  await inTx(ctx, async (tx, afterCommit) => {
    const [before] = await tx.select().from(calendarYears).where(eq(calendarYears.year, year)).for('update');
    const now = ctx.platform.clock.now();
    // The version read is checked by the write itself, so of two forms saved at once from the same version one wins.
    const saved = await tx
      .insert(calendarYears)
      .values({ year, holidays, makeUpDays, note, updatedBy: ctx.actor.userId, updatedAt: now })
      .onConflictDoUpdate({
        target: calendarYears.year,
        set: { holidays, makeUpDays, note, updatedBy: ctx.actor.userId, updatedAt: now, version: sql`${calendarYears.version} + 1` },
        ...(input.version !== undefined ? { setWhere: sql`${calendarYears.version} = ${input.version}` } : {}),
      })
      .returning({ version: calendarYears.version });
    if (saved.length === 0 || (input.version !== undefined && saved[0]!.version !== input.version + 1)) throw commonErrors.STALE_VERSION();
    await recordAudit(tx, ctx, {
      action: 'calendar.arrangement_saved',
      entityType: 'calendar_year',
      entityId: year,
      before: before ? { holidays: before.holidays, makeUpDays: before.makeUpDays, note: before.note } : null,
      after: { holidays, makeUpDays, note },
    });
    await completeArrangementTodo(tx, ctx.platform, year, ctx.actor.userId);
    await tx.execute(sql`SELECT pg_notify(${CHANNEL}, ${`year:${year}`})`);
    afterCommit(() => reloadCalendar(ctx.platform));
  });
  return getArrangement(ctx, year);
}

export async function getWorkingHours(ctx: Ctx) {
  const [row] = await ctx.platform.db.select().from(calendarSettings);
  return row ? { open: row.openAt, close: row.closeAt, isDefault: false, version: row.version } : { ...DEFAULT_WORKING_HOURS, isDefault: true, version: 0 };
}

/** Sets the opening hours of working days: working-hour limits count inside them, working-day limits end at their close. */
export async function saveWorkingHours(ctx: Ctx, input: WorkingHours & { version?: number | undefined }) {
  await inTx(ctx, async (tx, afterCommit) => {
    const [before] = await tx.select().from(calendarSettings).for('update');
    const now = ctx.platform.clock.now();
    const saved = await tx
      .insert(calendarSettings)
      .values({ id: 1, openAt: input.open, closeAt: input.close, updatedBy: ctx.actor.userId, updatedAt: now })
      .onConflictDoUpdate({
        target: calendarSettings.id,
        set: { openAt: input.open, closeAt: input.close, updatedBy: ctx.actor.userId, updatedAt: now, version: sql`${calendarSettings.version} + 1` },
        ...(input.version !== undefined ? { setWhere: sql`${calendarSettings.version} = ${input.version}` } : {}),
      })
      .returning({ version: calendarSettings.version });
    if (saved.length === 0 || (input.version !== undefined && saved[0]!.version !== input.version + 1)) throw commonErrors.STALE_VERSION();
    await recordAudit(tx, ctx, {
      action: 'calendar.hours_saved',
      entityType: 'calendar_settings',
      entityId: 1,
      before: before ? { open: before.openAt, close: before.closeAt } : DEFAULT_WORKING_HOURS,
      after: { open: input.open, close: input.close },
    });
    await tx.execute(sql`SELECT pg_notify(${CHANNEL}, 'hours')`);
    afterCommit(() => reloadCalendar(ctx.platform));
  });
  return getWorkingHours(ctx);
}
