import type { ClaimView, MyDuty } from '@jiayuan/contracts';
import ical from 'ical-generator';
import { timingSafeEqual } from 'node:crypto';
import { randomToken } from '../../platform/auth/passwords.js';
import { recordAudit } from '../../platform/audit/audit.service.js';
import { inTx, type Ctx } from '../../platform/context.js';
import { commonErrors } from '../../platform/errors/common-errors.js';
import { PassError, verifyPass } from '../../platform/passes/passes.service.js';
import { localDate, startOfLocalDay } from '../../platform/time.js';
import { checkIn, checkOut, myMemberLocked } from './duty-claims.service.js';
import { callUpsForMember } from './duty-callups.service.js';
import { POST_QR_TYP } from './duty-posts.service.js';
import { dutyErrors } from './duty.errors.js';
import { presentClaims, presentMembers, presentShifts } from './duty.present.js';
import * as repo from './duty.repository.js';
import { checkInGuard } from './duty.rules.js';
import { rulesOf } from './duty.settings.js';

const sameText = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** The member's own pages (a resident signed in by phone): my duty, my shifts, open shifts near me, scanning the post's code, my calendar. */

async function me(ctx: Ctx): Promise<repo.MemberRow | undefined> {
  if (ctx.actor.residentId === null) throw commonErrors.FORBIDDEN();
  return repo.memberOfResident(ctx.platform.db, ctx.actor.residentId);
}

async function meReported(ctx: Ctx): Promise<repo.MemberRow> {
  const m = await me(ctx);
  if (!m) throw dutyErrors.DUTY_NOT_REPORTED();
  return m;
}

/** My report, my next shifts, my minutes served. */
export async function myDuty(ctx: Ctx): Promise<MyDuty> {
  const db = ctx.platform.db;
  const m = await me(ctx);
  if (!m) return { member: null, upcoming: [], servedMinutes: { total: 0, last7Days: 0, today: 0 } };
  const now = ctx.platform.clock.now();
  const tz = ctx.platform.config.timezone;
  const { rows } = await repo.memberClaims(db, m.id, 'upcoming', now, { limit: 20, offset: 0 });
  const [member] = await presentMembers(ctx, db, [m]);
  const [total, last7Days, today] = await Promise.all([
    repo.servedSince(db, m.id, null),
    repo.servedSince(db, m.id, new Date(now.getTime() - 7 * 86400000)),
    repo.servedSince(db, m.id, startOfLocalDay(localDate(now, tz), tz)),
  ]);
  return { member: member!, upcoming: await presentClaims(ctx, db, rows, m.id), servedMinutes: { total, last7Days, today } };
}

export async function myShifts(ctx: Ctx, q: { when: 'upcoming' | 'past' | 'all'; page: number; pageSize: number }) {
  const m = await meReported(ctx);
  const { rows, total } = await repo.memberClaims(ctx.platform.db, m.id, q.when, ctx.platform.clock.now(), {
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  return { items: await presentClaims(ctx, ctx.platform.db, rows, m.id), total, page: q.page, pageSize: q.pageSize };
}

/** Shifts I could take: my community's first, from now (or `from`) for a week. */
export async function openShifts(
  ctx: Ctx,
  q: { from?: string | undefined; to?: string | undefined; open?: boolean | undefined; page: number; pageSize: number },
) {
  const m = await meReported(ctx);
  const from = q.from ? new Date(q.from) : ctx.platform.clock.now();
  const to = q.to ? new Date(q.to) : new Date(from.getTime() + 7 * 86400000);
  // A member answers call-ups through the call-up; plain shifts of their district are listed here.
  const { rows, total } = await repo.listShifts(
    ctx.platform.db,
    null,
    { from, to, open: q.open ?? true, firstCommunity: m.communityId, communityId: m.communityId },
    { limit: q.pageSize, offset: (q.page - 1) * q.pageSize },
  );
  return { items: await presentShifts(ctx, ctx.platform.db, rows, m.id), total, page: q.page, pageSize: q.pageSize };
}

export async function myCallUps(ctx: Ctx) {
  return callUpsForMember(ctx, await meReported(ctx));
}

/** The member scanned the post's QR code: check in near the start, or check out when on duty there. */
export async function scanPost(ctx: Ctx, token: string): Promise<ClaimView> {
  let postId: number;
  try {
    const pass = await verifyPass(ctx.platform, token, POST_QR_TYP);
    postId = Number(/^duty_post:(\d+)$/.exec(pass.sub)?.[1]);
    if (!Number.isSafeInteger(postId)) throw new PassError('malformed');
  } catch (err) {
    if (err instanceof PassError) throw dutyErrors.DUTY_QR_INVALID().onField('token');
    throw err;
  }
  return inTx(ctx, async (tx) => {
    const member = await myMemberLocked(tx, ctx);
    const post = await repo.findPost(tx, postId);
    if (!post) throw dutyErrors.DUTY_QR_INVALID().onField('token');
    const rules = await rulesOf(tx, post.communityId);
    const now = ctx.platform.clock.now();
    const claim = await repo.claimAtPostNow(tx, member.id, post.id, now, rules.checkInEarlyMinutes);
    if (!claim) throw dutyErrors.DUTY_NO_SHIFT_HERE();
    let after: repo.ClaimRow;
    if (claim.status === 'checkedIn') {
      after = await checkOut(tx, ctx, claim);
    } else {
      const refused = checkInGuard(claim, now, rules.checkInEarlyMinutes);
      if (refused) throw refused;
      after = await checkIn(tx, ctx, claim, null);
    }
    return (await presentClaims(ctx, tx, [after], member.id))[0]!;
  });
}

/** The secret part of a member's feed address: a keyed hash of their id and salt (never stored). */
const feedToken = (ctx: Ctx, m: Pick<repo.MemberRow, 'id' | 'calendarSecret'>) =>
  `${m.id}-${ctx.platform.cipher.blindIndex('passKey', `duty-calendar:${m.id}:${m.calendarSecret}`).toString('base64url')}`;

/** The address of my iCalendar feed; `renew` gives a new one (the old address stops working). */
export async function myCalendarFeed(ctx: Ctx, renew: boolean, baseUrl: string) {
  return inTx(ctx, async (tx) => {
    const member = await myMemberLocked(tx, ctx);
    let secret = member.calendarSecret;
    if (!secret || renew) {
      secret = randomToken(12);
      await repo.setCalendarSecret(tx, member.id, secret);
      await recordAudit(tx, ctx, {
        action: 'duty.calendar.renew',
        entityType: 'duty_member',
        entityId: member.id,
        before: null,
        after: { renewed: member.calendarSecret !== null },
      });
    }
    return { url: `${baseUrl}/api/duty/calendar/${feedToken(ctx, { id: member.id, calendarSecret: secret })}.ics` };
  });
}

/** The feed itself: the member's shifts (held, on duty, done) from 30 days back, as iCalendar. */
export async function calendarFeed(ctx: Ctx, token: string): Promise<string> {
  const db = ctx.platform.db;
  const bare = token.replace(/\.ics$/, '');
  const id = Number(/^(\d{1,15})-/.exec(bare)?.[1]);
  const member = Number.isSafeInteger(id) && id > 0 ? await repo.findMember(db, id) : undefined;
  if (!member?.calendarSecret || !sameText(feedToken(ctx, member), bare)) throw commonErrors.NOT_FOUND();
  const now = ctx.platform.clock.now();
  const { rows } = await repo.memberClaims(db, member.id, 'all', now, { limit: 500, offset: 0 });
  const shown = rows.filter((c) => ['held', 'checkedIn', 'checkedOut'].includes(c.status) && c.endsAt.getTime() > now.getTime() - 30 * 86400000);
  const views = await presentClaims(ctx, db, shown, member.id);
  const cal = ical({ name: '家园 值班', timezone: ctx.platform.config.timezone, prodId: { company: 'jiayuan', product: 'duty', language: 'ZH' } });
  for (const c of views) {
    cal.createEvent({
      id: `duty-claim-${c.id}@jiayuan`,
      start: new Date(c.startsAt),
      end: new Date(c.endsAt),
      summary: `值班：${c.postName}`,
      location: c.placeLabel,
      description: c.status === 'checkedOut' ? `已签退，服务 ${c.servedMinutes ?? 0} 分钟` : null,
      stamp: now,
    });
  }
  return cal.toString();
}
