import chineseDays from 'chinese-days';
import { addDays, localInstant, localParts, weekdayOf } from '../time.js';

export interface CalendarOverrideEntry {
  workday: boolean;
  note: string | null;
}

export interface DayInfo {
  date: string;
  workday: boolean;
  holidayName: string | null;
  source: 'calendar' | 'override' | 'weekend' | 'weekday';
  note: string | null;
}

export interface WorkingHours {
  open: string; // HH:MM
  close: string; // HH:MM
}

export const DEFAULT_WORKING_HOURS: WorkingHours = { open: '08:30', close: '17:30' };

/** The last year for which the national holiday schedule is published in `chinese-days`. */
export const CALENDAR_COVERED_UNTIL_YEAR = Number(
  chineseDays.getHolidaysInRange('2000-01-01', '2100-12-31', false).at(-1)?.slice(0, 4) ?? '0',
);

function minutes(hhmm: string) {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

/**
 * Working days on the Chinese public-holiday and make-up-day calendar, corrected by local
 * overrides. Every working-day deadline in the system is computed here.
 */
export class WorkCalendar {
  private overrides = new Map<string, CalendarOverrideEntry>();

  constructor(readonly timezone: string) {}

  setOverrides(entries: Iterable<[string, CalendarOverrideEntry]>) {
    this.overrides = new Map(entries);
  }

  day(date: string): DayInfo {
    const o = this.overrides.get(date);
    const weekend = weekdayOf(date) >= 6;
    const year = Number(date.slice(0, 4));
    let holidayName: string | null = null;
    let workday = !weekend;
    let source: DayInfo['source'] = weekend ? 'weekend' : 'weekday';
    if (year <= CALENDAR_COVERED_UNTIL_YEAR) {
      // Named days are holidays or make-up working days; others are plain weekdays/weekends.
      const detail = chineseDays.getDayDetail(date);
      const [, zhName] = detail.name.split(',');
      workday = detail.work;
      if (zhName) {
        source = 'calendar';
        holidayName = zhName;
      }
    }
    if (o) return { date, workday: o.workday, holidayName, source: 'override', note: o.note };
    return { date, workday, holidayName, source, note: null };
  }

  isWorkday(date: string): boolean {
    return this.day(date).workday;
  }

  range(from: string, to: string): DayInfo[] {
    const out: DayInfo[] = [];
    for (let d = from; d <= to; d = addDays(d, 1)) out.push(this.day(d));
    return out;
  }

  /** The same local time on the n-th working day after the start's local date. */
  addWorkingDays(start: Date, n: number): Date {
    const { date, time } = localParts(start, this.timezone);
    let d = date;
    for (let count = 0; count < n; ) {
      d = addDays(d, 1);
      if (this.isWorkday(d)) count++;
    }
    return localInstant(d, time, this.timezone);
  }

  /** Adds working time counted only inside opening hours on working days. */
  addWorkingMinutes(start: Date, total: number, hours: WorkingHours = DEFAULT_WORKING_HOURS): Date {
    const open = minutes(hours.open);
    const close = minutes(hours.close);
    const local = localParts(start, this.timezone);
    let date = local.date;
    let at = minutes(local.time);
    let left = total;
    for (let guard = 0; guard < 3700; guard++) {
      if (this.isWorkday(date)) {
        const from = Math.max(at, open);
        if (from < close) {
          const available = close - from;
          if (left <= available) {
            const end = from + left;
            const hh = String(Math.floor(end / 60)).padStart(2, '0');
            const mm = String(end % 60).padStart(2, '0');
            return localInstant(date, `${hh}:${mm}`, this.timezone);
          }
          left -= available;
        }
      }
      date = addDays(date, 1);
      at = 0;
    }
    throw new Error('no working time found within ten years');
  }
}
