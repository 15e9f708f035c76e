import { describe, expect, it } from 'vitest';
import { WorkCalendar } from '../../platform/calendar/work-calendar.js';
import { localInstant } from '../../platform/time.js';
import { dueAfter, extendForPause } from './deadlines.js';

const tz = 'Asia/Shanghai';
const cal = new WorkCalendar(tz);
const at = (date: string, time: string) => localInstant(date, time, tz);

describe('deadlines on the holiday calendar', () => {
  it('counts working days over National Day 2026 and onto the make-up Saturday, to close of business', () => {
    // Wednesday 30 September; 1–7 October are the holiday, Saturday 10 October is worked.
    expect(dueAfter(cal, at('2026-09-30', '10:00'), { amount: 3, unit: 'working_days' })).toEqual(at('2026-10-10', '17:30'));
    expect(dueAfter(cal, at('2026-09-30', '10:00'), { amount: 1, unit: 'working_days' })).toEqual(at('2026-10-08', '17:30'));
  });

  it('gives a limit filed in the night its working time: Sunday 03:00 + 1 working day is Monday at close of business', () => {
    expect(dueAfter(cal, at('2026-11-22', '03:00'), { amount: 1, unit: 'working_days' })).toEqual(at('2026-11-23', '17:30'));
    expect(dueAfter(cal, at('2026-11-22', '03:00'), { amount: 4, unit: 'working_hours' })).toEqual(at('2026-11-23', '12:30'));
  });

  it('counts working units in the opening hours the administrator set', () => {
    const c = new WorkCalendar(tz);
    c.setWorkingHours({ open: '08:00', close: '18:00' });
    expect(dueAfter(c, at('2026-11-22', '03:00'), { amount: 1, unit: 'working_days' })).toEqual(at('2026-11-23', '18:00'));
    expect(dueAfter(c, at('2026-11-20', '17:00'), { amount: 2, unit: 'working_hours' })).toEqual(at('2026-11-23', '09:00'));
    // A pause over the weekend costs the half hours after 17:30 on Friday and before 08:30 on Monday: one working hour.
    expect(extendForPause(c, at('2026-11-23', '17:30'), 'working_hours', at('2026-11-20', '17:30'), at('2026-11-23', '08:30'))).toEqual(
      at('2026-11-24', '08:30'),
    );
  });

  it('counts working hours inside opening hours only, skipping the holiday', () => {
    expect(dueAfter(cal, at('2026-09-30', '16:30'), { amount: 2, unit: 'working_hours' })).toEqual(at('2026-10-08', '09:30'));
    expect(dueAfter(cal, at('2026-10-03', '22:00'), { amount: 1, unit: 'working_hours' })).toEqual(at('2026-10-08', '09:30'));
  });

  it('keeps emergencies on the clock, holiday or not', () => {
    expect(dueAfter(cal, at('2026-10-02', '09:00'), { amount: 5, unit: 'clock_minutes' })).toEqual(at('2026-10-02', '09:05'));
  });

  it('measures working time and working days between two moments', () => {
    expect(cal.workingMinutesBetween(at('2026-09-30', '17:00'), at('2026-10-08', '09:00'))).toBe(60);
    expect(cal.workingMinutesBetween(at('2026-10-02', '10:00'), at('2026-10-05', '10:00'))).toBe(0);
    expect(cal.workingDaysBetween(at('2026-09-30', '10:00'), at('2026-10-09', '08:00'))).toBe(2);
  });

  it('lets a pause over the holiday cost a working-day limit nothing, and a clock limit the whole pause', () => {
    const due = at('2026-10-09', '17:30');
    expect(extendForPause(cal, due, 'working_days', at('2026-10-01', '09:00'), at('2026-10-07', '18:00'))).toEqual(due);
    expect(extendForPause(cal, due, 'working_days', at('2026-09-30', '09:00'), at('2026-10-08', '18:00'))).toEqual(at('2026-10-10', '17:30'));
    expect(extendForPause(cal, due, 'clock_minutes', at('2026-10-08', '09:00'), at('2026-10-08', '09:45'))).toEqual(at('2026-10-09', '18:15'));
    expect(extendForPause(cal, at('2026-10-08', '10:00'), 'working_hours', at('2026-10-08', '09:00'), at('2026-10-08', '09:30'))).toEqual(
      at('2026-10-08', '10:30'),
    );
  });
});
