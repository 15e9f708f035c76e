import type { DutyRole, DutyTeamCreate, DutyTeamPosts, DutyTeamUpdate, DutyTeamView, RosterBuilding, RosterCoverage, RosterSave } from '@jiayuan/contracts';
import { can, inPlaceScope } from '../../platform/access/actor.js';
import { definePolicy } from '../../platform/access/policy.js';
import { activeStaffAmong, userNames } from '../../platform/auth/identity.repository.js';
import { recordAudit } from '../../platform/audit/audit.service.js';
import { inTx, type Ctx } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import { commonErrors } from '../../platform/errors/common-errors.js';
import * as places from '../../platform/places/places.repository.js';
import { localDate } from '../../platform/time.js';
import { buildingHeadsOf, buildingsOfGrids, gridNames, gridWithCommunity } from '../registry/index.js';
import { publishDuty } from './duty.effects.js';
import { dutyErrors } from './duty.errors.js';
import { assertFilterPlace } from './duty-members.service.js';
import { peopleOf } from './duty.present.js';
import * as repo from './duty.repository.js';
import * as teams from './duty-teams.repository.js';

/** Work teams (工作队、突击队) with their members' roles and hours, and the "2+1" building roster with its coverage. */

const teamPolicy = definePolicy<Pick<teams.TeamRow, 'placePath'>, 'edit' | 'assignPosts' | 'addMember' | 'removeMember'>({
  edit: (a, t) => can(a, 'duty.team.manage') && inPlaceScope(a, t.placePath),
  assignPosts: (a, t) => can(a, 'duty.team.manage') && can(a, 'duty.post.manage') && inPlaceScope(a, t.placePath),
  addMember: (a, t) => can(a, 'duty.team.manage') && inPlaceScope(a, t.placePath),
  removeMember: (a, t) => can(a, 'duty.team.manage') && inPlaceScope(a, t.placePath),
});
const rosterPolicy = definePolicy<{ placePath: string }, 'save'>({ save: (a, b) => can(a, 'duty.roster.manage') && inPlaceScope(a, b.placePath) });

/** A confirmed member of the community (for a team, a roster), or 400. */
async function confirmedIn(ex: Executor, memberId: number, communityId: number, field: string) {
  const m = await repo.findMember(ex, memberId);
  if (!m || m.status !== 'confirmed' || m.communityId !== communityId) throw dutyErrors.DUTY_MEMBER_COMMUNITY().onField(field);
  return m;
}

async function presentTeams(ctx: Ctx, ex: Executor, rows: teams.TeamRow[]): Promise<DutyTeamView[]> {
  const ids = rows.map((r) => r.id);
  const [members, served, postCounts, communities, employers] = await Promise.all([
    teams.teamMembers(ex, ids),
    teams.servedByTeamMembers(ex, ids),
    teams.teamPostCounts(ex, ids),
    places.findPlaces(
      ex,
      rows.map((r) => r.communityId),
    ),
    places.findEmployers(
      ex,
      rows.map((r) => r.employerId).filter((x): x is number => x !== null),
    ),
  ]);
  const memberRows = new Map<number, repo.MemberRow>();
  for (const id of new Set([...members.map((m) => m.memberId), ...rows.map((r) => r.leaderMemberId).filter((x): x is number => x !== null)])) {
    const m = await repo.findMember(ex, id);
    if (m) memberRows.set(id, m);
  }
  const people = await peopleOf(
    ctx,
    ex,
    [...memberRows.values()].map((m) => m.residentId),
  );
  const nameOf = (memberId: number) => people.get(memberRows.get(memberId)?.residentId ?? 0)?.name ?? '';
  const minutes = new Map(served.map((s) => [`${s.team_id}:${s.member_id}`, Number(s.minutes)]));
  return rows.map((t) => {
    const list = members
      .filter((m) => m.teamId === t.id)
      .map((m) => ({ memberId: m.memberId, name: nameOf(m.memberId), role: m.role as DutyRole, servedMinutes: minutes.get(`${t.id}:${m.memberId}`) ?? 0 }));
    return {
      id: t.id,
      name: t.name,
      communityId: t.communityId,
      communityName: communities.find((c) => c.id === t.communityId)?.name ?? '',
      employerId: t.employerId,
      employerName: employers.find((e) => e.id === t.employerId)?.name ?? null,
      partyBranch: t.partyBranch,
      leaderMemberId: t.leaderMemberId,
      leaderName: t.leaderMemberId ? nameOf(t.leaderMemberId) : null,
      memberCount: list.length,
      posts: postCounts.get(t.id) ?? 0,
      servedMinutes: list.reduce((s, m) => s + m.servedMinutes, 0),
      members: list,
      version: t.version,
      actions: teamPolicy.actions(ctx.actor, t),
    };
  });
}

export async function createTeam(ctx: Ctx, input: DutyTeamCreate): Promise<DutyTeamView> {
  return inTx(ctx, async (tx) => {
    const community = await places.findPlaceInScope(tx, ctx.actor, input.communityId);
    if (!community || community.type !== 'community') throw commonErrors.NOT_FOUND();
    if (!can(ctx.actor, 'duty.team.manage')) throw commonErrors.FORBIDDEN();
    if (input.leaderMemberId) await confirmedIn(tx, input.leaderMemberId, community.id, 'leaderMemberId');
    const team = await teams.insertTeam(tx, {
      communityId: community.id,
      placePath: community.path,
      name: input.name,
      employerId: input.employerId ?? null,
      partyBranch: input.partyBranch ?? null,
      leaderMemberId: input.leaderMemberId ?? null,
      createdBy: ctx.actor.userId,
    });
    if (input.leaderMemberId) await teams.addTeamMember(tx, team.id, input.leaderMemberId, 'information');
    await recordAudit(tx, ctx, {
      action: 'duty.team.create',
      entityType: 'duty_team',
      entityId: team.id,
      before: null,
      after: { communityId: team.communityId, name: team.name, employerId: team.employerId, leaderMemberId: team.leaderMemberId },
    });
    return (await presentTeams(ctx, tx, [team]))[0]!;
  });
}

export async function listTeams(ctx: Ctx, q: { communityId?: number | undefined; page: number; pageSize: number }) {
  await assertFilterPlace(ctx, q.communityId);
  const { rows, total } = await teams.listTeams(ctx.platform.db, ctx.actor, q.communityId, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  return { items: await presentTeams(ctx, ctx.platform.db, rows), total, page: q.page, pageSize: q.pageSize };
}

export async function getTeam(ctx: Ctx, id: number): Promise<DutyTeamView> {
  const t = await teams.findTeamInScope(ctx.platform.db, ctx.actor, id);
  if (!t) throw commonErrors.NOT_FOUND();
  return (await presentTeams(ctx, ctx.platform.db, [t]))[0]!;
}

const teamAudit = (t: teams.TeamRow) => ({ name: t.name, employerId: t.employerId, partyBranch: t.partyBranch, leaderMemberId: t.leaderMemberId });

/** Edits a team's name, unit, temporary party branch or leader (a confirmed member of its community, who joins the team). */
export async function updateTeam(ctx: Ctx, id: number, input: DutyTeamUpdate): Promise<DutyTeamView> {
  return inTx(ctx, async (tx) => {
    const t = await teams.findTeamInScope(tx, ctx.actor, id, true);
    if (!t) throw commonErrors.NOT_FOUND();
    teamPolicy.assert(ctx.actor, 'edit', t);
    if (input.leaderMemberId) await confirmedIn(tx, input.leaderMemberId, t.communityId, 'leaderMemberId');
    const set: Partial<teams.TeamRow> = {};
    if (input.name !== undefined) set.name = input.name;
    if (input.employerId !== undefined) set.employerId = input.employerId ?? null;
    if (input.partyBranch !== undefined) set.partyBranch = input.partyBranch || null;
    if (input.leaderMemberId !== undefined) set.leaderMemberId = input.leaderMemberId ?? null;
    const after = await teams.updateTeamVersioned(tx, t.id, input.version, set, ctx.platform.clock.now());
    if (!after) throw commonErrors.STALE_VERSION();
    if (input.leaderMemberId) await teams.addTeamMember(tx, t.id, input.leaderMemberId, 'information');
    await recordAudit(tx, ctx, { action: 'duty.team.update', entityType: 'duty_team', entityId: t.id, before: teamAudit(t), after: teamAudit(after) });
    await publishDuty(tx, ctx.platform, t.placePath, { change: 'team' });
    return (await presentTeams(ctx, tx, [after]))[0]!;
  });
}

/** A team takes a block of posts of its community (a post taken from another team moves). */
export async function assignTeamPosts(ctx: Ctx, id: number, input: DutyTeamPosts): Promise<DutyTeamView> {
  return inTx(ctx, async (tx) => {
    const t = await teams.findTeamInScope(tx, ctx.actor, id, true);
    if (!t) throw commonErrors.NOT_FOUND();
    teamPolicy.assert(ctx.actor, 'assignPosts', t);
    const ids = [...new Set(input.postIds)];
    const posts = await repo.postsByIds(tx, ids);
    if (posts.length !== ids.length || posts.some((p) => p.communityId !== t.communityId || !inPlaceScope(ctx.actor, p.placePath))) {
      throw dutyErrors.DUTY_TEAM_POSTS().onField('postIds');
    }
    await teams.setPostsTeam(tx, t.id, ids, ctx.platform.clock.now());
    await recordAudit(tx, ctx, {
      action: 'duty.team.assignPosts',
      entityType: 'duty_team',
      entityId: t.id,
      before: { posts: posts.map((p) => ({ postId: p.id, teamId: p.teamId })) },
      after: { postIds: ids },
    });
    await publishDuty(tx, ctx.platform, t.placePath, { change: 'team' });
    return (await presentTeams(ctx, tx, [t]))[0]!;
  });
}

export async function addTeamMember(ctx: Ctx, id: number, input: { memberId: number; role: DutyRole }): Promise<DutyTeamView> {
  return inTx(ctx, async (tx) => {
    const t = await teams.findTeamInScope(tx, ctx.actor, id, true);
    if (!t) throw commonErrors.NOT_FOUND();
    teamPolicy.assert(ctx.actor, 'addMember', t);
    await confirmedIn(tx, input.memberId, t.communityId, 'memberId');
    if (!(await teams.addTeamMember(tx, t.id, input.memberId, input.role))) throw dutyErrors.DUTY_TEAM_MEMBER_EXISTS();
    await recordAudit(tx, ctx, {
      action: 'duty.team.addMember',
      entityType: 'duty_team',
      entityId: t.id,
      before: null,
      after: { memberId: input.memberId, role: input.role },
    });
    return (await presentTeams(ctx, tx, [t]))[0]!;
  });
}

export async function removeTeamMember(ctx: Ctx, id: number, memberId: number): Promise<DutyTeamView> {
  return inTx(ctx, async (tx) => {
    const t = await teams.findTeamInScope(tx, ctx.actor, id, true);
    if (!t) throw commonErrors.NOT_FOUND();
    teamPolicy.assert(ctx.actor, 'removeMember', t);
    if (!(await teams.removeTeamMember(tx, t.id, memberId))) throw commonErrors.NOT_FOUND();
    await recordAudit(tx, ctx, { action: 'duty.team.removeMember', entityType: 'duty_team', entityId: t.id, before: { memberId }, after: null });
    return (await presentTeams(ctx, tx, [t]))[0]!;
  });
}

// The "2+1" roster

async function rosterRows(ctx: Ctx, ex: Executor, buildings: places.PlaceRow[], day: string): Promise<RosterBuilding[]> {
  const ids = buildings.map((b) => b.id);
  const inForce = new Map<number, teams.RosterRow>();
  for (const path of new Set(buildings.map((b) => b.path))) {
    for (const [k, v] of await teams.rosterInForce(ex, path, day)) inForce.set(k, v);
  }
  const [heads, grids, labels] = await Promise.all([
    buildingHeadsOf(ex, ids),
    teams.gridsOfBuildings(ex, ids),
    places.labelsForPaths(
      ex,
      buildings.map((b) => b.path),
    ),
  ]);
  const gridName = await gridNames(ex, [...new Set(grids.values())]);
  const cadres = await userNames(
    ex,
    [...inForce.values()].map((r) => r.cadreUserId).filter((x): x is number => x !== null),
  );
  const memberRows = new Map<number, repo.MemberRow>();
  for (const r of inForce.values()) {
    if (r.memberId && !memberRows.has(r.memberId)) {
      const m = await repo.findMember(ex, r.memberId);
      if (m) memberRows.set(r.memberId, m);
    }
  }
  const people = await peopleOf(
    ctx,
    ex,
    [...memberRows.values()].map((m) => m.residentId),
  );
  return buildings.map((b) => {
    const r = inForce.get(b.id);
    const head = heads.get(b.id) ?? null;
    const cadre = r?.cadreUserId ? { userId: r.cadreUserId, name: cadres.get(r.cadreUserId) ?? '' } : null;
    const m = r?.memberId ? memberRows.get(r.memberId) : undefined;
    const member = m ? { memberId: m.id, name: people.get(m.residentId)?.name ?? '' } : null;
    const missing: RosterBuilding['missing'] = [];
    if (!cadre) missing.push('cadre');
    if (!head) missing.push('buildingHead');
    if (!member) missing.push('member');
    const gridId = grids.get(b.id) ?? null;
    return {
      buildingId: b.id,
      buildingLabel: labels.get(b.path) ?? b.name,
      gridId,
      gridName: gridId ? (gridName.get(gridId) ?? null) : null,
      cadre,
      buildingHead: head,
      member,
      validFrom: r?.validFrom ?? null,
      validTo: r?.validTo ?? null,
      missing,
      actions: rosterPolicy.actions(ctx.actor, { placePath: b.path }),
    };
  });
}

/** The "2+1" coverage of a community or a grid (or the caller's places): every building, and which of the three it lacks. */
export async function rosterCoverage(
  ctx: Ctx,
  q: { communityId?: number | undefined; gridId?: number | undefined; gaps?: boolean | undefined },
): Promise<RosterCoverage> {
  const db = ctx.platform.db;
  const day = localDate(ctx.platform.clock.now(), ctx.platform.config.timezone);
  let buildings: places.PlaceRow[] = [];
  if (q.gridId) {
    const grid = await gridWithCommunity(db, q.gridId);
    if (!grid || !inPlaceScope(ctx.actor, grid.community_path)) throw commonErrors.NOT_FOUND();
    buildings = await places.findPlaces(
      db,
      (await buildingsOfGrids(db, [q.gridId])).map((g) => Number(g.building_id)),
    );
  } else {
    const roots = q.communityId
      ? [await places.findPlaceInScope(db, ctx.actor, q.communityId)]
      : ctx.actor.scope.places.map((p) => ({ path: p.path }) as places.PlaceRow);
    if (q.communityId && !roots[0]) throw commonErrors.NOT_FOUND();
    for (const root of roots) {
      const under = await places.placesOfTypeUnder(db, 'building', root!.path);
      buildings.push(
        ...(await places.findPlaces(
          db,
          under.map((u) => Number(u.id)),
        )),
      );
    }
  }
  buildings.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const all = await rosterRows(ctx, db, buildings.slice(0, 2000), day);
  const shown = q.gaps ? all.filter((b) => b.missing.length > 0) : all;
  return {
    buildings: shown,
    total: all.length,
    complete: all.filter((b) => b.missing.length === 0).length,
    missingCadre: all.filter((b) => b.missing.includes('cadre')).length,
    missingBuildingHead: all.filter((b) => b.missing.includes('buildingHead')).length,
    missingMember: all.filter((b) => b.missing.includes('member')).length,
  };
}

/** Sets a building's cadre and party member from a day (the registry keeps its building head). */
export async function saveRoster(ctx: Ctx, buildingId: number, input: RosterSave): Promise<RosterBuilding> {
  if (input.validTo && input.validTo < input.validFrom) throw dutyErrors.DUTY_ROSTER_DATES().onField('validTo');
  return inTx(ctx, async (tx) => {
    const b = await places.findPlaceInScope(tx, ctx.actor, buildingId);
    if (!b) throw commonErrors.NOT_FOUND();
    if (b.type !== 'building') throw dutyErrors.DUTY_NOT_A_BUILDING();
    rosterPolicy.assert(ctx.actor, 'save', { placePath: b.path });
    const community = (await places.findPlaces(tx, places.pathIds(b.path))).find((p) => p.type === 'community');
    if (!community) throw dutyErrors.DUTY_NOT_IN_COMMUNITY();
    if (input.cadreUserId && (await activeStaffAmong(tx, [input.cadreUserId])).length === 0) throw dutyErrors.DUTY_NOT_STAFF().onField('cadreUserId');
    if (input.memberId) await confirmedIn(tx, input.memberId, community.id, 'memberId');
    await teams.endEarlierRoster(tx, b.id, input.validFrom);
    const row = await teams.saveRoster(tx, {
      buildingId: b.id,
      placePath: b.path,
      communityId: community.id,
      cadreUserId: input.cadreUserId ?? null,
      memberId: input.memberId ?? null,
      validFrom: input.validFrom,
      validTo: input.validTo ?? null,
      updatedBy: ctx.actor.userId,
    });
    await recordAudit(tx, ctx, {
      action: 'duty.roster.save',
      entityType: 'duty_roster',
      entityId: b.id,
      before: null,
      after: { cadreUserId: row.cadreUserId, memberId: row.memberId, validFrom: row.validFrom, validTo: row.validTo },
    });
    await publishDuty(tx, ctx.platform, b.path, { change: 'roster' });
    const day = localDate(ctx.platform.clock.now(), ctx.platform.config.timezone);
    return (await rosterRows(ctx, tx, [b], day < input.validFrom ? input.validFrom : day))[0]!;
  });
}
