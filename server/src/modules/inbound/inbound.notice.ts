import { maskIdNumber, type ApprovalNotice, type InboundDeclaration } from '@jiayuan/contracts';
import type { Ctx } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import { commonErrors } from '../../platform/errors/common-errors.js';
import * as places from '../../platform/places/places.repository.js';
import { PassError, signPass, verifyPass } from '../../platform/passes/passes.service.js';
import { inboundErrors } from './inbound.errors.js';
import { requestPolicy } from './inbound.policy.js';
import { presentRequests, reference } from './inbound.present.js';
import * as repo from './inbound.repository.js';
import { declare } from './inbound.service.js';
import { selfReport } from './inbound.steps.js';

const NOTICE = 'inbound.notice';
const TRACK = 'inbound.track';
const subjectOf = (id: number) => `inbound_request:${id}`;
const idOf = (sub: string) => (/^inbound_request:(\d+)$/.exec(sub) ? Number(sub.split(':')[1]) : null);

function measureText(m: { kind: string; days: number }) {
  if (m.kind === 'home_observation') return { 'zh-CN': `居家医学观察 ${m.days} 天`, 'en-US': `Home medical observation, ${m.days} days` };
  if (m.kind === 'facility_quarantine') return { 'zh-CN': `集中隔离 ${m.days} 天`, 'en-US': `Facility quarantine, ${m.days} days` };
  return { 'zh-CN': '无需管控措施', 'en-US': 'No control measure' };
}

/** The approval notice (流入人员审核通过通知单) of an approved request, with its signed QR pass. */
async function noticeOf(ctx: Pick<Ctx, 'platform'>, ex: Executor, r: repo.RequestRow): Promise<ApprovalNotice> {
  const [employers, communities, labels] = await Promise.all([
    repo.employerNames(ex, r.employerId ? [r.employerId] : []),
    repo.placeNames(ex, r.communityId ? [r.communityId] : []),
    places.labelsForPaths(ex, r.dwellingPath ? [r.dwellingPath] : []),
  ]);
  const token = await signPass(ctx.platform, { typ: NOTICE, sub: subjectOf(r.id) }, { validUntil: r.noticeValidUntil! });
  return {
    requestId: r.id,
    reference: reference(r.id),
    name: r.name,
    idNumberMasked: r.idNumberEnc ? maskIdNumber(ctx.platform.cipher.decrypt('idNumber', r.idNumberEnc)) : null,
    employerName: r.employerId ? (employers.get(r.employerId) ?? null) : null,
    fromCity: r.fromCity,
    plannedArrival: r.plannedArrival,
    communityName: r.communityId ? (communities.get(r.communityId) ?? '') : '',
    dwellingLabel: r.dwellingPath ? (labels.get(r.dwellingPath) ?? null) : null,
    address: r.address,
    measure: r.measure!,
    measureText: measureText(r.measure!),
    decidedAt: r.decidedAt!.toISOString(),
    decidedByName: r.decidedByName ?? '',
    validUntil: r.noticeValidUntil!.toISOString(),
    token,
    status: r.status,
  };
}

const hasNotice = (r: repo.RequestRow) => (r.status === 'approved' || r.status === 'notified' || r.status === 'arrived') && !!r.measure && !!r.noticeValidUntil;

export async function getNotice(ctx: Ctx, id: number) {
  const r = await repo.findInScope(ctx.platform.db, ctx.actor, id);
  if (!r || !requestPolicy.allows(ctx.actor, 'notice', r) || !hasNotice(r)) throw commonErrors.NOT_FOUND();
  return noticeOf(ctx, ctx.platform.db, r);
}

/**
 * Staff scan a notice's QR code: the pass is verified (signature and validity) and the request
 * shown, if it lies in their scope, so they can confirm the check-in.
 */
export async function scanNotice(ctx: Ctx, token: string) {
  let id: number | null;
  try {
    id = idOf((await verifyPass(ctx.platform, token, NOTICE)).sub);
  } catch (err) {
    if (err instanceof PassError)
      return { valid: false, problem: err.problem === 'expired' ? ('expired' as const) : ('bad_signature' as const), request: null };
    throw err;
  }
  const r = id ? await repo.findInScope(ctx.platform.db, ctx.actor, id) : undefined;
  if (!r) return { valid: false, problem: 'not_found' as const, request: null };
  const [view] = await presentRequests(ctx, ctx.platform.db, [r]);
  if (r.status === 'arrived') return { valid: false, problem: 'already_arrived' as const, request: view! };
  if (r.status !== 'approved' && r.status !== 'notified') return { valid: false, problem: 'not_approved' as const, request: view! };
  return { valid: true, problem: null, request: view! };
}

/** A public declaration: the request, and a tracking pass so the person can follow it without an account. */
export async function declarePublic(ctx: Ctx, input: InboundDeclaration) {
  const { id } = await declare(ctx, input);
  const trackingToken = await signPass(
    ctx.platform,
    { typ: TRACK, sub: subjectOf(id) },
    { validUntil: new Date(ctx.platform.clock.now().getTime() + 59 * 86400000) },
  );
  return { id, reference: reference(id), trackingToken };
}

async function statusOf(ctx: Pick<Ctx, 'platform'>, ex: Executor, r: repo.RequestRow) {
  const names = await repo.placeNames(ex, r.communityId ? [r.communityId] : []);
  return {
    reference: reference(r.id),
    status: r.status,
    communityName: r.communityId ? (names.get(r.communityId) ?? null) : null,
    plannedArrival: r.plannedArrival,
    decisionReason: r.decisionReason,
    notice: hasNotice(r) ? await noticeOf(ctx, ex, r) : null,
    canSelfReport: (r.status === 'approved' || r.status === 'notified') && !r.selfReportedAt,
    selfReportedAt: r.selfReportedAt?.toISOString() ?? null,
  };
}

async function tracked(ctx: Pick<Ctx, 'platform'>, token: string) {
  try {
    const id = idOf((await verifyPass(ctx.platform, token, TRACK)).sub);
    const r = id ? await repo.findById(ctx.platform.db, id) : undefined;
    if (r) return r;
  } catch (err) {
    if (!(err instanceof PassError)) throw err;
  }
  throw inboundErrors.INBOUND_PASS_INVALID();
}

/** The declaration's status page, opened with its tracking pass. */
export async function trackDeclaration(ctx: Pick<Ctx, 'platform'>, token: string) {
  return statusOf(ctx, ctx.platform.db, await tracked(ctx, token));
}

export async function selfReportTracked(ctx: Ctx, token: string) {
  const r = await tracked(ctx, token);
  await selfReport(ctx, r);
  return statusOf(ctx, ctx.platform.db, (await repo.findById(ctx.platform.db, r.id))!);
}

/** A signed-in resident's own requests (by their record, or their phone number). */
export async function myRequests(ctx: Ctx) {
  const db = ctx.platform.db;
  const residentId = ctx.actor.residentId!;
  const rows = await repo.requestsOfResident(db, residentId, await repo.phoneIndexOfResident(db, residentId));
  return { items: await Promise.all(rows.map(async (r) => ({ id: r.id, ...(await statusOf(ctx, db, r)) }))) };
}

export async function selfReportMine(ctx: Ctx, id: number) {
  if (ctx.actor.residentId === null) throw commonErrors.NOT_FOUND();
  const mine = (await myRequests(ctx)).items.find((x) => x.id === id);
  if (!mine) throw commonErrors.NOT_FOUND();
  await selfReport(ctx, (await repo.findById(ctx.platform.db, id))!);
  return (await myRequests(ctx)).items.find((x) => x.id === id)!;
}

export async function publicCommunities(ctx: Pick<Ctx, 'platform'>) {
  const rows = await repo.communities(ctx.platform.db);
  const labels = await places.labelsForPaths(
    ctx.platform.db,
    rows.map((r) => r.path),
  );
  return { items: rows.map((r) => ({ id: r.id, name: r.name, label: labels.get(r.path) ?? r.name })) };
}
