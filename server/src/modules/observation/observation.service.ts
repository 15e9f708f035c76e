/* eslint-disable @typescript-eslint/no-explicit-any -- the table of transitions holds steps of different inputs */
import { type Custodian, type ObservationBasis, type ObservationCaseDetail, type ObservationKind } from '@jiayuan/contracts';
import { can, inPlaceScope } from '../../platform/access/actor.js';
import { recordAudit } from '../../platform/audit/audit.service.js';
import { inTx, type Ctx } from '../../platform/context.js';
import type { Executor, Tx } from '../../platform/db/database.js';
import { commonErrors } from '../../platform/errors/common-errors.js';
import { defineLiveTopic } from '../../platform/notifications/live-topics.js';
import { completeObligations, openObligations } from '../../platform/obligations/obligations.service.js';
import * as places from '../../platform/places/places.repository.js';
import { addDays, localDate } from '../../platform/time.js';
import { observationErrors } from './observation.errors.js';
import { casePolicy } from './observation.policy.js';
import { planOf, presentCases, presentCheck } from './observation.present.js';
import { DEFAULT_DAYS, plannedEndOn, releaseDue } from './observation.rules.js';
import * as repo from './observation.repository.js';
import { observationRulesFor } from './observation.settings.js';
import { dropSlotsFrom, ensureSlots } from './observation.slots.js';
import type { observationCases } from './observation.schema.js';
import { defineWorkflow, step, transition, type TransitionDef } from '../../platform/workflow/workflow.js';

export interface OpenCaseInput {
  residentId: number;
  kind: ObservationKind;
  reason: string;
  /** The local date the observation starts (default: today), or the instant it started. */
  startsOn?: string;
  startedAt?: Date;
  /** N days of observation (default by kind: 14, 14, 3). */
  plannedDays?: number;
  /** What the N days count from (default: arrival) and that day (default: the start). */
  basis?: ObservationBasis;
  basisDate?: string;
  /** Household members to check too. */
  memberIds?: number[];
  source: { type: string; id: string | number };
}

export const CASE_TOPIC = defineLiveTopic('observation', ['observation.read']);

async function event(ex: Executor, ctx: Ctx, caseId: number, kind: string, data: Record<string, unknown> = {}) {
  await repo.insertEvent(ex, { caseId, at: ctx.platform.clock.now(), kind, actorUserId: ctx.actor.userId, actorName: ctx.actor.name, data });
}

export async function publishCase(ex: Executor, ctx: Pick<Ctx, 'platform'>, c: { id: number; placePath: string }, change: string) {
  await ctx.platform.live.publish(ex, { type: 'observation.changed', topic: CASE_TOPIC, placePath: c.placePath, data: { id: c.id, change } });
}

/**
 * Opens an observation case for a resident in the caller's transaction and returns its id:
 * the planned end from the rule, the check slots and their to-dos from today. When the person
 * already has an open case, that case's id is returned and the new source is noted on it.
 * Called by inbound (arrival check-in) and screening (a finding).
 */
export async function openObservationCase(tx: Tx, ctx: Ctx, input: OpenCaseInput): Promise<number> {
  if (!can(ctx.actor, 'observation.manage')) throw commonErrors.FORBIDDEN();
  const person = await repo.residentInScope(tx, ctx.actor, input.residentId);
  if (!person || !inPlaceScope(ctx.actor, person.place_path)) throw commonErrors.NOT_FOUND();
  const now = ctx.platform.clock.now();
  const tz = ctx.platform.config.timezone;
  const existing = await repo.findOpenCaseOf(tx, input.residentId);
  if (existing) {
    await event(tx, ctx, existing.id, 'source_added', { source: input.source, reason: input.reason });
    return existing.id;
  }
  const startedAt = input.startedAt ?? now;
  const startsOn = input.startsOn ?? localDate(startedAt, tz);
  const rules = await observationRulesFor(tx, person.place_path);
  const plan = {
    basis: input.basis ?? 'arrival',
    basisDate: input.basisDate ?? startsOn,
    days: input.plannedDays ?? DEFAULT_DAYS[input.kind],
    firstDayCounted: rules.arrivalDayCounted,
  };
  const household = await repo.householdMembers(tx, person.household_id);
  const memberIds = [...new Set(input.memberIds ?? [])].filter((m) => m !== person.id);
  if (memberIds.some((m) => !household.some((h) => h.id === m))) throw observationErrors.OBSERVATION_MEMBER_NOT_IN_HOUSEHOLD().onField('memberIds');
  const c = await repo.insertCase(tx, {
    residentId: person.id,
    householdId: person.household_id,
    placePath: person.place_path,
    kind: input.kind,
    reason: input.reason,
    planBasis: plan.basis,
    planBasisDate: plan.basisDate,
    planDays: plan.days,
    planFirstDayCounted: plan.firstDayCounted,
    startsOn,
    startedAt,
    plannedEndOn: plannedEndOn(plan),
    memberIds,
    custodians: [],
    slots: rules.slots,
    sourceType: input.source.type,
    sourceId: String(input.source.id),
    openedBy: ctx.actor.userId,
    createdAt: now,
    updatedAt: now,
  });
  await event(tx, ctx, c.id, 'opened', { kind: c.kind, plan, source: input.source });
  await recordAudit(tx, ctx, {
    action: 'observation.case.open',
    entityType: 'observation_case',
    entityId: c.id,
    after: { residentId: c.residentId, kind: c.kind, plan, reason: c.reason, source: input.source },
  });
  await ensureSlots(tx, ctx.platform, c);
  await publishCase(tx, ctx, c, 'opened');
  return c.id;
}

/** Opens a case from the console (a person found with a fever, a contact of a case…). */
export async function openCase(
  ctx: Ctx,
  input: { residentId: number; kind: ObservationKind; reason: string; plan: { basis: ObservationBasis; basisDate: string; days: number }; memberIds: number[] },
) {
  const id = await inTx(ctx, (tx) =>
    openObservationCase(tx, ctx, {
      residentId: input.residentId,
      kind: input.kind,
      reason: input.reason,
      basis: input.plan.basis,
      basisDate: input.plan.basisDate,
      plannedDays: input.plan.days,
      memberIds: input.memberIds,
      source: { type: 'manual', id: ctx.actor.userId ?? 0 },
    }),
  );
  return getCase(ctx, id);
}

export async function listCases(
  ctx: Ctx,
  q: { status: string; kind?: string | undefined; placeId?: number | undefined; q?: string | undefined; page: number; pageSize: number },
) {
  const place = q.placeId ? await places.findPlaceInScope(ctx.platform.db, ctx.actor, q.placeId) : null;
  if (q.placeId && !place) throw commonErrors.NOT_FOUND();
  const statuses =
    q.status === 'open' ? ['active', 'release_proposed'] : q.status === 'all' ? ['active', 'release_proposed', 'released', 'cancelled'] : [q.status];
  const { rows, total } = await repo.listCases(
    ctx.platform.db,
    ctx.actor,
    { statuses, kind: q.kind, placePath: place?.path ?? null, namePrefix: q.q || null },
    { limit: q.pageSize, offset: (q.page - 1) * q.pageSize },
  );
  return { items: await presentCases(ctx, rows), total, page: q.page, pageSize: q.pageSize };
}

async function load(ctx: Ctx, ex: Executor, id: number, forUpdate = false) {
  const c = await repo.findCaseInScope(ex, ctx.actor, id, forUpdate);
  if (!c) throw commonErrors.NOT_FOUND();
  return c;
}

export async function getCase(ctx: Ctx, id: number): Promise<ObservationCaseDetail> {
  const db = ctx.platform.db;
  const c = await load(ctx, db, id);
  const now = ctx.platform.clock.now();
  const [summary] = await presentCases(ctx, [c]);
  const household = await repo.householdMembers(db, c.householdId);
  const checks = await repo.recentChecks(db, c.id, 200);
  const names = await repo.namesOf(db, [c.residentId, ...c.memberIds, ...checks.map((k) => k.residentId)]);
  const [events, deliveries] = await Promise.all([repo.eventsOf(db, c.id), repo.deliveriesOf(db, c.id)]);
  return {
    ...summary!,
    members: household.map((m) => ({ residentId: m.id, name: m.name, relation: m.relation, checked: m.id === c.residentId || c.memberIds.includes(m.id) })),
    custodians: c.custodians,
    // Upcoming slots beyond today are not shown; the rest newest first.
    checks: checks.filter((k) => k.windowStart <= new Date(now.getTime() + 86400000)).map((k) => presentCheck(k, names, now)),
    deliveries: deliveries.map((d) => ({
      id: d.id,
      what: d.what,
      quantity: d.quantity,
      deliveredByName: d.deliveredByName,
      deliveredAt: d.deliveredAt.toISOString(),
      note: d.note,
    })),
    events: events.map((e) => ({ at: e.at.toISOString(), kind: e.kind, actorName: e.actorName, data: e.data })),
    releasedAt: c.releasedAt?.toISOString() ?? null,
    version: c.version,
  };
}

type Replan = { days: number; reason: string; version: number };

/** Extending and shortening: a new number of days, with a reason; the slots follow the new end. */
function replanStep() {
  return step<repo.CaseRow, Replan>({
    from: ['active', 'release_proposed'],
    to: (c) => c.status,
    permission: 'observation.manage',
    policy: (ctx, c) => casePolicy.allows(ctx.actor, 'replan', c),
    apply: ({ row: c, input }) => ({ values: { planDays: input.days, plannedEndOn: plannedEndOn({ ...planOf(c), days: input.days }) }, note: input.reason }),
    async effects({ tx, ctx, row: c, after, input }) {
      const change = input.days > c.planDays ? 'extended' : 'shortened';
      await event(tx, ctx, c.id, change, {
        fromDays: c.planDays,
        toDays: input.days,
        fromEnd: c.plannedEndOn,
        toEnd: after.plannedEndOn,
        reason: input.reason,
      });
      if (after.plannedEndOn < c.plannedEndOn) await dropSlotsFrom(tx, ctx.platform, after, after.plannedEndOn, 'observation shortened');
      else await ensureSlots(tx, ctx.platform, after);
      await publishCase(tx, ctx, after, change);
    },
  });
}

/** Observation cases on the workflow kernel (audit: observation.case.<verb>). */
export const caseWorkflow = defineWorkflow<repo.CaseRow, Record<'extend' | 'shorten' | 'proposeRelease' | 'release', TransitionDef<repo.CaseRow, any, any>>>(
  {
    module: 'observation',
    entity: 'case',
    entityType: 'observation_case',
    load: (tx, ctx, id) => repo.findCaseInScope(tx, ctx.actor, id, true),
    update: (tx, c, values, now) => repo.updateCaseVersioned(tx, c.id, c.version, values as Partial<typeof observationCases.$inferInsert>, now),
    wrongState: (c, t) => (t === 'release' && c.status === 'active' ? observationErrors.OBSERVATION_NOT_PROPOSED() : observationErrors.OBSERVATION_NOT_OPEN()),
    auditView: (c) => ({ status: c.status, days: c.planDays, plannedEndOn: c.plannedEndOn }),
  },
  {
    extend: replanStep(),
    shorten: replanStep(),
    /**
     * The app itself proposes release once the period is over and everyone's latest reading is
     * normal (a reading, a change of plan or the periodic job finds it so; see proposeReleaseIfDue).
     */
    proposeRelease: step<repo.CaseRow, Record<string, never>, boolean>({
      from: ['active'],
      to: 'release_proposed',
      permission: null,
      prepare: async (tx, ctx, c) =>
        releaseDue(localDate(ctx.platform.clock.now(), ctx.platform.config.timezone), c.plannedEndOn, await repo.latestByPerson(tx, c.id), [
          c.residentId,
          ...c.memberIds,
        ]),
      guard: (_c, _input, _now, due) => (due ? null : observationErrors.OBSERVATION_RELEASE_NOT_DUE()),
      // Whoever's step found it due: the job, a reading's recorder, a change of plan.
      policy: (ctx, c) => casePolicy.allows(ctx.actor, 'record', c) || casePolicy.allows(ctx.actor, 'replan', c),
      apply: ({ now }) => ({ values: { releaseProposedAt: now } }),
      async effects({ tx, ctx, after, now }) {
        await repo.insertEvent(tx, { caseId: after.id, at: now, kind: 'release_proposed', actorUserId: ctx.actor.userId, actorName: ctx.actor.name, data: {} });
        await openReleaseDuty(tx, ctx, after);
        await publishCase(tx, ctx, after, 'release_proposed');
      },
    }),
    /** A health worker confirms a proposed release; the remaining slots and their to-dos go. */
    release: step<repo.CaseRow, { note?: string | null | undefined; version: number }>({
      from: ['release_proposed'],
      to: 'released',
      permission: 'observation.release',
      policy: (ctx, c) => casePolicy.allows(ctx.actor, 'release', c),
      apply: ({ ctx, input, now }) => ({ values: { releasedAt: now, releasedBy: ctx.actor.userId }, note: input.note ?? null }),
      async effects({ tx, ctx, after, input, now }) {
        await dropSlotsFrom(tx, ctx.platform, after, addDays(localDate(now, ctx.platform.config.timezone), 1), 'observation released', now);
        await completeObligations(tx, ctx.platform, { subjectType: 'observation_case', subjectId: after.id, kind: 'observation.release' }, ctx.actor.userId);
        await event(tx, ctx, after.id, 'released', { note: input.note ?? null });
        await publishCase(tx, ctx, after, 'released');
      },
    }),
  },
);

/** Extends or shortens the observation: a new number of days, with a reason (audited). */
export async function replan(ctx: Ctx, id: number, input: Replan) {
  const current = await load(ctx, ctx.platform.db, id);
  await transition(ctx, caseWorkflow, input.days > current.planDays ? 'extend' : 'shorten', id, input);
  const { proposeReleaseIfDue } = await import('./observation.checks.js');
  await inTx(ctx, async (tx, afterCommit) => {
    const c = await repo.findCase(tx, id);
    if (c) await proposeReleaseIfDue(tx, afterCommit, ctx, c);
  });
  return getCase(ctx, id);
}

/** "3+1" custody: the police officer, cadre and medic answering for this person. */
export async function setCustodians(ctx: Ctx, id: number, custodians: Custodian[]) {
  await inTx(ctx, async (tx) => {
    const c = await load(ctx, tx, id, true);
    casePolicy.assert(ctx.actor, 'custodians', c);
    const after = await repo.updateCaseVersioned(tx, id, c.version, { custodians }, ctx.platform.clock.now());
    await event(tx, ctx, id, 'custodians', { custodians });
    await recordAudit(tx, ctx, {
      action: 'observation.case.setCustodians',
      entityType: 'observation_case',
      entityId: id,
      before: { custodians: c.custodians },
      after: { custodians },
    });
    await publishCase(tx, ctx, after!, 'custodians');
  });
  return getCase(ctx, id);
}

/** Which household members are checked too; their slots start from now. */
export async function setMembers(ctx: Ctx, id: number, memberIds: number[]) {
  await inTx(ctx, async (tx) => {
    const c = await load(ctx, tx, id, true);
    casePolicy.assert(ctx.actor, 'members', c);
    const household = await repo.householdMembers(tx, c.householdId);
    const ids = [...new Set(memberIds)].filter((m) => m !== c.residentId);
    if (ids.some((m) => !household.some((h) => h.id === m))) throw observationErrors.OBSERVATION_MEMBER_NOT_IN_HOUSEHOLD().onField('memberIds');
    const after = await repo.updateCaseVersioned(tx, id, c.version, { memberIds: ids }, ctx.platform.clock.now());
    await event(tx, ctx, id, 'members', { memberIds: ids });
    await recordAudit(tx, ctx, {
      action: 'observation.case.setMembers',
      entityType: 'observation_case',
      entityId: id,
      before: { memberIds: c.memberIds },
      after: { memberIds: ids },
    });
    await ensureSlots(tx, ctx.platform, after!);
    await publishCase(tx, ctx, after!, 'members');
  });
  return getCase(ctx, id);
}

/** Logs supplies or a service brought to the door. */
export async function logDelivery(ctx: Ctx, id: number, input: { what: string; quantity?: string | null | undefined; note?: string | null | undefined }) {
  await inTx(ctx, async (tx) => {
    const c = await load(ctx, tx, id);
    casePolicy.assert(ctx.actor, 'deliver', c);
    const d = await repo.insertDelivery(tx, {
      caseId: id,
      what: input.what,
      quantity: input.quantity ?? null,
      note: input.note ?? null,
      deliveredBy: ctx.actor.userId,
      deliveredByName: ctx.actor.name,
      deliveredAt: ctx.platform.clock.now(),
    });
    await recordAudit(tx, ctx, {
      action: 'observation.delivery.record',
      entityType: 'observation_case',
      entityId: id,
      after: { deliveryId: d.id, what: d.what, quantity: d.quantity },
    });
    await publishCase(tx, ctx, c, 'delivered');
  });
  return getCase(ctx, id);
}

/** A health worker confirms a proposed release. */
export async function confirmRelease(ctx: Ctx, id: number, input: { note?: string | null | undefined; version: number }) {
  await transition(ctx, caseWorkflow, 'release', id, input);
  return getCase(ctx, id);
}

/** Opens the "confirm release" to-do for the community's health workers. */
export async function openReleaseDuty(ex: Executor, ctx: Pick<Ctx, 'platform'>, c: repo.CaseRow) {
  await openObligations(ex, [
    {
      kind: 'observation.release',
      subjectType: 'observation_case',
      subjectId: c.id,
      title: { 'zh-CN': '观察期满，确认解除观察', 'en-US': 'Observation period over: confirm release' },
      link: `/observation/cases/${c.id}`,
      placePath: c.placePath,
      responsibleRole: 'health_worker',
      dueAt: new Date(ctx.platform.clock.now().getTime() + 4 * 3600000),
      escalateAfterMinutes: 60,
      escalationRole: 'community_staff',
    },
  ]);
}
