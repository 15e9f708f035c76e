import { sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScheduler } from '../../jobs.js';
import { itOnPostgres, onPostgres } from '../../test-support/postgres-only.js';
import { createTestPlatform, type TestPlatform } from '../../test-support/test-platform.js';
import type { Platform } from '../context.js';
import { openPostgres, queryOne, queryRows } from '../db/database.js';
import { createPlatform } from '../platform.js';
import { Scheduler } from './scheduler.js';

const MINUTE = 60000;

let t: TestPlatform;
/** A second app instance: its own connection pool on the same PostgreSQL database (PostgreSQL only). */
let other: (Platform & { shutdown(): Promise<void> }) | null = null;

beforeAll(async () => {
  t = await createTestPlatform();
  if (onPostgres) {
    const name = (await queryOne<{ db: string }>(t.platform.db, sql`SELECT current_database() AS db`))!.db;
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = `/${name}`;
    other = await createPlatform(t.platform.config, { database: await openPostgres(url.toString(), 3), clock: t.clock, log: pino({ level: 'silent' }) });
  }
});
afterAll(async () => {
  await other?.shutdown();
  await t.close();
});

async function jobRow(name: string) {
  return (
    await queryRows<{ runs: number; last_status: string | null; last_error: string | null; next_run_at: Date }>(
      t.platform.db,
      sql`SELECT runs, last_status, last_error, next_run_at FROM scheduled_jobs WHERE name = ${name}`,
    )
  )[0];
}

describe('the scheduler', () => {
  itOnPostgres('runs a due job exactly once when two instances tick at the same time', async () => {
    const runs = new Map<string, number>();
    const names = Array.from({ length: 12 }, (_, i) => `race.${i}`);
    const make = (platform: Platform) => {
      const s = new Scheduler(platform);
      for (const name of names) {
        s.register({
          name,
          everyMs: 10 * MINUTE,
          run: async () => {
            runs.set(name, (runs.get(name) ?? 0) + 1);
            await new Promise((resolve) => setImmediate(resolve));
          },
        });
      }
      return s;
    };
    const one = make(t.platform);
    const two = make(other!);
    const [ranOne, ranTwo] = await Promise.all([one.tick(), two.tick()]);
    expect([...ranOne, ...ranTwo].sort()).toEqual([...names].sort());
    expect(ranOne.filter((n) => ranTwo.includes(n))).toEqual([]);
    expect(names.map((n) => runs.get(n))).toEqual(names.map(() => 1));
    for (const n of names) expect((await jobRow(n))!.runs).toBe(1);

    // Nothing is due again until its period has passed; then each runs once more.
    expect([...(await one.tick()), ...(await two.tick())]).toEqual([]);
    t.clock.advance(10 * MINUTE + 1000);
    const [againOne, againTwo] = await Promise.all([two.tick(), one.tick()]);
    expect([...againOne, ...againTwo].sort()).toEqual([...names].sort());
    expect(names.map((n) => runs.get(n))).toEqual(names.map(() => 2));
  });

  it('records a failing job as failed and tries it again the next period', async () => {
    let attempts = 0;
    const s = new Scheduler(t.platform);
    s.register({
      name: 'flaky',
      everyMs: 5 * MINUTE,
      run: async () => {
        attempts++;
        if (attempts === 1) throw new Error('upstream unavailable');
      },
    });
    expect(await s.tick()).toEqual(['flaky']);
    expect(await jobRow('flaky')).toMatchObject({ runs: 1, last_status: 'failed', last_error: 'Error: upstream unavailable' });
    expect(await s.tick()).toEqual([]);
    expect(attempts).toBe(1);
    t.clock.advance(5 * MINUTE + 1000);
    expect(await s.tick()).toEqual(['flaky']);
    expect(attempts).toBe(2);
    expect(await jobRow('flaky')).toMatchObject({ runs: 2, last_status: 'ok', last_error: null });
  });

  it("runs the app's own periodic jobs without error", async () => {
    const s = createScheduler(t.platform);
    const ran = await s.tick();
    expect(ran.sort()).toEqual([
      'calendar.arrangements',
      'containment.release_due',
      'duty.call_ups',
      'duty.no_shows',
      'duty.unfilled',
      'identifier_searches.cleanup',
      'imports.recover',
      'obligations.escalate',
      'obligations.generate',
      'observation.tick',
      'partitions.ensure',
      'partitions.retention',
      'passes.rotate',
      'screening.progress',
      'servicedesk.missed_limits',
      'sessions.cleanup',
      'volunteers.duty_hours',
      'volunteers.holds',
      'volunteers.needs_expire',
    ]);
    const rows = await queryRows<{ name: string; last_status: string }>(
      t.platform.db,
      sql`SELECT name, last_status FROM scheduled_jobs WHERE name NOT LIKE 'race.%' AND name <> 'flaky' ORDER BY name`,
    );
    expect(rows.every((r) => r.last_status === 'ok')).toBe(true);
    const partitions = await queryRows<{ n: number }>(
      t.platform.db,
      sql`SELECT count(*)::int AS n FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = 'audit_log'`,
    );
    expect(partitions[0]!.n).toBeGreaterThanOrEqual(16);
  });
});
