import { describe, expect, it } from 'vitest';
import { INBOUND_STATUSES } from '@jiayuan/contracts';
import {
  TRANSITIONS,
  canTransition,
  guardAppeal,
  guardApprove,
  guardCheckIn,
  guardReroute,
  guardRoute,
  guardSelfReport,
  guardSimple,
  waitingFor,
} from './inbound.workflow.js';

describe('the six-step loop', () => {
  it('goes submit → route → review → notify → arrival, and nowhere else from each state', () => {
    const allowed = Object.fromEntries(
      INBOUND_STATUSES.map((s) => [
        s,
        Object.keys(TRANSITIONS)
          .filter((n) => canTransition(n as keyof typeof TRANSITIONS, s))
          .sort(),
      ]),
    );
    expect(allowed).toEqual({
      submitted: ['route', 'withdraw'],
      routed: ['approve', 'reject', 'reroute', 'withdraw'],
      approved: ['checkIn', 'markNotified'],
      rejected: ['appeal'],
      notified: ['checkIn'],
      arrived: [],
      withdrawn: ['resubmit'],
    });
  });

  it('says who is to act next', () => {
    expect(['submitted', 'routed', 'approved', 'notified', 'arrived'].map((s) => waitingFor(s as never))).toEqual([
      'department',
      'community',
      'liaison',
      'person',
      'none',
    ]);
  });
});

describe('routing', () => {
  const r = { status: 'submitted' as const, suggestedCommunityId: 5 };
  it('to the community of the dwelling needs no reason', () => {
    expect(guardRoute(r, null, null)).toBeNull();
    expect(guardRoute(r, 5, null)).toBeNull();
  });
  it('to another community needs a reason', () => {
    expect(guardRoute(r, 6, null)?.code).toBe('INBOUND_ROUTE_REASON_REQUIRED');
    expect(guardRoute(r, 6, '  ')?.code).toBe('INBOUND_ROUTE_REASON_REQUIRED');
    expect(guardRoute(r, 6, '实际居住在敬业社区')).toBeNull();
  });
  it('needs a community when the dwelling is unknown', () => {
    expect(guardRoute({ status: 'submitted', suggestedCommunityId: null }, null, null)?.code).toBe('INBOUND_ROUTE_COMMUNITY_REQUIRED');
  });
  it('happens once: a routed request is re-routed, with a reason, to another community', () => {
    expect(guardRoute({ ...r, status: 'routed' }, 5, null)?.code).toBe('INBOUND_STATUS_CONFLICT');
    expect(guardReroute({ status: 'routed', communityId: 5 }, 5, '不属本社区')?.code).toBe('INBOUND_ROUTE_SAME_COMMUNITY');
    expect(guardReroute({ status: 'routed', communityId: 5 }, 6, null)?.code).toBe('INBOUND_ROUTE_REASON_REQUIRED');
    expect(guardReroute({ status: 'routed', communityId: 5 }, 6, '不属本社区')).toBeNull();
  });
});

describe('the review', () => {
  it('approves with home observation or quarantine of at least a day, or with no measure', () => {
    expect(guardApprove({ status: 'routed' }, { kind: 'home_observation', days: 14 })).toBeNull();
    expect(guardApprove({ status: 'routed' }, { kind: 'facility_quarantine', days: 0 })?.code).toBe('INBOUND_MEASURE_INVALID');
    expect(guardApprove({ status: 'routed' }, { kind: 'none', days: 0 })).toBeNull();
    expect(guardApprove({ status: 'routed' }, { kind: 'none', days: 3 })?.code).toBe('INBOUND_MEASURE_INVALID');
  });
  it('cannot decide a request twice', () => {
    expect(guardApprove({ status: 'approved' }, { kind: 'home_observation', days: 14 })?.code).toBe('INBOUND_STATUS_CONFLICT');
    expect(guardSimple('reject', 'approved')?.code).toBe('INBOUND_STATUS_CONFLICT');
  });
  it('allows one appeal of a rejection', () => {
    expect(guardAppeal({ status: 'rejected', appealCount: 0 })).toBeNull();
    expect(guardAppeal({ status: 'rejected', appealCount: 1 })?.code).toBe('INBOUND_APPEAL_USED');
    expect(guardAppeal({ status: 'routed', appealCount: 0 })?.code).toBe('INBOUND_STATUS_CONFLICT');
  });
});

describe('withdrawing and resubmitting', () => {
  it('is possible before a decision, and a withdrawn request can be sent again', () => {
    expect(guardSimple('withdraw', 'submitted')).toBeNull();
    expect(guardSimple('withdraw', 'routed')).toBeNull();
    expect(guardSimple('withdraw', 'approved')?.code).toBe('INBOUND_STATUS_CONFLICT');
    expect(guardSimple('resubmit', 'withdrawn')).toBeNull();
  });
});

describe('arrival', () => {
  const until = new Date('2026-03-20T16:00:00Z');
  it('is checked in while the notice is valid, whether or not the liaison has marked the person notified', () => {
    expect(guardCheckIn({ status: 'notified', noticeValidUntil: until }, new Date('2026-03-19T02:00:00Z'))).toBeNull();
    expect(guardCheckIn({ status: 'approved', noticeValidUntil: until }, new Date('2026-03-19T02:00:00Z'))).toBeNull();
    expect(guardCheckIn({ status: 'notified', noticeValidUntil: until }, new Date('2026-03-21T02:00:00Z'))?.code).toBe('INBOUND_NOTICE_EXPIRED');
    expect(guardCheckIn({ status: 'arrived', noticeValidUntil: until }, new Date('2026-03-19T02:00:00Z'))?.code).toBe('INBOUND_STATUS_CONFLICT');
  });
  it('may be reported by the person once', () => {
    expect(guardSelfReport({ status: 'notified', selfReportedAt: null })).toBeNull();
    expect(guardSelfReport({ status: 'notified', selfReportedAt: new Date() })?.code).toBe('INBOUND_ALREADY_REPORTED');
    expect(guardSelfReport({ status: 'routed', selfReportedAt: null })?.code).toBe('INBOUND_STATUS_CONFLICT');
  });
});
