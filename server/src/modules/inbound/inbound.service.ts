import { normalizePhone, parseIdNumber, type InboundDeclaration, type InboundRequestDetail, type InboundSubmit } from '@jiayuan/contracts';
import { can, inEmployerScope, inPlaceScope } from '../../platform/access/actor.js';
import { identifierSearch } from '../../platform/access/identifier-search.js';
import { recordAudit } from '../../platform/audit/audit.service.js';
import { inTx, type Ctx } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import { commonErrors } from '../../platform/errors/common-errors.js';
import { defineLiveTopic } from '../../platform/notifications/live-topics.js';
import { addDays, daysBetween, localDate, localInstant, startOfLocalDay } from '../../platform/time.js';
import { inboundErrors } from './inbound.errors.js';
import { openStep } from './inbound.obligations.js';
import { presentRequests, reference } from './inbound.present.js';
import * as repo from './inbound.repository.js';
import { deadlinesOf } from './inbound.settings.js';

export const INBOUND_TOPIC = defineLiveTopic('inbound', ['inbound.read']);

const ID_PROBLEMS = {
  format: { zh: '应为18位，最后一位可为X', en: 'it must have 18 characters, the last may be X' },
  region: { zh: '地区码不存在', en: 'unknown region code' },
  birthDate: { zh: '出生日期无效', en: 'the birth date is not a real date' },
  checksum: { zh: '校验码错误', en: 'the check digit is wrong' },
} as const;

/** Validates (GB 11643 checksum) and seals an ID number; validates and seals a phone. */
export function sealPerson(ctx: Pick<Ctx, 'platform'>, idNumber: string, phone: string) {
  const parsed = parseIdNumber(idNumber);
  if (!parsed.ok) {
    const t = ID_PROBLEMS[parsed.problem];
    throw inboundErrors.INBOUND_ID_NUMBER_INVALID({ problemZh: t.zh, problemEn: t.en }).onField('idNumber');
  }
  const p = normalizePhone(phone);
  if (!p) throw inboundErrors.INBOUND_PHONE_INVALID().onField('phone');
  const { cipher } = ctx.platform;
  const id = parsed.value.normalized;
  return {
    idNumberEnc: cipher.encrypt('idNumber', id),
    idNumberBi: cipher.blindIndex('idNumber', id),
    phoneEnc: cipher.encrypt('phone', p),
    phoneBi: cipher.blindIndex('phone', p),
  };
}

/** Live refresh of every queue that shows the request, and of its liaisons' pages. */
export async function publishRequest(ex: Executor, ctx: Pick<Ctx, 'platform'>, r: repo.RequestRow, change: string) {
  const data = { id: r.id, status: r.status, change };
  await ctx.platform.live.publish(ex, { type: 'inbound.changed', topic: INBOUND_TOPIC, placePath: r.departmentPath, data });
  if (r.communityPath) await ctx.platform.live.publish(ex, { type: 'inbound.changed', topic: INBOUND_TOPIC, placePath: r.communityPath, data });
  const users = new Set<number>(r.employerId ? await repo.liaisonsOf(ex, r.employerId) : []);
  if (r.submittedBy) users.add(r.submittedBy);
  if (users.size > 0) await ctx.platform.live.publish(ex, { type: 'inbound.changed', userIds: [...users], data });
}

function assertArrivalDate(ctx: Ctx, date: string) {
  const today = localDate(ctx.platform.clock.now(), ctx.platform.config.timezone);
  const d = daysBetween(today, date);
  if (d < 0 || d > 60) throw inboundErrors.INBOUND_ARRIVAL_DATE().onField('plannedArrival');
}

export async function event(ex: Executor, ctx: Ctx, r: { id: number }, action: string, from: string | null, to: string, reason: string | null = null) {
  await repo.insertEvent(ex, {
    requestId: r.id,
    at: ctx.platform.clock.now(),
    action,
    fromStatus: from,
    toStatus: to,
    actorUserId: ctx.actor.userId,
    actorName: ctx.actor.name,
    reason,
  });
}

/** What the audit log keeps of a request: no ID or phone number, no health details. */
export function auditView(r: repo.RequestRow) {
  return {
    status: r.status,
    source: r.source,
    residentId: r.residentId,
    employerId: r.employerId,
    communityId: r.communityId,
    plannedArrival: r.plannedArrival,
    fromCity: r.fromCity,
    fromRisk: r.fromRisk,
    measure: r.measure,
    hasHealthFlags: r.health.symptoms.length > 0 || r.health.contactWithCase,
  };
}

interface Person {
  residentId: number | null;
  name: string;
  sealed: ReturnType<typeof sealPerson> | { idNumberEnc: Buffer | null; idNumberBi: Buffer | null; phoneEnc: Buffer | null; phoneBi: Buffer | null };
  dwellingId: number | null;
  dwellingPath: string | null;
  employerId: number | null;
}

/** Who returns: a resident the submitter may see, or a new person with a dwelling. */
async function resolvePerson(ctx: Ctx, tx: Executor, input: InboundSubmit): Promise<Person> {
  const liaison = ctx.actor.scope.employerIds.length > 0 && ctx.actor.scope.places.length === 0 && !ctx.actor.scope.all;
  let employerId = input.employerId ?? (liaison && ctx.actor.scope.employerIds.length === 1 ? ctx.actor.scope.employerIds[0]! : null);
  if (employerId !== null && liaison && !inEmployerScope(ctx.actor, employerId)) throw inboundErrors.INBOUND_EMPLOYER_REQUIRED().onField('employerId');
  if (employerId !== null && (await repo.employerNames(tx, [employerId])).size === 0) throw inboundErrors.INBOUND_EMPLOYER_REQUIRED().onField('employerId');
  if (liaison && employerId === null) throw inboundErrors.INBOUND_EMPLOYER_REQUIRED().onField('employerId');
  if (input.residentId) {
    const r = await repo.residentRow(tx, input.residentId);
    const visible = r && (inPlaceScope(ctx.actor, r.place_path) || inEmployerScope(ctx.actor, r.employer_id));
    if (!r || !visible) throw commonErrors.NOT_FOUND();
    if (liaison && !inEmployerScope(ctx.actor, r.employer_id)) throw inboundErrors.INBOUND_NOT_EMPLOYEE().onField('residentId');
    employerId = r.employer_id ?? employerId;
    const dwelling = await repo.findPlace(tx, r.dwelling_id);
    return {
      residentId: r.id,
      name: r.name,
      sealed: {
        idNumberEnc: r.id_number_enc,
        idNumberBi: r.id_number_bi,
        phoneEnc: input.phone
          ? sealPerson(ctx, r.id_number_enc ? ctx.platform.cipher.decrypt('idNumber', r.id_number_enc) : '', input.phone).phoneEnc
          : r.phone_enc,
        phoneBi: r.phone_bi,
      },
      dwellingId: r.dwelling_id,
      dwellingPath: dwelling?.path ?? r.place_path,
      employerId,
    };
  }
  const missing = (['name', 'idNumber', 'phone', 'dwellingId'] as const).find((k) => !input[k]);
  if (missing) throw inboundErrors.INBOUND_PERSON_REQUIRED().onField(missing);
  const sealed = sealPerson(ctx, input.idNumber!, input.phone!);
  const d = await repo.findPlace(tx, input.dwellingId!);
  // Liaisons have no place scope: any dwelling of the district will do; staff stay within theirs.
  if (!d || (!liaison && !inPlaceScope(ctx.actor, d.path))) throw commonErrors.NOT_FOUND();
  if (d.type !== 'dwelling') throw inboundErrors.INBOUND_DWELLING_REQUIRED().onField('dwellingId');
  const known = await repo.residentByIdIndex(tx, sealed.idNumberBi);
  return { residentId: known?.id ?? null, name: input.name!, sealed, dwellingId: d.id, dwellingPath: d.path, employerId };
}

/** Thrown inside a transaction when the person already has a request under way; see refusingDuplicates. */
class OpenRequestFound extends Error {
  constructor(readonly openId: number) {
    super('open request found');
  }
}

export async function assertNoOpenRequest(tx: Executor, residentId: number | null, idNumberBi: Buffer | null) {
  const open = await repo.openRequestOf(tx, { residentId, idNumberBi });
  if (open) throw new OpenRequestFound(open.id);
}

/**
 * Runs a submission and turns "this person already has a request under way" into its 409. The
 * refusal tells that a return is under way for a typed ID number, so it is an answer about a
 * number: when the person was named by their ID number (not picked from the caller's own
 * residents), the refusal counts as a search by that number — audited and limited per caller and
 * minute (429 past it) — and the open request's reference is named only to a caller who may read
 * that request (or the resident it is about); anyone else is told to ask the community.
 */
export async function refusingDuplicates<T>(ctx: Ctx, typedIdNumber: string | null, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (!(err instanceof OpenRequestFound)) throw err;
    const parsed = typedIdNumber ? parseIdNumber(typedIdNumber) : null;
    if (parsed?.ok) await identifierSearch(ctx, { kind: 'idNumber', indexed: parsed.value.normalized, purpose: 'inbound.duplicate' });
    const db = ctx.platform.db;
    const own = ctx.actor.residentId !== null && (await repo.findById(db, err.openId))?.residentId === ctx.actor.residentId;
    if (own || (await repo.findInScope(db, ctx.actor, err.openId))) {
      const ref = reference(err.openId);
      throw inboundErrors.INBOUND_ALREADY_OPEN({ whereZh: `（${ref}）`, whereEn: ` (${ref})`, reference: ref });
    }
    throw inboundErrors.INBOUND_ALREADY_OPEN({ whereZh: '，请向社区了解办理进度', whereEn: '; ask the community how it stands', reference: '' });
  }
}

/** Step 1: the employer's liaison (or the department, on the phone) submits a return request. */
export async function submitRequest(ctx: Ctx, input: InboundSubmit) {
  assertArrivalDate(ctx, input.plannedArrival);
  const id = await refusingDuplicates(ctx, input.residentId ? null : (input.idNumber ?? null), () =>
    inTx(ctx, async (tx) => {
      const person = await resolvePerson(ctx, tx, input);
      await assertNoOpenRequest(tx, person.residentId, person.sealed.idNumberBi);
      const ancestors = await repo.ancestorsByType(tx, person.dwellingPath!);
      const department = ancestors.get('department');
      if (!department) throw inboundErrors.INBOUND_DWELLING_REQUIRED().onField('dwellingId');
      const now = ctx.platform.clock.now();
      const suggested = ancestors.get('community') ?? null;
      const deadlines = await deadlinesOf(tx, suggested?.id ?? null);
      const dueAt = new Date(now.getTime() + deadlines.routeMinutes * 60000);
      const r = await repo.insertRequest(tx, {
        status: 'submitted',
        source: can(ctx.actor, 'inbound.route') ? 'department' : 'liaison',
        residentId: person.residentId,
        name: person.name,
        ...person.sealed,
        employerId: person.employerId,
        fromCity: input.fromCity,
        fromRisk: input.fromRisk,
        plannedArrival: input.plannedArrival,
        transport: input.transport ?? null,
        health: {
          symptoms: input.health.symptoms,
          temperature: input.health.temperature ?? null,
          contactWithCase: input.health.contactWithCase,
          note: input.health.note ?? null,
        },
        dwellingId: person.dwellingId,
        dwellingPath: person.dwellingPath,
        departmentPath: department.path,
        submittedBy: ctx.actor.userId,
        firstSubmittedAt: now,
        submittedAt: now,
        dueAt,
        createdAt: now,
        updatedAt: now,
      });
      await event(tx, ctx, r, 'submit', null, 'submitted');
      await recordAudit(tx, ctx, { action: 'inbound.request.submit', entityType: 'inbound_request', entityId: r.id, after: auditView(r) });
      await openStep(tx, r, 'route', dueAt);
      await publishRequest(tx, ctx, r, 'submitted');
      return r.id;
    }),
  );
  return getRequest(ctx, id);
}

/**
 * 入城在线申报: a person declares their own return (public form, or signed in with a phone
 * code). The request waits for the department to route it to the community they named.
 */
export async function declare(ctx: Ctx, input: InboundDeclaration) {
  assertArrivalDate(ctx, input.plannedArrival);
  const sealed = sealPerson(ctx, input.idNumber, input.phone);
  return refusingDuplicates(ctx, input.idNumber, () =>
    inTx(ctx, async (tx) => {
      const c = await repo.findPlace(tx, input.communityId);
      if (!c || c.type !== 'community') throw commonErrors.NOT_FOUND();
      const department = (await repo.ancestorsByType(tx, c.path)).get('department');
      if (!department) throw commonErrors.NOT_FOUND();
      const known = await repo.residentByIdIndex(tx, sealed.idNumberBi);
      // A signed-in resident declares for themself; their record's ID number must match.
      const residentId = ctx.actor.residentId !== null && known?.id === ctx.actor.residentId ? ctx.actor.residentId : (known?.id ?? null);
      await assertNoOpenRequest(tx, residentId, sealed.idNumberBi);
      const now = ctx.platform.clock.now();
      const deadlines = await deadlinesOf(tx, c.id);
      const dueAt = new Date(now.getTime() + deadlines.routeMinutes * 60000);
      let dwellingPath: string | null = null;
      let dwellingId: number | null = null;
      if (known && known.place_path.startsWith(c.path)) {
        const r = await repo.residentRow(tx, known.id);
        dwellingId = r?.dwelling_id ?? null;
        dwellingPath = r ? ((await repo.findPlace(tx, r.dwelling_id))?.path ?? null) : null;
      }
      const r = await repo.insertRequest(tx, {
        status: 'submitted',
        source: 'self',
        residentId,
        name: input.name,
        ...sealed,
        employerId: null,
        fromCity: input.fromCity,
        fromRisk: input.fromRisk,
        plannedArrival: input.plannedArrival,
        transport: input.transport ?? null,
        health: {
          symptoms: input.health.symptoms,
          temperature: input.health.temperature ?? null,
          contactWithCase: input.health.contactWithCase,
          note: input.health.note ?? null,
        },
        dwellingId,
        dwellingPath,
        address: input.address,
        departmentPath: department.path,
        // The community the person named; its path (and with it the committee's view) comes with routing.
        communityId: c.id,
        communityPath: null,
        submittedBy: ctx.actor.userId,
        firstSubmittedAt: now,
        submittedAt: now,
        dueAt,
        createdAt: now,
        updatedAt: now,
      });
      await event(tx, ctx, r, 'declare', null, 'submitted');
      await recordAudit(tx, ctx, {
        action: 'inbound.request.declare',
        entityType: 'inbound_request',
        entityId: r.id,
        after: { ...auditView(r), namedCommunityId: c.id },
      });
      await openStep(tx, r, 'route', dueAt);
      await publishRequest(tx, ctx, r, 'submitted');
      return { id: r.id, namedCommunity: c };
    }),
  );
}

export async function listRequests(
  ctx: Ctx,
  q: {
    queue: string;
    status?: never;
    employerId?: number | undefined;
    communityId?: number | undefined;
    q?: string | undefined;
    submittedFrom?: string | undefined;
    submittedTo?: string | undefined;
    outcome?: 'approved' | 'rejected' | undefined;
    page: number;
    pageSize: number;
  },
) {
  const db = ctx.platform.db;
  const tz = ctx.platform.config.timezone;
  const { rows, total } = await repo.listRequests(
    db,
    ctx.actor,
    {
      queue: q.queue,
      status: q.status,
      employerId: q.employerId,
      communityId: q.communityId,
      namePrefix: q.q || null,
      submittedBy: ctx.actor.userId,
      submittedFrom: q.submittedFrom ? startOfLocalDay(q.submittedFrom, tz) : undefined,
      submittedBefore: q.submittedTo ? startOfLocalDay(addDays(q.submittedTo, 1), tz) : undefined,
      outcome: q.outcome,
    },
    { limit: q.pageSize, offset: (q.page - 1) * q.pageSize },
  );
  const counts = await repo.queueCounts(db, ctx.actor, ctx.actor.userId, ctx.platform.clock.now());
  return { items: await presentRequests(ctx, db, rows), total, page: q.page, pageSize: q.pageSize, counts };
}

/** The community a request would be routed to: that of its dwelling, or the one the person named. */
export async function routeSuggestion(ex: Executor, r: repo.RequestRow) {
  if (r.dwellingPath) {
    const c = (await repo.ancestorsByType(ex, r.dwellingPath)).get('community');
    if (c) return { communityId: c.id, communityName: c.name, path: c.path };
  }
  if (r.communityId) {
    const c = await repo.findPlace(ex, r.communityId);
    if (c) return { communityId: c.id, communityName: c.name, path: c.path };
  }
  return null;
}

export async function getRequest(ctx: Ctx, id: number): Promise<InboundRequestDetail> {
  const db = ctx.platform.db;
  const r = await repo.findInScope(db, ctx.actor, id);
  if (!r) throw commonErrors.NOT_FOUND();
  const [view] = await presentRequests(ctx, db, [r]);
  const events = await repo.eventsOf(db, id);
  const s = await routeSuggestion(db, r);
  return {
    ...view!,
    events: events.map((e) => ({
      at: e.at.toISOString(),
      action: e.action,
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      actorName: e.actorName,
      reason: e.reason,
    })),
    routeSuggestion: s ? { communityId: s.communityId, communityName: s.communityName } : null,
  };
}

/** The arrival deadline: the end of the planned arrival day plus the community's grace days. */
export function arrivalDeadline(plannedArrival: string, graceDays: number, tz: string): Date {
  return localInstant(addDays(plannedArrival, graceDays + 1), '00:00', tz);
}
