import {
  ROLES,
  type LocalizedText,
  type OnHoliday,
  type ObligationRuleSave,
  type ObligationRuleView,
  type ObligationView,
  type Role,
  type TodoBatchDone,
  type TodoGroup,
} from '@jiayuan/contracts';
import { can, inPlaceScope } from '../access/actor.js';
import { definePolicy } from '../access/policy.js';
import { recordAudit } from '../audit/audit.service.js';
import { inTx, type Ctx, type Platform } from '../context.js';
import type { Executor } from '../db/database.js';
import { commonErrors } from '../errors/common-errors.js';
import { notifyRole, notifyUsers } from '../notifications/notifications.service.js';
import * as places from '../places/places.repository.js';
import { addDays, localDate, startOfLocalDay } from '../time.js';
import { obligationKindLabel } from './obligation-kinds.js';
import { obligationErrors } from './obligations.errors.js';
import * as repo from './obligations.repository.js';
import { occurrences, type Recurrence } from './recurrence.js';

/** What a workflow says when it opens a duty for someone. */
export interface OpenObligation {
  kind: string;
  subjectType: string;
  subjectId: string | number;
  title: LocalizedText;
  link?: string | null;
  placeId?: number | null;
  placePath?: string | null;
  responsibleUserId?: number | null;
  responsibleRole?: Role | null;
  dueAt: Date;
  /** Minutes after the due time at which the escalation role is alerted (null: no escalation). */
  escalateAfterMinutes?: number | null;
  escalationRole?: Role | null;
  /** The due time was counted on the working-day calendar (working days or hours, a holiday rule). */
  workingTime?: boolean;
}

/** Opens obligations in the caller's transaction; they appear in the responsible people's to-dos at once. */
export async function openObligations(ex: Executor, items: OpenObligation[], ruleId: number | null = null): Promise<number> {
  return repo.insertObligations(ex, toRows(items, ruleId));
}

/**
 * A subject's clocks started over: its open obligations cancelled (with the reason) and these opened, in one
 * statement. For a subject whose obligations are all recomputed at each step (a service-desk order).
 */
export async function replaceObligations(
  ex: Executor,
  platform: Pick<Platform, 'clock'>,
  subject: { subjectType: string; subjectId: string | number },
  reason: string,
  items: OpenObligation[],
): Promise<void> {
  await repo.replaceBySubject(
    ex,
    { subjectType: subject.subjectType, subjectId: String(subject.subjectId) },
    { cancelledAt: platform.clock.now(), cancelReason: reason },
    toRows(items, null),
  );
}

function toRows(items: OpenObligation[], ruleId: number | null): repo.ObligationInsert[] {
  return items.map((o) => ({
    kind: o.kind,
    subjectType: o.subjectType,
    subjectId: String(o.subjectId),
    title: o.title,
    link: o.link ?? null,
    placeId: o.placeId ?? null,
    placePath: o.placePath ?? null,
    responsibleUserId: o.responsibleUserId ?? null,
    responsibleRole: o.responsibleRole ?? null,
    dueAt: o.dueAt,
    ruleId,
    escalateAt: o.escalateAfterMinutes != null ? new Date(o.dueAt.getTime() + o.escalateAfterMinutes * 60000) : null,
    escalationRole: o.escalationRole ?? null,
    workingTime: o.workingTime ?? false,
  }));
}

/** Marks a subject's open obligations done (optionally of one kind); returns what was closed. */
export async function completeObligations(
  ex: Executor,
  platform: Pick<Platform, 'clock'>,
  subject: { subjectType: string; subjectId: string | number; kind?: string },
  doneBy: number | null,
) {
  return repo.closeBySubject(
    ex,
    { subjectType: subject.subjectType, subjectId: String(subject.subjectId), kind: subject.kind },
    { doneAt: platform.clock.now(), doneBy },
  );
}

export async function cancelObligations(
  ex: Executor,
  platform: Pick<Platform, 'clock'>,
  subject: { subjectType: string; subjectId: string | number; kind?: string },
  reason: string,
) {
  return repo.closeBySubject(
    ex,
    { subjectType: subject.subjectType, subjectId: String(subject.subjectId), kind: subject.kind },
    { cancelledAt: platform.clock.now(), cancelReason: reason },
  );
}

/** The open obligations of one subject type (e.g. every year still waiting for its holiday arrangement). */
export async function openObligationsOf(ex: Executor, subjectType: string, kind?: string) {
  return repo.openOfSubjectType(ex, subjectType, kind);
}

export const todoPolicy = definePolicy<repo.ObligationRow, 'complete'>({
  complete: (_a, o) => o.ruleId !== null && o.doneAt === null && o.cancelledAt === null,
});

async function present(ctx: Ctx, rows: repo.ObligationRow[]): Promise<ObligationView[]> {
  const now = ctx.platform.clock.now();
  const calendar = ctx.platform.calendar;
  const labels = await places.labelsForPaths(
    ctx.platform.db,
    rows.map((r) => r.placePath).filter((p): p is string => !!p),
  );
  return rows.map((o) => ({
    id: o.id,
    kind: o.kind,
    title: o.title,
    subjectType: o.subjectType,
    subjectId: o.subjectId,
    link: o.link,
    placeId: o.placeId,
    placeLabel: o.placePath ? (labels.get(o.placePath) ?? null) : null,
    responsibleUserId: o.responsibleUserId,
    responsibleRole: o.responsibleRole,
    dueAt: o.dueAt.toISOString(),
    doneAt: o.doneAt?.toISOString() ?? null,
    overdue: !o.doneAt && !o.cancelledAt && o.dueAt < now,
    escalatedAt: o.escalatedAt?.toISOString() ?? null,
    provisional: o.workingTime && !o.doneAt && !o.cancelledAt && calendar.isProvisional(o.dueAt),
    actions: todoPolicy.actions(ctx.actor, o),
  }));
}

function endOfToday(ctx: Ctx) {
  const tz = ctx.platform.config.timezone;
  return startOfLocalDay(addDays(localDate(ctx.platform.clock.now(), tz), 1), tz);
}

/** My to-dos, soonest due first (of one kind, if asked), with counts overdue and due today and the groups by kind. */
export async function myTodos(ctx: Ctx, q: { state: repo.TodoState; kind?: string | undefined; page: number; pageSize: number }) {
  const now = ctx.platform.clock.now();
  const dayEnd = endOfToday(ctx);
  const [{ rows, total }, counts, groups] = await Promise.all([
    repo.listTodos(ctx.platform.db, ctx.actor, q, now, dayEnd, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize }),
    repo.todoCounts(ctx.platform.db, ctx.actor, now, dayEnd),
    repo.todoGroups(ctx.platform.db, ctx.actor, q.state, now, dayEnd),
  ]);
  return {
    items: await present(ctx, rows),
    total,
    page: q.page,
    pageSize: q.pageSize,
    counts,
    groups: groups.map((g): TodoGroup => ({
      kind: g.kind,
      label: obligationKindLabel(g.kind, g.shared_title),
      count: g.count,
      overdue: g.overdue,
      dueToday: g.due_today,
      manual: g.manual,
      manualDueByToday: g.manual_due,
      firstDueAt: g.first_due === null ? null : new Date(g.first_due).toISOString(),
    })),
  };
}

export async function completeTodo(ctx: Ctx, id: number) {
  const row = await inTx(ctx, async (tx) => {
    const o = await repo.findObligation(tx, id, true);
    const mine = o && (await repo.isMine(tx, ctx.actor, id));
    if (!o || !mine) throw commonErrors.NOT_FOUND();
    if (o.doneAt) throw obligationErrors.OBLIGATION_ALREADY_DONE();
    if (!todoPolicy.allows(ctx.actor, 'complete', o)) throw obligationErrors.OBLIGATION_NOT_MANUAL();
    const done = await repo.markDone(tx, id, ctx.platform.clock.now(), ctx.actor.userId);
    await recordAudit(tx, ctx, {
      action: 'obligation.done',
      entityType: 'obligation',
      entityId: id,
      after: { kind: o.kind, subject: `${o.subjectType}:${o.subjectId}` },
    });
    return done!;
  });
  return (await present(ctx, [row]))[0]!;
}

/**
 * Ticks off several recurring duties at once: the listed ids (all mine and all recurring, or
 * nothing changes), or every open one of a kind due before a time (by default the end of today).
 * Duties someone else ticked off meanwhile are skipped; each completed one gets its audit row.
 */
export async function completeTodos(ctx: Ctx, body: TodoBatchDone) {
  const which: { ids: number[] } | { kind: string; dueBefore: Date } =
    'ids' in body ? { ids: [...new Set(body.ids)] } : { kind: body.kind, dueBefore: body.dueBefore ? new Date(body.dueBefore) : endOfToday(ctx) };
  const done = await inTx(ctx, async (tx) => {
    if ('ids' in which) {
      const found = await repo.mineAmong(tx, ctx.actor, which.ids);
      if (found.length !== which.ids.length) throw commonErrors.NOT_FOUND();
      if (found.some((o) => !o.manual)) throw obligationErrors.OBLIGATION_NOT_MANUAL();
    }
    const rows = await repo.markManyDone(tx, ctx.actor, which, ctx.platform.clock.now());
    if (rows.length === 0 && 'kind' in which && (await repo.hasWorkflowTodos(tx, ctx.actor, which.kind))) throw obligationErrors.OBLIGATION_NOT_MANUAL();
    for (const o of rows) {
      await recordAudit(tx, ctx, {
        action: 'obligation.done',
        entityType: 'obligation',
        entityId: o.id,
        after: { kind: o.kind, subject: `${o.subject_type}:${o.subject_id}`, batch: true },
      });
    }
    return rows;
  });
  return { done: done.length, ids: done.map((o) => o.id).sort((a, b) => a - b) };
}

/** Weekly and monthly duties (a building walk, a visit) do not fall on holidays unless the rule says so; daily ones do. */
function defaultOnHoliday(recurrence: ObligationRuleSave['recurrence']): OnHoliday {
  return recurrence === 'weekly' || recurrence === 'monthly' ? 'skip' : 'keep';
}

export const rulePolicy = definePolicy<{ placePath: string }, 'update' | 'delete'>({
  update: (a, r) => can(a, 'obligation.manage') && inPlaceScope(a, r.placePath),
  delete: (a, r) => can(a, 'obligation.manage') && inPlaceScope(a, r.placePath),
});

function presentRule(ctx: Ctx, r: repo.RuleRow, placePath: string, label: string, openCount: number): ObligationRuleView {
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    placeId: r.placeId,
    placeLabel: label,
    targetType: r.targetType,
    responsibleRole: r.responsibleRole,
    recurrence: r.recurrence as ObligationRuleView['recurrence'],
    interval: r.interval,
    times: r.times,
    weekdays: r.weekdays,
    startsOn: r.startsOn,
    endsOn: r.endsOn,
    escalateAfterMinutes: r.escalateAfterMinutes,
    onHoliday: r.onHoliday,
    active: r.active,
    generatedUntil: r.generatedUntil?.toISOString() ?? null,
    openCount,
    actions: rulePolicy.actions(ctx.actor, { placePath }),
  };
}

export async function listRules(ctx: Ctx) {
  const rows = await repo.listRules(ctx.platform.db, ctx.actor);
  const labels = await places.labelsForPaths(
    ctx.platform.db,
    rows.map((r) => r.placePath),
  );
  return { items: rows.map((r) => presentRule(ctx, r.rule, r.placePath, labels.get(r.placePath) ?? '', r.openCount)) };
}

/** Creates or changes a recurring duty; its future open obligations are regenerated. */
export async function saveRule(ctx: Ctx, id: number | null, input: ObligationRuleSave) {
  if (!(ROLES as readonly string[]).includes(input.responsibleRole)) throw obligationErrors.OBLIGATION_RULE_ROLE();
  if (input.endsOn && input.endsOn < input.startsOn) throw obligationErrors.OBLIGATION_RULE_DATES();
  const ruleId = await inTx(ctx, async (tx) => {
    const place = await places.findPlaceInScope(tx, ctx.actor, input.placeId);
    if (!place || !inPlaceScope(ctx.actor, place.path)) throw commonErrors.NOT_FOUND();
    const values = {
      kind: input.kind,
      title: input.title,
      placeId: input.placeId,
      targetType: input.targetType ?? null,
      responsibleRole: input.responsibleRole,
      recurrence: input.recurrence,
      interval: input.interval,
      times: input.times,
      weekdays: input.weekdays,
      startsOn: input.startsOn,
      endsOn: input.endsOn ?? null,
      escalateAfterMinutes: input.escalateAfterMinutes ?? null,
      onHoliday: input.onHoliday ?? defaultOnHoliday(input.recurrence),
      active: input.active,
    };
    if (id === null) {
      const ruleId = await repo.insertRule(tx, { ...values, createdBy: ctx.actor.userId });
      await recordAudit(tx, ctx, { action: 'obligation_rule.created', entityType: 'obligation_rule', entityId: ruleId, after: values });
      return ruleId;
    }
    const before = await repo.findRule(tx, id);
    if (!before) throw commonErrors.NOT_FOUND();
    const beforePlace = await places.findPlaceInScope(tx, ctx.actor, before.placeId);
    if (!beforePlace) throw commonErrors.NOT_FOUND();
    rulePolicy.assert(ctx.actor, 'update', { placePath: beforePlace.path });
    const now = ctx.platform.clock.now();
    await repo.updateRule(tx, id, values, now);
    await repo.deleteFutureOfRule(tx, id, now);
    await recordAudit(tx, ctx, { action: 'obligation_rule.updated', entityType: 'obligation_rule', entityId: id, before, after: values });
    return id;
  });
  await generateForRules(ctx.platform, [ruleId]);
  return (await listRules(ctx)).items.find((r) => r.id === ruleId)!;
}

export async function deleteRule(ctx: Ctx, id: number) {
  await inTx(ctx, async (tx) => {
    const before = await repo.findRule(tx, id);
    if (!before) throw commonErrors.NOT_FOUND();
    const place = await places.findPlaceInScope(tx, ctx.actor, before.placeId);
    if (!place) throw commonErrors.NOT_FOUND();
    rulePolicy.assert(ctx.actor, 'delete', { placePath: place.path });
    const now = ctx.platform.clock.now();
    await repo.cancelFutureOfRule(tx, id, new Date(0), 'rule deleted', now);
    await repo.setRuleFields(tx, id, { active: false, updatedAt: now });
    await recordAudit(tx, ctx, { action: 'obligation_rule.deleted', entityType: 'obligation_rule', entityId: id, before });
  });
}

const HORIZON_MS = 7 * 86400000;

/** One thing a recurring duty is owed to: a place by default, or what a module's resolver names (a household…). */
export interface ObligationTarget {
  subjectType: string;
  subjectId: number;
  placeId: number | null;
  placePath: string;
  link: string | null;
}

const targetResolvers = new Map<string, (ex: Executor, rootPath: string) => Promise<ObligationTarget[]>>();

/**
 * Lets a rule's `targetType` name something other than a place type: the resolver lists the
 * targets under the rule's place (e.g. every household of a sealed building). Registered at start.
 */
export function registerObligationTargets(targetType: string, resolve: (ex: Executor, rootPath: string) => Promise<ObligationTarget[]>) {
  targetResolvers.set(targetType, resolve);
}

/**
 * Generates each active rule's obligations up to a week ahead, one per target place per
 * occurrence. Idempotent: a unique index on (rule, subject, due) absorbs repeats.
 */
export async function generateForRules(platform: Platform, onlyIds?: number[]): Promise<number> {
  const now = platform.clock.now();
  const horizon = new Date(now.getTime() + HORIZON_MS);
  const rules = (await repo.activeRules(platform.db)).filter((r) => !onlyIds || onlyIds.includes(r.id));
  let created = 0;
  for (const rule of rules) {
    const from = rule.generatedUntil && rule.generatedUntil > now ? rule.generatedUntil : now;
    if (from >= horizon) continue;
    const dues = occurrences({ ...rule, recurrence: rule.recurrence as Recurrence['recurrence'] }, from, horizon, platform.config.timezone, platform.calendar);
    const workingTime = rule.recurrence === 'working_days' || rule.onHoliday !== 'keep';
    created += await inTx({ platform }, async (tx) => {
      const root = await places.findPlace(tx, rule.placeId);
      if (!root) return 0;
      const resolver = rule.targetType ? targetResolvers.get(rule.targetType) : undefined;
      const targets: ObligationTarget[] = resolver
        ? await resolver(tx, root.path)
        : (rule.targetType ? await places.placesOfTypeUnder(tx, rule.targetType, root.path) : [{ id: root.id, path: root.path }]).map((p) => ({
            subjectType: 'place',
            subjectId: p.id,
            placeId: p.id,
            placePath: p.path,
            link: `/registry/places/${p.id}`,
          }));
      const items: OpenObligation[] = [];
      for (const due of dues) {
        for (const t of targets) {
          items.push({
            kind: rule.kind,
            subjectType: t.subjectType,
            subjectId: t.subjectId,
            title: rule.title,
            link: t.link,
            placeId: t.placeId,
            placePath: t.placePath,
            responsibleRole: rule.responsibleRole as Role,
            dueAt: due,
            escalateAfterMinutes: rule.escalateAfterMinutes,
            escalationRole: rule.escalateAfterMinutes != null ? escalationRoleFor(rule.responsibleRole as Role) : null,
            workingTime,
          });
        }
      }
      const n = await openObligations(tx, items, rule.id);
      await repo.setRuleFields(tx, rule.id, { generatedUntil: horizon });
      return n;
    });
  }
  return created;
}

/** Who is alerted when a duty of this role runs late: the next level up. */
export function escalationRoleFor(role: Role): Role {
  switch (role) {
    case 'volunteer':
    case 'property_staff':
    case 'health_worker':
    case 'station_staff':
      return 'community_staff';
    case 'community_staff':
    case 'employer_liaison':
      return 'department_coordinator';
    default:
      return 'center_coordinator';
  }
}

/**
 * Obligations a workflow opened together, for several people, for one step of one record (the
 * notify step's liaisons): the next level is alerted once for them, not once per person.
 */
function escalationGroup(o: repo.ObligationRow) {
  return [o.subjectType, o.subjectId, o.kind, o.dueAt.getTime(), o.escalationRole ?? '', o.placePath ?? ''].join('|');
}

/** Alerts the escalation role (once per group) and the responsible people about obligations past their escalation time. */
export async function escalateOverdue(platform: Platform, batch = 200): Promise<number> {
  return inTx({ platform }, async (tx) => {
    // Runs one at a time across instances, so a group split between two runs is seen whole by the second.
    await repo.advisoryXactLock(tx, ESCALATION_LOCK);
    const now = platform.clock.now();
    const rows = await repo.dueForEscalation(tx, now, batch);
    const groups = new Map<string, repo.ObligationRow[]>();
    for (const o of rows) groups.set(escalationGroup(o), [...(groups.get(escalationGroup(o)) ?? []), o]);
    for (const group of groups.values()) {
      const o = group[0]!;
      const title = {
        'zh-CN': `逾期未办：${o.title['zh-CN']}`,
        'en-US': `Overdue: ${o.title['en-US']}`,
      };
      const about = { link: o.link, subjectType: o.subjectType, subjectId: o.subjectId };
      // A batch limit may have split the group: then an earlier run alerted the next level already.
      if (o.escalationRole && !(await repo.groupAlreadyEscalated(tx, o))) {
        await notifyRole(tx, platform, o.escalationRole, o.placePath, { kind: 'obligation.escalated', title, ...about });
      }
      const users = group.map((x) => x.responsibleUserId).filter((id): id is number => id !== null);
      if (users.length > 0) await notifyUsers(tx, platform, users, { kind: 'obligation.overdue', title, ...about });
      for (const role of new Set(group.filter((x) => x.responsibleUserId === null && x.responsibleRole).map((x) => x.responsibleRole!))) {
        await notifyRole(tx, platform, role, o.placePath, { kind: 'obligation.overdue', title, ...about });
      }
      await repo.markEscalated(
        tx,
        group.map((x) => x.id),
        now,
      );
    }
    return rows.length;
  });
}

/** The advisory lock key of the escalation run (any constant distinct from the scheduler's job keys). */
const ESCALATION_LOCK = 0x6a79_0e5c;

/** What a workflow gives to start a recurring duty of its own (e.g. daily supplies to sealed households). */
export interface RecurringDuty {
  kind: string;
  title: LocalizedText;
  placeId: number;
  targetType: string | null;
  responsibleRole: Role;
  times: string[];
  startsOn: string;
  escalateAfterMinutes: number | null;
  createdBy: number | null;
}

/**
 * Starts a daily recurring duty in the caller's transaction and returns its rule id; call
 * `generateForRules(platform, [id])` after commit to open its obligations a week ahead.
 */
export async function startRecurringDuty(ex: Executor, d: RecurringDuty): Promise<number> {
  return repo.insertRule(ex, {
    kind: d.kind,
    title: d.title,
    placeId: d.placeId,
    targetType: d.targetType,
    responsibleRole: d.responsibleRole,
    recurrence: 'daily',
    interval: 1,
    times: d.times,
    startsOn: d.startsOn,
    escalateAfterMinutes: d.escalateAfterMinutes,
    active: true,
    createdBy: d.createdBy,
  });
}

/** Ends a recurring duty in the caller's transaction: its open obligations are cancelled with the reason. */
export async function endRecurringDuty(ex: Executor, platform: Pick<Platform, 'clock'>, ruleId: number, reason: string, endsOn: string) {
  const now = platform.clock.now();
  await repo.cancelFutureOfRule(ex, ruleId, new Date(0), reason, now);
  await repo.setRuleFields(ex, ruleId, { active: false, endsOn, updatedAt: now });
}
