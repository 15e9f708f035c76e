import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userWith } from '../../test-support/http-client.js';
import { createTestPlatform, type TestPlatform } from '../../test-support/test-platform.js';
import { systemActor } from '../access/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import { inTx, type Ctx } from '../context.js';
import { notifyUsers } from '../notifications/notifications.service.js';
import { queryRows } from './database.js';
import { appendAtEnd } from './tx-tail.js';
import { notifications } from '../notifications/notifications.schema.js';

let t: TestPlatform;
let ctx: Ctx;
let userId: number;

beforeAll(async () => {
  t = await createTestPlatform();
  ctx = { platform: t.platform, actor: systemActor('tail-test'), origin: { ip: '10.0.0.1', channel: 'system', requestId: 'req-tail' }, lang: 'zh-CN' };
  userId = (await userWith(t.platform, t.app, ['community_staff'])).userId;
});
afterAll(async () => {
  await t?.close();
});

const auditRows = (entityId: string) =>
  queryRows<{ action: string; before: unknown; after: unknown; ip: string; request_id: string; actor_name: string }>(
    t.platform.db,
    sql`SELECT action, before, after, ip, request_id, actor_name FROM audit_log WHERE entity_id = ${entityId} ORDER BY id`,
  );
const notificationRows = (subjectId: string) =>
  queryRows<{ user_id: number; kind: string; title: unknown; body: unknown }>(
    t.platform.db,
    sql`SELECT user_id, kind, title, body FROM notifications WHERE subject_id = ${subjectId}`,
  );

/** Waits for live events to be heard back through LISTEN. */
async function heard(events: string[], n: number) {
  for (let i = 0; i < 100 && events.length < n; i++) await new Promise((r) => setTimeout(r, 20));
  return events;
}

describe('the writes a transaction leaves for its end', () => {
  it('are all there after it commits, in order, with what each said', async () => {
    const events: string[] = [];
    const stop = t.platform.live.connect({ ...systemActor(), userId } as never, [], (type) => events.push(type));
    try {
      await inTx(ctx, async (tx) => {
        await recordAudit(tx, ctx, {
          action: 'user.created',
          entityType: 'user',
          entityId: 'tail-1',
          before: null,
          after: { step: 1, at: new Date('2026-01-02T03:04:05Z') },
        });
        await notifyUsers(tx, t.platform, [userId, userId], {
          kind: 'tail.test',
          title: { 'zh-CN': '标题', 'en-US': 'Title' },
          subjectType: 'test',
          subjectId: 'tail-1',
        });
        await recordAudit(tx, ctx, {
          action: 'user.updated',
          entityType: 'user',
          entityId: 'tail-1',
          before: { step: 1, passwordHash: 'x' },
          after: { step: 2 },
        });
        // Nothing is written before the end: the transaction's own reads do not see them yet.
        expect((await queryRows(tx, sql`SELECT 1 FROM audit_log WHERE entity_id = 'tail-1'`)).length).toBe(0);
      });
      expect(await auditRows('tail-1')).toEqual([
        {
          action: 'user.created',
          before: null,
          after: { step: 1, at: '2026-01-02T03:04:05.000Z' },
          ip: '10.0.0.1',
          request_id: 'req-tail',
          actor_name: 'tail-test',
        },
        { action: 'user.updated', before: { step: 1 }, after: { step: 2 }, ip: '10.0.0.1', request_id: 'req-tail', actor_name: 'tail-test' },
      ]);
      expect(await notificationRows('tail-1')).toEqual([{ user_id: userId, kind: 'tail.test', title: { 'zh-CN': '标题', 'en-US': 'Title' }, body: null }]);
      expect(await heard(events, 1)).toEqual(['notification']);
    } finally {
      stop();
    }
  });

  it('are not written, nor heard, when it rolls back', async () => {
    const events: string[] = [];
    const stop = t.platform.live.connect({ ...systemActor(), userId } as never, [], (type) => events.push(type));
    try {
      await expect(
        inTx(ctx, async (tx) => {
          await recordAudit(tx, ctx, { action: 'user.created', entityType: 'user', entityId: 'tail-2' });
          await notifyUsers(tx, t.platform, [userId], { kind: 'tail.test', title: { 'zh-CN': '标题', 'en-US': 'Title' }, subjectId: 'tail-2' });
          throw new Error('changed my mind');
        }),
      ).rejects.toThrow('changed my mind');
      await new Promise((r) => setTimeout(r, 200));
      expect(await auditRows('tail-2')).toEqual([]);
      expect(await notificationRows('tail-2')).toEqual([]);
      expect(events).toEqual([]);
    } finally {
      stop();
    }
  });
});

describe('rows appended at the end', () => {
  const logged = (note: string) => queryRows<{ n: number }>(t.platform.db, sql`SELECT count(*)::int AS n FROM notifications WHERE kind = ${note}`);
  const append = (ex: Parameters<typeof appendAtEnd>[0], kind: string) =>
    appendAtEnd(ex, ex.insert(notifications).values({ userId, kind, title: { 'zh-CN': '追加', 'en-US': 'Appended' }, createdAt: new Date() }));

  it('are written by the end statement of a committed transaction, and not before', async () => {
    const seenInside = await inTx(ctx, async (tx) => {
      await append(tx, 'appended.a');
      await append(tx, 'appended.a');
      return (await queryRows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM notifications WHERE kind = 'appended.a'`))[0]!.n;
    });
    expect(seenInside).toBe(0);
    expect((await logged('appended.a'))[0]!.n).toBe(2);
  });

  it('are never written when the transaction rolls back, and written at once outside a transaction', async () => {
    await expect(
      inTx(ctx, async (tx) => {
        await append(tx, 'appended.b');
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect((await logged('appended.b'))[0]!.n).toBe(0);
    await append(t.platform.db, 'appended.c');
    expect((await logged('appended.c'))[0]!.n).toBe(1);
  });
});
