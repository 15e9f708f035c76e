import { sql } from 'drizzle-orm';
import type { Platform } from '../context.js';
import { addDays, localDate, localInstant } from '../time.js';
import { queryRows, type Executor } from './database.js';

/**
 * Tables partitioned by day on a timestamptz column (the audit log, and those the modules' manifests
 * name); the scheduler keeps their partitions ahead.
 */
function partitionName(table: string, day: string) {
  return `${table}_p${day.replaceAll('-', '')}`;
}

/**
 * Creates the day partitions from `from` to `to` (local dates, inclusive) that don't exist
 * yet. A day whose rows already sit in the default partition is left there (reported, not
 * fatal): the rows stay queryable and no write is refused.
 */
export async function ensureDailyPartitions(
  ex: Executor,
  table: string,
  from: string,
  to: string,
  tz: string,
): Promise<{ created: string[]; skipped: string[] }> {
  const existing = new Set(
    (
      await queryRows<{ name: string }>(
        ex,
        sql`SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
            JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = ${table}`,
      )
    ).map((r) => r.name),
  );
  const created: string[] = [];
  const skipped: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) {
    const name = partitionName(table, day);
    if (existing.has(name)) continue;
    const lo = localInstant(day, '00:00', tz).toISOString();
    const hi = localInstant(addDays(day, 1), '00:00', tz).toISOString();
    try {
      await ex.execute(sql.raw(`CREATE TABLE IF NOT EXISTS "${name}" PARTITION OF "${table}" FOR VALUES FROM ('${lo}') TO ('${hi}')`));
      created.push(day);
    } catch {
      skipped.push(day);
    }
  }
  return { created, skipped };
}

/** Drops whole day partitions older than `before` (a local date): retention without row deletes. */
export async function dropDailyPartitionsBefore(ex: Executor, table: string, before: string): Promise<string[]> {
  const rows = await queryRows<{ name: string }>(
    ex,
    sql`SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
        JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = ${table} AND c.relname LIKE ${`${table}_p%`}`,
  );
  const cutoff = partitionName(table, before);
  const dropped: string[] = [];
  for (const { name } of rows) {
    if (name < cutoff) {
      await ex.execute(sql.raw(`DROP TABLE "${name}"`));
      dropped.push(name);
    }
  }
  return dropped;
}

/**
 * Retention of epidemic data (DESIGN.md, personal data): the days of health readings older
 * than the configured period are dropped whole, partition by partition, from the tables that hold
 * them (those a manifest marks `healthData`). The audit log is kept.
 */
export async function dropExpiredHealthData(platform: Pick<Platform, 'db' | 'clock' | 'config' | 'log'>, healthTables: readonly string[]): Promise<string[]> {
  const today = localDate(platform.clock.now(), platform.config.timezone);
  const before = addDays(today, -platform.config.healthDataRetentionDays);
  const dropped: string[] = [];
  for (const table of healthTables) dropped.push(...(await dropDailyPartitionsBefore(platform.db, table, before)));
  if (dropped.length > 0) platform.log.info({ partitions: dropped, before }, 'health data past its retention dropped');
  return dropped;
}
