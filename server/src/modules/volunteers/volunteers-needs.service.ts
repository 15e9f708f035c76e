import type { NeedPublish, NeedView } from '@jiayuan/contracts';
import { sql } from 'drizzle-orm';
import { can, inPlaceScope, systemActor } from '../../platform/access/actor.js';
import { recordAudit } from '../../platform/audit/audit.service.js';
import { activeUsersOfResidents } from '../../platform/auth/identity.repository.js';
import { inTx, type Ctx } from '../../platform/context.js';
import type { Tx } from '../../platform/db/database.js';
import { isUniqueViolation } from '../../platform/db/sql-state.js';
import { commonErrors } from '../../platform/errors/common-errors.js';
import type { NotificationInput } from '../../platform/notifications/notifications.service.js';
import { cancelObligations, completeObligations, openObligations } from '../../platform/obligations/obligations.service.js';
import { residentInScope, residentRecord } from '../registry/index.js';
import * as bank from './volunteers-bank.repository.js';
import { placeHold, releaseHold, settleHold } from './volunteers-bank.ledger.js';
import { confirmEntry, recordHours } from './volunteers-hours.service.js';
import * as hours from './volunteers-hours.repository.js';
import * as needs from './volunteers-needs.repository.js';
import { presentNeeds } from './volunteers-needs.present.js';
import { communityOfPath, meAsVolunteer } from './volunteers-people.service.js';
import { NEED_CONFIRM_KIND, NEED_UNTAKEN_KIND, notifyPeople, notifyVolunteers, publishVolunteers, text } from './volunteers.effects.js';
import { volErrors } from './volunteers.errors.js';
import * as repo from './volunteers.repository.js';

/**
 * Needs (需求: 线上点单、线下服务): a resident publishes one from the phone (or staff for them); it goes to
 * the teams of its service type and area; volunteers take it (one statement decides a race); a taker
 * marks it served with the minutes; the resident confirms (a second person verifies the minutes) and
 * both sides rate. A need not taken in time is the team leader's to-do, escalated to the community.
 */

const HOUR = 3600000;
/** A need should be taken within this time of publishing (or before its window starts, if sooner). */
export const TAKE_WITHIN_MS = 2 * HOUR;
/** A hold for a need lasts until a week after its window. */
const HOLD_AFTER_WINDOW_MS = 7 * 24 * HOUR;

const needAudit = (n: needs.NeedRow) => ({
  category: n.category,
  residentId: n.residentId,
  communityId: n.communityId,
  status: n.status,
  takers: n.takers,
  takersNeeded: n.takersNeeded,
  windowStart: n.windowStart.toISOString(),
});

function checkWindow(ctx: Ctx, input: Pick<NeedPublish, 'windowStart' | 'windowEnd'>) {
  const start = new Date(input.windowStart);
  const end = new Date(input.windowEnd);
  const now = ctx.platform.clock.now();
  if (end <= start || end <= now || end.getTime() - start.getTime() > 7 * 24 * HOUR) throw volErrors.VOL_WINDOW().onField('windowEnd');
  return { start, end };
}

/** The account paying for a need: the resident's own, or one of a member who named them. */
async function payingAccount(tx: Tx, accountId: number, residentId: number) {
  const acc = await bank.findAccount(tx, accountId);
  if (!acc || acc.kind !== 'member') throw volErrors.VOL_NO_ACCOUNT().onField('redeem.accountId');
  if (acc.residentId !== residentId && !(await bank.isDelegate(tx, accountId, residentId))) throw volErrors.VOL_NOT_YOUR_ACCOUNT().onField('redeem.accountId');
  return acc;
}

async function publish(ctx: Ctx, residentId: number, input: NeedPublish, onBehalf: boolean): Promise<NeedView> {
  const { start, end } = checkWindow(ctx, input);
  const need = await inTx(ctx, async (tx) => {
    const resident = await residentRecord(tx, residentId);
    if (!resident) throw commonErrors.NOT_FOUND();
    const community = await communityOfPath(tx, resident.place_path);
    if (!community) throw volErrors.VOL_NOT_IN_COMMUNITY();
    const now = ctx.platform.clock.now();
    const takeBy = new Date(Math.max(now.getTime() + 15 * 60000, Math.min(now.getTime() + TAKE_WITHIN_MS, start.getTime())));
    const teamIds = await repo.teamsFor(tx, input.category, resident.place_path);
    // The hold needs the need's id and the need the hold's: the hold first, then told its need.
    let holdId: number | null = null;
    if (input.redeem) {
      // On the phone, the payer is the resident signed in (the elder, or a family member they named); staff pay from the elder's own account.
      const payer = onBehalf ? residentId : ctx.actor.residentId!;
      const acc = await payingAccount(tx, input.redeem.accountId, payer);
      holdId = (await placeHold(tx, ctx, acc.id, input.redeem.minutes, null, new Date(end.getTime() + HOLD_AFTER_WINDOW_MS))).id;
    }
    const n = await needs.insertNeed(
      tx,
      {
        category: input.category,
        title: input.title,
        notes: input.notes ?? null,
        place: input.place ?? null,
        residentId,
        communityId: community.id,
        placePath: resident.place_path,
        windowStart: start,
        windowEnd: end,
        takersNeeded: input.takersNeeded,
        elderCare: input.elderCare ?? input.category === 'elderCare',
        publishedBy: ctx.actor.userId,
        onBehalf,
        teamIds,
        holdId,
        takeBy,
      },
      now,
    );
    if (holdId !== null) await bank.setHoldNeed(tx, holdId, n.id);
    await recordAudit(tx, ctx, {
      action: onBehalf ? 'volunteers.need.publishOnBehalf' : 'volunteers.need.publish',
      entityType: 'volunteer_need',
      entityId: n.id,
      before: null,
      after: { ...needAudit(n), onBehalf, teamIds, holdId },
    });
    // Not taken by its take-by time: the team leader's to-do (the community's when the area has no team), escalated to the community an hour later.
    const leaders = await repo.leadersOf(tx, teamIds);
    // A leader is reached through their staff account or, for a resident, the account they sign in with by phone.
    const residentUsers = await activeUsersOfResidents(
      tx,
      leaders.flatMap((l) => (l.userId === null && l.residentId !== null ? [l.residentId] : [])),
    );
    const leaderUsers = [...new Set([...leaders.map((l) => l.userId).filter((u): u is number => u !== null), ...residentUsers.values()])];
    const title = text(`需求待认领：${n.title}`, `Need waiting for a taker: ${n.title}`);
    const base = {
      kind: NEED_UNTAKEN_KIND,
      subjectType: 'volunteer_need',
      subjectId: n.id,
      title,
      link: `/volunteers/needs/${n.id}`,
      placeId: community.id,
      placePath: n.placePath,
      dueAt: takeBy,
    };
    await openObligations(
      tx,
      leaderUsers.length > 0
        ? leaderUsers.map((u) => ({ ...base, responsibleUserId: u, escalateAfterMinutes: 60, escalationRole: 'community_staff' as const }))
        : [{ ...base, responsibleRole: 'community_staff' as const, escalateAfterMinutes: 60, escalationRole: 'department_coordinator' as const }],
    );
    await publishVolunteers(tx, ctx.platform, n.placePath, { change: 'need', needId: n.id, status: n.status });
    const reach = await repo.membersReach(tx, teamIds);
    await notifyPeople(
      tx,
      ctx.platform,
      { userIds: reach.map((r) => r.userId), residentIds: reach.map((r) => r.residentId) },
      {
        kind: 'volunteers.need',
        title: text(`新需求：${n.title}`, `New need: ${n.title}`),
        link: `/volunteers/needs/${n.id}`,
        subjectType: 'volunteer_need',
        subjectId: n.id,
      },
      `/resident/volunteers/needs/${n.id}`,
    );
    return n;
  });
  return (await presentNeeds(ctx, ctx.platform.db, [need]))[0]!;
}

/** A resident publishes a need for themselves from the phone. */
export async function publishMyNeed(ctx: Ctx, input: NeedPublish): Promise<NeedView> {
  if (ctx.actor.residentId === null) throw commonErrors.FORBIDDEN();
  return publish(ctx, ctx.actor.residentId, input, false);
}

/** Staff or a grid worker publish for a resident in their scope without a phone (recorded as on behalf, audited). */
export async function publishOnBehalf(ctx: Ctx, input: NeedPublish & { residentId: number }): Promise<NeedView> {
  const r = await residentInScope(ctx.platform.db, ctx.actor, input.residentId);
  if (!r) throw commonErrors.NOT_FOUND();
  return publish(ctx, input.residentId, input, true);
}

/** Loads a need a volunteer may act on: in their area (a need elsewhere is not theirs to see). */
async function needForVolunteer(tx: Tx, me: repo.VolunteerRow, id: number, lock = false) {
  const n = await needs.findNeed(tx, id, lock);
  if (!n || !n.placePath.startsWith(me.placePath)) throw commonErrors.NOT_FOUND();
  return n;
}

/** A volunteer takes a need: one place, decided by a single conditional update (a second taker of a one-taker need gets 409 VOL_NEED_TAKEN). */
export async function takeNeed(ctx: Ctx, id: number): Promise<NeedView> {
  let need: needs.NeedRow;
  try {
    need = await inTx(ctx, async (tx) => {
      const me = await meAsVolunteer(ctx, tx);
      const n = await needForVolunteer(tx, me, id);
      if (me.residentId !== null && me.residentId === n.residentId) throw volErrors.VOL_OWN_NEED();
      if (await needs.activeTaker(tx, n.id, me.id)) throw volErrors.VOL_ALREADY_TAKEN_BY_YOU();
      if (n.status !== 'open') throw n.status === 'taken' ? volErrors.VOL_NEED_TAKEN() : volErrors.VOL_NEED_STATE({ state: n.status });
      const now = ctx.platform.clock.now();
      const after = await needs.takePlace(tx, n.id, now);
      if (!after) throw volErrors.VOL_NEED_TAKEN();
      const taker = await needs.insertTaker(tx, n.id, me.id, now);
      if (after.status === 'taken')
        await completeObligations(tx, ctx.platform, { subjectType: 'volunteer_need', subjectId: n.id, kind: NEED_UNTAKEN_KIND }, null);
      await recordAudit(tx, ctx, {
        action: 'volunteers.need.take',
        entityType: 'volunteer_need',
        entityId: n.id,
        before: needAudit(n),
        after: { ...needAudit(after), takerId: taker.id, volunteerId: me.id },
      });
      await publishVolunteers(tx, ctx.platform, n.placePath, {
        change: 'take',
        needId: n.id,
        status: after.status,
        filled: after.takers,
        needed: after.takersNeeded,
      });
      await notifyPeople(
        tx,
        ctx.platform,
        { residentIds: [n.residentId] },
        {
          kind: 'volunteers.need_taken',
          title: text(`志愿者已认领：${n.title}`, `A volunteer took: ${n.title}`),
          link: `/volunteers/my/needs/${n.id}`,
          subjectType: 'volunteer_need',
          subjectId: n.id,
        },
      );
      return after;
    });
  } catch (err) {
    // The same volunteer taking twice at once: the second insert meets the first's row.
    if (isUniqueViolation(err)) throw volErrors.VOL_ALREADY_TAKEN_BY_YOU();
    throw err;
  }
  return (await presentNeeds(ctx, ctx.platform.db, [need]))[0]!;
}

/** A taker marks the need served, with the minutes (pending until the resident confirms) and a note or photo. */
export async function markDone(
  ctx: Ctx,
  id: number,
  input: { minutes: number; note?: string | null | undefined; photoId?: number | null | undefined },
): Promise<NeedView> {
  const need = await inTx(ctx, async (tx) => {
    const me = await meAsVolunteer(ctx, tx);
    const n = await needForVolunteer(tx, me, id, true);
    const taker = await needs.activeTaker(tx, n.id, me.id);
    if (!taker || taker.status !== 'taken') throw taker ? volErrors.VOL_NEED_STATE({ state: 'done' }) : volErrors.VOL_NOT_A_TAKER();
    if (n.status !== 'open' && n.status !== 'taken') throw volErrors.VOL_NEED_STATE({ state: n.status });
    const max = Math.round((n.windowEnd.getTime() - n.windowStart.getTime()) / 60000);
    if (input.minutes > max) throw volErrors.VOL_MINUTES_TOO_MANY({ max }).onField('minutes');
    const now = ctx.platform.clock.now();
    await needs.updateTaker(
      tx,
      taker.id,
      'taken',
      sql`status = 'done', done_at = ${now}, minutes = ${input.minutes}, done_note = ${input.note ?? null}, photo_id = ${input.photoId ?? null}`,
      now,
    );
    await recordHours(tx, ctx, {
      volunteerId: me.id,
      source: 'need',
      sourceId: taker.id,
      minutes: input.minutes,
      servedAt: now,
      status: 'pending',
      elderCare: n.elderCare,
      communityId: n.communityId,
      placePath: n.placePath,
      employerId: me.employerId,
      createdBy: ctx.actor.userId,
    });
    // Every place taken and none still being served: the need is done and waits for the resident.
    const takers = await needs.takersOf(tx, [n.id]);
    let after = n;
    if (n.status === 'taken' && !takers.some((t) => t.status === 'taken')) {
      after = (await needs.setNeedStatus(tx, n.id, ['taken'], 'done', now))!;
      if (n.onBehalf) {
        await openObligations(tx, [
          {
            kind: NEED_CONFIRM_KIND,
            subjectType: 'volunteer_need',
            subjectId: n.id,
            title: text(`确认服务完成：${n.title}`, `Confirm the service: ${n.title}`),
            link: `/volunteers/needs/${n.id}`,
            placeId: n.communityId,
            placePath: n.placePath,
            responsibleRole: 'community_staff',
            dueAt: new Date(now.getTime() + 24 * HOUR),
          },
        ]);
      }
    }
    await recordAudit(tx, ctx, {
      action: 'volunteers.need.done',
      entityType: 'volunteer_need',
      entityId: n.id,
      before: needAudit(n),
      after: { ...needAudit(after), takerId: taker.id, minutes: input.minutes, photoId: input.photoId ?? null },
    });
    await publishVolunteers(tx, ctx.platform, n.placePath, { change: 'need', needId: n.id, status: after.status });
    await notifyPeople(
      tx,
      ctx.platform,
      { residentIds: [n.residentId] },
      {
        kind: 'volunteers.need_done',
        title: text(`服务已完成，请确认：${n.title}`, `Served — please confirm: ${n.title}`),
        link: `/volunteers/my/needs/${n.id}`,
        subjectType: 'volunteer_need',
        subjectId: n.id,
      },
    );
    return after;
  });
  return (await presentNeeds(ctx, ctx.platform.db, [need]))[0]!;
}

/** Loads a need the caller may act on as its resident (their own) or as staff in scope; 403 for someone else's. */
async function needForOwnerOrStaff(tx: Tx, ctx: Ctx, id: number) {
  const n = await needs.findNeed(tx, id, true);
  if (!n) throw commonErrors.NOT_FOUND();
  if (ctx.actor.residentId !== null) {
    if (n.residentId !== ctx.actor.residentId) {
      // A volunteer (a resident) sees needs of their area; confirming one of them is not theirs to do.
      const me = await repo.volunteerOfActor(tx, ctx.actor);
      if (me && n.placePath.startsWith(me.placePath)) throw volErrors.VOL_NOT_YOUR_NEED();
      throw commonErrors.NOT_FOUND();
    }
    return { n, asStaff: false };
  }
  if (!inPlaceScope(ctx.actor, n.placePath)) {
    if (await repo.volunteerOfActor(tx, ctx.actor)) throw volErrors.VOL_NOT_YOUR_NEED();
    throw commonErrors.NOT_FOUND();
  }
  if (!can(ctx.actor, 'volunteers.need.manage')) throw (await repo.volunteerOfActor(tx, ctx.actor)) ? volErrors.VOL_NOT_YOUR_NEED() : commonErrors.FORBIDDEN();
  return { n, asStaff: true };
}

/**
 * The resident (or staff, for a resident without a phone) confirms the service: the takers' minutes
 * are verified (confirmed in the ledger; elder care also earns love-bank minutes) and a hold paying
 * for it is settled.
 */
export async function confirmNeed(ctx: Ctx, id: number, version?: number): Promise<NeedView> {
  const need = await inTx(ctx, async (tx) => {
    const { n } = await needForOwnerOrStaff(tx, ctx, id);
    if (n.status !== 'done') throw volErrors.VOL_NEED_STATE({ state: n.status });
    if (version !== undefined && version !== n.version) throw commonErrors.STALE_VERSION();
    const now = ctx.platform.clock.now();
    const after = (await needs.setNeedStatus(tx, n.id, ['done'], 'confirmed', now, sql`, confirmed_at = ${now}, confirmed_by = ${ctx.actor.userId}`))!;
    const takers = (await needs.takersOf(tx, [n.id])).filter((t) => t.status === 'done');
    for (const e of await hours.hoursOfSource(
      tx,
      'need',
      takers.map((t) => t.id),
    )) {
      if (e.status === 'pending') await confirmEntry(tx, ctx, e);
    }
    if (n.holdId !== null) await settleHold(tx, ctx, n.holdId);
    await completeObligations(tx, ctx.platform, { subjectType: 'volunteer_need', subjectId: n.id, kind: NEED_CONFIRM_KIND }, ctx.actor.userId);
    await recordAudit(tx, ctx, {
      action: 'volunteers.need.confirm',
      entityType: 'volunteer_need',
      entityId: n.id,
      before: needAudit(n),
      after: needAudit(after),
    });
    await publishVolunteers(tx, ctx.platform, n.placePath, { change: 'need', needId: n.id, status: after.status });
    await notifyTakers(tx, ctx, takers, {
      kind: 'volunteers.need_confirmed',
      title: text(`服务已确认，时长已记入：${n.title}`, `Confirmed, minutes credited: ${n.title}`),
      link: '/volunteers/my',
      subjectType: 'volunteer_need',
      subjectId: n.id,
    });
    return after;
  });
  return (await presentNeeds(ctx, ctx.platform.db, [need]))[0]!;
}

/** Both sides rate once: the resident rates a taker; a taker rates the visit. */
export async function rateNeed(
  ctx: Ctx,
  id: number,
  input: { rating: number; comment?: string | null | undefined; volunteerId?: number | null | undefined },
): Promise<NeedView> {
  const need = await inTx(ctx, async (tx) => {
    const n = await needs.findNeed(tx, id, true);
    if (!n) throw commonErrors.NOT_FOUND();
    const now = ctx.platform.clock.now();
    const takers = await needs.takersOf(tx, [n.id]);
    if (ctx.actor.residentId !== null && n.residentId === ctx.actor.residentId) {
      if (n.status !== 'done' && n.status !== 'confirmed') throw volErrors.VOL_NEED_STATE({ state: n.status });
      const done = takers.filter((t) => t.status === 'done');
      const target = input.volunteerId ? done.find((t) => t.volunteerId === input.volunteerId) : done.length === 1 ? done[0] : undefined;
      if (!target) throw commonErrors.VALIDATION_FAILED().onField('volunteerId');
      if (target.ratingByResident !== null) throw volErrors.VOL_ALREADY_RATED();
      await needs.updateTaker(tx, target.id, 'done', sql`rating_by_resident = ${input.rating}, comment_by_resident = ${input.comment ?? null}`, now);
      await recordAudit(tx, ctx, {
        action: 'volunteers.need.rate',
        entityType: 'volunteer_need',
        entityId: n.id,
        before: null,
        after: { by: 'resident', takerId: target.id, rating: input.rating },
      });
      return n;
    }
    const me = await repo.volunteerOfActor(tx, ctx.actor);
    const mine = me ? takers.find((t) => t.volunteerId === me.id && t.status === 'done') : undefined;
    if (!me || !n.placePath.startsWith(me.placePath)) throw commonErrors.NOT_FOUND();
    if (!mine) throw volErrors.VOL_NOT_A_TAKER();
    if (mine.ratingByVolunteer !== null) throw volErrors.VOL_ALREADY_RATED();
    await needs.updateTaker(tx, mine.id, 'done', sql`rating_by_volunteer = ${input.rating}, comment_by_volunteer = ${input.comment ?? null}`, now);
    await recordAudit(tx, ctx, {
      action: 'volunteers.need.rate',
      entityType: 'volunteer_need',
      entityId: n.id,
      before: null,
      after: { by: 'volunteer', takerId: mine.id, rating: input.rating },
    });
    return n;
  });
  return (await presentNeeds(ctx, ctx.platform.db, [need]))[0]!;
}

/** The resident or staff cancel a need not yet served: its takers are told, a hold paying for it is released. */
export async function cancelNeed(ctx: Ctx, id: number, reason: string): Promise<NeedView> {
  const need = await inTx(ctx, async (tx) => {
    const { n } = await needForOwnerOrStaff(tx, ctx, id);
    if (n.status !== 'open' && n.status !== 'taken') throw volErrors.VOL_NEED_STATE({ state: n.status });
    const now = ctx.platform.clock.now();
    const after = (await needs.setNeedStatus(tx, n.id, ['open', 'taken'], 'cancelled', now, sql`, cancel_reason = ${reason}`))!;
    const takers = (await needs.takersOf(tx, [n.id])).filter((t) => t.status === 'taken');
    for (const t of takers) await needs.updateTaker(tx, t.id, 'taken', sql`status = 'withdrawn'`, now);
    if (n.holdId !== null) await releaseHold(tx, ctx, n.holdId, 'released');
    await cancelObligations(tx, ctx.platform, { subjectType: 'volunteer_need', subjectId: n.id }, reason);
    await recordAudit(tx, ctx, {
      action: 'volunteers.need.cancel',
      entityType: 'volunteer_need',
      entityId: n.id,
      before: needAudit(n),
      after: { ...needAudit(after), reason },
    });
    await publishVolunteers(tx, ctx.platform, n.placePath, { change: 'need', needId: n.id, status: after.status });
    await notifyTakers(tx, ctx, takers, {
      kind: 'volunteers.need_cancelled',
      title: text(`需求已取消：${n.title}`, `Need cancelled: ${n.title}`),
      body: text(`原因：${reason}`, `Reason: ${reason}`),
      link: '/volunteers/my',
      subjectType: 'volunteer_need',
      subjectId: n.id,
    });
    return after;
  });
  return (await presentNeeds(ctx, ctx.platform.db, [need]))[0]!;
}

/** A taker hands the need over to another volunteer of the area (who takes their place), or gives it back to be taken again. */
export async function handOverNeed(
  ctx: Ctx,
  id: number,
  input: { toVolunteerId?: number | null | undefined; reason?: string | null | undefined },
): Promise<NeedView> {
  const need = await inTx(ctx, async (tx) => {
    const me = await meAsVolunteer(ctx, tx);
    const n = await needForVolunteer(tx, me, id, true);
    const taker = await needs.activeTaker(tx, n.id, me.id);
    if (!taker || taker.status !== 'taken') throw volErrors.VOL_NOT_A_TAKER();
    if (n.status !== 'open' && n.status !== 'taken') throw volErrors.VOL_NEED_STATE({ state: n.status });
    const now = ctx.platform.clock.now();
    let after = n;
    if (input.toVolunteerId) {
      const target = await repo.findVolunteer(tx, input.toVolunteerId);
      if (!target || !target.active || target.id === me.id || !n.placePath.startsWith(target.placePath) || (await needs.activeTaker(tx, n.id, target.id))) {
        throw volErrors.VOL_HAND_OVER_TARGET().onField('toVolunteerId');
      }
      await needs.updateTaker(tx, taker.id, 'taken', sql`status = 'handedOver'`, now);
      await needs.insertTaker(tx, n.id, target.id, now);
      await notifyPeople(
        tx,
        ctx.platform,
        { userIds: [target.userId], residentIds: [target.residentId] },
        {
          kind: 'volunteers.need_handed_over',
          title: text(`转交给您的需求：${n.title}`, `A need handed over to you: ${n.title}`),
          link: `/volunteers/needs/${n.id}`,
          subjectType: 'volunteer_need',
          subjectId: n.id,
        },
        `/resident/volunteers/needs/${n.id}`,
      );
    } else {
      await needs.updateTaker(tx, taker.id, 'taken', sql`status = 'withdrawn'`, now);
      after = (await needs.givePlaceBack(tx, n.id, now))!;
    }
    await recordAudit(tx, ctx, {
      action: 'volunteers.need.handOver',
      entityType: 'volunteer_need',
      entityId: n.id,
      before: needAudit(n),
      after: { ...needAudit(after), from: me.id, to: input.toVolunteerId ?? null, reason: input.reason ?? null },
    });
    await publishVolunteers(tx, ctx.platform, n.placePath, {
      change: 'take',
      needId: n.id,
      status: after.status,
      filled: after.takers,
      needed: after.takersNeeded,
    });
    return after;
  });
  return (await presentNeeds(ctx, ctx.platform.db, [need]))[0]!;
}

/** Staff mark a taker who never came: their place is open again. */
export async function markNoShow(ctx: Ctx, id: number, volunteerId: number): Promise<NeedView> {
  const need = await inTx(ctx, async (tx) => {
    const n = await needs.findNeedInScope(tx, ctx.actor, id, true);
    if (!n) throw commonErrors.NOT_FOUND();
    if (n.status !== 'open' && n.status !== 'taken') throw volErrors.VOL_NEED_STATE({ state: n.status });
    const taker = await needs.activeTaker(tx, n.id, volunteerId);
    if (!taker || taker.status !== 'taken') throw volErrors.VOL_NOT_A_TAKER().onField('volunteerId');
    const now = ctx.platform.clock.now();
    await needs.updateTaker(tx, taker.id, 'taken', sql`status = 'noShow'`, now);
    const after = (await needs.givePlaceBack(tx, n.id, now))!;
    await recordAudit(tx, ctx, {
      action: 'volunteers.need.noShow',
      entityType: 'volunteer_need',
      entityId: n.id,
      before: needAudit(n),
      after: { ...needAudit(after), volunteerId },
    });
    await publishVolunteers(tx, ctx.platform, n.placePath, {
      change: 'take',
      needId: n.id,
      status: after.status,
      filled: after.takers,
      needed: after.takersNeeded,
    });
    return after;
  });
  return (await presentNeeds(ctx, ctx.platform.db, [need]))[0]!;
}

// ---------------------------------------------------------------------------------------------
// Reading needs

type Page = { page: number; pageSize: number };

/** The needs board (staff, in scope): active needs by default, with counts per status. */
export async function needsBoard(
  ctx: Ctx,
  q: Page & { communityId?: number | undefined; status: string; category?: string | undefined; teamId?: number | undefined },
) {
  const db = ctx.platform.db;
  const { rows, total } = await needs.listNeeds(db, ctx.actor, q, q.pageSize, (q.page - 1) * q.pageSize);
  const counts = await needs.needCounts(db, ctx.actor, q);
  return { items: await presentNeeds(ctx, db, rows), total, page: q.page, pageSize: q.pageSize, counts };
}

export async function getNeed(ctx: Ctx, id: number): Promise<NeedView> {
  const db = ctx.platform.db;
  const n = await needs.findNeed(db, id);
  if (!n) throw commonErrors.NOT_FOUND();
  const staff = ctx.actor.residentId === null && can(ctx.actor, 'volunteers.read') && inPlaceScope(ctx.actor, n.placePath);
  const own = ctx.actor.residentId !== null && ctx.actor.residentId === n.residentId;
  const me = staff || own ? null : await repo.volunteerOfActor(db, ctx.actor);
  if (!staff && !own && !(me && n.placePath.startsWith(me.placePath))) throw commonErrors.NOT_FOUND();
  return (await presentNeeds(ctx, db, [n]))[0]!;
}

/** Open needs in my area (a volunteer's "needs near me"), soonest first. */
export async function openNeedsForMe(ctx: Ctx, q: Page & { category?: string | undefined }) {
  const db = ctx.platform.db;
  const me = await repo.volunteerOfActor(db, ctx.actor);
  if (!me) return { items: [], total: 0, page: q.page, pageSize: q.pageSize, counts: {} as Record<string, number> };
  const f = { status: 'open', category: q.category, underPath: me.placePath };
  const { rows, total } = await needs.listNeeds(db, null, f, q.pageSize, (q.page - 1) * q.pageSize, 'soonest');
  return { items: await presentNeeds(ctx, db, rows), total, page: q.page, pageSize: q.pageSize, counts: { open: total } };
}

/** The needs I published (a resident's page). */
export async function myNeeds(ctx: Ctx, q: Page) {
  if (ctx.actor.residentId === null) throw commonErrors.FORBIDDEN();
  const db = ctx.platform.db;
  const f = { status: 'all', residentId: ctx.actor.residentId };
  const { rows, total } = await needs.listNeeds(db, null, f, q.pageSize, (q.page - 1) * q.pageSize);
  return { items: await presentNeeds(ctx, db, rows), total, page: q.page, pageSize: q.pageSize, counts: await needs.needCounts(db, null, f) };
}

/** Needs I took that are not over (my tasks). */
export async function myTasks(ctx: Ctx, volunteerId: number) {
  const db = ctx.platform.db;
  const rows = await needs.needsTakenBy(db, volunteerId, ['taken', 'done'], 50);
  return presentNeeds(
    ctx,
    db,
    rows.filter((n) => n.status === 'open' || n.status === 'taken' || n.status === 'done'),
  );
}

/** The job: needs whose window is over and that nobody took are expired (a hold paying for one is released; its to-dos are closed). */
export async function expireNeeds(platform: Ctx['platform']): Promise<number> {
  const ctx: Ctx = { platform, actor: systemActor('volunteers.expire'), origin: { ip: null, channel: 'system', requestId: null }, lang: 'zh-CN' };
  let n = 0;
  for (const id of await needs.needsToExpire(platform.db, platform.clock.now(), 500)) {
    const done = await inTx(ctx, async (tx) => {
      const now = platform.clock.now();
      const after = await needs.setNeedStatus(tx, id, ['open'], 'expired', now, sql`, cancel_reason = 'expired'`);
      if (!after || after.takers > 0) return false;
      if (after.holdId !== null) await releaseHold(tx, ctx, after.holdId, 'released');
      await cancelObligations(tx, platform, { subjectType: 'volunteer_need', subjectId: id }, 'expired');
      await recordAudit(tx, ctx, {
        action: 'volunteers.need.expire',
        entityType: 'volunteer_need',
        entityId: id,
        before: { status: 'open' },
        after: { status: 'expired' },
      });
      await publishVolunteers(tx, platform, after.placePath, { change: 'need', needId: id, status: 'expired' });
      return true;
    });
    if (done) n++;
  }
  return n;
}

/** Tells a need's takers, each on the account they sign in with. */
async function notifyTakers(tx: Tx, ctx: Ctx, takers: readonly { volunteerId: number }[], n: NotificationInput) {
  const vols = await repo.volunteersByIds(
    tx,
    takers.map((t) => t.volunteerId),
  );
  await notifyVolunteers(tx, ctx.platform, vols, n);
}
