import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../platform/access/actor.js';
import { scopeWhere, underPath } from '../../platform/access/scope-sql.js';
import { queryOne, queryRows, type Executor } from '../../platform/db/database.js';
import * as registry from '../registry/index.js';
import { observationChecks } from './observation-checks.table.js';
import { observationCases, observationDeliveries, observationEvents } from './observation.schema.js';

export type CaseRow = typeof observationCases.$inferSelect;
export type CheckRow = typeof observationChecks.$inferSelect;
export type CheckInsert = Omit<typeof observationChecks.$inferInsert, 'id'>;

export const OPEN_STATUSES = ['active', 'release_proposed'] as const;

function caseScope(actor: Actor): SQL {
  return scopeWhere(actor, { path: observationCases.placePath });
}

/** The person a case is about, limited to the actor's place scope (the registry's typed read). */
export const residentInScope = registry.residentInScope;

export const householdMembers = registry.householdMembers;

export { residentNames as namesOf } from '../registry/index.js';

export async function findOpenCaseOf(ex: Executor, residentId: number) {
  const [row] = await ex
    .select()
    .from(observationCases)
    .where(and(eq(observationCases.residentId, residentId), inArray(observationCases.status, [...OPEN_STATUSES])));
  return row;
}

export async function insertCase(ex: Executor, values: typeof observationCases.$inferInsert): Promise<CaseRow> {
  const [row] = await ex.insert(observationCases).values(values).returning();
  return row!;
}

export async function findCaseInScope(ex: Executor, actor: Actor, id: number, forUpdate = false) {
  const q = ex
    .select()
    .from(observationCases)
    .where(and(eq(observationCases.id, id), caseScope(actor)));
  const [row] = forUpdate ? await q.for('update') : await q;
  return row;
}

export async function findCase(ex: Executor, id: number) {
  const [row] = await ex.select().from(observationCases).where(eq(observationCases.id, id));
  return row;
}

/** Updates a case if it still has the version read; undefined when someone else changed it. */
export async function updateCaseVersioned(ex: Executor, id: number, version: number, values: Partial<typeof observationCases.$inferInsert>, now: Date) {
  const [row] = await ex
    .update(observationCases)
    .set({ ...values, updatedAt: now, version: sql`${observationCases.version} + 1` })
    .where(and(eq(observationCases.id, id), eq(observationCases.version, version)))
    .returning();
  return row;
}

/** Moves a case from one status to another; undefined when it was no longer in `from`. */
export async function transitionCase(ex: Executor, id: number, from: CaseRow['status'], values: Partial<typeof observationCases.$inferInsert>, now: Date) {
  const [row] = await ex
    .update(observationCases)
    .set({ ...values, updatedAt: now, version: sql`${observationCases.version} + 1` })
    .where(and(eq(observationCases.id, id), eq(observationCases.status, from)))
    .returning();
  return row;
}

export interface CaseFilter {
  statuses: string[];
  kind?: string | undefined;
  placePath?: string | null;
  namePrefix?: string | null;
}

function filterWhere(actor: Actor, f: CaseFilter): SQL {
  const conds: SQL[] = [caseScope(actor), inArray(observationCases.status, f.statuses as CaseRow['status'][])];
  if (f.kind) conds.push(eq(observationCases.kind, f.kind as CaseRow['kind']));
  if (f.placePath) conds.push(underPath(observationCases.placePath, f.placePath));
  if (f.namePrefix) {
    conds.push(sql`${observationCases.residentId} IN (${registry.residentIdsNamedLike(f.namePrefix)})`);
  }
  return and(...conds)!;
}

export async function listCases(ex: Executor, actor: Actor, f: CaseFilter, paging: { limit: number; offset: number }) {
  const where = filterWhere(actor, f);
  const rows = await ex
    .select()
    .from(observationCases)
    .where(where)
    .orderBy(asc(observationCases.plannedEndOn), asc(observationCases.id))
    .limit(paging.limit)
    .offset(paging.offset);
  const total = await ex.$count(observationCases, where);
  return { rows, total };
}

/** Open cases in scope with today's check rows, for the phone page. */
export async function openCasesInScope(ex: Executor, actor: Actor, limit = 500) {
  return ex
    .select()
    .from(observationCases)
    .where(and(caseScope(actor), inArray(observationCases.status, [...OPEN_STATUSES])))
    .orderBy(asc(observationCases.placePath), asc(observationCases.id))
    .limit(limit);
}

export async function checksOfCases(ex: Executor, caseIds: number[], from: Date, to: Date): Promise<CheckRow[]> {
  if (caseIds.length === 0) return [];
  return ex
    .select()
    .from(observationChecks)
    .where(and(inArray(observationChecks.caseId, caseIds), sql`${observationChecks.windowStart} >= ${from}`, sql`${observationChecks.windowStart} < ${to}`))
    .orderBy(asc(observationChecks.windowStart), asc(observationChecks.residentId));
}

export async function recentChecks(ex: Executor, caseId: number, limit: number): Promise<CheckRow[]> {
  return ex
    .select()
    .from(observationChecks)
    .where(eq(observationChecks.caseId, caseId))
    .orderBy(desc(observationChecks.windowStart), desc(observationChecks.id))
    .limit(limit);
}

/** Per case: the latest reading, slots due now or late, slots missed, alerts not yet handled. */
export async function caseStats(ex: Executor, caseIds: number[], now: Date) {
  if (caseIds.length === 0) return new Map<number, { due: number; missed: number; alerts: number; last: CheckRow | null }>();
  const ids = sql.join(
    caseIds.map((i) => sql`${i}`),
    sql`, `,
  );
  const counts = await queryRows<{ case_id: number; due: number; missed: number; alerts: number }>(
    ex,
    sql`SELECT case_id,
          count(*) FILTER (WHERE slot_no IS NOT NULL AND taken_at IS NULL AND window_start <= ${now} AND grace_until >= ${now})::int AS due,
          count(*) FILTER (WHERE slot_no IS NOT NULL AND taken_at IS NULL AND grace_until < ${now})::int AS missed,
          count(*) FILTER (WHERE alert AND acknowledged_at IS NULL)::int AS alerts
        FROM observation_checks WHERE case_id IN (${ids}) GROUP BY case_id`,
  );
  const last = await ex
    .selectDistinctOn([observationChecks.caseId])
    .from(observationChecks)
    .where(and(inArray(observationChecks.caseId, caseIds), sql`${observationChecks.takenAt} IS NOT NULL`))
    .orderBy(observationChecks.caseId, desc(observationChecks.takenAt));
  const out = new Map<number, { due: number; missed: number; alerts: number; last: CheckRow | null }>();
  for (const id of caseIds) out.set(id, { due: 0, missed: 0, alerts: 0, last: null });
  for (const c of counts) Object.assign(out.get(c.case_id)!, { due: c.due, missed: c.missed, alerts: c.alerts });
  for (const l of last) out.get(l.caseId)!.last = l;
  return out;
}

/** Each person's latest reading on a case. */
export async function latestByPerson(ex: Executor, caseId: number) {
  const rows = await ex
    .selectDistinctOn([observationChecks.residentId])
    .from(observationChecks)
    .where(and(eq(observationChecks.caseId, caseId), sql`${observationChecks.takenAt} IS NOT NULL`))
    .orderBy(observationChecks.residentId, desc(observationChecks.takenAt), desc(observationChecks.id));
  return new Map(rows.map((r) => [r.residentId, r]));
}

/** Inserts slot rows, skipping those that exist; returns the rows actually made. */
export async function insertSlots(ex: Executor, rows: CheckInsert[]): Promise<CheckRow[]> {
  if (rows.length === 0) return [];
  const out: CheckRow[] = [];
  for (let i = 0; i < rows.length; i += 1000) {
    out.push(
      ...(await ex
        .insert(observationChecks)
        .values(rows.slice(i, i + 1000).map((r) => ({ ...r, id: sql`nextval('observation_checks_id_seq')` })))
        .onConflictDoNothing()
        .returning()),
    );
  }
  return out;
}

export async function insertExtraCheck(ex: Executor, row: CheckInsert): Promise<CheckRow> {
  const [r] = await ex
    .insert(observationChecks)
    .values({ ...row, id: sql`nextval('observation_checks_id_seq')` })
    .returning();
  return r!;
}

/** The slot row of a person whose window (with grace) covers `now` and has no reading yet. */
export async function openSlotOf(ex: Executor, caseId: number, residentId: number, now: Date) {
  const [row] = await ex
    .select()
    .from(observationChecks)
    .where(
      and(
        eq(observationChecks.caseId, caseId),
        eq(observationChecks.residentId, residentId),
        sql`${observationChecks.slotNo} IS NOT NULL AND ${observationChecks.takenAt} IS NULL`,
        sql`${observationChecks.windowStart} <= ${now} AND ${observationChecks.graceUntil} >= ${now}`,
      ),
    )
    .orderBy(asc(observationChecks.windowStart))
    .limit(1)
    .for('update');
  return row;
}

export async function fillSlot(ex: Executor, id: number, windowStart: Date, values: Partial<CheckInsert>) {
  const [row] = await ex
    .update(observationChecks)
    .set(values)
    .where(and(eq(observationChecks.id, id), eq(observationChecks.windowStart, windowStart), sql`${observationChecks.takenAt} IS NULL`))
    .returning();
  return row;
}

export async function findCheck(ex: Executor, id: number) {
  const [row] = await ex.select().from(observationChecks).where(eq(observationChecks.id, id));
  return row;
}

export async function acknowledgeCheck(ex: Executor, id: number, windowStart: Date, at: Date, by: number | null) {
  const [row] = await ex
    .update(observationChecks)
    .set({ acknowledgedAt: at, acknowledgedBy: by })
    .where(and(eq(observationChecks.id, id), eq(observationChecks.windowStart, windowStart), sql`${observationChecks.acknowledgedAt} IS NULL`))
    .returning();
  return row;
}

/** Removes slots not yet taken from `fromDay` on (after a shortening or a release); returns their keys. */
export async function deleteUntakenSlotsFrom(ex: Executor, caseId: number, fromDay: string, orAfter: Date | null = null) {
  return ex
    .delete(observationChecks)
    .where(
      and(
        eq(observationChecks.caseId, caseId),
        sql`${observationChecks.slotNo} IS NOT NULL AND ${observationChecks.takenAt} IS NULL`,
        orAfter
          ? sql`(${observationChecks.slotDate} >= ${fromDay} OR ${observationChecks.windowStart} > ${orAfter})`
          : sql`${observationChecks.slotDate} >= ${fromDay}`,
      ),
    )
    .returning({ slotDate: observationChecks.slotDate, slotNo: observationChecks.slotNo, residentId: observationChecks.residentId });
}

export async function insertEvent(ex: Executor, values: typeof observationEvents.$inferInsert) {
  await ex.insert(observationEvents).values(values);
}

export async function eventsOf(ex: Executor, caseId: number) {
  return ex
    .select()
    .from(observationEvents)
    .where(eq(observationEvents.caseId, caseId))
    .orderBy(desc(observationEvents.at), desc(observationEvents.id))
    .limit(200);
}

export async function insertDelivery(ex: Executor, values: typeof observationDeliveries.$inferInsert) {
  const [row] = await ex.insert(observationDeliveries).values(values).returning();
  return row!;
}

export async function deliveriesOf(ex: Executor, caseId: number) {
  return ex.select().from(observationDeliveries).where(eq(observationDeliveries.caseId, caseId)).orderBy(desc(observationDeliveries.deliveredAt)).limit(200);
}

/**
 * Open cases whose slots do not reach `day` yet although their observation runs through it:
 * only these need the slot job, so it costs nothing while every case is topped up.
 */
export async function casesMissingSlotsOn(ex: Executor, day: string, limit: number, afterId: number) {
  return ex
    .select()
    .from(observationCases)
    .where(
      and(
        inArray(observationCases.status, [...OPEN_STATUSES]),
        sql`${observationCases.id} > ${afterId}`,
        sql`${observationCases.plannedEndOn} > ${day} AND ${observationCases.startsOn} <= ${day}`,
        sql`NOT EXISTS (SELECT 1 FROM observation_checks k WHERE k.case_id = ${observationCases.id} AND k.resident_id = ${observationCases.residentId} AND k.slot_date = ${day} AND k.slot_no IS NOT NULL)`,
      ),
    )
    .orderBy(asc(observationCases.id))
    .limit(limit);
}

/** Active cases whose period has ended (candidates for a release proposal). */
export async function endedActiveCases(ex: Executor, today: string, limit: number) {
  return ex
    .select()
    .from(observationCases)
    .where(and(eq(observationCases.status, 'active'), sql`${observationCases.plannedEndOn} <= ${today}`))
    .orderBy(asc(observationCases.plannedEndOn))
    .limit(limit);
}

/** Counts for the dashboard, within a scope. */
export async function todayCounts(ex: Executor, actor: Actor, dayStart: Date, dayEnd: Date, now: Date) {
  const scope = scopeWhere(actor, { path: sql`place_path` });
  const cases = await queryOne<{ active: number; proposed: number; released: number }>(
    ex,
    sql`SELECT count(*) FILTER (WHERE status IN ('active', 'release_proposed'))::int AS active,
               count(*) FILTER (WHERE status = 'release_proposed')::int AS proposed,
               count(*) FILTER (WHERE status = 'released' AND released_at >= ${dayStart} AND released_at < ${dayEnd})::int AS released
        FROM observation_cases WHERE ${scope}`,
  );
  const checks = await queryOne<{ due: number; missed: number; alerts: number; done: number }>(
    ex,
    sql`SELECT count(*) FILTER (WHERE slot_no IS NOT NULL AND taken_at IS NULL AND grace_until >= ${now})::int AS due,
               count(*) FILTER (WHERE slot_no IS NOT NULL AND taken_at IS NULL AND grace_until < ${now})::int AS missed,
               count(*) FILTER (WHERE alert)::int AS alerts,
               count(*) FILTER (WHERE taken_at IS NOT NULL)::int AS done
        FROM observation_checks WHERE window_start >= ${dayStart} AND window_start < ${dayEnd} AND ${scope}`,
  );
  return { ...cases!, ...checks! };
}

/** Rows of the CDC export: every person-slot and extra reading in the range, in scope. */
export async function* exportRows(ex: Executor, actor: Actor, from: Date, to: Date, placePath: string | null, caseId: number | null) {
  let last: [number, Date, number] = [0, new Date(0), 0];
  for (;;) {
    const rows = await queryRows<{
      id: number;
      case_id: number;
      resident_id: number;
      place_path: string;
      slot_date: string;
      slot_no: number | null;
      window_start: Date;
      window_end: Date;
      grace_until: Date;
      temperature: number | null;
      symptoms: string[];
      alert: boolean;
      taken_at: Date | null;
      taken_by_name: string | null;
      kind: string;
      starts_on: string;
      planned_end_on: string;
    }>(
      ex,
      sql`SELECT k.id, k.case_id, k.resident_id, k.place_path, k.slot_date, k.slot_no, k.window_start, k.window_end, k.grace_until, k.temperature, k.symptoms,
                 k.alert, k.taken_at, k.taken_by_name, c.kind, c.starts_on, c.planned_end_on
          FROM observation_checks k JOIN observation_cases c ON c.id = k.case_id
          WHERE k.window_start >= ${from} AND k.window_start < ${to}
            AND (k.case_id, k.window_start, k.id) > (${last[0]}, ${last[1]}, ${last[2]})
            AND ${scopeWhere(actor, { path: sql`k.place_path` })}
            ${placePath ? sql`AND ${underPath(sql`k.place_path`, placePath)}` : sql``}
            ${caseId ? sql`AND k.case_id = ${caseId}` : sql``}
          ORDER BY k.case_id, k.window_start, k.id LIMIT 5000`,
    );
    if (rows.length === 0) return;
    // The people's names and ID numbers: one registry read for the page (a person no longer registered is left out, as a join would).
    const people = await registry.residentIdentities(
      ex,
      rows.map((r) => r.resident_id),
    );
    yield rows.flatMap((r) => {
      const p = people.get(Number(r.resident_id));
      return p ? [{ ...r, name: p.name, id_number_enc: p.idNumberEnc }] : [];
    });
    const l = rows[rows.length - 1]!;
    last = [l.case_id, l.window_start, l.id];
  }
}

/** Per local day of [from, to): cases opened and released, checks taken and missed, alerts (the figure set). */
export async function figuresByDay(ex: Executor, actor: Actor, from: Date, to: Date, now: Date, tz: string) {
  const scope = scopeWhere(actor, { path: sql`place_path` });
  const day = (col: SQL) => sql`to_char(${col} AT TIME ZONE ${tz}, 'YYYY-MM-DD')`;
  const cases = await queryRows<{ day: string; opened: number; released: number }>(
    ex,
    sql`SELECT d AS day, sum(o)::int AS opened, sum(r)::int AS released FROM (
          SELECT ${day(sql`started_at`)} AS d, 1 AS o, 0 AS r FROM observation_cases WHERE started_at >= ${from} AND started_at < ${to} AND ${scope}
          UNION ALL
          SELECT ${day(sql`released_at`)}, 0, 1 FROM observation_cases WHERE released_at >= ${from} AND released_at < ${to} AND ${scope}) x
        GROUP BY d`,
  );
  const checks = await queryRows<{ day: string; taken: number; missed: number; alerts: number }>(
    ex,
    sql`SELECT ${day(sql`window_start`)} AS day,
               count(*) FILTER (WHERE taken_at IS NOT NULL)::int AS taken,
               count(*) FILTER (WHERE slot_no IS NOT NULL AND taken_at IS NULL AND grace_until < ${now})::int AS missed,
               count(*) FILTER (WHERE alert)::int AS alerts
        FROM observation_checks WHERE window_start >= ${from} AND window_start < ${to} AND ${scope} GROUP BY 1`,
  );
  return { cases, checks };
}
