import { FEVER_THRESHOLD, type ObservationKind, type ObservationPlan, type SlotSpec, type Symptom } from '@jiayuan/contracts';
import { addDays, daysBetween, localInstant } from '../../platform/time.js';

/** Days of observation when the caller names none. */
export const DEFAULT_DAYS: Record<ObservationKind, number> = { home_observation: 14, facility_quarantine: 14, fever_follow_up: 3 };

/** A plan and whether its basis day counts as day 1 (a community's setting; by default it does not). */
export type Plan = ObservationPlan & { firstDayCounted: boolean };

/**
 * The day the observation is over (release day): the day after its last counted day. N days
 * counted with the basis day as day 1 end the day after the N-th (03-01 + 14 → 03-15); with the
 * basis day not counted, as the Civil Code counts periods in days (art. 201), they start the next
 * day and end a day later (03-16). A plan of 0 days has no day to count: it is over on the basis day.
 */
export function plannedEndOn(plan: Plan): string {
  if (plan.days === 0) return plan.basisDate;
  return addDays(plan.basisDate, plan.days + (plan.firstDayCounted ? 0 : 1));
}

/** The planned end in words, with the rule it comes from (the basis day counted or not). */
export function planText(plan: Plan) {
  const end = plannedEndOn(plan);
  const basisZh = plan.basis === 'arrival' ? '抵达' : '末次接触';
  const basisEn = plan.basis === 'arrival' ? 'arrival' : 'last exposure';
  const countedZh = plan.firstDayCounted ? `${basisZh}当日计入` : `${basisZh}当日不计入`;
  const countedEn = plan.firstDayCounted ? `the ${basisEn} day counted` : `the ${basisEn} day not counted`;
  return {
    'zh-CN': `自${basisZh}日 ${plan.basisDate} 起 ${plan.days} 天（${countedZh}），${end} 解除`,
    'en-US': `${plan.days} days from ${basisEn} on ${plan.basisDate} (${countedEn}); ends ${end}`,
  };
}

/**
 * Day of observation on `today`: 1 on the first counted day, from the day the case started; 0 on
 * the arrival day itself where it is not counted (the case started on its basis day).
 */
export function dayNo(startsOn: string, today: string, plan?: Pick<Plan, 'basisDate' | 'firstDayCounted'>): number {
  const notCounted = plan && !plan.firstDayCounted && plan.basisDate === startsOn;
  return Math.max(notCounted ? 0 : 1, daysBetween(startsOn, today) + (notCounted ? 0 : 1));
}

/** A reading alerts when the temperature is at or above 37.3 °C, or any symptom is reported. */
export function isAlert(temperature: number | null, symptoms: readonly Symptom[]): boolean {
  return (temperature !== null && temperature >= FEVER_THRESHOLD) || symptoms.length > 0;
}

export interface SlotInstant {
  slotDate: string;
  slotNo: number;
  windowStart: Date;
  windowEnd: Date;
  graceUntil: Date;
}

/**
 * The check slots of the days from `fromDay` to `toDay` (inclusive) that fall within the
 * observation (before its planned end) and have not lapsed before `notBefore`.
 */
export function slotsBetween(
  specs: readonly SlotSpec[],
  c: { startsOn: string; plannedEndOn: string },
  fromDay: string,
  toDay: string,
  notBefore: Date,
  tz: string,
): SlotInstant[] {
  const out: SlotInstant[] = [];
  const first = fromDay > c.startsOn ? fromDay : c.startsOn;
  const last = toDay < addDays(c.plannedEndOn, -1) ? toDay : addDays(c.plannedEndOn, -1);
  for (let d = first; d <= last; d = addDays(d, 1)) {
    specs.forEach((s, i) => {
      const windowStart = localInstant(d, s.start, tz);
      const windowEnd = localInstant(d, s.end, tz);
      const graceUntil = new Date(windowEnd.getTime() + s.graceMinutes * 60000);
      if (graceUntil > notBefore) out.push({ slotDate: d, slotNo: i, windowStart, windowEnd, graceUntil });
    });
  }
  return out;
}

export type CheckState = 'upcoming' | 'open' | 'late' | 'done' | 'missed' | 'extra';

/** Where a check stands at `now`: its window not yet open, open, in its grace period, done, or missed. */
export function checkState(c: { slotNo: number | null; takenAt: Date | null; windowStart: Date; windowEnd: Date; graceUntil: Date }, now: Date): CheckState {
  if (c.slotNo === null) return 'extra';
  if (c.takenAt) return 'done';
  if (now < c.windowStart) return 'upcoming';
  if (now <= c.windowEnd) return 'open';
  if (now <= c.graceUntil) return 'late';
  return 'missed';
}

/**
 * Release may be proposed once the period is over and every person on the case has a reading
 * whose latest one is normal.
 */
export function releaseDue(today: string, plannedEnd: string, latestByPerson: Map<number, { alert: boolean } | undefined>, persons: number[]): boolean {
  if (today < plannedEnd) return false;
  return persons.every((p) => {
    const r = latestByPerson.get(p);
    return r !== undefined && !r.alert;
  });
}
