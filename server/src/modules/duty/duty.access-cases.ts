import type { Case, MatrixContext, SensitiveRoutes } from '../../test-support/access-matrix.js';

/**
 * The access matrix's cases for duty: staff routes in the community's scope (B's records: 404);
 * members act as residents signed in by phone (`/duty/my/...`, claims, answers to call-ups).
 */
export function accessCases(m: MatrixContext): Record<string, Case> {
  const { fx, ix, created, today } = m;
  const coord = () => ix.coord!;
  const side = (s: 'A' | 'B') => ({
    community: s === 'A' ? m.tree.communityA : m.tree.communityB,
    compound: s === 'A' ? m.tree.compoundA : m.tree.compoundB,
    building: s === 'A' ? m.tree.buildingA : m.tree.buildingB,
    dwellings: s === 'A' ? m.tree.dwellingsA : m.tree.dwellingsB,
  });
  const minutes = (n: number) => new Date(m.t.clock.now().getTime() + n * 60000).toISOString();
  /** A window `days` ahead (a different one each call, so one member's claims never overlap). */
  const ahead = () => {
    const d = m.next();
    return { startsAt: minutes(d * 1440 + 600), endsAt: minutes(d * 1440 + 660) };
  };

  const freshPost = async (s: 'A' | 'B') =>
    (await created(await coord().post('/api/duty/posts', { placeId: side(s).compound, kind: 'gate', name: `矩阵岗${m.next()}`, role: 'gatekeeper' }), 'post'))
      .id as number;
  const freshShift = async (s: 'A' | 'B', when = ahead()) =>
    (await created(await coord().post(`/api/duty/posts/${await freshPost(s)}/shifts`, { ...when, headcount: 3 }), 'shift')).id as number;
  /** A resident of the side registered as a member (reported), or confirmed. */
  async function freshMember(s: 'A' | 'B', confirm = true) {
    const residentId = await m.freshResident(side(s).dwellings[m.next() % side(s).dwellings.length]!);
    const member = await created(await coord().post('/api/duty/members', { residentId, roles: ['gatekeeper'], skills: [] }), 'member');
    if (confirm) await created(await coord().post(`/api/duty/members/${member.id}/confirm`, {}), 'confirm');
    return member.id as number;
  }
  /** A member of the side put on a shift by the coordinator (starting soon when `soon`). */
  async function freshClaim(s: 'A' | 'B', soon = false) {
    const shift = await freshShift(s, soon ? { startsAt: minutes(10), endsAt: minutes(70) } : ahead());
    return (await created(await coord().post(`/api/duty/shifts/${shift}/assign`, { memberId: await freshMember(s) }), 'assign')).id as number;
  }
  async function checkedIn(s: 'A' | 'B') {
    const claim = await freshClaim(s, true);
    await created(await coord().post(`/api/duty/claims/${claim}/check-in`, {}), 'check-in');
    return claim;
  }
  const freshCallUp = async (s: 'A' | 'B') => {
    const when = ahead();
    return (
      await created(
        await coord().post('/api/duty/call-ups', {
          title: `矩阵吹哨${m.next()}`,
          placeId: side(s).community,
          postIds: [await freshPost(s)],
          needed: 2,
          roles: [],
          ...when,
          deadline: new Date(new Date(when.startsAt).getTime() - 3600000).toISOString(),
        }),
        'call-up',
      )
    ).id as number;
  };
  const freshTeam = async (s: 'A' | 'B') =>
    (await created(await coord().post('/api/duty/teams', { communityId: side(s).community, name: `矩阵工作队${m.next()}` }), 'team')).id as number;
  /** The phone resident's own things, made only when the caller is them (the others are refused before the body is read). */
  const mine = <T>(c: { role: string }, make: () => Promise<T>, otherwise: T) => (c.role === 'phone_resident' ? make() : Promise.resolve(otherwise));
  const me = async () => (await m.phoneFixtures()).me.client;
  /** The phone resident claims a fresh shift of A (far ahead, or soon: starting in `soonAt` minutes). */
  async function myClaim(soonAt: number | null = null): Promise<{ id: number; postId: number }> {
    const shift = await freshShift('A', soonAt === null ? ahead() : { startsAt: minutes(soonAt), endsAt: minutes(soonAt + 15) });
    return created(await (await me()).post(`/api/duty/shifts/${shift}/claim`, {}), 'my claim');
  }
  let feedPath = '';

  m.setup(async () => {
    // The phone resident of the matrix reports in and is confirmed: they are a member.
    const client = await me();
    const mine = await created(await client.post('/api/duty/my/report', { roles: ['gatekeeper', 'patrol'], skills: [] }), 'report');
    await created(await coord().post(`/api/duty/members/${mine.id}/confirm`, {}), 'confirm me');
    fx.dutyMe = mine.id;
    feedPath = new URL((await created(await client.get('/api/duty/my/calendar'), 'calendar')).url).pathname;
    // Members working for employer A and B (an employer's liaison sees theirs).
    for (const [key, residentId] of [
      ['dutyMemberA', fx.residentA!],
      ['dutyMemberB', fx.residentB!],
    ] as const) {
      const member = await created(await coord().post('/api/duty/members', { residentId, roles: ['gatekeeper'], skills: [] }), 'member');
      await created(await coord().post(`/api/duty/members/${member.id}/confirm`, {}), 'confirm');
      fx[key] = member.id;
    }
    fx.dutyPostA = await freshPost('A');
    fx.dutyPostB = await freshPost('B');
    fx.dutyShiftA = await freshShift('A');
    fx.dutyShiftB = await freshShift('B');
    fx.dutyCallUpA = await freshCallUp('A');
    fx.dutyCallUpB = await freshCallUp('B');
    fx.dutyTeamA = await freshTeam('A');
    fx.dutyTeamB = await freshTeam('B');
  });

  const settings = { maxHoursIn24: 12, cancelNoticeHours: 12, checkInEarlyMinutes: 30, noShowAfterMinutes: 30 };
  return {
    // The member's own pages.
    'POST /api/duty/my/report': {
      // Already confirmed in the setup: a second report is refused as such.
      inScope: () => ({ method: 'POST', url: '/api/duty/my/report', body: { roles: ['patrol'], skills: [] } }),
      ok: (c) => (c.role === 'phone_resident' ? [409] : [201]),
    },
    'GET /api/duty/my': { inScope: () => ({ method: 'GET', url: '/api/duty/my' }) },
    'GET /api/duty/my/shifts': { inScope: () => ({ method: 'GET', url: '/api/duty/my/shifts?when=all' }) },
    'GET /api/duty/my/open-shifts': { inScope: () => ({ method: 'GET', url: '/api/duty/my/open-shifts' }) },
    'GET /api/duty/my/call-ups': { inScope: () => ({ method: 'GET', url: '/api/duty/my/call-ups' }) },
    'POST /api/duty/my/scan': {
      inScope: async (c) => {
        const token = await mine(c, async () => (await coord().get(`/api/duty/posts/${(await myClaim(5)).postId}/qr`)).json.token as string, 'x'.repeat(20));
        return { method: 'POST', url: '/api/duty/my/scan', body: { token } };
      },
    },
    'GET /api/duty/my/calendar': { inScope: () => ({ method: 'GET', url: '/api/duty/my/calendar' }) },
    'GET /api/duty/calendar/:token': {
      inScope: () => ({ method: 'GET', url: feedPath }),
    },
    'POST /api/duty/shifts/:id/claim': {
      inScope: async (c) => ({ method: 'POST', url: `/api/duty/shifts/${await mine(c, () => freshShift('A'), fx.dutyShiftA!)}/claim`, body: {} }),
      outOfScope: () => ({ method: 'POST', url: `/api/duty/shifts/${fx.dutyShiftB}/claim`, body: {} }),
    },
    'POST /api/duty/my/claims/:id/cancel': {
      inScope: async (c) => ({ method: 'POST', url: `/api/duty/my/claims/${await mine(c, async () => (await myClaim()).id, 1)}/cancel`, body: {} }),
    },
    'POST /api/duty/my/claims/:id/check-out': {
      inScope: async (c) => {
        const id = await mine(
          c,
          async () => {
            const claim = (await myClaim(25)).id;
            await created(await coord().post(`/api/duty/claims/${claim}/check-in`, {}), 'check-in');
            return claim;
          },
          1,
        );
        return { method: 'POST', url: `/api/duty/my/claims/${id}/check-out`, body: {} };
      },
    },
    'POST /api/duty/call-ups/:id/respond': {
      inScope: async (c) => ({ method: 'POST', url: `/api/duty/call-ups/${await mine(c, () => freshCallUp('A'), fx.dutyCallUpA!)}/respond`, body: {} }),
      outOfScope: () => ({ method: 'POST', url: `/api/duty/call-ups/${fx.dutyCallUpB}/respond`, body: {} }),
    },

    // Members (staff).
    'POST /api/duty/members': {
      inScope: async () => ({
        method: 'POST',
        url: '/api/duty/members',
        body: { residentId: await m.freshResident(m.tree.dwellingsA[5]!), roles: ['patrol'] },
      }),
      outOfScope: async () => ({
        method: 'POST',
        url: '/api/duty/members',
        body: { residentId: await m.freshResident(m.tree.dwellingsB[5]!), roles: ['patrol'] },
      }),
    },
    'GET /api/duty/members': {
      inScope: () => ({ method: 'GET', url: '/api/duty/members' }),
      outOfScope: () => ({ method: 'GET', url: `/api/duty/members?communityId=${m.tree.communityB}` }),
      scopedFor: (role) => role !== 'employer_liaison',
    },
    'GET /api/duty/members/:id': {
      inScope: () => ({ method: 'GET', url: `/api/duty/members/${fx.dutyMemberA}` }),
      outOfScope: () => ({ method: 'GET', url: `/api/duty/members/${fx.dutyMemberB}` }),
    },
    'POST /api/duty/members/:id/confirm': {
      inScope: async () => ({ method: 'POST', url: `/api/duty/members/${await freshMember('A', false)}/confirm`, body: {} }),
      outOfScope: async () => ({ method: 'POST', url: `/api/duty/members/${await freshMember('B', false)}/confirm`, body: {} }),
    },
    'POST /api/duty/members/:id/reject': {
      inScope: async () => ({ method: 'POST', url: `/api/duty/members/${await freshMember('A', false)}/reject`, body: { reason: '不在本社区居住' } }),
      outOfScope: async () => ({ method: 'POST', url: `/api/duty/members/${await freshMember('B', false)}/reject`, body: { reason: '不在本社区居住' } }),
    },

    // Posts and shifts.
    'POST /api/duty/posts': {
      inScope: () => ({ method: 'POST', url: '/api/duty/posts', body: { placeId: m.tree.compoundA, kind: 'gate', name: '矩阵东门', role: 'gatekeeper' } }),
      outOfScope: () => ({ method: 'POST', url: '/api/duty/posts', body: { placeId: m.tree.compoundB, kind: 'gate', name: '矩阵东门', role: 'gatekeeper' } }),
    },
    'GET /api/duty/posts': {
      inScope: () => ({ method: 'GET', url: '/api/duty/posts' }),
      outOfScope: () => ({ method: 'GET', url: `/api/duty/posts?communityId=${m.tree.communityB}` }),
    },
    'GET /api/duty/posts/:id': {
      inScope: () => ({ method: 'GET', url: `/api/duty/posts/${fx.dutyPostA}` }),
      outOfScope: () => ({ method: 'GET', url: `/api/duty/posts/${fx.dutyPostB}` }),
    },
    'PATCH /api/duty/posts/:id': {
      inScope: () => ({ method: 'PATCH', url: `/api/duty/posts/${fx.dutyPostA}`, body: { name: '矩阵改名岗' } }),
      outOfScope: () => ({ method: 'PATCH', url: `/api/duty/posts/${fx.dutyPostB}`, body: { name: '矩阵改名岗' } }),
    },
    'GET /api/duty/posts/:id/qr': {
      inScope: () => ({ method: 'GET', url: `/api/duty/posts/${fx.dutyPostA}/qr` }),
      outOfScope: () => ({ method: 'GET', url: `/api/duty/posts/${fx.dutyPostB}/qr` }),
    },
    'GET /api/duty/posts/:id/table': {
      inScope: () => ({ method: 'GET', url: `/api/duty/posts/${fx.dutyPostA}/table` }),
      outOfScope: () => ({ method: 'GET', url: `/api/duty/posts/${fx.dutyPostB}/table` }),
    },
    'POST /api/duty/posts/:id/shifts': {
      inScope: () => ({ method: 'POST', url: `/api/duty/posts/${fx.dutyPostA}/shifts`, body: { ...ahead(), headcount: 2 } }),
      outOfScope: () => ({ method: 'POST', url: `/api/duty/posts/${fx.dutyPostB}/shifts`, body: { ...ahead(), headcount: 2 } }),
    },
    'POST /api/duty/posts/:id/shifts/generate': {
      inScope: () => ({
        method: 'POST',
        url: `/api/duty/posts/${fx.dutyPostA}/shifts/generate`,
        body: { from: today(), to: today(), pattern: '2x12', headcount: 1 },
      }),
      outOfScope: () => ({
        method: 'POST',
        url: `/api/duty/posts/${fx.dutyPostB}/shifts/generate`,
        body: { from: today(), to: today(), pattern: '2x12', headcount: 1 },
      }),
    },
    'GET /api/duty/shifts': {
      inScope: () => ({ method: 'GET', url: '/api/duty/shifts' }),
      outOfScope: () => ({ method: 'GET', url: `/api/duty/shifts?communityId=${m.tree.communityB}` }),
    },
    'GET /api/duty/shifts/:id': {
      inScope: () => ({ method: 'GET', url: `/api/duty/shifts/${fx.dutyShiftA}` }),
      outOfScope: () => ({ method: 'GET', url: `/api/duty/shifts/${fx.dutyShiftB}` }),
    },
    'POST /api/duty/shifts/:id/assign': {
      inScope: async () => ({ method: 'POST', url: `/api/duty/shifts/${await freshShift('A')}/assign`, body: { memberId: await freshMember('A') } }),
      outOfScope: async () => ({ method: 'POST', url: `/api/duty/shifts/${await freshShift('B')}/assign`, body: { memberId: await freshMember('B') } }),
    },
    'POST /api/duty/claims/:id/cancel': {
      inScope: async () => ({ method: 'POST', url: `/api/duty/claims/${await freshClaim('A')}/cancel`, body: {} }),
      outOfScope: async () => ({ method: 'POST', url: `/api/duty/claims/${await freshClaim('B')}/cancel`, body: {} }),
    },
    'POST /api/duty/claims/:id/check-in': {
      inScope: async () => ({ method: 'POST', url: `/api/duty/claims/${await freshClaim('A', true)}/check-in`, body: {} }),
      outOfScope: async () => ({ method: 'POST', url: `/api/duty/claims/${await freshClaim('B', true)}/check-in`, body: {} }),
    },
    'POST /api/duty/claims/:id/no-show': {
      // An assigned place always starts ahead, so in scope the route answers that it is too early (past access and scope).
      ok: [409],
      inScope: async () => ({ method: 'POST', url: `/api/duty/claims/${await freshClaim('A')}/no-show`, body: {} }),
      outOfScope: async () => ({ method: 'POST', url: `/api/duty/claims/${await freshClaim('B')}/no-show`, body: {} }),
    },
    'POST /api/duty/claims/:id/check-out': {
      inScope: async () => ({ method: 'POST', url: `/api/duty/claims/${await checkedIn('A')}/check-out`, body: {} }),
      outOfScope: async () => ({ method: 'POST', url: `/api/duty/claims/${await checkedIn('B')}/check-out`, body: {} }),
    },

    // Call-ups.
    'POST /api/duty/call-ups': {
      inScope: async () => {
        const when = ahead();
        return {
          method: 'POST',
          url: '/api/duty/call-ups',
          body: { title: '矩阵吹哨', placeId: m.tree.communityA, postIds: [fx.dutyPostA], needed: 1, ...when, deadline: minutes(60) },
        };
      },
      outOfScope: async () => {
        const when = ahead();
        return {
          method: 'POST',
          url: '/api/duty/call-ups',
          body: { title: '矩阵吹哨', placeId: m.tree.communityB, postIds: [fx.dutyPostB], needed: 1, ...when, deadline: minutes(60) },
        };
      },
    },
    'GET /api/duty/call-ups': {
      inScope: () => ({ method: 'GET', url: '/api/duty/call-ups' }),
      outOfScope: () => ({ method: 'GET', url: `/api/duty/call-ups?communityId=${m.tree.communityB}` }),
    },
    'GET /api/duty/call-ups/:id': {
      inScope: () => ({ method: 'GET', url: `/api/duty/call-ups/${fx.dutyCallUpA}` }),
      outOfScope: () => ({ method: 'GET', url: `/api/duty/call-ups/${fx.dutyCallUpB}` }),
    },
    'POST /api/duty/call-ups/:id/close': {
      inScope: async () => ({ method: 'POST', url: `/api/duty/call-ups/${await freshCallUp('A')}/close`, body: {} }),
      outOfScope: async () => ({ method: 'POST', url: `/api/duty/call-ups/${await freshCallUp('B')}/close`, body: {} }),
    },

    // Teams.
    'POST /api/duty/teams': {
      inScope: () => ({ method: 'POST', url: '/api/duty/teams', body: { communityId: m.tree.communityA, name: '矩阵突击队' } }),
      outOfScope: () => ({ method: 'POST', url: '/api/duty/teams', body: { communityId: m.tree.communityB, name: '矩阵突击队' } }),
    },
    'GET /api/duty/teams': {
      inScope: () => ({ method: 'GET', url: '/api/duty/teams' }),
      outOfScope: () => ({ method: 'GET', url: `/api/duty/teams?communityId=${m.tree.communityB}` }),
    },
    'GET /api/duty/teams/:id': {
      inScope: () => ({ method: 'GET', url: `/api/duty/teams/${fx.dutyTeamA}` }),
      outOfScope: () => ({ method: 'GET', url: `/api/duty/teams/${fx.dutyTeamB}` }),
    },
    'PATCH /api/duty/teams/:id': {
      inScope: async () => {
        const id = await freshTeam('A');
        return { method: 'PATCH', url: `/api/duty/teams/${id}`, body: { name: '矩阵改名队', version: 1 } };
      },
      outOfScope: async () => {
        const id = await freshTeam('B');
        return { method: 'PATCH', url: `/api/duty/teams/${id}`, body: { name: '矩阵改名队', version: 1 } };
      },
    },
    'POST /api/duty/teams/:id/posts': {
      inScope: async () => ({ method: 'POST', url: `/api/duty/teams/${fx.dutyTeamA}/posts`, body: { postIds: [await freshPost('A')] } }),
      outOfScope: async () => ({ method: 'POST', url: `/api/duty/teams/${fx.dutyTeamB}/posts`, body: { postIds: [await freshPost('B')] } }),
    },
    'POST /api/duty/teams/:id/members': {
      inScope: async () => ({ method: 'POST', url: `/api/duty/teams/${fx.dutyTeamA}/members`, body: { memberId: await freshMember('A'), role: 'patrol' } }),
      outOfScope: async () => ({ method: 'POST', url: `/api/duty/teams/${fx.dutyTeamB}/members`, body: { memberId: await freshMember('B'), role: 'patrol' } }),
    },
    'DELETE /api/duty/teams/:id/members/:memberId': {
      inScope: async () => {
        const memberId = await freshMember('A');
        await created(await coord().post(`/api/duty/teams/${fx.dutyTeamA}/members`, { memberId, role: 'patrol' }), 'team member');
        return { method: 'DELETE', url: `/api/duty/teams/${fx.dutyTeamA}/members/${memberId}` };
      },
      outOfScope: async () => {
        const memberId = await freshMember('B');
        await created(await coord().post(`/api/duty/teams/${fx.dutyTeamB}/members`, { memberId, role: 'patrol' }), 'team member');
        return { method: 'DELETE', url: `/api/duty/teams/${fx.dutyTeamB}/members/${memberId}` };
      },
    },

    // The "2+1" roster and settings.
    'GET /api/duty/roster': {
      inScope: () => ({ method: 'GET', url: `/api/duty/roster?communityId=${m.tree.communityA}` }),
      outOfScope: () => ({ method: 'GET', url: `/api/duty/roster?communityId=${m.tree.communityB}` }),
    },
    'PUT /api/duty/roster/:id': {
      inScope: () => ({ method: 'PUT', url: `/api/duty/roster/${m.tree.buildingA}`, body: { memberId: fx.dutyMemberA, validFrom: today() } }),
      outOfScope: () => ({ method: 'PUT', url: `/api/duty/roster/${m.tree.buildingB}`, body: { memberId: fx.dutyMemberB, validFrom: today() } }),
    },
    'GET /api/duty/settings': { inScope: () => ({ method: 'GET', url: '/api/duty/settings' }) },
    'PUT /api/duty/settings/:id': {
      inScope: () => ({ method: 'PUT', url: `/api/duty/settings/${m.tree.communityA}`, body: settings }),
      outOfScope: () => ({ method: 'PUT', url: `/api/duty/settings/${m.tree.communityB}`, body: settings }),
    },
  };
}

/** Hand-written: see SensitiveRoutes in test-support/access-matrix.ts. */
export const sensitive: SensitiveRoutes = {
  // Turning a member's report down: the community's staff and the coordinators above it.
  'POST /api/duty/members/:id/reject': ['center_coordinator', 'department_coordinator', 'community_staff'],
};
