import type { Role } from '@jiayuan/contracts';
import { cancelObligations, openObligations, type OpenObligation } from '../../platform/obligations/obligations.service.js';
import type { Platform } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import { addDays, localDate } from '../../platform/time.js';
import { slotsBetween } from './observation.rules.js';
import * as repo from './observation.repository.js';

/** How far ahead slots (and their to-dos) are made; the slot job tops them up. */
export const SLOT_HORIZON_DAYS = 1;
const SLOT_SUBJECT = 'observation_slot';

export function slotKey(caseId: number, slotDate: string, slotNo: number) {
  return `${caseId}:${slotDate}:${slotNo}`;
}

/**
 * Makes the case's check slots from today to the horizon (one row per person per slot) and one
 * to-do per slot for the community's health workers, due at the end of the grace period and
 * escalating to the community staff when missed. Idempotent.
 */
export async function ensureSlots(ex: Executor, platform: Pick<Platform, 'clock' | 'config'>, c: repo.CaseRow): Promise<number> {
  const tz = platform.config.timezone;
  const now = platform.clock.now();
  const today = localDate(now, tz);
  const instants = slotsBetween(c.slots, c, today, addDays(today, SLOT_HORIZON_DAYS), c.startedAt > now ? c.startedAt : now, tz);
  if (instants.length === 0) return 0;
  const persons = [c.residentId, ...c.memberIds];
  const made = await repo.insertSlots(
    ex,
    instants.flatMap((s) =>
      persons.map((residentId) => ({
        caseId: c.id,
        residentId,
        placePath: c.placePath,
        slotDate: s.slotDate,
        slotNo: s.slotNo,
        windowStart: s.windowStart,
        windowEnd: s.windowEnd,
        graceUntil: s.graceUntil,
        symptoms: [],
        alert: false,
      })),
    ),
  );
  const duties: OpenObligation[] = made
    .filter((r) => r.residentId === c.residentId)
    .map((r) => ({
      kind: 'observation.check',
      subjectType: SLOT_SUBJECT,
      subjectId: slotKey(c.id, r.slotDate, r.slotNo!),
      title: { 'zh-CN': '居家观察体温检测', 'en-US': 'Observation health check' },
      link: `/observation/cases/${c.id}`,
      placePath: c.placePath,
      responsibleRole: 'health_worker' as Role,
      dueAt: r.graceUntil,
      escalateAfterMinutes: 0,
      escalationRole: 'community_staff' as Role,
    }));
  await openObligations(ex, duties);
  return made.length;
}

/** Drops the slots not yet taken from `fromDay` on, and cancels their to-dos. */
export async function dropSlotsFrom(
  ex: Executor,
  platform: Pick<Platform, 'clock'>,
  c: repo.CaseRow,
  fromDay: string,
  reason: string,
  orAfter: Date | null = null,
) {
  const gone = await repo.deleteUntakenSlotsFrom(ex, c.id, fromDay, orAfter);
  const keys = new Set(gone.filter((g) => g.residentId === c.residentId && g.slotNo !== null).map((g) => slotKey(c.id, g.slotDate, g.slotNo!)));
  for (const key of keys) await cancelObligations(ex, platform, { subjectType: SLOT_SUBJECT, subjectId: key }, reason);
}

export { SLOT_SUBJECT };
