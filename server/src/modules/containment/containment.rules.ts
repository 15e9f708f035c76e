import { addDays, localDate, startOfLocalDay } from '../../platform/time.js';

/**
 * The containment rule of seed 004 (1人封单元、2人封整楼、3人封小区: 1 person seals the
 * stairwell, 2 the building, 3 the compound), as a pure function over the cases counted in a
 * window. It counts people, not records: two cases recorded for one person are one. Thresholds
 * are configurable.
 */
export type LockdownLevel = 'stairwell' | 'building' | 'compound';

export interface ContainmentThresholds {
  /** People with a case in one stairwell that seal it. */
  stairwell: number;
  /** People with a case in one building that seal it. */
  building: number;
  /** People with a case in one compound that seal it. */
  compound: number;
  /**
   * A case counts on the day it is reported and the next `windowDays` days (the first day is not
   * counted, the period ends at 24:00 of its last day): reported on 11-23 with 14 days, it counts
   * until the end of 12-07.
   */
  windowDays: number;
  /** A lockdown may be released this many days after its last case. */
  releaseDays: number;
}

export const DEFAULT_THRESHOLDS: ContainmentThresholds = { stairwell: 1, building: 2, compound: 3, windowDays: 14, releaseDays: 14 };

export interface CaseLocation {
  caseId: number;
  /** The person of the case (a resident); a case naming no one counts as a person of its own. */
  residentId?: number | null;
  stairwellId: number;
  buildingId: number;
  compoundId: number;
  at: Date;
}

export interface LockdownProposal {
  level: LockdownLevel;
  placeId: number;
  caseIds: number[];
  /** The distinct people those cases are about (what the threshold counts). */
  people: number;
  lastCaseAt: Date;
  releaseAfter: Date;
}

const DAY = 86400000;
const LEVELS: LockdownLevel[] = ['compound', 'building', 'stairwell'];

function placeOf(c: CaseLocation, level: LockdownLevel) {
  return level === 'compound' ? c.compoundId : level === 'building' ? c.buildingId : c.stairwellId;
}

/** Who a case is about, for counting people: the resident, or the case itself when it names no one. */
const personOf = (c: CaseLocation) => (c.residentId != null ? `r${c.residentId}` : `c${c.caseId}`);

/**
 * The lockdowns the cases call for now, widest first; a place inside a wider proposal is not
 * proposed again (a sealed compound already seals its buildings and stairwells). Thresholds
 * count distinct people; the window is counted in local days (`tz`).
 */
export function proposeLockdowns(
  cases: readonly CaseLocation[],
  now: Date,
  t: ContainmentThresholds = DEFAULT_THRESHOLDS,
  tz = 'Asia/Shanghai',
): LockdownProposal[] {
  const from = startOfLocalDay(addDays(localDate(now, tz), -t.windowDays), tz).getTime();
  const counted = cases.filter((c) => c.at.getTime() >= from && c.at.getTime() <= now.getTime());
  const out: LockdownProposal[] = [];
  const covered = { compound: new Set<number>(), building: new Set<number>() };
  for (const level of LEVELS) {
    const groups = new Map<number, CaseLocation[]>();
    for (const c of counted) {
      if (level !== 'compound' && covered.compound.has(c.compoundId)) continue;
      if (level === 'stairwell' && covered.building.has(c.buildingId)) continue;
      const id = placeOf(c, level);
      const g = groups.get(id);
      if (g) g.push(c);
      else groups.set(id, [c]);
    }
    for (const [placeId, group] of groups) {
      const people = new Set(group.map(personOf)).size;
      if (people < t[level]) continue;
      const last = Math.max(...group.map((c) => c.at.getTime()));
      out.push({
        level,
        placeId,
        caseIds: group.map((c) => c.caseId).sort((a, b) => a - b),
        people,
        lastCaseAt: new Date(last),
        releaseAfter: new Date(last + t.releaseDays * DAY),
      });
      if (level === 'compound') covered.compound.add(placeId);
      if (level === 'building') covered.building.add(placeId);
    }
  }
  return out;
}
