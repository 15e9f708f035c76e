import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { LocalizedText, NotificationView } from '@jiayuan/contracts';
import type { Ctx, Platform } from '../context.js';
import { queryRows, type Executor } from '../db/database.js';
import { pageWithTotal } from '../db/paging.js';
import { usersWithRoleOverQuery } from '../auth/identity.repository.js';
import { tailOf } from '../db/tx-tail.js';
import { notifications } from './notifications.schema.js';

export interface NotificationInput {
  kind: string;
  title: LocalizedText;
  body?: LocalizedText | null;
  link?: string | null;
  subjectType?: string | null;
  subjectId?: string | number | null;
}

/** Sends an in-app notification to each user, pushed live once the transaction commits. */
export async function notifyUsers(ex: Executor, platform: Pick<Platform, 'live' | 'clock'>, userIds: number[], n: NotificationInput) {
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return;
  const at = platform.clock.now();
  const tail = tailOf(ex);
  if (tail) {
    // Written with the transaction's audit rows and live events, in one statement at its end.
    for (const userId of unique) {
      tail.notifications.push({
        user_id: userId,
        kind: n.kind,
        title: n.title,
        body: n.body ?? null,
        link: n.link ?? null,
        subject_type: n.subjectType ?? null,
        subject_id: n.subjectId == null ? null : String(n.subjectId),
        created_at: at.toISOString(),
      });
    }
  } else {
    await ex.insert(notifications).values(
      unique.map((userId) => ({
        userId,
        kind: n.kind,
        title: n.title,
        body: n.body ?? null,
        link: n.link ?? null,
        subjectType: n.subjectType ?? null,
        subjectId: n.subjectId == null ? null : String(n.subjectId),
        createdAt: at,
      })),
    );
  }
  for (let i = 0; i < unique.length; i += 500) {
    await platform.live.publish(ex, { type: 'notification', userIds: unique.slice(i, i + 500), data: { kind: n.kind } });
  }
}

export { usersWithRoleOverQuery };

/** Active users holding the role whose scope covers the place (or everything). */
export async function usersWithRoleOver(ex: Executor, role: string, placePath: string | null): Promise<number[]> {
  const rows = await queryRows<{ id: number }>(ex, usersWithRoleOverQuery(role, placePath));
  return rows.map((r) => r.id);
}

export async function notifyRole(
  ex: Executor,
  platform: Pick<Platform, 'live' | 'clock'>,
  role: string,
  placePath: string | null,
  n: NotificationInput,
): Promise<number[]> {
  const ids = await usersWithRoleOver(ex, role, placePath);
  await notifyUsers(ex, platform, ids, n);
  return ids;
}

function present(r: typeof notifications.$inferSelect): NotificationView {
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    body: r.body ?? null,
    link: r.link,
    createdAt: r.createdAt.toISOString(),
    readAt: r.readAt?.toISOString() ?? null,
  };
}

/** My notifications, newest first, with the unread count. */
export async function listMyNotifications(ctx: Ctx, q: { page: number; pageSize: number; unreadOnly: boolean }) {
  const userId = ctx.actor.userId!;
  const where = q.unreadOnly ? and(eq(notifications.userId, userId), isNull(notifications.readAt)) : eq(notifications.userId, userId);
  const db = ctx.platform.db;
  const { rows: items, total } = await pageWithTotal(db, notifications, where, [desc(notifications.createdAt), desc(notifications.id)], {
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  const unread = await db.$count(notifications, and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return { items: items.map(present), total, unread, page: q.page, pageSize: q.pageSize };
}

export async function markRead(ctx: Ctx, ids: number[] | 'all') {
  const userId = ctx.actor.userId!;
  const now = ctx.platform.clock.now();
  if (ids === 'all') {
    await ctx.platform.db
      .update(notifications)
      .set({ readAt: now })
      .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  } else if (ids.length > 0) {
    await ctx.platform.db
      .update(notifications)
      .set({ readAt: now })
      .where(
        and(
          eq(notifications.userId, userId),
          isNull(notifications.readAt),
          sql`${notifications.id} IN (${sql.join(
            ids.map((i) => sql`${i}`),
            sql`, `,
          )})`,
        ),
      );
  }
}
