import { describe, expect, it } from 'vitest';
import { addDays, localDate, startOfLocalDay } from '../../platform/time.js';
import { DEFAULT_THRESHOLDS, proposeLockdowns, type CaseLocation } from './containment.rules.js';

const now = new Date('2026-11-23T12:00:00+08:00');
const daysAgo = (n: number) => new Date(now.getTime() - n * 86400000);
let next = 1;
const tz = 'Asia/Shanghai';
/** The start of the local day n days before today (how a case's report date is placed in time). */
const reportedDaysAgo = (n: number) => startOfLocalDay(addDays(localDate(now, tz), -n), tz);
const at = (stairwellId: number, buildingId: number, compoundId: number, when = daysAgo(1)): CaseLocation => ({
  caseId: next++,
  stairwellId,
  buildingId,
  compoundId,
  at: when,
});

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

  it('counts a case reported 14 days ago all day long, and not one reported 15 days ago', () => {
    const fourteen = at(12, 1, 100, reportedDaysAgo(DEFAULT_THRESHOLDS.windowDays));
    const fifteen = at(11, 1, 100, reportedDaysAgo(DEFAULT_THRESHOLDS.windowDays + 1));
    expect(proposeLockdowns([fifteen], now)).toEqual([]);
    expect(proposeLockdowns([fifteen, fourteen], now)).toMatchObject([{ level: 'stairwell', placeId: 12 }]);
    // Reported on 11-09, it still counts at 23:59 on 11-23, and no longer at 00:00 on 11-24.
    expect(localDate(fourteen.at, tz)).toBe('2026-11-09');
    expect(proposeLockdowns([fourteen], new Date('2026-11-23T23:59:00+08:00'))).toHaveLength(1);
    expect(proposeLockdowns([fourteen], new Date('2026-11-24T00:00:00+08:00'))).toEqual([]);
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

const key = (ps: { level: string; placeId: number }[]) => ps.map((p) => `${p.level}:${p.placeId}`).sort();
/** n cases in distinct stairwells of one building (so only the building and compound counts grow). */
const inBuilding = (n: number, building = 1, compound = 100) => Array.from({ length: n }, (_, i) => at(building * 10 + i, building, compound));
/** n cases in distinct buildings of one compound. */
const inCompound = (n: number, compound = 100) => Array.from({ length: n }, (_, i) => at(1000 + i, 500 + i, compound));

describe('thresholds at their boundaries', () => {
  const custom = { stairwell: 2, building: 4, compound: 7, windowDays: 10, releaseDays: 21 };

  for (const [name, t] of [
    ['default', DEFAULT_THRESHOLDS],
    ['non-default', custom],
  ] as const) {
    describe(`${name} thresholds (${t.stairwell}/${t.building}/${t.compound})`, () => {
      it('seals no stairwell at N-1 cases in it, and seals it at N', () => {
        const same = (n: number) => Array.from({ length: n }, () => at(11, 1, 100));
        if (t.stairwell > 1) expect(key(proposeLockdowns(same(t.stairwell - 1), now, { ...t, building: 99, compound: 99 }))).toEqual([]);
        expect(key(proposeLockdowns(same(t.stairwell), now, { ...t, building: 99, compound: 99 }))).toEqual(['stairwell:11']);
      });

      it('seals no building at N-1 cases in it, and seals it at N', () => {
        const loose = { ...t, stairwell: 99, compound: 99 };
        expect(key(proposeLockdowns(inBuilding(t.building - 1), now, loose))).toEqual([]);
        expect(key(proposeLockdowns(inBuilding(t.building), now, loose))).toEqual(['building:1']);
      });

      it('seals no compound at N-1 cases in it, and seals it at N', () => {
        const loose = { ...t, stairwell: 99, building: 99 };
        expect(key(proposeLockdowns(inCompound(t.compound - 1), now, loose))).toEqual([]);
        expect(key(proposeLockdowns(inCompound(t.compound), now, loose))).toEqual(['compound:100']);
      });

      it('counts a case reported windowDays days ago, and not one reported the day before', () => {
        const out = at(11, 1, 100, new Date(reportedDaysAgo(t.windowDays).getTime() - 1));
        const edge = at(12, 1, 100, reportedDaysAgo(t.windowDays));
        const one = { ...t, stairwell: 1 };
        expect(proposeLockdowns([out], now, one)).toEqual([]);
        expect(key(proposeLockdowns([edge], now, one))).toEqual(['stairwell:12']);
      });

      it('sets the release date releaseDays after the last case', () => {
        const last = daysAgo(1);
        const [p] = proposeLockdowns(
          inBuilding(t.building).map((c, i) => ({ ...c, at: i === 0 ? last : daysAgo(3) })),
          now,
          { ...t, stairwell: 99 },
        );
        expect(p!.releaseAfter.getTime() - last.getTime()).toBe(t.releaseDays * 86400000);
      });
    });
  }

  it('does not count a case dated after now', () => {
    expect(proposeLockdowns([at(11, 1, 100, new Date(now.getTime() + 1))], now)).toEqual([]);
    expect(key(proposeLockdowns([at(11, 1, 100, now)], now))).toEqual(['stairwell:11']);
  });
});

describe('the rule counts people, not records (1人封单元、2人封整楼、3人封小区)', () => {
  const of = (residentId: number | null, stairwellId: number, buildingId: number, compoundId = 100) => ({
    ...at(stairwellId, buildingId, compoundId),
    residentId,
  });

  it('two cases of one person in one flat seal the stairwell, not the building', () => {
    const p = proposeLockdowns([of(7, 11, 1), of(7, 11, 1)], now);
    expect(key(p)).toEqual(['stairwell:11']);
    expect(p[0]!.people).toBe(1);
    expect(p[0]!.caseIds).toHaveLength(2);
  });

  it('two people in one building seal it, however many records', () => {
    const p = proposeLockdowns([of(7, 11, 1), of(7, 11, 1), of(8, 12, 1)], now);
    expect(key(p)).toEqual(['building:1']);
    expect(p[0]!.people).toBe(2);
    expect(p[0]!.caseIds).toHaveLength(3);
  });

  it('three records of two people in three buildings do not seal the compound', () => {
    expect(key(proposeLockdowns([of(7, 11, 1), of(7, 21, 2), of(8, 31, 3)], now))).toEqual(['stairwell:11', 'stairwell:21', 'stairwell:31']);
    expect(key(proposeLockdowns([of(7, 11, 1), of(9, 21, 2), of(8, 31, 3)], now))).toEqual(['compound:100']);
  });

  it('cases that name no one count a person each', () => {
    expect(key(proposeLockdowns([of(null, 11, 1), of(null, 11, 1)], now))).toEqual(['building:1']);
    expect(key(proposeLockdowns([of(7, 11, 1), of(null, 11, 1)], now))).toEqual(['building:1']);
  });
});

describe('wider orders cover narrower ones', () => {
  it('a compound covers its buildings and stairwells, and only its own', () => {
    const cases = [at(11, 1, 100), at(12, 1, 100), at(21, 2, 100), at(31, 3, 200), at(32, 3, 200)];
    expect(key(proposeLockdowns(cases, now))).toEqual(['building:3', 'compound:100']);
  });

  it('a building covers its stairwells while a neighbouring building keeps its own stairwell order', () => {
    const t = { ...DEFAULT_THRESHOLDS, compound: 10 };
    const cases = [at(11, 1, 100), at(12, 1, 100), at(21, 2, 100)];
    expect(key(proposeLockdowns(cases, now, t))).toEqual(['building:1', 'stairwell:21']);
  });

  it('lists the cases that call for each order', () => {
    const a = at(11, 1, 100);
    const b = at(12, 1, 100);
    const [p] = proposeLockdowns([b, a], now);
    expect(p!.caseIds).toEqual([a.caseId, b.caseId]);
  });
});
