import crypto from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Platform } from '../context.js';
import { countingInto, type StatementTally } from '../db/statement-count.js';
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
  const tallies = new WeakMap<FastifyRequest, StatementTally>();
  if (config.countStatements) {
    // Registered before the authentication hooks, so the session look-up counts too: the rest of
    // the request (hooks, handler, serialization) runs inside this tally's async context.
    app.addHook('onRequest', (req: FastifyRequest, _reply: FastifyReply, done: () => void) => {
      const tally = { statements: 0, roundTrips: 0 };
      tallies.set(req, tally);
      countingInto(tally, done);
    });
  }
  app.addHook('onResponse', (req: FastifyRequest, reply: FastifyReply, done: () => void) => {
    const route = req.routeOptions.url ?? 'unmatched';
    metrics.requestDone(req.method, route, reply.statusCode, reply.elapsedTime / 1000);
    const tally = tallies.get(req);
    if (tally) metrics.requestStatements(req.method, route, tally.statements, tally.roundTrips);
    done();
  });
  app.get('/metrics', { schema: { hide: true } }, async (req, reply) => {
    if (!mayScrape(req, config.metricsToken)) throw commonErrors.FORBIDDEN();
    return reply.type(metrics.contentType).send(await metrics.text());
  });
});
