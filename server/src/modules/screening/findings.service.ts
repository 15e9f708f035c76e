import type { Finding, FindingReason, FindingStatus, OpenCaseBody } from '@jiayuan/contracts';
import { inPlaceScope } from '../../platform/access/actor.js';
import { recordAudit } from '../../platform/audit/audit.service.js';
import { inTx, type Ctx } from '../../platform/context.js';
import { commonErrors } from '../../platform/errors/common-errors.js';
import { completeObligations } from '../../platform/obligations/obligations.service.js';
import * as places from '../../platform/places/places.repository.js';
import { effectivePaths, loadCampaign, type LoadedCampaign } from './campaigns.service.js';
import * as repo from './findings.repository.js';
import { openCase } from './screening.followups.js';
import { screeningErrors } from './screening.errors.js';
import { campaignPolicy, findingPolicy, SCREENING_TOPIC } from './screening.policy.js';
import { hasHealthReason } from './screening.questions.js';

async function present(ctx: Ctx, rows: repo.FindingDetailRow[]): Promise<Finding[]> {
  const labels = await places.labelsForPaths(
    ctx.platform.db,
    rows.map((r) => r.place_path),
  );
  return rows.map((r) => ({
    id: r.id,
    campaignId: r.campaign_id,
    visitId: r.visit_id,
    residentId: r.resident_id,
    personName: r.resident_name ?? r.unregistered_name ?? '',
    registered: r.resident_id !== null,
    householdId: r.household_id,
    dwellingLabel: labels.get(r.place_path) ?? '',
    reasons: r.reasons,
    temperature: r.temperature,
    answers: r.answers,
    visitedAt: new Date(r.visited_at).toISOString(),
    visitorName: r.visitor_name,
    status: r.status,
    caseRef: r.case_ref,
    note: r.note,
    decidedAt: r.decided_at ? new Date(r.decided_at).toISOString() : null,
    version: r.version,
    actions: findingPolicy.actions(ctx.actor, { status: r.status, placePath: r.place_path, residentId: r.resident_id, reasons: r.reasons }),
  }));
}

export async function listFindingRows(
  ctx: Ctx,
  c: LoadedCampaign,
  q: { page: number; pageSize: number; status?: FindingStatus | undefined; reason?: FindingReason | undefined; within?: string | null },
) {
  const { rows, total } = await repo.listFindings(
    ctx.platform.db,
    { campaignId: c.row.id, paths: effectivePaths(ctx.actor, c.record.paths), within: q.within ?? null, status: q.status, reason: q.reason },
    { limit: q.pageSize, offset: (q.page - 1) * q.pageSize },
  );
  return { items: await present(ctx, rows), total, page: q.page, pageSize: q.pageSize };
}

/** People found on visits who need following up, open ones first. */
export async function listFindings(
  ctx: Ctx,
  campaignId: number,
  q: { page: number; pageSize: number; status?: FindingStatus | undefined; reason?: FindingReason | undefined; placeId?: number | undefined },
) {
  const db = ctx.platform.db;
  const c = await loadCampaign(db, ctx.actor, campaignId);
  campaignPolicy.assert(ctx.actor, 'findings', c.record);
  let within: string | null = null;
  if (q.placeId) {
    const p = await places.findPlaceInScope(db, ctx.actor, q.placeId);
    if (!p) throw commonErrors.NOT_FOUND();
    within = p.path;
  }
  return listFindingRows(ctx, c, { ...q, within });
}

/** One finding, if its place lies in the actor's scope. */
export async function getFinding(ctx: Ctx, id: number): Promise<Finding> {
  const row = await repo.findingDetail(ctx.platform.db, id);
  if (!row || !inPlaceScope(ctx.actor, row.place_path)) throw commonErrors.NOT_FOUND();
  return (await present(ctx, [row]))[0]!;
}

async function lockVisible(ctx: Ctx, tx: Parameters<typeof repo.lockFinding>[0], id: number, version: number) {
  const f = await repo.lockFinding(tx, id);
  if (!f || !inPlaceScope(ctx.actor, f.placePath)) throw commonErrors.NOT_FOUND();
  if (f.status !== 'open') throw screeningErrors.SCREENING_FINDING_DECIDED();
  if (f.version !== version) throw commonErrors.STALE_VERSION();
  return f;
}

/** One click: the person found becomes an observation case; the finding's duty is done. */
export async function openCaseForFinding(ctx: Ctx, id: number, input: OpenCaseBody): Promise<Finding> {
  await inTx(ctx, async (tx) => {
    const f = await lockVisible(ctx, tx, id, input.version);
    if (f.residentId === null) throw screeningErrors.SCREENING_FINDING_NEEDS_RESIDENT();
    if (!hasHealthReason(f.reasons)) throw screeningErrors.SCREENING_FINDING_NO_HEALTH_REASON();
    findingPolicy.assert(ctx.actor, 'openCase', f);
    const now = ctx.platform.clock.now();
    const reason = input.reason ?? `入户摸排发现 / screening finding: ${f.reasons.join(', ')}`;
    const opened = await openCase(tx, ctx, {
      residentId: f.residentId,
      kind: input.kind,
      reason,
      startedAt: now,
      plannedDays: input.plannedDays,
      source: { type: 'screening_finding', id },
    });
    const after = await repo.decideFinding(tx, id, input.version, { status: 'case_opened', caseRef: opened.ref, note: reason, decidedBy: ctx.actor.userId, decidedAt: now });
    if (!after) throw commonErrors.STALE_VERSION();
    await completeObligations(tx, ctx.platform, { subjectType: 'screening_finding', subjectId: id, kind: 'screening.finding' }, ctx.actor.userId);
    await recordAudit(tx, ctx, { action: 'screening_finding.case_opened', entityType: 'screening_finding', entityId: id, before: { status: f.status }, after: { status: after.status, caseRef: opened.ref, kind: input.kind } });
    await ctx.platform.live.publish(tx, { type: 'screening.coverage', topic: SCREENING_TOPIC, placePath: f.placePath, data: { campaignId: f.campaignId, communityId: f.communityId } });
  });
  return getFinding(ctx, id);
}

/** Closes a finding with a note (checked and nothing to do, or the person has been registered). */
export async function resolveFinding(ctx: Ctx, id: number, input: { note: string; version: number }): Promise<Finding> {
  await inTx(ctx, async (tx) => {
    const f = await lockVisible(ctx, tx, id, input.version);
    findingPolicy.assert(ctx.actor, 'resolve', f);
    const now = ctx.platform.clock.now();
    const after = await repo.decideFinding(tx, id, input.version, { status: 'resolved', note: input.note, decidedBy: ctx.actor.userId, decidedAt: now });
    if (!after) throw commonErrors.STALE_VERSION();
    await completeObligations(tx, ctx.platform, { subjectType: 'screening_finding', subjectId: id, kind: 'screening.finding' }, ctx.actor.userId);
    await completeObligations(tx, ctx.platform, { subjectType: 'screening_finding', subjectId: id, kind: 'screening.unregistered' }, ctx.actor.userId);
    await recordAudit(tx, ctx, { action: 'screening_finding.resolved', entityType: 'screening_finding', entityId: id, before: { status: f.status }, after: { status: after.status, note: input.note } });
    await ctx.platform.live.publish(tx, { type: 'screening.coverage', topic: SCREENING_TOPIC, placePath: f.placePath, data: { campaignId: f.campaignId, communityId: f.communityId } });
  });
  return getFinding(ctx, id);
}
