import { describe, expect, it } from 'vitest';
import { WorkCalendar } from '../calendar/work-calendar.js';
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
});
