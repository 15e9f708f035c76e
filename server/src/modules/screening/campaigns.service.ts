import type { Campaign, CampaignSave, CampaignStatus, CampaignUpdate } from '@jiayuan/contracts';
import { inPlaceScope, type Actor } from '../../platform/access/actor.js';
import { recordAudit } from '../../platform/audit/audit.service.js';
import { inTx, type Ctx } from '../../platform/context.js';
import type { Executor, Tx } from '../../platform/db/database.js';
import { commonErrors } from '../../platform/errors/common-errors.js';
import { cancelObligations, openObligations, type OpenObligation } from '../../platform/obligations/obligations.service.js';
import * as places from '../../platform/places/places.repository.js';
import { addDays, localDate, startOfLocalDay } from '../../platform/time.js';
import * as repo from './campaigns.repository.js';
import { screeningErrors } from './screening.errors.js';
import { campaignPolicy, type CampaignRecord } from './screening.policy.js';
import { questionSetProblem } from './screening.questions.js';
import { CAMPAIGN_TRANSITIONS, transitionProblem, updateProblem, type CampaignTransition } from './screening.workflow.js';
import { defineWorkflow, step, transition as runTransition, type TransitionDef } from '../../platform/workflow/workflow.js';

/** The part of the campaign's places the actor works in (their own subtree inside a department campaign). */
export function effectivePaths(actor: Actor, campaignPaths: readonly string[]): string[] {
  if (actor.scope.all) return [...campaignPaths];
  const out = new Set<string>();
  for (const cp of campaignPaths) {
    for (const { path: ap } of actor.scope.places) {
      if (ap.startsWith(cp)) out.add(ap);
      else if (cp.startsWith(ap)) out.add(cp);
    }
  }
  return [...out];
}

export function today(ctx: Pick<Ctx, 'platform'>) {
  return localDate(ctx.platform.clock.now(), ctx.platform.config.timezone);
}

/** The end of the campaign's last day, local time: when its progress duties fall due. */
export function campaignDeadline(ctx: Pick<Ctx, 'platform'>, endsOn: string) {
  return startOfLocalDay(addDays(endsOn, 1), ctx.platform.config.timezone);
}

export interface LoadedCampaign {
  row: repo.CampaignRow;
  places: { id: number; path: string; type: string; name: string }[];
  record: CampaignRecord;
}

/** A campaign the actor may see, with its places; otherwise NOT_FOUND. */
export async function loadCampaign(ex: Executor, actor: Actor, id: number, lock: 'update' | 'share' | null = null): Promise<LoadedCampaign> {
  const row = await repo.findCampaignVisible(ex, actor, id, lock);
  if (!row) throw commonErrors.NOT_FOUND();
  const p = (await repo.placesOf(ex, [id])).get(id) ?? [];
  return { row, places: p, record: { status: row.status, paths: p.map((x) => x.path) } };
}

export async function presentCampaigns(ctx: Ctx, rows: repo.CampaignRow[]): Promise<Campaign[]> {
  const db = ctx.platform.db;
  const byCampaign = await repo.placesOf(
    db,
    rows.map((r) => r.id),
  );
  const allPaths = [...byCampaign.values()].flat().map((p) => p.path);
  const labels = await places.labelsForPaths(db, allPaths);
  const creators = await repo.usersById(
    db,
    rows.map((r) => r.createdBy).filter((x): x is number => x !== null),
  );
  return rows.map((r) => {
    const ps = byCampaign.get(r.id) ?? [];
    return {
      id: r.id,
      name: r.name,
      status: r.status,
      places: ps.map((p) => ({ id: p.id, type: p.type, label: labels.get(p.path) || p.name })),
      questions: r.questions,
      startsOn: r.startsOn,
      endsOn: r.endsOn,
      round: r.round,
      note: r.note,
      createdByName: r.createdBy ? (creators.get(r.createdBy)?.name ?? null) : null,
      createdAt: r.createdAt.toISOString(),
      startedAt: r.startedAt?.toISOString() ?? null,
      closedAt: r.closedAt?.toISOString() ?? null,
      version: r.version,
      actions: campaignPolicy.actions(ctx.actor, { status: r.status, paths: ps.map((p) => p.path) }).filter((a) => a !== 'manage'),
    };
  });
}

export async function listCampaigns(ctx: Ctx, q: { page: number; pageSize: number; status?: CampaignStatus | undefined }) {
  const { rows, total } = await repo.listCampaigns(ctx.platform.db, ctx.actor, q.status, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  return { items: await presentCampaigns(ctx, rows), total, page: q.page, pageSize: q.pageSize };
}

export async function getCampaign(ctx: Ctx, id: number): Promise<Campaign> {
  const c = await loadCampaign(ctx.platform.db, ctx.actor, id);
  return (await presentCampaigns(ctx, [c.row]))[0]!;
}

/** Checks the chosen places: in my scope, departments or communities, none inside another. */
async function resolvePlaces(ctx: Ctx, tx: Executor, placeIds: number[]) {
  const unique = [...new Set(placeIds)];
  const rows = await places.findPlaces(tx, unique);
  if (rows.length !== unique.length || rows.some((p) => !inPlaceScope(ctx.actor, p.path))) throw commonErrors.NOT_FOUND().onField('placeIds');
  if (rows.some((p) => p.type !== 'department' && p.type !== 'community')) throw screeningErrors.SCREENING_PLACE_TYPE().onField('placeIds');
  if (rows.some((a) => rows.some((b) => a.id !== b.id && b.path.startsWith(a.path)))) throw screeningErrors.SCREENING_PLACES_OVERLAP().onField('placeIds');
  return rows.map((p) => ({ id: p.id, path: p.path }));
}

function checkDates(startsOn: string, endsOn: string) {
  if (endsOn < startsOn) throw screeningErrors.SCREENING_DATES().onField('endsOn');
}

/** Creates a campaign as a draft: its places, question set and period. */
export async function createCampaign(ctx: Ctx, input: CampaignSave): Promise<Campaign> {
  checkDates(input.startsOn, input.endsOn);
  const qp = questionSetProblem(input.questions);
  if (qp) throw qp;
  const row = await inTx(ctx, async (tx) => {
    const ps = await resolvePlaces(ctx, tx, input.placeIds);
    const now = ctx.platform.clock.now();
    const c = await repo.insertCampaign(tx, {
      name: input.name,
      questions: input.questions,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      note: input.note ?? null,
      createdBy: ctx.actor.userId,
      createdAt: now,
      updatedAt: now,
    });
    await repo.setCampaignPlaces(tx, c.id, ps);
    await recordAudit(tx, ctx, { action: 'screening.campaign.create', entityType: 'screening_campaign', entityId: c.id, after: { ...input } });
    return c;
  });
  return (await presentCampaigns(ctx, [row]))[0]!;
}

/** Changes a campaign: anything while a draft; name, period and note once it runs. */
export async function updateCampaign(ctx: Ctx, id: number, input: CampaignUpdate): Promise<Campaign> {
  const row = await inTx(ctx, async (tx) => {
    const c = await loadCampaign(tx, ctx.actor, id, 'update');
    campaignPolicy.assert(ctx.actor, 'manage', c.record);
    const changes = { questions: input.questions !== undefined, places: input.placeIds !== undefined };
    const problem = updateProblem({ ...c.row, placeCount: c.places.length }, changes);
    if (problem) throw problem;
    if (c.row.version !== input.version) throw commonErrors.STALE_VERSION();
    checkDates(input.startsOn ?? c.row.startsOn, input.endsOn ?? c.row.endsOn);
    if (input.questions) {
      const qp = questionSetProblem(input.questions);
      if (qp) throw qp;
    }
    const values: Parameters<typeof repo.updateCampaignVersioned>[3] = {};
    if (input.name !== undefined) values.name = input.name;
    if (input.questions !== undefined) values.questions = input.questions;
    if (input.startsOn !== undefined) values.startsOn = input.startsOn;
    if (input.endsOn !== undefined) values.endsOn = input.endsOn;
    if (input.note !== undefined) values.note = input.note ?? null;
    const after = await repo.updateCampaignVersioned(tx, id, input.version, values, ctx.platform.clock.now());
    if (!after) throw commonErrors.STALE_VERSION();
    if (input.placeIds) await repo.setCampaignPlaces(tx, id, await resolvePlaces(ctx, tx, input.placeIds));
    await recordAudit(tx, ctx, { action: 'screening.campaign.update', entityType: 'screening_campaign', entityId: id, before: c.row, after: { ...input } });
    return after;
  });
  return (await presentCampaigns(ctx, [row]))[0]!;
}

/** The progress duty of one visitor's assignment: finish it by the end of the campaign. */
export function assignmentDuty(ctx: Pick<Ctx, 'platform'>, campaign: repo.CampaignRow, a: repo.AssignmentRow, label: string): OpenObligation {
  return {
    kind: 'screening.assignment',
    subjectType: 'screening_assignment',
    subjectId: a.id,
    title: { 'zh-CN': `入户摸排“${campaign.name}”：走访${label}`, 'en-US': `Screening "${campaign.name}": visit ${label}` },
    link: `/screening/visit?campaign=${campaign.id}`,
    placeId: a.communityId,
    placePath: a.communityPath,
    responsibleUserId: a.userId,
    dueAt: campaignDeadline(ctx, campaign.endsOn),
    escalateAfterMinutes: 0,
    escalationRole: 'community_staff',
  };
}

async function openProgressDuties(ctx: Ctx, tx: Tx, campaign: repo.CampaignRow, paths: string[]) {
  const communities = await repo.communitiesUnder(tx, paths);
  const due = campaignDeadline(ctx, campaign.endsOn);
  const duties: OpenObligation[] = communities.map((c) => ({
    kind: 'screening.community',
    subjectType: 'screening_campaign_community',
    subjectId: `${campaign.id}:${c.id}`,
    title: { 'zh-CN': `入户摸排“${campaign.name}”：${c.name}全部走访完毕`, 'en-US': `Screening "${campaign.name}": every household of ${c.name} visited` },
    link: `/screening/campaigns/${campaign.id}`,
    placeId: c.id,
    placePath: c.path,
    responsibleRole: 'community_staff',
    dueAt: due,
    escalateAfterMinutes: 0,
    escalationRole: 'department_coordinator',
  }));
  const assignments = await repo.allAssignments(tx, campaign.id);
  const labels = await assignmentLabels(tx, assignments);
  for (const a of assignments) duties.push(assignmentDuty(ctx, campaign, a, labels.get(a.id) ?? ''));
  await openObligations(tx, duties);
}

/** Short labels of assignment targets: a grid's name, a building's label. */
export async function assignmentLabels(ex: Executor, rows: repo.AssignmentRow[]) {
  const grids = await repo.gridNames(
    ex,
    rows.filter((a) => a.gridId).map((a) => a.gridId!),
  );
  const buildings = await places.findPlaces(
    ex,
    rows.filter((a) => a.buildingId).map((a) => a.buildingId!),
  );
  const labels = await places.labelsForPaths(
    ex,
    buildings.map((b) => b.path),
  );
  const buildingLabel = new Map(buildings.map((b) => [b.id, labels.get(b.path) ?? b.name]));
  return new Map(rows.map((a) => [a.id, a.gridId ? (grids.get(a.gridId) ?? '') : (buildingLabel.get(a.buildingId!) ?? '')]));
}

async function cancelProgressDuties(ctx: Ctx, tx: Tx, campaignId: number, paths: string[], reason: string) {
  for (const c of await repo.communitiesUnder(tx, paths)) {
    await cancelObligations(tx, ctx.platform, { subjectType: 'screening_campaign_community', subjectId: `${campaignId}:${c.id}` }, reason);
  }
  for (const a of await repo.allAssignments(tx, campaignId)) {
    await cancelObligations(tx, ctx.platform, { subjectType: 'screening_assignment', subjectId: a.id }, reason);
  }
}

/** A campaign as the kernel moves it: the row, with its places (the start opens their duties) and today's date where it runs. */
type CampaignItem = repo.CampaignRow & { loaded: LoadedCampaign; today: string };

function campaignStep(action: CampaignTransition) {
  const t = CAMPAIGN_TRANSITIONS[action];
  return step<CampaignItem, Record<string, never>>({
    from: t.from,
    to: t.to,
    permission: 'screening.manage',
    // transitionProblem also checks the state; the kernel has done that already, so what it adds here is the start's own rule.
    guard: (c) => transitionProblem({ ...c, placeCount: c.loaded.places.length }, action, c.today),
    policy: (ctx, c) => campaignPolicy.allows(ctx.actor, 'manage', c.loaded.record),
    apply: ({ row, now }) => ({ values: action === 'start' ? { startedAt: now } : action === 'close' ? { closedAt: now } : { round: row.round + 1 } }),
    async effects({ tx, ctx, row, after }) {
      if (action === 'start') await openProgressDuties(ctx, tx, after, row.loaded.record.paths);
      if (action === 'close') await cancelProgressDuties(ctx, tx, row.id, row.loaded.record.paths, 'campaign closed');
    },
  });
}

/** Campaigns on the workflow kernel (audit: screening.campaign.<verb>). */
export const campaignWorkflow = defineWorkflow<CampaignItem, Record<CampaignTransition, TransitionDef<CampaignItem, Record<string, never>>>>(
  {
    module: 'screening',
    entity: 'campaign',
    entityType: 'screening_campaign',
    async load(tx, ctx, id) {
      const loaded = await loadCampaign(tx, ctx.actor, id, 'update');
      return { ...loaded.row, loaded, today: today(ctx) };
    },
    async update(tx, c, values, now) {
      const row = await repo.transitionCampaign(tx, c.id, [c.status], c.version, values, now);
      return row && { ...row, loaded: c.loaded, today: c.today };
    },
    wrongState: (c, action) => transitionProblem({ ...c, placeCount: c.loaded.places.length }, action as CampaignTransition, c.today)!,
    auditView: (c) => ({ status: c.status, round: c.round }),
  },
  { start: campaignStep('start'), newRound: campaignStep('newRound'), close: campaignStep('close') },
);

/** Starts, closes, or opens a new round of a campaign; each is audited, and a lost race answers 409. */
export async function transition(ctx: Ctx, id: number, action: CampaignTransition): Promise<Campaign> {
  const { loaded: _loaded, today: _today, ...row } = await runTransition(ctx, campaignWorkflow, action, id, {});
  return (await presentCampaigns(ctx, [row]))[0]!;
}
