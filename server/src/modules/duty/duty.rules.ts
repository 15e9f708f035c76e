import type { DutyRole } from '@jiayuan/contracts';
import type { AppError } from '../../platform/errors/app-error.js';
import { addDays, daysBetween, localInstant } from '../../platform/time.js';
import { dutyErrors } from './duty.errors.js';

/** Pure rules of duty: the rest rule, overlaps, served minutes, shift templates, splitting a call-up's places. */

export interface Window {
  startsAt: Date;
  endsAt: Date;
}

const HOUR = 3600000;

const overlapMs = (a: Window, from: number, to: number) => Math.max(0, Math.min(a.endsAt.getTime(), to) - Math.max(a.startsAt.getTime(), from));

/** The first of `held` that overlaps `w` (touching ends do not overlap: 08:00–16:00 then 16:00–24:00 is fine). */
export function firstOverlap(held: readonly Window[], w: Window): Window | null {
  return held.find((h) => h.startsAt < w.endsAt && h.endsAt > w.startsAt) ?? null;
}

/**
 * The most time on duty in any 24 hours with `w` added to `held`, in ms. The sum over a sliding
 * window is piecewise linear, so its maximum is reached with the window starting at a shift's
 * start or ending at a shift's end; those are the only windows tried.
 */
export function busiest24h(held: readonly Window[], w: Window): number {
  const all = [...held, w];
  const starts = new Set<number>();
  for (const s of all) {
    starts.add(s.startsAt.getTime());
    starts.add(s.endsAt.getTime() - 24 * HOUR);
  }
  let max = 0;
  for (const from of starts) {
    const to = from + 24 * HOUR;
    let sum = 0;
    for (const s of all) sum += overlapMs(s, from, to);
    if (sum > max) max = sum;
  }
  return max;
}

/** May a member take `w` besides what they hold? Overlap first, then the rest rule (at most `maxHours` in any 24 hours). */
export function claimGuard(held: readonly Window[], w: Window, maxHours: number, tz: string): AppError | null {
  const o = firstOverlap(held, w);
  if (o) return dutyErrors.DUTY_OVERLAP({ from: localStamp(o.startsAt, tz), to: localStamp(o.endsAt, tz) });
  if (busiest24h(held, w) > maxHours * HOUR) return dutyErrors.DUTY_REST_RULE({ hours: maxHours });
  return null;
}

/** Does the member fit the shift's requirement (a role, a skill)? */
export function fitGuard(
  member: { roles: readonly string[]; skills: readonly string[] },
  shift: { requiredRole: string | null; requiredSkill: string | null },
): AppError | null {
  if (shift.requiredRole && !member.roles.includes(shift.requiredRole)) return dutyErrors.DUTY_ROLE_MISMATCH({ need: shift.requiredRole });
  if (shift.requiredSkill && !member.skills.includes(shift.requiredSkill)) return dutyErrors.DUTY_ROLE_MISMATCH({ need: shift.requiredSkill });
  return null;
}

/** Minutes actually served: from the later of check-in and start to the earlier of check-out and end; never typed in. */
export function servedMinutes(checkedInAt: Date, checkedOutAt: Date, w: Window): number {
  const from = Math.max(checkedInAt.getTime(), w.startsAt.getTime());
  const to = Math.min(checkedOutAt.getTime(), w.endsAt.getTime());
  return Math.max(0, Math.floor((to - from) / 60000));
}

/** May the member check in now? From `earlyMinutes` before the start until the end. */
export function checkInGuard(w: Window, now: Date, earlyMinutes: number): AppError | null {
  if (now.getTime() < w.startsAt.getTime() - earlyMinutes * 60000 || now >= w.endsAt) return dutyErrors.DUTY_CHECK_IN_WINDOW({ minutes: earlyMinutes });
  return null;
}

/**
 * The 24-hour shifts of a template for local days `from`…`to` (Asia/Shanghai): three of 8 hours or
 * two of 12, the first of each day at `firstStart` local time; a shift may end on the next day.
 */
export function templateShifts(from: string, to: string, pattern: '3x8' | '2x12', firstStart: string, tz: string): Window[] {
  const hours = pattern === '3x8' ? 8 : 12;
  const perDay = 24 / hours;
  const out: Window[] = [];
  for (let d = 0; d <= daysBetween(from, to); d++) {
    const day = addDays(from, d);
    const first = localInstant(day, firstStart, tz);
    for (let i = 0; i < perDay; i++) {
      const startsAt = new Date(first.getTime() + i * hours * HOUR);
      out.push({ startsAt, endsAt: new Date(startsAt.getTime() + hours * HOUR) });
    }
  }
  return out;
}

/** A call-up's `needed` places split over its posts as evenly as can be (the first posts take the remainder). */
export function splitPlaces(needed: number, posts: number): number[] {
  const base = Math.floor(needed / posts);
  const extra = needed % posts;
  return Array.from({ length: posts }, (_, i) => base + (i < extra ? 1 : 0));
}

/** Does a member answer a call-up asking for `roles` (none: everyone)? */
export function answersCallUp(memberRoles: readonly string[], roles: readonly DutyRole[]): boolean {
  return roles.length === 0 || roles.some((r) => memberRoles.includes(r));
}

/** `2026-03-18 08:00` in the zone, for messages. */
export function localStamp(at: Date, tz: string): string {
  const f = new Intl.DateTimeFormat('sv-SE', {
    timeZone: tz,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  return f.format(at);
}
