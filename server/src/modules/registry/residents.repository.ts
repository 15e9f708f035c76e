import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { ResidentQuery } from '@jiayuan/contracts';
import type { Actor } from '../../platform/access/actor.js';
import { scopeWhere, underPath } from '../../platform/access/scope-sql.js';
import type { Executor } from '../../platform/db/database.js';
import { employers } from '../../platform/places/places.schema.js';
import { buildingHeads, households, residents } from './registry.schema.js';

export type ResidentRow = typeof residents.$inferSelect;

/** The scope filter for resident rows: place subtree, employer, or (for a resident) their own household. */
export function residentScope(actor: Actor): SQL {
  return scopeWhere(actor, { path: residents.placePath, employerId: residents.employerId, householdId: residents.householdId });
}

export async function findResidentInScope(ex: Executor, actor: Actor, id: number, forUpdate = false) {
  const q = ex
    .select()
    .from(residents)
    .where(and(eq(residents.id, id), residentScope(actor)));
  const [row] = forUpdate ? await q.for('update') : await q;
  return row;
}

/** A resident in scope with what their detail page shows beside them (their dwelling, their employer's name), in one read. */
export async function findResidentDetailInScope(ex: Executor, actor: Actor, id: number) {
  const [row] = await ex
    .select({ r: residents, employerName: employers.name, dwellingId: households.dwellingId })
    .from(residents)
    .innerJoin(households, eq(households.id, residents.householdId))
    .leftJoin(employers, eq(employers.id, residents.employerId))
    .where(and(eq(residents.id, id), residentScope(actor)));
  return row;
}

export async function findResidentByIdNumberIndex(ex: Executor, bi: Buffer, exceptId?: number) {
  const [row] = await ex
    .select({ id: residents.id, placePath: residents.placePath })
    .from(residents)
    .where(and(eq(residents.idNumberBi, bi), exceptId ? sql`${residents.id} <> ${exceptId}` : sql`TRUE`));
  return row;
}

export interface ResidentFilter {
  query: ResidentQuery;
  placePath: string | null;
  idNumberBi: Buffer | null;
  phoneBi: Buffer | null;
  namePrefix: string | null;
  birthAfter: string | null;
  birthBefore: string | null;
}

function filterWhere(actor: Actor, f: ResidentFilter): SQL {
  const q = f.query;
  const conds: SQL[] = [residentScope(actor)];
  if (f.placePath) conds.push(underPath(residents.placePath, f.placePath));
  if (f.idNumberBi) conds.push(sql`${residents.idNumberBi} = ${f.idNumberBi}`);
  if (f.phoneBi) conds.push(sql`${residents.phoneBi} = ${f.phoneBi}`);
  if (f.namePrefix) conds.push(sql`${residents.name} LIKE ${`${f.namePrefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
  if (q.tag) conds.push(sql`${residents.tags} @> ARRAY[${q.tag}]::text[]`);
  if (q.employerId) conds.push(eq(residents.employerId, q.employerId));
  if (q.sex) conds.push(eq(residents.sex, q.sex));
  if (f.birthAfter) conds.push(sql`${residents.birthDate} > ${f.birthAfter}`);
  if (f.birthBefore) conds.push(sql`${residents.birthDate} <= ${f.birthBefore}`);
  return and(...conds)!;
}

export async function listResidents(ex: Executor, actor: Actor, f: ResidentFilter, paging: { limit: number; offset: number }) {
  const where = filterWhere(actor, f);
  const rows = await ex
    .select({ r: residents, employerName: employers.name, dwellingId: households.dwellingId })
    .from(residents)
    .innerJoin(households, eq(households.id, residents.householdId))
    .leftJoin(employers, eq(employers.id, residents.employerId))
    .where(where)
    .orderBy(asc(residents.householdId), asc(residents.id))
    .limit(paging.limit)
    .offset(paging.offset);
  return rows;
}

export async function countResidents(ex: Executor, actor: Actor, f: ResidentFilter): Promise<number> {
  return ex.$count(residents, filterWhere(actor, f));
}

/** Streams every matching row in pages, for exports. */
export async function* iterateResidents(ex: Executor, actor: Actor, f: ResidentFilter, pageSize = 5000) {
  let lastId = 0;
  for (;;) {
    const where = and(filterWhere(actor, f), sql`${residents.id} > ${lastId}`);
    const rows = await ex
      .select({ r: residents, employerName: employers.name, dwellingId: households.dwellingId })
      .from(residents)
      .innerJoin(households, eq(households.id, residents.householdId))
      .leftJoin(employers, eq(employers.id, residents.employerId))
      .where(where)
      .orderBy(asc(residents.id))
      .limit(pageSize);
    if (rows.length === 0) return;
    yield rows;
    lastId = rows[rows.length - 1]!.r.id;
  }
}

export async function insertResident(ex: Executor, values: typeof residents.$inferInsert): Promise<ResidentRow> {
  const [row] = await ex.insert(residents).values(values).returning();
  return row!;
}

export async function updateResidentVersioned(
  ex: Executor,
  id: number,
  version: number,
  values: Partial<typeof residents.$inferInsert>,
  now: Date,
): Promise<ResidentRow | undefined> {
  const [row] = await ex
    .update(residents)
    .set({ ...values, updatedAt: now, version: sql`${residents.version} + 1` })
    .where(and(eq(residents.id, id), eq(residents.version, version)))
    .returning();
  return row;
}

export async function deleteResident(ex: Executor, id: number) {
  // A building head who is removed heads no building any more.
  await ex.delete(buildingHeads).where(eq(buildingHeads.residentId, id));
  await ex.delete(residents).where(eq(residents.id, id));
}

export async function householdMembers(ex: Executor, householdId: number) {
  return ex
    .select({ id: residents.id, name: residents.name, relation: residents.relation })
    .from(residents)
    .where(eq(residents.householdId, householdId))
    .orderBy(asc(residents.id));
}

export async function employerNames(ex: Executor, ids: number[]) {
  if (ids.length === 0) return new Map<number, string>();
  const rows = await ex
    .select({ id: employers.id, name: employers.name })
    .from(employers)
    .where(inArray(employers.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r.name]));
}
