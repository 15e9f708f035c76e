import type { ClaimView, DutyRole } from '@jiayuan/contracts';
import { recordAudit } from '../../platform/audit/audit.service.js';
import { inTx, type AfterCommit, type Ctx } from '../../platform/context.js';
import type { Tx } from '../../platform/db/database.js';
import { commonErrors } from '../../platform/errors/common-errors.js';
import { notifyUsers } from '../../platform/notifications/notifications.service.js';
import { closeUnfilledDuty, notifyMembers, publishDuty, text } from './duty.effects.js';
import { dutyErrors } from './duty.errors.js';
import { claimPolicy } from './duty.policy.js';
import { presentClaims } from './duty.present.js';
import * as repo from './duty.repository.js';
import { answersCallUp, claimGuard, fitGuard, localStamp, servedMinutes } from './duty.rules.js';
import { rulesFromRow, rulesOf } from './duty.settings.js';

/**
 * Claiming shifts (认领): a member takes a place or joins the waiting list, cancels (the first
 * waiting member is promoted in the same transaction), staff assign. Every claim runs with the
 * member's row locked, so one member's claims are checked one after the other (overlaps, the rest
 * rule); places are taken by one conditional UPDATE on the shift, so a shift never overfills.
 */

const DAY = 24 * 3600000;

const claimAudit = (c: repo.ClaimRow) => ({ shiftId: c.shiftId, memberId: c.memberId, status: c.status, startsAt: c.startsAt.toISOString() });

/** The member the signed-in resident is (locked for the transaction), or 409 DUTY_NOT_REPORTED. */
export async function myMemberLocked(tx: Tx, ctx: Ctx): Promise<repo.MemberRow> {
  if (ctx.actor.residentId === null) throw commonErrors.FORBIDDEN();
  const m = await repo.memberOfResident(tx, ctx.actor.residentId, true);
  if (!m) throw dutyErrors.DUTY_NOT_REPORTED();
  return m;
}

interface TakeOptions {
  waitlist: boolean;
  assignedBy: number | null;
}

/**
 * Checks a locked member against a shift and takes a place, or a place on the waiting list. Throws
 * (and so changes nothing) on any refusal. (A call-up's answer has its own path: respondToCallUp.)
 */
async function take(tx: Tx, ctx: Ctx, afterCommit: AfterCommit, member: repo.MemberRow, shift: repo.ShiftRow, o: TakeOptions): Promise<repo.ClaimRow> {
  const now = ctx.platform.clock.now();
  const tz = ctx.platform.config.timezone;
  if (member.status !== 'confirmed') throw dutyErrors.DUTY_MEMBER_NOT_CONFIRMED();
  if (shift.startsAt <= now) throw dutyErrors.DUTY_SHIFT_PAST();
  const misfit = fitGuard(member, shift);
  if (misfit) throw misfit;
  if (await repo.claimOnShift(tx, member.id, shift.id)) throw dutyErrors.DUTY_ALREADY_CLAIMED();
  const rules = await rulesOf(tx, shift.communityId);
  const held = await repo.activeClaimsBetween(tx, member.id, new Date(shift.startsAt.getTime() - DAY), new Date(shift.endsAt.getTime() + DAY));
  const refused = claimGuard(held, shift, rules.maxHoursIn24, tz);
  if (refused) throw refused;

  let taken = await repo.takePlace(tx, shift.id);
  if (!taken) {
    // Full: take the shift's lock and look once more, so a place a cancellation gave back
    // meanwhile is taken rather than waited for.
    await repo.lockShift(tx, shift.id);
    taken = await repo.takePlace(tx, shift.id);
  }

  let claim: repo.ClaimRow;
  if (taken) {
    claim = await repo.insertClaim(tx, {
      shiftId: taken.id,
      memberId: member.id,
      postId: taken.postId,
      communityId: taken.communityId,
      placePath: taken.placePath,
      status: 'held',
      startsAt: taken.startsAt,
      endsAt: taken.endsAt,
      assignedBy: o.assignedBy,
    });
    if (taken.filled === taken.headcount && taken.unfilledFlaggedAt !== null) await closeUnfilledDuty(tx, ctx.platform, taken.id);
    if (taken.callUpId !== null) {
      await publishDuty(tx, ctx.platform, taken.placePath, { change: 'claim', callUpId: taken.callUpId, shiftId: taken.id, delta: 1 });
      // Whether this was the call-up's last place is known only once every claim taken with it has
      // committed: each checks after its own commit, so the last to commit sees them all.
      const callUpId = taken.callUpId;
      if (taken.filled === taken.headcount) afterCommit(() => checkCallUpFilled(ctx, callUpId));
    } else {
      await publishDuty(tx, ctx.platform, taken.placePath, { change: 'claim', shiftId: taken.id, delta: 1 });
    }
  } else {
    if (!o.waitlist) throw dutyErrors.DUTY_SHIFT_FULL();
    const s = (await repo.addWaiting(tx, shift.id, 1))!;
    claim = await repo.insertClaim(tx, {
      shiftId: s.id,
      memberId: member.id,
      postId: s.postId,
      communityId: s.communityId,
      placePath: s.placePath,
      status: 'waiting',
      startsAt: s.startsAt,
      endsAt: s.endsAt,
      assignedBy: o.assignedBy,
    });
    await publishDuty(tx, ctx.platform, s.placePath, { change: 'claim', callUpId: s.callUpId, shiftId: s.id, delta: 0 });
  }
  await recordAudit(tx, ctx, {
    action: o.assignedBy !== null ? 'duty.claim.assign' : 'duty.claim.create',
    entityType: 'duty_claim',
    entityId: claim.id,
    before: null,
    after: { ...claimAudit(claim), callUpId: null },
  });
  return claim;
}

/** The call-up's last place was taken: it is filled (once), with its time to fill. */
async function noteCallUpFilled(ctx: Ctx, callUpId: number) {
  // Most places taken leave others open: a look without a transaction settles those.
  if (await repo.callUpHasRoom(ctx.platform.database, callUpId)) return;
  await inTx(ctx, async (tx) => {
    const now = ctx.platform.clock.now();
    const filled = await repo.markFilledIfFull(tx, callUpId, now);
    if (!filled) return;
    await recordAudit(tx, ctx, {
      action: 'duty.callUp.fill',
      entityType: 'duty_call_up',
      entityId: callUpId,
      before: { status: 'open' },
      after: { status: 'filled', secondsToFill: Math.round((now.getTime() - filled.createdAt.getTime()) / 1000) },
    });
    await publishDuty(tx, ctx.platform, filled.placePath, { change: 'callUp', callUpId, status: 'filled' });
  });
}

/** Per database and call-up: the fill check running or about to, and the one not yet started (if any). */
const fillChecks = new WeakMap<object, Map<number, { queued: Promise<void> | null; last: Promise<void> }>>();

/**
 * After a commit that filled a shift of a call-up: checks whether the call-up is filled. Claims
 * committing while a check waits to start share it (it starts after their commits, so it sees
 * them); one committing while a check runs gets the next. So every such commit is followed by a
 * check that sees it — the last to commit is never missed — without one look per claim in a crowd.
 */
function checkCallUpFilled(ctx: Ctx, callUpId: number): Promise<void> {
  let byId = fillChecks.get(ctx.platform.db);
  if (!byId) fillChecks.set(ctx.platform.db, (byId = new Map()));
  const known = byId.get(callUpId);
  if (known?.queued) return known.queued;
  const entry = known ?? { queued: null, last: Promise.resolve() };
  const run = entry.last.then(() => {
    entry.queued = null;
    return noteCallUpFilled(ctx, callUpId);
  });
  const settled = run.then(
    () => undefined,
    () => undefined,
  );
  entry.queued = run;
  entry.last = settled;
  byId.set(callUpId, entry);
  void settled.then(() => {
    if (entry.last === settled && byId.get(callUpId) === entry) byId.delete(callUpId);
  });
  return run;
}

/** A member claims a shift (a place, or the waiting list). */
export async function claimShift(ctx: Ctx, shiftId: number, input: { waitlist: boolean }): Promise<ClaimView> {
  // Presented after the commit: the shift's row lock is held only for the claim itself.
  const claim = await inTx(ctx, async (tx, afterCommit) => {
    const member = await myMemberLocked(tx, ctx);
    const shift = await repo.findShift(tx, shiftId);
    // A member claims the shifts of the community they reported to (others are not theirs to see).
    if (!shift || shift.communityId !== member.communityId) throw commonErrors.NOT_FOUND();
    return take(tx, ctx, afterCommit, member, shift, { waitlist: input.waitlist, assignedBy: null });
  });
  return (await presentClaims(ctx, ctx.platform.db, [claim], claim.memberId))[0]!;
}

/**
 * A member answers a call-up of their community: a place on one of its shifts, or the waiting list.
 * The crowd's path, so it is a few fixed statements: the member's row locked with the call-up and
 * the rules read alongside; one statement taking a place (and reading the member's other claims);
 * or one joining the waiting list; the audit row and live event go with the transaction's end.
 */
export async function respondToCallUp(ctx: Ctx, callUpId: number, input: { waitlist: boolean }): Promise<ClaimView> {
  const residentId = ctx.actor.residentId;
  if (residentId === null) throw commonErrors.FORBIDDEN();
  const { claim, member, post } = await inTx(ctx, async (tx, afterCommit) => {
    const found = await repo.memberForCallUpLocked(tx, residentId, callUpId);
    if (!found) throw dutyErrors.DUTY_NOT_REPORTED();
    const { member, callUp } = found;
    if (!callUp || callUp.communityId !== member.communityId) throw commonErrors.NOT_FOUND();
    if (callUp.status === 'closed') throw dutyErrors.DUTY_CALL_UP_CLOSED();
    if (!answersCallUp(member.roles, callUp.roles as DutyRole[])) throw dutyErrors.DUTY_NOT_CALLED();
    if (member.status !== 'confirmed') throw dutyErrors.DUTY_MEMBER_NOT_CONFIRMED();
    const now = ctx.platform.clock.now();
    const tz = ctx.platform.config.timezone;
    if (callUp.startsAt <= now) throw dutyErrors.DUTY_SHIFT_PAST();
    const from = new Date(callUp.startsAt.getTime() - DAY);
    const to = new Date(callUp.endsAt.getTime() + DAY);

    // Spread a crowd over the call-up's shifts: skip shifts another claim holds locked; if all with
    // room are locked, wait for one (and look again: it may have filled meanwhile).
    let t = await repo.takeCallUpPlace(tx, callUp.id, member.id, from, to, true);
    for (let i = 0; i < 4 && !t.taken && (i === 0 || t.picked); i++) t = await repo.takeCallUpPlace(tx, callUp.id, member.id, from, to, false);
    // Checked on the member's claims as they stand under the member's lock; a refusal throws and
    // the place just taken goes back with the transaction.
    const refused = claimGuard(t.held, callUp, rulesFromRow(found.rulesRow).maxHoursIn24, tz);
    if (refused) {
      // Answering the same call-up twice overlaps itself: say so plainly (checked only here, off the common path).
      const justTaken = t.taken?.claim.id;
      if ((await repo.memberCallUpClaims(tx, member.id, [callUp.id])).some((c) => Number(c.id) !== justTaken)) throw dutyErrors.DUTY_ALREADY_CLAIMED();
      throw refused;
    }

    let claim: repo.ClaimRow;
    let post: { id: number; name: string; placePath: string };
    if (t.taken) {
      ({ claim, post } = t.taken);
      if (t.taken.filled === t.taken.headcount && t.taken.unfilledFlaggedAt !== null) await closeUnfilledDuty(tx, ctx.platform, claim.shiftId);
      await publishDuty(tx, ctx.platform, claim.placePath, { change: 'claim', callUpId: callUp.id, shiftId: claim.shiftId, delta: 1 });
      // Whether this was the call-up's last place is known only once every claim taken with it has
      // committed: each that fills its shift has a check run after its commit (shared in a crowd).
      if (t.taken.filled === t.taken.headcount) afterCommit(() => checkCallUpFilled(ctx, callUp.id));
    } else {
      if (!input.waitlist) throw dutyErrors.DUTY_SHIFT_FULL();
      const w = await repo.waitOnCallUp(tx, callUp.id, member.id);
      if (!w) throw dutyErrors.DUTY_SHIFT_FULL();
      ({ claim, post } = w);
      await publishDuty(tx, ctx.platform, claim.placePath, { change: 'claim', callUpId: callUp.id, shiftId: claim.shiftId, delta: 0 });
    }
    await recordAudit(tx, ctx, {
      action: 'duty.claim.create',
      entityType: 'duty_claim',
      entityId: claim.id,
      before: null,
      after: { ...claimAudit(claim), callUpId: callUp.id },
    });
    return { claim, member, post };
  });
  return (await presentClaims(ctx, ctx.platform.db, [claim], claim.memberId, { members: [member], posts: [post] }))[0]!;
}

/** Staff put a confirmed member on a shift in their scope. */
export async function assignShift(ctx: Ctx, shiftId: number, input: { memberId: number; waitlist: boolean }): Promise<ClaimView> {
  return inTx(ctx, async (tx, afterCommit) => {
    const shift = await repo.findShiftInScope(tx, ctx.actor, shiftId);
    if (!shift) throw commonErrors.NOT_FOUND();
    const member = await repo.findMemberInScope(tx, ctx.actor, input.memberId, true);
    if (!member) throw dutyErrors.DUTY_MEMBER_COMMUNITY().onField('memberId');
    const claim = await take(tx, ctx, afterCommit, member, shift, { waitlist: input.waitlist, assignedBy: ctx.actor.userId ?? 0 });
    await notifyMembers(
      tx,
      ctx,
      afterCommit,
      [member.residentId],
      {
        kind: 'duty.assigned',
        title: text(
          `您已被安排值班：${localStamp(claim.startsAt, ctx.platform.config.timezone)}`,
          `You are on duty: ${localStamp(claim.startsAt, ctx.platform.config.timezone)}`,
        ),
        link: '/resident/duty',
        subjectType: 'duty_claim',
        subjectId: claim.id,
      },
      null,
    );
    return (await presentClaims(ctx, tx, [claim]))[0]!;
  });
}

/** The member whose claim this is, when the caller is that member (a resident); else null. */
async function ownMemberId(tx: Tx, ctx: Ctx): Promise<number | null> {
  if (ctx.actor.residentId === null) return null;
  return (await repo.memberOfResident(tx, ctx.actor.residentId))?.id ?? null;
}

/** Loads a claim the caller may act on: their own, or one in their scope (staff); 403 for someone else's, 404 otherwise. */
async function loadClaim(tx: Tx, ctx: Ctx, id: number) {
  const claim = await repo.findClaim(tx, id, true);
  const me = await ownMemberId(tx, ctx);
  if (!claim) throw commonErrors.NOT_FOUND();
  if (me !== null && claim.memberId !== me) throw dutyErrors.DUTY_NOT_YOUR_CLAIM();
  if (me === null && !ctx.actor.scope.all && !ctx.actor.scope.places.some((p) => claim.placePath.startsWith(p.path))) throw commonErrors.NOT_FOUND();
  return { claim, me };
}

/**
 * Cancels a place or a place on the waiting list. A held place goes to the first member waiting
 * (in this transaction; they are told), or back to the shift. Close to the start (the community's
 * notice) a reason is needed and the post's owner is told.
 */
export async function cancelClaim(
  ctx: Ctx,
  id: number,
  input: { reason?: string | null | undefined },
): Promise<{ claim: ClaimView; promoted: ClaimView | null }> {
  return inTx(ctx, async (tx, afterCommit) => {
    const { claim, me } = await loadClaim(tx, ctx, id);
    if (claim.status !== 'held' && claim.status !== 'waiting') throw dutyErrors.DUTY_CLAIM_STATE({ state: claim.status });
    if (!claimPolicy.allows(ctx.actor, 'cancel', { ...claim, ownMemberId: me })) throw commonErrors.FORBIDDEN();
    const now = ctx.platform.clock.now();
    const tz = ctx.platform.config.timezone;
    const rules = await rulesOf(tx, claim.communityId);
    const late = claim.status === 'held' && claim.startsAt.getTime() - now.getTime() < rules.cancelNoticeHours * 3600000;
    const reason = input.reason?.trim() || null;
    if (late && !reason) throw dutyErrors.DUTY_REASON_REQUIRED({ hours: rules.cancelNoticeHours }).onField('reason');
    // The shift's row first: a claim joining its waiting list now waits for us, or is seen by us.
    const shift = await repo.lockShift(tx, claim.shiftId);
    if (claim.status === 'waiting') await repo.addWaiting(tx, claim.shiftId, -1);
    const after = await repo.updateClaimVersioned(
      tx,
      claim.id,
      claim.status,
      claim.version,
      { status: 'cancelled', cancelReason: reason, cancelledAt: now },
      now,
    );
    if (!after) throw commonErrors.STALE_VERSION();
    await recordAudit(tx, ctx, {
      action: 'duty.claim.cancel',
      entityType: 'duty_claim',
      entityId: claim.id,
      before: claimAudit(claim),
      after: { ...claimAudit(after), late, ...(reason ? { reason } : {}) },
    });
    let promoted: repo.ClaimRow | undefined;
    if (claim.status === 'held') {
      // A call-up's waiting list is kept on its first shift: its first member takes a place freed on any of its shifts.
      const next = (await repo.firstWaiting(tx, claim.shiftId)) ?? (shift?.callUpId ? await repo.firstWaitingOfCallUp(tx, shift.callUpId) : undefined);
      if (next) {
        const moved =
          next.shiftId !== claim.shiftId ? { shiftId: claim.shiftId, postId: claim.postId, placePath: claim.placePath, communityId: claim.communityId } : {};
        promoted = await repo.updateClaimVersioned(tx, next.id, 'waiting', next.version, { status: 'held', promotedAt: now, ...moved }, now);
        await repo.addWaiting(tx, next.shiftId, -1);
        await recordAudit(tx, ctx, {
          action: 'duty.claim.promote',
          entityType: 'duty_claim',
          entityId: next.id,
          before: claimAudit(next),
          after: { ...claimAudit(promoted!), replaces: claim.id },
        });
        const member = await repo.findMember(tx, next.memberId);
        if (member) {
          const when = localStamp(next.startsAt, tz);
          await notifyMembers(
            tx,
            ctx,
            afterCommit,
            [member.residentId],
            {
              kind: 'duty.promoted',
              title: text(`候补转正：您已获得 ${when} 的班次`, `Off the waiting list: you hold the shift at ${when}`),
              link: '/resident/duty',
              subjectType: 'duty_claim',
              subjectId: next.id,
            },
            `候补转正：您已获得 ${when} 开始的值班岗位，请准时到岗。`,
          );
        }
      } else {
        await repo.givePlaceBack(tx, claim.shiftId);
      }
      await publishDuty(tx, ctx.platform, claim.placePath, {
        change: 'cancel',
        callUpId: shift?.callUpId ?? null,
        shiftId: claim.shiftId,
        delta: next ? 0 : -1,
      });
      if (late) {
        const post = await repo.findPost(tx, claim.postId);
        if (post?.ownerUserId) {
          await notifyUsers(tx, ctx.platform, [post.ownerUserId], {
            kind: 'duty.late_cancel',
            title: text(
              `临近开班取消：${post.name} ${localStamp(claim.startsAt, tz)}`,
              `Cancelled close to the start: ${post.name} ${localStamp(claim.startsAt, tz)}`,
            ),
            body: reason ? text(`理由：${reason}${next ? '（已由候补补上）' : ''}`, `Reason: ${reason}${next ? ' (a waiting member took it)' : ''}`) : null,
            link: `/duty/shifts/${claim.shiftId}`,
            subjectType: 'duty_shift',
            subjectId: claim.shiftId,
          });
        }
      }
    } else {
      await publishDuty(tx, ctx.platform, claim.placePath, { change: 'cancel', callUpId: shift?.callUpId ?? null, shiftId: claim.shiftId, delta: 0 });
    }
    const views = await presentClaims(ctx, tx, promoted ? [after, promoted] : [after], me);
    return { claim: views[0]!, promoted: views[1] ?? null };
  });
}

/** Marks a held place checked in (the member scanned the post's code, or staff confirm). */
export async function checkIn(tx: Tx, ctx: Ctx, claim: repo.ClaimRow, by: number | null): Promise<repo.ClaimRow> {
  const now = ctx.platform.clock.now();
  const after = await repo.updateClaimVersioned(tx, claim.id, 'held', claim.version, { status: 'checkedIn', checkedInAt: now, checkedInBy: by }, now);
  if (!after) throw commonErrors.STALE_VERSION();
  await recordAudit(tx, ctx, {
    action: 'duty.claim.checkIn',
    entityType: 'duty_claim',
    entityId: claim.id,
    before: claimAudit(claim),
    after: claimAudit(after),
  });
  await publishDuty(tx, ctx.platform, claim.placePath, { change: 'checkIn', shiftId: claim.shiftId });
  return after;
}

/** Checks out: the minutes served are computed from check-in and check-out within the shift. */
export async function checkOut(tx: Tx, ctx: Ctx, claim: repo.ClaimRow, at: Date | null = null): Promise<repo.ClaimRow> {
  const now = ctx.platform.clock.now();
  const out = at ?? now;
  const minutes = servedMinutes(claim.checkedInAt!, out, claim);
  const after = await repo.updateClaimVersioned(
    tx,
    claim.id,
    'checkedIn',
    claim.version,
    { status: 'checkedOut', checkedOutAt: out, servedMinutes: minutes },
    now,
  );
  if (!after) throw commonErrors.STALE_VERSION();
  await recordAudit(tx, ctx, {
    action: 'duty.claim.checkOut',
    entityType: 'duty_claim',
    entityId: claim.id,
    before: claimAudit(claim),
    after: { ...claimAudit(after), servedMinutes: minutes },
  });
  await publishDuty(tx, ctx.platform, claim.placePath, { change: 'checkOut', shiftId: claim.shiftId });
  return after;
}

/** Staff confirm a member is on duty (no phone, no scan). */
export async function confirmCheckIn(ctx: Ctx, id: number): Promise<ClaimView> {
  return inTx(ctx, async (tx) => {
    const { claim, me } = await loadClaim(tx, ctx, id);
    if (claim.status !== 'held') throw dutyErrors.DUTY_CLAIM_STATE({ state: claim.status });
    if (!claimPolicy.allows(ctx.actor, 'checkIn', { ...claim, ownMemberId: me })) throw commonErrors.FORBIDDEN();
    const rules = await rulesOf(tx, claim.communityId);
    const now = ctx.platform.clock.now();
    if (now.getTime() < claim.startsAt.getTime() - rules.checkInEarlyMinutes * 60000 || now >= claim.endsAt) {
      throw dutyErrors.DUTY_CHECK_IN_WINDOW({ minutes: rules.checkInEarlyMinutes });
    }
    const after = await checkIn(tx, ctx, claim, ctx.actor.userId);
    return (await presentClaims(ctx, tx, [after]))[0]!;
  });
}

/** The member (their own) or staff check out. */
export async function confirmCheckOut(ctx: Ctx, id: number): Promise<ClaimView> {
  return inTx(ctx, async (tx) => {
    const { claim, me } = await loadClaim(tx, ctx, id);
    if (claim.status !== 'checkedIn') throw dutyErrors.DUTY_CLAIM_STATE({ state: claim.status });
    if (!claimPolicy.allows(ctx.actor, 'checkOut', { ...claim, ownMemberId: me })) throw commonErrors.FORBIDDEN();
    const after = await checkOut(tx, ctx, claim);
    return (await presentClaims(ctx, tx, [after], me))[0]!;
  });
}

/**
 * Staff record a held place as a no-show once the shift has started (the member never came; the
 * job does the same after the community's `noShowAfterMinutes`). The place stays taken: the shift
 * was short of them.
 */
export async function recordNoShow(ctx: Ctx, id: number): Promise<ClaimView> {
  return inTx(ctx, async (tx) => {
    const { claim, me } = await loadClaim(tx, ctx, id);
    if (claim.status !== 'held') throw dutyErrors.DUTY_CLAIM_STATE({ state: claim.status });
    if (!claimPolicy.allows(ctx.actor, 'noShow', { ...claim, ownMemberId: me })) throw commonErrors.FORBIDDEN();
    const now = ctx.platform.clock.now();
    if (now < claim.startsAt) throw dutyErrors.DUTY_NO_SHOW_EARLY();
    const after = await repo.updateClaimVersioned(tx, claim.id, 'held', claim.version, { status: 'noShow' }, now);
    if (!after) throw commonErrors.STALE_VERSION();
    await recordAudit(tx, ctx, {
      action: 'duty.claim.noShow',
      entityType: 'duty_claim',
      entityId: claim.id,
      before: claimAudit(claim),
      after: claimAudit(after),
    });
    await publishDuty(tx, ctx.platform, claim.placePath, { change: 'checkIn', shiftId: claim.shiftId, status: 'noShow' });
    return (await presentClaims(ctx, tx, [after]))[0]!;
  });
}
