import { describe, expect, it } from 'vitest';
import { WorkCalendar } from '../../platform/calendar/work-calendar.js';
import { localInstant } from '../../platform/time.js';
import { dueAfter, extendForPause, workingDaysBetween, workingMinutesBetween } from './deadlines.js';

const tz = 'Asia/Shanghai';
const cal = new WorkCalendar(tz);
const at = (date: string, time: string) => localInstant(date, time, tz);

describe('deadlines on the holiday calendar', () => {
  it('counts working days over National Day 2026 and onto the make-up Saturday', () => {
    // Wednesday 30 September; 1–7 October are the holiday, Saturday 10 October is worked.
    expect(dueAfter(cal, at('2026-09-30', '10:00'), { amount: 3, unit: 'working_days' })).toEqual(at('2026-10-10', '10:00'));
    expect(dueAfter(cal, at('2026-09-30', '10:00'), { amount: 1, unit: 'working_days' })).toEqual(at('2026-10-08', '10:00'));
  });

  it('counts working hours inside opening hours only, skipping the holiday', () => {
    expect(dueAfter(cal, at('2026-09-30', '16:30'), { amount: 2, unit: 'working_hours' })).toEqual(at('2026-10-08', '09:30'));
    expect(dueAfter(cal, at('2026-10-03', '22:00'), { amount: 1, unit: 'working_hours' })).toEqual(at('2026-10-08', '09:30'));
  });

  it('keeps emergencies on the clock, holiday or not', () => {
    expect(dueAfter(cal, at('2026-10-02', '09:00'), { amount: 5, unit: 'clock_minutes' })).toEqual(at('2026-10-02', '09:05'));
  });

  it('measures working time and working days between two moments', () => {
    expect(workingMinutesBetween(cal, at('2026-09-30', '17:00'), at('2026-10-08', '09:00'))).toBe(60);
    expect(workingMinutesBetween(cal, at('2026-10-02', '10:00'), at('2026-10-05', '10:00'))).toBe(0);
    expect(workingDaysBetween(cal, at('2026-09-30', '10:00'), at('2026-10-09', '08:00'))).toBe(2);
  });

  it('lets a pause over the holiday cost a working-day limit nothing, and a clock limit the whole pause', () => {
    const due = at('2026-10-09', '10:00');
    expect(extendForPause(cal, due, 'working_days', at('2026-10-01', '09:00'), at('2026-10-07', '18:00'))).toEqual(due);
    expect(extendForPause(cal, due, 'working_days', at('2026-09-30', '09:00'), at('2026-10-08', '18:00'))).toEqual(at('2026-10-10', '10:00'));
    expect(extendForPause(cal, due, 'clock_minutes', at('2026-10-08', '09:00'), at('2026-10-08', '09:45'))).toEqual(at('2026-10-09', '10:45'));
    expect(extendForPause(cal, at('2026-10-08', '10:00'), 'working_hours', at('2026-10-08', '09:00'), at('2026-10-08', '09:30'))).toEqual(at('2026-10-08', '10:30'));
  });
});
