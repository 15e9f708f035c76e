import { and, asc, desc, eq, inArray, isNotNull, isNull, lte, sql, type SQL } from 'drizzle-orm';
import type { LocalizedText } from '@jiayuan/contracts';
import type { Actor } from '../access/actor.js';
import { scopeWhere } from '../access/scope-sql.js';
import { queryOne, queryRows, type Executor } from '../db/database.js';
import { pageWithTotal } from '../db/paging.js';
import { obligationRules, obligations } from './obligations.schema.js';

export type ObligationRow = typeof obligations.$inferSelect;
export type ObligationInsert = typeof obligations.$inferInsert;
export type RuleRow = typeof obligationRules.$inferSelect;

const open = sql`${obligations.doneAt} IS NULL AND ${obligations.cancelledAt} IS NULL`;

/** Obligations that are mine: assigned to me, or to one of my roles within my scope. */
export function mineWhere(actor: Actor): SQL {
  const byRole =
    actor.roles.length > 0
      ? sql`(${obligations.responsibleUserId} IS NULL AND ${obligations.responsibleRole} IN (${sql.join(
          actor.roles.map((r) => sql`${r}`),
          sql`, `,
        )}) AND ${scopeWhere(actor, { path: obligations.placePath })})`
      : sql`FALSE`;
  const byUser = actor.userId !== null ? sql`${obligations.responsibleUserId} = ${actor.userId}` : sql`FALSE`;
  return sql`(${byUser} OR ${byRole})`;
}

export async function insertObligations(ex: Executor, rows: ObligationInsert[]): Promise<number> {
  let n = 0;
  for (let i = 0; i < rows.length; i += 1000) {
    const inserted = await ex
      .insert(obligations)
      .values(rows.slice(i, i + 1000))
      .onConflictDoNothing({
        target: [obligations.ruleId, obligations.subjectType, obligations.subjectId, obligations.dueAt],
        where: sql`rule_id IS NOT NULL`,
      })
      .returning({ id: obligations.id });
    n += inserted.length;
  }
  return n;
}

/**
 * Cancels a subject's open obligations and inserts its new ones in one statement (the update cannot
 * see the rows the insert adds: both run on the statement's snapshot).
 */
export async function replaceBySubject(
  ex: Executor,
  where: { subjectType: string; subjectId: string },
  cancel: Partial<ObligationInsert>,
  rows: ObligationInsert[],
): Promise<void> {
  const cancelled = ex
    .update(obligations)
    .set(cancel)
    .where(and(eq(obligations.subjectType, where.subjectType), eq(obligations.subjectId, where.subjectId), open));
  if (rows.length === 0 || rows.length > 1000) {
    await cancelled;
    await insertObligations(ex, rows);
    return;
  }
  const inserted = ex.insert(obligations).values(rows);
  await ex.execute(sql`WITH cancelled AS (${cancelled.getSQL()}) ${inserted.getSQL()}`);
}

export async function findObligation(ex: Executor, id: number, forUpdate = false) {
  const q = ex.select().from(obligations).where(eq(obligations.id, id));
  const [row] = forUpdate ? await q.for('update') : await q;
  return row;
}

export async function closeBySubject(
  ex: Executor,
  where: { subjectType: string; subjectId: string; kind?: string | undefined },
  values: Partial<ObligationInsert>,
): Promise<ObligationRow[]> {
  return ex
    .update(obligations)
    .set(values)
    .where(
      and(
        eq(obligations.subjectType, where.subjectType),
        eq(obligations.subjectId, where.subjectId),
        where.kind ? eq(obligations.kind, where.kind) : sql`TRUE`,
        open,
      ),
    )
    .returning();
}

/** The open obligations of a subject type (optionally of one kind). */
export async function openOfSubjectType(ex: Executor, subjectType: string, kind?: string) {
  return ex
    .select()
    .from(obligations)
    .where(and(eq(obligations.subjectType, subjectType), kind ? eq(obligations.kind, kind) : sql`TRUE`, open))
    .orderBy(asc(obligations.id));
}

export async function markDone(ex: Executor, id: number, at: Date, by: number | null) {
  const [row] = await ex
    .update(obligations)
    .set({ doneAt: at, doneBy: by })
    .where(and(eq(obligations.id, id), open))
    .returning();
  return row;
}

export type TodoState = 'open' | 'overdue' | 'today' | 'done';

/**
 * The one open to-do each workflow subject shows in my list: its earliest clock. A repair order
 * keeps a clock per stage (accept, arrive, resolve) for escalation, but it is one thing to do,
 * shown by its current stage. Each occurrence of a recurring duty stands on its own.
 */
function currentOfSubject(actor: Actor): SQL {
  const key = sql`coalesce(CASE WHEN rule_id IS NULL THEN subject_type || ':' || subject_id END, 'rule:' || id::text)`;
  return sql`${obligations.id} IN (SELECT DISTINCT ON (${key}) id FROM obligations WHERE ${open} AND ${mineWhere(actor)} ORDER BY ${key}, due_at, id)`;
}

function todoWhere(actor: Actor, state: TodoState, now: Date, dayEnd: Date): SQL {
  if (state === 'done') return and(mineWhere(actor), isNotNull(obligations.doneAt))!;
  const due = state === 'overdue' ? sql` AND ${obligations.dueAt} < ${now}` : state === 'today' ? sql` AND ${obligations.dueAt} < ${dayEnd}` : sql``;
  return sql`${open} AND ${currentOfSubject(actor)}${due}`;
}

export async function listTodos(
  ex: Executor,
  actor: Actor,
  q: { state: TodoState; kind?: string | undefined },
  now: Date,
  dayEnd: Date,
  paging: { limit: number; offset: number },
) {
  const where = and(todoWhere(actor, q.state, now, dayEnd), q.kind ? eq(obligations.kind, q.kind) : undefined);
  return pageWithTotal(ex, obligations, where, [q.state === 'done' ? desc(obligations.doneAt) : asc(obligations.dueAt), asc(obligations.id)], paging);
}

export async function todoCounts(ex: Executor, actor: Actor, now: Date, dayEnd: Date) {
  const row = await queryOne<{ open: number; overdue: number; due_today: number }>(
    ex,
    sql`SELECT count(*)::int AS open,
          count(*) FILTER (WHERE due_at < ${now})::int AS overdue,
          count(*) FILTER (WHERE due_at >= ${now} AND due_at < ${dayEnd})::int AS due_today
        FROM obligations WHERE ${todoWhere(actor, 'open', now, dayEnd)}`,
  );
  return { open: row?.open ?? 0, overdue: row?.overdue ?? 0, dueToday: row?.due_today ?? 0 };
}

export interface TodoGroupRow {
  kind: string;
  count: number;
  overdue: number;
  due_today: number;
  manual: number;
  manual_due: number;
  first_due: Date | string | null;
  /** The title every to-do of the group shares, else the newest recurring duty's. */
  shared_title: LocalizedText | null;
}

/** My to-dos in a state counted per kind, soonest due first: the groups of the to-do list. */
export async function todoGroups(ex: Executor, actor: Actor, state: TodoState, now: Date, dayEnd: Date) {
  const manual = sql`rule_id IS NOT NULL AND done_at IS NULL AND cancelled_at IS NULL`;
  return queryRows<TodoGroupRow>(
    ex,
    sql`SELECT kind, count(*)::int AS count,
          count(*) FILTER (WHERE done_at IS NULL AND due_at < ${now})::int AS overdue,
          count(*) FILTER (WHERE done_at IS NULL AND due_at >= ${now} AND due_at < ${dayEnd})::int AS due_today,
          count(*) FILTER (WHERE ${manual})::int AS manual,
          count(*) FILTER (WHERE ${manual} AND due_at < ${dayEnd})::int AS manual_due,
          min(due_at) AS first_due,
          CASE WHEN count(DISTINCT title::text) = 1 THEN min(title::text)::jsonb
               ELSE (array_agg(title ORDER BY id DESC) FILTER (WHERE rule_id IS NOT NULL))[1] END AS shared_title
        FROM obligations WHERE ${todoWhere(actor, state, now, dayEnd)}
        GROUP BY kind ORDER BY min(due_at), kind`,
  );
}

/** Of these ids, the ones that are mine, with whether each is a recurring duty (which may be ticked off by hand). */
export async function mineAmong(ex: Executor, actor: Actor, ids: number[]) {
  return queryRows<{ id: number; manual: boolean }>(
    ex,
    sql`SELECT id::int AS id, (rule_id IS NOT NULL) AS manual FROM obligations
        WHERE id IN (${sql.join(
          ids.map((id) => sql`${id}`),
          sql`, `,
        )}) AND ${mineWhere(actor)}`,
  );
}

/** Whether I have open to-dos of this kind that only their workflow completes. */
export async function hasWorkflowTodos(ex: Executor, actor: Actor, kind: string) {
  const row = await queryOne<{ n: number }>(
    ex,
    sql`SELECT count(*)::int AS n FROM obligations WHERE kind = ${kind} AND rule_id IS NULL AND ${open} AND ${mineWhere(actor)}`,
  );
  return (row?.n ?? 0) > 0;
}

/**
 * Ticks off my open recurring duties, by ids or by kind and due time, in one conditional update:
 * of two people (or two clicks) completing the same duties at once, each duty is done once.
 */
export async function markManyDone(ex: Executor, actor: Actor, which: { ids: number[] } | { kind: string; dueBefore: Date }, at: Date) {
  const pick =
    'ids' in which
      ? sql`id IN (${sql.join(
          which.ids.map((id) => sql`${id}`),
          sql`, `,
        )})`
      : sql`kind = ${which.kind} AND due_at < ${which.dueBefore}`;
  return queryRows<{ id: number; kind: string; subject_type: string; subject_id: string }>(
    ex,
    sql`UPDATE obligations SET done_at = ${at}, done_by = ${actor.userId}
        WHERE ${pick} AND rule_id IS NOT NULL AND ${open} AND ${mineWhere(actor)}
        RETURNING id::int AS id, kind, subject_type, subject_id`,
  );
}

/** Open obligations whose escalation time has come and that have not been escalated yet. */
export async function dueForEscalation(ex: Executor, now: Date, limit: number) {
  return ex
    .select()
    .from(obligations)
    .where(and(open, isNull(obligations.escalatedAt), lte(obligations.escalateAt, now)))
    .orderBy(asc(obligations.escalateAt))
    .limit(limit)
    .for('update', { skipLocked: true });
}

export async function markEscalated(ex: Executor, ids: number[], at: Date) {
  if (ids.length === 0) return;
  await ex.update(obligations).set({ escalatedAt: at }).where(inArray(obligations.id, ids));
}

/** Whether another obligation of the same group (record, step, due time, escalation role and place) has been escalated. */
export async function groupAlreadyEscalated(ex: Executor, o: ObligationRow): Promise<boolean> {
  const [row] = await ex
    .select({ id: obligations.id })
    .from(obligations)
    .where(
      and(
        eq(obligations.subjectType, o.subjectType),
        eq(obligations.subjectId, o.subjectId),
        eq(obligations.kind, o.kind),
        eq(obligations.dueAt, o.dueAt),
        sql`${obligations.escalationRole} IS NOT DISTINCT FROM ${o.escalationRole}`,
        sql`${obligations.placePath} IS NOT DISTINCT FROM ${o.placePath}`,
        isNotNull(obligations.escalatedAt),
      ),
    )
    .limit(1);
  return row !== undefined;
}

export async function listRules(ex: Executor, actor: Actor) {
  return ex
    .select({
      rule: obligationRules,
      placePath: sql<string>`p.path`,
      openCount: sql<number>`(SELECT count(*)::int FROM obligations o WHERE o.rule_id = ${obligationRules.id} AND o.done_at IS NULL AND o.cancelled_at IS NULL)`,
    })
    .from(obligationRules)
    .innerJoin(sql`places p`, sql`p.id = ${obligationRules.placeId}`)
    .where(scopeWhere(actor, { path: sql`p.path` }))
    .orderBy(asc(obligationRules.id));
}

export async function findRule(ex: Executor, id: number) {
  const [row] = await ex.select().from(obligationRules).where(eq(obligationRules.id, id));
  return row;
}

export async function activeRules(ex: Executor) {
  return ex.select().from(obligationRules).where(eq(obligationRules.active, true));
}

export async function cancelFutureOfRule(ex: Executor, ruleId: number, after: Date, reason: string, at: Date) {
  await ex
    .update(obligations)
    .set({ cancelledAt: at, cancelReason: reason })
    .where(and(eq(obligations.ruleId, ruleId), open, sql`${obligations.dueAt} > ${after}`));
}

/**
 * Removes a rule's not-yet-done future obligations so they can be generated afresh: the unique
 * occurrence index would otherwise keep a cancelled copy in the way of its replacement.
 */
export async function deleteFutureOfRule(ex: Executor, ruleId: number, after: Date) {
  await ex.delete(obligations).where(and(eq(obligations.ruleId, ruleId), isNull(obligations.doneAt), sql`${obligations.dueAt} > ${after}`));
}

/** Whether the obligation is one of the actor's own to-dos. */
export async function isMine(ex: Executor, actor: Actor, id: number): Promise<boolean> {
  return (await queryRows<{ id: number }>(ex, sql`SELECT id FROM obligations WHERE id = ${id} AND ${mineWhere(actor)}`)).length > 0;
}

export async function insertRule(ex: Executor, values: typeof obligationRules.$inferInsert): Promise<number> {
  const [r] = await ex.insert(obligationRules).values(values).returning({ id: obligationRules.id });
  return r!.id;
}

/** Saves a rule's fields; its obligations are generated again from now. */
export async function updateRule(ex: Executor, id: number, values: Partial<typeof obligationRules.$inferInsert>, now: Date) {
  await ex
    .update(obligationRules)
    .set({ ...values, generatedUntil: null, updatedAt: now, version: sql`${obligationRules.version} + 1` })
    .where(eq(obligationRules.id, id));
}

export async function setRuleFields(ex: Executor, id: number, values: Partial<typeof obligationRules.$inferInsert>) {
  await ex.update(obligationRules).set(values).where(eq(obligationRules.id, id));
}

/** Holds a transaction-scoped advisory lock (one runner at a time across instances). */
export async function advisoryXactLock(ex: Executor, key: number) {
  await ex.execute(sql`SELECT pg_advisory_xact_lock(${key})`);
}
