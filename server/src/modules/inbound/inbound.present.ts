import { maskIdNumber, maskPhone, type InboundRequestView } from '@jiayuan/contracts';
import type { Ctx } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import * as places from '../../platform/places/places.repository.js';
import { requestPolicy } from './inbound.policy.js';
import * as repo from './inbound.repository.js';
import { waitingFor } from './inbound.workflow.js';

/** `FL000042`: the number people quote on the phone. */
export function reference(id: number) {
  return `FL${String(id).padStart(6, '0')}`;
}

export async function presentRequests(ctx: Ctx, ex: Executor, rows: repo.RequestRow[]): Promise<InboundRequestView[]> {
  const [employerNames, communityNames, labels] = await Promise.all([
    repo.employerNames(
      ex,
      rows.map((r) => r.employerId).filter((x): x is number => x !== null),
    ),
    repo.placeNames(
      ex,
      rows.map((r) => r.communityId).filter((x): x is number => x !== null),
    ),
    places.labelsForPaths(
      ex,
      rows.map((r) => r.dwellingPath).filter((x): x is string => !!x),
    ),
  ]);
  const { cipher } = ctx.platform;
  return rows.map((r) => {
    const health = requestPolicy.allows(ctx.actor, 'seeHealth', r) ? r.health : null;
    return {
      id: r.id,
      reference: reference(r.id),
      status: r.status,
      source: r.source,
      name: r.name,
      idNumberMasked: r.idNumberEnc ? maskIdNumber(cipher.decrypt('idNumber', r.idNumberEnc)) : null,
      phoneMasked: r.phoneEnc ? maskPhone(cipher.decrypt('phone', r.phoneEnc)) : null,
      residentId: r.residentId,
      employerId: r.employerId,
      employerName: r.employerId ? (employerNames.get(r.employerId) ?? null) : null,
      fromCity: r.fromCity,
      fromRisk: r.fromRisk,
      plannedArrival: r.plannedArrival,
      transport: r.transport,
      dwellingLabel: r.dwellingPath ? (labels.get(r.dwellingPath) ?? null) : null,
      address: r.address,
      communityId: r.communityId,
      communityName: r.communityId ? (communityNames.get(r.communityId) ?? null) : null,
      hasSymptoms: r.health.symptoms.length > 0 || (r.health.temperature ?? 0) >= 37.3 || r.health.contactWithCase,
      health,
      measure: r.measure,
      decisionReason: r.decisionReason,
      appealText: r.appealText,
      appealed: r.appealCount > 0,
      submittedAt: r.submittedAt.toISOString(),
      decidedAt: r.decidedAt?.toISOString() ?? null,
      notifiedAt: r.notifiedAt?.toISOString() ?? null,
      arrivedAt: r.arrivedAt?.toISOString() ?? null,
      selfReportedAt: r.selfReportedAt?.toISOString() ?? null,
      observationCaseId: r.observationCaseId,
      dueAt: r.dueAt?.toISOString() ?? null,
      waitingFor: waitingFor(r.status),
      version: r.version,
      actions: requestPolicy.actions(ctx.actor, r).filter((a) => a !== 'seeHealth'),
    };
  });
}
