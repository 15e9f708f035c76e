import { sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../platform/access/actor.js';
import { scopeWhere } from '../../platform/access/scope-sql.js';
import type { Executor } from '../../platform/db/database.js';
import { sqlOne, sqlRows } from './volunteers.sql.js';

/** Same-day dispatches (vol_dispatches), their quotas per unit and the people named. */

export interface DispatchRow {
  id: number;
  title: string;
  note: string | null;
  placeId: number;
  placePath: string;
  startsAt: Date;
  endsAt: Date;
  needed: number;
  filled: number;
  status: 'open' | 'filled' | 'closed';
  createdAt: Date;
  filledAt: Date | null;
  version: number;
}
const D = sql.raw(`d.id, d.title, d.note, d.place_id AS "placeId", d.place_path AS "placePath", d.starts_at AS "startsAt", d.ends_at AS "endsAt", d.needed,
  d.filled, d.status, d.created_at AS "createdAt", d.filled_at AS "filledAt", d.version`);

export async function insertDispatch(
  ex: Executor,
  d: Pick<DispatchRow, 'title' | 'note' | 'placeId' | 'placePath' | 'startsAt' | 'endsAt' | 'needed'> & { createdBy: number | null },
) {
  return (await sqlOne<DispatchRow>(
    ex,
    sql`INSERT INTO vol_dispatches AS d (title, note, place_id, place_path, starts_at, ends_at, needed, created_by)
        VALUES (${d.title}, ${d.note}, ${d.placeId}, ${d.placePath}, ${d.startsAt}, ${d.endsAt}, ${d.needed}, ${d.createdBy}) RETURNING ${D}`,
  ))!;
}
export async function insertQuota(ex: Executor, dispatchId: number, employerId: number, quota: number) {
  await ex.execute(sql`INSERT INTO vol_dispatch_quotas (dispatch_id, employer_id, quota) VALUES (${dispatchId}, ${employerId}, ${quota})`);
}

/** Dispatches the actor sees: in their place scope, or (an employer's liaison) those with a quota for their unit. */
function visible(actor: Actor): SQL {
  if (actor.scope.all) return sql`TRUE`;
  const byPlace = scopeWhere(actor, { path: sql`d.place_path` });
  if (actor.scope.employerIds.length === 0) return byPlace;
  return sql`(${byPlace} OR d.id IN (SELECT dispatch_id FROM vol_dispatch_quotas WHERE employer_id IN (${sql.join(
    actor.scope.employerIds.map((e) => sql`${e}`),
    sql`, `,
  )})))`;
}

export async function findDispatchVisible(ex: Executor, actor: Actor, id: number, lock = false): Promise<DispatchRow | undefined> {
  return sqlOne<DispatchRow>(ex, sql`SELECT ${D} FROM vol_dispatches d WHERE d.id = ${id} AND ${visible(actor)} ${lock ? sql`FOR UPDATE` : sql``}`);
}
export async function listDispatches(ex: Executor, actor: Actor, status: string, limit: number, offset: number) {
  const w = sql`${visible(actor)} ${status !== 'all' ? sql`AND d.status = ${status}` : sql``}`;
  const rows = await sqlRows<DispatchRow>(ex, sql`SELECT ${D} FROM vol_dispatches d WHERE ${w} ORDER BY d.id DESC LIMIT ${limit} OFFSET ${offset}`);
  const total = (await sqlOne<{ n: number }>(ex, sql`SELECT count(*)::int AS n FROM vol_dispatches d WHERE ${w}`))!.n;
  return { rows, total };
}

/** Takes `n` places of a unit's quota if they are left: the statement that decides a race between liaisons (the CHECK says the same). */
export async function takeQuota(ex: Executor, dispatchId: number, employerId: number, n: number): Promise<boolean> {
  const row = await sqlOne(
    ex,
    sql`UPDATE vol_dispatch_quotas SET filled = filled + ${n} WHERE dispatch_id = ${dispatchId} AND employer_id = ${employerId} AND filled + ${n} <= quota RETURNING 1`,
  );
  return row !== undefined;
}
export async function addFilled(ex: Executor, id: number, n: number, at: Date): Promise<DispatchRow> {
  return (await sqlOne<DispatchRow>(
    ex,
    sql`UPDATE vol_dispatches d SET filled = filled + ${n}, status = CASE WHEN filled + ${n} = needed THEN 'filled' ELSE status END,
               filled_at = CASE WHEN filled + ${n} = needed THEN ${at}::timestamptz ELSE filled_at END, version = version + 1
        WHERE id = ${id} RETURNING ${D}`,
  ))!;
}
export async function closeDispatch(ex: Executor, id: number, at: Date): Promise<DispatchRow | undefined> {
  return sqlOne<DispatchRow>(
    ex,
    sql`UPDATE vol_dispatches d SET status = 'closed', closed_at = ${at}, version = version + 1 WHERE id = ${id} AND status <> 'closed' RETURNING ${D}`,
  );
}

export async function quotasOf(ex: Executor, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return sqlRows<{ dispatchId: number; employerId: number; quota: number; filled: number }>(
    ex,
    sql`SELECT dispatch_id AS "dispatchId", employer_id AS "employerId", quota, filled FROM vol_dispatch_quotas WHERE dispatch_id IN (${sql.join(
      ids.map((i) => sql`${i}`),
      sql`, `,
    )}) ORDER BY employer_id`,
  );
}

export interface PersonRow {
  id: number;
  dispatchId: number;
  volunteerId: number;
  employerId: number;
  status: 'named' | 'attended' | 'absent';
  namedAt: Date;
  minutes: number | null;
}
const P = sql.raw(
  `p.id, p.dispatch_id AS "dispatchId", p.volunteer_id AS "volunteerId", p.employer_id AS "employerId", p.status, p.named_at AS "namedAt", p.minutes`,
);

export async function insertPerson(ex: Executor, dispatchId: number, volunteerId: number, employerId: number, by: number | null, at: Date): Promise<PersonRow> {
  return (await sqlOne<PersonRow>(
    ex,
    sql`INSERT INTO vol_dispatch_people AS p (dispatch_id, volunteer_id, employer_id, named_by, named_at) VALUES (${dispatchId}, ${volunteerId}, ${employerId}, ${by}, ${at}) RETURNING ${P}`,
  ))!;
}
export async function peopleOf(ex: Executor, ids: readonly number[]): Promise<PersonRow[]> {
  if (ids.length === 0) return [];
  return sqlRows<PersonRow>(
    ex,
    sql`SELECT ${P} FROM vol_dispatch_people p WHERE p.dispatch_id IN (${sql.join(
      ids.map((i) => sql`${i}`),
      sql`, `,
    )}) ORDER BY p.id`,
  );
}
export async function setPerson(ex: Executor, id: number, status: 'attended' | 'absent', minutes: number | null) {
  await ex.execute(sql`UPDATE vol_dispatch_people SET status = ${status}, minutes = ${minutes} WHERE id = ${id} AND status = 'named'`);
}
