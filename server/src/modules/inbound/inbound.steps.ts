import { parseIdNumber, type AuditAction, type HealthDeclaration, type InboundStatus, type Measure } from '@jiayuan/contracts';
import { inPlaceScope } from '../../platform/access/actor.js';
import { recordAudit } from '../../platform/audit/audit.service.js';
import { inTx, type Ctx } from '../../platform/context.js';
import type { Executor, Tx } from '../../platform/db/database.js';
import { commonErrors } from '../../platform/errors/common-errors.js';
import { notifyRole, notifyUsers } from '../../platform/notifications/notifications.service.js';
import * as places from '../../platform/places/places.repository.js';
import { localDate } from '../../platform/time.js';
import { openObservationCase } from '../observation/index.js';
import { registerArrival } from '../registry/index.js';
import { STATUS_TEXT, inboundErrors } from './inbound.errors.js';
import { cancelSteps, completeStep, openStep } from './inbound.obligations.js';
import { requestPolicy } from './inbound.policy.js';
import { reference } from './inbound.present.js';
import * as repo from './inbound.repository.js';
import { arrivalDeadline, assertNoOpenRequest, auditView, event, getRequest, publishRequest, refusingDuplicates, routeSuggestion } from './inbound.service.js';
import { deadlinesOf } from './inbound.settings.js';
import { guardAppeal, guardApprove, guardCheckIn, guardReroute, guardRoute, guardSelfReport, guardSimple, type GuardResult } from './inbound.workflow.js';

type Action = Parameters<typeof requestPolicy.allows>[1];

function conflict(r: { status: InboundStatus }) {
  const t = STATUS_TEXT[r.status]!;
  return inboundErrors.INBOUND_STATUS_CONFLICT({ statusZh: t.zh, statusEn: t.en });
}

function fail(code: GuardResult, r: repo.RequestRow): never {
  if (code === 'INBOUND_STATUS_CONFLICT') throw conflict(r);
  throw inboundErrors[code!]();
}

/**
 * Loads the request the actor may see and locks it; 404 outside the scope. A concurrent change
 * made since the client read it answers 409 (another status: who won; same status: stale).
 */
async function begin(tx: Executor, ctx: Ctx, id: number, version: number | null) {
  const r = await repo.findInScope(tx, ctx.actor, id, true);
  if (!r) throw commonErrors.NOT_FOUND();
  return { r, stale: version !== null && r.version !== version };
}

function assertAllowed(ctx: Ctx, action: Action, r: repo.RequestRow, guard: GuardResult, stale: boolean) {
  if (guard) fail(guard, r);
  if (!requestPolicy.allows(ctx.actor, action, r)) throw commonErrors.FORBIDDEN();
  if (stale) throw commonErrors.STALE_VERSION();
}

async function move(tx: Executor, ctx: Ctx, r: repo.RequestRow, values: Partial<repo.RequestInsert>) {
  const after = await repo.transition(tx, r.id, r.status, r.version, values, ctx.platform.clock.now());
  if (!after) throw conflict((await repo.findById(tx, r.id))!);
  return after;
}

/** A step of the loop as the audit log names it (inbound.route, inbound.approve, …). */
type AuditedStep = AuditAction extends infer A ? (A extends `inbound.${infer S}` ? S : never) : never;

async function finish(tx: Executor, ctx: Ctx, before: repo.RequestRow, after: repo.RequestRow, action: AuditedStep, reason: string | null = null) {
  await event(tx, ctx, after, action, before.status, after.status, reason);
  await recordAudit(tx, ctx, { action: `inbound.${action}`, entityType: 'inbound_request', entityId: after.id, before: auditView(before), after: { ...auditView(after), reason } });
  await publishRequest(tx, ctx, after, action);
}

const minutes = (ctx: Ctx, m: number) => new Date(ctx.platform.clock.now().getTime() + m * 60000);

async function targetCommunity(ctx: Ctx, tx: Executor, id: number) {
  const c = await places.findPlace(tx, id);
  if (!c || c.type !== 'community' || !inPlaceScope(ctx.actor, c.path)) throw inboundErrors.INBOUND_ROUTE_COMMUNITY_REQUIRED().onField('communityId');
  return c;
}

/** Step 2: the department routes the request to the residence community (or another, with a reason). */
export async function route(ctx: Ctx, id: number, input: { communityId?: number | undefined; reason?: string | null | undefined; version: number }) {
  await inTx(ctx, async (tx) => {
    const { r, stale } = await begin(tx, ctx, id, input.version);
    const suggestion = await routeSuggestion(tx, r);
    assertAllowed(ctx, 'route', r, guardRoute({ status: r.status, suggestedCommunityId: suggestion?.communityId ?? null }, input.communityId ?? null, input.reason ?? null), stale);
    const c = await targetCommunity(ctx, tx, input.communityId ?? suggestion!.communityId);
    const d = await deadlinesOf(tx, c.id);
    const now = ctx.platform.clock.now();
    const after = await move(tx, ctx, r, { status: 'routed', communityId: c.id, communityPath: c.path, routedAt: now, routedBy: ctx.actor.userId, dueAt: minutes(ctx, d.reviewMinutes) });
    await completeStep(tx, ctx.platform, r, 'route', ctx.actor.userId);
    await openStep(tx, after, 'review', after.dueAt!);
    await notifyRole(tx, ctx.platform, 'community_staff', c.path, {
      kind: 'inbound.review',
      title: { 'zh-CN': `新的返程申请待审核：${after.name}（${reference(after.id)}）`, 'en-US': `Return request to review: ${after.name} (${reference(after.id)})` },
      link: `/inbound/requests/${after.id}`,
      subjectType: 'inbound_request',
      subjectId: after.id,
    });
    await finish(tx, ctx, r, after, 'route', input.reason ?? null);
  });
  return getRequest(ctx, id);
}

/** The department moves a request under review to another community, with a reason. */
export async function reroute(ctx: Ctx, id: number, input: { communityId?: number | undefined; reason?: string | null | undefined; version: number }) {
  await inTx(ctx, async (tx) => {
    const { r, stale } = await begin(tx, ctx, id, input.version);
    assertAllowed(ctx, 'reroute', r, guardReroute(r, input.communityId ?? null, input.reason ?? null), stale);
    const c = await targetCommunity(ctx, tx, input.communityId!);
    const d = await deadlinesOf(tx, c.id);
    const after = await move(tx, ctx, r, { communityId: c.id, communityPath: c.path, routedAt: ctx.platform.clock.now(), routedBy: ctx.actor.userId, dueAt: minutes(ctx, d.reviewMinutes) });
    await cancelSteps(tx, ctx.platform, r, 're-routed');
    await openStep(tx, after, 'review', after.dueAt!);
    await finish(tx, ctx, r, after, 'reroute', input.reason ?? null);
  });
  return getRequest(ctx, id);
}

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

/** Step 3 (approve) with the control measure; the notice becomes valid until the arrival deadline. */
export async function approve(ctx: Ctx, id: number, input: { measure: Measure; note?: string | null | undefined; version: number }) {
  let texted: repo.RequestRow | null = null;
  await inTx(ctx, async (tx, afterCommit) => {
    const { r, stale } = await begin(tx, ctx, id, input.version);
    assertAllowed(ctx, 'approve', r, guardApprove(r, input.measure), stale);
    const d = await deadlinesOf(tx, r.communityId);
    const now = ctx.platform.clock.now();
    const validUntil = arrivalDeadline(r.plannedArrival, d.arrivalGraceDays, ctx.platform.config.timezone);
    let after = await move(tx, ctx, r, {
      status: 'approved',
      measure: input.measure,
      decisionReason: input.note ?? null,
      decidedAt: now,
      decidedBy: ctx.actor.userId,
      decidedByName: ctx.actor.name,
      noticeValidUntil: validUntil,
      dueAt: minutes(ctx, d.notifyMinutes),
    });
    await completeStep(tx, ctx.platform, r, 'review', ctx.actor.userId);
    await finish(tx, ctx, r, after, 'approve', input.note ?? null);
    await pushResult(tx, ctx, after);
    if (after.source === 'self') {
      // Nobody stands between a self-declarer and their result: the text and status page tell them.
      const notified = await repo.transition(tx, after.id, 'approved', null, { status: 'notified', notifiedAt: now, dueAt: validUntil }, now);
      await event(tx, ctx, notified!, 'markNotified', 'approved', 'notified', '本人申报：短信及申报状态页通知');
      await openStep(tx, notified!, 'arrival', validUntil);
      after = notified!;
      texted = after;
    } else await openStep(tx, after, 'notify', after.dueAt!);
    afterCommit(async () => {
      if (texted) await textPerson(ctx, texted);
    });
  });
  return getRequest(ctx, id);
}

/** Step 3 (reject), with the reason the person will read. */
export async function reject(ctx: Ctx, id: number, input: { reason: string; version: number }) {
  await inTx(ctx, async (tx, afterCommit) => {
    const { r, stale } = await begin(tx, ctx, id, input.version);
    assertAllowed(ctx, 'reject', r, guardSimple('reject', r.status), stale);
    const now = ctx.platform.clock.now();
    const after = await move(tx, ctx, r, { status: 'rejected', measure: null, decisionReason: input.reason, decidedAt: now, decidedBy: ctx.actor.userId, decidedByName: ctx.actor.name, dueAt: null });
    await completeStep(tx, ctx.platform, r, 'review', ctx.actor.userId);
    await finish(tx, ctx, r, after, 'reject', input.reason);
    await pushResult(tx, ctx, after);
    if (after.source === 'self') afterCommit(() => textPerson(ctx, after));
  });
  return getRequest(ctx, id);
}

/** Step 5: the liaison has told the person; the community now expects them by the arrival deadline. */
export async function markNotified(ctx: Ctx, id: number, input: { version: number }) {
  await inTx(ctx, async (tx) => {
    const { r, stale } = await begin(tx, ctx, id, input.version);
    assertAllowed(ctx, 'markNotified', r, guardSimple('markNotified', r.status), stale);
    const after = await move(tx, ctx, r, { status: 'notified', notifiedAt: ctx.platform.clock.now(), notifiedBy: ctx.actor.userId, dueAt: r.noticeValidUntil });
    await completeStep(tx, ctx.platform, r, 'notify', ctx.actor.userId);
    await openStep(tx, after, 'arrival', r.noticeValidUntil!);
    await finish(tx, ctx, r, after, 'markNotified');
  });
  return getRequest(ctx, id);
}

export async function withdraw(ctx: Ctx, id: number, input: { reason: string; version: number }) {
  await inTx(ctx, async (tx) => {
    const { r, stale } = await begin(tx, ctx, id, input.version);
    assertAllowed(ctx, 'withdraw', r, guardSimple('withdraw', r.status), stale);
    const after = await move(tx, ctx, r, { status: 'withdrawn', withdrawnAt: ctx.platform.clock.now(), dueAt: null });
    await cancelSteps(tx, ctx.platform, r, 'withdrawn');
    await finish(tx, ctx, r, after, 'withdraw', input.reason);
  });
  return getRequest(ctx, id);
}

/** A withdrawn request is sent again (with changes, if any) and waits for routing afresh. */
export async function resubmit(ctx: Ctx, id: number, input: { plannedArrival?: string | undefined; fromCity?: string | undefined; fromRisk?: 'low' | 'medium' | 'high' | undefined; health?: HealthDeclaration | undefined; version: number }) {
  // The caller holds this request already: no number is typed, only the other request's reference is guarded.
  await refusingDuplicates(ctx, null, () => inTx(ctx, async (tx) => {
    const { r, stale } = await begin(tx, ctx, id, input.version);
    assertAllowed(ctx, 'resubmit', r, guardSimple('resubmit', r.status), stale);
    await assertNoOpenRequest(tx, r.residentId, r.idNumberBi);
    const d = await deadlinesOf(tx, r.communityId);
    const now = ctx.platform.clock.now();
    const after = await move(tx, ctx, r, {
      status: 'submitted',
      plannedArrival: input.plannedArrival ?? r.plannedArrival,
      fromCity: input.fromCity ?? r.fromCity,
      fromRisk: input.fromRisk ?? r.fromRisk,
      health: input.health ? { ...input.health, temperature: input.health.temperature ?? null, note: input.health.note ?? null } : r.health,
      communityPath: null,
      routedAt: null,
      submittedAt: now,
      withdrawnAt: null,
      dueAt: minutes(ctx, d.routeMinutes),
    });
    await openStep(tx, after, 'route', after.dueAt!);
    await finish(tx, ctx, r, after, 'resubmit');
  }));
  return getRequest(ctx, id);
}

/** One appeal of a rejection, with new information: back to the same community's review. */
export async function appeal(ctx: Ctx, id: number, input: { text: string; plannedArrival?: string | undefined; health?: HealthDeclaration | undefined; version: number }) {
  await inTx(ctx, async (tx) => {
    const { r, stale } = await begin(tx, ctx, id, input.version);
    assertAllowed(ctx, 'appeal', r, guardAppeal(r), stale);
    const d = await deadlinesOf(tx, r.communityId);
    const after = await move(tx, ctx, r, {
      status: 'routed',
      appealCount: r.appealCount + 1,
      appealText: input.text,
      plannedArrival: input.plannedArrival ?? r.plannedArrival,
      health: input.health ? { ...input.health, temperature: input.health.temperature ?? null, note: input.health.note ?? null } : r.health,
      decidedAt: null,
      decidedBy: null,
      decidedByName: null,
      dueAt: minutes(ctx, d.reviewMinutes),
    });
    await openStep(tx, after, 'review', after.dueAt!);
    await notifyRole(tx, ctx.platform, 'community_staff', after.communityPath, {
      kind: 'inbound.appeal',
      title: { 'zh-CN': `返程申请申诉待复核：${after.name}（${reference(after.id)}）`, 'en-US': `Appeal to review: ${after.name} (${reference(after.id)})` },
      link: `/inbound/requests/${after.id}`,
      subjectType: 'inbound_request',
      subjectId: after.id,
    });
    await finish(tx, ctx, r, after, 'appeal', input.text);
  });
  return getRequest(ctx, id);
}

/**
 * Step 6: the person checks in with the community on arrival (the notice scanned, or their own
 * report confirmed); they are registered at the dwelling if new, and the control measure opens.
 */
export async function checkIn(ctx: Ctx, id: number, input: { method: 'scan' | 'self_report' | 'manual'; dwellingId?: number | null | undefined; version: number }) {
  await inTx(ctx, async (tx) => {
    const { r, stale } = await begin(tx, ctx, id, input.version);
    assertAllowed(ctx, 'checkIn', r, guardCheckIn(r, ctx.platform.clock.now()), stale);
    const now = ctx.platform.clock.now();
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
    const after = await move(tx, ctx, r, {
      status: 'arrived',
      arrivedAt: now,
      arrivedBy: ctx.actor.userId,
      checkInMethod: input.method,
      residentId,
      dwellingId: dwelling?.id ?? r.dwellingId,
      dwellingPath: dwelling?.path ?? r.dwellingPath,
      observationCaseId: caseId,
      dueAt: null,
    });
    await completeStep(tx, ctx.platform, r, 'notify', ctx.actor.userId);
    await completeStep(tx, ctx.platform, r, 'arrival', ctx.actor.userId);
    await finish(tx, ctx, r, after, 'checkIn', input.method);
  });
  return getRequest(ctx, id);
}

/** The person reports their own arrival; the community confirms it by checking them in. */
export async function selfReport(ctx: Ctx, r: repo.RequestRow) {
  await inTx(ctx, async (tx) => {
    const locked = (await repo.findById(tx, r.id, true))!;
    const g = guardSelfReport(locked);
    if (g) fail(g, locked);
    const after = await repo.updateFields(tx, r.id, { selfReportedAt: ctx.platform.clock.now() }, ctx.platform.clock.now());
    await event(tx, ctx, after, 'selfReport', locked.status, after.status);
    await recordAudit(tx, ctx, { action: 'inbound.selfReport', entityType: 'inbound_request', entityId: r.id });
    await notifyRole(tx, ctx.platform, 'community_staff', after.communityPath, {
      kind: 'inbound.self_report',
      title: { 'zh-CN': `返程人员自行报备已抵达：${after.name}（${reference(after.id)}），请确认`, 'en-US': `${after.name} (${reference(after.id)}) reports having arrived: please confirm` },
      link: `/inbound/requests/${after.id}`,
      subjectType: 'inbound_request',
      subjectId: after.id,
    });
    await publishRequest(tx, ctx, after, 'selfReport');
  });
}
