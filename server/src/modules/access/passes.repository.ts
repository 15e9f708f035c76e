import { and, desc, eq, gt, inArray, isNotNull, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../platform/access/actor.js';
import { scopeWhere, underPath } from '../../platform/access/scope-sql.js';
import { queryOne, type Executor } from '../../platform/db/database.js';
import { accessPasses } from './passes.schema.js';

export type PassRow = typeof accessPasses.$inferSelect;
export type NewPass = typeof accessPasses.$inferInsert;

export function passScope(actor: Actor): SQL {
  return scopeWhere(actor, { path: accessPasses.placePath });
}

export async function insertPass(ex: Executor, values: NewPass): Promise<PassRow> {
  const [row] = await ex.insert(accessPasses).values(values).returning();
  return row!;
}

export async function setToken(ex: Executor, id: number, token: string) {
  await ex.update(accessPasses).set({ token }).where(eq(accessPasses.id, id));
}

export async function findPassInScope(ex: Executor, actor: Actor, id: number, forUpdate = false): Promise<PassRow | undefined> {
  const q = ex
    .select()
    .from(accessPasses)
    .where(and(eq(accessPasses.id, id), passScope(actor)));
  const [row] = forUpdate ? await q.for('update') : await q;
  return row;
}

export async function updatePass(
  ex: Executor,
  id: number,
  version: number,
  set: Omit<Partial<NewPass>, 'listVersion'> & { listVersion?: SQL | number | null },
): Promise<PassRow | undefined> {
  const [row] = await ex
    .update(accessPasses)
    .set({ ...set, version: sql`${accessPasses.version} + 1`, updatedAt: sql`now()` } as never)
    .where(and(eq(accessPasses.id, id), eq(accessPasses.version, version)))
    .returning();
  return row;
}

export async function listPasses(
  ex: Executor,
  actor: Actor,
  q: { kind?: string | undefined; status: string; placePath?: string | undefined; q?: string | undefined; page: number; pageSize: number },
  now: Date,
) {
  const conds: SQL[] = [passScope(actor)];
  if (q.kind) conds.push(eq(accessPasses.kind, q.kind));
  if (q.status === 'active') conds.push(and(eq(accessPasses.status, 'active'), gt(accessPasses.validUntil, now))!);
  if (q.status === 'expired') conds.push(and(eq(accessPasses.status, 'active'), lte(accessPasses.validUntil, now))!);
  if (q.status === 'revoked') conds.push(eq(accessPasses.status, 'revoked'));
  if (q.placePath) conds.push(underPath(accessPasses.placePath, q.placePath));
  if (q.q) {
    const like = `${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conds.push(
      or(sql`${accessPasses.holderName} LIKE ${like}`, sql`${accessPasses.plate} LIKE ${like}`, sql`${accessPasses.dwellingLabel} LIKE ${'%' + like}`)!,
    );
  }
  const where = and(...conds);
  const items = await ex
    .select()
    .from(accessPasses)
    .where(where)
    .orderBy(desc(accessPasses.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const total = await queryOne<{ n: number }>(ex, sql`SELECT count(*)::int AS n FROM ${accessPasses} WHERE ${where}`);
  return { items, total: total?.n ?? 0 };
}

/** A resident's own passes: those naming them, and their household's vehicle passes. */
export async function passesOfResident(ex: Executor, residentId: number, householdId: number | null, since: Date) {
  return ex
    .select()
    .from(accessPasses)
    .where(
      and(
        or(
          eq(accessPasses.residentId, residentId),
          householdId ? and(eq(accessPasses.householdId, householdId), eq(accessPasses.kind, 'vehicle_pass')) : sql`FALSE`,
        ),
        gt(accessPasses.validUntil, since),
      ),
    )
    .orderBy(desc(accessPasses.validUntil));
}

/** The gate's view of one pass: its row (whether an order seals its place comes from the gate view's lockdown list). */
export async function passForGate(ex: Executor, id: number) {
  return queryOne<{
    id: number;
    kind: string;
    status: string;
    resident_id: number | null;
    holder_name: string;
    dwelling_label: string;
    plate: string | null;
    place_path: string;
    valid_from: Date | string;
    valid_until: Date | string;
    max_uses: number | null;
    uses_count: number;
  }>(
    ex,
    sql`SELECT p.id::int AS id, p.kind, p.status, p.resident_id::int AS resident_id, p.holder_name, p.dwelling_label, p.plate, p.place_path,
               p.valid_from, p.valid_until, p.max_uses, p.uses_count
        FROM access_passes p WHERE p.id = ${id}`,
  );
}

/** What never changes on these passes (kind, holder, place), for checking what gate events name. */
export async function passFactsOf(ex: Executor, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return ex
    .select({ id: accessPasses.id, kind: accessPasses.kind, resident_id: accessPasses.residentId, place_path: accessPasses.placePath })
    .from(accessPasses)
    .where(inArray(accessPasses.id, [...ids]));
}

/** The newest usable pass of a kind set for a resident, or of a plate, among the passes for places under `within` (a gate's place). */
export async function currentPassId(ex: Executor, by: { residentId: number } | { plate: string }, now: Date, within: string): Promise<number | undefined> {
  const who =
    'plate' in by
      ? and(eq(accessPasses.plate, by.plate), eq(accessPasses.kind, 'vehicle_pass'))
      : and(eq(accessPasses.residentId, by.residentId), sql`${accessPasses.kind} IN ('health_pass', 'entry_ticket')`);
  const [row] = await ex
    .select({ id: accessPasses.id })
    .from(accessPasses)
    .where(
      and(
        who,
        underPath(accessPasses.placePath, within),
        eq(accessPasses.status, 'active'),
        gt(accessPasses.validUntil, now),
        lte(accessPasses.validFrom, now),
      ),
    )
    .orderBy(desc(accessPasses.validUntil))
    .limit(1);
  return row?.id;
}

/** Revoked and used-up passes still inside their validity (full), or changed after `since` (delta). */
export async function revocations(ex: Executor, since: number | undefined, now: Date, within: Actor) {
  const rows = await ex
    .select({ passId: accessPasses.id, status: accessPasses.status, version: accessPasses.listVersion })
    .from(accessPasses)
    .where(
      and(
        isNotNull(accessPasses.listVersion),
        since === undefined ? gt(accessPasses.validUntil, now) : gt(accessPasses.listVersion, since),
        scopeWhere(within, { path: accessPasses.placePath }),
      ),
    );
  const top = await queryOne<{ v: number }>(ex, sql`SELECT coalesce(max(list_version), 0)::int AS v FROM access_passes`);
  return {
    version: Math.max(top?.v ?? 0, since ?? 0),
    full: since === undefined,
    entries: rows.map((r) => ({ passId: r.passId, reason: r.status === 'revoked' ? ('revoked' as const) : ('out_of_uses' as const), version: r.version! })),
  };
}

/**
 * Counts allowed passages on entry tickets; a ticket that reaches its maximum joins the
 * revocation list as used up.
 */
export async function countTicketUses(ex: Executor, uses: Map<number, number>) {
  for (const [id, n] of uses) {
    await ex.execute(sql`UPDATE access_passes SET uses_count = uses_count + ${n},
        list_version = CASE WHEN list_version IS NULL AND max_uses IS NOT NULL AND uses_count + ${n} >= max_uses THEN nextval('pass_list_version') ELSE list_version END
      WHERE id = ${id} AND kind = 'entry_ticket'`);
  }
}
