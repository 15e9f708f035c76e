import { DEFAULT_SLOTS } from '@jiayuan/contracts';
import { describe, expect, it } from 'vitest';
import { localInstant } from '../../platform/time.js';
import { checkState, dayNo, isAlert, plannedEndOn, planText, releaseDue, slotsBetween } from './observation.rules.js';

const TZ = 'Asia/Shanghai';

describe('the planned end of an observation', () => {
  const plan = { basis: 'arrival' as const, basisDate: '2026-03-18', days: 14, firstDayCounted: true };

  it('is N days from arrival with the arrival day counted, and says so', () => {
    expect(plannedEndOn(plan)).toBe('2026-04-01');
    expect(planText(plan)['zh-CN']).toBe('自抵达日 2026-03-18 起 14 天（抵达当日计入），2026-04-01 解除');
    expect(planText({ ...plan, basis: 'exposure' })['en-US']).toBe('14 days from last exposure on 2026-03-18 (the last exposure day counted); ends 2026-04-01');
  });

  it.each([
    // [basis day, days, arrival day counted, release day]
    ['2026-03-01', 14, true, '2026-03-15'],
    ['2026-03-01', 14, false, '2026-03-16'],
    ['2026-02-28', 1, true, '2026-03-01'],
    ['2026-02-28', 1, false, '2026-03-02'],
    ['2026-12-25', 7, false, '2027-01-02'],
    ['2028-02-28', 1, false, '2028-03-01'], // through 29 February
    ['2026-03-01', 0, true, '2026-03-01'],
    ['2026-03-01', 0, false, '2026-03-01'], // nothing to count: over at once (a plan shortened to 0 days)
  ] as const)('from %s, %i days, arrival day counted: %s → released on %s', (basisDate, days, firstDayCounted, end) => {
    expect(plannedEndOn({ basis: 'arrival', basisDate, days, firstDayCounted })).toBe(end);
  });

  it('says when the arrival day is not counted', () => {
    const p = { ...plan, basisDate: '2026-03-01', firstDayCounted: false };
    expect(planText(p)).toEqual({
      'zh-CN': '自抵达日 2026-03-01 起 14 天（抵达当日不计入），2026-03-16 解除',
      'en-US': '14 days from arrival on 2026-03-01 (the arrival day not counted); ends 2026-03-16',
    });
  });

  it('counts the first day as day 1, or the arrival day as day 0 where it is not counted', () => {
    expect(dayNo('2026-03-18', '2026-03-18')).toBe(1);
    expect(dayNo('2026-03-18', '2026-03-31')).toBe(14);
    const notCounted = { basisDate: '2026-03-01', firstDayCounted: false };
    expect(dayNo('2026-03-01', '2026-03-01', notCounted)).toBe(0);
    expect(dayNo('2026-03-01', '2026-03-02', notCounted)).toBe(1);
    // The last day before the release day (16 March) is day 14.
    expect(dayNo('2026-03-01', '2026-03-15', notCounted)).toBe(14);
    expect(dayNo('2026-03-01', '2026-03-14', { basisDate: '2026-03-01', firstDayCounted: true })).toBe(14);
  });
});

describe('check slots', () => {
  const c = { startsOn: '2026-03-18', plannedEndOn: '2026-03-20' };

  it('are two a day, 08:00–10:00 and 16:00–18:00, each with half an hour of grace, until the planned end', () => {
    const slots = slotsBetween(DEFAULT_SLOTS, c, '2026-03-18', '2026-03-25', new Date(0), TZ);
    expect(slots.map((s) => `${s.slotDate}#${s.slotNo}`)).toEqual(['2026-03-18#0', '2026-03-18#1', '2026-03-19#0', '2026-03-19#1']);
    expect(slots[0]!.windowStart).toEqual(localInstant('2026-03-18', '08:00', TZ));
    expect(slots[1]!.graceUntil).toEqual(localInstant('2026-03-18', '18:30', TZ));
  });

  it('that lapsed before the case opened are not made', () => {
    const opened = localInstant('2026-03-18', '12:00', TZ);
    expect(slotsBetween(DEFAULT_SLOTS, c, '2026-03-18', '2026-03-18', opened, TZ).map((s) => s.slotNo)).toEqual([1]);
  });

  it('are upcoming, open, late, done or missed as the day goes on', () => {
    const [s] = slotsBetween(DEFAULT_SLOTS, c, '2026-03-18', '2026-03-18', new Date(0), TZ);
    const at = (t: string) => localInstant('2026-03-18', t, TZ);
    const slot = { ...s!, takenAt: null };
    expect(checkState(slot, at('07:59'))).toBe('upcoming');
    expect(checkState(slot, at('09:00'))).toBe('open');
    expect(checkState(slot, at('10:20'))).toBe('late');
    expect(checkState(slot, at('10:31'))).toBe('missed');
    expect(checkState({ ...slot, takenAt: at('09:00') }, at('12:00'))).toBe('done');
    expect(checkState({ ...slot, slotNo: null, takenAt: at('12:00') }, at('12:00'))).toBe('extra');
  });
});

describe('a reading', () => {
  it('alerts at 37.3 °C and above, or with any symptom', () => {
    expect(isAlert(37.2, [])).toBe(false);
    expect(isAlert(37.3, [])).toBe(true);
    expect(isAlert(37.8, [])).toBe(true);
    expect(isAlert(36.5, ['cough'])).toBe(true);
    expect(isAlert(null, [])).toBe(false);
  });
});

describe('release', () => {
  const persons = [1, 2];
  it('is due once the period is over and everyone’s latest reading is normal', () => {
    const normal = new Map([
      [1, { alert: false }],
      [2, { alert: false }],
    ]);
    expect(releaseDue('2026-04-01', '2026-04-01', normal, persons)).toBe(true);
    expect(releaseDue('2026-03-31', '2026-04-01', normal, persons)).toBe(false);
  });
  it('waits while someone’s latest reading alerts or is missing', () => {
    expect(
      releaseDue(
        '2026-04-02',
        '2026-04-01',
        new Map([
          [1, { alert: false }],
          [2, { alert: true }],
        ]),
        persons,
      ),
    ).toBe(false);
    expect(releaseDue('2026-04-02', '2026-04-01', new Map([[1, { alert: false }]]), persons)).toBe(false);
  });
});
