import { asc, desc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestPlatform } from '../../test-support/test-platform.js';
import { notifications } from '../notifications/notifications.schema.js';
import { pageWithTotal } from './paging.js';

/** A page and its total in one statement give exactly what drizzle's select and count give. */
let t: TestPlatform;
const USER = 424242;

beforeAll(async () => {
  t = await createTestPlatform({ withApp: false });
  const base = Date.UTC(2026, 11, 1, 8, 0, 0);
  await t.platform.db.insert(notifications).values(
    Array.from({ length: 23 }, (_, i) => ({
      userId: USER,
      kind: i % 3 === 0 ? 'a' : 'b',
      title: { 'zh-CN': `标题 ${i}`, 'en-US': `Title ${i}` },
      body: i % 2 ? null : { 'zh-CN': '正文', 'en-US': 'Body' },
      link: i % 4 ? `/x/${i}` : null,
      // Ties on the first key, so the second decides.
      createdAt: new Date(base + Math.floor(i / 2) * 60_000),
      readAt: i % 5 ? null : new Date(base + i * 1000),
    })),
  );
});
afterAll(() => t.close());

describe('pageWithTotal', () => {
  const where = eq(notifications.userId, USER);
  for (const [limit, offset] of [
    [5, 0],
    [5, 20],
    [10, 15],
    [5, 40],
  ] as const) {
    it(`matches select + count at limit ${limit}, offset ${offset}`, async () => {
      const order = [desc(notifications.createdAt), asc(notifications.id)];
      const got = await pageWithTotal(t.platform.db, notifications, where, order, { limit, offset });
      const rows = await t.platform.db
        .select()
        .from(notifications)
        .where(where)
        .orderBy(...order)
        .limit(limit)
        .offset(offset);
      expect(got.rows).toEqual(rows);
      expect(got.total).toBe(23);
      expect(got.rows.length).toBe(Math.max(0, Math.min(limit, 23 - offset)));
      if (got.rows[0]) expect(got.rows[0].createdAt).toBeInstanceOf(Date);
    });
  }

  it('answers no rows and a zero total when nothing matches, and takes any condition', async () => {
    expect(await pageWithTotal(t.platform.db, notifications, eq(notifications.userId, -1), [asc(notifications.id)], { limit: 5, offset: 0 })).toEqual({
      rows: [],
      total: 0,
    });
    const some = await pageWithTotal(
      t.platform.db,
      notifications,
      sql`${notifications.kind} = 'a' AND ${notifications.userId} = ${USER}`,
      [asc(notifications.id)],
      {
        limit: 100,
        offset: 0,
      },
    );
    expect([some.total, some.rows.length, some.rows.every((r) => r.kind === 'a')]).toEqual([8, 8, true]);
  });
});
