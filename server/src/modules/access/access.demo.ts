import type { Ctx } from '../../platform/context.js';
import * as places from '../../platform/places/places.repository.js';
import { firstResidentPerHousehold } from '../registry/index.js';
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
  const heads = await firstResidentPerHousehold(ctx.platform.db, compound.path, 6);
  const passIds: number[] = [];
  for (const id of heads) passIds.push((await issuePass(ctx, { kind: 'entry_ticket', residentId: id, validDays: 2, maxUses: 4 })).id);
  passIds.push((await issuePass(ctx, { kind: 'vehicle_pass', plate: '鲁E·D12345', holderName: '物业保洁车', placeId: compoundId, validDays: 7 })).id);
  return { gateId: gate.id, passIds };
}
