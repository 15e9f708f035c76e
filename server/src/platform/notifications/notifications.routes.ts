import { NotificationPage, NotificationQuery, Ok } from '@jiayuan/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Platform } from '../context.js';
import { ctxOf } from '../http/request-context.js';
import { joinableTopics } from './live-topics.js';
import { listMyNotifications, markRead } from './notifications.service.js';

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
        schema: { tags, summary: 'Mark some or all of my notifications read', body: z.object({ ids: z.array(z.number().int()).max(500).optional(), all: z.boolean().optional() }), response: { 200: Ok } },
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
        schema: { tags, summary: 'Server-sent events: `notification` for me, plus the events of the `topics` I may read, for places in my scope', querystring: z.object({ topics: z.string().max(200).optional() }) },
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
        const send = (event: string, data: string) => res.write(`event: ${event}\ndata: ${data}\n\n`);
        send('ready', JSON.stringify({ topics, refused }));
        const disconnect = platform.live.connect(req.actor!, topics, send);
        const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), 25000);
        req.raw.on('close', () => {
          clearInterval(heartbeat);
          disconnect();
        });
      },
    );
  };
}
