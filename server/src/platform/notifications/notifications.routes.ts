import { NotificationPage, NotificationQuery, Ok } from '@jiayuan/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Platform } from '../context.js';
import { ctxOf } from '../http/request-context.js';
import { joinableTopics } from './live-topics.js';
import { listMyNotifications, markRead } from './notifications.service.js';

/** How long a page's live events wait to be written together. */
const LIVE_BATCH_MS = 50;

export function notificationRoutes(platform: Platform): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['notifications'];
    app.get(
      '/notifications',
      { schema: { tags, querystring: NotificationQuery, response: { 200: NotificationPage } }, config: { access: 'user' } },
      async (req) => listMyNotifications(ctxOf(platform, req), req.query),
    );
    app.post(
      '/notifications/read',
      {
        schema: {
          tags,
          summary: 'Mark some or all of my notifications read',
          body: z.object({ ids: z.array(z.number().int()).max(500).optional(), all: z.boolean().optional() }),
          response: { 200: Ok },
        },
        config: { access: 'user' },
      },
      async (req) => {
        await markRead(ctxOf(platform, req), req.body.all ? 'all' : (req.body.ids ?? []));
        return { ok: true as const };
      },
    );

    app.get(
      '/events',
      {
        schema: {
          tags,
          summary: 'Server-sent events: `notification` for me, plus the events of the `topics` I may read, for places in my scope',
          querystring: z.object({ topics: z.string().max(200).optional() }),
        },
        config: { access: 'authenticated' },
      },
      async (req, reply) => {
        // Topics the caller may not read are not joined (a page may ask for several, e.g. the dashboard's).
        const { joined: topics, refused } = joinableTopics(req.actor!, (req.query.topics ?? '').split(',').filter(Boolean));
        reply.hijack();
        const res = reply.raw;
        res.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-cache, no-transform',
          connection: 'keep-alive',
          'x-accel-buffering': 'no',
        });
        res.write('retry: 3000\n\n');
        res.write(`event: ready\ndata: ${JSON.stringify({ topics, refused })}\n\n`);
        // Events for this page within LIVE_BATCH_MS go out in one write: a busy hour sends each open
        // page several events a second, and a socket write per event per page was most of the
        // server's time under load (bench/mixed). A page learns of a change at most that much later.
        let pending = '';
        let timer: NodeJS.Timeout | null = null;
        const flush = () => {
          timer = null;
          const text = pending;
          pending = '';
          res.write(text);
        };
        const send = (event: string, data: string) => {
          pending += `event: ${event}\ndata: ${data}\n\n`;
          timer ??= setTimeout(flush, LIVE_BATCH_MS);
        };
        const disconnect = platform.live.connect(req.actor!, topics, send);
        const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), 25000);
        req.raw.on('close', () => {
          clearInterval(heartbeat);
          if (timer) clearTimeout(timer);
          disconnect();
        });
      },
    );
  };
}
