import { asc, eq } from 'drizzle-orm';
import { recordAudit } from '../audit/audit.service.js';
import { inTx, type Ctx, type Platform } from '../context.js';
import type { Executor } from '../db/database.js';
import { commonErrors } from '../errors/common-errors.js';
import { sql } from 'drizzle-orm';
import { calendarOverrides } from './calendar.schema.js';
import { CALENDAR_COVERED_UNTIL_YEAR, type DayInfo } from './work-calendar.js';

const CHANNEL = 'jiayuan_calendar';

async function loadOverrides(ex: Executor) {
  return ex.select().from(calendarOverrides).orderBy(asc(calendarOverrides.date));
}

/** Reads the overrides into this instance's calendar. */
async function reloadCalendar(platform: Platform) {
  const rows = await loadOverrides(platform.db);
  platform.calendar.setOverrides(rows.map((r) => [r.date, { workday: r.workday, note: r.note }]));
}

/** Loads overrides into the calendar and reloads them whenever any instance changes one. */
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

export function calendarRange(ctx: Ctx, from: string, to: string): { days: DayInfo[]; coveredUntilYear: number } {
  if (!isRealDate(from) || !isRealDate(to) || to < from || Date.parse(to) - Date.parse(from) > 400 * 86400000) throw commonErrors.BAD_REQUEST();
  return { days: ctx.platform.calendar.range(from, to), coveredUntilYear: CALENDAR_COVERED_UNTIL_YEAR };
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
