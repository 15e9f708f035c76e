import { customType, timestamp } from 'drizzle-orm/pg-core';

/** bytea as Node Buffers on both drivers. */
export const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
  toDriver: (v) => v,
});

/** Materialised place paths compare byte-wise so `LIKE '1.5.%'` uses a plain btree index. */
export const pathText = customType<{ data: string }>({ dataType: () => 'text COLLATE "C"' });

export const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
export const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();
