/* eslint-disable @typescript-eslint/no-explicit-any -- the table of transitions holds steps of different inputs */
import type { OrderTransition, Stage } from '@jiayuan/contracts';
import type { AfterCommit, Ctx } from '../../platform/context.js';
import type { Tx } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors/app-error.js';
import { defineWorkflow, step, transition as runTransition, type TransitionDef } from '../../platform/workflow/workflow.js';
import { completeStage, duesAfterPause, freshDues, nextDue, SUBJECT, syncObligations } from './clocks.js';
import { cancelObligations } from '../../platform/obligations/obligations.service.js';
import { adjustFigures } from './figures.rollup.js';
import { notifyReporter, type ReporterStep } from './notices.js';
import { getOrder, publishChange, whoIs } from './orders.service.js';
import * as repo from './servicedesk.repository.js';
import { sdErrors } from './servicedesk.errors.js';
import { flowOf, inputGuard, mergeGuard, nextStatus, whoGuard, type Action, type Who } from './servicedesk.workflow.js';

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

const ORDER_ACTIONS = Object.keys(PERMISSION).filter((a) => a !== 'merge') as OrderTransition['action'][];

/** Which stage an action completes. */
const COMPLETES: Partial<Record<Action, Stage>> = { accept: 'accept', arrive: 'arrive', resolve: 'resolve', reply: 'resolve' };

interface Applied {
  values: Partial<repo.OrderInsert>;
  note: string | null;
  reporter: ReporterStep | null;
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
      return {
        values: { ...v, closedAt: now, rating: t.rating, ratingNote: t.note ?? null },
        note: t.rating ? `${t.rating}/5${t.note ? ` ${t.note}` : ''}` : (t.note ?? null),
        reporter: 'closed',
        resync: true,
      };
    case 'pause':
      return { values: { ...v, pausedAt: now, pausedFrom: o.status, pauseReason: t.reason }, note: t.reason, reporter: 'waiting', resync: true };
    case 'resume':
      return {
        values: { ...v, pausedAt: null, pausedFrom: null, ...duesAfterPause(ctx.platform, o, cat.limits, now) },
        note: null,
        reporter: 'resumed',
        resync: true,
      };
    case 'transfer':
      if (o.kind === 'repair') return { values: { ...v, teamId: t.toTeamId, assigneeUserId: null }, note: t.reason, reporter: null, resync: true };
      return {
        values: { ...v, transferToTeamId: t.toTeamId, transferRequestedBy: me, transferReason: t.reason, transferAt: now },
        note: t.reason,
        reporter: null,
        resync: false,
      };
    case 'acceptTransfer':
      return {
        values: {
          ...v,
          teamId: o.transferToTeamId,
          assigneeUserId: null,
          transferToTeamId: null,
          transferRequestedBy: null,
          transferReason: null,
          transferAt: null,
        },
        note: null,
        reporter: null,
        resync: true,
      };
    case 'rejectTransfer':
      return {
        values: { ...v, transferToTeamId: null, transferRequestedBy: null, transferReason: null, transferAt: null },
        note: t.reason,
        reporter: null,
        resync: false,
      };
    case 'cancel':
      return { values: { ...v, closedAt: now, cancelReason: t.reason, pausedAt: null }, note: t.reason, reporter: 'cancelled', resync: true };
    case 'reopen': {
      const dues = freshDues(ctx.platform, o.kind, cat.limits, now);
      const round: Partial<repo.OrderInsert> =
        o.kind === 'repair'
          ? { ...dues, acceptedAt: null, arrivedAt: null, resolvedAt: null, assigneeUserId: null }
          : { resolveDueAt: dues.resolveDueAt, resolvedAt: null, reply: null };
      return {
        values: {
          ...v,
          ...round,
          clockStartAt: now,
          closedAt: null,
          rating: null,
          ratingNote: null,
          firstVisitFix: o.kind === 'repair' ? false : o.firstVisitFix,
          reopenCount: o.reopenCount + 1,
        },
        note: t.reason,
        reporter: 'reopened',
        resync: true,
      };
    }
  }
}

interface Prep {
  who: Who;
  /** The team an order is transferred to, the assignee's teams, the order a duplicate is merged into. */
  targetTeam?: repo.TeamRow | null;
  assigneeTeamIds?: readonly number[];
  into?: repo.OrderRow | null;
}

interface Out {
  values: Partial<repo.OrderRow>;
  note: string | null;
  reporter: ReporterStep | null;
  /** The holder, team or pause changed: the to-do obligations are rebuilt. */
  resync: boolean;
}

/** What of an order the audit log keeps before and after a step. */
const orderView = (r: repo.OrderRow) => ({
  status: r.status,
  teamId: r.teamId,
  assigneeUserId: r.assigneeUserId,
  ownerUserId: r.ownerUserId,
  transferToTeamId: r.transferToTeamId,
  nextDueAt: r.nextDueAt,
  rating: r.rating,
});

const staffActor = (ctx: Ctx) => ctx.actor.kind !== 'user' || ctx.actor.residentId === null;

async function resyncObligations(tx: Tx, ctx: Ctx, after: repo.OrderRow) {
  const cat = (await repo.findCategory(tx, after.categoryId))!;
  const team = after.teamId ? ((await repo.findTeam(tx, after.teamId)) ?? null) : null;
  await syncObligations(tx, ctx.platform, after, cat, team);
}

/** The order's history row, its figures, the reporter's notice and the boards' live update: every step writes them. */
async function recordStep(
  tx: Tx,
  ctx: Ctx,
  afterCommit: AfterCommit,
  before: repo.OrderRow,
  after: repo.OrderRow,
  action: Action,
  applied: Pick<Out, 'note' | 'reporter'>,
  now: Date,
  eventOrderId = after.id,
) {
  await repo.insertEvent(tx, { orderId: eventOrderId, at: now, action, actorUserId: ctx.actor.userId, actorName: ctx.actor.name, note: applied.note });
  await adjustFigures(tx, ctx.platform, before, after);
  if (applied.reporter) await notifyReporter(tx, ctx.platform, afterCommit, after, applied.reporter, applied.note);
  await publishChange(tx, ctx, after);
}

/** A staff step of an order: the flow of its kind (servicedesk.workflow.ts) run by the kernel. */
function staffStep(action: OrderTransition['action']) {
  return step<repo.OrderRow, OrderTransition, Prep, Out>({
    from: (o) => flowOf(o.kind)[action]?.from ?? [],
    to: (o) => nextStatus(o, action),
    permission: PERMISSION[action],
    async prepare(tx, ctx, _o, t) {
      const who = await whoIs(tx, ctx);
      if (t.action === 'dispatch') return { who, assigneeTeamIds: await repo.teamIdsOf(tx, t.assigneeUserId) };
      if (t.action === 'transfer') return { who, targetTeam: (await repo.findTeam(tx, t.toTeamId)) ?? null };
      return { who };
    },
    guard: (o, t, _now, prep) => (t.action === 'dispatch' || t.action === 'transfer' ? inputGuard(o, t, prep) : null),
    policy: (ctx, o, prep) => staffActor(ctx) && (whoGuard(o, action, prep.who) ?? true),
    async apply({ tx, ctx, row, input, now }) {
      const applied = await apply(tx, ctx, row, input, nextStatus(row, action), now);
      const values = { ...applied.values, nextDueAt: nextDue({ ...row, ...applied.values } as repo.OrderRow) } as Partial<repo.OrderRow>;
      return { ...applied, values };
    },
    async effects({ tx, ctx, row: o, after, now, applied, afterCommit }) {
      const stage = COMPLETES[action];
      if (stage) {
        await completeStage(tx, ctx.platform, o.id, stage, ctx.actor.userId);
        if (action === 'arrive' && !o.acceptedAt) await completeStage(tx, ctx.platform, o.id, 'accept', ctx.actor.userId);
        await repo.markBreachDone(tx, o.id, stage, o.reopenCount, now);
      }
      if (applied.resync) await resyncObligations(tx, ctx, after);
      else if (after.status === 'resolved' || after.status === 'replied')
        await cancelObligations(tx, ctx.platform, { subjectType: SUBJECT, subjectId: o.id }, 'resolved');
      await recordStep(tx, ctx, afterCommit, o, after, action, applied, now);
    },
  });
}

/** The order's workflow: every step of staff and of the reporting resident, through the kernel (audit: servicedesk.order.<verb>). */
export const orderWorkflow = defineWorkflow<repo.OrderRow, Record<Action | 'feedback', TransitionDef<repo.OrderRow, any, Prep, Out>>>(
  {
    module: 'servicedesk',
    entity: 'order',
    entityType: 'sd_order',
    load: async (tx, ctx, id) => repo.findOrderVisible(tx, ctx.actor, (await whoIs(tx, ctx)).teamIds, id, true),
    update: (tx, o, values, now) => repo.updateOrderFrom(tx, o.id, o.status, o.version, values as Partial<repo.OrderInsert>, now),
    wrongState: () => sdErrors.SD_ACTION_NOT_ALLOWED_NOW(),
    auditView: orderView,
  },
  {
    ...(Object.fromEntries(ORDER_ACTIONS.map((a) => [a, staffStep(a)])) as Record<
      OrderTransition['action'],
      TransitionDef<repo.OrderRow, OrderTransition, Prep, Out>
    >),
    /** Merges a duplicate into the order that carries on; the duplicate's clocks stop. */
    merge: step<repo.OrderRow, { intoId: number; version: number }, Prep, Out>({
      from: (o) => flowOf(o.kind).merge?.from ?? [],
      to: 'merged',
      permission: 'servicedesk.dispatch',
      prepare: async (tx, ctx, _o, input) => {
        const who = await whoIs(tx, ctx);
        return { who, into: (await repo.findOrderVisible(tx, ctx.actor, who.teamIds, input.intoId)) ?? null };
      },
      guard: (o, _input, _now, prep) => mergeGuard(o, prep.into ?? null),
      policy: (ctx, o, prep) => staffActor(ctx) && (whoGuard(o, 'merge', prep.who) ?? true),
      apply: ({ now, prep }) => ({
        values: { mergedIntoId: prep.into!.id, closedAt: now, nextDueAt: null },
        note: String(prep.into!.id),
        reporter: 'merged',
        resync: false,
      }),
      async effects({ tx, ctx, row: o, after, now, prep, applied, afterCommit }) {
        await cancelObligations(tx, ctx.platform, { subjectType: SUBJECT, subjectId: o.id }, 'merged');
        await repo.insertEvent(tx, {
          orderId: prep.into!.id,
          at: now,
          action: 'absorbed',
          actorUserId: ctx.actor.userId,
          actorName: ctx.actor.name,
          note: `#${o.id}`,
        });
        await recordStep(tx, ctx, afterCommit, o, after, 'merge', applied, now);
      },
    }),
    /** The resident's callback on the phone: a rating, and fixed (closed) or not (reopened). Their own order only. */
    feedback: step<repo.OrderRow, { rating: number; reopen: boolean; note?: string | null | undefined }, Prep, Out>({
      from: ['resolved', 'replied'],
      to: (o, input) => (!input.reopen ? 'closed' : o.kind === 'repair' ? 'received' : 'accepted'),
      permission: null,
      prepare: async (tx, ctx) => ({ who: await whoIs(tx, ctx) }),
      policy: (ctx) => ctx.actor.residentId !== null,
      async apply({ tx, ctx, row: o, input, now }) {
        let values: Partial<repo.OrderRow>;
        if (input.reopen) {
          const cat = (await repo.findCategory(tx, o.categoryId))!;
          const dues = freshDues(ctx.platform, o.kind, cat.limits, now);
          values =
            o.kind === 'repair'
              ? { ...dues, acceptedAt: null, arrivedAt: null, resolvedAt: null, assigneeUserId: null, firstVisitFix: false }
              : { resolveDueAt: dues.resolveDueAt, resolvedAt: null, reply: null };
          values = { ...values, clockStartAt: now, reopenCount: o.reopenCount + 1 };
        } else values = { closedAt: now };
        values = { ...values, rating: input.rating, ratingNote: input.note ?? null };
        const to = !input.reopen ? 'closed' : o.kind === 'repair' ? 'received' : 'accepted';
        values.nextDueAt = nextDue({ ...o, ...values, status: to } as repo.OrderRow);
        return { values, note: `${input.rating}/5${input.note ? ` ${input.note}` : ''}`, reporter: input.reopen ? 'reopened' : 'closed', resync: true };
      },
      async effects({ tx, ctx, row: o, after, input, now, applied, afterCommit }) {
        await resyncObligations(tx, ctx, after);
        await recordStep(tx, ctx, afterCommit, o, after, input.reopen ? 'reopen' : 'callback', applied, now);
      },
    }),
  },
);

/** One step of an order's workflow, in one transaction; a concurrent change loses with 409. */
export async function transition(ctx: Ctx, id: number, t: OrderTransition) {
  await runTransition(ctx, orderWorkflow, t.action, id, t);
  return getOrder(ctx, id);
}

/** Merges a duplicate into the order that carries on. */
export async function merge(ctx: Ctx, id: number, input: { intoId: number; version: number }) {
  await runTransition(ctx, orderWorkflow, 'merge', id, input);
  return getOrder(ctx, id);
}

/** The resident's rating of their own resolved order: closes it, or reopens it when it was not fixed. */
export async function feedback(ctx: Ctx, id: number, input: { rating: number; reopen: boolean; note?: string | null | undefined }) {
  try {
    await runTransition(ctx, orderWorkflow, 'feedback', id, input);
  } catch (err) {
    // A resident is told when rating is possible, not that the workflow refused a state.
    if (err instanceof AppError && err.code === 'SD_ACTION_NOT_ALLOWED_NOW') throw sdErrors.SD_FEEDBACK_NOT_NOW();
    throw err;
  }
  return getOrder(ctx, id);
}
