import type { ObservationCheckView } from '@jiayuan/contracts';

export interface PersonStatus {
  /** The state the row is coloured and named by. */
  state: ObservationCheckView['state'] | 'alert';
  /** The slot to name beside it: the one due now, else the next, else the day's last. */
  slot: ObservationCheckView | null;
  /** The person's latest reading today. */
  last: ObservationCheckView | null;
  /** True when the slot named is the next one, after a reading that already came in (an extra). */
  slotIsNext: boolean;
}

/**
 * Where one person on a case stands today. A reading taken before the next slot opens (an extra
 * reading, say 36.5 °C at 07:40 before 08:00–10:00) is what the row says — "加测", with the next
 * slot as "下次" — not "未到时间", as if nothing had been taken.
 */
export function personStatus(checks: ObservationCheckView[], residentId: number): PersonStatus {
  const mine = checks.filter((k) => k.residentId === residentId && k.slotNo !== null);
  const slot =
    mine.find((k) => k.state === 'open') ?? mine.find((k) => k.state === 'late') ?? mine.find((k) => k.state === 'upcoming') ?? mine[mine.length - 1] ?? null;
  const taken = checks.filter((x) => x.residentId === residentId && x.takenAt).sort((a, b) => a.takenAt!.localeCompare(b.takenAt!));
  const last = taken.at(-1) ?? null;
  if (last?.alert && !last.acknowledgedAt) return { state: 'alert', slot, last, slotIsNext: false };
  const extraSinceSlot =
    last !== null && last.slotNo === null && (slot === null || slot.state === 'upcoming' || slot.state === 'done' || slot.state === 'missed');
  if (extraSinceSlot) return { state: 'extra', slot: slot?.state === 'upcoming' ? slot : null, last, slotIsNext: slot?.state === 'upcoming' };
  return { state: slot?.state ?? 'upcoming', slot, last, slotIsNext: false };
}
