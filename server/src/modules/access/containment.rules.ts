/**
 * The containment rule of seed 004 (1 case seals the stairwell, 2 the building, 3 the compound),
 * as a pure function over the cases counted in a window. Thresholds are configurable.
 */
export type LockdownLevel = 'stairwell' | 'building' | 'compound';

export interface ContainmentThresholds {
  /** Cases in one stairwell that seal it. */
  stairwell: number;
  /** Cases in one building that seal it. */
  building: number;
  /** Cases in one compound that seal it. */
  compound: number;
  /** Cases older than this many days no longer count. */
  windowDays: number;
  /** A lockdown may be released this many days after its last case. */
  releaseDays: number;
}

export const DEFAULT_THRESHOLDS: ContainmentThresholds = { stairwell: 1, building: 2, compound: 3, windowDays: 14, releaseDays: 14 };

export interface CaseLocation {
  caseId: number;
  stairwellId: number;
  buildingId: number;
  compoundId: number;
  at: Date;
}

export interface LockdownProposal {
  level: LockdownLevel;
  placeId: number;
  caseIds: number[];
  lastCaseAt: Date;
  releaseAfter: Date;
}

const DAY = 86400000;
const LEVELS: LockdownLevel[] = ['compound', 'building', 'stairwell'];

function placeOf(c: CaseLocation, level: LockdownLevel) {
  return level === 'compound' ? c.compoundId : level === 'building' ? c.buildingId : c.stairwellId;
}

/**
 * The lockdowns the cases call for now, widest first; a place inside a wider proposal is not
 * proposed again (a sealed compound already seals its buildings and stairwells).
 */
export function proposeLockdowns(cases: readonly CaseLocation[], now: Date, t: ContainmentThresholds = DEFAULT_THRESHOLDS): LockdownProposal[] {
  const from = now.getTime() - t.windowDays * DAY;
  const counted = cases.filter((c) => c.at.getTime() > from && c.at.getTime() <= now.getTime());
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
      if (group.length < t[level]) continue;
      const last = Math.max(...group.map((c) => c.at.getTime()));
      out.push({
        level,
        placeId,
        caseIds: group.map((c) => c.caseId).sort((a, b) => a - b),
        lastCaseAt: new Date(last),
        releaseAfter: new Date(last + t.releaseDays * DAY),
      });
      if (level === 'compound') covered.compound.add(placeId);
      if (level === 'building') covered.building.add(placeId);
    }
  }
  return out;
}
