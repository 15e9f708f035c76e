import dc from 'node:diagnostics_channel';
import type { RouteOptions } from 'fastify';
import type { RouteAccess } from '../platform/http/request-context.js';
import { createTestPlatform, type TestPlatform } from './test-platform.js';

export interface SeenRoute {
  method: string;
  url: string;
  access: RouteAccess | undefined;
  schema: { params?: unknown; querystring?: unknown; body?: unknown } | undefined;
}

/**
 * A test platform plus every route its app registered, read through Fastify's
 * `fastify.initialization` diagnostics channel (an onRoute hook added before any route).
 */
export async function createTestPlatformWithRoutes(): Promise<{ t: TestPlatform; routes: SeenRoute[] }> {
  const routes: SeenRoute[] = [];
  const collect = (message: unknown) => {
    const { fastify } = message as { fastify: { addHook(name: 'onRoute', fn: (r: RouteOptions) => void): void } };
    fastify.addHook('onRoute', (r) => {
      for (const method of [r.method].flat()) {
        if (method === 'HEAD') continue;
        routes.push({ method, url: r.url, access: (r.config as { access?: RouteAccess } | undefined)?.access, schema: r.schema as SeenRoute['schema'] });
      }
    });
  };
  dc.subscribe('fastify.initialization', collect);
  try {
    return { t: await createTestPlatform(), routes };
  } finally {
    dc.unsubscribe('fastify.initialization', collect);
  }
}
