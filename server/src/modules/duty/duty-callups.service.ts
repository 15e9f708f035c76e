import type { CallUpCreate, CallUpView, ClaimStatus, DutyRole } from '@jiayuan/contracts';
import { can, inPlaceScope } from '../../platform/access/actor.js';
import { definePolicy } from '../../platform/access/policy.js';
import { systemActor } from '../../platform/access/actor.js';
import { recordAudit } from '../../platform/audit/audit.service.js';
import { inTx, type Ctx, type Platform } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import { commonErrors } from '../../platform/errors/common-errors.js';
import * as places from '../../platform/places/places.repository.js';
import { notifyMembers, publishDuty, text } from './duty.effects.js';
import { dutyErrors } from './duty.errors.js';
import * as repo from './duty.repository.js';
import { localStamp, splitPlaces } from './duty.rules.js';
import { assertFilterPlace, communityOfPath } from './duty-members.service.js';

/** Call-ups (社区吹哨): N people for these posts by a deadline; members answer, the count fills live, it closes when filled or at the deadline. */

export const callUpPolicy = definePolicy<Pick<repo.CallUpRow, 'placePath' | 'status'>, 'close'>({
  close: (a, c) => can(a, 'duty.callUp') && inPlaceScope(a, c.placePath) && c.status !== 'closed',
});

async function present(ctx: Ctx, ex: Executor, rows: repo.CallUpRow[], memberId: number | null = null): Promise<CallUpView[]> {
  const ids = rows.map((r) => r.id);
  const [counts, labels, mine] = await Promise.all([
    repo.callUpCounts(ex, ids),
    places.labelsForPaths(
      ex,
      rows.map((r) => r.placePath),
    ),
    memberId ? repo.memberCallUpClaims(ex, memberId, ids) : Promise.resolve([]),
  ]);
  const positions = await repo.waitingPositions(
    ex,
    mine.map((c) => ({ id: Number(c.id), shiftId: Number(c.shift_id), status: c.status })),
  );
  return rows.map((c) => {
    const n = counts.get(c.id) ?? { filled: 0, waiting: 0, posts: 0 };
    const my = mine.find((x) => Number(x.call_up_id) === c.id);
    return {
      id: c.id,
      title: c.title,
      note: c.note,
      placeId: c.placeId,
      placeLabel: labels.get(c.placePath) ?? '',
      communityId: c.communityId,
      roles: c.roles as DutyRole[],
      needed: c.needed,
      filled: n.filled,
      waiting: n.waiting,
      posts: n.posts,
      startsAt: c.startsAt.toISOString(),
      endsAt: c.endsAt.toISOString(),
      deadline: c.deadline.toISOString(),
      status: c.status as CallUpView['status'],
      notified: c.notified,
      createdAt: c.createdAt.toISOString(),
      filledAt: c.filledAt?.toISOString() ?? null,
      closedAt: c.closedAt?.toISOString() ?? null,
      secondsToFill: c.filledAt ? Math.round((c.filledAt.getTime() - c.createdAt.getTime()) / 1000) : null,
      myClaim: my
        ? { id: Number(my.id), status: my.status as ClaimStatus, position: positions.get(Number(my.id)) ?? null, shiftId: Number(my.shift_id) }
        : null,
      actions: callUpPolicy.actions(ctx.actor, c),
    };
  });
}

/**
 * Blows the whistle: one shift per post over the call-up's window, the places split evenly, and
 * every confirmed member of the community who can take one of its roles told (in the app, and by text).
 */
export async function createCallUp(ctx: Ctx, input: CallUpCreate): Promise<CallUpView> {
  const now = ctx.platform.clock.now();
  const startsAt = new Date(input.startsAt);
  const endsAt = new Date(input.endsAt);
  const deadline = new Date(input.deadline);
  if (deadline <= now || deadline > startsAt || endsAt <= startsAt || endsAt.getTime() - startsAt.getTime() > 24 * 3600000) {
    throw dutyErrors.DUTY_CALL_UP_TIMES().onField('deadline');
  }
  const postIds = [...new Set(input.postIds)];
  if (input.needed < postIds.length) throw dutyErrors.DUTY_CALL_UP_POSTS().onField('needed');
  return inTx(ctx, async (tx, afterCommit) => {
    const place = await places.findPlaceInScope(tx, ctx.actor, input.placeId);
    if (!place) throw commonErrors.NOT_FOUND();
    const community = await communityOfPath(tx, place.path);
    if (!community) throw dutyErrors.DUTY_NOT_IN_COMMUNITY().onField('placeId');
    const posts = await repo.postsByIds(tx, postIds);
    if (posts.length !== postIds.length || posts.some((p) => !p.placePath.startsWith(place.path))) throw dutyErrors.DUTY_CALL_UP_POSTS().onField('postIds');
    const callUp = await repo.insertCallUp(tx, {
      title: input.title,
      note: input.note ?? null,
      placeId: place.id,
      placePath: place.path,
      communityId: community.id,
      roles: [...new Set(input.roles)],
      needed: input.needed,
      startsAt,
      endsAt,
      deadline,
      createdBy: ctx.actor.userId,
      createdAt: now,
    });
    const places_ = splitPlaces(input.needed, posts.length);
    await repo.insertShifts(
      tx,
      posts.map((p, i) => ({
        postId: p.id,
        communityId: p.communityId,
        placePath: p.placePath,
        callUpId: callUp.id,
        startsAt,
        endsAt,
        headcount: places_[i]!,
        createdBy: ctx.actor.userId,
      })),
    );
    const members = await repo.confirmedMembersFor(tx, community.id, callUp.roles);
    const tz = ctx.platform.config.timezone;
    const notified = await notifyMembers(
      tx,
      ctx,
      afterCommit,
      members.map((m) => m.residentId),
      {
        kind: 'duty.call_up',
        title: text(`社区吹哨：${input.title}（需${input.needed}人）`, `Call-up: ${input.title} (${input.needed} needed)`),
        body: text(
          `${localStamp(startsAt, tz)} 起，报名截止 ${localStamp(deadline, tz)}`,
          `From ${localStamp(startsAt, tz)}, answer by ${localStamp(deadline, tz)}`,
        ),
        link: `/resident/duty/call-ups/${callUp.id}`,
        subjectType: 'duty_call_up',
        subjectId: callUp.id,
      },
      `社区吹哨：${input.title}，需${input.needed}人，${localStamp(startsAt, tz)} 起，请在 ${localStamp(deadline, tz)} 前在“家园”认领。`,
    );
    await repo.setCallUpNotified(tx, callUp.id, notified);
    await recordAudit(tx, ctx, {
      action: 'duty.callUp.create',
      entityType: 'duty_call_up',
      entityId: callUp.id,
      before: null,
      after: {
        title: input.title,
        placeId: place.id,
        posts: posts.length,
        needed: input.needed,
        roles: callUp.roles,
        startsAt: input.startsAt,
        deadline: input.deadline,
        notified,
      },
    });
    await publishDuty(tx, ctx.platform, place.path, { change: 'callUp', callUpId: callUp.id, status: 'open' });
    return (await present(ctx, tx, [{ ...callUp, notified }]))[0]!;
  });
}

export async function getCallUp(ctx: Ctx, id: number): Promise<CallUpView> {
  const c = await repo.findCallUpInScope(ctx.platform.db, ctx.actor, id);
  if (!c) throw commonErrors.NOT_FOUND();
  return (await present(ctx, ctx.platform.db, [c]))[0]!;
}

export async function listCallUps(ctx: Ctx, q: { status: string; communityId?: number | undefined; page: number; pageSize: number }) {
  await assertFilterPlace(ctx, q.communityId);
  const { rows, total } = await repo.listCallUps(ctx.platform.db, ctx.actor, q, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  return { items: await present(ctx, ctx.platform.db, rows), total, page: q.page, pageSize: q.pageSize };
}

/** The open call-ups of a member's community that ask for their roles. */
export async function callUpsForMember(ctx: Ctx, member: repo.MemberRow) {
  const { rows } = await repo.listCallUps(ctx.platform.db, null, { status: 'all', communityId: member.communityId }, { limit: 50, offset: 0 });
  const fitting = rows.filter((c) => c.status !== 'closed' && (c.roles.length === 0 || c.roles.some((r) => member.roles.includes(r))));
  return { items: await present(ctx, ctx.platform.db, fitting, member.id), total: fitting.length, page: 1, pageSize: 50 };
}

async function close(ex: Executor, ctx: Ctx, c: repo.CallUpRow, reason: string | null) {
  const now = ctx.platform.clock.now();
  const after = await repo.updateCallUpVersioned(ex, c.id, c.status, c.version, { status: 'closed', closedAt: now, closeReason: reason }, now);
  if (!after) throw commonErrors.STALE_VERSION();
  await recordAudit(ex, ctx, {
    action: 'duty.callUp.close',
    entityType: 'duty_call_up',
    entityId: c.id,
    before: { status: c.status },
    after: { status: 'closed', ...(reason ? { reason } : {}) },
  });
  await publishDuty(ex, ctx.platform, c.placePath, { change: 'callUp', callUpId: c.id, status: 'closed' });
  return after;
}

/** Closes a call-up by hand (no more answers; the places taken stay). */
export async function closeCallUp(ctx: Ctx, id: number, reason: string | null): Promise<CallUpView> {
  return inTx(ctx, async (tx) => {
    const c = await repo.findCallUpInScope(tx, ctx.actor, id, true);
    if (!c) throw commonErrors.NOT_FOUND();
    if (c.status === 'closed') throw dutyErrors.DUTY_CALL_UP_CLOSED();
    callUpPolicy.assert(ctx.actor, 'close', c);
    const after = await close(tx, ctx, c, reason);
    return (await present(ctx, tx, [after]))[0]!;
  });
}

/** The job: call-ups past their deadline are closed (filled or not; the time to fill stays on those filled). */
export async function closeDueCallUps(platform: Platform): Promise<number> {
  const ctx: Ctx = { platform, actor: systemActor('duty.call_ups'), origin: { ip: null, channel: 'system', requestId: null }, lang: 'zh-CN' };
  const due = await repo.callUpsPastDeadline(platform.db, platform.clock.now(), 100);
  let n = 0;
  for (const c of due) {
    await inTx(ctx, async (tx) => {
      const locked = await repo.findCallUp(tx, c.id, true);
      if (!locked || locked.status !== 'open') return;
      await close(tx, ctx, locked, 'deadline');
      n++;
    });
  }
  return n;
}
