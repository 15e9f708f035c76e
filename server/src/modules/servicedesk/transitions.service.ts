import type { OrderTransition, Stage } from '@jiayuan/contracts';
import { can } from '../../platform/access/actor.js';
import { recordAudit } from '../../platform/audit/audit.service.js';
import { inTx, type AfterCommit, type Ctx } from '../../platform/context.js';
import type { Tx } from '../../platform/db/database.js';
import { commonErrors } from '../../platform/errors/common-errors.js';
import { cancelObligations } from '../../platform/obligations/obligations.service.js';
import { completeStage, duesAfterPause, freshDues, nextDue, SUBJECT, syncObligations } from './clocks.js';
import { adjustFigures } from './figures.rollup.js';
import { notifyReporter, type ReporterStep } from './notices.js';
import { getOrder, loadVisible, publishChange, whoIs } from './orders.service.js';
import * as repo from './servicedesk.repository.js';
import { sdErrors } from './servicedesk.errors.js';
import { inputGuard, mergeGuard, nextStatus, whoGuard, type Action, type Who } from './servicedesk.workflow.js';

const PERMISSION: Record<Action, 'servicedesk.work' | 'servicedesk.dispatch'> = {
  dispatch: 'servicedesk.dispatch',
  take: 'servicedesk.work',
  accept: 'servicedesk.work',
  arrive: 'servicedesk.work',
  resolve: 'servicedesk.work',
  reply: 'servicedesk.work',
  callback: 'servicedesk.work',
  pause: 'servicedesk.work',
  resume: 'servicedesk.work',
  transfer: 'servicedesk.dispatch',
  acceptTransfer: 'servicedesk.work',
  rejectTransfer: 'servicedesk.work',
  cancel: 'servicedesk.dispatch',
  reopen: 'servicedesk.dispatch',
  merge: 'servicedesk.dispatch',
};

/** Which stage an action completes. */
const COMPLETES: Partial<Record<Action, Stage>> = { accept: 'accept', arrive: 'arrive', resolve: 'resolve', reply: 'resolve' };

interface Applied {
  values: Partial<repo.OrderInsert>;
  note: string | null;
  reporter: ReporterStep | null;
  /** The holder, team or pause changed: the to-do obligations are rebuilt. */
  resync: boolean;
}

/** The state change of each action; guards have already passed. */
async function apply(tx: Tx, ctx: Ctx, o: repo.OrderRow, t: OrderTransition, to: repo.OrderRow['status'], now: Date): Promise<Applied> {
  const me = ctx.actor.userId;
  const cat = (await repo.findCategory(tx, o.categoryId))!;
  const v: Partial<repo.OrderInsert> = { status: to };
  // 首问责任: the first staff member who takes the matter owns it until it is closed.
  if (o.ownerUserId === null && me !== null && ctx.actor.residentId === null) v.ownerUserId = me;
  switch (t.action) {
    case 'dispatch':
      return { values: { ...v, assigneeUserId: t.assigneeUserId }, note: null, reporter: o.kind === 'repair' ? 'dispatched' : null, resync: true };
    case 'take':
      return { values: { ...v, assigneeUserId: me }, note: null, reporter: 'dispatched', resync: true };
    case 'accept':
      return { values: { ...v, acceptedAt: now }, note: null, reporter: 'accepted', resync: false };
    case 'arrive':
      return { values: { ...v, arrivedAt: now, acceptedAt: o.acceptedAt ?? now }, note: null, reporter: 'on_site', resync: false };
    case 'resolve':
      return {
        values: { ...v, resolvedAt: now, firstVisitFix: o.reopenCount > 0 ? false : t.firstVisitFix, workDone: t.workDone, materials: t.materials ?? null },
        note: t.workDone,
        reporter: 'resolved',
        resync: false,
      };
    case 'reply':
      return { values: { ...v, resolvedAt: now, reply: t.reply }, note: t.reply, reporter: 'replied', resync: false };
    case 'callback':
      return { values: { ...v, closedAt: now, rating: t.rating, ratingNote: t.note ?? null }, note: t.rating ? `${t.rating}/5${t.note ? ` ${t.note}` : ''}` : (t.note ?? null), reporter: 'closed', resync: true };
    case 'pause':
      return { values: { ...v, pausedAt: now, pausedFrom: o.status, pauseReason: t.reason }, note: t.reason, reporter: 'waiting', resync: true };
    case 'resume':
      return { values: { ...v, pausedAt: null, pausedFrom: null, ...duesAfterPause(ctx.platform, o, cat.limits, now) }, note: null, reporter: 'resumed', resync: true };
    case 'transfer':
      if (o.kind === 'repair') return { values: { ...v, teamId: t.toTeamId, assigneeUserId: null }, note: t.reason, reporter: null, resync: true };
      return { values: { ...v, transferToTeamId: t.toTeamId, transferRequestedBy: me, transferReason: t.reason, transferAt: now }, note: t.reason, reporter: null, resync: false };
    case 'acceptTransfer':
      return {
        values: { ...v, teamId: o.transferToTeamId, assigneeUserId: null, transferToTeamId: null, transferRequestedBy: null, transferReason: null, transferAt: null },
        note: null,
        reporter: null,
        resync: true,
      };
    case 'rejectTransfer':
      return { values: { ...v, transferToTeamId: null, transferRequestedBy: null, transferReason: null, transferAt: null }, note: t.reason, reporter: null, resync: false };
    case 'cancel':
      return { values: { ...v, closedAt: now, cancelReason: t.reason, pausedAt: null }, note: t.reason, reporter: 'cancelled', resync: true };
    case 'reopen': {
      const dues = freshDues(ctx.platform, o.kind, cat.limits, now);
      const round: Partial<repo.OrderInsert> =
        o.kind === 'repair'
          ? { ...dues, acceptedAt: null, arrivedAt: null, resolvedAt: null, assigneeUserId: null }
          : { resolveDueAt: dues.resolveDueAt, resolvedAt: null, reply: null };
      return {
        values: { ...v, ...round, clockStartAt: now, closedAt: null, rating: null, ratingNote: null, firstVisitFix: o.kind === 'repair' ? false : o.firstVisitFix, reopenCount: o.reopenCount + 1 },
        note: t.reason,
        reporter: 'reopened',
        resync: true,
      };
    }
  }
}

/** Checks in the order users understand them: may you at all, is it the right moment, is it yours to do. */
function guard(ctx: Ctx, o: repo.OrderRow, action: Action, who: Who, version: number) {
  if (!can(ctx.actor, PERMISSION[action])) throw commonErrors.FORBIDDEN();
  if (o.version !== version) throw commonErrors.STALE_VERSION();
  const to = nextStatus(o, action);
  const err = whoGuard(o, action, who);
  if (err) throw err;
  return to;
}

async function record(tx: Tx, ctx: Ctx, afterCommit: AfterCommit, before: repo.OrderRow, after: repo.OrderRow, action: Action, applied: Pick<Applied, 'note' | 'reporter'>, now: Date) {
  await repo.insertEvent(tx, { orderId: after.id, at: now, action, actorUserId: ctx.actor.userId, actorName: ctx.actor.name, note: applied.note });
  await adjustFigures(tx, ctx.platform, before, after);
  const pick = (r: repo.OrderRow) => ({ status: r.status, teamId: r.teamId, assigneeUserId: r.assigneeUserId, ownerUserId: r.ownerUserId, transferToTeamId: r.transferToTeamId, nextDueAt: r.nextDueAt, rating: r.rating });
  await recordAudit(tx, ctx, { action: `servicedesk.${action}`, entityType: 'sd_order', entityId: after.id, before: pick(before), after: { ...pick(after), note: applied.note } });
  if (applied.reporter) await notifyReporter(tx, ctx.platform, afterCommit, after, applied.reporter, applied.note);
  await publishChange(tx, ctx, after);
}

/** One step of an order's workflow, in one transaction; a concurrent change loses with 409. */
export async function transition(ctx: Ctx, id: number, t: OrderTransition) {
  await inTx(ctx, async (tx, afterCommit) => {
    const who = await whoIs(tx, ctx);
    const o = await loadVisible(tx, ctx, id, who);
    const to = guard(ctx, o, t.action, who, t.version);
    if (t.action === 'dispatch') {
      const err = inputGuard(o, t, { assigneeTeamIds: await repo.teamIdsOf(tx, t.assigneeUserId) });
      if (err) throw err;
    }
    if (t.action === 'transfer') {
      const target = await repo.findTeam(tx, t.toTeamId);
      const err = inputGuard(o, t, { targetTeam: target ?? null });
      if (err) throw err;
    }
    const now = ctx.platform.clock.now();
    const applied = await apply(tx, ctx, o, t, to, now);
    const merged = { ...o, ...applied.values } as repo.OrderRow;
    applied.values.nextDueAt = nextDue(merged);
    const after = await repo.updateOrderFrom(tx, id, o.status, o.version, applied.values, now);
    if (!after) throw commonErrors.STALE_VERSION();
    const stage = COMPLETES[t.action];
    if (stage) {
      await completeStage(tx, ctx.platform, id, stage, ctx.actor.userId);
      if (t.action === 'arrive' && !o.acceptedAt) await completeStage(tx, ctx.platform, id, 'accept', ctx.actor.userId);
      await repo.markBreachDone(tx, id, stage, o.reopenCount, now);
    }
    if (applied.resync) {
      const cat = (await repo.findCategory(tx, after.categoryId))!;
      const team = after.teamId ? ((await repo.findTeam(tx, after.teamId)) ?? null) : null;
      await syncObligations(tx, ctx.platform, after, cat, team);
    } else if (after.status === 'resolved' || after.status === 'replied') {
      await cancelObligations(tx, ctx.platform, { subjectType: SUBJECT, subjectId: id }, 'resolved');
    }
    await record(tx, ctx, afterCommit, o, after, t.action, applied, now);
  });
  return getOrder(ctx, id);
}

/** Merges a duplicate into the order that carries on; the duplicate's clocks stop. */
export async function merge(ctx: Ctx, id: number, input: { intoId: number; version: number }) {
  await inTx(ctx, async (tx, afterCommit) => {
    const who = await whoIs(tx, ctx);
    const o = await loadVisible(tx, ctx, id, who);
    const to = guard(ctx, o, 'merge', who, input.version);
    const into = await repo.findOrderVisible(tx, ctx.actor, who.teamIds, input.intoId);
    const err = mergeGuard(o, into ?? null);
    if (err) throw err;
    const now = ctx.platform.clock.now();
    const after = await repo.updateOrderFrom(tx, id, o.status, o.version, { status: to, mergedIntoId: into!.id, closedAt: now, nextDueAt: null }, now);
    if (!after) throw commonErrors.STALE_VERSION();
    await cancelObligations(tx, ctx.platform, { subjectType: SUBJECT, subjectId: id }, 'merged');
    await repo.insertEvent(tx, { orderId: into!.id, at: now, action: 'absorbed', actorUserId: ctx.actor.userId, actorName: ctx.actor.name, note: `#${id}` });
    await record(tx, ctx, afterCommit, o, after, 'merge', { note: String(into!.id), reporter: 'merged' }, now);
  });
  return getOrder(ctx, id);
}

/** The resident's callback on the phone: a rating, and fixed or not (reopens it). */
export async function feedback(ctx: Ctx, id: number, input: { rating: number; reopen: boolean; note?: string | null | undefined }) {
  await inTx(ctx, async (tx, afterCommit) => {
    const o = await loadVisible(tx, ctx, id, { userId: ctx.actor.userId, teamIds: [], leaderOf: [] });
    if (o.status !== 'resolved' && o.status !== 'replied') throw sdErrors.SD_FEEDBACK_NOT_NOW();
    const now = ctx.platform.clock.now();
    let values: Partial<repo.OrderInsert>;
    let action: Action;
    if (input.reopen) {
      const cat = (await repo.findCategory(tx, o.categoryId))!;
      const dues = freshDues(ctx.platform, o.kind, cat.limits, now);
      values =
        o.kind === 'repair'
          ? { status: 'received', ...dues, acceptedAt: null, arrivedAt: null, resolvedAt: null, assigneeUserId: null, firstVisitFix: false }
          : { status: 'accepted', resolveDueAt: dues.resolveDueAt, resolvedAt: null, reply: null };
      values = { ...values, rating: input.rating, ratingNote: input.note ?? null, clockStartAt: now, reopenCount: o.reopenCount + 1 };
      action = 'reopen';
    } else {
      values = { status: 'closed', closedAt: now, rating: input.rating, ratingNote: input.note ?? null };
      action = 'callback';
    }
    values.nextDueAt = nextDue({ ...o, ...values } as repo.OrderRow);
    const after = await repo.updateOrderFrom(tx, id, o.status, o.version, values, now);
    if (!after) throw commonErrors.STALE_VERSION();
    const cat = (await repo.findCategory(tx, after.categoryId))!;
    const team = after.teamId ? ((await repo.findTeam(tx, after.teamId)) ?? null) : null;
    await syncObligations(tx, ctx.platform, after, cat, team);
    const note = `${input.rating}/5${input.note ? ` ${input.note}` : ''}`;
    await record(tx, ctx, afterCommit, o, after, action, { note, reporter: input.reopen ? 'reopened' : 'closed' }, now);
  });
  return getOrder(ctx, id);
}
