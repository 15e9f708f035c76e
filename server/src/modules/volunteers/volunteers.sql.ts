import type { SQL } from 'drizzle-orm';
import { queryRows, type Executor } from '../../platform/db/database.js';

/**
 * Raw SQL rows with their timestamps as Dates: the drizzle drivers hand timestamptz columns of raw
 * queries back as text (they keep the mapping for their query builder). A column named `…At`,
 * `…Start`, `…End` or `takeBy` is a timestamp here.
 */
const isTimestampKey = (k: string) => k.endsWith('At') || k.endsWith('Start') || k.endsWith('End') || k === 'takeBy';

function withDates<T>(row: T): T {
  const r = row as Record<string, unknown>;
  for (const k of Object.keys(r)) {
    const v = r[k];
    if (typeof v === 'string' && isTimestampKey(k)) r[k] = new Date(v.includes('T') ? v : `${v.replace(' ', 'T')}`.replace(/([+-]\d\d)$/, '$1:00'));
  }
  return row;
}

export async function sqlRows<T>(ex: Executor, query: SQL): Promise<T[]> {
  return (await queryRows<T>(ex, query)).map(withDates);
}

export async function sqlOne<T>(ex: Executor, query: SQL): Promise<T | undefined> {
  return (await sqlRows<T>(ex, query))[0];
}
