import { eq } from 'drizzle-orm';
import { inPlaceScope } from '../../platform/access/actor.js';
import { recordAudit } from '../../platform/audit/audit.service.js';
import type { Ctx } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import { commonErrors } from '../../platform/errors/common-errors.js';
import * as places from '../../platform/places/places.repository.js';
import { households } from './registry.schema.js';
import { insertHousehold } from './households.repository.js';
import { findResidentByIdNumberIndex, insertResident } from './residents.repository.js';
import { registryErrors } from './registry.errors.js';

export interface ArrivingPerson {
  name: string;
  idNumberEnc: Buffer;
  idNumberBi: Buffer;
  phoneEnc: Buffer | null;
  phoneBi: Buffer | null;
  birthDate: string | null;
  sex: 'male' | 'female' | null;
  dwellingId: number;
  employerId: number | null;
}

/**
 * Registers a person who has come to live at a dwelling (a returnee checked in by the
 * community), in the caller's transaction: the resident with that ID number if already on
 * file, otherwise a new resident in the dwelling's only household (or a new household).
 */
export async function registerArrival(tx: Executor, ctx: Ctx, p: ArrivingPerson): Promise<number> {
  const existing = await findResidentByIdNumberIndex(tx, p.idNumberBi);
  if (existing) return existing.id;
  const d = await places.findPlaceInScope(tx, ctx.actor, p.dwellingId);
  if (!d || !inPlaceScope(ctx.actor, d.path)) throw commonErrors.NOT_FOUND();
  if (d.type !== 'dwelling') throw registryErrors.REGISTRY_NOT_A_DWELLING().onField('dwellingId');
  const now = ctx.platform.clock.now();
  const here = await tx.select().from(households).where(eq(households.dwellingId, d.id));
  let householdId: number;
  let relation: 'head' | 'other' = 'other';
  if (here.length === 1) householdId = here[0]!.id;
  else {
    const h = await insertHousehold(tx, { dwellingId: d.id, placePath: d.path, createdAt: now });
    await recordAudit(tx, ctx, { action: 'registry.household.create', entityType: 'household', entityId: h.id, after: h });
    householdId = h.id;
    relation = 'head';
  }
  const row = await insertResident(tx, {
    householdId,
    placePath: d.path,
    name: p.name,
    idType: 'resident_id',
    idNumberEnc: p.idNumberEnc,
    idNumberBi: p.idNumberBi,
    phoneEnc: p.phoneEnc,
    phoneBi: p.phoneBi,
    birthDate: p.birthDate,
    sex: p.sex,
    relation,
    employerId: p.employerId,
    tags: [],
    note: null,
    createdAt: now,
    updatedAt: now,
  });
  await recordAudit(tx, ctx, {
    action: 'registry.resident.create',
    entityType: 'resident',
    entityId: row.id,
    after: { householdId, name: row.name, hasIdNumber: true, hasPhone: !!p.phoneEnc, relation, employerId: p.employerId, via: 'arrival' },
  });
  return row.id;
}
