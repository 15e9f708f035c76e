import type { DueToday, ReadingInput } from '@jiayuan/contracts';
import { systemActor } from '../../platform/access/actor.js';
import { transitionInTx } from '../../platform/workflow/workflow.js';
import { recordAudit } from '../../platform/audit/audit.service.js';
import { inTx, type AfterCommit, type Ctx, type Platform } from '../../platform/context.js';
import type { Tx } from '../../platform/db/database.js';
import { commonErrors } from '../../platform/errors/common-errors.js';
import { notifyRole } from '../../platform/notifications/notifications.service.js';
import { completeObligations, openObligations } from '../../platform/obligations/obligations.service.js';
import * as places from '../../platform/places/places.repository.js';
import { addDays, localDate, startOfLocalDay } from '../../platform/time.js';
import { observationErrors } from './observation.errors.js';
import { casePolicy } from './observation.policy.js';
import { presentCheck } from './observation.present.js';
import { dayNo, isAlert, releaseDue } from './observation.rules.js';
import * as repo from './observation.repository.js';
import { caseWorkflow, publishCase } from './observation.service.js';
import { SLOT_HORIZON_DAYS, SLOT_SUBJECT, ensureSlots, slotKey } from './observation.slots.js';

/**
 * Proposes release once the period is over and everyone's latest reading is normal: the case
 * workflow's `proposeRelease`, taken inside the caller's transaction when it is due.
 */
export async function proposeReleaseIfDue(tx: Tx, afterCommit: AfterCommit, ctx: Ctx, c: repo.CaseRow): Promise<boolean> {
  if (c.status !== 'active') return false;
  const today = localDate(ctx.platform.clock.now(), ctx.platform.config.timezone);
  if (!releaseDue(today, c.plannedEndOn, await repo.latestByPerson(tx, c.id), [c.residentId, ...c.memberIds])) return false;
  await transitionInTx(tx, afterCommit, ctx, caseWorkflow, 'proposeRelease', c.id, {});
  return true;
}

/**
 * Records a reading for the person under observation or a household member on the case: it
 * fills their slot whose window (with grace) is open now, or is kept as an extra reading. A
 * temperature at or above 37.3 °C or any symptom alerts the community's health workers at once.
 */
export async function recordReading(ctx: Ctx, caseId: number, input: ReadingInput) {
  if (input.temperature == null && input.symptoms.length === 0) throw observationErrors.OBSERVATION_READING_EMPTY();
  const result = await inTx(ctx, async (tx, afterCommit) => {
    const c = await repo.findCaseInScope(tx, ctx.actor, caseId, true);
    if (!c) throw commonErrors.NOT_FOUND();
    if (c.status !== 'active' && c.status !== 'release_proposed') throw observationErrors.OBSERVATION_NOT_OPEN();
    casePolicy.assert(ctx.actor, 'record', c);
    const who = input.residentId ?? c.residentId;
    if (who !== c.residentId && !c.memberIds.includes(who)) throw observationErrors.OBSERVATION_PERSON_NOT_ON_CASE().onField('residentId');
    const now = ctx.platform.clock.now();
    const alert = isAlert(input.temperature ?? null, input.symptoms);
    const reading = {
      temperature: input.temperature ?? null,
      symptoms: [...new Set(input.symptoms)],
      alert,
      note: input.note ?? null,
      takenAt: now,
      takenBy: ctx.actor.userId,
      takenByName: ctx.actor.name,
    };
    const slot = await repo.openSlotOf(tx, c.id, who, now);
    const row = slot
      ? (await repo.fillSlot(tx, slot.id, slot.windowStart, reading))!
      : await repo.insertExtraCheck(tx, {
          caseId: c.id,
          residentId: who,
          placePath: c.placePath,
          slotDate: localDate(now, ctx.platform.config.timezone),
          slotNo: null,
          windowStart: now,
          windowEnd: now,
          graceUntil: now,
          ...reading,
        });
    if (slot && who === c.residentId) {
      await completeObligations(tx, ctx.platform, { subjectType: SLOT_SUBJECT, subjectId: slotKey(c.id, slot.slotDate, slot.slotNo!) }, ctx.actor.userId);
    }
    // The reading itself is health data: the audit row says that one was taken, not what it was.
    await recordAudit(tx, ctx, {
      action: 'observation.check.record',
      entityType: 'observation_case',
      entityId: c.id,
      after: { checkId: row.id, residentId: who, slotted: !!slot, alert },
    });
    if (alert) {
      const title = { 'zh-CN': '体温/症状异常预警', 'en-US': 'Fever or symptom alert' };
      const link = `/observation/cases/${c.id}`;
      await notifyRole(tx, ctx.platform, 'health_worker', c.placePath, {
        kind: 'observation.alert',
        title,
        link,
        subjectType: 'observation_case',
        subjectId: c.id,
      });
      await openObligations(tx, [
        {
          kind: 'observation.alert',
          subjectType: 'observation_check',
          subjectId: row.id,
          title: { 'zh-CN': '处理体温/症状异常预警', 'en-US': 'Follow up a fever or symptom alert' },
          link,
          placePath: c.placePath,
          responsibleRole: 'health_worker',
          dueAt: new Date(now.getTime() + 30 * 60000),
          escalateAfterMinutes: 0,
          escalationRole: 'community_staff',
        },
      ]);
    }
    const proposed = alert ? false : await proposeReleaseIfDue(tx, afterCommit, ctx, c);
    await publishCase(tx, ctx, c, alert ? 'alert' : 'reading');
    const names = await repo.namesOf(tx, [who]);
    return { check: presentCheck(row, names, now), alert, releaseProposed: proposed };
  });
  return result;
}

/** A health worker has followed up an alert (called, visited, referred). */
export async function acknowledgeAlert(ctx: Ctx, caseId: number, checkId: number, note: string | null) {
  await inTx(ctx, async (tx) => {
    const c = await repo.findCaseInScope(tx, ctx.actor, caseId);
    if (!c) throw commonErrors.NOT_FOUND();
    casePolicy.assert(ctx.actor, 'record', c);
    const k = await repo.findCheck(tx, checkId);
    if (!k || k.caseId !== c.id || !k.alert) throw commonErrors.NOT_FOUND();
    const now = ctx.platform.clock.now();
    const done = await repo.acknowledgeCheck(tx, k.id, k.windowStart, now, ctx.actor.userId);
    if (!done) throw observationErrors.OBSERVATION_ALREADY_ACKNOWLEDGED();
    await completeObligations(tx, ctx.platform, { subjectType: 'observation_check', subjectId: k.id, kind: 'observation.alert' }, ctx.actor.userId);
    await repo.insertEvent(tx, {
      caseId: c.id,
      at: now,
      kind: 'alert_handled',
      actorUserId: ctx.actor.userId,
      actorName: ctx.actor.name,
      data: { checkId: k.id, note },
    });
    await recordAudit(tx, ctx, { action: 'observation.alert.handle', entityType: 'observation_case', entityId: c.id, after: { checkId: k.id, note } });
    await publishCase(tx, ctx, c, 'alert_handled');
  });
}

/** Today's checks of every open case in scope, for the health worker's phone page. */
export async function dueToday(ctx: Ctx): Promise<DueToday> {
  const db = ctx.platform.db;
  const tz = ctx.platform.config.timezone;
  const now = ctx.platform.clock.now();
  const today = localDate(now, tz);
  const cases = await repo.openCasesInScope(db, ctx.actor);
  const checks = await repo.checksOfCases(
    db,
    cases.map((c) => c.id),
    startOfLocalDay(today, tz),
    startOfLocalDay(addDays(today, 1), tz),
  );
  const [labels, names, stats] = await Promise.all([
    places.labelsForPaths(
      db,
      cases.map((c) => c.placePath),
    ),
    repo.namesOf(db, [...cases.map((c) => c.residentId), ...checks.map((k) => k.residentId)]),
    repo.caseStats(
      db,
      cases.map((c) => c.id),
      now,
    ),
  ]);
  return {
    date: today,
    cases: cases.map((c) => ({
      caseId: c.id,
      kind: c.kind,
      status: c.status,
      residentId: c.residentId,
      name: names.get(c.residentId) ?? '',
      placeLabel: labels.get(c.placePath) ?? '',
      dayNo: dayNo(c.startsOn, today, { basisDate: c.planBasisDate, firstDayCounted: c.planFirstDayCounted }),
      plannedEndOn: c.plannedEndOn,
      checks: checks.filter((k) => k.caseId === c.id).map((k) => presentCheck(k, names, now)),
      openAlerts: stats.get(c.id)?.alerts ?? 0,
    })),
  };
}

/** The periodic job: top up slots of open cases, and propose releases whose time has come. */
export async function observationTick(platform: Platform): Promise<{ slots: number; proposed: number }> {
  const ctx: Ctx = { platform, actor: systemActor('observation'), origin: { ip: null, channel: 'system' as const, requestId: null }, lang: 'zh-CN' };
  let slots = 0;
  let after = 0;
  const horizon = addDays(localDate(platform.clock.now(), platform.config.timezone), SLOT_HORIZON_DAYS);
  for (;;) {
    const batch = await repo.casesMissingSlotsOn(platform.db, horizon, 200, after);
    if (batch.length === 0) break;
    slots += await inTx(ctx, async (tx) => {
      let n = 0;
      for (const c of batch) n += await ensureSlots(tx, platform, c);
      return n;
    });
    after = batch[batch.length - 1]!.id;
  }
  const today = localDate(platform.clock.now(), platform.config.timezone);
  const ended = await repo.endedActiveCases(platform.db, today, 500);
  let proposed = 0;
  for (const c of ended) if (await inTx(ctx, (tx, afterCommit) => proposeReleaseIfDue(tx, afterCommit, ctx, c))) proposed++;
  return { slots, proposed };
}
