import crypto from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Platform } from '../context.js';
import { commonErrors } from '../errors/common-errors.js';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

const digest = (s: string) => crypto.createHash('sha256').update(s).digest();

/**
 * Who may scrape: a caller on this machine that came straight in (not through a proxy, which
 * would make every visitor look local), or anyone sending `Authorization: Bearer <METRICS_TOKEN>`.
 * The socket's address, not `req.ip`: X-Forwarded-For is the caller's to write.
 */
export function mayScrape(req: FastifyRequest, token: string | null): boolean {
  const auth = req.headers.authorization;
  if (token && auth?.startsWith('Bearer ')) return crypto.timingSafeEqual(digest(auth.slice(7).trim()), digest(token));
  return LOOPBACK.has(req.socket.remoteAddress ?? '') && !req.headers['x-forwarded-for'] && !req.headers.forwarded;
}

/**
 * Counts every answered request (route pattern, not URL; one map look-up and one observe each)
 * and serves GET /metrics in the Prometheus text format.
 */
export const metricsPlugin = fp(async (app: FastifyInstance, opts: { platform: Platform }) => {
  const { metrics, config } = opts.platform;
  app.addHook('onResponse', (req: FastifyRequest, reply: FastifyReply, done: () => void) => {
    metrics.requestDone(req.method, req.routeOptions.url ?? 'unmatched', reply.statusCode, reply.elapsedTime / 1000);
    done();
  });
  app.get('/metrics', { schema: { hide: true } }, async (req, reply) => {
    if (!mayScrape(req, config.metricsToken)) throw commonErrors.FORBIDDEN();
    return reply.type(metrics.contentType).send(await metrics.text());
  });
});
