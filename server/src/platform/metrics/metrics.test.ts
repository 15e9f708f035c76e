import { sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { userWith } from '../../test-support/http-client.js';
import { itOnPostgres } from '../../test-support/postgres-only.js';
import { createTestPlatform, type TestPlatform } from '../../test-support/test-platform.js';
import { openPostgres, queryRows } from '../db/database.js';
import { createPlatform } from '../platform.js';
import { Scheduler } from '../scheduler/scheduler.js';

let t: TestPlatform;

beforeAll(async () => {
  t = await createTestPlatform();
});
afterAll(async () => {
  await t?.close();
});

/** The value of one sample line of a scrape (0 when the series is not there yet). */
function sample(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

async function scrape(headers: Record<string, string> = {}, remoteAddress?: string) {
  return t.app.inject({ method: 'GET', url: '/metrics', headers, ...(remoteAddress ? { remoteAddress } : {}) });
}

describe('/metrics', () => {
  it('answers the Prometheus text format, not the web app, and its counters move with requests', async () => {
    const before = await scrape();
    expect(before.statusCode).toBe(200);
    expect(before.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const okSeries = 'jiayuan_http_requests_total{method="GET",route="/healthz",status="200"}';
    const n0 = sample(before.body, okSeries);

    for (let i = 0; i < 3; i++) expect((await t.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    // A parametric route without a session: labelled by its pattern, never by the id in the URL.
    expect((await t.app.inject({ method: 'GET', url: '/api/servicedesk/orders/98765' })).statusCode).toBe(401);

    const after = (await scrape()).body;
    expect(sample(after, okSeries)).toBe(n0 + 3);
    expect(sample(after, 'jiayuan_http_requests_total{method="GET",route="/api/servicedesk/orders/:id",status="401"}')).toBe(1);
    expect(sample(after, 'jiayuan_http_request_duration_seconds_count{method="GET",route="/healthz",status="200"}')).toBe(n0 + 3);
    expect(sample(after, 'jiayuan_http_request_duration_seconds_bucket{le="+Inf",method="GET",route="/healthz",status="200"}')).toBe(n0 + 3);
    expect(after).not.toContain('98765');
  });

  it('labels a signed-in request by route and status and never by who made it', async () => {
    const desk = await userWith(t.platform, t.app, ['property_staff'], { all: true }, 'metricsdesk');
    expect((await desk.get('/api/me')).status).toBe(200);
    const text = (await scrape()).body;
    expect(sample(text, 'jiayuan_http_requests_total{method="GET",route="/api/me",status="200"}')).toBeGreaterThanOrEqual(1);
    expect(text).not.toContain('metricsdesk');
  });

  it('shows the database pool, live connections and the gate queue', async () => {
    const text = (await scrape()).body;
    expect(sample(text, 'jiayuan_db_pool_connections{state="total"}')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'jiayuan_db_pool_connections{state="max"}')).toBeGreaterThanOrEqual(1);
    const stop = t.platform.live.connect({ kind: 'system' } as never, ['x'], () => undefined);
    expect(sample((await scrape()).body, 'jiayuan_live_connections')).toBe(1);
    stop();
    expect(sample((await scrape()).body, 'jiayuan_live_connections')).toBe(0);
    expect((await scrape()).body).toMatch(/^jiayuan_gate_group_commit_queue 0$/m);
  });

  it('counts scheduled job runs by outcome', async () => {
    const s = new Scheduler(t.platform);
    s.register({ name: 'metrics.fails', everyMs: 60000, run: async () => Promise.reject(new Error('no')) });
    s.register({ name: 'metrics.works', everyMs: 60000, run: async () => undefined });
    await s.tick();
    const text = (await scrape()).body;
    expect(sample(text, 'jiayuan_scheduler_job_runs_total{job="metrics.fails",outcome="failed"}')).toBe(1);
    expect(sample(text, 'jiayuan_scheduler_job_runs_total{job="metrics.works",outcome="ok"}')).toBe(1);
  });

  it('is refused to other machines and through a proxy, unless they bring the metrics token', async () => {
    expect((await scrape({}, '10.1.2.3')).statusCode).toBe(403);
    expect((await scrape({ 'x-forwarded-for': '203.0.113.9' })).statusCode).toBe(403);
    expect((await scrape({ authorization: 'Bearer guessed-token-guessed' }, '10.1.2.3')).statusCode).toBe(403);
    const token = 'metrics-token-0123456789';
    t.platform.config.metricsToken = token;
    try {
      expect((await scrape({ authorization: `Bearer ${token}` }, '10.1.2.3')).statusCode).toBe(200);
      expect((await scrape({ authorization: 'Bearer guessed-token-guessed' }, '10.1.2.3')).statusCode).toBe(403);
    } finally {
      t.platform.config.metricsToken = null;
    }
  });
});

describe('statements per request', () => {
  itOnPostgres('are counted per route when asked, and the next request of a page finds its session without the database', async () => {
    const desk = await userWith(t.platform, t.app, ['property_staff'], { all: true }, 'countingdesk');
    // A second instance on the same database, counting what each request sends.
    const [row] = await queryRows<{ db: string }>(t.platform.db, sql`SELECT current_database() AS db`);
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = `/${row!.db}`;
    const config = { ...t.platform.config, countStatements: true };
    const platform = await createPlatform(config, {
      database: await openPostgres(url.toString(), 2, { countStatements: true }),
      clock: t.clock,
      log: pino({ level: 'silent' }),
    });
    const app = await buildApp(platform, { serveWeb: false });
    try {
      const me = () => app.inject({ method: 'GET', url: '/api/me', headers: { cookie: desk.cookie! } });
      const series = (name: string) => `${name}{method="GET",route="/api/me"}`;
      const scrape = async () => (await app.inject({ method: 'GET', url: '/metrics' })).body;
      expect((await me()).statusCode).toBe(200);
      const first = await scrape();
      const firstTrips = sample(first, series('jiayuan_http_db_round_trips_total'));
      expect(firstTrips).toBe(2);
      expect(sample(first, series('jiayuan_http_db_statements_total'))).toBe(firstTrips);
      expect((await me()).statusCode).toBe(200);
      const second = await scrape();
      // The session with its user (one statement; a scope of everything has no places to read) is
      // kept: only what /api/me itself reads is sent.
      expect(sample(second, series('jiayuan_http_db_round_trips_total')) - firstTrips).toBe(firstTrips - 1);

      // Signing out on this instance forgets the kept session at once.
      const out = await app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: desk.cookie!, 'x-csrf-token': desk.csrf! } });
      expect(out.statusCode).toBeLessThan(300);
      expect((await me()).statusCode).toBe(401);
    } finally {
      await app.close();
      await platform.shutdown();
    }
  });
});
