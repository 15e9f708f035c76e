import type { CalendarDay, Holiday, WorkingHours } from '@jiayuan/contracts';
import chineseDays from 'chinese-days';
import { addDays, localInstant, localParts, weekdayOf } from '../time.js';
import { HOLIDAY_ZH, statutoryHolidays } from './statutory-holidays.js';

export type { WorkingHours };

export interface CalendarOverrideEntry {
  workday: boolean;
  note: string | null;
}

export type DayInfo = CalendarDay;
export type YearStatus = 'entered' | 'published' | 'statutory';

/** A year's arrangement as an administrator entered it from the State Council's notice. */
export interface Arrangement {
  year: number;
  holidays: Array<{ holiday: Holiday; from: string; to: string }>;
  makeUpDays: Array<{ date: string; holiday: Holiday | null }>;
}

export const DEFAULT_WORKING_HOURS: WorkingHours = { open: '08:30', close: '17:30' };

/** The package names festivals in English first ("National Day,国庆节,3"). */
const PACKAGE_HOLIDAY: Record<string, Holiday> = {
  "New Year's Day": 'new_year',
  'Spring Festival': 'spring_festival',
  'Tomb-sweeping Day': 'qingming',
  'Labour Day': 'labour_day',
  'Dragon Boat Festival': 'dragon_boat',
  'Mid-autumn Festival': 'mid_autumn',
  'National Day': 'national_day',
};

const PACKAGE_YEARS = chineseDays.getHolidaysInRange('2000-01-01', '2100-12-31', false).map((d) => Number(d.slice(0, 4)));
/** The years whose State Council notice the `chinese-days` package carries (2026 matched the notice day for day). */
export const PUBLISHED_FROM_YEAR = Math.min(...PACKAGE_YEARS);
export const PUBLISHED_UNTIL_YEAR = Math.max(...PACKAGE_YEARS);

function minutes(hhmm: string) {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return h * 60 + m;
}
const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

interface ArrangedDay {
  workday: boolean;
  holiday: Holiday | null;
}

/**
 * Working days on the Chinese public-holiday and make-up-day calendar, and the opening hours of
 * those days. A day is, in order: a local override; what the year's arrangement entered by an
 * administrator says; what the State Council's notice says as the holiday package carries it;
 * for a year with neither, the festivals by law (statutory default, flagged provisional); else
 * its weekday. Every working-day deadline in the system is computed here.
 */
export class WorkCalendar {
  private overrides = new Map<string, CalendarOverrideEntry>();
  private arranged = new Map<string, ArrangedDay>();
  private enteredYears = new Set<number>();
  private statutory = new Map<number, Map<string, Holiday>>();
  hours: WorkingHours = DEFAULT_WORKING_HOURS;

  constructor(readonly timezone: string) {}

  setOverrides(entries: Iterable<[string, CalendarOverrideEntry]>) {
    this.overrides = new Map(entries);
  }

  /** Replaces the entered arrangements (a later year's notice may include the last days of December before it). */
  setArrangements(list: Arrangement[]) {
    const arranged = new Map<string, ArrangedDay>();
    for (const a of [...list].sort((x, y) => x.year - y.year)) {
      for (const h of a.holidays) for (let d = h.from; d <= h.to; d = addDays(d, 1)) arranged.set(d, { workday: false, holiday: h.holiday });
      for (const m of a.makeUpDays) arranged.set(m.date, { workday: true, holiday: m.holiday });
    }
    this.arranged = arranged;
    this.enteredYears = new Set(list.map((a) => a.year));
  }

  setWorkingHours(hours: WorkingHours) {
    this.hours = hours;
  }

  yearStatus(year: number): YearStatus {
    if (this.enteredYears.has(year)) return 'entered';
    if (year >= PUBLISHED_FROM_YEAR && year <= PUBLISHED_UNTIL_YEAR) return 'published';
    return 'statutory';
  }

  /** Whether the working days of a year rest on its real arrangement (entered or published), not the statutory default. */
  isCovered(year: number): boolean {
    return this.yearStatus(year) !== 'statutory';
  }

  /** The last year up to which every year from the package's first has an arrangement. */
  coveredUntilYear(): number {
    let y = PUBLISHED_FROM_YEAR;
    while (this.isCovered(y + 1)) y++;
    return y;
  }

  private statutoryOf(year: number): Map<string, Holiday> {
    let m = this.statutory.get(year);
    if (!m) {
      m = new Map(statutoryHolidays(year).map((d) => [d.date, d.holiday]));
      this.statutory.set(year, m);
    }
    return m;
  }

  day(date: string): DayInfo {
    const base = this.baseDay(date);
    const o = this.overrides.get(date);
    return o ? { ...base, workday: o.workday, source: 'override', note: o.note } : base;
  }

  /** A day as the year's arrangement (entered, published or statutory) has it, before local overrides. */
  baseDay(date: string): DayInfo {
    const year = Number(date.slice(0, 4));
    const status = this.yearStatus(year);
    const weekend = weekdayOf(date) >= 6;
    let workday = !weekend;
    let holiday: Holiday | null = null;
    let source: DayInfo['source'] = weekend ? 'weekend' : 'weekday';
    const arranged = this.arranged.get(date);
    if (arranged) {
      ({ workday, holiday } = arranged);
      source = 'arrangement';
    } else if (status === 'published') {
      // Named days are holidays or make-up working days; others are plain weekdays/weekends.
      const detail = chineseDays.getDayDetail(date);
      const [enName, zhName] = detail.name.split(',');
      workday = detail.work;
      if (zhName) {
        source = 'calendar';
        holiday = PACKAGE_HOLIDAY[enName!] ?? null;
      }
    } else if (status === 'statutory') {
      const h = this.statutoryOf(year).get(date);
      if (h) {
        workday = false;
        holiday = h;
        source = 'statutory';
      }
    }
    const holidayName = holiday ? HOLIDAY_ZH[holiday] : null;
    return { date, workday, holiday, holidayName, source, note: null, provisional: status === 'statutory' };
  }

  isWorkday(date: string): boolean {
    return this.day(date).workday;
  }

  /**
   * A rest day that is not a plain weekend: a festival (with the weekend days inside its run) or
   * a weekday made a rest day locally. Weekly and monthly duties skip or move off these.
   */
  isHoliday(date: string): boolean {
    const d = this.day(date);
    return !d.workday && (d.holiday !== null || weekdayOf(date) < 6);
  }

  range(from: string, to: string): DayInfo[] {
    const out: DayInfo[] = [];
    for (let d = from; d <= to; d = addDays(d, 1)) out.push(this.day(d));
    return out;
  }

  /** The first working day after `date` (not `date` itself). */
  nextWorkday(date: string): string {
    let d = addDays(date, 1);
    for (let guard = 0; !this.isWorkday(d) && guard < 3700; guard++) d = addDays(d, 1);
    return d;
  }

  /**
   * A limit of n working days: the day it starts is not counted, and it ends at the close of
   * business of its n-th working day (Civil Code arts. 201 and 203). Filed on a Sunday at 03:00,
   * one working day ends on Monday at close of business, not at Monday 03:00.
   */
  addWorkingDays(start: Date, n: number): Date {
    if (n <= 0) return start;
    let d = localParts(start, this.timezone).date;
    for (let count = 0; count < n; count++) d = this.nextWorkday(d);
    return localInstant(d, this.hours.close, this.timezone);
  }

  /** Adds working time counted only inside opening hours on working days. */
  addWorkingMinutes(start: Date, total: number): Date {
    const open = minutes(this.hours.open);
    const close = minutes(this.hours.close);
    const local = localParts(start, this.timezone);
    let date = local.date;
    let at = minutes(local.time);
    let left = total;
    for (let guard = 0; guard < 3700; guard++) {
      if (this.isWorkday(date)) {
        const from = Math.max(at, open);
        if (from < close) {
          const available = close - from;
          if (left <= available) return localInstant(date, hhmm(from + left), this.timezone);
          left -= available;
        }
      }
      date = addDays(date, 1);
      at = 0;
    }
    throw new Error('no working time found within ten years');
  }

  /** Working minutes (inside opening hours on working days) between two instants. */
  workingMinutesBetween(from: Date, to: Date): number {
    if (to <= from) return 0;
    const open = minutes(this.hours.open);
    const close = minutes(this.hours.close);
    const a = localParts(from, this.timezone);
    const b = localParts(to, this.timezone);
    let total = 0;
    for (let d = a.date, guard = 0; d <= b.date && guard < 4000; d = addDays(d, 1), guard++) {
      if (!this.isWorkday(d)) continue;
      const start = Math.max(open, d === a.date ? minutes(a.time) : 0);
      const end = Math.min(close, d === b.date ? minutes(b.time) : 24 * 60);
      if (end > start) total += end - start;
    }
    return total;
  }

  /** Working days that passed between two instants: working dates after the first's date, up to the second's. */
  workingDaysBetween(from: Date, to: Date): number {
    const a = localParts(from, this.timezone).date;
    const b = localParts(to, this.timezone).date;
    let n = 0;
    for (let d = addDays(a, 1), guard = 0; d <= b && guard < 4000; d = addDays(d, 1), guard++) if (this.isWorkday(d)) n++;
    return n;
  }

  /** Whether an instant's local year has only the statutory default (its arrangement not entered). */
  isProvisional(at: Date): boolean {
    return !this.isCovered(Number(localParts(at, this.timezone).date.slice(0, 4)));
  }
}
