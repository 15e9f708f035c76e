import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestPlatform } from '../../test-support/test-platform.js';
import { localInstant } from '../time.js';
import { queryRows, sql } from './database.js';
import { MODULES } from '../../modules.js';
import { partitionedTables } from '../modules/install.js';
import { dropExpiredHealthData, ensureDailyPartitions } from './partitions.js';

const HEALTH_TABLES = partitionedTables(MODULES)
  .filter((p) => p.healthData)
  .map((p) => p.table);

let t: TestPlatform;
const TZ = 'Asia/Shanghai';

async function days(table: string): Promise<string[]> {
  const rows = await queryRows<{ name: string }>(
    t.platform.db,
    sql`SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
        WHERE p.relname = ${table} AND c.relname LIKE ${`${table}_p%`} ORDER BY 1`,
  );
  return rows.map((r) => r.name.slice(-8));
}

beforeAll(async () => {
  t = await createTestPlatform();
  // 180 days (the default retention) before 2026-06-01 is 2025-12-03.
  t.clock.set(localInstant('2026-06-01', '03:00', TZ));
  for (const table of ['observation_checks', 'gate_events', 'audit_log'] as const)
    await ensureDailyPartitions(t.platform.db, table, '2025-12-01', '2025-12-05', TZ);
});
afterAll(() => t.close());

describe('health data retention', () => {
  it('drops the days of readings older than the retention period, whole, and keeps the audit log', async () => {
    expect(t.platform.config.healthDataRetentionDays).toBe(180);
    const dropped = await dropExpiredHealthData(t.platform, HEALTH_TABLES);
    expect(dropped.sort()).toEqual(['gate_events_p20251201', 'gate_events_p20251202', 'observation_checks_p20251201', 'observation_checks_p20251202']);
    for (const table of ['observation_checks', 'gate_events']) {
      const left = await days(table);
      expect(left).toEqual(expect.arrayContaining(['20251203', '20251204', '20251205']));
      expect(left).not.toContain('20251202');
    }
    expect(await days('audit_log')).toEqual(expect.arrayContaining(['20251201', '20251202']));
    // Run again: nothing more to drop.
    expect(await dropExpiredHealthData(t.platform, HEALTH_TABLES)).toEqual([]);
  });
});
