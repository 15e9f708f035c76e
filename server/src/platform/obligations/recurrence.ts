import type { WorkCalendar } from '../calendar/work-calendar.js';
import { addDays, daysBetween, localInstant, weekdayOf } from '../time.js';

export interface Recurrence {
  recurrence: 'daily' | 'weekly' | 'monthly' | 'every_n_days' | 'working_days';
  interval: number;
  times: string[];
  weekdays: number[];
  startsOn: string;
  endsOn: string | null;
}

/** Whether the rule falls on a local date (pure: the calendar only answers "working day?"). */
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

/** Every due instant of the rule in [from, to), in order. */
export function occurrences(r: Recurrence, from: Date, to: Date, tz: string, calendar: Pick<WorkCalendar, 'isWorkday'>): Date[] {
  const out: Date[] = [];
  const times = [...r.times].sort();
  const firstDay = new Date(from.getTime() - 86400000).toISOString().slice(0, 10);
  const lastDay = new Date(to.getTime() + 86400000).toISOString().slice(0, 10);
  for (let d = firstDay < r.startsOn ? r.startsOn : firstDay; d <= lastDay; d = addDays(d, 1)) {
    if (r.endsOn && d > r.endsOn) break;
    if (!occursOn(r, d, calendar)) continue;
    for (const t of times) {
      const at = localInstant(d, t, tz);
      if (at >= from && at < to) out.push(at);
    }
  }
  return out;
}
