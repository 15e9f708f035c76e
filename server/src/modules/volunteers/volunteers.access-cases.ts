import { ROLE_PERMISSIONS, type Permission } from '@jiayuan/contracts';
import { sql } from '../../platform/db/database.js';
import type { Caller, Case, MatrixContext } from '../../test-support/access-matrix.js';
import type { TestClient } from '../../test-support/http-client.js';

/**
 * The access matrix's cases for volunteers: staff routes in the community's scope (B's records: 404);
 * volunteers and residents act for themselves. Every signed-in caller of a `user` route is made a
 * volunteer of community A on first use (a staff account by its user id; the phone resident joins).
 */
export function accessCases(m: MatrixContext): Record<string, Case> {
  const { fx, ix, created, t } = m;
  const coord = () => ix.coord!;
  const A = () => m.tree.communityA;
  const B = () => m.tree.communityB;
  const minutes = (n: number) => new Date(t.clock.now().getTime() + n * 60000).toISOString();
  const ahead = () => {
    const d = m.next();
    return { windowStart: minutes(d * 1440 + 600), windowEnd: minutes(d * 1440 + 720) };
  };
  const holds = (c: Caller, p: Permission) =>
    c.role !== 'anonymous' && c.role !== 'phone_resident' && (ROLE_PERMISSIONS[c.role] as readonly string[]).includes(p);
  const mine = <T>(c: Caller, make: () => Promise<T>, otherwise: T) => (c.role === 'phone_resident' ? make() : Promise.resolve(otherwise));

  const volunteers = new Map<string, Promise<number>>();
  /** The caller as a volunteer of community A (made on first use). */
  function volunteerOf(c: Caller): Promise<number> {
    let v = volunteers.get(c.role);
    if (!v) {
      v = (async () => {
        if (c.role === 'phone_resident') {
          await c.client.post('/api/volunteers/my/join', { serviceTypes: ['shopping'] });
          return (await created(await c.client.get('/api/volunteers/my'), 'me')).volunteer.id as number;
        }
        return (await created(await coord().post('/api/volunteers/people', { userId: c.userId, placeId: A() }), 'volunteer')).id as number;
      })();
      volunteers.set(c.role, v);
    }
    return v;
  }
  const asVolunteer = async (c: Caller) => {
    if (c.role !== 'anonymous') await volunteerOf(c);
  };
  /** A helper volunteer of A who takes and serves needs for the cases (the district's desk). */
  const helper = () => m.desk as TestClient;

  const freshResident = (s: 'A' | 'B') => m.freshResident((s === 'A' ? m.tree.dwellingsA : m.tree.dwellingsB)[m.next() % 6]!);
  async function freshVolunteer(s: 'A' | 'B', employerId: number | null = null) {
    const residentId = await freshResident(s);
    return (await created(await coord().post('/api/volunteers/people', { residentId, placeId: s === 'A' ? A() : B(), employerId }), 'volunteer')).id as number;
  }
  /** A need published by the coordinator for a resident of the side. */
  async function freshNeed(s: 'A' | 'B', category = 'shopping') {
    const residentId = await freshResident(s);
    return (await created(await coord().post('/api/volunteers/needs', { residentId, category, title: `矩阵需求${m.next()}`, ...ahead() }), 'need'))
      .id as number;
  }
  async function takenBy(client: TestClient, need: number) {
    await created(await client.post(`/api/volunteers/needs/${need}/take`, {}), 'take');
    return need;
  }
  async function served(client: TestClient, need: number) {
    await takenBy(client, need);
    await created(await client.post(`/api/volunteers/needs/${need}/done`, { minutes: 30 }), 'done');
    return need;
  }
  async function freshActivity(s: 'A' | 'B', startIn = 60 * 24) {
    return (
      await created(
        await coord().post('/api/volunteers/activities', {
          title: `矩阵活动${m.next()}`,
          placeId: s === 'A' ? A() : B(),
          startsAt: minutes(startIn),
          endsAt: minutes(startIn + 120),
          capacity: 50,
        }),
        'activity',
      )
    ).id as number;
  }
  async function freshDispatch(s: 'A' | 'B') {
    return (
      await created(
        await coord().post('/api/volunteers/dispatches', {
          title: `矩阵调度${m.next()}`,
          placeId: s === 'A' ? A() : B(),
          startsAt: minutes(60),
          endsAt: minutes(240),
          quotas: [{ employerId: s === 'A' ? fx.employerA : fx.employerB, quota: 50 }],
        }),
        'dispatch',
      )
    ).id as number;
  }
  /** A ledger entry written straight to the module's table (the workflows that make them have their own tests). */
  async function entry(s: 'A' | 'B', status: 'pending' | 'confirmed') {
    const v = s === 'A' ? fx.volVolunteerA! : fx.volVolunteerB!;
    const path = (await t.platform.db.execute(sql`SELECT path FROM places WHERE id = ${s === 'A' ? A() : B()}`)) as unknown as { rows: { path: string }[] };
    const r = (await t.platform.db.execute(
      sql`INSERT INTO vol_hours (volunteer_id, source, source_id, minutes, served_at, status, community_id, place_path)
          VALUES (${v}, 'activity', ${1_000_000 + m.next()}, 60, ${t.clock.now()}, ${status}, ${s === 'A' ? A() : B()}, ${path.rows[0]!.path}) RETURNING id`,
    )) as unknown as { rows: { id: number }[] };
    return Number(r.rows[0]!.id);
  }
  async function award(s: 'A' | 'B') {
    const v = s === 'A' ? fx.volVolunteerA! : fx.volVolunteerB!;
    const path = (await t.platform.db.execute(sql`SELECT place_path FROM vol_volunteers WHERE id = ${v}`)) as unknown as { rows: { place_path: string }[] };
    const r = (await t.platform.db.execute(
      sql`INSERT INTO vol_awards (rule_id, volunteer_id, place_path, period_from, period_to, reason)
          VALUES (${fx.volRule}, ${v}, ${path.rows[0]!.place_path}, '2026-01-01', ${`2026-01-${String((m.next() % 27) + 1).padStart(2, '0')}`}, '[]'::jsonb) RETURNING id`,
    )) as unknown as { rows: { id: number }[] };
    return Number(r.rows[0]!.id);
  }
  const posting = async (s: 'A' | 'B') =>
    (await created(await coord().post('/api/volunteers/bank/fund', { communityId: s === 'A' ? A() : B(), minutes: 10, memo: '矩阵' }), 'fund')).id as number;

  /** The phone resident's own: a family member of their household, their account funded by a grant. */
  let family: Promise<number> | null = null;
  function familyOf(me: TestClient): Promise<number> {
    family ??= (async () => {
      const residentId = (await created(await me.get('/api/volunteers/my'), 'me')).volunteer.residentId as number;
      const household = (await created(await m.admin.get(`/api/residents/${residentId}`), 'resident')).householdId as number;
      const relative = (await created(await m.admin.post('/api/residents', { householdId: household, name: '矩阵家属', relation: 'child' }), 'family'))
        .id as number;
      await created(await coord().post('/api/volunteers/bank/grants', { toResidentId: residentId, minutes: 100, memo: '矩阵补助' }), 'grant');
      return relative;
    })();
    return family;
  }

  m.setup(async () => {
    await created(await coord().post('/api/volunteers/bank/fund', { communityId: A(), minutes: 100000, memo: '矩阵爱心池' }), 'fund A');
    await created(await coord().post('/api/volunteers/bank/fund', { communityId: B(), minutes: 100000, memo: '矩阵爱心池' }), 'fund B');
    await created(await coord().post('/api/volunteers/people', { userId: (m.desk as TestClient & { userId: number }).userId, placeId: A() }), 'desk volunteer');
    fx.volVolunteerA = await freshVolunteer('A', fx.employerA!);
    fx.volVolunteerB = await freshVolunteer('B', fx.employerB!);
    fx.volNeedA = await freshNeed('A');
    fx.volNeedB = await freshNeed('B');
    fx.volTeamA = (await created(await coord().post('/api/volunteers/teams', { name: '矩阵服务队A', serviceType: 'shopping', placeId: A() }), 'team')).id;
    fx.volTeamB = (await created(await coord().post('/api/volunteers/teams', { name: '矩阵服务队B', serviceType: 'shopping', placeId: B() }), 'team')).id;
    fx.volActivityA = await freshActivity('A');
    fx.volActivityB = await freshActivity('B');
    fx.volDispatchA = await freshDispatch('A');
    fx.volDispatchB = await freshDispatch('B');
    fx.volProgrammeA = (
      await created(await coord().post('/api/volunteers/programmes', { name: '情暖西城', year: 2026, themes: ['health'], placeIds: [A()] }), 'programme')
    ).id;
    fx.volProgrammeB = (
      await created(await coord().post('/api/volunteers/programmes', { name: '情暖西城', year: 2026, themes: ['health'], placeIds: [B()] }), 'programme')
    ).id;
    fx.volRule = (
      await created(await coord().post('/api/volunteers/award-rules', { name: '优秀志愿者', criteria: [{ metric: 'minutes', atLeast: 0 }] }), 'rule')
    ).id;
    const grantA = await created(
      await coord().post('/api/volunteers/bank/grants', { toResidentId: await freshResident('A'), minutes: 5, memo: '矩阵' }),
      'grant A',
    );
    const grantB = await created(
      await coord().post('/api/volunteers/bank/grants', { toResidentId: await freshResident('B'), minutes: 5, memo: '矩阵' }),
      'grant B',
    );
    fx.volAccountA = grantA.lines.find((l: { amount: number }) => l.amount > 0).accountId;
    fx.volAccountB = grantB.lines.find((l: { amount: number }) => l.amount > 0).accountId;
  });

  return {
    // ------------------------------------------------------------------ the volunteer's and resident's own
    'GET /api/volunteers/my': { inScope: async (c) => (await asVolunteer(c), { method: 'GET', url: '/api/volunteers/my' }) },
    'POST /api/volunteers/my/join': {
      inScope: async (c) => (await mine(c, () => volunteerOf(c), 0), { method: 'POST', url: '/api/volunteers/my/join', body: {} }),
      // The phone resident joined on first use: a second time is refused as such.
      ok: [409],
    },
    'GET /api/volunteers/my/card': { inScope: async (c) => (await asVolunteer(c), { method: 'GET', url: '/api/volunteers/my/card' }) },
    'GET /api/volunteers/my/open-needs': { inScope: async (c) => (await asVolunteer(c), { method: 'GET', url: '/api/volunteers/my/open-needs' }) },
    'GET /api/volunteers/my/hours': { inScope: async (c) => (await asVolunteer(c), { method: 'GET', url: '/api/volunteers/my/hours' }) },
    'GET /api/volunteers/my/activities': { inScope: async (c) => (await asVolunteer(c), { method: 'GET', url: '/api/volunteers/my/activities' }) },
    'GET /api/volunteers/my/awards': { inScope: async (c) => (await asVolunteer(c), { method: 'GET', url: '/api/volunteers/my/awards' }) },
    'POST /api/volunteers/my/scan': {
      inScope: async (c) => {
        if (c.role === 'anonymous') return { method: 'POST', url: '/api/volunteers/my/scan', body: { token: 'x'.repeat(20) } };
        await volunteerOf(c);
        const activity = await freshActivity('A', 10);
        await created(await c.client.post(`/api/volunteers/activities/${activity}/sign-up`, {}), 'sign-up');
        const token = (await created(await coord().get(`/api/volunteers/activities/${activity}/qr`), 'qr')).token as string;
        return { method: 'POST', url: '/api/volunteers/my/scan', body: { token } };
      },
    },
    'POST /api/volunteers/my/needs': {
      inScope: () => ({ method: 'POST', url: '/api/volunteers/my/needs', body: { category: 'medicine', title: '矩阵买药', ...ahead() } }),
      ok: [201],
    },
    'GET /api/volunteers/my/needs': { inScope: () => ({ method: 'GET', url: '/api/volunteers/my/needs' }) },
    'GET /api/volunteers/my/bank': { inScope: () => ({ method: 'GET', url: '/api/volunteers/my/bank' }) },
    'GET /api/volunteers/my/bank/statement': {
      inScope: async (c) => (await mine(c, async () => familyOf(c.client), 0), { method: 'GET', url: '/api/volunteers/my/bank/statement' }),
    },
    'POST /api/volunteers/my/bank/delegates': {
      inScope: async (c) => ({ method: 'POST', url: '/api/volunteers/my/bank/delegates', body: { residentId: await mine(c, () => familyOf(c.client), 1) } }),
    },
    'POST /api/volunteers/my/bank/transfers': {
      inScope: async (c) => ({
        method: 'POST',
        url: '/api/volunteers/my/bank/transfers',
        body: { toResidentId: await mine(c, () => familyOf(c.client), 1), minutes: 1 },
      }),
    },

    // ------------------------------------------------------------------ needs
    'GET /api/volunteers/needs': { inScope: () => ({ method: 'GET', url: '/api/volunteers/needs' }) },
    'POST /api/volunteers/needs': {
      inScope: async () => ({
        method: 'POST',
        url: '/api/volunteers/needs',
        body: { residentId: await freshResident('A'), category: 'cleaning', title: '矩阵保洁', ...ahead() },
      }),
      outOfScope: async () => ({
        method: 'POST',
        url: '/api/volunteers/needs',
        body: { residentId: await freshResident('B'), category: 'cleaning', title: '矩阵保洁', ...ahead() },
      }),
      ok: [201],
    },
    'GET /api/volunteers/needs/:id': {
      inScope: async (c) => {
        await asVolunteer(c);
        return { method: 'GET', url: `/api/volunteers/needs/${fx.volNeedA}` };
      },
      outOfScope: () => ({ method: 'GET', url: `/api/volunteers/needs/${fx.volNeedB}` }),
    },
    'POST /api/volunteers/needs/:id/take': {
      inScope: async (c) => (await asVolunteer(c), { method: 'POST', url: `/api/volunteers/needs/${await freshNeed('A')}/take`, body: {} }),
      outOfScope: async () => ({ method: 'POST', url: `/api/volunteers/needs/${await freshNeed('B')}/take`, body: {} }),
    },
    'POST /api/volunteers/needs/:id/done': {
      inScope: async (c) => {
        if (c.role === 'anonymous') return { method: 'POST', url: `/api/volunteers/needs/${fx.volNeedA}/done`, body: { minutes: 30 } };
        await volunteerOf(c);
        return { method: 'POST', url: `/api/volunteers/needs/${await takenBy(c.client, await freshNeed('A'))}/done`, body: { minutes: 30 } };
      },
      outOfScope: async () => ({ method: 'POST', url: `/api/volunteers/needs/${fx.volNeedB}/done`, body: { minutes: 30 } }),
    },
    'POST /api/volunteers/needs/:id/confirm': {
      // The resident whose need it is, or staff who may confirm for residents; any other volunteer is told it is not theirs (403).
      inScope: async (c) => {
        await asVolunteer(c);
        const need =
          c.role === 'phone_resident'
            ? (await created(await c.client.post('/api/volunteers/my/needs', { category: 'shopping', title: '矩阵确认', ...ahead() }), 'my need')).id
            : await freshNeed('A');
        if (c.role !== 'anonymous') await served(helper(), need);
        return { method: 'POST', url: `/api/volunteers/needs/${need}/confirm`, body: {} };
      },
      ok: (c) => (c.role === 'phone_resident' || holds(c, 'volunteers.need.manage') ? [200] : [403]),
    },
    'POST /api/volunteers/needs/:id/rate': {
      inScope: async (c) => {
        if (c.role === 'anonymous') return { method: 'POST', url: `/api/volunteers/needs/${fx.volNeedA}/rate`, body: { rating: 5 } };
        await volunteerOf(c);
        if (c.role === 'phone_resident') {
          const need = (await created(await c.client.post('/api/volunteers/my/needs', { category: 'shopping', title: '矩阵评价', ...ahead() }), 'my need')).id;
          await served(helper(), need);
          return { method: 'POST', url: `/api/volunteers/needs/${need}/rate`, body: { rating: 5 } };
        }
        const need = await served(c.client, await freshNeed('A'));
        return { method: 'POST', url: `/api/volunteers/needs/${need}/rate`, body: { rating: 4 } };
      },
    },
    'POST /api/volunteers/needs/:id/cancel': {
      inScope: async (c) => {
        await asVolunteer(c);
        const need =
          c.role === 'phone_resident'
            ? (await created(await c.client.post('/api/volunteers/my/needs', { category: 'shopping', title: '矩阵取消', ...ahead() }), 'my need')).id
            : await freshNeed('A');
        return { method: 'POST', url: `/api/volunteers/needs/${need}/cancel`, body: { reason: '不需要了' } };
      },
      ok: (c) => (c.role === 'phone_resident' || holds(c, 'volunteers.need.manage') ? [200] : [403]),
    },
    'POST /api/volunteers/needs/:id/hand-over': {
      inScope: async (c) => {
        if (c.role === 'anonymous') return { method: 'POST', url: `/api/volunteers/needs/${fx.volNeedA}/hand-over`, body: {} };
        await volunteerOf(c);
        return { method: 'POST', url: `/api/volunteers/needs/${await takenBy(c.client, await freshNeed('A'))}/hand-over`, body: { reason: '临时有事' } };
      },
    },
    'POST /api/volunteers/needs/:id/no-show': {
      inScope: async () => ({
        method: 'POST',
        url: `/api/volunteers/needs/${await takenBy(helper(), await freshNeed('A'))}/no-show`,
        body: { volunteerId: await deskVolunteer() },
      }),
      outOfScope: async () => ({ method: 'POST', url: `/api/volunteers/needs/${fx.volNeedB}/no-show`, body: { volunteerId: await deskVolunteer() } }),
    },

    // ------------------------------------------------------------------ volunteers and teams
    'GET /api/volunteers/people': { inScope: () => ({ method: 'GET', url: '/api/volunteers/people' }) },
    'POST /api/volunteers/people': {
      inScope: async () => ({ method: 'POST', url: '/api/volunteers/people', body: { residentId: await freshResident('A'), placeId: A() } }),
      outOfScope: async () => ({ method: 'POST', url: '/api/volunteers/people', body: { residentId: await freshResident('B'), placeId: B() } }),
      ok: [201],
    },
    'GET /api/volunteers/people/:id': {
      inScope: () => ({ method: 'GET', url: `/api/volunteers/people/${fx.volVolunteerA}` }),
      outOfScope: () => ({ method: 'GET', url: `/api/volunteers/people/${fx.volVolunteerB}` }),
    },
    'GET /api/volunteers/teams': { inScope: () => ({ method: 'GET', url: '/api/volunteers/teams' }) },
    'POST /api/volunteers/teams': {
      inScope: () => ({ method: 'POST', url: '/api/volunteers/teams', body: { name: '矩阵队', serviceType: 'cleaning', placeId: A() } }),
      outOfScope: () => ({ method: 'POST', url: '/api/volunteers/teams', body: { name: '矩阵队', serviceType: 'cleaning', placeId: B() } }),
      ok: [201],
    },
    'POST /api/volunteers/teams/:id/members': {
      inScope: async () => ({ method: 'POST', url: `/api/volunteers/teams/${fx.volTeamA}/members`, body: { volunteerId: await freshVolunteer('A') } }),
      outOfScope: async () => ({ method: 'POST', url: `/api/volunteers/teams/${fx.volTeamB}/members`, body: { volunteerId: await freshVolunteer('B') } }),
    },

    // ------------------------------------------------------------------ activities and programmes
    'GET /api/volunteers/activities': { inScope: () => ({ method: 'GET', url: '/api/volunteers/activities' }) },
    'POST /api/volunteers/activities': {
      inScope: () => ({
        method: 'POST',
        url: '/api/volunteers/activities',
        body: { title: '矩阵活动', placeId: A(), startsAt: minutes(60), endsAt: minutes(120), capacity: 5 },
      }),
      outOfScope: () => ({
        method: 'POST',
        url: '/api/volunteers/activities',
        body: { title: '矩阵活动', placeId: B(), startsAt: minutes(60), endsAt: minutes(120), capacity: 5 },
      }),
      ok: [201],
    },
    'GET /api/volunteers/activities/:id': {
      inScope: () => ({ method: 'GET', url: `/api/volunteers/activities/${fx.volActivityA}` }),
      outOfScope: () => ({ method: 'GET', url: `/api/volunteers/activities/${fx.volActivityB}` }),
    },
    'GET /api/volunteers/activities/:id/qr': {
      inScope: () => ({ method: 'GET', url: `/api/volunteers/activities/${fx.volActivityA}/qr` }),
      outOfScope: () => ({ method: 'GET', url: `/api/volunteers/activities/${fx.volActivityB}/qr` }),
    },
    'POST /api/volunteers/activities/:id/confirm': {
      inScope: async () => ({ method: 'POST', url: `/api/volunteers/activities/${await freshActivity('A', -10)}/confirm`, body: {} }),
      outOfScope: async () => ({ method: 'POST', url: `/api/volunteers/activities/${await freshActivity('B', -10)}/confirm`, body: {} }),
    },
    'POST /api/volunteers/activities/:id/sign-up': {
      inScope: async (c) => (await asVolunteer(c), { method: 'POST', url: `/api/volunteers/activities/${await freshActivity('A')}/sign-up`, body: {} }),
      outOfScope: () => ({ method: 'POST', url: `/api/volunteers/activities/${fx.volActivityB}/sign-up`, body: {} }),
    },
    'POST /api/volunteers/signups/:id/cancel': {
      inScope: async (c) => {
        if (c.role === 'anonymous') return { method: 'POST', url: '/api/volunteers/signups/1/cancel', body: {} };
        await volunteerOf(c);
        const activity = await freshActivity('A');
        await created(await c.client.post(`/api/volunteers/activities/${activity}/sign-up`, {}), 'sign-up');
        const mineNow = (await created(await c.client.get('/api/volunteers/my/activities?pageSize=200'), 'mine')).items.find(
          (a: { id: number }) => a.id === activity,
        );
        return { method: 'POST', url: `/api/volunteers/signups/${mineNow.mySignup.id}/cancel`, body: {} };
      },
    },
    'POST /api/volunteers/signups/:id/check-in': {
      inScope: async () => ({ method: 'POST', url: `/api/volunteers/signups/${await deskSignup('A', 10)}/check-in`, body: {} }),
    },
    'POST /api/volunteers/signups/:id/check-out': {
      inScope: async () => {
        const s = await deskSignup('A', 10);
        await created(await coord().post(`/api/volunteers/signups/${s}/check-in`, {}), 'check-in');
        return { method: 'POST', url: `/api/volunteers/signups/${s}/check-out`, body: {} };
      },
    },
    'GET /api/volunteers/programmes': { inScope: () => ({ method: 'GET', url: '/api/volunteers/programmes' }) },
    'POST /api/volunteers/programmes': {
      inScope: () => ({ method: 'POST', url: '/api/volunteers/programmes', body: { name: '矩阵行动', year: 2026, themes: ['green'], placeIds: [A()] } }),
      outOfScope: () => ({ method: 'POST', url: '/api/volunteers/programmes', body: { name: '矩阵行动', year: 2026, themes: ['green'], placeIds: [B()] } }),
      ok: [201],
    },
    'GET /api/volunteers/programmes/:id': {
      inScope: () => ({ method: 'GET', url: `/api/volunteers/programmes/${fx.volProgrammeA}` }),
      outOfScope: () => ({ method: 'GET', url: `/api/volunteers/programmes/${fx.volProgrammeB}` }),
    },

    // ------------------------------------------------------------------ dispatch
    'GET /api/volunteers/dispatches': { inScope: () => ({ method: 'GET', url: '/api/volunteers/dispatches' }) },
    'POST /api/volunteers/dispatches': {
      inScope: () => ({
        method: 'POST',
        url: '/api/volunteers/dispatches',
        body: { title: '矩阵调度', placeId: A(), startsAt: minutes(30), endsAt: minutes(90), quotas: [{ employerId: fx.employerA, quota: 2 }] },
      }),
      outOfScope: () => ({
        method: 'POST',
        url: '/api/volunteers/dispatches',
        body: { title: '矩阵调度', placeId: B(), startsAt: minutes(30), endsAt: minutes(90), quotas: [{ employerId: fx.employerB, quota: 2 }] },
      }),
      ok: [201],
    },
    'GET /api/volunteers/dispatches/:id': {
      inScope: () => ({ method: 'GET', url: `/api/volunteers/dispatches/${fx.volDispatchA}` }),
      outOfScope: () => ({ method: 'GET', url: `/api/volunteers/dispatches/${fx.volDispatchB}` }),
    },
    'POST /api/volunteers/dispatches/:id/answer': {
      inScope: async () => ({
        method: 'POST',
        url: `/api/volunteers/dispatches/${fx.volDispatchA}/answer`,
        body: { volunteerIds: [await freshVolunteer('A', fx.employerA!)] },
      }),
      outOfScope: async () => ({
        method: 'POST',
        url: `/api/volunteers/dispatches/${fx.volDispatchB}/answer`,
        body: { volunteerIds: [await freshVolunteer('B', fx.employerB!)] },
      }),
    },
    'POST /api/volunteers/dispatches/:id/close': {
      inScope: async () => ({ method: 'POST', url: `/api/volunteers/dispatches/${await freshDispatch('A')}/close`, body: { attendedPersonIds: [] } }),
      outOfScope: async () => ({ method: 'POST', url: `/api/volunteers/dispatches/${await freshDispatch('B')}/close`, body: { attendedPersonIds: [] } }),
    },

    // ------------------------------------------------------------------ pairings
    'GET /api/volunteers/pairings': { inScope: () => ({ method: 'GET', url: '/api/volunteers/pairings' }) },
    'POST /api/volunteers/pairings': {
      inScope: async () => ({
        method: 'POST',
        url: '/api/volunteers/pairings',
        body: { volunteerId: await freshVolunteer('A'), residentId: await freshResident('A') },
      }),
      outOfScope: async () => ({
        method: 'POST',
        url: '/api/volunteers/pairings',
        body: { volunteerId: await freshVolunteer('B'), residentId: await freshResident('B') },
      }),
      ok: [201],
    },
    'POST /api/volunteers/pairings/:id/end': {
      inScope: async () => ({ method: 'POST', url: `/api/volunteers/pairings/${await pairing('A')}/end`, body: {} }),
      outOfScope: async () => ({ method: 'POST', url: `/api/volunteers/pairings/${await pairing('B')}/end`, body: {} }),
    },

    // ------------------------------------------------------------------ the hours ledger
    'GET /api/volunteers/hours': { inScope: () => ({ method: 'GET', url: '/api/volunteers/hours' }) },
    'GET /api/volunteers/hours/statement': {
      inScope: () => ({ method: 'GET', url: `/api/volunteers/hours/statement?by=team&from=${m.today()}&to=${m.today()}` }),
    },
    'POST /api/volunteers/hours/:id/decide': {
      inScope: async () => ({ method: 'POST', url: `/api/volunteers/hours/${await entry('A', 'pending')}/decide`, body: {} }),
      outOfScope: async () => ({ method: 'POST', url: `/api/volunteers/hours/${await entry('B', 'pending')}/decide`, body: {} }),
    },
    'POST /api/volunteers/hours/:id/reverse': {
      inScope: async () => ({ method: 'POST', url: `/api/volunteers/hours/${await entry('A', 'confirmed')}/reverse`, body: { reason: '矩阵更正' } }),
      outOfScope: async () => ({ method: 'POST', url: `/api/volunteers/hours/${await entry('B', 'confirmed')}/reverse`, body: { reason: '矩阵更正' } }),
    },

    // ------------------------------------------------------------------ the love bank
    'GET /api/volunteers/bank/accounts': { inScope: () => ({ method: 'GET', url: '/api/volunteers/bank/accounts' }) },
    'GET /api/volunteers/bank/accounts/:id/statement': {
      inScope: () => ({ method: 'GET', url: `/api/volunteers/bank/accounts/${fx.volAccountA}/statement` }),
      outOfScope: () => ({ method: 'GET', url: `/api/volunteers/bank/accounts/${fx.volAccountB}/statement` }),
    },
    'POST /api/volunteers/bank/grants': {
      inScope: async () => ({ method: 'POST', url: '/api/volunteers/bank/grants', body: { toResidentId: await freshResident('A'), minutes: 1, memo: '矩阵' } }),
      outOfScope: async () => ({
        method: 'POST',
        url: '/api/volunteers/bank/grants',
        body: { toResidentId: await freshResident('B'), minutes: 1, memo: '矩阵' },
      }),
    },
    'POST /api/volunteers/bank/fund': {
      inScope: () => ({ method: 'POST', url: '/api/volunteers/bank/fund', body: { communityId: A(), minutes: 1, memo: '矩阵' } }),
      outOfScope: () => ({ method: 'POST', url: '/api/volunteers/bank/fund', body: { communityId: B(), minutes: 1, memo: '矩阵' } }),
    },
    'POST /api/volunteers/bank/postings/:id/reverse': {
      inScope: async () => ({ method: 'POST', url: `/api/volunteers/bank/postings/${await posting('A')}/reverse`, body: { reason: '矩阵更正' } }),
      outOfScope: async () => ({ method: 'POST', url: `/api/volunteers/bank/postings/${await posting('B')}/reverse`, body: { reason: '矩阵更正' } }),
    },

    // ------------------------------------------------------------------ recognition
    'GET /api/volunteers/award-rules': { inScope: () => ({ method: 'GET', url: '/api/volunteers/award-rules' }) },
    'POST /api/volunteers/award-rules': {
      inScope: () => ({ method: 'POST', url: '/api/volunteers/award-rules', body: { name: '矩阵奖', criteria: [{ metric: 'needsServed', atLeast: 1 }] } }),
      ok: [201],
    },
    'POST /api/volunteers/award-rules/:id/propose': {
      inScope: () => ({ method: 'POST', url: `/api/volunteers/award-rules/${fx.volRule}/propose`, body: { from: '2026-01-01', to: m.today() } }),
    },
    'GET /api/volunteers/awards': { inScope: () => ({ method: 'GET', url: '/api/volunteers/awards' }) },
    'POST /api/volunteers/awards/:id/confirm': {
      inScope: async () => ({ method: 'POST', url: `/api/volunteers/awards/${await award('A')}/confirm`, body: {} }),
      outOfScope: async () => ({ method: 'POST', url: `/api/volunteers/awards/${await award('B')}/confirm`, body: {} }),
    },
  };

  async function deskVolunteer(): Promise<number> {
    return (await created(await helper().get('/api/volunteers/my'), 'desk')).volunteer.id as number;
  }
  async function deskSignup(s: 'A' | 'B', startIn: number): Promise<number> {
    const activity = await freshActivity(s, startIn);
    await created(await helper().post(`/api/volunteers/activities/${activity}/sign-up`, {}), 'desk sign-up');
    const detail = await created(await coord().get(`/api/volunteers/activities/${activity}`), 'activity');
    return detail.signups[0].id as number;
  }
  async function pairing(s: 'A' | 'B'): Promise<number> {
    return (
      await created(await coord().post('/api/volunteers/pairings', { volunteerId: await freshVolunteer(s), residentId: await freshResident(s) }), 'pairing')
    ).id as number;
  }
}
