import { pickLang, type Lang, type Permission } from '@jiayuan/contracts';
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../access/actor.js';
import type { Channel, Ctx, Platform } from '../context.js';
import type { SessionActor } from '../auth/identity.service.js';

/**
 * Who may call a route. Every /api route declares one; the app refuses to start otherwise.
 * `public`: anyone; `authenticated`: any signed-in user or token; `user`: a signed-in person
 * (staff or resident, not a token); `staff`: staff users only; `resident`: residents only;
 * a permission: holders of it.
 */
export type RouteAccess = 'public' | 'authenticated' | 'user' | 'staff' | 'resident' | Permission | { any: Permission[] };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
    /** Skip the CSRF check (sign-in forms post before a session exists; they check Origin instead). */
    csrfExempt?: boolean;
    /**
     * Open311-style API key: the token may come as `api_key` in the query or the form body
     * (besides a bearer header), so the check runs once the body is read.
     */
    apiKey?: boolean;
    /**
     * Open to a session whose temporary password must be changed first (who am I, my language,
     * the password change itself); every other route refuses it.
     */
    beforePasswordChange?: boolean;
  }
  interface FastifyRequest {
    actor: Actor | null;
    session: SessionActor | null;
    lang: Lang;
  }
}

export function langOf(req: FastifyRequest): Lang {
  const q = (req.query as Record<string, unknown> | undefined)?.lang;
  if (q === 'en-US' || q === 'zh-CN') return q;
  return pickLang(req.headers['accept-language']);
}

/** The use-case context for a request whose route required a signed-in actor. */
export function ctxOf(platform: Platform, req: FastifyRequest, channel?: Channel): Ctx {
  if (!req.actor) throw new Error('ctxOf called on a request without an actor');
  return {
    platform,
    actor: req.actor,
    lang: req.lang,
    origin: {
      ip: req.ip ?? null,
      channel: channel ?? (req.actor.kind === 'token' ? 'token' : 'web'),
      requestId: String(req.id),
    },
  };
}
