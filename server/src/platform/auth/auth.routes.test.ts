import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSmallTree } from '../../test-support/fixtures.js';
import { anonymous, signIn, userWith, type TestClient } from '../../test-support/http-client.js';
import { createTestPlatform, type TestPlatform } from '../../test-support/test-platform.js';
import { bootstrapAdmin } from './identity.service.js';

let t: TestPlatform;
let admin: TestClient;

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

  it('refuses a wrong password in the caller\'s language', async () => {
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

describe('residents sign in with a one-time code', () => {
  it('sends a code only to a phone on file, and signs the resident into their household', async () => {
    const tree = await buildSmallTree(admin);
    const staff = await userWith(t.platform, t.app, ['community_staff'], { placeIds: [tree.communityA] });
    const created = await staff.post('/api/residents', { dwellingId: tree.dwellingsA[0], name: '季师傅', phone: '13912345678' });
    expect(created.status).toBe(201);

    const unknown = await anonymous(t.app).post('/api/auth/otp', { phone: '13700000000' });
    expect(unknown.status).toBe(202);
    const sent = await anonymous(t.app).post('/api/auth/otp', { phone: '139 1234 5678' });
    expect(sent.status).toBe(202);
    const again = await anonymous(t.app).post('/api/auth/otp', { phone: '13912345678' });
    expect(again.status).toBe(429);

    const outbox = fs.readFileSync(t.smsOutbox, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
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
});
