import { ROLE_PERMISSIONS } from '@jiayuan/contracts';
import type { Caller, Case, MatrixContext, SensitiveRoutes } from '../test-support/access-matrix.js';
import { TEST_PASSWORD, userWith } from '../test-support/http-client.js';
import { importAndValidate, residentWorkbook } from '../test-support/workbooks.js';
import { queryOne, sql } from './db/database.js';
import { openObligations } from './obligations/obligations.service.js';

/** The access matrix's cases for the platform's routes: sign-in, users, tokens, audit, to-dos, calendar, imports, notifications, dashboard, figures, keys. */
export function accessCases(m: MatrixContext): Record<string, Case> {
  const { t, fx, next, nextAddress, created, versionOf, adminCaller, today } = m;

  const jobs = new Map<number, Promise<number>>();
  /** One validated import job per uploader (jobs are private to whoever uploaded them). */
  function jobOf(c: Caller): Promise<number> {
    // Callers who may not import are refused before the id matters; any job will do for them.
    if (c.role === 'anonymous' || c.role === 'phone_resident' || !ROLE_PERMISSIONS[c.role].includes('resident.import')) return jobOf(adminCaller());
    let job = jobs.get(c.userId!);
    if (!job) {
      job = (async () => {
        const file = await residentWorkbook([
          { community: '荟萃社区', compound: '建工小区', building: '3号楼', stairwell: '1单元', dwelling: '999', name: '查无此房' },
        ]);
        const done = await importAndValidate(c.client, file);
        if (done.status !== 'validated') throw new Error(`job ${done.id} ended ${done.status}: ${JSON.stringify(done.failure)}\n${t.recentErrors().join('')}`);
        return done.id as number;
      })();
      jobs.set(c.userId!, job);
    }
    return job;
  }
  /** A new validated job of the caller (or of the admin, for callers who may not import). */
  async function freshJobOf(c: Caller): Promise<number> {
    const owner = c.role === 'anonymous' || c.role === 'phone_resident' || !ROLE_PERMISSIONS[c.role].includes('resident.import') ? adminCaller() : c;
    const file = await residentWorkbook([
      { community: '荟萃社区', compound: '建工小区', building: '3号楼', stairwell: '1单元', dwelling: '997', name: '查无此房' },
    ]);
    const job = await importAndValidate(owner.client, file);
    if (job.status !== 'validated') throw new Error(`job ${job.id} ended ${job.status}: ${JSON.stringify(job.failure)}\n${t.recentErrors().join('')}`);
    return job.id as number;
  }
  // Let background validations finish before the database goes away.
  m.teardown(async () => {
    for (const job of jobs.values()) await job.catch(() => undefined);
  });

  const ruleBody = (placeId: number) => ({
    kind: 'matrix.check',
    title: { 'zh-CN': '巡查', 'en-US': 'Patrol' },
    placeId,
    responsibleRole: 'community_staff',
    recurrence: 'daily',
    times: ['09:00'],
    startsOn: '2026-01-01',
  });

  m.setup(async () => {
    const { admin, tree } = m;
    fx.ruleA = (await admin.post('/api/obligation-rules', ruleBody(tree.communityA))).json.id;
    fx.ruleB = (await admin.post('/api/obligation-rules', ruleBody(tree.communityB))).json.id;
    // A duty of community B's staff: nobody scoped to community A may tick it off.
    fx.foreignTodo = (await queryOne<{ id: number }>(t.platform.db, sql`SELECT id FROM obligations WHERE rule_id = ${fx.ruleB} ORDER BY id LIMIT 1`))!.id;
    fx.targetUser = (await userWith(t.platform, t.app, ['volunteer'], { placeIds: [tree.communityA] }, 'matrixtarget')).userId;
    await userWith(t.platform, t.app, ['volunteer'], { placeIds: [tree.communityA] }, 'matrixlogin');
  });

  return {
    'GET /api/openapi.json': { inScope: () => ({ method: 'GET', url: '/api/openapi.json' }) },
    'POST /api/auth/login': {
      inScope: () => ({ method: 'POST', url: '/api/auth/login', body: { username: 'matrixlogin', password: TEST_PASSWORD }, remoteAddress: nextAddress() }),
    },
    'POST /api/auth/otp': {
      inScope: () => ({ method: 'POST', url: '/api/auth/otp', body: { phone: `1370000${String(next()).padStart(4, '0')}` }, remoteAddress: nextAddress() }),
    },
    'POST /api/auth/otp/verify': {
      inScope: () => ({ method: 'POST', url: '/api/auth/otp/verify', body: { phone: '13700000000', code: '000000' }, remoteAddress: nextAddress() }),
      ok: [400],
    },
    'POST /api/auth/logout': { inScope: () => ({ method: 'POST', url: '/api/auth/logout', ownSession: true }) },
    'GET /api/me': { inScope: () => ({ method: 'GET', url: '/api/me' }) },
    'GET /api/auth/session': { inScope: () => ({ method: 'GET', url: '/api/auth/session' }) },
    'PUT /api/me/language': { inScope: () => ({ method: 'PUT', url: '/api/me/language', body: { lang: 'zh-CN' } }) },
    'POST /api/me/password': {
      inScope: () => ({ method: 'POST', url: '/api/me/password', body: { currentPassword: 'not-my-password-1', newPassword: 'Another-pass-22' } }),
      ok: [400],
    },

    // Users and tokens are run by administrators for the whole system: no place scope applies.
    'GET /api/users': { inScope: () => ({ method: 'GET', url: '/api/users' }) },
    'GET /api/users/lookup': { inScope: () => ({ method: 'GET', url: '/api/users/lookup?q=a' }) },
    'POST /api/users': {
      inScope: () => ({
        method: 'POST',
        url: '/api/users',
        body: { username: `matrix${next()}`, displayName: '矩阵用户', roles: ['volunteer'], scope: { placeIds: [m.tree.communityA] } },
      }),
    },
    'GET /api/users/:id': { inScope: () => ({ method: 'GET', url: `/api/users/${fx.targetUser}` }) },
    'PATCH /api/users/:id': {
      inScope: async () => ({
        method: 'PATCH',
        url: `/api/users/${fx.targetUser}`,
        body: { displayName: `改名${next()}`, version: await versionOf(`/api/users/${fx.targetUser}`) },
      }),
    },
    'POST /api/users/:id/reset-password': { inScope: () => ({ method: 'POST', url: `/api/users/${fx.targetUser}/reset-password` }) },
    'POST /api/users/:id/unlock': { inScope: () => ({ method: 'POST', url: `/api/users/${fx.targetUser}/unlock` }) },
    'GET /api/api-tokens': { inScope: () => ({ method: 'GET', url: '/api/api-tokens' }) },
    'POST /api/api-tokens': {
      inScope: () => ({
        method: 'POST',
        url: '/api/api-tokens',
        body: { name: `门禁${next()}`, permissions: ['resident.read'], scope: { placeIds: [m.tree.communityA] } },
      }),
    },
    'POST /api/api-tokens/:id/revoke': {
      inScope: async () => {
        const tok = await created(
          await m.admin.post('/api/api-tokens', { name: `待撤销${next()}`, permissions: ['place.read'], scope: { placeIds: [m.tree.communityA] } }),
          'token',
        );
        return { method: 'POST', url: `/api/api-tokens/${tok.token.id}/revoke` };
      },
    },

    'GET /api/calendar': { inScope: () => ({ method: 'GET', url: '/api/calendar?from=2026-01-01&to=2026-01-31' }) },
    'GET /api/calendar/overrides': { inScope: () => ({ method: 'GET', url: '/api/calendar/overrides' }) },
    'GET /api/calendar/years/:year': { inScope: () => ({ method: 'GET', url: '/api/calendar/years/2031' }) },
    'PUT /api/calendar/years/:year': {
      inScope: () => ({
        method: 'PUT',
        url: '/api/calendar/years/2031',
        body: { holidays: [{ holiday: 'new_year', from: '2031-01-01', to: '2031-01-01' }], makeUpDays: [] },
      }),
    },
    'GET /api/calendar/hours': { inScope: () => ({ method: 'GET', url: '/api/calendar/hours' }) },
    'PUT /api/calendar/hours': { inScope: () => ({ method: 'PUT', url: '/api/calendar/hours', body: { open: '08:30', close: '17:30' } }) },
    'PUT /api/calendar/overrides': {
      inScope: () => ({ method: 'PUT', url: '/api/calendar/overrides', body: { date: '2031-03-03', workday: false, note: '矩阵' } }),
    },
    'DELETE /api/calendar/overrides/:date': {
      inScope: async () => {
        const date = `2032-01-${String((next() % 28) + 1).padStart(2, '0')}`;
        await created(await m.admin.put('/api/calendar/overrides', { date, workday: false }), 'override');
        return { method: 'DELETE', url: `/api/calendar/overrides/${date}` };
      },
    },

    'GET /api/audit': { inScope: () => ({ method: 'GET', url: '/api/audit?pageSize=5' }) },
    'GET /api/audit/export.xlsx': { inScope: () => ({ method: 'GET', url: '/api/audit/export.xlsx?action=place.' }) },

    'GET /api/todos': { inScope: () => ({ method: 'GET', url: '/api/todos' }) },
    'POST /api/todos/:id/done': {
      inScope: async (c) => {
        const n = next();
        await openObligations(
          t.platform.db,
          [
            {
              kind: 'matrix.check',
              subjectType: 'matrix',
              subjectId: n,
              title: { 'zh-CN': '测试', 'en-US': 'Test' },
              responsibleUserId: c.userId,
              dueAt: new Date(Date.now() + 3600000),
            },
          ],
          fx.ruleA!,
        );
        const row = await queryOne<{ id: number }>(t.platform.db, sql`SELECT id FROM obligations WHERE subject_type = 'matrix' AND subject_id = ${String(n)}`);
        return { method: 'POST', url: `/api/todos/${row!.id}/done` };
      },
      outOfScope: () => ({ method: 'POST', url: `/api/todos/${fx.foreignTodo}/done` }),
    },
    'POST /api/todos/done': {
      inScope: async (c) => {
        const n = next();
        await openObligations(
          t.platform.db,
          [
            {
              kind: 'matrix.check',
              subjectType: 'matrix',
              subjectId: n,
              title: { 'zh-CN': '测试', 'en-US': 'Test' },
              responsibleUserId: c.userId,
              dueAt: new Date(Date.now() + 3600000),
            },
          ],
          fx.ruleA!,
        );
        const row = await queryOne<{ id: number }>(t.platform.db, sql`SELECT id FROM obligations WHERE subject_type = 'matrix' AND subject_id = ${String(n)}`);
        return { method: 'POST', url: '/api/todos/done', body: { ids: [row!.id] } };
      },
      outOfScope: () => ({ method: 'POST', url: '/api/todos/done', body: { ids: [fx.foreignTodo] } }),
    },
    'GET /api/obligation-rules': { inScope: () => ({ method: 'GET', url: '/api/obligation-rules' }) },
    'POST /api/obligation-rules': {
      inScope: () => ({ method: 'POST', url: '/api/obligation-rules', body: ruleBody(m.tree.compoundA) }),
      outOfScope: () => ({ method: 'POST', url: '/api/obligation-rules', body: ruleBody(m.tree.compoundB) }),
    },
    'PUT /api/obligation-rules/:id': {
      inScope: () => ({ method: 'PUT', url: `/api/obligation-rules/${fx.ruleA}`, body: ruleBody(m.tree.communityA) }),
      outOfScope: () => ({ method: 'PUT', url: `/api/obligation-rules/${fx.ruleB}`, body: ruleBody(m.tree.communityA) }),
    },
    'DELETE /api/obligation-rules/:id': {
      inScope: async () => {
        const rule = await created(await m.admin.post('/api/obligation-rules', ruleBody(m.tree.compoundA)), 'rule');
        return { method: 'DELETE', url: `/api/obligation-rules/${rule.id}` };
      },
      outOfScope: () => ({ method: 'DELETE', url: `/api/obligation-rules/${fx.ruleB}` }),
    },

    'GET /api/notifications': { inScope: () => ({ method: 'GET', url: '/api/notifications' }) },
    'POST /api/notifications/read': { inScope: () => ({ method: 'POST', url: '/api/notifications/read', body: { all: true } }) },
    'GET /api/events': { inScope: () => ({ method: 'GET', url: '/api/events', stream: true }) },

    'POST /api/imports/:kind': {
      inScope: async () => {
        const file = await residentWorkbook([
          { community: '荟萃社区', compound: '建工小区', building: '3号楼', stairwell: '1单元', dwelling: '998', name: '查无此房' },
        ]);
        return { method: 'POST', url: '/api/imports/residents', upload: file };
      },
    },
    'GET /api/imports/:id': {
      inScope: async (c) => ({ method: 'GET', url: `/api/imports/${await jobOf(c)}` }),
      outOfScope: async () => ({ method: 'GET', url: `/api/imports/${await jobOf(adminCaller())}` }),
    },
    'GET /api/imports/:id/errors': {
      inScope: async (c) => ({ method: 'GET', url: `/api/imports/${await jobOf(c)}/errors` }),
      outOfScope: async () => ({ method: 'GET', url: `/api/imports/${await jobOf(adminCaller())}/errors` }),
    },
    'GET /api/imports/:id/errors.xlsx': {
      inScope: async (c) => ({ method: 'GET', url: `/api/imports/${await jobOf(c)}/errors.xlsx` }),
      outOfScope: async () => ({ method: 'GET', url: `/api/imports/${await jobOf(adminCaller())}/errors.xlsx` }),
    },
    'POST /api/imports/:id/commit': {
      inScope: async (c) => ({ method: 'POST', url: `/api/imports/${await jobOf(c)}/commit`, body: { onlyValid: false } }),
      ok: [409],
      outOfScope: async () => ({ method: 'POST', url: `/api/imports/${await jobOf(adminCaller())}/commit`, body: { onlyValid: true } }),
    },
    'POST /api/imports/:id/cancel': {
      // Cancelling uses the job up, so each caller cancels a job of its own.
      inScope: async (c) => ({ method: 'POST', url: `/api/imports/${await freshJobOf(c)}/cancel` }),
      outOfScope: async () => ({ method: 'POST', url: `/api/imports/${await jobOf(adminCaller())}/cancel` }),
    },
    'POST /api/passes/keys/rotate': { inScope: () => ({ method: 'POST', url: '/api/passes/keys/rotate' }) },
    'GET /api/dashboard': { inScope: () => ({ method: 'GET', url: '/api/dashboard' }) },
    'GET /api/figures': { inScope: () => ({ method: 'GET', url: '/api/figures' }) },
    // A figure set is read with its own permission: to other staff it does not exist.
    'GET /api/figures/:key': {
      inScope: () => ({ method: 'GET', url: `/api/figures/inbound.loop?from=${today()}&to=${today()}&groupBy=community` }),
      ok: (c) => (c.role !== 'anonymous' && c.role !== 'phone_resident' && ROLE_PERMISSIONS[c.role].includes('inbound.read') ? [200] : [404]),
    },
  };
}

/** Hand-written: see SensitiveRoutes in test-support/access-matrix.ts. */
export const sensitive: SensitiveRoutes = {
  'GET /api/audit/export.xlsx': ['auditor'],
  // Issue passes, gate device tokens, API tokens, signing keys.
  'POST /api/api-tokens': ['admin'],
  'POST /api/api-tokens/:id/revoke': ['admin'],
  'GET /api/api-tokens': ['admin'],
  'POST /api/passes/keys/rotate': ['admin'],
  // User management.
  'GET /api/users': ['admin'],
  'GET /api/users/:id': ['admin'],
  'POST /api/users': ['admin'],
  'PATCH /api/users/:id': ['admin'],
  'POST /api/users/:id/reset-password': ['admin'],
  'POST /api/users/:id/unlock': ['admin'],
};
