import { describe, expect, it } from 'vitest';
import { WorkCalendar } from './work-calendar.js';

const tz = 'Asia/Shanghai';
const at = (local: string) => new Date(`${local}+08:00`);

describe('the working-day calendar', () => {
  const cal = new WorkCalendar(tz);

  it('knows national holidays and make-up working days', () => {
    expect(cal.day('2026-10-01')).toMatchObject({ workday: false, holidayName: '国庆节', source: 'calendar' });
    expect(cal.day('2026-10-10')).toMatchObject({ workday: true, source: 'calendar' }); // Saturday make-up day
    expect(cal.day('2026-10-09')).toMatchObject({ workday: true, source: 'weekday' });
    expect(cal.day('2026-10-11')).toMatchObject({ workday: false, source: 'weekend' });
  });

  it('counts working days across the National Day holiday', () => {
    // Received Wednesday 30 Sept 10:00; 1 working day later skips 1–7 Oct and lands on Thursday 8 Oct.
    expect(cal.addWorkingDays(at('2026-09-30T10:00:00'), 1)).toEqual(at('2026-10-08T10:00:00'));
    // Two working days: 8 Oct, then Friday 9 Oct.
    expect(cal.addWorkingDays(at('2026-09-30T10:00:00'), 2)).toEqual(at('2026-10-09T10:00:00'));
    // Three: Saturday 10 Oct is a make-up working day.
    expect(cal.addWorkingDays(at('2026-09-30T10:00:00'), 3)).toEqual(at('2026-10-10T10:00:00'));
  });

  it('adds working minutes only inside opening hours', () => {
    // Friday 16:30 + 2 working hours = 1 h on Friday + 1 h on Monday from 08:30.
    expect(cal.addWorkingMinutes(at('2026-11-20T16:30:00'), 120)).toEqual(at('2026-11-23T09:30:00'));
    // Before opening: counting starts at 08:30.
    expect(cal.addWorkingMinutes(at('2026-11-23T06:00:00'), 30)).toEqual(at('2026-11-23T09:00:00'));
    // Exactly to closing time stays on the same day.
    expect(cal.addWorkingMinutes(at('2026-11-23T17:00:00'), 30)).toEqual(at('2026-11-23T17:30:00'));
  });

  it('lets a local override win over the national calendar', () => {
    const local = new WorkCalendar(tz);
    local.setOverrides([['2026-11-23', { workday: false, note: '区级停工日' }]]);
    expect(local.day('2026-11-23')).toMatchObject({ workday: false, source: 'override', note: '区级停工日' });
    expect(local.addWorkingDays(at('2026-11-20T09:00:00'), 1)).toEqual(at('2026-11-24T09:00:00'));
  });
});
