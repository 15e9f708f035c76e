/* eslint-disable @typescript-eslint/no-explicit-any -- the table of transitions holds steps of different inputs */
import { parseIdNumber, type HealthDeclaration, type Measure } from '@jiayuan/contracts';
import { inPlaceScope } from '../../platform/access/actor.js';
import { recordAudit } from '../../platform/audit/audit.service.js';
import { inTx, type Ctx } from '../../platform/context.js';
import type { Executor, Tx } from '../../platform/db/database.js';
import { notifyRole, notifyUsers } from '../../platform/notifications/notifications.service.js';
import * as places from '../../platform/places/places.repository.js';
import { localDate } from '../../platform/time.js';
import { defineWorkflow, step, transition, type Step, type TransitionDef } from '../../platform/workflow/workflow.js';
import { openObservationCase } from '../observation/index.js';
import { registerArrival } from '../registry/index.js';
import { inboundErrors } from './inbound.errors.js';
import { cancelSteps, completeStep, openStep } from './inbound.obligations.js';
import { requestPolicy } from './inbound.policy.js';
import { reference } from './inbound.present.js';
import * as repo from './inbound.repository.js';
import { arrivalDeadline, assertNoOpenRequest, auditView, event, getRequest, publishRequest, refusingDuplicates, routeSuggestion } from './inbound.service.js';
import { deadlinesOf } from './inbound.settings.js';
import {
  TRANSITIONS,
  guardAppeal,
  guardApprove,
  guardCheckIn,
  guardReroute,
  guardRoute,
  guardSelfReport,
  statusConflict,
  type TransitionName,
} from './inbound.workflow.js';

type Row = repo.RequestRow;
type Prep = { communityId?: number; community?: { id: number; path: string } } | undefined;

const minutes = (ctx: Ctx, m: number) => new Date(ctx.platform.clock.now().getTime() + m * 60000);

async function targetCommunity(ctx: Ctx, tx: Executor, id: number) {
  const c = await places.findPlace(tx, id);
  if (!c || c.type !== 'community' || !inPlaceScope(ctx.actor, c.path)) throw inboundErrors.INBOUND_ROUTE_COMMUNITY_REQUIRED().onField('communityId');
  return c;
}

/** Every step writes the request's history row and tells the open queues. */
async function recorded(s: Step<Row, unknown, unknown> & { before: Row; after: Row }, verb: TransitionName, reason: string | null) {
  await event(s.tx, s.ctx, s.after, verb, s.before.status, s.after.status, reason);
  await publishRequest(s.tx, s.ctx, s.after, verb);
}

/** A step of the loop: its states from TRANSITIONS (inbound.workflow.ts), its party from the request policy. */
function loopStep<Input extends { version?: number }, P = Prep>(
  name: TransitionName,
  def: Omit<TransitionDef<Row, Input, P>, 'from' | 'to' | 'policy'>,
): TransitionDef<Row, Input, P> {
  const t = TRANSITIONS[name];
  return step<Row, Input, P>({ from: t.from, to: t.to, policy: (ctx, r) => requestPolicy.allows(ctx.actor, name, r), ...def });
}

type RouteInput = { communityId?: number | undefined; reason?: string | null | undefined; version: number };
type ApproveInput = { measure: Measure; note?: string | null | undefined; version: number };
type ResubmitInput = {
  plannedArrival?: string | undefined;
  fromCity?: string | undefined;
  fromRisk?: 'low' | 'medium' | 'high' | undefined;
  health?: HealthDeclaration | undefined;
  version: number;
};
type AppealInput = { text: string; plannedArrival?: string | undefined; health?: HealthDeclaration | undefined; version: number };
type CheckInInput = { method: 'scan' | 'self_report' | 'manual'; dwellingId?: number | null | undefined; version: number };

const sealedHealth = (h: HealthDeclaration) => ({ ...h, temperature: h.temperature ?? null, note: h.note ?? null });

/** The six-step loop on the workflow kernel (audit: inbound.request.<verb>). */
export const requestWorkflow = defineWorkflow<Row, Record<TransitionName, TransitionDef<Row, any, any, any>>>(
  {
    module: 'inbound',
    entity: 'request',
    entityType: 'inbound_request',
    load: (tx, ctx, id) => repo.findInScope(tx, ctx.actor, id, true),
    update: (tx, r, values, now) => repo.transition(tx, r.id, r.status, r.version, values as Partial<repo.RequestInsert>, now),
    wrongState: (r) => statusConflict(r.status),
    auditView,
  },
  {
    /** Step 2: the department routes the request to the residence community (or another, with a reason). */
    route: loopStep<RouteInput, { suggested: number | null }>('route', {
      permission: 'inbound.route',
      prepare: async (tx, _ctx, r) => ({ suggested: (await routeSuggestion(tx, r))?.communityId ?? null }),
      guard: (r, input, _now, prep) => guardRoute({ status: r.status, suggestedCommunityId: prep.suggested }, input.communityId ?? null, input.reason ?? null),
      async apply({ tx, ctx, input, prep, now }) {
        const c = await targetCommunity(ctx, tx, input.communityId ?? prep.suggested!);
        const d = await deadlinesOf(tx, c.id);
        return {
          values: { communityId: c.id, communityPath: c.path, routedAt: now, routedBy: ctx.actor.userId, dueAt: minutes(ctx, d.reviewMinutes) },
          note: input.reason ?? null,
        };
      },
      async effects(s) {
        const { tx, ctx, row: r, after } = s;
        await completeStep(tx, ctx.platform, r, 'route', ctx.actor.userId);
        await openStep(tx, after, 'review', after.dueAt!);
        await notifyRole(tx, ctx.platform, 'community_staff', after.communityPath!, {
          kind: 'inbound.review',
          title: {
            'zh-CN': `新的返程申请待审核：${after.name}（${reference(after.id)}）`,
            'en-US': `Return request to review: ${after.name} (${reference(after.id)})`,
          },
          link: `/inbound/requests/${after.id}`,
          subjectType: 'inbound_request',
          subjectId: after.id,
        });
        await recorded(s, 'route', s.input.reason ?? null);
      },
    }),
    /** The department moves a request under review to another community, with a reason. */
    reroute: loopStep<RouteInput, undefined>('reroute', {
      permission: 'inbound.route',
      guard: (r, input) => guardReroute(r, input.communityId ?? null, input.reason ?? null),
      async apply({ tx, ctx, input, now }) {
        const c = await targetCommunity(ctx, tx, input.communityId!);
        const d = await deadlinesOf(tx, c.id);
        return {
          values: { communityId: c.id, communityPath: c.path, routedAt: now, routedBy: ctx.actor.userId, dueAt: minutes(ctx, d.reviewMinutes) },
          note: input.reason ?? null,
        };
      },
      async effects(s) {
        await cancelSteps(s.tx, s.ctx.platform, s.row, 're-routed');
        await openStep(s.tx, s.after, 'review', s.after.dueAt!);
        await recorded(s, 'reroute', s.input.reason ?? null);
      },
    }),
    /** Step 3 (approve) with the control measure; the notice becomes valid until the arrival deadline. */
    approve: loopStep<ApproveInput, undefined>('approve', {
      permission: 'inbound.review',
      guard: (r, input) => guardApprove(r, input.measure),
      async apply({ tx, ctx, row: r, input, now }) {
        const d = await deadlinesOf(tx, r.communityId);
        const validUntil = arrivalDeadline(r.plannedArrival, d.arrivalGraceDays, ctx.platform.config.timezone);
        return {
          values: {
            measure: input.measure,
            decisionReason: input.note ?? null,
            decidedAt: now,
            decidedBy: ctx.actor.userId,
            decidedByName: ctx.actor.name,
            noticeValidUntil: validUntil,
            dueAt: minutes(ctx, d.notifyMinutes),
          },
          note: input.note ?? null,
        };
      },
      async effects(s) {
        const { tx, ctx, row: r, now, afterCommit } = s;
        await completeStep(tx, ctx.platform, r, 'review', ctx.actor.userId);
        await recorded(s, 'approve', s.input.note ?? null);
        await pushResult(tx, ctx, s.after);
        if (s.after.source === 'self') {
          // Nobody stands between a self-declarer and their result: the text and status page tell them.
          const validUntil = s.after.noticeValidUntil!;
          const notified = (await repo.transition(tx, s.after.id, 'approved', null, { status: 'notified', notifiedAt: now, dueAt: validUntil }, now))!;
          await event(tx, ctx, notified, 'markNotified', 'approved', 'notified', '本人申报：短信及申报状态页通知');
          await openStep(tx, notified, 'arrival', validUntil);
          afterCommit(() => textPerson(ctx, notified));
        } else await openStep(tx, s.after, 'notify', s.after.dueAt!);
      },
    }),
    /** Step 3 (reject), with the reason the person will read. */
    reject: loopStep<{ reason: string; version: number }, undefined>('reject', {
      permission: 'inbound.review',
      apply: ({ ctx, input, now }) => ({
        values: { measure: null, decisionReason: input.reason, decidedAt: now, decidedBy: ctx.actor.userId, decidedByName: ctx.actor.name, dueAt: null },
        note: input.reason,
      }),
      async effects(s) {
        await completeStep(s.tx, s.ctx.platform, s.row, 'review', s.ctx.actor.userId);
        await recorded(s, 'reject', s.input.reason);
        await pushResult(s.tx, s.ctx, s.after);
        if (s.after.source === 'self') s.afterCommit(() => textPerson(s.ctx, s.after));
      },
    }),
    /** Step 5: the liaison has told the person; the community now expects them by the arrival deadline. */
    markNotified: loopStep<{ version: number }, undefined>('markNotified', {
      permission: 'inbound.submit',
      apply: ({ ctx, row: r, now }) => ({ values: { notifiedAt: now, notifiedBy: ctx.actor.userId, dueAt: r.noticeValidUntil } }),
      async effects(s) {
        await completeStep(s.tx, s.ctx.platform, s.row, 'notify', s.ctx.actor.userId);
        await openStep(s.tx, s.after, 'arrival', s.row.noticeValidUntil!);
        await recorded(s, 'markNotified', null);
      },
    }),
    withdraw: loopStep<{ reason: string; version: number }, undefined>('withdraw', {
      permission: 'inbound.submit',
      apply: ({ input, now }) => ({ values: { withdrawnAt: now, dueAt: null }, note: input.reason }),
      async effects(s) {
        await cancelSteps(s.tx, s.ctx.platform, s.row, 'withdrawn');
        await recorded(s, 'withdraw', s.input.reason);
      },
    }),
    /** A withdrawn request is sent again (with changes, if any) and waits for routing afresh. */
    resubmit: loopStep<ResubmitInput, undefined>('resubmit', {
      permission: 'inbound.submit',
      async apply({ tx, ctx, row: r, input, now }) {
        await assertNoOpenRequest(tx, r.residentId, r.idNumberBi);
        const d = await deadlinesOf(tx, r.communityId);
        return {
          values: {
            plannedArrival: input.plannedArrival ?? r.plannedArrival,
            fromCity: input.fromCity ?? r.fromCity,
            fromRisk: input.fromRisk ?? r.fromRisk,
            health: input.health ? sealedHealth(input.health) : r.health,
            communityPath: null,
            routedAt: null,
            submittedAt: now,
            withdrawnAt: null,
            dueAt: minutes(ctx, d.routeMinutes),
          },
        };
      },
      async effects(s) {
        await openStep(s.tx, s.after, 'route', s.after.dueAt!);
        await recorded(s, 'resubmit', null);
      },
    }),
    /** One appeal of a rejection, with new information: back to the same community's review. */
    appeal: loopStep<AppealInput, undefined>('appeal', {
      permission: 'inbound.submit',
      guard: (r) => guardAppeal(r),
      async apply({ tx, ctx, row: r, input }) {
        const d = await deadlinesOf(tx, r.communityId);
        return {
          values: {
            appealCount: r.appealCount + 1,
            appealText: input.text,
            plannedArrival: input.plannedArrival ?? r.plannedArrival,
            health: input.health ? sealedHealth(input.health) : r.health,
            decidedAt: null,
            decidedBy: null,
            decidedByName: null,
            dueAt: minutes(ctx, d.reviewMinutes),
          },
          note: input.text,
        };
      },
      async effects(s) {
        await openStep(s.tx, s.after, 'review', s.after.dueAt!);
        await notifyRole(s.tx, s.ctx.platform, 'community_staff', s.after.communityPath!, {
          kind: 'inbound.appeal',
          title: {
            'zh-CN': `返程申请申诉待复核：${s.after.name}（${reference(s.after.id)}）`,
            'en-US': `Appeal to review: ${s.after.name} (${reference(s.after.id)})`,
          },
          link: `/inbound/requests/${s.after.id}`,
          subjectType: 'inbound_request',
          subjectId: s.after.id,
        });
        await recorded(s, 'appeal', s.input.text);
      },
    }),
    /**
     * Step 6: the person checks in with the community on arrival (the notice scanned, or their own
     * report confirmed); they are registered at the dwelling if new, and the control measure opens.
     */
    checkIn: loopStep<CheckInInput, undefined>('checkIn', {
      permission: 'inbound.checkin',
      guard: (r, _input, now) => guardCheckIn(r, now),
      async apply({ tx, ctx, row: r, input, now }) {
        let residentId = r.residentId;
        let dwelling = r.dwellingId !== null ? { id: r.dwellingId, path: r.dwellingPath! } : null;
        if (input.dwellingId && input.dwellingId !== r.dwellingId) {
          const d = await places.findPlaceInScope(tx, ctx.actor, input.dwellingId);
          if (!d || d.type !== 'dwelling' || !d.path.startsWith(r.communityPath ?? '\0')) throw inboundErrors.INBOUND_DWELLING_REQUIRED().onField('dwellingId');
          if (!residentId) dwelling = { id: d.id, path: d.path };
        }
        if (!residentId) {
          if (!dwelling) throw inboundErrors.INBOUND_DWELLING_REQUIRED().onField('dwellingId');
          const facts = r.idNumberEnc ? parseIdNumber(ctx.platform.cipher.decrypt('idNumber', r.idNumberEnc)) : null;
          residentId = await registerArrival(tx, ctx, {
            name: r.name,
            idNumberEnc: r.idNumberEnc!,
            idNumberBi: r.idNumberBi!,
            phoneEnc: r.phoneEnc,
            phoneBi: r.phoneBi,
            birthDate: facts?.ok ? facts.value.birthDate : null,
            sex: facts?.ok ? facts.value.sex : null,
            dwellingId: dwelling.id,
            employerId: r.employerId,
          });
        }
        let caseId: number | null = null;
        if (r.measure && r.measure.kind !== 'none') {
          caseId = await openObservationCase(tx as Tx, ctx, {
            residentId,
            kind: r.measure.kind,
            reason: `返程人员（${r.fromCity}，${reference(r.id)}）`,
            startsOn: localDate(now, ctx.platform.config.timezone),
            startedAt: now,
            plannedDays: r.measure.days,
            basis: 'arrival',
            source: { type: 'inbound_request', id: r.id },
          });
        }
        return {
          values: {
            arrivedAt: now,
            arrivedBy: ctx.actor.userId,
            checkInMethod: input.method,
            residentId,
            dwellingId: dwelling?.id ?? r.dwellingId,
            dwellingPath: dwelling?.path ?? r.dwellingPath,
            observationCaseId: caseId,
            dueAt: null,
          },
          note: input.method,
        };
      },
      async effects(s) {
        await completeStep(s.tx, s.ctx.platform, s.row, 'notify', s.ctx.actor.userId);
        await completeStep(s.tx, s.ctx.platform, s.row, 'arrival', s.ctx.actor.userId);
        await recorded(s, 'checkIn', s.input.method);
      },
    }),
  },
);

/** Step 4: the result goes to the employer's liaisons and the submitter at once; a self-declarer gets a text. */
async function pushResult(tx: Tx, ctx: Ctx, r: repo.RequestRow) {
  const approved = r.status !== 'rejected';
  const users = new Set<number>(r.employerId ? await repo.liaisonsOf(tx, r.employerId) : []);
  if (r.submittedBy) users.add(r.submittedBy);
  await notifyUsers(tx, ctx.platform, [...users], {
    kind: approved ? 'inbound.approved' : 'inbound.rejected',
    title: approved
      ? { 'zh-CN': `返程申请已通过：${r.name}（${reference(r.id)}）`, 'en-US': `Return request approved: ${r.name} (${reference(r.id)})` }
      : { 'zh-CN': `返程申请未通过：${r.name}（${reference(r.id)}）`, 'en-US': `Return request rejected: ${r.name} (${reference(r.id)})` },
    body: r.decisionReason ? { 'zh-CN': r.decisionReason, 'en-US': r.decisionReason } : null,
    link: `/inbound/requests/${r.id}`,
    subjectType: 'inbound_request',
    subjectId: r.id,
  });
}

async function textPerson(ctx: Ctx, r: repo.RequestRow) {
  if (!r.phoneEnc) return;
  const phone = ctx.platform.cipher.decrypt('phone', r.phoneEnc);
  // No name in the text: it passes through the SMS gateway (and, in development, the log).
  const text =
    r.status === 'rejected'
      ? `【家园】您的返程申请 ${reference(r.id)} 未通过审核，可在申报状态页查看原因并申诉一次。`
      : `【家园】您的返程申请 ${reference(r.id)} 已审核通过，请于抵达当日到社区报备，出示审核通过通知单。`;
  await ctx.platform.sms.send(phone, text);
}

export const route = (ctx: Ctx, id: number, input: RouteInput) => transition(ctx, requestWorkflow, 'route', id, input).then(() => getRequest(ctx, id));
export const reroute = (ctx: Ctx, id: number, input: RouteInput) => transition(ctx, requestWorkflow, 'reroute', id, input).then(() => getRequest(ctx, id));
export const approve = (ctx: Ctx, id: number, input: ApproveInput) => transition(ctx, requestWorkflow, 'approve', id, input).then(() => getRequest(ctx, id));
export const reject = (ctx: Ctx, id: number, input: { reason: string; version: number }) =>
  transition(ctx, requestWorkflow, 'reject', id, input).then(() => getRequest(ctx, id));
export const markNotified = (ctx: Ctx, id: number, input: { version: number }) =>
  transition(ctx, requestWorkflow, 'markNotified', id, input).then(() => getRequest(ctx, id));
export const withdraw = (ctx: Ctx, id: number, input: { reason: string; version: number }) =>
  transition(ctx, requestWorkflow, 'withdraw', id, input).then(() => getRequest(ctx, id));
export const appeal = (ctx: Ctx, id: number, input: AppealInput) => transition(ctx, requestWorkflow, 'appeal', id, input).then(() => getRequest(ctx, id));
export const checkIn = (ctx: Ctx, id: number, input: CheckInInput) => transition(ctx, requestWorkflow, 'checkIn', id, input).then(() => getRequest(ctx, id));
/** The caller holds this request already: no number is typed, only the other request's reference is guarded. */
export const resubmit = (ctx: Ctx, id: number, input: ResubmitInput) =>
  refusingDuplicates(ctx, null, () => transition(ctx, requestWorkflow, 'resubmit', id, input)).then(() => getRequest(ctx, id));

/** The person reports their own arrival; the community confirms it by checking them in. */
export async function selfReport(ctx: Ctx, r: repo.RequestRow) {
  await inTx(ctx, async (tx) => {
    const locked = (await repo.findById(tx, r.id, true))!;
    const refused = guardSelfReport(locked);
    if (refused) throw refused;
    const after = await repo.updateFields(tx, r.id, { selfReportedAt: ctx.platform.clock.now() }, ctx.platform.clock.now());
    await event(tx, ctx, after, 'selfReport', locked.status, after.status);
    await recordAudit(tx, ctx, { action: 'inbound.request.selfReport', entityType: 'inbound_request', entityId: r.id });
    await notifyRole(tx, ctx.platform, 'community_staff', after.communityPath, {
      kind: 'inbound.self_report',
      title: {
        'zh-CN': `返程人员自行报备已抵达：${after.name}（${reference(after.id)}），请确认`,
        'en-US': `${after.name} (${reference(after.id)}) reports having arrived: please confirm`,
      },
      link: `/inbound/requests/${after.id}`,
      subjectType: 'inbound_request',
      subjectId: after.id,
    });
    await publishRequest(tx, ctx, after, 'selfReport');
  });
}
