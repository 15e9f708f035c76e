import type { ObservationCaseSummary, ObservationCheckView } from '@jiayuan/contracts';
import type { Ctx } from '../../platform/context.js';
import * as places from '../../platform/places/places.repository.js';
import { localDate } from '../../platform/time.js';
import { casePolicy } from './observation.policy.js';
import { checkState, dayNo, planText } from './observation.rules.js';
import * as repo from './observation.repository.js';

export function presentCheck(r: repo.CheckRow, names: Map<number, string>, now: Date): ObservationCheckView {
  return {
    id: r.id,
    residentId: r.residentId,
    name: names.get(r.residentId) ?? '',
    slotDate: r.slotDate,
    slotNo: r.slotNo,
    windowStart: r.windowStart.toISOString(),
    windowEnd: r.windowEnd.toISOString(),
    graceUntil: r.graceUntil.toISOString(),
    state: checkState(r, now),
    temperature: r.temperature,
    symptoms: r.symptoms,
    alert: r.alert,
    takenAt: r.takenAt?.toISOString() ?? null,
    takenByName: r.takenByName,
    acknowledgedAt: r.acknowledgedAt?.toISOString() ?? null,
  };
}

export function planOf(c: repo.CaseRow) {
  return { basis: c.planBasis, basisDate: c.planBasisDate, days: c.planDays, firstDayCounted: c.planFirstDayCounted };
}

export async function presentCases(ctx: Ctx, rows: repo.CaseRow[]): Promise<ObservationCaseSummary[]> {
  const db = ctx.platform.db;
  const now = ctx.platform.clock.now();
  const today = localDate(now, ctx.platform.config.timezone);
  const [labels, names, stats] = await Promise.all([
    places.labelsForPaths(
      db,
      rows.map((r) => r.placePath),
    ),
    repo.namesOf(
      db,
      rows.map((r) => r.residentId),
    ),
    repo.caseStats(
      db,
      rows.map((r) => r.id),
      now,
    ),
  ]);
  return rows.map((c) => {
    const s = stats.get(c.id)!;
    return {
      id: c.id,
      kind: c.kind,
      status: c.status,
      residentId: c.residentId,
      name: names.get(c.residentId) ?? '',
      placeLabel: labels.get(c.placePath) ?? '',
      reason: c.reason,
      plan: planOf(c),
      startsOn: c.startsOn,
      plannedEndOn: c.plannedEndOn,
      planText: planText(planOf(c)),
      dayNo: dayNo(c.startsOn, today, planOf(c)),
      lastReading: s.last ? { temperature: s.last.temperature, symptoms: s.last.symptoms, alert: s.last.alert, takenAt: s.last.takenAt!.toISOString() } : null,
      dueSlots: s.due,
      missedSlots: s.missed,
      openAlerts: s.alerts,
      source: c.sourceType ? { type: c.sourceType, id: c.sourceId ?? '' } : null,
      actions: casePolicy.actions(ctx.actor, c),
    };
  });
}
