import { maskName, type GateEventPage, type GateEventQuery, type GateReason } from '@jiayuan/contracts';
import { inArray } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import { addDays, daysBetween, startOfLocalDay } from '../../platform/time.js';
import { residentNames } from '../registry/index.js';
import { accessErrors } from './access.errors.js';
import { listEvents } from './gate-events.repository.js';
import { gateInScope } from './gates.service.js';
import { accessGates } from './passes.schema.js';

/**
 * The gate events behind a number of the gate figures (门岗通行记录): the figures' range, gate,
 * day and column, within the caller's scope, newest first. Names are masked and no reading is
 * shown — only whether the person had a fever.
 */
export async function listGateEvents(ctx: Ctx, q: GateEventQuery): Promise<GateEventPage> {
  const span = daysBetween(q.from, q.to);
  if (span < 0 || span > 62) throw accessErrors.ACCESS_FIGURES_RANGE().onField('to');
  if (q.day && (daysBetween(q.from, q.day) < 0 || daysBetween(q.day, q.to) < 0)) throw accessErrors.ACCESS_FIGURES_RANGE().onField('day');
  const db = ctx.platform.db;
  if (q.gateId) await gateInScope(db, ctx, q.gateId);
  const tz = ctx.platform.config.timezone;
  const { items, total } = await listEvents(db, ctx.actor, {
    from: startOfLocalDay(q.day ?? q.from, tz),
    to: startOfLocalDay(addDays(q.day ?? q.to, 1), tz),
    gateId: q.gateId,
    kind: q.kind,
    reason: q.reason,
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  const gateIds = [...new Set(items.map((e) => e.gate_id))];
  const [gates, names] = await Promise.all([
    gateIds.length === 0 ? [] : db.select({ id: accessGates.id, name: accessGates.name }).from(accessGates).where(inArray(accessGates.id, gateIds)),
    residentNames(
      db,
      items.flatMap((e) => (e.resident_id === null ? [] : [e.resident_id])),
    ),
  ]);
  const gateName = new Map(gates.map((g) => [g.id, g.name]));
  return {
    items: items.map((e) => {
      const name = (e.resident_id === null ? undefined : names.get(e.resident_id)) ?? e.holder_name ?? undefined;
      return {
        gateId: e.gate_id,
        gateName: gateName.get(e.gate_id) ?? '',
        at: new Date(e.at).toISOString(),
        direction: e.direction,
        subject: e.subject,
        decision: e.decision,
        reason: e.decision === 'refused' ? ((e.reason ?? 'invalid') as GateReason) : ((e.reason as GateReason | null) ?? null),
        personName: name === undefined ? null : maskName(name),
        plate: e.plate,
        visitor: e.visitor,
        fever: e.fever,
        byDevice: e.by_device,
      };
    }),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}
