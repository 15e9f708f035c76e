import chineseDays from 'chinese-days';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, localInstant, localParts } from '../time.js';
import { statutoryHolidays } from './statutory-holidays.js';
import { PUBLISHED_UNTIL_YEAR, WorkCalendar } from './work-calendar.js';

const tz = 'Asia/Shanghai';
const at = (local: string) => new Date(`${local}+08:00`);

describe('the working-day calendar', () => {
  const cal = new WorkCalendar(tz);

  it('knows national holidays and make-up working days', () => {
    expect(cal.day('2026-10-01')).toMatchObject({ workday: false, holiday: 'national_day', holidayName: '国庆节', source: 'calendar', provisional: false });
    expect(cal.day('2026-10-10')).toMatchObject({ workday: true, source: 'calendar' }); // Saturday make-up day
    expect(cal.day('2026-10-09')).toMatchObject({ workday: true, source: 'weekday' });
    expect(cal.day('2026-10-11')).toMatchObject({ workday: false, source: 'weekend' });
  });

  it('has the 2026 notice (国办发明电) as published, day for day', () => {
    const year = cal.range('2026-01-01', '2026-12-31');
    const rest = year.filter((d) => !d.workday && d.holiday);
    // 元旦 3, 春节 9, 清明 3, 劳动节 5, 端午 3, 中秋 3, 国庆 7 days.
    const count = (h: string) => rest.filter((d) => d.holiday === h).length;
    expect(['new_year', 'spring_festival', 'qingming', 'labour_day', 'dragon_boat', 'mid_autumn', 'national_day'].map(count)).toEqual([3, 9, 3, 5, 3, 3, 7]);
    expect(rest[0]!.date).toBe('2026-01-01');
    expect(cal.day('2026-02-15')).toMatchObject({ workday: false, holiday: 'spring_festival' });
    expect(cal.day('2026-02-23')).toMatchObject({ workday: false, holiday: 'spring_festival' });
    expect(cal.day('2026-02-24')).toMatchObject({ workday: true, source: 'weekday' });
    expect(year.filter((d) => d.workday && d.source === 'calendar').map((d) => d.date)).toEqual([
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ]);
  });

  it('does not treat 2027 as plain weekdays: New Year’s Day and the Spring Festival are rest days by law', () => {
    expect(PUBLISHED_UNTIL_YEAR).toBe(2026);
    expect(cal.day('2027-01-01')).toMatchObject({ workday: false, holiday: 'new_year', source: 'statutory', provisional: true });
    expect(cal.yearStatus(2027)).toBe('statutory');
    // 除夕 to 初三: Friday 5 to Monday 8 February 2027; Saturday and Sunday given back on Tuesday and Wednesday (art. 6).
    expect(cal.range('2027-02-04', '2027-02-11').map((d) => [d.date, d.workday, d.holiday])).toEqual([
      ['2027-02-04', true, null],
      ['2027-02-05', false, 'spring_festival'],
      ['2027-02-06', false, 'spring_festival'],
      ['2027-02-07', false, 'spring_festival'],
      ['2027-02-08', false, 'spring_festival'],
      ['2027-02-09', false, 'spring_festival'],
      ['2027-02-10', false, 'spring_festival'],
      ['2027-02-11', true, null],
    ]);
    // Friday 31 December 2026 at 10:00 + 1 working day: not Friday 1 January, but Monday 4 January at close of business.
    expect(cal.addWorkingDays(at('2026-12-31T10:00:00'), 1)).toEqual(at('2027-01-04T17:30:00'));
    expect(cal.isProvisional(at('2027-01-04T17:30:00'))).toBe(true);
    expect(cal.isProvisional(at('2026-12-31T17:30:00'))).toBe(false);
  });

  it('counts working days across the National Day holiday, ending at close of business', () => {
    // Received Wednesday 30 Sept 10:00; 1 working day later skips 1–7 Oct and ends Thursday 8 Oct at 17:30.
    expect(cal.addWorkingDays(at('2026-09-30T10:00:00'), 1)).toEqual(at('2026-10-08T17:30:00'));
    expect(cal.addWorkingDays(at('2026-09-30T10:00:00'), 2)).toEqual(at('2026-10-09T17:30:00'));
    // Three: Saturday 10 Oct is a make-up working day.
    expect(cal.addWorkingDays(at('2026-09-30T10:00:00'), 3)).toEqual(at('2026-10-10T17:30:00'));
  });

  it.each([
    // [filed, working days, due] — the first day is never counted (Civil Code art. 201), the last ends at close of business (art. 203)
    ['2026-11-22T03:00:00', 1, '2026-11-23T17:30:00'], // Sunday 03:00: Monday at close, not Monday 03:00
    ['2026-11-23T03:00:00', 1, '2026-11-24T17:30:00'], // Monday 03:00: Monday is the first day, not counted
    ['2026-11-23T08:30:00', 1, '2026-11-24T17:30:00'],
    ['2026-11-23T17:29:00', 1, '2026-11-24T17:30:00'],
    ['2026-11-23T23:59:00', 1, '2026-11-24T17:30:00'],
    ['2026-11-20T16:00:00', 1, '2026-11-23T17:30:00'], // Friday → Monday
    ['2026-11-20T16:00:00', 5, '2026-11-27T17:30:00'],
    ['2026-11-21T12:00:00', 2, '2026-11-24T17:30:00'], // Saturday
    ['2026-09-30T18:00:00', 1, '2026-10-08T17:30:00'],
  ])('filed %s, %i working day(s) end %s', (filed, n, due) => {
    expect(cal.addWorkingDays(at(filed), n)).toEqual(at(due));
  });

  it('adds working minutes only inside opening hours', () => {
    // Friday 16:30 + 2 working hours = 1 h on Friday + 1 h on Monday from 08:30.
    expect(cal.addWorkingMinutes(at('2026-11-20T16:30:00'), 120)).toEqual(at('2026-11-23T09:30:00'));
    // Before opening: counting starts at 08:30.
    expect(cal.addWorkingMinutes(at('2026-11-23T06:00:00'), 30)).toEqual(at('2026-11-23T09:00:00'));
    // Exactly to closing time stays on the same day.
    expect(cal.addWorkingMinutes(at('2026-11-23T17:00:00'), 30)).toEqual(at('2026-11-23T17:30:00'));
    // Sunday 03:00 + 1 working hour: Monday 09:30.
    expect(cal.addWorkingMinutes(at('2026-11-22T03:00:00'), 60)).toEqual(at('2026-11-23T09:30:00'));
  });

  it('uses the opening hours it is given, for working days and working hours alike', () => {
    const c = new WorkCalendar(tz);
    c.setWorkingHours({ open: '09:00', close: '18:00' });
    expect(c.addWorkingDays(at('2026-11-22T03:00:00'), 1)).toEqual(at('2026-11-23T18:00:00'));
    expect(c.addWorkingMinutes(at('2026-11-20T17:30:00'), 60)).toEqual(at('2026-11-23T09:30:00'));
    expect(c.workingMinutesBetween(at('2026-11-23T08:00:00'), at('2026-11-23T10:00:00'))).toBe(60);
  });

  it('lets a local override win over the national calendar', () => {
    const local = new WorkCalendar(tz);
    local.setOverrides([['2026-11-23', { workday: false, note: '区级停工日' }]]);
    expect(local.day('2026-11-23')).toMatchObject({ workday: false, source: 'override', note: '区级停工日' });
    expect(local.addWorkingDays(at('2026-11-20T09:00:00'), 1)).toEqual(at('2026-11-24T17:30:00'));
  });

  it('lets an entered arrangement replace the statutory default, including days of the December before', () => {
    const c = new WorkCalendar(tz);
    c.setArrangements([
      {
        year: 2027,
        holidays: [
          { holiday: 'new_year', from: '2027-01-01', to: '2027-01-03' },
          { holiday: 'spring_festival', from: '2027-02-05', to: '2027-02-13' },
        ],
        makeUpDays: [{ date: '2027-02-14', holiday: 'spring_festival' }],
      },
      { year: 2028, holidays: [{ holiday: 'new_year', from: '2027-12-31', to: '2028-01-02' }], makeUpDays: [] },
    ]);
    expect(c.yearStatus(2027)).toBe('entered');
    expect(c.day('2027-02-12')).toMatchObject({ workday: false, holiday: 'spring_festival', source: 'arrangement', provisional: false });
    expect(c.day('2027-02-14')).toMatchObject({ workday: true, source: 'arrangement' });
    // Not in the entered arrangement: the statutory day-in-lieu is gone, 清明 is a plain weekday until entered.
    expect(c.day('2027-04-05')).toMatchObject({ workday: true, source: 'weekday', provisional: false });
    expect(c.day('2027-12-31')).toMatchObject({ workday: false, holiday: 'new_year', source: 'arrangement' });
    expect(c.coveredUntilYear()).toBe(2028);
    expect(c.addWorkingDays(at('2027-02-04T10:00:00'), 1)).toEqual(at('2027-02-14T17:30:00'));
  });

  const workingInstant = fc
    .record({ day: fc.integer({ min: 0, max: 3 * 366 }), minute: fc.integer({ min: 0, max: 24 * 60 - 1 }) })
    .map(({ day, minute }) =>
      localInstant(addDays('2025-01-01', day), `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`, tz),
    );

  it('ends every working-day limit at close of business of a working day after the day it starts', () => {
    fc.assert(
      fc.property(workingInstant, fc.integer({ min: 1, max: 20 }), (start, n) => {
        const due = cal.addWorkingDays(start, n);
        const d = localParts(due, tz);
        expect(d.time).toBe('17:30');
        expect(cal.isWorkday(d.date)).toBe(true);
        expect(d.date > localParts(start, tz).date).toBe(true);
        expect(due.getTime()).toBeGreaterThan(start.getTime());
        // Exactly n working days after the start's day, the last of them the due day.
        expect(cal.workingDaysBetween(start, due)).toBe(n);
      }),
      { numRuns: 300 },
    );
  });

  it('ends every working-hour limit inside opening hours, with exactly that much working time after the start', () => {
    fc.assert(
      fc.property(workingInstant, fc.integer({ min: 1, max: 40 * 60 }), (start, m) => {
        const due = cal.addWorkingMinutes(start, m);
        const d = localParts(due, tz);
        expect(cal.isWorkday(d.date)).toBe(true);
        expect(d.time > '08:30' && d.time <= '17:30').toBe(true);
        expect(cal.workingMinutesBetween(start, due)).toBe(m);
      }),
      { numRuns: 300 },
    );
  });
});

describe('the statutory holidays (全国年节及纪念日放假办法, 2024)', () => {
  it('put the lunar festivals and 清明 on their days (checked against the chinese-days package’s own lunar calendar)', () => {
    for (let y = 2025; y <= 2030; y++) {
      const days = statutoryHolidays(y).filter((d) => !d.inLieu);
      const of = (h: string) => days.filter((d) => d.holiday === h).map((d) => d.date);
      const newYear = chineseDays.getSolarDateFromLunar(`${y}-01-01`).date;
      expect(of('spring_festival'), `${y}`).toEqual([addDays(newYear, -1), newYear, addDays(newYear, 1), addDays(newYear, 2)]);
      expect(of('qingming'), `${y}`).toEqual(
        chineseDays
          .getSolarTerms(`${y}-04-01`, `${y}-04-10`)
          .filter((t) => t.term === 'pure_brightness')
          .map((t) => t.date),
      );
      expect(of('dragon_boat'), `${y}`).toEqual([chineseDays.getSolarDateFromLunar(`${y}-05-05`).date]);
      expect(of('mid_autumn'), `${y}`).toEqual([chineseDays.getSolarDateFromLunar(`${y}-08-15`).date]);
      expect(of('labour_day')).toEqual([`${y}-05-01`, `${y}-05-02`]);
      // A day 国庆 shares with 中秋 (3 October 2028) is listed once, under 中秋.
      expect(of('national_day')).toEqual([`${y}-10-01`, `${y}-10-02`, `${y}-10-03`].filter((d) => !of('mid_autumn').includes(d)));
      expect(of('new_year')).toEqual([`${y}-01-01`]);
    }
  });

  it('match the known dates of 2027 and 2028', () => {
    // The first day of each festival.
    const dates = (y: number) =>
      new Map(
        statutoryHolidays(y)
          .filter((d) => !d.inLieu)
          .reverse()
          .map((d) => [d.holiday, d.date]),
      );
    expect(dates(2027).get('spring_festival')).toBe('2027-02-05'); // 除夕
    expect(dates(2028).get('spring_festival')).toBe('2028-01-25');
    expect(dates(2027).get('qingming')).toBe('2027-04-05');
    expect(dates(2027).get('dragon_boat')).toBe('2027-06-09');
    expect(dates(2027).get('mid_autumn')).toBe('2027-09-15');
  });

  it('are rest days in every published year since the law was amended (2025, 2026)', () => {
    const cal = new WorkCalendar(tz);
    for (const y of [2025, 2026]) {
      for (const d of statutoryHolidays(y)) expect(cal.day(d.date), `${d.date} ${d.holiday}${d.inLieu ? ' (in lieu)' : ''}`).toMatchObject({ workday: false });
    }
  });

  it('give a weekday back for a festival day on a weekend, and for a day two festivals share', () => {
    // 2028: 中秋 falls on 3 October, a day of 国庆 already; Sunday 1 October is given back too.
    // 2028: 元旦 on a Saturday is given back on Monday 3 January, 端午 on Sunday 28 May on the 29th; in October,
    // Sunday the 1st and the 3rd (国庆 and 中秋 at once) on the 4th and 5th.
    const lieu = statutoryHolidays(2028)
      .filter((d) => d.inLieu)
      .map((d) => d.date);
    expect(lieu).toEqual(['2028-01-03', '2028-05-29', '2028-10-04', '2028-10-05']);
    expect(statutoryHolidays(2028).filter((d) => d.date === '2028-10-03')).toHaveLength(1);
  });
});
