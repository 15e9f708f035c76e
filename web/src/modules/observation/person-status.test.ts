import { describe, expect, it } from 'vitest';
import type { ObservationCheckView } from '@jiayuan/contracts';
import { personStatus } from './person-status';

let id = 0;
function check(p: Partial<ObservationCheckView>): ObservationCheckView {
  return {
    id: ++id,
    residentId: 7,
    slotNo: 0,
    windowStart: '2026-03-02T00:00:00.000Z',
    windowEnd: '2026-03-02T02:00:00.000Z',
    state: 'upcoming',
    temperature: null,
    alert: false,
    takenAt: null,
    acknowledgedAt: null,
    ...p,
  } as ObservationCheckView;
}

describe('one person’s row on the observation phone page', () => {
  it('says 加测 and the next slot after a normal reading taken before the slot opens (not 未到时间)', () => {
    const slot = check({ slotNo: 0, state: 'upcoming' });
    const early = check({ slotNo: null, state: 'extra', temperature: 36.5, takenAt: '2026-03-01T23:40:00.000Z' });
    const s = personStatus([slot, early], 7);
    expect([s.state, s.slot?.id, s.last?.temperature, s.slotIsNext]).toEqual(['extra', slot.id, 36.5, true]);
  });

  it('names the slot due now while it is open, even after an earlier extra reading', () => {
    const slot = check({ slotNo: 0, state: 'open' });
    const early = check({ slotNo: null, state: 'extra', temperature: 36.5, takenAt: '2026-03-01T23:40:00.000Z' });
    expect(personStatus([slot, early], 7)).toMatchObject({ state: 'open', slotIsNext: false });
  });

  it('says 已测 for a slot filled, and 异常 for a fever not yet followed up', () => {
    const done = check({ slotNo: 0, state: 'done', temperature: 36.5, takenAt: '2026-03-02T00:30:00.000Z' });
    expect(personStatus([done], 7)).toMatchObject({ state: 'done', slotIsNext: false });
    const fever = check({ slotNo: 0, state: 'done', temperature: 38.2, alert: true, takenAt: '2026-03-02T00:30:00.000Z' });
    expect(personStatus([fever], 7).state).toBe('alert');
  });

  it('says 未到时间 only when nothing has been taken yet', () => {
    expect(personStatus([check({ slotNo: 0, state: 'upcoming' })], 7)).toMatchObject({ state: 'upcoming', slotIsNext: false });
  });
});
