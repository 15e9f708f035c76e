import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS, proposeLockdowns, type CaseLocation } from './containment.rules.js';

const now = new Date('2026-11-23T12:00:00+08:00');
const daysAgo = (n: number) => new Date(now.getTime() - n * 86400000);
let next = 1;
const at = (stairwellId: number, buildingId: number, compoundId: number, when = daysAgo(1)): CaseLocation => ({ caseId: next++, stairwellId, buildingId, compoundId, at: when });

describe('1 case seals the stairwell, 2 the building, 3 the compound', () => {
  it('seals the stairwell at the first case', () => {
    expect(proposeLockdowns([at(11, 1, 100)], now)).toMatchObject([{ level: 'stairwell', placeId: 11 }]);
  });

  it('seals the building, not each stairwell, at the second case in it', () => {
    const p = proposeLockdowns([at(11, 1, 100), at(12, 1, 100)], now);
    expect(p).toHaveLength(1);
    expect(p[0]).toMatchObject({ level: 'building', placeId: 1 });
  });

  it('keeps separate stairwells in separate buildings at one case each', () => {
    const p = proposeLockdowns([at(11, 1, 100), at(21, 2, 100)], now);
    expect(p.map((x) => `${x.level}:${x.placeId}`).sort()).toEqual(['stairwell:11', 'stairwell:21']);
  });

  it('seals the whole compound at the third case in it, whatever the buildings', () => {
    const p = proposeLockdowns([at(11, 1, 100), at(21, 2, 100), at(31, 3, 100)], now);
    expect(p).toEqual([expect.objectContaining({ level: 'compound', placeId: 100 })]);
    expect(p[0]!.caseIds).toHaveLength(3);
  });

  it('counts only the cases inside the window (the boundary day is out)', () => {
    const old = at(11, 1, 100, daysAgo(DEFAULT_THRESHOLDS.windowDays));
    const justIn = at(12, 1, 100, daysAgo(DEFAULT_THRESHOLDS.windowDays - 0.01));
    expect(proposeLockdowns([old], now)).toEqual([]);
    expect(proposeLockdowns([old, justIn], now)).toMatchObject([{ level: 'stairwell', placeId: 12 }]);
  });

  it('sets the release date fourteen days after the last case', () => {
    const last = daysAgo(2);
    const [p] = proposeLockdowns([at(11, 1, 100, daysAgo(5)), at(12, 1, 100, last)], now);
    expect(p!.lastCaseAt).toEqual(last);
    expect(p!.releaseAfter).toEqual(new Date(last.getTime() + 14 * 86400000));
  });

  it('follows configured thresholds', () => {
    const strict = { ...DEFAULT_THRESHOLDS, stairwell: 2, building: 3, compound: 5 };
    expect(proposeLockdowns([at(11, 1, 100)], now, strict)).toEqual([]);
    expect(proposeLockdowns([at(11, 1, 100), at(11, 1, 100)], now, strict)).toMatchObject([{ level: 'stairwell', placeId: 11 }]);
  });
});
