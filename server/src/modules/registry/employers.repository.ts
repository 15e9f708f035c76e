import { and, asc, eq, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/access/actor.js';
import { scopeWhere } from '../../platform/access/scope-sql.js';
import { queryRows, type Executor } from '../../platform/db/database.js';
import { employers } from '../../platform/places/places.schema.js';

export type EmployerRow = typeof employers.$inferSelect;

/** Employers are shared across the district: staff with a place scope see all of them; liaisons see their own. */
function visible(actor: Actor) {
  if (actor.scope.all || actor.scope.places.length > 0) return sql`TRUE`;
  return scopeWhere(actor, { employerId: employers.id });
}

/** How many people work for each of these employers: within a place-scoped user's places, or a liaison's employer. */
export async function employeeCounts(ex: Executor, actor: Actor, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return queryRows<{ employer_id: number; n: number }>(
    ex,
    sql`SELECT employer_id, count(*)::int AS n FROM residents
        WHERE employer_id IN (${sql.join(
          ids.map((i) => sql`${i}`),
          sql`, `,
        )}) AND ${scopeWhere(actor, { path: sql.raw('place_path'), employerId: sql.raw('employer_id') })}
        GROUP BY employer_id`,
  );
}

export async function listVisible(ex: Executor, actor: Actor, q: string | undefined, limit: number) {
  return ex
    .select()
    .from(employers)
    .where(and(visible(actor), q ? sql`${employers.name} LIKE ${`%${q}%`}` : sql`TRUE`))
    .orderBy(asc(employers.name))
    .limit(limit);
}

export async function findVisible(ex: Executor, actor: Actor, id: number): Promise<EmployerRow | undefined> {
  const [row] = await ex
    .select()
    .from(employers)
    .where(and(eq(employers.id, id), visible(actor)));
  return row;
}

/** Whether another employer has this name (or, given, this code). */
export async function takenBy(ex: Executor, field: 'name' | 'code', value: string, exceptId?: number): Promise<boolean> {
  const [dup] = await ex
    .select({ id: employers.id })
    .from(employers)
    .where(and(eq(field === 'name' ? employers.name : employers.code, value), exceptId ? sql`${employers.id} <> ${exceptId}` : sql`TRUE`));
  return !!dup;
}

export async function insertEmployer(ex: Executor, values: { name: string; code: string | null; createdAt: Date }) {
  const [created] = await ex.insert(employers).values(values).returning();
  return created!;
}

export async function updateEmployerRow(ex: Executor, id: number, values: { name: string; code: string | null; updatedAt: Date }) {
  const [after] = await ex
    .update(employers)
    .set({ ...values, version: sql`${employers.version} + 1` })
    .where(eq(employers.id, id))
    .returning();
  return after!;
}

export async function deleteEmployerRow(ex: Executor, id: number) {
  await ex.delete(employers).where(eq(employers.id, id));
}
