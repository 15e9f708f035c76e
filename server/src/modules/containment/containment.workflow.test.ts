import { describe, expect, it } from 'vitest';
import { caseAfter, caseCounts, caseGuard, orderGuard, releaseIsEarly } from './containment.workflow.js';

/** A guard's verdict as code and state (the AppError's parameters), or ok. */
const verdict = (e: ReturnType<typeof orderGuard>) => (e ? { ok: false, code: e.code, state: e.params.state } : { ok: true });

describe('lockdown order transitions', () => {
  it('confirms only a proposed order', () => {
    expect(verdict(orderGuard({ status: 'proposed' }, 'confirm', null))).toEqual({ ok: true });
    expect(verdict(orderGuard({ status: 'active' }, 'confirm', null))).toEqual({ ok: false, code: 'CONTAINMENT_ORDER_STATE', state: 'active' });
    expect(verdict(orderGuard({ status: 'dismissed' }, 'confirm', null))).toMatchObject({ ok: false });
  });

  it('dismisses a proposal and releases an order in force only with a reason', () => {
    expect(verdict(orderGuard({ status: 'proposed' }, 'dismiss', '  '))).toMatchObject({ ok: false, code: 'CONTAINMENT_REASON_REQUIRED' });
    expect(verdict(orderGuard({ status: 'proposed' }, 'dismiss', '误报'))).toEqual({ ok: true });
    expect(verdict(orderGuard({ status: 'active' }, 'release', null))).toMatchObject({ ok: false, code: 'CONTAINMENT_REASON_REQUIRED' });
    expect(verdict(orderGuard({ status: 'active' }, 'release', '14天无新增'))).toEqual({ ok: true });
  });

  it('never releases a proposal nor dismisses an order in force', () => {
    expect(verdict(orderGuard({ status: 'proposed' }, 'release', '解封'))).toMatchObject({ ok: false, code: 'CONTAINMENT_ORDER_STATE' });
    expect(verdict(orderGuard({ status: 'active' }, 'dismiss', '不封'))).toMatchObject({ ok: false, code: 'CONTAINMENT_ORDER_STATE' });
    expect(verdict(orderGuard({ status: 'released' }, 'release', '再解'))).toMatchObject({ ok: false, code: 'CONTAINMENT_ORDER_STATE' });
  });

  it('supersedes proposals by dismissal and orders in force by release', () => {
    expect(verdict(orderGuard({ status: 'proposed' }, 'supersede_proposal', null))).toEqual({ ok: true });
    expect(verdict(orderGuard({ status: 'active' }, 'supersede_active', null))).toEqual({ ok: true });
    expect(verdict(orderGuard({ status: 'active' }, 'supersede_proposal', null))).toMatchObject({ ok: false });
  });

  it('calls a release before the criterion date early', () => {
    const releaseAfter = new Date('2026-03-16T00:00:00Z');
    expect(releaseIsEarly({ releaseAfter }, new Date('2026-03-15T23:59:59Z'))).toBe(true);
    expect(releaseIsEarly({ releaseAfter }, releaseAfter)).toBe(false);
    expect(releaseIsEarly({ releaseAfter: null }, releaseAfter)).toBe(false);
  });
});

describe('case transitions', () => {
  it('confirms a suspected case, not a confirmed one', () => {
    expect(caseGuard({ status: 'open', kind: 'suspected' }, 'confirm')).toBeNull();
    expect(caseAfter({ status: 'open', kind: 'suspected' }, 'confirm')).toEqual({ status: 'open', kind: 'confirmed' });
    expect(verdict(caseGuard({ status: 'open', kind: 'confirmed' }, 'confirm'))).toMatchObject({ ok: false, code: 'CONTAINMENT_CASE_STATE' });
  });

  it('excludes or closes open cases only', () => {
    expect(caseGuard({ status: 'open', kind: 'suspected' }, 'exclude')).toBeNull();
    expect(caseAfter({ status: 'open', kind: 'suspected' }, 'exclude')).toEqual({ status: 'excluded', kind: 'suspected' });
    expect(caseGuard({ status: 'open', kind: 'confirmed' }, 'close')).toBeNull();
    expect(caseAfter({ status: 'open', kind: 'confirmed' }, 'close')).toEqual({ status: 'closed', kind: 'confirmed' });
    expect(verdict(caseGuard({ status: 'excluded', kind: 'suspected' }, 'close'))).toMatchObject({ ok: false, state: 'excluded' });
    expect(verdict(caseGuard({ status: 'closed', kind: 'confirmed' }, 'exclude'))).toMatchObject({ ok: false, state: 'closed' });
  });

  it('counts confirmed cases, suspected ones only when the community says so, excluded ones never', () => {
    expect(caseCounts({ status: 'open', kind: 'confirmed' }, false)).toBe(true);
    expect(caseCounts({ status: 'closed', kind: 'confirmed' }, false)).toBe(true);
    expect(caseCounts({ status: 'open', kind: 'suspected' }, false)).toBe(false);
    expect(caseCounts({ status: 'open', kind: 'suspected' }, true)).toBe(true);
    expect(caseCounts({ status: 'excluded', kind: 'confirmed' }, true)).toBe(false);
  });
});
