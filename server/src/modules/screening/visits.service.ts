import { normalizePhone, type Campaign, type FindingReason, type SyncItemResult, type SyncResult, type VisitInput, type Workset } from '@jiayuan/contracts';
import { recordAudit } from '../../platform/audit/audit.service.js';
import { inTx, type Ctx } from '../../platform/context.js';
import type { AppError } from '../../platform/errors/app-error.js';
import { commonErrors } from '../../platform/errors/common-errors.js';
import * as places from '../../platform/places/places.repository.js';
import * as repo from './campaigns.repository.js';
import { effectivePaths, loadCampaign, presentCampaigns } from './campaigns.service.js';
import { screeningErrors } from './screening.errors.js';
import { campaignPolicy, SCREENING_TOPIC, visitsAnyInScope } from './screening.policy.js';
import { answersProblem, findingsOf } from './screening.questions.js';
import { visitProblem } from './screening.workflow.js';
import { openFollowUpDuties, revisitDuties } from './visits.duties.js';
import * as visits from './visits.repository.js';

const WORKSET_LIMIT = 5000;
/** A phone's clock may run a little ahead of the server's. */
const CLOCK_SKEW_MS = 10 * 60000;

/** Running campaigns I may visit in, newest first. */
export async function myCampaigns(ctx: Ctx): Promise<{ items: (Campaign & { assigned: boolean })[] }> {
  const db = ctx.platform.db;
  const { rows } = await repo.listCampaigns(db, ctx.actor, 'active', { limit: 50, offset: 0 });
  const mine = ctx.actor.userId
    ? await repo.assignmentsOfUser(
        db,
        ctx.actor.userId,
        rows.map((r) => r.id),
      )
    : [];
  const assigned = new Set(mine.map((a) => a.campaignId));
  const anyInScope = visitsAnyInScope(ctx.actor);
  const visible = rows.filter((r) => assigned.has(r.id) || anyInScope);
  const presented = await presentCampaigns(ctx, visible);
  return { items: presented.map((c) => ({ ...c, assigned: assigned.has(c.id) })) };
}

/** Where I may visit in a campaign: my assigned buildings' paths, or (staff) my part of the campaign. */
async function visitArea(ctx: Ctx, campaignId: number, campaignPaths: string[]) {
  const db = ctx.platform.db;
  const paths = effectivePaths(ctx.actor, campaignPaths);
  const mine = ctx.actor.userId ? await repo.assignmentsOfUser(db, ctx.actor.userId, [campaignId]) : [];
  if (mine.length > 0) {
    const buildingIds = [...new Set([...(await repo.buildingsOfAssignments(db, mine)).values()].flat())];
    const buildingPaths = (await places.findPlaces(db, buildingIds)).map((b) => b.path);
    return { paths, within: buildingPaths, assigned: true };
  }
  return { paths: visitsAnyInScope(ctx.actor) ? paths : [], within: null, assigned: false };
}

/** What the visitor's phone caches to work offline: the campaign, its households and their members. */
export async function workset(ctx: Ctx, campaignId: number): Promise<Workset> {
  const db = ctx.platform.db;
  const c = await loadCampaign(db, ctx.actor, campaignId);
  campaignPolicy.assert(ctx.actor, 'visit', c.record);
  const area = await visitArea(ctx, campaignId, c.record.paths);
  const hs = await visits.householdsUnder(db, area.paths, area.within, WORKSET_LIMIT);
  const hIds = hs.map((h) => h.id);
  const buildingIds = [...new Set(hs.map((h) => visits.buildingIdOfPath(h.place_path)))];
  const buildingRows = await places.findPlaces(db, buildingIds);
  const [members, last, labels] = await Promise.all([
    visits.membersOf(db, hIds),
    visits.lastOutcomes(db, campaignId, c.row.round, hIds),
    places.labelsForPaths(db, [...hs.map((h) => h.place_path), ...buildingRows.map((b) => b.path)]),
  ]);
  const buildingPath = new Map(buildingRows.map((b) => [b.id, b.path]));
  return {
    campaign: (await presentCampaigns(ctx, [c.row]))[0]!,
    assigned: area.assigned,
    fetchedAt: ctx.platform.clock.now().toISOString(),
    households: hs
      .map((h) => {
        const b = visits.buildingIdOfPath(h.place_path);
        const l = last.get(h.id);
        return {
          id: h.id,
          dwellingLabel: labels.get(h.place_path) ?? '',
          buildingId: b,
          buildingLabel: labels.get(buildingPath.get(b) ?? '') ?? '',
          members: members.get(h.id) ?? [],
          lastOutcome: l?.outcome ?? null,
          lastVisitedAt: l?.visitedAt.toISOString() ?? null,
        };
      })
      .sort((a, b) => a.dwellingLabel.localeCompare(b.dwellingLabel, 'zh-CN', { numeric: true })),
  };
}

export interface Accepted {
  v: VisitInput;
  round: number;
  campaign: repo.CampaignRow;
  household: { id: number; path: string };
  persons: { row: visits.PersonInsert; reasons: FindingReason[]; temperature: number | null }[];
}

function reject(id: string, err: AppError): SyncItemResult {
  return { id, status: 'rejected', code: err.code, messages: err.messages };
}

/**
 * Stores a batch of visits recorded on a phone. Each visit carries the id the phone gave it,
 * so a batch sent again (the answer was lost, the user pressed sync twice) stores nothing new.
 * A visit that cannot be accepted is answered `rejected` with its reason, without holding up
 * the others. Findings open follow-up duties; a revisit becomes a duty for the visitor.
 */
export async function syncVisits(ctx: Ctx, input: VisitInput[]): Promise<SyncResult> {
  const { platform, actor } = ctx;
  const now = platform.clock.now();
  const results = new Map<string, SyncItemResult>();
  const seen = new Set<string>();
  const batch: VisitInput[] = [];
  for (const v of input) {
    const id = v.id.toLowerCase();
    if (seen.has(id)) continue;
    seen.add(id);
    batch.push({ ...v, id });
  }

  const stored = await inTx(ctx, async (tx, afterCommit) => {
    const campaignIds = [...new Set(batch.map((v) => v.campaignId))];
    const campaigns = new Map((await repo.findCampaignsVisible(tx, actor, campaignIds, 'share')).map((c) => [c.id, c]));
    const campaignPlaces = await repo.placesOf(tx, [...campaigns.keys()]);
    const mine = actor.userId ? await repo.assignmentsOfUser(tx, actor.userId, [...campaigns.keys()]) : [];
    const assignedBuildings = new Map<number, Set<number>>();
    const byAssignment = await repo.buildingsOfAssignments(tx, mine);
    for (const a of mine) {
      const set = assignedBuildings.get(a.campaignId) ?? new Set<number>();
      for (const b of byAssignment.get(a.id) ?? []) set.add(b);
      assignedBuildings.set(a.campaignId, set);
    }
    const households = await visits.householdsByIds(tx, [...new Set(batch.map((v) => v.householdId))]);
    const members = await visits.membersOf(tx, [...households.keys()]);
    const anyInScope = visitsAnyInScope(actor);

    const accepted: Accepted[] = [];
    for (const v of batch) {
      const campaign = campaigns.get(v.campaignId);
      if (!campaign) {
        results.set(v.id, reject(v.id, commonErrors.NOT_FOUND()));
        continue;
      }
      const problem = visitProblem(campaign);
      if (problem || !campaignPolicy.allows(actor, 'visit', { status: campaign.status, paths: [] })) {
        results.set(v.id, reject(v.id, problem ?? commonErrors.FORBIDDEN()));
        continue;
      }
      const round = v.round ?? campaign.round;
      if (round > campaign.round) {
        results.set(v.id, reject(v.id, screeningErrors.SCREENING_ROUND_AHEAD({ round })));
        continue;
      }
      if (Date.parse(v.visitedAt) > now.getTime() + CLOCK_SKEW_MS) {
        results.set(v.id, reject(v.id, screeningErrors.SCREENING_VISIT_IN_FUTURE()));
        continue;
      }
      const h = households.get(v.householdId);
      const area = effectivePaths(
        actor,
        (campaignPlaces.get(campaign.id) ?? []).map((p) => p.path),
      );
      if (!h || !area.some((p) => h.path.startsWith(p))) {
        results.set(v.id, reject(v.id, screeningErrors.SCREENING_HOUSEHOLD_OUTSIDE()));
        continue;
      }
      const building = visits.buildingIdOfPath(h.path);
      if (!anyInScope && !assignedBuildings.get(campaign.id)?.has(building)) {
        results.set(v.id, reject(v.id, screeningErrors.SCREENING_NOT_ASSIGNED()));
        continue;
      }
      const checked = checkPersons(ctx, v, campaign, members.get(h.id) ?? []);
      if (checked.error) {
        results.set(v.id, reject(v.id, checked.error));
        continue;
      }
      accepted.push({ v, round, campaign, household: h, persons: checked.persons });
    }

    const newIds = await visits.insertVisits(
      tx,
      accepted.map(({ v, round, household }) => ({
        id: v.id,
        campaignId: v.campaignId,
        round,
        householdId: household.id,
        communityId: visits.communityIdOfPath(household.path),
        buildingId: visits.buildingIdOfPath(household.path),
        placePath: household.path,
        outcome: v.outcome,
        visitedAt: new Date(v.visitedAt),
        persons: v.persons.length,
        note: v.note ?? null,
        visitorUserId: actor.userId,
        receivedAt: now,
      })),
    );
    const fresh = accepted.filter((a) => newIds.has(a.v.id));
    for (const a of accepted) results.set(a.v.id, { id: a.v.id, status: newIds.has(a.v.id) ? 'stored' : 'duplicate' });
    if (fresh.length === 0) return 0;

    await visits.insertPersons(
      tx,
      fresh.flatMap((a) => a.persons.map((p) => p.row)),
    );
    const findingRows = fresh.flatMap((a) =>
      a.persons
        .filter((p) => p.reasons.length > 0)
        .map((p) => ({
          campaignId: a.campaign.id,
          visitId: a.v.id,
          personIdx: p.row.idx,
          residentId: p.row.residentId ?? null,
          householdId: a.household.id,
          communityId: visits.communityIdOfPath(a.household.path),
          placePath: a.household.path,
          reasons: p.reasons,
          temperature: p.temperature,
          visitedAt: new Date(a.v.visitedAt),
          createdAt: now,
        })),
    );
    const findings = await visits.insertFindings(tx, findingRows);
    await openFollowUpDuties(ctx, tx, findings, now);
    await revisitDuties(ctx, tx, fresh);
    await recordAudit(tx, ctx, {
      action: 'screening.visit.sync',
      entityType: 'screening_campaign',
      entityId: [...new Set(fresh.map((a) => a.campaign.id))].join(','),
      after: { stored: fresh.length, findings: findings.length, visitIds: fresh.map((a) => a.v.id) },
    });
    const touched = new Map<string, { campaignId: number; communityId: number; path: string }>();
    for (const a of fresh) {
      const communityId = visits.communityIdOfPath(a.household.path);
      touched.set(`${a.campaign.id}:${communityId}`, { campaignId: a.campaign.id, communityId, path: a.household.path.split('.').slice(0, 3).join('.') + '.' });
    }
    for (const t of touched.values()) {
      await platform.live.publish(tx, {
        type: 'screening.coverage',
        topic: SCREENING_TOPIC,
        placePath: t.path,
        data: { campaignId: t.campaignId, communityId: t.communityId },
      });
    }
    afterCommit(() => platform.log.info({ stored: fresh.length, findings: findings.length }, 'screening visits synced'));
    return fresh.length;
  });

  const answered = new Set<string>();
  const list = input.map((v): SyncItemResult => {
    const id = v.id.toLowerCase();
    const first = !answered.has(id);
    answered.add(id);
    const r = results.get(id);
    // The same visit twice in one batch: the first is answered as it fared, the repeat as a duplicate.
    return first && r ? r : { id: v.id, status: 'duplicate' };
  });
  return {
    results: list,
    stored,
    duplicates: list.filter((r) => r.status === 'duplicate').length,
    rejected: list.filter((r) => r.status === 'rejected').length,
    serverTime: now.toISOString(),
  };
}

/** Validates the persons of a visit against the household and the question set; seals phone numbers. */
function checkPersons(
  ctx: Ctx,
  v: VisitInput,
  campaign: repo.CampaignRow,
  members: { id: number }[],
): { error: AppError; persons?: never } | { error?: never; persons: Accepted['persons'] } {
  if (v.persons.length > 0 && (v.outcome === 'nobody_home' || v.outcome === 'refused')) {
    return { error: screeningErrors.SCREENING_PERSONS_NOT_EXPECTED() };
  }
  const memberIds = new Set(members.map((m) => m.id));
  const used = new Set<number>();
  const persons: Accepted['persons'] = [];
  for (const [idx, p] of v.persons.entries()) {
    if (p.residentId != null) {
      if (!memberIds.has(p.residentId)) return { error: screeningErrors.SCREENING_NOT_A_MEMBER() };
      if (used.has(p.residentId)) return { error: screeningErrors.SCREENING_PERSON_TWICE() };
      used.add(p.residentId);
    }
    const problem = answersProblem(campaign.questions, p.answers, p.present);
    if (problem) return { error: problem };
    let phone: { phoneEnc: Buffer | null; phoneBi: Buffer | null } = { phoneEnc: null, phoneBi: null };
    const raw = p.unregistered?.phone?.trim();
    if (raw) {
      const normalized = normalizePhone(raw);
      if (!normalized) return { error: screeningErrors.SCREENING_PHONE_INVALID() };
      phone = { phoneEnc: ctx.platform.cipher.encrypt('phone', normalized), phoneBi: ctx.platform.cipher.blindIndex('phone', normalized) };
    }
    const f = findingsOf(campaign.questions, p.answers);
    const reasons: FindingReason[] = p.unregistered ? [...f.reasons, 'unregistered'] : f.reasons;
    persons.push({
      row: {
        visitId: v.id,
        idx,
        campaignId: campaign.id,
        residentId: p.residentId ?? null,
        name: p.unregistered?.name ?? null,
        ...phone,
        unregisteredNote: p.unregistered?.note ?? null,
        present: p.present,
        answers: p.answers,
        reasons,
      },
      reasons,
      temperature: f.temperature,
    });
  }
  return { persons };
}
