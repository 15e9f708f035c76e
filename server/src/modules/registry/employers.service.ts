import type { Employer } from '@jiayuan/contracts';
import { and, asc, eq, sql } from 'drizzle-orm';
import { can, inEmployerScope } from '../../platform/access/actor.js';
import { definePolicy } from '../../platform/access/policy.js';
import { scopeWhere } from '../../platform/access/scope-sql.js';
import { recordAudit } from '../../platform/audit/audit.service.js';
import { inTx, type Ctx } from '../../platform/context.js';
import { queryRows, type Executor } from '../../platform/db/database.js';
import { commonErrors } from '../../platform/errors/common-errors.js';
import { employers } from '../../platform/places/places.schema.js';
import { registryErrors } from './registry.errors.js';

type EmployerRow = typeof employers.$inferSelect;

/** Employers are shared across the district: staff with a place scope see all of them; liaisons see their own. */
function visible(ctx: Ctx) {
  if (ctx.actor.scope.all || ctx.actor.scope.places.length > 0) return sql`TRUE`;
  return scopeWhere(ctx.actor, { employerId: employers.id });
}

export const employerPolicy = definePolicy<EmployerRow, 'update' | 'delete'>({
  update: (a) => can(a, 'employer.manage'),
  delete: (a) => can(a, 'employer.manage'),
});

async function present(ctx: Ctx, ex: Executor, rows: EmployerRow[]): Promise<Employer[]> {
  if (rows.length === 0) return [];
  const ids = sql.join(
    rows.map((r) => sql`${r.id}`),
    sql`, `,
  );
  const [staff, liaisons] = await Promise.all([
    queryRows<{ employer_id: number; n: number }>(
      ex,
      // Employees are people: a place-scoped user counts those living in their scope, a liaison their employer's.
      sql`SELECT employer_id, count(*)::int AS n FROM residents
          WHERE employer_id IN (${ids}) AND ${scopeWhere(ctx.actor, { path: sql.raw('place_path'), employerId: sql.raw('employer_id') })}
          GROUP BY employer_id`,
    ),
    queryRows<{ id: number; username: string; display_name: string; employer_id: number }>(
      ex,
      sql`SELECT u.id, u.username, u.display_name, e.value::bigint AS employer_id
          FROM users u, jsonb_array_elements_text(u.scope->'employerIds') e
          WHERE 'employer_liaison' = ANY(u.roles) AND u.disabled_at IS NULL AND e.value::bigint IN (${ids})
          ORDER BY u.username`,
    ),
  ]);
  const counts = new Map(staff.map((s) => [s.employer_id, s.n]));
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    code: r.code,
    employees: counts.get(r.id) ?? 0,
    liaisons: liaisons
      .filter((l) => l.employer_id === r.id)
      .map((l) => ({ userId: l.id, username: l.username, displayName: l.display_name })),
    actions: employerPolicy.actions(ctx.actor, r),
  }));
}

export async function listEmployers(ctx: Ctx, q: string | undefined) {
  const db = ctx.platform.db;
  const rows = await db
    .select()
    .from(employers)
    .where(and(visible(ctx), q ? sql`${employers.name} LIKE ${`%${q}%`}` : sql`TRUE`))
    .orderBy(asc(employers.name))
    .limit(500);
  return { items: await present(ctx, db, rows) };
}

async function load(ctx: Ctx, ex: Executor, id: number) {
  const [row] = await ex
    .select()
    .from(employers)
    .where(and(eq(employers.id, id), visible(ctx)));
  if (!row || (!ctx.actor.scope.all && ctx.actor.scope.places.length === 0 && !inEmployerScope(ctx.actor, id))) {
    throw commonErrors.NOT_FOUND();
  }
  return row;
}

export async function getEmployer(ctx: Ctx, id: number) {
  const row = await load(ctx, ctx.platform.db, id);
  return (await present(ctx, ctx.platform.db, [row]))[0]!;
}

async function assertNameFree(ex: Executor, name: string, exceptId?: number) {
  const [dup] = await ex
    .select({ id: employers.id })
    .from(employers)
    .where(and(eq(employers.name, name), exceptId ? sql`${employers.id} <> ${exceptId}` : sql`TRUE`));
  if (dup) throw registryErrors.REGISTRY_EMPLOYER_NAME_TAKEN({ name }).onField('name');
}

/** Codes are unique too (a unique index); a clash is the user's to fix, not a server error. */
async function assertCodeFree(ex: Executor, code: string | null | undefined, exceptId?: number) {
  if (!code) return;
  const [dup] = await ex
    .select({ id: employers.id })
    .from(employers)
    .where(and(eq(employers.code, code), exceptId ? sql`${employers.id} <> ${exceptId}` : sql`TRUE`));
  if (dup) throw registryErrors.REGISTRY_EMPLOYER_CODE_TAKEN({ code }).onField('code');
}

export async function createEmployer(ctx: Ctx, input: { name: string; code?: string | null | undefined }) {
  const row = await inTx(ctx, async (tx) => {
    await assertNameFree(tx, input.name);
    await assertCodeFree(tx, input.code);
    const [created] = await tx
      .insert(employers)
      .values({ name: input.name, code: input.code || null, createdAt: ctx.platform.clock.now() })
      .returning();
    await recordAudit(tx, ctx, { action: 'registry.employer.create', entityType: 'employer', entityId: created!.id, after: created });
    return created!;
  });
  return (await present(ctx, ctx.platform.db, [row]))[0]!;
}

export async function updateEmployer(ctx: Ctx, id: number, input: { name: string; code?: string | null | undefined }) {
  const row = await inTx(ctx, async (tx) => {
    const before = await load(ctx, tx, id);
    employerPolicy.assert(ctx.actor, 'update', before);
    await assertNameFree(tx, input.name, id);
    await assertCodeFree(tx, input.code, id);
    const [after] = await tx
      .update(employers)
      .set({ name: input.name, code: input.code || null, updatedAt: ctx.platform.clock.now(), version: sql`${employers.version} + 1` })
      .where(eq(employers.id, id))
      .returning();
    await recordAudit(tx, ctx, { action: 'registry.employer.update', entityType: 'employer', entityId: id, before, after });
    return after!;
  });
  return (await present(ctx, ctx.platform.db, [row]))[0]!;
}

export async function deleteEmployer(ctx: Ctx, id: number) {
  await inTx(ctx, async (tx) => {
    const before = await load(ctx, tx, id);
    employerPolicy.assert(ctx.actor, 'delete', before);
    const [shown] = await present(ctx, tx, [before]);
    if (shown!.employees > 0 || shown!.liaisons.length > 0) throw registryErrors.REGISTRY_EMPLOYER_IN_USE();
    await tx.delete(employers).where(eq(employers.id, id));
    await recordAudit(tx, ctx, { action: 'registry.employer.delete', entityType: 'employer', entityId: id, before });
  });
}
