import type { Ctx } from '../../platform/context.js';
import { queryRows, sql } from '../../platform/db/database.js';
import * as places from '../../platform/places/places.repository.js';
import { createGate } from './gates.service.js';
import { issuePass } from './passes.service.js';

/**
 * Demo data for the gate guard: the compound's east gate, and entry tickets for the first
 * households of the compound, so `property` can open the scanner and check real passes.
 */
export async function seedAccessDemo(ctx: Ctx, compoundId: number): Promise<{ gateId: number; passIds: number[] }> {
  const compound = await places.findPlace(ctx.platform.db, compoundId);
  if (!compound) return { gateId: 0, passIds: [] };
  const gate = await createGate(ctx, { name: '东门', kind: 'gate', placeId: compoundId });
  const heads = await queryRows<{ id: number }>(
    ctx.platform.db,
    sql`SELECT DISTINCT ON (household_id) id::int AS id FROM residents
        WHERE place_path LIKE ${`${compound.path}%`} ORDER BY household_id, id LIMIT 6`,
  );
  const passIds: number[] = [];
  for (const h of heads) passIds.push((await issuePass(ctx, { kind: 'entry_ticket', residentId: h.id, validDays: 2, maxUses: 4 })).id);
  passIds.push((await issuePass(ctx, { kind: 'vehicle_pass', plate: '鲁E·D12345', holderName: '物业保洁车', placeId: compoundId, validDays: 7 })).id);
  return { gateId: gate.id, passIds };
}
