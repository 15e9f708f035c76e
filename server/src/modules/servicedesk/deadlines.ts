import type { Stage, StageLimit, StageLimits } from '@jiayuan/contracts';
import { DEFAULT_WORKING_HOURS, type WorkCalendar, type WorkingHours } from '../../platform/calendar/work-calendar.js';
import { addDays, localParts } from '../../platform/time.js';

/**
 * Deadline arithmetic of the service desk: clock minutes for emergencies, hours of working
 * time (inside opening hours on working days), or working days on the national holiday and
 * make-up-day calendar. Pure functions of a calendar; unit-tested.
 */
export function dueAfter(calendar: WorkCalendar, start: Date, limit: StageLimit, hours: WorkingHours = DEFAULT_WORKING_HOURS): Date {
  switch (limit.unit) {
    case 'clock_minutes':
      return new Date(start.getTime() + limit.amount * 60000);
    case 'working_hours':
      return calendar.addWorkingMinutes(start, limit.amount * 60, hours);
    case 'working_days':
      return calendar.addWorkingDays(start, limit.amount);
  }
}

/** The due time of each stage that has a limit, counted from the start of the round. */
export function stageDues(calendar: WorkCalendar, start: Date, limits: StageLimits): Record<Stage, Date | null> {
  return {
    accept: limits.accept ? dueAfter(calendar, start, limits.accept) : null,
    arrive: limits.arrive ? dueAfter(calendar, start, limits.arrive) : null,
    resolve: limits.resolve ? dueAfter(calendar, start, limits.resolve) : null,
  };
}

function minutesOf(hhmm: string) {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

/** Working minutes (inside opening hours on working days) between two instants. */
export function workingMinutesBetween(calendar: WorkCalendar, from: Date, to: Date, hours: WorkingHours = DEFAULT_WORKING_HOURS): number {
  if (to <= from) return 0;
  const open = minutesOf(hours.open);
  const close = minutesOf(hours.close);
  const a = localParts(from, calendar.timezone);
  const b = localParts(to, calendar.timezone);
  let total = 0;
  for (let d = a.date, guard = 0; d <= b.date && guard < 4000; d = addDays(d, 1), guard++) {
    if (!calendar.isWorkday(d)) continue;
    const start = Math.max(open, d === a.date ? minutesOf(a.time) : 0);
    const end = Math.min(close, d === b.date ? minutesOf(b.time) : 24 * 60);
    if (end > start) total += end - start;
  }
  return total;
}

/** Working days that passed between two instants: working dates after the first's date, up to the second's. */
export function workingDaysBetween(calendar: WorkCalendar, from: Date, to: Date): number {
  const a = localParts(from, calendar.timezone).date;
  const b = localParts(to, calendar.timezone).date;
  let n = 0;
  for (let d = addDays(a, 1), guard = 0; d <= b && guard < 4000; d = addDays(d, 1), guard++) if (calendar.isWorkday(d)) n++;
  return n;
}

/**
 * A due time moved on by a pause (waiting on the resident): the clock stops while paused,
 * measured in the limit's own unit, so a pause over a weekend costs a working-day limit nothing.
 */
export function extendForPause(calendar: WorkCalendar, due: Date, unit: StageLimit['unit'], pausedAt: Date, resumedAt: Date): Date {
  switch (unit) {
    case 'clock_minutes':
      return new Date(due.getTime() + Math.max(0, resumedAt.getTime() - pausedAt.getTime()));
    case 'working_hours': {
      const m = workingMinutesBetween(calendar, pausedAt, resumedAt);
      return m > 0 ? calendar.addWorkingMinutes(due, m) : due;
    }
    case 'working_days': {
      const n = workingDaysBetween(calendar, pausedAt, resumedAt);
      return n > 0 ? calendar.addWorkingDays(due, n) : due;
    }
  }
}
