import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Platform } from '../context.js';
import { recordAudit } from '../audit/audit.service.js';
import { ctxOf } from '../http/request-context.js';
import { jwks, rotatePassKey } from './passes.service.js';

/** `/.well-known/jwks.json`: public keys that verify passes. Served outside /api, to anyone. */
export function jwksRoute(platform: Platform): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/.well-known/jwks.json', { schema: { hide: true } }, async (_req, reply) => {
      reply.header('cache-control', 'public, max-age=300');
      return jwks(platform);
    });
  };
}

export function passRoutes(platform: Platform): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/passes/keys/rotate',
      {
        schema: {
          tags: ['passes'],
          summary: 'Start signing passes with a new key (old public keys stay published)',
          response: { 200: z.object({ kid: z.string() }) },
        },
        config: { access: 'pass.manage' },
      },
      async (req) => {
        const ctx = ctxOf(platform, req);
        const kid = await rotatePassKey(platform);
        await recordAudit(platform.db, ctx, { action: 'pass_key.rotated', entityType: 'pass_key', entityId: kid });
        return { kid };
      },
    );
  };
}
