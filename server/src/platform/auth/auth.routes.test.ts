import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryOne, queryRows } from '../db/database.js';
import { buildSmallTree, type SmallTree } from '../../test-support/fixtures.js';
import { anonymous, nextTestAddress, signIn, userWith, type TestClient } from '../../test-support/http-client.js';
import { itOnPostgres } from '../../test-support/postgres-only.js';
import { createTestPlatform, type TestPlatform } from '../../test-support/test-platform.js';
import { bootstrapAdmin } from './identity.service.js';

let t: TestPlatform;
let admin: TestClient;
let tree: SmallTree | undefined;

beforeAll(async () => {
  t = await createTestPlatform();
  admin = await userWith(t.platform, t.app, ['admin'], { all: true }, 'root');
});
afterAll(() => t.close());

describe('signing in', () => {
  it('answers health with the database kind', async () => {
    const r = await anonymous(t.app).get('/healthz');
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ status: 'ok', database: process.env.TEST_DATABASE_URL ? 'postgresql' : 'pglite' });
  });

  it('sets an HttpOnly SameSite session cookie and /api/me says who I am', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'root', password: 'Test-password-1' } });
    expect(res.statusCode).toBe(200);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/jy_session=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const me = await admin.get('/api/me');
    expect(me.json).toMatchObject({ username: 'root', roles: ['admin'], scope: { all: true } });
    expect(me.json.permissions).toContain('user.manage');
    expect(me.json.permissions).not.toContain('resident.reveal');
  });

  it('answers the session probe with me, or null before signing in (200, not a 401 the browser logs)', async () => {
    const none = await anonymous(t.app).get('/api/auth/session');
    expect([none.status, none.json]).toEqual([200, { me: null }]);
    const mine = await admin.get('/api/auth/session');
    expect(mine.status).toBe(200);
    expect(mine.json.me).toMatchObject({ username: 'root', roles: ['admin'] });
  });

  it("refuses a wrong password in the caller's language", async () => {
    const zh = await anonymous(t.app, 'zh-CN').post('/api/auth/login', { username: 'root', password: 'nope-nope-1' });
    expect(zh.status).toBe(401);
    expect(zh.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(zh.json).toMatchObject({ code: 'AUTH_INVALID_CREDENTIALS', title: '用户名或密码错误' });
    const en = await anonymous(t.app, 'en-US').post('/api/auth/login', { username: 'nobody', password: 'nope-nope-1' });
    expect(en.json).toMatchObject({ code: 'AUTH_INVALID_CREDENTIALS', title: 'Wrong username or password' });
  });

  it('locks an account after five wrong passwords, even with the right one afterwards', async () => {
    await userWith(t.platform, t.app, ['community_staff'], { all: true }, 'victim');
    for (let i = 0; i < 4; i++) {
      expect((await anonymous(t.app).post('/api/auth/login', { username: 'victim', password: `wrong-${i}-pass` })).status).toBe(401);
    }
    const fifth = await anonymous(t.app).post('/api/auth/login', { username: 'victim', password: 'wrong-5-pass' });
    expect(fifth.status).toBe(423);
    expect(fifth.json.code).toBe('AUTH_ACCOUNT_LOCKED');
    const right = await anonymous(t.app).post('/api/auth/login', { username: 'victim', password: 'Test-password-1' });
    expect(right.status).toBe(423);
    t.clock.advance(16 * 60000);
    expect((await anonymous(t.app).post('/api/auth/login', { username: 'victim', password: 'Test-password-1' })).status).toBe(200);
  });

  it('counts afresh once a lock has run out, and a right password clears the count', async () => {
    const u = await userWith(t.platform, t.app, ['community_staff'], { all: true }, 'relapse');
    const guess = (i: number) =>
      t.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: nextTestAddress(), payload: { username: 'relapse', password: `wrong-${i}-pass` } });
    const counter = async () => (await queryOne<{ n: number }>(t.platform.db, sql`SELECT failed_logins AS n FROM users WHERE id = ${u.userId}`))!.n;
    for (let i = 0; i < 5; i++) await guess(i);
    expect(await counter()).toBe(5);
    t.clock.advance(16 * 60000);
    expect((await guess(6)).statusCode).toBe(401);
    expect(await counter()).toBe(1);
    expect((await signIn(t.app, 'relapse')).cookie).toBeTruthy();
    expect(await counter()).toBe(0);
  });

  itOnPostgres('counts fifteen wrong passwords sent at once as fifteen, and locks the account', async () => {
    const u = await userWith(t.platform, t.app, ['community_staff'], { all: true }, 'parallel');
    const answers = await Promise.all(
      Array.from({ length: 15 }, (_, i) =>
        t.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          remoteAddress: nextTestAddress(),
          payload: { username: 'parallel', password: `wrong-${i}-pass` },
        }),
      ),
    );
    const row = await queryOne<{ failed_logins: number; locked: boolean }>(
      t.platform.db,
      sql`SELECT failed_logins, locked_until > ${t.clock.now().toISOString()}::timestamptz AS locked FROM users WHERE id = ${u.userId}`,
    );
    expect(row).toEqual({ failed_logins: 15, locked: true });
    // The first four are plain wrong passwords; the fifth locks, and the ten after it find the account locked.
    expect(answers.map((a) => a.statusCode).sort()).toEqual([...Array(4).fill(401), ...Array(11).fill(423)]);
    const audit = await queryRows<{ action: string; n: number }>(
      t.platform.db,
      sql`SELECT action, count(*)::int AS n FROM audit_log WHERE entity_type = 'user' AND entity_id = ${String(u.userId)} AND action IN ('auth.locked', 'auth.login_failed') GROUP BY action ORDER BY action`,
    );
    expect(audit).toEqual([
      { action: 'auth.locked', n: 1 },
      { action: 'auth.login_failed', n: 14 },
    ]);
    const right = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: nextTestAddress(),
      payload: { username: 'parallel', password: 'Test-password-1' },
    });
    expect(right.statusCode).toBe(423);
  });

  it('answers 401 to an API call without a session, and 403 to a role without the permission', async () => {
    expect((await anonymous(t.app).get('/api/residents')).status).toBe(401);
    const volunteer = await userWith(t.platform, t.app, ['volunteer'], { all: true });
    const r = await volunteer.get('/api/residents');
    expect(r.status).toBe(403);
    expect(r.json.code).toBe('FORBIDDEN');
  });

  it('refuses a write without the CSRF token, or from another site', async () => {
    const noToken = await t.app.inject({ method: 'POST', url: '/api/employers', headers: { cookie: admin.cookie! }, payload: { name: '渤海钻井' } });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().code).toBe('CSRF_REJECTED');
    const foreign = await t.app.inject({
      method: 'POST',
      url: '/api/employers',
      headers: { cookie: admin.cookie!, 'x-csrf-token': admin.csrf!, origin: 'https://evil.example' },
      payload: { name: '渤海钻井' },
    });
    expect(foreign.statusCode).toBe(403);
    expect((await admin.post('/api/employers', { name: '渤海钻井' })).status).toBe(201);
  });

  it('ends the session on sign-out', async () => {
    const c = await signIn(t.app, 'root');
    expect((await c.post('/api/auth/logout')).status).toBe(200);
    expect((await c.get('/api/me')).status).toBe(401);
  });

  it('changes a password and ends my other sessions', async () => {
    const u = await userWith(t.platform, t.app, ['auditor'], {}, 'changer');
    const other = await signIn(t.app, 'changer');
    const weak = await u.post('/api/me/password', { currentPassword: 'Test-password-1', newPassword: 'short' });
    expect(weak.status).toBe(400);
    expect((await u.post('/api/me/password', { currentPassword: 'wrong-password-1', newPassword: 'Another-pass-22' })).json.code).toBe('AUTH_WRONG_PASSWORD');
    expect((await u.post('/api/me/password', { currentPassword: 'Test-password-1', newPassword: 'Another-pass-22' })).status).toBe(200);
    expect((await u.get('/api/me')).status).toBe(200);
    expect((await other.get('/api/me')).status).toBe(401);
    expect((await signIn(t.app, 'changer', 'Another-pass-22')).cookie).toBeTruthy();
  });

  it('creates the first admin only once', async () => {
    expect((await bootstrapAdmin(t.platform)).created).toBe(false);
  });
});

describe('a temporary password', () => {
  it('opens only the password change, who I am, my language and sign-out until it is changed', async () => {
    tree ??= await buildSmallTree(admin);
    const keeper = await userWith(t.platform, t.app, ['community_staff'], { placeIds: [tree.communityA] });
    const resident = (await keeper.post('/api/residents', { dwellingId: tree.dwellingsA[2], name: '临时密码', phone: '13912341111' })).json.id as number;
    const created = await admin.post('/api/users', {
      username: 'newcomer',
      displayName: '新来的',
      roles: ['community_staff'],
      scope: { placeIds: [tree.communityA] },
    });
    expect(created.status).toBe(201);
    const temporary = created.json.initialPassword as string;
    const u = await signIn(t.app, 'newcomer', temporary);
    const reveal = () => u.post(`/api/residents/${resident}/reveal`, { field: 'phone', reason: '核实身份' });

    const list = await u.get('/api/residents');
    expect(list.status).toBe(403);
    expect(list.json).toMatchObject({
      code: 'AUTH_PASSWORD_CHANGE_REQUIRED',
      messages: { 'zh-CN': '请先修改初始密码，然后才能使用系统', 'en-US': 'Change your temporary password before using the system' },
    });
    const refused = await reveal();
    expect(refused.status).toBe(403);
    expect(refused.json.code).toBe('AUTH_PASSWORD_CHANGE_REQUIRED');
    expect(JSON.stringify(refused.json)).not.toContain('13912341111');
    for (const url of ['/api/notifications', '/api/todos', '/api/events', `/api/residents/${resident}`]) {
      expect((await u.get(url)).json.code, url).toBe('AUTH_PASSWORD_CHANGE_REQUIRED');
    }
    const reveals = async () =>
      (await queryOne<{ n: number }>(
        t.platform.db,
        sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'registry.resident.reveal' AND actor_user_id = ${created.json.user.id}`,
      ))!.n;
    expect(await reveals()).toBe(0);

    expect((await u.get('/api/me')).json).toMatchObject({ username: 'newcomer', mustChangePassword: true });
    expect((await u.put('/api/me/language', { lang: 'en-US' })).status).toBe(200);
    expect((await u.post('/api/me/password', { currentPassword: temporary, newPassword: 'My-own-pass-42' })).status).toBe(200);
    expect((await u.get('/api/residents')).status).toBe(200);
    expect((await reveal()).json).toMatchObject({ value: '13912341111' });
    expect(await reveals()).toBe(1);

    // A reset by the admin sets a temporary password again, with the same bounds; sign-out stays open.
    const reset = await admin.post(`/api/users/${created.json.user.id}/reset-password`);
    const again = await signIn(t.app, 'newcomer', reset.json.temporaryPassword);
    expect((await again.get('/api/residents')).json.code).toBe('AUTH_PASSWORD_CHANGE_REQUIRED');
    expect((await again.post('/api/auth/logout')).status).toBe(200);
    expect((await again.get('/api/me')).status).toBe(401);
  });
});

describe('residents sign in with a one-time code', () => {
  it('sends a code only to a phone on file, and signs the resident into their household', async () => {
    tree ??= await buildSmallTree(admin);
    const staff = await userWith(t.platform, t.app, ['community_staff'], { placeIds: [tree.communityA] });
    const created = await staff.post('/api/residents', { dwellingId: tree.dwellingsA[0], name: '季师傅', phone: '13912345678' });
    expect(created.status).toBe(201);

    const unknown = await anonymous(t.app).post('/api/auth/otp', { phone: '13700000000' });
    expect(unknown.status).toBe(202);
    const sent = await anonymous(t.app).post('/api/auth/otp', { phone: '139 1234 5678' });
    expect(sent.status).toBe(202);
    const again = await anonymous(t.app).post('/api/auth/otp', { phone: '13912345678' });
    expect(again.status).toBe(429);

    const outbox = fs
      .readFileSync(t.smsOutbox, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(outbox).toHaveLength(1);
    expect(outbox[0].to).toBe('*******5678');
    const code = /(\d{6})/.exec(outbox[0].text)![1]!;

    expect((await anonymous(t.app).post('/api/auth/otp/verify', { phone: '13912345678', code: code === '000000' ? '000001' : '000000' })).status).toBe(400);
    const ok = await t.app.inject({ method: 'POST', url: '/api/auth/otp/verify', payload: { phone: '13912345678', code } });
    expect(ok.statusCode).toBe(200);
    const cookie = String(ok.headers['set-cookie']).split(';')[0]!;
    const me = await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } });
    expect(me.json()).toMatchObject({ kind: 'resident', roles: ['resident'], displayName: '季师傅' });
    const household = await t.app.inject({ method: 'GET', url: '/api/me/household', headers: { cookie } });
    expect(household.statusCode).toBe(200);
    expect(household.json()).toMatchObject({ dwellingLabel: expect.stringContaining('荟萃社区'), members: [{ name: '季师傅', relation: 'head', isMe: true }] });
    expect((await t.app.inject({ method: 'GET', url: '/api/notifications', headers: { cookie } })).statusCode).toBe(200);
    // A resident reaches no staff data.
    expect((await t.app.inject({ method: 'GET', url: '/api/residents', headers: { cookie } })).statusCode).toBe(403);
    // The code works once.
    expect((await anonymous(t.app).post('/api/auth/otp/verify', { phone: '13912345678', code })).status).toBe(400);
  });

  itOnPostgres('sends one code when a phone asks for several at once, and refuses the rest', async () => {
    tree ??= await buildSmallTree(admin);
    const staff = await userWith(t.platform, t.app, ['community_staff'], { placeIds: [tree.communityA] });
    expect((await staff.post('/api/residents', { dwellingId: tree.dwellingsA[1], name: '并发码', phone: '13912340000' })).status).toBe(201);
    const sentBefore = fs.existsSync(t.smsOutbox) ? fs.readFileSync(t.smsOutbox, 'utf8').trim().split('\n').filter(Boolean).length : 0;
    const answers = await Promise.all(
      Array.from({ length: 6 }, () =>
        t.app.inject({ method: 'POST', url: '/api/auth/otp', remoteAddress: nextTestAddress(), payload: { phone: '13912340000' } }),
      ),
    );
    expect(answers.map((a) => a.statusCode).sort()).toEqual([202, 429, 429, 429, 429, 429]);
    const outbox = fs.readFileSync(t.smsOutbox, 'utf8').trim().split('\n').filter(Boolean);
    expect(outbox.length - sentBefore).toBe(1);
    const codes = await queryOne<{ n: number }>(
      t.platform.db,
      sql`SELECT count(*)::int AS n FROM otp_codes WHERE phone_bi = ${t.platform.cipher.blindIndex('phone', '13912340000')}`,
    );
    expect(codes!.n).toBe(1);
  });
});
