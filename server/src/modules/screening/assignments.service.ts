import { permissionsOf, type Assignment, type AssignmentCreate, type Role } from '@jiayuan/contracts';
import { inPlaceScope } from '../../platform/access/actor.js';
import { definePolicy } from '../../platform/access/policy.js';
import { recordAudit } from '../../platform/audit/audit.service.js';
import { inTx, type Ctx } from '../../platform/context.js';
import { commonErrors } from '../../platform/errors/common-errors.js';
import { cancelObligations, openObligations } from '../../platform/obligations/obligations.service.js';
import * as places from '../../platform/places/places.repository.js';
import * as repo from './campaigns.repository.js';
import { assignmentDuty, assignmentLabels, effectivePaths, loadCampaign } from './campaigns.service.js';
import * as coverageRepo from './coverage.repository.js';
import { screeningErrors } from './screening.errors.js';
import { campaignPolicy } from './screening.policy.js';
import { assignProblem } from './screening.workflow.js';

const assignmentPolicy = definePolicy<{ communityPath: string; campaignOpen: boolean; manager: boolean }, 'delete'>({
  delete: (a, x) => x.manager && x.campaignOpen && inPlaceScope(a, x.communityPath),
});

/** Who visits what in a campaign, with each assignment's households and how many are done this round. */
export async function listAssignments(ctx: Ctx, campaignId: number): Promise<{ items: Assignment[] }> {
  const db = ctx.platform.db;
  const c = await loadCampaign(db, ctx.actor, campaignId);
  const paths = effectivePaths(ctx.actor, c.record.paths);
  const rows = await repo.listAssignments(db, campaignId, ctx.actor.scope.all ? null : paths);
  const [users, labels, buildings, perBuilding] = await Promise.all([
    repo.usersById(
      db,
      rows.map((a) => a.userId),
    ),
    assignmentLabels(db, rows),
    repo.buildingsOfAssignments(db, rows),
    coverageRepo.coverage(db, { campaignId, round: c.row.round, paths, within: null, group: 'building' }),
  ]);
  const byBuilding = new Map(perBuilding.map((r) => [r.key_id, r]));
  const manager = campaignPolicy.allows(ctx.actor, 'assign', c.record);
  return {
    items: rows.map((a) => {
      const bs = buildings.get(a.id) ?? [];
      return {
        id: a.id,
        campaignId,
        userId: a.userId,
        userName: users.get(a.userId)?.name ?? '',
        target: a.gridId ? 'grid' : 'building',
        targetId: a.gridId ?? a.buildingId!,
        targetLabel: labels.get(a.id) ?? '',
        communityId: a.communityId,
        households: bs.reduce((n, b) => n + (byBuilding.get(b)?.households ?? 0), 0),
        done: bs.reduce((n, b) => n + (byBuilding.get(b)?.done ?? 0), 0),
        actions: assignmentPolicy.actions(ctx.actor, { communityPath: a.communityPath, campaignOpen: c.row.status !== 'closed', manager }),
      };
    }),
  };
}

/** Assigns a visitor to a grid or a building of the campaign; a running campaign gives them the duty at once. */
export async function addAssignment(ctx: Ctx, campaignId: number, input: AssignmentCreate): Promise<Assignment> {
  const id = await inTx(ctx, async (tx) => {
    const c = await loadCampaign(tx, ctx.actor, campaignId, 'share');
    campaignPolicy.assert(ctx.actor, 'assign', c.record);
    const problem = assignProblem({ ...c.row, placeCount: c.places.length });
    if (problem) throw problem;
    let community: { id: number; path: string };
    let targetPath: string;
    if (input.gridId) {
      const g = await repo.findGrid(tx, input.gridId);
      if (!g || !inPlaceScope(ctx.actor, g.community_path)) throw commonErrors.NOT_FOUND().onField('gridId');
      community = { id: g.community_id, path: g.community_path };
      targetPath = g.community_path;
    } else {
      const b = await places.findPlace(tx, input.buildingId!);
      if (!b || !inPlaceScope(ctx.actor, b.path)) throw commonErrors.NOT_FOUND().onField('buildingId');
      if (b.type !== 'building') throw screeningErrors.SCREENING_NOT_A_TARGET().onField('buildingId');
      const cid = Number(b.path.split('.')[2]);
      community = { id: cid, path: b.path.split('.').slice(0, 3).join('.') + '.' };
      targetPath = b.path;
    }
    if (!c.record.paths.some((p) => targetPath.startsWith(p))) throw screeningErrors.SCREENING_NOT_A_TARGET().onField(input.gridId ? 'gridId' : 'buildingId');
    const user = (await repo.usersById(tx, [input.userId])).get(input.userId);
    const userPaths = user ? (await places.findPlaces(tx, user.placeIds)).map((p) => p.path) : [];
    const canVisit =
      user && !user.disabled && permissionsOf(user.roles as Role[]).has('screening.visit') && (user.all || userPaths.some((p) => targetPath.startsWith(p)));
    if (!canVisit) throw screeningErrors.SCREENING_ASSIGNEE_CANNOT_VISIT().onField('userId');
    const row = await repo.insertAssignment(tx, {
      campaignId,
      userId: input.userId,
      gridId: input.gridId ?? null,
      buildingId: input.buildingId ?? null,
      communityId: community.id,
      communityPath: community.path,
      createdBy: ctx.actor.userId,
      createdAt: ctx.platform.clock.now(),
    });
    if (!row) throw screeningErrors.SCREENING_ASSIGNMENT_EXISTS();
    if (c.row.status === 'active') {
      const label = (await assignmentLabels(tx, [row])).get(row.id) ?? '';
      await openObligations(tx, [assignmentDuty(ctx, c.row, row, label)]);
    }
    await recordAudit(tx, ctx, { action: 'screening.assignment.create', entityType: 'screening_assignment', entityId: row.id, after: row });
    return row.id;
  });
  return (await listAssignments(ctx, campaignId)).items.find((a) => a.id === id)!;
}

export async function removeAssignment(ctx: Ctx, campaignId: number, assignmentId: number) {
  await inTx(ctx, async (tx) => {
    const c = await loadCampaign(tx, ctx.actor, campaignId, 'share');
    const a = await repo.findAssignment(tx, campaignId, assignmentId);
    if (!a || !inPlaceScope(ctx.actor, a.communityPath)) throw commonErrors.NOT_FOUND();
    assignmentPolicy.assert(ctx.actor, 'delete', {
      communityPath: a.communityPath,
      campaignOpen: c.row.status !== 'closed',
      manager: campaignPolicy.allows(ctx.actor, 'assign', c.record),
    });
    await repo.deleteAssignment(tx, assignmentId);
    await cancelObligations(tx, ctx.platform, { subjectType: 'screening_assignment', subjectId: assignmentId }, 'assignment removed');
    await recordAudit(tx, ctx, { action: 'screening.assignment.delete', entityType: 'screening_assignment', entityId: assignmentId, before: a });
  });
}
