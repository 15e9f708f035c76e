import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../platform/access/actor.js';
import { scopeWhere, underPath } from '../../platform/access/scope-sql.js';
import { queryRows, type Executor } from '../../platform/db/database.js';
import { households, residents } from './registry.schema.js';

export function householdScope(actor: Actor): SQL {
  return scopeWhere(actor, { path: households.placePath, householdId: households.id });
}

export async function findHouseholdInScope(ex: Executor, actor: Actor, id: number) {
  const [row] = await ex
    .select()
    .from(households)
    .where(and(eq(households.id, id), householdScope(actor)));
  return row;
}

export async function findHousehold(ex: Executor, id: number) {
  const [row] = await ex.select().from(households).where(eq(households.id, id));
  return row;
}

export async function insertHousehold(ex: Executor, values: typeof households.$inferInsert) {
  const [row] = await ex.insert(households).values(values).returning();
  return row!;
}

export async function deleteHousehold(ex: Executor, id: number) {
  await ex.delete(households).where(eq(households.id, id));
}

export async function memberCount(ex: Executor, id: number): Promise<number> {
  return ex.$count(residents, eq(residents.householdId, id));
}

export async function listHouseholds(
  ex: Executor,
  actor: Actor,
  f: { placePath: string | null; headNamePrefix: string | null },
  paging: { limit: number; offset: number },
) {
  const where = and(
    householdScope(actor),
    f.placePath ? underPath(households.placePath, f.placePath) : sql`TRUE`,
    f.headNamePrefix
      ? sql`EXISTS (SELECT 1 FROM residents r WHERE r.household_id = ${households.id} AND r.name LIKE ${`${f.headNamePrefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`})`
      : sql`TRUE`,
  )!;
  const [rows, total] = await Promise.all([
    ex.select().from(households).where(where).orderBy(asc(households.id)).limit(paging.limit).offset(paging.offset),
    ex.$count(households, where),
  ]);
  return { rows, total };
}

/** Head name and member count of each household, in one query. */
export async function householdStats(ex: Executor, ids: number[]) {
  if (ids.length === 0) return new Map<number, { head: string | null; members: number }>();
  const rows = await queryRows<{ household_id: number; head: string | null; members: number }>(
    ex,
    sql`SELECT household_id, count(*)::int AS members,
          (array_agg(name ORDER BY (relation = 'head') DESC, id))[1] AS head
        FROM residents WHERE household_id IN (${sql.join(
          ids.map((i) => sql`${i}`),
          sql`, `,
        )}) GROUP BY household_id`,
  );
  return new Map(rows.map((r) => [r.household_id, { head: r.head, members: r.members }]));
}

export type HouseholdRowLike = typeof households.$inferSelect;
