import { describe, expect, it } from 'vitest';
import { WorkCalendar } from '../calendar/work-calendar.js';
import { localParts } from '../time.js';
import { occurrences, occursOn, type Recurrence } from './recurrence.js';

const tz = 'Asia/Shanghai';
const cal = new WorkCalendar(tz);
const base: Recurrence = { recurrence: 'daily', interval: 1, times: ['09:00'], weekdays: [], startsOn: '2026-11-01', endsOn: null };

describe('recurring duties', () => {
  it('every two days from the start date (stairwell disinfection)', () => {
    const r = { ...base, recurrence: 'every_n_days' as const, interval: 2 };
    expect(occursOn(r, '2026-11-01', cal)).toBe(true);
    expect(occursOn(r, '2026-11-02', cal)).toBe(false);
    expect(occursOn(r, '2026-11-03', cal)).toBe(true);
    expect(occursOn(r, '2026-10-30', cal)).toBe(false);
  });

  it('twice a day makes two due times per day in local time', () => {
    const r = { ...base, times: ['16:00', '08:00'] };
    const out = occurrences(r, new Date('2026-11-02T00:00:00+08:00'), new Date('2026-11-03T00:00:00+08:00'), tz, cal);
    expect(out.map((d) => d.toISOString())).toEqual(['2026-11-02T00:00:00.000Z', '2026-11-02T08:00:00.000Z']);
  });

  it('weekly on the start weekday unless weekdays are given', () => {
    const r = { ...base, recurrence: 'weekly' as const, startsOn: '2026-11-02' }; // a Monday
    expect(occursOn(r, '2026-11-09', cal)).toBe(true);
    expect(occursOn(r, '2026-11-10', cal)).toBe(false);
    const twice = { ...r, weekdays: [2, 4] };
    expect(occursOn(twice, '2026-11-10', cal)).toBe(true);
    expect(occursOn(twice, '2026-11-12', cal)).toBe(true);
    expect(occursOn(twice, '2026-11-09', cal)).toBe(false);
  });

  it('working days skip weekends and holidays but include make-up days', () => {
    const r = { ...base, recurrence: 'working_days' as const, startsOn: '2026-09-01' };
    expect(occursOn(r, '2026-10-01', cal)).toBe(false);
    expect(occursOn(r, '2026-10-10', cal)).toBe(true);
  });

  it('stops after the end date', () => {
    const r = { ...base, endsOn: '2026-11-05' };
    const out = occurrences(r, new Date('2026-11-01T00:00:00+08:00'), new Date('2026-11-30T00:00:00+08:00'), tz, cal);
    expect(out).toHaveLength(5);
  });

  describe('on a holiday, as the rule says', () => {
    // The demo's building walks: Mondays and Thursdays at 17:00; 1 and 5 October 2026 fall in the National Day holiday.
    const walk: Recurrence = { ...base, recurrence: 'weekly', weekdays: [1, 4], times: ['17:00'], startsOn: '2026-09-01' };
    const dates = (r: Recurrence, from: string, to: string) =>
      occurrences(r, new Date(`${from}T00:00:00+08:00`), new Date(`${to}T00:00:00+08:00`), tz, cal).map((d) => localParts(d, tz).date);

    it('keeps the occurrence when the rule says keep', () => {
      expect(dates({ ...walk, onHoliday: 'keep' }, '2026-09-28', '2026-10-12')).toEqual(['2026-09-28', '2026-10-01', '2026-10-05', '2026-10-08']);
    });

    it('skips the walks of 1 and 5 October', () => {
      expect(dates({ ...walk, onHoliday: 'skip' }, '2026-09-28', '2026-10-12')).toEqual(['2026-09-28', '2026-10-08']);
    });

    it('moves them to the next working day, once, even when the week is generated in pieces', () => {
      const r = { ...walk, onHoliday: 'next_working_day' as const };
      // Both land on Thursday 8 October, the first working day after the holiday: one walk that day, not two.
      expect(dates(r, '2026-09-28', '2026-10-12')).toEqual(['2026-09-28', '2026-10-08']);
      // Generated a week at a time from 3 October, the walk of the 1st still lands on the 8th.
      expect(dates(r, '2026-10-03', '2026-10-10')).toEqual(['2026-10-08']);
    });

    it('moves a monthly duty off a holiday, and leaves plain weekends alone', () => {
      const monthly: Recurrence = { ...base, recurrence: 'monthly', startsOn: '2026-09-01', onHoliday: 'next_working_day' };
      // 1 October → Thursday 8 October; 1 November is a Sunday, not a holiday: it stays.
      expect(dates(monthly, '2026-09-01', '2026-11-30')).toEqual(['2026-09-01', '2026-10-08', '2026-11-01']);
    });

    it('treats a festival of a year without an entered arrangement as a holiday (New Year’s Day 2027)', () => {
      const fridays: Recurrence = { ...base, recurrence: 'weekly', weekdays: [5], startsOn: '2026-12-01', onHoliday: 'skip' };
      expect(dates(fridays, '2026-12-25', '2027-01-09')).toEqual(['2026-12-25', '2027-01-08']);
    });
  });
});
