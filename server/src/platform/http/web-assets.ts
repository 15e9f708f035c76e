import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Long-lived for files whose name carries a hash of their content (Vite's `assets/`). */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Everything else (index.html, sw.js, the manifest, the icon) is asked for again each time. */
export const REVALIDATE = 'no-cache';

/**
 * Serves the built web app. The build writes a `.br` and a `.gz` beside every text file
 * (web/scripts/precompress.mjs), so a browser that accepts them gets the compressed bytes
 * without the server compressing anything per request; hashed assets are cached for a year,
 * the rest revalidated so a new build is picked up at once.
 */
export async function serveWebAssets(app: FastifyInstance, root: string) {
  await app.register(fastifyStatic, {
    root,
    wildcard: false,
    index: false,
    preCompressed: true,
    cacheControl: false,
    setHeaders: (reply, filePath) => {
      const rel = path.relative(root, filePath).split(path.sep);
      reply.header('cache-control', rel[0] === 'assets' ? IMMUTABLE : REVALIDATE);
    },
  });
}

/**
 * The app's page for any other GET (the router in the browser takes it from there): the
 * precompressed copy where the browser accepts it, never cached without asking.
 */
export function indexPage(root: string) {
  const plain = fs.readFileSync(path.join(root, 'index.html'));
  const packed = (['br', 'gzip'] as const)
    .map((encoding) => ({ encoding, file: path.join(root, `index.html.${encoding === 'gzip' ? 'gz' : 'br'}`) }))
    .filter((p) => fs.existsSync(p.file))
    .map((p) => ({ encoding: p.encoding, body: fs.readFileSync(p.file) }));
  return (req: FastifyRequest, reply: FastifyReply) => {
    const accepted = String(req.headers['accept-encoding'] ?? '')
      .split(',')
      .map((e) => e.trim().split(';')[0]!.toLowerCase());
    const hit = packed.find((p) => accepted.includes(p.encoding));
    reply.type('text/html; charset=utf-8').header('cache-control', REVALIDATE).header('vary', 'accept-encoding');
    if (hit) reply.header('content-encoding', hit.encoding);
    return reply.send(hit ? hit.body : plain);
  };
}
