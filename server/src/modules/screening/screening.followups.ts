import type { Ctx } from '../../platform/context.js';
import type { Tx } from '../../platform/db/database.js';
import { openObservationCase } from '../observation/index.js';

/** What screening asks of the observation module when a finding becomes a case. */
export interface OpenCaseRequest {
  residentId: number;
  kind: 'home_observation' | 'facility_quarantine' | 'fever_follow_up';
  reason: string;
  startedAt: Date;
  plannedDays?: number | undefined;
  source: { type: 'screening_finding'; id: number };
}

/** The case opened: how to refer to it from the finding. */
export interface OpenedCase {
  ref: string;
}

export type OpenCase = (tx: Tx, ctx: Ctx, req: OpenCaseRequest) => Promise<OpenedCase>;

/** Opens the case in the observation module, in the same transaction as the finding's update. */
export const observationCase: OpenCase = async (tx, ctx, req) => {
  const id = await openObservationCase(tx, ctx, {
    residentId: req.residentId,
    kind: req.kind,
    reason: req.reason,
    startedAt: req.startedAt,
    ...(req.plannedDays !== undefined ? { plannedDays: req.plannedDays } : {}),
    source: req.source,
  });
  return { ref: `observation_case:${id}` };
};

let opener: OpenCase = observationCase;

/** Replaces how a finding becomes a case (tests only; the default is the observation module). */
export function setObservationCaseOpener(fn: OpenCase) {
  opener = fn;
}

export function openCase(tx: Tx, ctx: Ctx, req: OpenCaseRequest): Promise<OpenedCase> {
  return opener(tx, ctx, req);
}
