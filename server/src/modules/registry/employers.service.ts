import type { Employer } from '@jiayuan/contracts';
import { can, inEmployerScope } from '../../platform/access/actor.js';
import { definePolicy } from '../../platform/access/policy.js';
import { recordAudit } from '../../platform/audit/audit.service.js';
import { inTx, type Ctx } from '../../platform/context.js';
import { employerLiaisons } from '../../platform/auth/identity.repository.js';
import type { Executor } from '../../platform/db/database.js';
import { commonErrors } from '../../platform/errors/common-errors.js';
import * as repo from './employers.repository.js';
import { registryErrors } from './registry.errors.js';

export const employerPolicy = definePolicy<repo.EmployerRow, 'update' | 'delete'>({
  update: (a) => can(a, 'employer.manage'),
  delete: (a) => can(a, 'employer.manage'),
});

async function present(ctx: Ctx, ex: Executor, rows: repo.EmployerRow[]): Promise<Employer[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [staff, liaisons] = await Promise.all([
    // Employees are people: a place-scoped user counts those living in their scope, a liaison their employer's.
    repo.employeeCounts(ex, ctx.actor, ids),
    employerLiaisons(ex, ids),
  ]);
  const counts = new Map(staff.map((s) => [s.employer_id, s.n]));
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    code: r.code,
    employees: counts.get(r.id) ?? 0,
    liaisons: liaisons.filter((l) => l.employer_id === r.id).map((l) => ({ userId: l.id, username: l.username, displayName: l.display_name })),
    actions: employerPolicy.actions(ctx.actor, r),
  }));
}

export async function listEmployers(ctx: Ctx, q: string | undefined) {
  const db = ctx.platform.db;
  const rows = await repo.listVisible(db, ctx.actor, q, 500);
  return { items: await present(ctx, db, rows) };
}

async function load(ctx: Ctx, ex: Executor, id: number) {
  const row = await repo.findVisible(ex, ctx.actor, id);
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
  if (await repo.takenBy(ex, 'name', name, exceptId)) throw registryErrors.REGISTRY_EMPLOYER_NAME_TAKEN({ name }).onField('name');
}

/** Codes are unique too (a unique index); a clash is the user's to fix, not a server error. */
async function assertCodeFree(ex: Executor, code: string | null | undefined, exceptId?: number) {
  if (!code) return;
  if (await repo.takenBy(ex, 'code', code, exceptId)) throw registryErrors.REGISTRY_EMPLOYER_CODE_TAKEN({ code }).onField('code');
}

export async function createEmployer(ctx: Ctx, input: { name: string; code?: string | null | undefined }) {
  const row = await inTx(ctx, async (tx) => {
    await assertNameFree(tx, input.name);
    await assertCodeFree(tx, input.code);
    const created = await repo.insertEmployer(tx, { name: input.name, code: input.code || null, createdAt: ctx.platform.clock.now() });
    await recordAudit(tx, ctx, { action: 'registry.employer.create', entityType: 'employer', entityId: created.id, after: created });
    return created;
  });
  return (await present(ctx, ctx.platform.db, [row]))[0]!;
}

export async function updateEmployer(ctx: Ctx, id: number, input: { name: string; code?: string | null | undefined }) {
  const row = await inTx(ctx, async (tx) => {
    const before = await load(ctx, tx, id);
    employerPolicy.assert(ctx.actor, 'update', before);
    await assertNameFree(tx, input.name, id);
    await assertCodeFree(tx, input.code, id);
    const after = await repo.updateEmployerRow(tx, id, { name: input.name, code: input.code || null, updatedAt: ctx.platform.clock.now() });
    await recordAudit(tx, ctx, { action: 'registry.employer.update', entityType: 'employer', entityId: id, before, after });
    return after;
  });
  return (await present(ctx, ctx.platform.db, [row]))[0]!;
}

export async function deleteEmployer(ctx: Ctx, id: number) {
  await inTx(ctx, async (tx) => {
    const before = await load(ctx, tx, id);
    employerPolicy.assert(ctx.actor, 'delete', before);
    const [shown] = await present(ctx, tx, [before]);
    if (shown!.employees > 0 || shown!.liaisons.length > 0) throw registryErrors.REGISTRY_EMPLOYER_IN_USE();
    await repo.deleteEmployerRow(tx, id);
    await recordAudit(tx, ctx, { action: 'registry.employer.delete', entityType: 'employer', entityId: id, before });
  });
}
