/* eslint-disable @typescript-eslint/no-explicit-any -- the table of transitions holds steps of different inputs */
import type { Finding, FindingReason, FindingStatus, OpenCaseBody } from '@jiayuan/contracts';
import { inPlaceScope } from '../../platform/access/actor.js';
import type { Ctx } from '../../platform/context.js';
import { commonErrors } from '../../platform/errors/common-errors.js';
import { completeObligations } from '../../platform/obligations/obligations.service.js';
import * as places from '../../platform/places/places.repository.js';
import { effectivePaths, loadCampaign, type LoadedCampaign } from './campaigns.service.js';
import * as repo from './findings.repository.js';
import { openCase } from './screening.followups.js';
import { screeningErrors } from './screening.errors.js';
import { campaignPolicy, findingPolicy, SCREENING_TOPIC } from './screening.policy.js';
import { hasHealthReason } from './screening.questions.js';
import type { screeningFindings } from './screening.schema.js';
import { defineWorkflow, step, transition, type TransitionDef } from '../../platform/workflow/workflow.js';

type FindingRow = typeof screeningFindings.$inferSelect;

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

/** Findings on the workflow kernel (audit: screening.finding.<verb>). */
export const findingWorkflow = defineWorkflow<FindingRow, Record<'openCase' | 'resolve', TransitionDef<FindingRow, any, any, any>>>(
  {
    module: 'screening',
    entity: 'finding',
    entityType: 'screening_finding',
    async load(tx, ctx, id) {
      const f = await repo.lockFinding(tx, id);
      return f && inPlaceScope(ctx.actor, f.placePath) ? f : undefined;
    },
    update: (tx, f, values) => repo.decideFinding(tx, f.id, f.version, values),
    wrongState: () => screeningErrors.SCREENING_FINDING_DECIDED(),
    auditView: (f) => ({ status: f.status, caseRef: f.caseRef }),
  },
  {
    /** One click: the person found becomes an observation case; the finding's duty is done. */
    openCase: step<FindingRow, OpenCaseBody>({
      from: ['open'],
      to: 'case_opened',
      permission: 'screening.followup',
      guard: (f) =>
        f.residentId === null
          ? screeningErrors.SCREENING_FINDING_NEEDS_RESIDENT()
          : !hasHealthReason(f.reasons)
            ? screeningErrors.SCREENING_FINDING_NO_HEALTH_REASON()
            : null,
      policy: (ctx, f) => findingPolicy.allows(ctx.actor, 'openCase', f),
      async apply({ tx, ctx, row: f, input, now }) {
        const reason = input.reason ?? `入户摸排发现 / screening finding: ${f.reasons.join(', ')}`;
        const opened = await openCase(tx, ctx, {
          residentId: f.residentId!,
          kind: input.kind,
          reason,
          startedAt: now,
          plannedDays: input.plannedDays,
          source: { type: 'screening_finding', id: f.id },
        });
        return { values: { caseRef: opened.ref, note: reason, decidedBy: ctx.actor.userId, decidedAt: now }, note: input.kind };
      },
      async effects({ tx, ctx, row: f }) {
        await completeObligations(tx, ctx.platform, { subjectType: 'screening_finding', subjectId: f.id, kind: 'screening.finding' }, ctx.actor.userId);
        await ctx.platform.live.publish(tx, {
          type: 'screening.coverage',
          topic: SCREENING_TOPIC,
          placePath: f.placePath,
          data: { campaignId: f.campaignId, communityId: f.communityId },
        });
      },
    }),
    /** Closes a finding with a note (checked and nothing to do, or the person has been registered). */
    resolve: step<FindingRow, { note: string; version: number }>({
      from: ['open'],
      to: 'resolved',
      permission: 'screening.followup',
      policy: (ctx, f) => findingPolicy.allows(ctx.actor, 'resolve', f),
      apply: ({ ctx, input, now }) => ({ values: { note: input.note, decidedBy: ctx.actor.userId, decidedAt: now }, note: input.note }),
      async effects({ tx, ctx, row: f }) {
        await completeObligations(tx, ctx.platform, { subjectType: 'screening_finding', subjectId: f.id, kind: 'screening.finding' }, ctx.actor.userId);
        await completeObligations(tx, ctx.platform, { subjectType: 'screening_finding', subjectId: f.id, kind: 'screening.unregistered' }, ctx.actor.userId);
        await ctx.platform.live.publish(tx, {
          type: 'screening.coverage',
          topic: SCREENING_TOPIC,
          placePath: f.placePath,
          data: { campaignId: f.campaignId, communityId: f.communityId },
        });
      },
    }),
  },
);

export async function openCaseForFinding(ctx: Ctx, id: number, input: OpenCaseBody): Promise<Finding> {
  await transition(ctx, findingWorkflow, 'openCase', id, input);
  return getFinding(ctx, id);
}

export async function resolveFinding(ctx: Ctx, id: number, input: { note: string; version: number }): Promise<Finding> {
  await transition(ctx, findingWorkflow, 'resolve', id, input);
  return getFinding(ctx, id);
}
