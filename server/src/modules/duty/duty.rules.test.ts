import { describe, expect, it } from 'vitest';
import { localInstant } from '../../platform/time.js';
import { answersCallUp, busiest24h, claimGuard, firstOverlap, servedMinutes, splitPlaces, templateShifts } from './duty.rules.js';

const TZ = 'Asia/Shanghai';
const w = (from: string, to: string, day = '2026-03-20', endDay = day) => ({ startsAt: localInstant(day, from, TZ), endsAt: localInstant(endDay, to, TZ) });
const H = 3600000;

describe('the rules of claiming', () => {
  it('shifts that only touch do not overlap; shifts that share a minute do', () => {
    expect(firstOverlap([w('08:00', '16:00')], w('16:00', '23:59'))).toBeNull();
    expect(firstOverlap([w('08:00', '16:00')], w('15:59', '18:00'))).not.toBeNull();
  });

  it('the busiest 24 hours are found wherever they start (a night shift, then a morning one)', () => {
    // 20:00–04:00 and 06:00–14:00 the next day: 16 hours inside 20:00–20:00.
    expect(busiest24h([w('20:00', '04:00', '2026-03-20', '2026-03-21')], w('06:00', '14:00', '2026-03-21')) / H).toBe(16);
    // 08:00–16:00 one day and 16:00–24:00 two days later never share a 24-hour window.
    expect(busiest24h([w('08:00', '16:00')], w('16:00', '23:59', '2026-03-22')) / H).toBeCloseTo(8, 1);
  });

  it('refuses more than the community allows in 24 hours, naming the limit; allows it exactly', () => {
    expect(claimGuard([w('08:00', '16:00')], w('16:00', '20:00'), 12, TZ)).toBeNull();
    expect(claimGuard([w('08:00', '16:00')], w('16:00', '20:01'), 12, TZ)?.code).toBe('DUTY_REST_RULE');
    expect(claimGuard([w('08:00', '16:00')], w('09:00', '10:00'), 12, TZ)?.code).toBe('DUTY_OVERLAP');
  });

  it('counts minutes served from the later of check-in and start to the earlier of check-out and end', () => {
    const s = w('08:00', '16:00');
    expect(servedMinutes(localInstant('2026-03-20', '07:40', TZ), localInstant('2026-03-20', '16:30', TZ), s)).toBe(480);
    expect(servedMinutes(localInstant('2026-03-20', '09:15', TZ), localInstant('2026-03-20', '12:00', TZ), s)).toBe(165);
    expect(servedMinutes(localInstant('2026-03-20', '17:00', TZ), localInstant('2026-03-20', '18:00', TZ), s)).toBe(0);
  });
});

describe('templates and call-ups', () => {
  it('makes three 8-hour or two 12-hour shifts a day, in local time, the last ending the next day', () => {
    const three = templateShifts('2026-03-20', '2026-03-21', '3x8', '08:00', TZ);
    expect(three).toHaveLength(6);
    expect(three[2]).toEqual(w('00:00', '08:00', '2026-03-21'));
    const two = templateShifts('2026-03-20', '2026-03-20', '2x12', '07:30', TZ);
    expect(two).toEqual([w('07:30', '19:30'), w('19:30', '07:30', '2026-03-20', '2026-03-21')]);
  });

  it('splits a call-up’s places over its posts as evenly as can be', () => {
    expect(splitPlaces(10, 3)).toEqual([4, 3, 3]);
    expect(splitPlaces(4669, 4669).every((n) => n === 1)).toBe(true);
  });

  it('calls everyone when it names no role, else those who can take one of its roles', () => {
    expect(answersCallUp(['patrol'], [])).toBe(true);
    expect(answersCallUp(['patrol'], ['gatekeeper', 'patrol'])).toBe(true);
    expect(answersCallUp(['publicity'], ['gatekeeper'])).toBe(false);
  });
});
