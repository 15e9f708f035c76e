import { z } from 'zod';
import { GateDecision, GateReason } from './access-passes.js';
import { Id, LocalDate, PageQuery, pageOf } from './common.js';

/** The figures' columns an event list can be narrowed to: each counts exactly the events it lists. */
export const GATE_EVENT_KINDS = ['entries', 'exits', 'refused', 'vehicles', 'visitors', 'fevers'] as const;
export const GateEventKind = z.enum(GATE_EVENT_KINDS);
export type GateEventKind = z.infer<typeof GateEventKind>;

/** The gate events behind a number of the gate figures: the same range, gate and day, one column. */
export const GateEventQuery = PageQuery.extend({
  from: LocalDate,
  to: LocalDate,
  gateId: Id.optional(),
  day: LocalDate.optional().describe('One day of the range (the figures’ row)'),
  kind: GateEventKind.optional(),
  reason: GateReason.optional().describe('Refusals for this reason only'),
});
export type GateEventQuery = z.infer<typeof GateEventQuery>;

/** One event as the list shows it: the person's name masked, no reading (only whether it was a fever). */
export const GateEventView = z.object({
  gateId: z.number(),
  gateName: z.string(),
  at: z.string(),
  direction: z.enum(['in', 'out']),
  subject: z.string(),
  decision: GateDecision,
  reason: GateReason.nullable(),
  personName: z.string().nullable(),
  plate: z.string().nullable(),
  visitor: z.boolean(),
  fever: z.boolean(),
  byDevice: z.boolean(),
});
export type GateEventView = z.infer<typeof GateEventView>;
export const GateEventPage = pageOf(GateEventView);
export type GateEventPage = z.infer<typeof GateEventPage>;
