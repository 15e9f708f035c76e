import type { CaseChange, CaseKind, CaseRecord, CaseStatus, CaseView } from '@jiayuan/contracts';
import { can, inPlaceScope } from '../../platform/access/actor.js';
import { definePolicy } from '../../platform/access/policy.js';
import { recordAudit } from '../../platform/audit/audit.service.js';
import { inTx, type Ctx } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import { commonErrors } from '../../platform/errors/common-errors.js';
import * as places from '../../platform/places/places.repository.js';
import { localDate } from '../../platform/time.js';
import { defineWorkflow, step, transitionWithEffects, type TransitionDef } from '../../platform/workflow/workflow.js';
import { residentContact } from '../registry/index.js';
import { containmentErrors } from './containment.errors.js';
import * as repo from './containment.repository.js';
import { CASE_TRANSITIONS, caseAfter, caseGuard, type CaseTransition } from './containment.workflow.js';
import { afterRuleCommit } from './lockdowns.service.js';
import { applyRule, type RuleOutcome } from './lockdowns.rule.js';

/** Cases are health data: seen by those with the permission in scope; changed by those who record them. */
export const casePolicy = definePolicy<repo.CaseRow, 'view' | 'reveal' | 'confirm' | 'exclude' | 'close'>({
  view: (a, c) => can(a, 'containment.case.view') && inPlaceScope(a, c.placePath),
  reveal: (a, c) => can(a, 'containment.case.view') && inPlaceScope(a, c.placePath),
  confirm: (a, c) => can(a, 'containment.case.record') && inPlaceScope(a, c.placePath) && caseGuard(c, 'confirm') === null,
  exclude: (a, c) => can(a, 'containment.case.record') && inPlaceScope(a, c.placePath) && caseGuard(c, 'exclude') === null,
  close: (a, c) => can(a, 'containment.case.record') && inPlaceScope(a, c.placePath) && caseGuard(c, 'close') === null,
});

/** 张三丰 → 张** : enough for staff to tell two cases apart, not to name the person. */
export function maskName(name: string): string {
  const chars = [...name];
  return chars.length <= 1 ? '*' : chars[0] + '*'.repeat(chars.length - 1);
}

async function present(ctx: Ctx, ex: Executor, rows: repo.CaseRow[]): Promise<CaseView[]> {
  const labels = await places.labelsForPaths(
    ex,
    rows.map((r) => r.placePath),
  );
  const out: CaseView[] = [];
  for (const c of rows) {
    const person = c.residentId ? await residentContact(ex, ctx.actor, c.residentId) : undefined;
    out.push({
      id: c.id,
      kind: c.kind as CaseKind,
      status: c.status as CaseStatus,
      dwellingId: c.dwellingId,
      placeLabel: labels.get(c.placePath) ?? '',
      compoundId: c.compoundId,
      buildingId: c.buildingId,
      stairwellId: c.stairwellId,
      hasResident: c.residentId !== null,
      residentMasked: person ? maskName(person.name) : null,
      reportedOn: c.reportedOn,
      onsetOn: c.onsetOn,
      recordedAt: c.createdAt.toISOString(),
      version: c.version,
      actions: casePolicy.actions(ctx.actor, c),
    });
  }
  return out;
}

async function result(ctx: Ctx, id: number, out: RuleOutcome) {
  await afterRuleCommit(ctx.platform, out);
  const c = await repo.findCaseInScope(ctx.platform.db, ctx.actor, id);
  const [view] = await present(ctx, ctx.platform.db, [c!]);
  return { case: view!, proposed: out.proposed, activated: out.activated, superseded: out.superseded, rescheduled: out.rescheduled };
}

/** Records a confirmed or suspected case against a dwelling and runs the rule for its compound. */
export async function recordCase(ctx: Ctx, input: CaseRecord) {
  if (!can(ctx.actor, 'containment.case.record')) throw commonErrors.FORBIDDEN();
  const tz = ctx.platform.config.timezone;
  const today = localDate(ctx.platform.clock.now(), tz);
  let out!: RuleOutcome;
  const id = await inTx(ctx, async (tx) => {
    const dwelling = await places.findPlaceInScope(tx, ctx.actor, input.dwellingId);
    if (!dwelling || !inPlaceScope(ctx.actor, dwelling.path)) throw commonErrors.NOT_FOUND();
    if (dwelling.type !== 'dwelling') throw containmentErrors.CONTAINMENT_NOT_A_DWELLING().onField('dwellingId');
    const chain = await places.findPlaces(tx, places.pathIds(dwelling.path));
    const idOf = (type: string) => chain.find((p) => p.type === type)?.id;
    const [communityId, compoundId, buildingId, stairwellId] = [idOf('community'), idOf('compound'), idOf('building'), idOf('stairwell')];
    if (!communityId || !compoundId || !buildingId || !stairwellId) throw containmentErrors.CONTAINMENT_DWELLING_UNPLACED().onField('dwellingId');
    if (input.residentId) {
      const person = await residentContact(tx, ctx.actor, input.residentId);
      if (!person || person.dwellingId !== dwelling.id) throw containmentErrors.CONTAINMENT_RESIDENT_NOT_IN_DWELLING().onField('residentId');
    }
    if (input.reportedOn > today) throw containmentErrors.CONTAINMENT_DATES().onField('reportedOn');
    if (input.onsetOn && input.onsetOn > input.reportedOn) throw containmentErrors.CONTAINMENT_DATES().onField('onsetOn');
    const now = ctx.platform.clock.now();
    const c = await repo.insertCase(tx, {
      dwellingId: dwelling.id,
      placePath: dwelling.path,
      communityId,
      compoundId,
      buildingId,
      stairwellId,
      residentId: input.residentId ?? null,
      kind: input.kind,
      reportedOn: input.reportedOn,
      onsetOn: input.onsetOn ?? null,
      sourceNoteEnc: input.sourceNote ? ctx.platform.cipher.encrypt('caseNote', input.sourceNote) : null,
      recordedBy: ctx.actor.userId,
      createdAt: now,
      updatedAt: now,
    });
    await recordAudit(tx, ctx, {
      action: 'containment.case.record',
      entityType: 'containment_case',
      entityId: c.id,
      after: { dwellingId: c.dwellingId, residentId: c.residentId, kind: c.kind, reportedOn: c.reportedOn, onsetOn: c.onsetOn, hasNote: !!input.sourceNote },
    });
    out = await applyRule(tx, ctx, c);
    return c.id;
  });
  return result(ctx, id, out);
}

/** A change of a case on the workflow kernel: the case moves, the rule runs again in the same transaction. */
function caseStep(t: CaseTransition) {
  return step<repo.CaseRow, CaseChange>({
    from: CASE_TRANSITIONS[t].from,
    to: (c) => caseAfter(c, t).status,
    permission: 'containment.case.record',
    guard: (c) => caseGuard(c, t),
    apply: ({ row, input }) => ({ values: { kind: caseAfter(row, t).kind }, note: input.reason }),
    async effects({ tx, ctx, after }) {
      // The rule's outcome (proposals, supply duties to open after the commit) goes back to changeCase.
      return applyRule(tx, ctx, after);
    },
  });
}

/** Cases on the workflow kernel (audit: containment.case.<verb>). */
export const caseWorkflow = defineWorkflow<repo.CaseRow, Record<CaseTransition, TransitionDef<repo.CaseRow, CaseChange>>>(
  {
    module: 'containment',
    entity: 'case',
    entityType: 'containment_case',
    async load(tx, ctx, id) {
      const c = await repo.findCaseInScope(tx, ctx.actor, id, true);
      return c && casePolicy.allows(ctx.actor, 'view', c) ? c : undefined;
    },
    update: (tx, c, values, now) => repo.updateCaseVersioned(tx, c.id, c.version, values, now),
    wrongState: (c) => containmentErrors.CONTAINMENT_CASE_STATE({ state: c.status }),
    auditView: (c) => ({ kind: c.kind, status: c.status }),
  },
  { confirm: caseStep('confirm'), exclude: caseStep('exclude'), close: caseStep('close') },
);

/** Confirms a suspected case, excludes or closes a case, and runs the rule again. */
export async function changeCase(ctx: Ctx, id: number, input: CaseChange) {
  const { effect } = await transitionWithEffects(ctx, caseWorkflow, input.action, id, input);
  return result(ctx, id, effect as RuleOutcome);
}

export async function listCases(ctx: Ctx, q: { status: string; kind?: CaseKind | undefined; placeId?: number | undefined; page: number; pageSize: number }) {
  const place = q.placeId ? await places.findPlaceInScope(ctx.platform.db, ctx.actor, q.placeId) : null;
  if (q.placeId && !place) throw commonErrors.NOT_FOUND();
  const statuses = q.status === 'all' ? ['open', 'excluded', 'closed'] : [q.status];
  const { rows, total } = await repo.listCases(
    ctx.platform.db,
    ctx.actor,
    { statuses, kind: q.kind, placePath: place?.path ?? null },
    { limit: q.pageSize, offset: (q.page - 1) * q.pageSize },
  );
  return { items: await present(ctx, ctx.platform.db, rows), total, page: q.page, pageSize: q.pageSize };
}

export async function getCase(ctx: Ctx, id: number) {
  const c = await repo.findCaseInScope(ctx.platform.db, ctx.actor, id);
  if (!c) throw commonErrors.NOT_FOUND();
  return (await present(ctx, ctx.platform.db, [c]))[0]!;
}

/** The person and source note of a case, for someone who must act on them; audited like a reveal. */
export async function revealCase(ctx: Ctx, id: number, reason: string) {
  return inTx(ctx, async (tx) => {
    const c = await repo.findCaseInScope(tx, ctx.actor, id);
    if (!c) throw commonErrors.NOT_FOUND();
    casePolicy.assert(ctx.actor, 'reveal', c);
    const person = c.residentId ? await residentContact(tx, ctx.actor, c.residentId) : undefined;
    await recordAudit(tx, ctx, {
      action: 'containment.case.reveal',
      entityType: 'containment_case',
      entityId: id,
      after: { reason, residentId: c.residentId },
    });
    return {
      id: c.id,
      residentId: c.residentId,
      residentName: person?.name ?? null,
      sourceNote: c.sourceNoteEnc ? ctx.platform.cipher.decrypt('caseNote', c.sourceNoteEnc) : null,
    };
  });
}
