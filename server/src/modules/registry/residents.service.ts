import {
  normalizeIdNumber,
  normalizePhone,
  type MyHousehold,
  type ResidentCreate,
  type ResidentDetail,
  type ResidentQuery,
  type ResidentSummary,
  type ResidentUpdate,
} from '@jiayuan/contracts';
import { recentEntriesAbout } from '../../platform/audit/audit.query.js';
import { recordAudit } from '../../platform/audit/audit.service.js';
import { disableUsersOfResident } from '../../platform/auth/identity.repository.js';
import { inTx, type Ctx } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import { commonErrors } from '../../platform/errors/common-errors.js';
import { inPlaceScope } from '../../platform/access/actor.js';
import { identifierSearch } from '../../platform/access/identifier-search.js';
import * as places from '../../platform/places/places.repository.js';
import { localDate } from '../../platform/time.js';
import { findHouseholdInScope, insertHousehold } from './households.repository.js';
import { birthShown, maskedIdNumber, maskedPhone, sealIdNumber, sealPhone } from './personal-fields.js';
import { registryErrors } from './registry.errors.js';
import { residentPolicy } from './residents.policy.js';
import * as repo from './residents.repository.js';

type ListRow = Awaited<ReturnType<typeof repo.listResidents>>[number];

async function presentRows(ctx: Ctx, rows: ListRow[]): Promise<ResidentSummary[]> {
  const labels = await places.labelsForPaths(
    ctx.platform.db,
    rows.map((x) => x.r.placePath),
  );
  const { cipher } = ctx.platform;
  const today = localDate(ctx.platform.clock.now(), ctx.platform.config.timezone);
  return rows.map(({ r, employerName, dwellingId }) => ({
    id: r.id,
    householdId: r.householdId,
    dwellingId,
    dwellingLabel: labels.get(r.placePath) ?? '',
    name: r.name,
    idType: r.idType,
    idNumberMasked: maskedIdNumber(cipher, r.idNumberEnc),
    phoneMasked: maskedPhone(cipher, r.phoneEnc),
    ...birthShown(residentPolicy.allows(ctx.actor, 'reveal', r), r.birthDate, today),
    sex: r.sex,
    relation: r.relation,
    employerId: r.employerId,
    employerName: employerName ?? null,
    tags: r.tags,
    actions: residentPolicy.actions(ctx.actor, r),
  }));
}

/**
 * Turns a list query into filters; a full ID or phone number is matched through its blind index,
 * as a counted and audited identifier search.
 */
export async function residentFilter(ctx: Ctx, q: ResidentQuery, purpose = 'registry.residents'): Promise<repo.ResidentFilter> {
  const place = q.placeId ? await places.findPlaceInScope(ctx.platform.db, ctx.actor, q.placeId) : null;
  if (q.placeId && !place) throw commonErrors.NOT_FOUND();
  const today = localDate(ctx.platform.clock.now(), ctx.platform.config.timezone);
  const yearsAgo = (n: number) => {
    const year = Number(today.slice(0, 4)) - n;
    // On 29 February, a year without one counts from the 28th (there is no 2023-02-29 to compare with).
    const leap = new Date(Date.UTC(year, 1, 29)).getUTCMonth() === 1;
    return `${year}${today.slice(4) === '-02-29' && !leap ? '-02-28' : today.slice(4)}`;
  };
  const f: repo.ResidentFilter = {
    query: q,
    placePath: place?.path ?? null,
    idNumberBi: null,
    phoneBi: null,
    namePrefix: null,
    birthAfter: q.ageMax !== undefined ? yearsAgo(q.ageMax + 1) : null,
    birthBefore: q.ageMin !== undefined ? yearsAgo(q.ageMin) : null,
  };
  const term = q.q?.trim();
  if (term) {
    const phone = /^[+\d\s-]{11,20}$/.test(term) ? normalizePhone(term) : null;
    if (phone) f.phoneBi = await identifierSearch(ctx, { kind: 'phone', indexed: phone, purpose });
    else if (/^\d{17}[\dXx]$/.test(term)) f.idNumberBi = await identifierSearch(ctx, { kind: 'idNumber', indexed: normalizeIdNumber(term), purpose });
    else f.namePrefix = term;
  }
  return f;
}

export async function listResidents(ctx: Ctx, q: ResidentQuery) {
  const f = await residentFilter(ctx, q);
  const [rows, total] = await Promise.all([
    repo.listResidents(ctx.platform.db, ctx.actor, f, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize }),
    repo.countResidents(ctx.platform.db, ctx.actor, f),
  ]);
  return { items: await presentRows(ctx, rows), total, page: q.page, pageSize: q.pageSize };
}

async function revealsOf(ex: Executor, residentId: number) {
  const rows = await recentEntriesAbout(ex, { entityType: 'resident', entityId: String(residentId), action: 'registry.resident.reveal', limit: 50 });
  return rows.map((r) => {
    const after = (r.after ?? {}) as { field?: 'idNumber' | 'phone'; reason?: string };
    return { at: r.at.toISOString(), actorName: r.actorName, field: after.field ?? 'idNumber', reason: after.reason ?? '' };
  });
}

/** An employer's liaison sees an employee, not the employee's family: only place scope shows the household. */
async function visibleMembers(ctx: Ctx, r: repo.ResidentRow) {
  const members = await repo.householdMembers(ctx.platform.db, r.householdId);
  if (inPlaceScope(ctx.actor, r.placePath) || ctx.actor.householdId === r.householdId) return members;
  return members.filter((m) => m.id === r.id);
}

export async function getResident(ctx: Ctx, id: number): Promise<ResidentDetail> {
  const db = ctx.platform.db;
  const found = await repo.findResidentDetailInScope(db, ctx.actor, id);
  if (!found) throw commonErrors.NOT_FOUND();
  const { r } = found;
  const [summary] = await presentRows(ctx, [found]);
  return {
    ...summary!,
    note: r.note,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    household: { id: r.householdId, members: await visibleMembers(ctx, r) },
    reveals: await revealsOf(db, id),
  };
}

async function assertEmployer(ex: Executor, employerId: number | null | undefined) {
  if (employerId == null) return;
  if ((await places.findEmployers(ex, [employerId])).length === 0) throw registryErrors.REGISTRY_EMPLOYER_UNKNOWN();
}

async function assertUniqueIdNumber(ctx: Ctx, ex: Executor, bi: Buffer | null, exceptId?: number) {
  if (!bi) return;
  const other = await repo.findResidentByIdNumberIndex(ex, bi, exceptId);
  if (!other) return;
  const where = inPlaceScope(ctx.actor, other.placePath) ? await places.labelFor(ex, other.placePath) : '其他社区 / another community';
  throw registryErrors.REGISTRY_ID_NUMBER_DUPLICATE({ where }).onField('idNumber');
}

/** Registers a resident in an existing household, or in a new household at a dwelling. */
export async function createResident(ctx: Ctx, input: ResidentCreate): Promise<ResidentDetail> {
  const identity = sealIdNumber(ctx.platform.cipher, input.idType, input.idNumber);
  const phone = sealPhone(ctx.platform.cipher, input.phone);
  const id = await inTx(ctx, async (tx) => {
    let householdId: number;
    let placePath: string;
    if (input.householdId) {
      const h = await findHouseholdInScope(tx, ctx.actor, input.householdId);
      if (!h || !inPlaceScope(ctx.actor, h.placePath)) throw commonErrors.NOT_FOUND();
      householdId = h.id;
      placePath = h.placePath;
    } else if (input.dwellingId) {
      const d = await places.findPlaceInScope(tx, ctx.actor, input.dwellingId);
      if (!d || !inPlaceScope(ctx.actor, d.path)) throw commonErrors.NOT_FOUND();
      if (d.type !== 'dwelling') throw registryErrors.REGISTRY_NOT_A_DWELLING();
      const h = await insertHousehold(tx, { dwellingId: d.id, placePath: d.path, createdAt: ctx.platform.clock.now() });
      await recordAudit(tx, ctx, { action: 'registry.household.create', entityType: 'household', entityId: h.id, after: h });
      householdId = h.id;
      placePath = d.path;
    } else throw registryErrors.REGISTRY_HOUSEHOLD_REQUIRED();
    if (!ctx.actor.permissions.has('resident.manage') && ctx.actor.kind !== 'system') throw commonErrors.FORBIDDEN();
    await assertEmployer(tx, input.employerId);
    await assertUniqueIdNumber(ctx, tx, identity.idNumberBi);
    const row = await repo.insertResident(tx, {
      householdId,
      placePath,
      name: input.name,
      idType: input.idType,
      ...identity,
      ...phone,
      relation: input.relation,
      employerId: input.employerId ?? null,
      tags: [...new Set(input.tags)],
      note: input.note ?? null,
      createdAt: ctx.platform.clock.now(),
      updatedAt: ctx.platform.clock.now(),
    });
    await recordAudit(tx, ctx, { action: 'registry.resident.create', entityType: 'resident', entityId: row.id, after: auditView(row) });
    return row.id;
  });
  return getResident(ctx, id);
}

/** What the audit log keeps of a resident: no ID or phone number, only whether one is on file. */
function auditView(r: repo.ResidentRow) {
  return {
    householdId: r.householdId,
    name: r.name,
    idType: r.idType,
    hasIdNumber: !!r.idNumberEnc,
    hasPhone: !!r.phoneEnc,
    relation: r.relation,
    employerId: r.employerId,
    tags: r.tags,
    note: r.note,
  };
}

export async function updateResident(ctx: Ctx, id: number, input: ResidentUpdate): Promise<ResidentDetail> {
  await inTx(ctx, async (tx) => {
    const before = await repo.findResidentInScope(tx, ctx.actor, id, true);
    if (!before) throw commonErrors.NOT_FOUND();
    residentPolicy.assert(ctx.actor, 'update', before);
    if (before.version !== input.version) throw commonErrors.STALE_VERSION();
    const values: Parameters<typeof repo.updateResidentVersioned>[3] = {};
    if (input.name !== undefined) values.name = input.name;
    if (input.relation !== undefined) values.relation = input.relation;
    if (input.tags !== undefined) values.tags = [...new Set(input.tags)];
    if (input.note !== undefined) values.note = input.note ?? null;
    if (input.employerId !== undefined) {
      await assertEmployer(tx, input.employerId);
      values.employerId = input.employerId ?? null;
    }
    if (input.idNumber !== undefined || input.idType !== undefined) {
      const idType = input.idType ?? before.idType;
      if (input.idNumber === undefined && before.idNumberEnc) {
        Object.assign(values, sealIdNumber(ctx.platform.cipher, idType, ctx.platform.cipher.decrypt('idNumber', before.idNumberEnc)));
      } else Object.assign(values, sealIdNumber(ctx.platform.cipher, idType, input.idNumber));
      values.idType = idType;
      await assertUniqueIdNumber(ctx, tx, values.idNumberBi ?? null, id);
    }
    if (input.phone !== undefined) Object.assign(values, sealPhone(ctx.platform.cipher, input.phone));
    const after = await repo.updateResidentVersioned(tx, id, input.version, values, ctx.platform.clock.now());
    if (!after) throw commonErrors.STALE_VERSION();
    await recordAudit(tx, ctx, {
      action: 'registry.resident.update',
      entityType: 'resident',
      entityId: id,
      before: auditView(before),
      after: {
        ...auditView(after),
        idNumberChanged: input.idNumber !== undefined && !before.idNumberBi?.equals(after.idNumberBi ?? Buffer.alloc(0)),
        phoneChanged: input.phone !== undefined && !before.phoneBi?.equals(after.phoneBi ?? Buffer.alloc(0)),
      },
    });
  });
  return getResident(ctx, id);
}

export async function deleteResident(ctx: Ctx, id: number) {
  await inTx(ctx, async (tx) => {
    const before = await repo.findResidentInScope(tx, ctx.actor, id, true);
    if (!before) throw commonErrors.NOT_FOUND();
    residentPolicy.assert(ctx.actor, 'delete', before);
    await disableUsersOfResident(tx, id, ctx.platform.clock.now());
    await repo.deleteResident(tx, id);
    await recordAudit(tx, ctx, { action: 'registry.resident.delete', entityType: 'resident', entityId: id, before: auditView(before) });
  });
}

/** Shows one personal field in clear, for a stated reason; every reveal is audited and listed on the record. */
export async function revealResident(ctx: Ctx, id: number, field: 'idNumber' | 'phone', reason: string) {
  return inTx(ctx, async (tx) => {
    const r = await repo.findResidentInScope(tx, ctx.actor, id);
    if (!r) throw commonErrors.NOT_FOUND();
    residentPolicy.assert(ctx.actor, 'reveal', r);
    const enc = field === 'idNumber' ? r.idNumberEnc : r.phoneEnc;
    await recordAudit(tx, ctx, { action: 'registry.resident.reveal', entityType: 'resident', entityId: id, after: { field, reason } });
    return { field, value: enc ? ctx.platform.cipher.decrypt(field, enc) : null };
  });
}

/** A resident's own household, for the phone page after signing in with a code. */
export async function myHousehold(ctx: Ctx): Promise<MyHousehold> {
  const db = ctx.platform.db;
  const me = ctx.actor.residentId === null ? undefined : await repo.findResidentInScope(db, ctx.actor, ctx.actor.residentId);
  if (!me) throw commonErrors.NOT_FOUND();
  const members = await repo.householdMembers(db, me.householdId);
  return {
    householdId: me.householdId,
    dwellingLabel: await places.labelFor(db, me.placePath),
    members: members.map((m) => ({ ...m, isMe: m.id === me.id })),
  };
}
