import type { OnHoliday } from '@jiayuan/contracts';
import type { WorkCalendar } from '../calendar/work-calendar.js';
import { addDays, daysBetween, localInstant, weekdayOf } from '../time.js';

export interface Recurrence {
  recurrence: 'daily' | 'weekly' | 'monthly' | 'every_n_days' | 'working_days';
  interval: number;
  times: string[];
  weekdays: number[];
  startsOn: string;
  endsOn: string | null;
  /** An occurrence on a holiday: kept (default), skipped, or moved to the next working day. */
  onHoliday?: OnHoliday;
}

type Days = Pick<WorkCalendar, 'isWorkday' | 'isHoliday' | 'nextWorkday'>;

/** Whether the rule falls on a local date by its pattern, before holidays are looked at (pure: the calendar only answers "working day?"). */
export function occursOn(r: Recurrence, date: string, calendar: Pick<WorkCalendar, 'isWorkday'>): boolean {
  if (date < r.startsOn || (r.endsOn && date > r.endsOn)) return false;
  const interval = Math.max(1, r.interval);
  const days = daysBetween(r.startsOn, date);
  switch (r.recurrence) {
    case 'daily':
    case 'every_n_days':
      return days % interval === 0;
    case 'weekly': {
      const weekdays = r.weekdays.length ? r.weekdays : [weekdayOf(r.startsOn)];
      const week = Math.floor((days + weekdayOf(r.startsOn) - 1) / 7);
      return weekdays.includes(weekdayOf(date)) && week % interval === 0;
    }
    case 'monthly': {
      const months = (Number(date.slice(0, 4)) - Number(r.startsOn.slice(0, 4))) * 12 + Number(date.slice(5, 7)) - Number(r.startsOn.slice(5, 7));
      return date.slice(8) === r.startsOn.slice(8) && months % interval === 0;
    }
    case 'working_days':
      return calendar.isWorkday(date);
  }
}

/** The date an occurrence of the rule on `date` is due: that day, none (skipped), or the next working day. */
export function dueDateOf(r: Recurrence, date: string, calendar: Days): string | null {
  if (!r.onHoliday || r.onHoliday === 'keep' || !calendar.isHoliday(date)) return date;
  return r.onHoliday === 'skip' ? null : calendar.nextWorkday(date);
}

/** The longest run of days an occurrence can be moved by (the Spring Festival with its weekends, and some). */
const LONGEST_MOVE_DAYS = 21;

/** Every due instant of the rule in [from, to), in order. */
export function occurrences(r: Recurrence, from: Date, to: Date, tz: string, calendar: Days): Date[] {
  const out = new Map<number, Date>();
  const times = [...r.times].sort();
  // An occurrence moved off a holiday lands after its own day, so look back far enough to find those landing in the window.
  const back = r.onHoliday === 'next_working_day' ? LONGEST_MOVE_DAYS : 0;
  const firstDay = addDays(new Date(from.getTime() - 86400000).toISOString().slice(0, 10), -back);
  const lastDay = new Date(to.getTime() + 86400000).toISOString().slice(0, 10);
  for (let d = firstDay < r.startsOn ? r.startsOn : firstDay; d <= lastDay; d = addDays(d, 1)) {
    if (r.endsOn && d > r.endsOn) break;
    if (!occursOn(r, d, calendar)) continue;
    const due = dueDateOf(r, d, calendar);
    if (!due) continue;
    for (const t of times) {
      const at = localInstant(due, t, tz);
      if (at >= from && at < to) out.set(at.getTime(), at);
    }
  }
  return [...out.values()].sort((a, b) => a.getTime() - b.getTime());
}
