import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../app.js';
import { userWith, type TestClient } from '../../test-support/http-client.js';
import { describeOnPostgres } from '../../test-support/postgres-only.js';
import { createTestPlatform, secondInstance, type TestPlatform } from '../../test-support/test-platform.js';
import { inTx, type Platform } from '../context.js';
import { queryOne, sql } from '../db/database.js';
import { buildSmallTree } from '../../test-support/fixtures.js';
import { notifyRole, notifyUsers } from './notifications.service.js';

let t: TestPlatform;
let port: number;
let alice: TestClient & { userId: number };
let bob: TestClient & { userId: number };
const streams: EventStream[] = [];

interface EventStream {
  status: number;
  /** The next named event (comments and the retry hint are skipped). */
  next(): Promise<{ event: string; data: any }>;
  /** The next `notification` event. */
  nextNotification(): Promise<any>;
  close(): void;
}

/** Opens GET /api/events over a real connection, as a browser's EventSource would. */
async function openEvents(atPort: number, cookie: string, topics?: string): Promise<EventStream> {
  const abort = new AbortController();
  const query = topics === undefined ? '' : `?topics=${encodeURIComponent(topics)}`;
  const res = await fetch(`http://127.0.0.1:${atPort}/api/events${query}`, { headers: { cookie }, signal: abort.signal });
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const next = async () => {
    for (;;) {
      const end = buffer.indexOf('\n\n');
      if (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event) return { event, data: data ? JSON.parse(data) : null };
        continue;
      }
      const { value, done } = await reader.read();
      if (done) throw new Error('the event stream ended');
      buffer += decoder.decode(value, { stream: true });
    }
  };
  const stream: EventStream = {
    status: res.status,
    next,
    async nextNotification() {
      for (;;) {
        const e = await next();
        if (e.event === 'notification') return e.data;
      }
    },
    close: () => abort.abort(),
  };
  streams.push(stream);
  return stream;
}

async function notify(platform: Platform, userIds: number[], kind: string) {
  await inTx({ platform }, (tx) => notifyUsers(tx, platform, userIds, { kind, title: { 'zh-CN': `通知${kind}`, 'en-US': `Notice ${kind}` } }));
}

beforeAll(async () => {
  t = await createTestPlatform();
  port = Number(new URL(await t.app.listen({ port: 0, host: '127.0.0.1' })).port);
  alice = await userWith(t.platform, t.app, ['community_staff'], { all: true }, 'alice');
  bob = await userWith(t.platform, t.app, ['community_staff'], { all: true }, 'bob');
});
afterAll(async () => {
  for (const s of streams) s.close();
  await t.close();
});

describe('live events', () => {
  it('refuse a caller without a session', async () => {
    const res = await fetch(`http://127.0.0.1:${port}/api/events`);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { code: string }).code).toBe('UNAUTHENTICATED');
  });

  it('deliver a notification to the user it is for, and to no one else', async () => {
    const a = await openEvents(port, alice.cookie!);
    const b = await openEvents(port, bob.cookie!);
    expect(a.status).toBe(200);
    expect((await a.next()).event).toBe('ready');
    expect((await b.next()).event).toBe('ready');

    await notify(t.platform, [alice.userId], 'for-alice');
    expect(await a.nextNotification()).toEqual({ type: 'notification', kind: 'for-alice' });
    await notify(t.platform, [bob.userId], 'for-bob');
    // Bob's first notification is his own: Alice's never reached him.
    expect(await b.nextNotification()).toEqual({ type: 'notification', kind: 'for-bob' });
    await notify(t.platform, [alice.userId, bob.userId], 'for-both');
    expect(await a.nextNotification()).toEqual({ type: 'notification', kind: 'for-both' });
    expect(await b.nextNotification()).toEqual({ type: 'notification', kind: 'for-both' });
  });

  it('deliver a notification sent to a role to each user holding it', async () => {
    const a = await openEvents(port, alice.cookie!);
    await a.next();
    const sent = await inTx({ platform: t.platform }, (tx) =>
      notifyRole(tx, t.platform, 'community_staff', null, { kind: 'to-the-role', title: { 'zh-CN': '全体社区工作人员', 'en-US': 'All community staff' } }),
    );
    expect([...sent].sort()).toEqual([alice.userId, bob.userId].sort());
    expect(await a.nextNotification()).toEqual({ type: 'notification', kind: 'to-the-role' });
  });

  it('deliver nothing from a transaction that was rolled back', async () => {
    const a = await openEvents(port, alice.cookie!);
    await a.next();
    await t.platform.db
      .transaction(async (tx) => {
        await notifyUsers(tx, t.platform, [alice.userId], { kind: 'rolled-back', title: { 'zh-CN': '撤回', 'en-US': 'Undone' } });
        throw new Error('undo');
      })
      .catch(() => undefined);
    await notify(t.platform, [alice.userId], 'after-rollback');
    expect(await a.nextNotification()).toEqual({ type: 'notification', kind: 'after-rollback' });
    const list = await alice.get('/api/notifications?pageSize=100');
    expect(list.json.items.map((n: any) => n.kind)).not.toContain('rolled-back');
  });
});

describe('live topics', () => {
  const TOPICS = ['servicedesk', 'inbound', 'observation', 'containment', 'screening'];

  it('reach only those who may read them, and only for places in their scope', async () => {
    const admin = await userWith(t.platform, t.app, ['admin'], { all: true }, 'topicadmin');
    const tree = await buildSmallTree(admin);
    const pathOf = async (id: number) => (await queryOne<{ path: string }>(t.platform.db, sql`SELECT path FROM places WHERE id = ${id}`))!.path;
    const where = { A: await pathOf(tree.compoundA), B: await pathOf(tree.compoundB) };
    const volunteer = await userWith(t.platform, t.app, ['volunteer'], { placeIds: [tree.communityA] }, 'topicvolunteer');
    const staffA = await userWith(t.platform, t.app, ['community_staff'], { placeIds: [tree.communityA] }, 'topicstaffa');
    const staffB = await userWith(t.platform, t.app, ['community_staff'], { placeIds: [tree.communityB] }, 'topicstaffb');
    const listeners = { volunteer, staffA, staffB, everywhere: alice };
    const asked = [...TOPICS, 'nonsense'].join(',');
    const streams = Object.fromEntries(
      await Promise.all(Object.entries(listeners).map(async ([k, c]) => [k, await openEvents(port, c.cookie!, asked)] as const)),
    );

    // Each says which topics it joined: a volunteer none of these, staff all five, nobody an unknown one.
    expect((await streams.volunteer!.next()).data).toEqual({ topics: [], refused: [...TOPICS, 'nonsense'] });
    for (const k of ['staffA', 'staffB', 'everywhere']) expect((await streams[k]!.next()).data).toEqual({ topics: TOPICS, refused: ['nonsense'] });

    await inTx({ platform: t.platform }, async (tx) => {
      for (const topic of TOPICS) {
        for (const [at, placePath] of Object.entries(where)) await t.platform.live.publish(tx, { type: `${topic}.changed`, topic, placePath, data: { at } });
      }
      // An order with no place: only for those whose scope is everything.
      await t.platform.live.publish(tx, { type: 'servicedesk.changed', topic: 'servicedesk', placePath: null, data: { at: 'nowhere' } });
    });
    // A notification to each afterwards: what came before it is everything they were sent.
    await notify(
      t.platform,
      Object.values(listeners).map((c) => c.userId),
      'after-topics',
    );
    const heard = async (s: EventStream) => {
      const got: string[] = [];
      for (;;) {
        const e = await s.next();
        if (e.event === 'notification') return got;
        got.push(`${e.event}@${e.data.at}`);
      }
    };
    expect(await heard(streams.volunteer!)).toEqual([]);
    expect(await heard(streams.staffA!)).toEqual(TOPICS.map((x) => `${x}.changed@A`));
    expect(await heard(streams.staffB!)).toEqual(TOPICS.map((x) => `${x}.changed@B`));
    expect(await heard(streams.everywhere!)).toEqual([...TOPICS.flatMap((x) => [`${x}.changed@A`, `${x}.changed@B`]), 'servicedesk.changed@nowhere']);
  });
});

describe('my notifications', () => {
  it('counts what I have not read, and marks one or all read', async () => {
    const carol = await userWith(t.platform, t.app, ['health_worker'], { all: true }, 'carol');
    for (const kind of ['one', 'two', 'three']) await notify(t.platform, [carol.userId], kind);
    const all = await carol.get('/api/notifications');
    expect(all.status).toBe(200);
    expect(all.json).toMatchObject({ total: 3, unread: 3 });
    expect(all.json.items.map((n: any) => n.kind)).toEqual(['three', 'two', 'one']);
    expect(all.json.items[0]).toMatchObject({ title: { 'zh-CN': '通知three', 'en-US': 'Notice three' }, readAt: null });

    const two = all.json.items[1].id;
    expect((await carol.post('/api/notifications/read', { ids: [two] })).status).toBe(200);
    const after = await carol.get('/api/notifications?unreadOnly=true');
    expect(after.json).toMatchObject({ total: 2, unread: 2 });
    expect(after.json.items.map((n: any) => n.kind)).toEqual(['three', 'one']);
    expect((await carol.get('/api/notifications')).json.items.find((n: any) => n.id === two).readAt).not.toBeNull();

    // Someone else's ids are not mine to mark.
    const alicesUnread = (await alice.get('/api/notifications')).json.unread;
    const aliceIds = (await alice.get('/api/notifications?unreadOnly=true')).json.items.map((n: any) => n.id);
    await carol.post('/api/notifications/read', { ids: aliceIds });
    expect((await alice.get('/api/notifications')).json.unread).toBe(alicesUnread);

    await carol.post('/api/notifications/read', { all: true });
    expect((await carol.get('/api/notifications')).json).toMatchObject({ total: 3, unread: 0 });
  });

  it('are for signed-in staff only', async () => {
    const token = await (
      await userWith(t.platform, t.app, ['admin'], { all: true })
    ).post('/api/api-tokens', { name: '通知令牌', permissions: ['resident.read'], scope: { all: true } });
    const r = await t.app.inject({ method: 'GET', url: '/api/notifications', headers: { authorization: `Bearer ${token.json.secret}` } });
    expect(r.statusCode).toBe(403);
  });
});

describeOnPostgres('two app instances on one PostgreSQL database', () => {
  let second: Platform & { shutdown(): Promise<void> };
  let secondApp: App;
  let secondPort: number;

  beforeAll(async () => {
    ({ platform: second, app: secondApp } = await secondInstance(t));
    secondPort = Number(new URL(await secondApp.listen({ port: 0, host: '127.0.0.1' })).port);
  });
  afterAll(async () => {
    for (const s of streams) s.close();
    await secondApp.close();
    await second.shutdown();
  });

  it('deliver an event committed on one instance to a page connected to the other', async () => {
    const there = await openEvents(secondPort, alice.cookie!);
    expect(there.status).toBe(200);
    await there.next();
    await notify(t.platform, [alice.userId], 'across');
    expect(await there.nextNotification()).toEqual({ type: 'notification', kind: 'across' });
  });

  it('deliver an event of a rolled-back transaction to no instance', async () => {
    const there = await openEvents(secondPort, alice.cookie!);
    const here = await openEvents(port, alice.cookie!);
    await there.next();
    await here.next();
    await t.platform.db
      .transaction(async (tx) => {
        await notifyUsers(tx, t.platform, [alice.userId], { kind: 'never', title: { 'zh-CN': '撤回', 'en-US': 'Undone' } });
        throw new Error('undo');
      })
      .catch(() => undefined);
    await notify(second, [alice.userId], 'from-the-other-side');
    expect(await there.nextNotification()).toEqual({ type: 'notification', kind: 'from-the-other-side' });
    expect(await here.nextNotification()).toEqual({ type: 'notification', kind: 'from-the-other-side' });
  });
});
