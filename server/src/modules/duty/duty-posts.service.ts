import type { DutyTable, PostCreate, PostUpdate, PostView, ShiftCreate, ShiftGenerate, ShiftView } from '@jiayuan/contracts';
import { ClaimStatus, type DutyRole } from '@jiayuan/contracts';
import { activeStaffAmong } from '../../platform/auth/identity.repository.js';
import { recordAudit } from '../../platform/audit/audit.service.js';
import { inTx, type Ctx } from '../../platform/context.js';
import { commonErrors } from '../../platform/errors/common-errors.js';
import { signPass } from '../../platform/passes/passes.service.js';
import * as places from '../../platform/places/places.repository.js';
import { addDays, daysBetween, localDate, localInstant, weekdayOf } from '../../platform/time.js';
import { publishDuty } from './duty.effects.js';
import { dutyErrors } from './duty.errors.js';
import { postPolicy } from './duty.policy.js';
import { peopleOf, presentClaims, presentPosts, presentShifts } from './duty.present.js';
import * as repo from './duty.repository.js';
import { templateShifts } from './duty.rules.js';
import { findTeamInScope } from './duty-teams.repository.js';
import { assertFilterPlace, communityOfPath } from './duty-members.service.js';

/** Posts (岗位) at places, their shifts (班次) by hand or from a 24-hour template, the post's QR code and its week's duty table. */

/** Which place types a post of each kind may stand at (an area: any place in a community). */
const PLACE_TYPES: Record<string, readonly string[] | null> = {
  gate: ['compound', 'building', 'station', 'community'],
  checkpoint: ['community', 'station', 'compound'],
  building: ['building'],
  stairwell: ['stairwell'],
  area: null,
};

export const POST_QR_TYP = 'duty.post';
const QR_VALID_MS = 60 * 86400000 - 60000;

export async function createPost(ctx: Ctx, input: PostCreate): Promise<PostView> {
  return inTx(ctx, async (tx) => {
    const place = await places.findPlaceInScope(tx, ctx.actor, input.placeId);
    if (!place) throw commonErrors.NOT_FOUND();
    postPolicy.assert(ctx.actor, 'addShifts', { placePath: place.path });
    const types = PLACE_TYPES[input.kind];
    if (types && !types.includes(place.type)) throw dutyErrors.DUTY_PLACE_KIND({ kind: input.kind }).onField('placeId');
    const community = await communityOfPath(tx, place.path);
    if (!community) throw dutyErrors.DUTY_NOT_IN_COMMUNITY().onField('placeId');
    const owner = input.ownerUserId ?? ctx.actor.userId;
    if (input.ownerUserId && (await activeStaffAmong(tx, [input.ownerUserId])).length === 0) throw dutyErrors.DUTY_NOT_STAFF().onField('ownerUserId');
    if (input.teamId) {
      const team = await findTeamInScope(tx, ctx.actor, input.teamId);
      if (!team) throw commonErrors.NOT_FOUND();
      if (team.communityId !== community.id) throw dutyErrors.DUTY_TEAM_POSTS().onField('teamId');
    }
    const post = await repo.insertPost(tx, {
      placeId: place.id,
      placePath: place.path,
      communityId: community.id,
      kind: input.kind,
      name: input.name,
      role: input.role,
      ownerUserId: owner,
      teamId: input.teamId ?? null,
      createdBy: ctx.actor.userId,
    });
    await recordAudit(tx, ctx, {
      action: 'duty.post.create',
      entityType: 'duty_post',
      entityId: post.id,
      before: null,
      after: { placeId: post.placeId, kind: post.kind, name: post.name, role: post.role, ownerUserId: post.ownerUserId, teamId: post.teamId },
    });
    return (await presentPosts(ctx, tx, [post]))[0]!;
  });
}

/** Edits a post's name, kind (it must suit the post's place), role, owner or team; the place stays. */
export async function updatePost(ctx: Ctx, id: number, input: PostUpdate): Promise<PostView> {
  return inTx(ctx, async (tx) => {
    const post = await repo.findPostInScope(tx, ctx.actor, id, true);
    if (!post) throw commonErrors.NOT_FOUND();
    postPolicy.assert(ctx.actor, 'edit', post);
    if (input.kind !== undefined) {
      const place = await places.findPlace(tx, post.placeId);
      const types = PLACE_TYPES[input.kind];
      if (types && place && !types.includes(place.type)) throw dutyErrors.DUTY_PLACE_KIND({ kind: input.kind }).onField('kind');
    }
    if (input.ownerUserId && (await activeStaffAmong(tx, [input.ownerUserId])).length === 0) throw dutyErrors.DUTY_NOT_STAFF().onField('ownerUserId');
    if (input.teamId) {
      const team = await findTeamInScope(tx, ctx.actor, input.teamId);
      if (!team) throw commonErrors.NOT_FOUND();
      if (team.communityId !== post.communityId) throw dutyErrors.DUTY_TEAM_POSTS().onField('teamId');
    }
    const set: Parameters<typeof repo.updatePost>[2] = {};
    if (input.name !== undefined) set.name = input.name;
    if (input.kind !== undefined) set.kind = input.kind;
    if (input.role !== undefined) set.role = input.role;
    if (input.ownerUserId !== undefined) set.ownerUserId = input.ownerUserId ?? ctx.actor.userId;
    if (input.teamId !== undefined) set.teamId = input.teamId ?? null;
    const after = await repo.updatePost(tx, post.id, set, ctx.platform.clock.now());
    const view = (p: repo.PostRow) => ({ kind: p.kind, name: p.name, role: p.role, ownerUserId: p.ownerUserId, teamId: p.teamId });
    await recordAudit(tx, ctx, { action: 'duty.post.update', entityType: 'duty_post', entityId: post.id, before: view(post), after: view(after!) });
    await publishDuty(tx, ctx.platform, post.placePath, { change: 'shifts' });
    return (await presentPosts(ctx, tx, [after!]))[0]!;
  });
}

async function postInScope(ctx: Ctx, id: number) {
  const post = await repo.findPostInScope(ctx.platform.db, ctx.actor, id);
  if (!post) throw commonErrors.NOT_FOUND();
  return post;
}

export async function getPost(ctx: Ctx, id: number): Promise<PostView> {
  return (await presentPosts(ctx, ctx.platform.db, [await postInScope(ctx, id)]))[0]!;
}

export async function listPosts(
  ctx: Ctx,
  q: {
    communityId?: number | undefined;
    placeId?: number | undefined;
    role?: string | undefined;
    kind?: string | undefined;
    teamId?: number | undefined;
    unfilled?: boolean | undefined;
    page: number;
    pageSize: number;
  },
) {
  const db = ctx.platform.db;
  await assertFilterPlace(ctx, q.communityId);
  const placePath = (await assertFilterPlace(ctx, q.placeId))?.path;
  const now = ctx.platform.clock.now();
  const { rows, total } = await repo.listPosts(
    db,
    ctx.actor,
    {
      communityId: q.communityId,
      placePath,
      role: q.role,
      kind: q.kind,
      teamId: q.teamId,
      unfilledFrom: q.unfilled ? { from: now, to: new Date(now.getTime() + 24 * 3600000) } : undefined,
    },
    { limit: q.pageSize, offset: (q.page - 1) * q.pageSize },
  );
  return { items: await presentPosts(ctx, db, rows), total, page: q.page, pageSize: q.pageSize };
}

/** The post's QR code for check-in: a signed token naming the post, valid 60 days. */
export async function postQr(ctx: Ctx, id: number) {
  const post = await postInScope(ctx, id);
  postPolicy.assert(ctx.actor, 'qr', post);
  const validUntil = new Date(ctx.platform.clock.now().getTime() + QR_VALID_MS);
  const token = await signPass(ctx.platform, { typ: POST_QR_TYP, sub: `duty_post:${post.id}` }, { validUntil });
  return { postId: post.id, token, validUntil: validUntil.toISOString() };
}

/** Adds one shift to a post. */
export async function addShift(ctx: Ctx, postId: number, input: ShiftCreate): Promise<ShiftView> {
  const startsAt = new Date(input.startsAt);
  const endsAt = new Date(input.endsAt);
  const now = ctx.platform.clock.now();
  if (endsAt <= startsAt || endsAt.getTime() - startsAt.getTime() > 24 * 3600000 || endsAt <= now) throw dutyErrors.DUTY_SHIFT_TIMES().onField('endsAt');
  return inTx(ctx, async (tx) => {
    const post = await repo.findPostInScope(tx, ctx.actor, postId);
    if (!post) throw commonErrors.NOT_FOUND();
    postPolicy.assert(ctx.actor, 'addShifts', post);
    const [shift] = await repo.insertShifts(tx, [
      {
        postId: post.id,
        communityId: post.communityId,
        placePath: post.placePath,
        startsAt,
        endsAt,
        headcount: input.headcount,
        requiredRole: input.requiredRole ?? null,
        requiredSkill: input.requiredSkill ?? null,
        createdBy: ctx.actor.userId,
      },
    ]);
    await recordAudit(tx, ctx, {
      action: 'duty.shift.create',
      entityType: 'duty_shift',
      entityId: shift!.id,
      before: null,
      after: { postId: post.id, startsAt: input.startsAt, endsAt: input.endsAt, headcount: input.headcount },
    });
    await publishDuty(tx, ctx.platform, post.placePath, { change: 'shifts' });
    return (await presentShifts(ctx, tx, [shift!]))[0]!;
  });
}

/**
 * Generates a post's 24-hour shifts from a template for a date range (at most 31 days); shifts
 * already there at the same times are kept, so running it again adds nothing. The post's row is
 * locked for the transaction: two runs at once are one after the other. `preview`: only counts.
 */
export async function generateShifts(ctx: Ctx, postId: number, input: Omit<ShiftGenerate, 'preview'> & { preview?: boolean }) {
  const tz = ctx.platform.config.timezone;
  const now = ctx.platform.clock.now();
  const today = localDate(now, tz);
  if (input.to < input.from || daysBetween(input.from, input.to) > 30 || input.from < today) throw dutyErrors.DUTY_DATE_RANGE().onField('from');
  return inTx(ctx, async (tx) => {
    const post = await repo.findPostInScope(tx, ctx.actor, postId, !input.preview);
    if (!post) throw commonErrors.NOT_FOUND();
    postPolicy.assert(ctx.actor, 'addShifts', post);
    const windows = templateShifts(input.from, input.to, input.pattern, input.firstStart, tz).filter((w) => w.endsAt > now);
    const first = windows[0]?.startsAt ?? now;
    const last = windows.at(-1)?.startsAt ?? now;
    const existing = await repo.shiftStartsOfPost(tx, post.id, first, new Date(last.getTime() + 1));
    const fresh = windows.filter((w) => !existing.has(w.startsAt.getTime()));
    if (input.preview) return { created: fresh.length, kept: windows.length - fresh.length, shiftIds: [] as number[], preview: true };
    const rows = await repo.insertShifts(
      tx,
      fresh.map((w) => ({
        postId: post.id,
        communityId: post.communityId,
        placePath: post.placePath,
        startsAt: w.startsAt,
        endsAt: w.endsAt,
        headcount: input.headcount,
        requiredRole: input.requiredRole ?? null,
        requiredSkill: input.requiredSkill ?? null,
        createdBy: ctx.actor.userId,
      })),
    );
    await recordAudit(tx, ctx, {
      action: 'duty.shift.generate',
      entityType: 'duty_post',
      entityId: post.id,
      before: null,
      after: {
        from: input.from,
        to: input.to,
        pattern: input.pattern,
        firstStart: input.firstStart,
        headcount: input.headcount,
        created: rows.length,
        kept: windows.length - fresh.length,
      },
    });
    if (rows.length) await publishDuty(tx, ctx.platform, post.placePath, { change: 'shifts' });
    return { created: rows.length, kept: windows.length - fresh.length, shiftIds: rows.map((r) => r.id), preview: false };
  });
}

/** Shifts in scope from `from` (default now) to `to` (default a week later). */
export async function listShifts(
  ctx: Ctx,
  q: {
    communityId?: number | undefined;
    postId?: number | undefined;
    callUpId?: number | undefined;
    from?: string | undefined;
    to?: string | undefined;
    open?: boolean | undefined;
    page: number;
    pageSize: number;
  },
) {
  await assertFilterPlace(ctx, q.communityId);
  const from = q.from ? new Date(q.from) : ctx.platform.clock.now();
  const to = q.to ? new Date(q.to) : new Date(from.getTime() + 7 * 86400000);
  const { rows, total } = await repo.listShifts(
    ctx.platform.db,
    ctx.actor,
    { communityId: q.communityId, postId: q.postId, callUpId: q.callUpId, from, to, open: q.open },
    { limit: q.pageSize, offset: (q.page - 1) * q.pageSize },
  );
  return { items: await presentShifts(ctx, ctx.platform.db, rows), total, page: q.page, pageSize: q.pageSize };
}

/** A shift with its claims (held first, then the waiting list in order). */
export async function getShift(ctx: Ctx, id: number) {
  const db = ctx.platform.db;
  const shift = await repo.findShiftInScope(db, ctx.actor, id);
  if (!shift) throw commonErrors.NOT_FOUND();
  const [view] = await presentShifts(ctx, db, [shift]);
  const claims = await repo.claimsOfShifts(db, [shift.id]);
  return {
    ...view!,
    claims: await presentClaims(
      ctx,
      db,
      claims.filter((c) => c.status !== 'cancelled'),
    ),
  };
}

/** The post's duty table (值班表) for the seven days from `from` (default this week's Monday). */
export async function dutyTable(ctx: Ctx, id: number, fromDate?: string): Promise<DutyTable> {
  const db = ctx.platform.db;
  const tz = ctx.platform.config.timezone;
  const post = await postInScope(ctx, id);
  const today = localDate(ctx.platform.clock.now(), tz);
  const from = fromDate ?? addDays(today, 1 - weekdayOf(today));
  const to = addDays(from, 6);
  const { rows } = await repo.listShifts(
    db,
    ctx.actor,
    { postId: post.id, from: localInstant(from, '00:00', tz), to: localInstant(addDays(to, 1), '00:00', tz) },
    { limit: 500, offset: 0 },
  );
  const claims = await repo.claimsOfShifts(
    db,
    rows.map((r) => r.id),
    ['held', 'checkedIn', 'checkedOut', 'noShow'],
  );
  const members = new Map<number, repo.MemberRow>();
  for (const mId of new Set(claims.map((c) => c.memberId))) {
    const m = await repo.findMember(db, mId);
    if (m) members.set(mId, m);
  }
  const people = await peopleOf(
    ctx,
    db,
    [...members.values()].map((m) => m.residentId),
  );
  const label = await places.labelFor(db, post.placePath);
  const days = Array.from({ length: 7 }, (_, i) => addDays(from, i)).map((date) => ({
    date,
    shifts: rows
      .filter((s) => localDate(s.startsAt, tz) === date)
      .map((s) => ({
        shiftId: s.id,
        startsAt: s.startsAt.toISOString(),
        endsAt: s.endsAt.toISOString(),
        headcount: s.headcount,
        people: claims
          .filter((c) => c.shiftId === s.id)
          .map((c) => {
            const p = people.get(members.get(c.memberId)?.residentId ?? 0);
            return { name: p?.name ?? '', phoneMasked: p?.phoneMasked ?? null, status: ClaimStatus.parse(c.status) };
          }),
      })),
  }));
  return { postId: post.id, postName: post.name, placeLabel: label, role: post.role as DutyRole, from, to, days };
}
