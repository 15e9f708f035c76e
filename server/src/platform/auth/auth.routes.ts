import { LoginBody, Me, Ok, OtpRequestBody, OtpVerifyBody, PasswordChangeBody, LANGS } from '@jiayuan/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Platform } from '../context.js';
import { SESSION_COOKIE } from '../http/auth-hooks.js';
import { ctxOf } from '../http/request-context.js';
import * as identity from './identity.service.js';

const SignInResult = z.object({ ok: z.literal(true), userId: z.number() });

export function authRoutes(platform: Platform): FastifyPluginAsyncZod {
  const setCookie = (reply: FastifyReply, s: identity.SignedIn) =>
    reply.setCookie(SESSION_COOKIE, s.token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: platform.config.secureCookies,
      path: '/',
      expires: s.expiresAt,
    });
  const signInLimit = { max: platform.config.login.perMinute, timeWindow: '1 minute' };

  return async (app) => {
    app.post(
      '/auth/login',
      {
        schema: { tags: ['auth'], summary: 'Staff sign-in; sets the session cookie', body: LoginBody, response: { 200: SignInResult } },
        config: { access: 'public', csrfExempt: true, rateLimit: signInLimit },
      },
      async (req, reply) => {
        const s = await identity.login(platform, req.body, { ip: req.ip, channel: 'web', requestId: String(req.id) }, req.headers['user-agent'] ?? null);
        setCookie(reply, s);
        return { ok: true as const, userId: s.userId };
      },
    );

    app.post(
      '/auth/otp',
      {
        schema: {
          tags: ['auth'],
          summary: 'Residents: send a one-time sign-in code to this phone (answers the same for unknown numbers)',
          body: OtpRequestBody,
          response: { 202: z.object({ ok: z.literal(true), retryAfterSeconds: z.number() }) },
        },
        config: { access: 'public', csrfExempt: true, rateLimit: { max: 5, timeWindow: '1 minute' } },
      },
      async (req, reply) => {
        const r = await identity.requestOtp(platform, req.body.phone, { ip: req.ip, channel: 'web', requestId: String(req.id) });
        return reply.code(202).send({ ok: true as const, retryAfterSeconds: r.retryAfterSeconds });
      },
    );

    app.post(
      '/auth/otp/verify',
      {
        schema: { tags: ['auth'], summary: 'Residents: sign in with the code', body: OtpVerifyBody, response: { 200: SignInResult } },
        config: { access: 'public', csrfExempt: true, rateLimit: signInLimit },
      },
      async (req, reply) => {
        const s = await identity.verifyOtp(platform, req.body, { ip: req.ip, channel: 'web', requestId: String(req.id) }, req.headers['user-agent'] ?? null);
        setCookie(reply, s);
        return { ok: true as const, userId: s.userId };
      },
    );

    app.post('/auth/logout', { schema: { tags: ['auth'], response: { 200: Ok } }, config: { access: 'public' } }, async (req, reply) => {
      const token = req.cookies[SESSION_COOKIE];
      if (token && req.session) await identity.logout(platform, token);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    });

    const whoAmI = async (req: FastifyRequest) => {
      if (!req.session) {
        const a = req.actor!;
        return {
          id: a.tokenId ?? 0,
          kind: 'staff' as const,
          username: a.name,
          displayName: a.name,
          roles: a.roles,
          permissions: [...a.permissions].sort(),
          scope: { all: a.scope.all, places: [], employers: [] },
          mustChangePassword: false,
          csrfToken: '',
          lang: null,
        };
      }
      return identity.me(ctxOf(platform, req), req.session);
    };
    app.get(
      '/me',
      {
        schema: { tags: ['auth'], summary: 'Who I am, my roles, permissions and scope', response: { 200: Me } },
        config: { access: 'authenticated', beforePasswordChange: true },
      },
      async (req) => whoAmI(req),
    );
    // The web app's first question: signed in or not. Asked before anyone signs in, so "not" is an
    // answer (200, me: null), not a 401 the browser logs as an error on the sign-in page.
    app.get(
      '/auth/session',
      {
        schema: { tags: ['auth'], summary: 'Who is signed in on this session, or null', response: { 200: z.object({ me: Me.nullable() }) } },
        config: { access: 'public' },
      },
      async (req) => ({ me: req.actor ? await whoAmI(req) : null }),
    );

    app.put(
      '/me/language',
      {
        schema: { tags: ['auth'], body: z.object({ lang: z.enum(LANGS) }), response: { 200: Ok } },
        config: { access: 'authenticated', beforePasswordChange: true },
      },
      async (req) => {
        if (req.session) await identity.setLanguage(ctxOf(platform, req), req.body.lang);
        return { ok: true as const };
      },
    );

    app.post(
      '/me/password',
      {
        schema: { tags: ['auth'], summary: 'Change my password', body: PasswordChangeBody, response: { 200: Ok } },
        config: { access: 'staff', beforePasswordChange: true },
      },
      async (req) => {
        await identity.changePassword(ctxOf(platform, req), req.session!.sessionId, req.body);
        return { ok: true as const };
      },
    );
  };
}
