import { FEVER_THRESHOLD, normalizePhone, type GateEventInput, type GateFigureRow } from '@jiayuan/contracts';
import { and, eq, inArray } from 'drizzle-orm';
import { systemActor } from '../../platform/access/actor.js';
import { recordAudit } from '../../platform/audit/audit.service.js';
import { inTx, type Ctx } from '../../platform/context.js';
import type { Executor, Tx } from '../../platform/db/database.js';
import { notifyRole } from '../../platform/notifications/notifications.service.js';
import { addDays, daysBetween, startOfLocalDay } from '../../platform/time.js';
import { openObservationCase } from '../observation/index.js';
import { findPlaces } from '../../platform/places/places.repository.js';
import { residentContact, residentPlaces } from '../registry/index.js';
import { accessErrors } from './access.errors.js';
import { recordPlainEvent } from './gate-events.group-commit.js';
import * as events from './gate-events.repository.js';
import { forgetGatePass, passFacts } from './gate-view.js';
import { gateInScope, type GateRow } from './gates.service.js';
import { countTicketUses, passFactsOf } from './passes.repository.js';
import { accessGates, accessPasses, gateReferrals, gateVisitors } from './passes.schema.js';

const MAX_AGE_MS = 30 * 86400000;
const MAX_AHEAD_MS = 5 * 60000;

export interface RecordOutcome {
  accepted: number;
  duplicates: number;
  fevers: number;
  /** For a single event: the referral and case its fever opened. */
  referralId: number | null;
  observationCaseId: number | null;
}

function checkTimes(ctx: Ctx, list: GateEventInput[]) {
  const now = ctx.platform.clock.now().getTime();
  list.forEach((e, i) => {
    const at = Date.parse(e.at);
    if (at > now + MAX_AHEAD_MS || at < now - MAX_AGE_MS) throw accessErrors.ACCESS_EVENT_TIME().onField(list.length === 1 ? 'at' : `events.${i}.at`);
  });
}

function sealedVisitorPhones(ctx: Ctx, list: GateEventInput[]) {
  return list.map((e, i) => {
    if (!e.visitor) return null;
    const phone = normalizePhone(e.visitor.phone);
    if (!phone) throw accessErrors.ACCESS_VISITOR_PHONE_INVALID().onField(list.length === 1 ? 'visitor.phone' : `events.${i}.visitor.phone`);
    return { phoneEnc: ctx.platform.cipher.encrypt('phone', phone), phoneBi: ctx.platform.cipher.blindIndex('phone', phone) };
  });
}

type PassFacts = { kind: string; resident_id: number | null; place_path: string };

/**
 * Bounds what each event names by its gate's place, before anything is written: an allowed
 * passage on a pass of another compound (or outside the checkpoint's area) is refused, and so is
 * an allowed or referred event naming a resident elsewhere, or a visitor's host dwelling
 * elsewhere (400, nothing stored). An allowed passage on
 * an entry ticket by someone other than its holder is stored flagged `not_holder` (the ticket is
 * for one person). A refused passage may name any pass: it uses nothing.
 */
async function boundToGates(ex: Executor, ctx: Ctx, list: GateEventInput[], gateOf: (id: number) => GateRow, single: boolean, inTransaction: boolean) {
  const field = (i: number, f: string) => (single ? f : `events.${i}.${f}`);
  const passIds = [...new Set(list.flatMap((e) => (e.passId ? [e.passId] : [])))];
  const passes = new Map<number, PassFacts>();
  if (passIds.length === 1 && !inTransaction) {
    // The scan path: the pass the gate just verified is kept in memory.
    const p = await passFacts(ctx.platform, passIds[0]!);
    if (p) passes.set(passIds[0]!, p);
  } else if (passIds.length > 0) {
    for (const p of await passFactsOf(ex, passIds)) passes.set(p.id, p);
  }
  const residentsToCheck = new Set<number>();
  const hosts = new Set<number>();
  list.forEach((e, i) => {
    const gatePath = gateOf(e.gateId).placePath;
    const p = e.passId ? passes.get(e.passId) : undefined;
    if (p && e.decision === 'allowed' && !p.place_path.startsWith(gatePath)) throw accessErrors.ACCESS_PASS_NOT_FOR_GATE().onField(field(i, 'passId'));
    // A refusal may name whom it refused (it changes nothing for them); a passage or a fever
    // hand-off names a resident of the gate's place only. The pass's own holder at the pass's
    // place needs no second look.
    if (e.residentId != null && e.decision !== 'refused') {
      if (!(p && p.resident_id === e.residentId && p.place_path.startsWith(gatePath))) residentsToCheck.add(e.residentId);
      if (p && p.kind === 'entry_ticket' && e.decision === 'allowed' && p.resident_id !== e.residentId) e.reason = 'not_holder';
    }
    if (e.visitor?.hostDwellingId) hosts.add(e.visitor.hostDwellingId);
  });
  if (residentsToCheck.size > 0) {
    const homes = await residentPlaces(ex, [...residentsToCheck]);
    list.forEach((e, i) => {
      if (e.residentId == null || e.decision === 'refused' || !residentsToCheck.has(e.residentId)) return;
      if (!homes.get(e.residentId)?.startsWith(gateOf(e.gateId).placePath)) throw accessErrors.ACCESS_RESIDENT_NOT_FOR_GATE().onField(field(i, 'residentId'));
    });
  }
  if (hosts.size > 0) {
    const paths = new Map((await findPlaces(ex, [...hosts])).map((pl) => [pl.id, pl.path]));
    list.forEach((e, i) => {
      const host = e.visitor?.hostDwellingId;
      if (host && !paths.get(host)?.startsWith(gateOf(e.gateId).placePath))
        throw accessErrors.ACCESS_HOST_NOT_FOR_GATE().onField(field(i, 'visitor.hostDwellingId'));
    });
  }
}

/** The row of an event as stored (the gate's place path copied for scope filters). */
function rowOf(ctx: Ctx, e: GateEventInput, gate: GateRow): events.GateEventRow {
  return {
    gate_id: e.gateId,
    client_id: e.clientId,
    // As sent (an ISO 8601 time with its offset, checked by the schema): PostgreSQL reads it.
    at: e.at,
    subject: e.subject,
    direction: e.direction,
    pass_id: e.passId ?? null,
    resident_id: e.residentId ?? null,
    plate: e.plate ?? null,
    visitor: !!e.visitor,
    temperature: e.temperature ?? null,
    fever: e.temperature != null && e.temperature >= FEVER_THRESHOLD,
    decision: e.decision,
    reason: e.reason ?? null,
    place_path: gate.placePath,
    recorded_by: ctx.actor.userId,
    recorded_by_token: ctx.actor.tokenId,
  };
}

/** What the audit row of one event says: never the temperature, never the visitor's details. */
function singleAudit(e: GateEventInput) {
  return {
    clientId: e.clientId,
    gateId: e.gateId,
    decision: e.decision,
    reason: e.reason ?? null,
    direction: e.direction,
    passId: e.passId ?? null,
    visitor: !!e.visitor,
  };
}

/**
 * Records gate events decided on the device, idempotently on (gate, client id, time): a retry
 * or a second sync of the same event changes nothing. New events count entry-ticket uses,
 * register visitors, and hand fevers to the health worker, all in one transaction with the
 * audit row (one per request; temperatures never enter it).
 */
export async function recordGateEvents(ctx: Ctx, input: GateEventInput[], single: boolean): Promise<RecordOutcome> {
  // Client ids as the database gives them back (lower case), so answers match requests. The
  // events are this request's own parsed body: changed in place, not copied (a sync holds 2,000).
  const list = input;
  for (const e of list) e.clientId = e.clientId.toLowerCase();
  checkTimes(ctx, list);
  const phones = sealedVisitorPhones(ctx, list);
  const plain = single && !list[0]!.visitor && (list[0]!.temperature == null || list[0]!.temperature < FEVER_THRESHOLD);
  if (plain) {
    const e = list[0]!;
    const gate = await gateInScope(ctx.platform.db, ctx, e.gateId);
    if (e.passId || e.residentId != null) await boundToGates(ctx.platform.db, ctx, list, () => gate, true, false);
    const fresh = await recordPlainEvent(ctx.platform, {
      row: rowOf(ctx, e, gate),
      audit: {
        at: ctx.platform.clock.now(),
        actorUserId: ctx.actor.userId,
        actorTokenId: ctx.actor.tokenId,
        actorName: ctx.actor.name,
        ip: ctx.origin.ip,
        channel: ctx.origin.channel,
        requestId: ctx.origin.requestId,
        after: singleAudit(e),
      },
    });
    if (fresh && e.passId && e.decision === 'allowed') forgetGatePass(ctx.platform, e.passId);
    return { accepted: fresh ? 1 : 0, duplicates: fresh ? 0 : 1, fevers: 0, referralId: null, observationCaseId: null };
  }
  return inTx(ctx, async (tx, afterCommit) => {
    const gates = new Map<number, GateRow>();
    for (const id of new Set(list.map((e) => e.gateId))) gates.set(id, await gateInScope(tx, ctx, id));
    await boundToGates(tx, ctx, list, (id) => gates.get(id)!, single, true);
    const rows: events.GateEventRow[] = list.map((e) => rowOf(ctx, e, gates.get(e.gateId)!));
    const { inserted, followUps } = await events.insertEvents(tx, rows, { userId: ctx.actor.userId, tokenId: ctx.actor.tokenId });
    const out: RecordOutcome = { accepted: inserted, duplicates: list.length - inserted, fevers: 0, referralId: null, observationCaseId: null };
    if (inserted === 0) return out;
    // New events with more to do, each taken once: of an event sent twice in one batch, the
    // first is stored and the second skipped. The others are done once stored.
    const pending = new Set(followUps.map((r) => events.eventKey(r.gate_id, r.client_id)));
    const todo: { e: GateEventInput; i: number }[] = [];
    list.forEach((e, i) => {
      if (pending.delete(events.eventKey(e.gateId, e.clientId))) todo.push({ e, i });
    });

    const uses = new Map<number, number>();
    for (const { e } of todo) {
      if (e.passId && e.decision === 'allowed') uses.set(e.passId, (uses.get(e.passId) ?? 0) + 1);
    }
    await countTicketUses(tx, uses);
    if (uses.size > 0)
      afterCommit(() => {
        for (const id of uses.keys()) forgetGatePass(ctx.platform, id);
      });

    const visitorIds = new Map<string, number>();
    const visitors = todo.filter(({ e }) => e.visitor);
    if (visitors.length > 0) {
      const saved = await tx
        .insert(gateVisitors)
        .values(
          visitors.map(({ e, i }) => ({
            gateId: e.gateId,
            eventClientId: e.clientId,
            at: new Date(e.at),
            name: e.visitor!.name,
            ...phones[i]!,
            reason: e.visitor!.reason,
            hostDwellingId: e.visitor!.hostDwellingId ?? null,
            placePath: gates.get(e.gateId)!.placePath,
            temperature: e.temperature ?? null,
          })),
        )
        .onConflictDoNothing()
        .returning({ id: gateVisitors.id, clientId: gateVisitors.eventClientId });
      for (const v of saved) visitorIds.set(v.clientId, v.id);
    }

    for (const { e } of todo) {
      if (e.temperature == null || e.temperature < FEVER_THRESHOLD) continue;
      out.fevers++;
      const handed = await handOffFever(tx, ctx, gates.get(e.gateId)!, e, visitorIds.get(e.clientId) ?? null);
      out.referralId = handed.referralId;
      out.observationCaseId = handed.caseId;
    }

    const gateIds = [...gates.keys()];
    await recordAudit(tx, ctx, {
      action: single ? 'access.gateEvent.record' : 'access.gateEvent.sync',
      entityType: 'access_gate',
      entityId: gateIds.length === 1 ? gateIds[0]! : null,
      after: single
        ? { events: [{ ...singleAudit(list[0]!), requestId: ctx.origin.requestId }] }
        : { gateIds, accepted: out.accepted, duplicates: out.duplicates, fevers: out.fevers },
    });
    return out;
  });
}

/**
 * A temperature at or above 37.3 °C at a gate: a resident gets a fever follow-up case (the
 * observation module's rules and check slots); a visitor or an unknown person a referral
 * record. Either way the health workers over the place are alerted.
 */
async function handOffFever(tx: Tx, ctx: Ctx, gate: GateRow, e: GateEventInput, visitorId: number | null) {
  let residentId = e.residentId ?? null;
  if (!residentId && e.passId) {
    const [p] = await tx.select({ residentId: accessPasses.residentId }).from(accessPasses).where(eq(accessPasses.id, e.passId));
    residentId = p?.residentId ?? null;
  }
  const system = { ...ctx, actor: systemActor(`gate:${gate.id}`) };
  // Only a resident of the gate's own place is handed to their health worker from here (a pass
  // of elsewhere named on a refused passage opens no case in another community).
  const found = residentId && !e.visitor ? await residentContact(tx, system.actor, residentId) : undefined;
  const person = found && found.placePath.startsWith(gate.placePath) ? found : undefined;
  let caseId: number | null = null;
  if (person) {
    caseId = await openObservationCase(tx, system, {
      residentId: person.residentId,
      kind: 'fever_follow_up',
      reason: `门岗测温发热（${gate.name}） / Fever at gate (${gate.name})`,
      source: { type: 'gate_event', id: e.clientId },
    });
  }
  const placePath = person?.placePath ?? gate.placePath;
  const [ref] = await tx
    .insert(gateReferrals)
    .values({
      gateId: gate.id,
      eventClientId: e.clientId,
      at: new Date(e.at),
      subject: person ? 'resident' : e.visitor ? 'visitor' : 'unidentified',
      residentId: person?.residentId ?? null,
      visitorId,
      observationCaseId: caseId,
      placePath,
      temperature: e.temperature!,
    })
    .onConflictDoNothing()
    .returning({ id: gateReferrals.id });
  await recordAudit(tx, system, {
    action: 'access.feverReferral.create',
    entityType: 'gate_referral',
    entityId: ref?.id ?? null,
    after: { gateId: gate.id, subject: person ? 'resident' : 'visitor', observationCaseId: caseId },
  });
  await notifyRole(tx, ctx.platform, 'health_worker', placePath, {
    kind: 'access.fever',
    title: { 'zh-CN': `${gate.name}测温发热，请跟进`, 'en-US': `Fever at ${gate.name}: please follow up` },
    body: person
      ? { 'zh-CN': '已为该居民开启发热随访观察', 'en-US': 'A fever follow-up case has been opened for the resident' }
      : { 'zh-CN': '外来人员发热，已登记转诊记录', 'en-US': 'A visitor with a fever: a referral has been recorded' },
    link: caseId ? `/observation/cases/${caseId}` : '/access/figures',
    subjectType: caseId ? 'observation_case' : 'gate_referral',
    subjectId: caseId ?? ref?.id ?? null,
  });
  return { referralId: ref?.id ?? null, caseId };
}

/** Entries, exits, refusals by reason, vehicles, visitors and fevers per gate and day. */
export async function gateFigures(ctx: Ctx, q: { from: string; to: string; gateId?: number | undefined }): Promise<{ items: GateFigureRow[] }> {
  const span = daysBetween(q.from, q.to);
  if (span < 0 || span > 62) throw accessErrors.ACCESS_FIGURES_RANGE().onField('to');
  const db = ctx.platform.db;
  if (q.gateId) await gateInScope(db, ctx, q.gateId);
  const tz = ctx.platform.config.timezone;
  const { totals, reasons } = await events.figures(db, ctx.actor, startOfLocalDay(q.from, tz), startOfLocalDay(addDays(q.to, 1), tz), tz, q.gateId);
  const ids = [...new Set(totals.map((t) => t.gate_id))];
  const names = new Map(
    ids.length === 0
      ? []
      : (
          await db
            .select({ id: accessGates.id, name: accessGates.name })
            .from(accessGates)
            .where(and(inArray(accessGates.id, ids)))
        ).map((g) => [g.id, g.name]),
  );
  return {
    items: totals.map((t) => ({
      gateId: t.gate_id,
      gateName: names.get(t.gate_id) ?? '',
      day: t.day,
      entries: t.entries,
      exits: t.exits,
      refused: t.refused,
      refusals: Object.fromEntries(reasons.filter((r) => r.gate_id === t.gate_id && r.day === t.day).map((r) => [r.reason, r.n])),
      vehicles: t.vehicles,
      visitors: t.visitors,
      fevers: t.fevers,
    })),
  };
}
