import {
  maskPhone,
  type ClaimStatus,
  type ClaimView,
  type DutyRole,
  type MemberStatus,
  type MemberView,
  type PostKind,
  type PostView,
  type ShiftView,
} from '@jiayuan/contracts';
import type { Ctx } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import { userNames } from '../../platform/auth/identity.repository.js';
import * as places from '../../platform/places/places.repository.js';
import { residentNames, residentPhones } from '../registry/index.js';
import { claimPolicy, memberPolicy, postPolicy, shiftPolicy } from './duty.policy.js';
import * as repo from './duty.repository.js';
import { dutyTeamNames } from './duty-teams.repository.js';

/** Turns rows into the API's views: names joined in batches, phones masked, the caller's actions attached. */

/** Residents' names and masked phones by resident id. */
export async function peopleOf(ctx: Ctx, ex: Executor, residentIds: readonly number[]) {
  const rows = await residentPhones(ex, residentIds);
  const out = new Map<number, { name: string; phoneMasked: string | null }>();
  for (const [id, r] of rows) {
    let phoneMasked: string | null = null;
    if (r.phoneEnc) {
      try {
        phoneMasked = maskPhone(ctx.platform.cipher.decrypt('phone', r.phoneEnc));
      } catch {
        phoneMasked = null;
      }
    }
    out.set(id, { name: r.name, phoneMasked });
  }
  return out;
}

async function placeNames(ex: Executor, ids: readonly number[]) {
  return new Map((await places.findPlaces(ex, [...new Set(ids)])).map((p) => [p.id, p.name]));
}

export async function presentMembers(ctx: Ctx, ex: Executor, rows: repo.MemberRow[]): Promise<MemberView[]> {
  const [people, communities, employers, served] = await Promise.all([
    peopleOf(
      ctx,
      ex,
      rows.map((r) => r.residentId),
    ),
    placeNames(
      ex,
      rows.map((r) => r.communityId),
    ),
    places.findEmployers(
      ex,
      rows.map((r) => r.employerId).filter((x): x is number => x !== null),
    ),
    repo.servedByMembers(
      ex,
      rows.map((r) => r.id),
    ),
  ]);
  const employerNames = new Map(employers.map((e) => [e.id, e.name]));
  return rows.map((m) => ({
    id: m.id,
    residentId: m.residentId,
    name: people.get(m.residentId)?.name ?? '',
    phoneMasked: people.get(m.residentId)?.phoneMasked ?? null,
    communityId: m.communityId,
    communityName: communities.get(m.communityId) ?? '',
    employerId: m.employerId,
    employerName: m.employerId ? (employerNames.get(m.employerId) ?? null) : null,
    partyOrganisation: m.partyOrganisation,
    skills: m.skills,
    roles: m.roles as DutyRole[],
    availability: m.availability,
    status: m.status as MemberStatus,
    rejectReason: m.rejectReason,
    reportedAt: m.reportedAt.toISOString(),
    confirmedAt: m.confirmedAt?.toISOString() ?? null,
    registeredByStaff: m.registeredBy !== null,
    servedMinutes: served.get(m.id) ?? 0,
    version: m.version,
    actions: memberPolicy.actions(ctx.actor, m),
  }));
}

export async function presentPosts(ctx: Ctx, ex: Executor, rows: repo.PostRow[]): Promise<PostView[]> {
  const now = ctx.platform.clock.now();
  const [labels, communities, owners, teams, load] = await Promise.all([
    places.labelsForPaths(
      ex,
      rows.map((r) => r.placePath),
    ),
    placeNames(
      ex,
      rows.map((r) => r.communityId),
    ),
    userNames(
      ex,
      rows.map((r) => r.ownerUserId).filter((x): x is number => x !== null),
    ),
    dutyTeamNames(
      ex,
      rows.map((r) => r.teamId).filter((x): x is number => x !== null),
    ),
    repo.postLoad(
      ex,
      rows.map((r) => r.id),
      now,
      new Date(now.getTime() + 24 * 3600000),
    ),
  ]);
  return rows.map((p) => ({
    id: p.id,
    name: p.name,
    kind: p.kind as PostKind,
    role: p.role as DutyRole,
    placeId: p.placeId,
    placeLabel: labels.get(p.placePath) ?? '',
    communityId: p.communityId,
    communityName: communities.get(p.communityId) ?? '',
    ownerUserId: p.ownerUserId,
    ownerName: p.ownerUserId ? (owners.get(p.ownerUserId) ?? null) : null,
    teamId: p.teamId,
    teamName: p.teamId ? (teams.get(p.teamId) ?? null) : null,
    next24h: load.get(p.id) ?? { shifts: 0, headcount: 0, filled: 0 },
    createdAt: p.createdAt.toISOString(),
    actions: postPolicy.actions(ctx.actor, p),
  }));
}

/** Shifts as listed; `memberId` adds the member's own claim on each. */
export async function presentShifts(ctx: Ctx, ex: Executor, rows: repo.ShiftRow[], memberId: number | null = null): Promise<ShiftView[]> {
  const posts = new Map(
    (
      await repo.postsByIds(
        ex,
        rows.map((r) => r.postId),
      )
    ).map((p) => [p.id, p]),
  );
  const [labels, communities, mine] = await Promise.all([
    places.labelsForPaths(
      ex,
      [...posts.values()].map((p) => p.placePath),
    ),
    placeNames(
      ex,
      rows.map((r) => r.communityId),
    ),
    memberId
      ? repo.memberClaimsOn(
          ex,
          memberId,
          rows.map((r) => r.id),
        )
      : Promise.resolve([]),
  ]);
  const positions = await repo.waitingPositions(ex, mine);
  const myByShift = new Map(mine.map((c) => [c.shiftId, c]));
  return rows.map((s) => {
    const post = posts.get(s.postId)!;
    const my = myByShift.get(s.id);
    return {
      id: s.id,
      postId: s.postId,
      postName: post.name,
      postKind: post.kind as PostKind,
      role: post.role as DutyRole,
      placeLabel: labels.get(post.placePath) ?? '',
      communityId: s.communityId,
      communityName: communities.get(s.communityId) ?? '',
      callUpId: s.callUpId,
      startsAt: s.startsAt.toISOString(),
      endsAt: s.endsAt.toISOString(),
      headcount: s.headcount,
      filled: s.filled,
      waiting: s.waiting,
      requiredRole: s.requiredRole as DutyRole | null,
      requiredSkill: s.requiredSkill,
      myClaim: my ? { id: my.id, status: my.status as ClaimStatus, position: positions.get(my.id) ?? null } : null,
      actions: shiftPolicy.actions(ctx.actor, s),
    };
  });
}

/** Claims as shown; `known` members and posts (already in hand) are not read again. */
export async function presentClaims(
  ctx: Ctx,
  ex: Executor,
  rows: repo.ClaimRow[],
  ownMemberId: number | null = null,
  known: { members?: repo.MemberRow[]; posts?: Pick<repo.PostRow, 'id' | 'name' | 'placePath'>[] } = {},
): Promise<ClaimView[]> {
  const members = new Map<number, Pick<repo.MemberRow, 'residentId'>>((known.members ?? []).map((m) => [m.id, m]));
  for (const id of new Set(rows.map((r) => r.memberId))) {
    if (members.has(id)) continue;
    const m = await repo.findMember(ex, id);
    if (m) members.set(id, m);
  }
  const posts = new Map<number, Pick<repo.PostRow, 'id' | 'name' | 'placePath'>>((known.posts ?? []).map((p) => [p.id, p]));
  const postsToRead = rows.map((r) => r.postId).filter((id) => !posts.has(id));
  if (postsToRead.length) for (const p of await repo.postsByIds(ex, postsToRead)) posts.set(p.id, p);
  const [labels, names, positions] = await Promise.all([
    places.labelsForPaths(
      ex,
      [...posts.values()].map((p) => p.placePath),
    ),
    residentNames(
      ex,
      [...members.values()].map((m) => m.residentId),
    ),
    repo.waitingPositions(ex, rows),
  ]);
  return rows.map((c) => {
    const post = posts.get(c.postId);
    const member = members.get(c.memberId);
    return {
      id: c.id,
      shiftId: c.shiftId,
      memberId: c.memberId,
      memberName: member ? (names.get(member.residentId) ?? '') : '',
      status: c.status as ClaimStatus,
      position: positions.get(c.id) ?? null,
      startsAt: c.startsAt.toISOString(),
      endsAt: c.endsAt.toISOString(),
      postId: c.postId,
      postName: post?.name ?? '',
      placeLabel: post ? (labels.get(post.placePath) ?? '') : '',
      checkedInAt: c.checkedInAt?.toISOString() ?? null,
      checkedOutAt: c.checkedOutAt?.toISOString() ?? null,
      servedMinutes: c.servedMinutes,
      cancelReason: c.cancelReason,
      createdAt: c.createdAt.toISOString(),
      actions: claimPolicy.actions(ctx.actor, { ...c, ownMemberId }),
    };
  });
}
