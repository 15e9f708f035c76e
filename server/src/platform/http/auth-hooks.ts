import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Permission } from '@jiayuan/contracts';
import { can } from '../access/actor.js';
import { authErrors } from '../auth/auth.errors.js';
import { actorFromApiToken, actorFromSession, cachedTokenActor } from '../auth/identity.service.js';
import type { Platform } from '../context.js';
import { commonErrors } from '../errors/common-errors.js';
import { langOf, type RouteAccess } from './request-context.js';

export const SESSION_COOKIE = 'jy_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function allowedOrigins(platform: Platform, req: FastifyRequest): string[] {
  const host = req.headers.host;
  const list = host ? [`http://${host}`, `https://${host}`] : [];
  if (platform.config.publicOrigin) list.push(platform.config.publicOrigin.replace(/\/$/, ''));
  return list;
}

/** A browser's Origin (when sent) must be ours; this alone stops cross-site form posts. */
function originOk(platform: Platform, req: FastifyRequest): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  return allowedOrigins(platform, req).includes(origin);
}

function bearerOf(req: FastifyRequest): string | null {
  const auth = req.headers.authorization;
  return auth?.startsWith('Bearer ') ? auth.slice(7).trim() : null;
}

function permitted(access: RouteAccess, req: FastifyRequest): boolean {
  const actor = req.actor!;
  if (access === 'authenticated') return true;
  if (access === 'user') return actor.kind === 'user';
  if (access === 'staff') return actor.kind === 'user' && !actor.residentId;
  if (access === 'resident') return actor.kind === 'user' && actor.residentId !== null;
  if (typeof access === 'string') return can(actor, access as Permission);
  return access.any.some((p) => can(actor, p));
}

/**
 * Authenticates every /api request (session cookie or bearer token), enforces CSRF on
 * cookie-authenticated writes, keeps a session that must change its password to the few routes
 * marked `beforePasswordChange`, and checks the route's declared access. Deny by default:
 * a route that declares no access fails at start-up.
 */
export const authHooks = fp(async (app: FastifyInstance, opts: { platform: Platform }) => {
  const { platform } = opts;
  app.decorateRequest('actor', null);
  app.decorateRequest('session', null);
  app.decorateRequest('lang', 'zh-CN');

  app.addHook('onRoute', (route) => {
    const guarded = (route.url.startsWith('/api/') && !route.url.startsWith('/api/docs')) || route.url.startsWith('/open311/');
    if (guarded && !route.config?.access) {
      throw new Error(`Route ${route.method} ${route.url} declares no access rule`);
    }
    // A route taking an API key in its query or body checks it once those are parsed, in its own hook.
    if (route.config?.access && route.config.apiKey) {
      const own = route.preValidation ? (Array.isArray(route.preValidation) ? route.preValidation : [route.preValidation]) : [];
      route.preValidation = [apiKeyCheck, ...own];
    }
  });

  /** Who is calling (a bearer or API key, or the session cookie), then whether the route lets them. */
  async function check(req: FastifyRequest, access: RouteAccess, apiKey: string | null) {
    const bearer = bearerOf(req);
    if (bearer !== null) {
      req.actor = await actorFromApiToken(platform, bearer);
    } else if (apiKey) {
      req.actor = await actorFromApiToken(platform, apiKey);
    } else {
      const token = req.cookies[SESSION_COOKIE];
      if (token) {
        const s = await actorFromSession(platform, token);
        if (s) {
          req.session = s;
          req.actor = s.actor;
        }
      }
    }
    authorize(req, access);
  }

  /** Whether the caller identified on the request may use the route (origin, CSRF, permission). */
  function authorize(req: FastifyRequest, access: RouteAccess) {
    if (!SAFE_METHODS.has(req.method) && !originOk(platform, req)) throw commonErrors.CSRF_REJECTED();
    if (access === 'public') return;
    if (!req.actor) throw commonErrors.UNAUTHENTICATED();
    if (req.session && !SAFE_METHODS.has(req.method) && !req.routeOptions.config?.csrfExempt) {
      if (req.headers['x-csrf-token'] !== req.session.csrfToken) throw commonErrors.CSRF_REJECTED();
    }
    // A temporary password (new account, reset) opens only its own change, whatever the roles.
    if (req.session?.mustChangePassword && !req.routeOptions.config?.beforePasswordChange) throw authErrors.AUTH_PASSWORD_CHANGE_REQUIRED();
    if (!permitted(access, req)) throw commonErrors.FORBIDDEN();
  }

  async function apiKeyCheck(req: FastifyRequest) {
    const fromQuery = (req.query as Record<string, unknown> | undefined)?.api_key;
    const fromBody = req.body && typeof req.body === 'object' ? (req.body as Record<string, unknown>).api_key : undefined;
    const key = typeof fromQuery === 'string' ? fromQuery : typeof fromBody === 'string' ? fromBody : null;
    await check(req, req.routeOptions.config.access!, key);
  }

  // A callback hook: a device whose token is kept (every call but one each few seconds) is let
  // through without a promise or a turn of the event loop.
  app.addHook('onRequest', (req: FastifyRequest, _reply: FastifyReply, done: (err?: Error) => void) => {
    req.lang = langOf(req);
    const access = req.routeOptions.config?.access;
    if (!access || req.routeOptions.config?.apiKey) return done();
    const bearer = bearerOf(req);
    const known = bearer !== null ? cachedTokenActor(platform, bearer) : undefined;
    if (!known) return void check(req, access, null).then(() => done(), done);
    req.actor = known;
    try {
      authorize(req, access);
    } catch (err) {
      return done(err as Error);
    }
    done();
  });
});
