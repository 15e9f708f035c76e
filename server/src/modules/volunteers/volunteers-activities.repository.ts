import { sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../platform/access/actor.js';
import { scopeWhere } from '../../platform/access/scope-sql.js';
import type { Executor } from '../../platform/db/database.js';
import { sqlOne, sqlRows } from './volunteers.sql.js';

/** Activities (vol_activities), their sign-ups (vol_signups) and programmes (vol_programmes). */

export interface ActivityRow {
  id: number;
  title: string;
  description: string | null;
  placeId: number;
  placePath: string;
  communityId: number;
  venue: string | null;
  theme: string | null;
  serviceType: string | null;
  startsAt: Date;
  endsAt: Date;
  capacity: number;
  signedUp: number;
  waiting: number;
  status: 'open' | 'confirmed' | 'cancelled';
  teamId: number | null;
  programmeId: number | null;
  organiserUserId: number | null;
  confirmedAt: Date | null;
  createdAt: Date;
  version: number;
}
const A = sql.raw(`a.id, a.title, a.description, a.place_id AS "placeId", a.place_path AS "placePath", a.community_id AS "communityId", a.venue, a.theme,
  a.service_type AS "serviceType", a.starts_at AS "startsAt", a.ends_at AS "endsAt", a.capacity, a.signed_up AS "signedUp", a.waiting, a.status,
  a.team_id AS "teamId", a.programme_id AS "programmeId", a.organiser_user_id AS "organiserUserId", a.confirmed_at AS "confirmedAt", a.created_at AS "createdAt", a.version`);

export async function insertActivity(ex: Executor, a: Omit<ActivityRow, 'id' | 'signedUp' | 'waiting' | 'status' | 'confirmedAt' | 'createdAt' | 'version'>) {
  return (await sqlOne<ActivityRow>(
    ex,
    sql`INSERT INTO vol_activities AS a (title, description, place_id, place_path, community_id, venue, theme, service_type, starts_at, ends_at, capacity, team_id, programme_id, organiser_user_id)
        VALUES (${a.title}, ${a.description}, ${a.placeId}, ${a.placePath}, ${a.communityId}, ${a.venue}, ${a.theme}, ${a.serviceType}, ${a.startsAt}, ${a.endsAt},
                ${a.capacity}, ${a.teamId}, ${a.programmeId}, ${a.organiserUserId}) RETURNING ${A}`,
  ))!;
}

export async function findActivity(ex: Executor, id: number, lock = false): Promise<ActivityRow | undefined> {
  return sqlOne<ActivityRow>(ex, sql`SELECT ${A} FROM vol_activities a WHERE a.id = ${id} ${lock ? sql`FOR UPDATE` : sql``}`);
}
export async function findActivityInScope(ex: Executor, actor: Actor, id: number, lock = false): Promise<ActivityRow | undefined> {
  return sqlOne<ActivityRow>(
    ex,
    sql`SELECT ${A} FROM vol_activities a WHERE a.id = ${id} AND ${scopeWhere(actor, { path: sql`a.place_path` })} ${lock ? sql`FOR UPDATE` : sql``}`,
  );
}

export interface ActivityFilter {
  communityId?: number | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  status: string;
  programmeId?: number | undefined;
  /** A volunteer's community. */
  community?: number | undefined;
}
function activityWhere(actor: Actor | null, f: ActivityFilter): SQL {
  const conds: SQL[] = actor ? [scopeWhere(actor, { path: sql`a.place_path` })] : [];
  if (f.communityId) conds.push(sql`a.community_id = ${f.communityId}`);
  if (f.community) conds.push(sql`a.community_id = ${f.community}`);
  if (f.from) conds.push(sql`a.ends_at >= ${f.from}`);
  if (f.to) conds.push(sql`a.starts_at < ${f.to}`);
  if (f.status !== 'all') conds.push(sql`a.status = ${f.status}`);
  if (f.programmeId) conds.push(sql`a.programme_id = ${f.programmeId}`);
  return conds.length ? sql.join(conds, sql` AND `) : sql`TRUE`;
}
export async function listActivities(ex: Executor, actor: Actor | null, f: ActivityFilter, limit: number, offset: number) {
  const w = activityWhere(actor, f);
  const rows = await sqlRows<ActivityRow>(ex, sql`SELECT ${A} FROM vol_activities a WHERE ${w} ORDER BY a.starts_at, a.id LIMIT ${limit} OFFSET ${offset}`);
  const total = (await sqlOne<{ n: number }>(ex, sql`SELECT count(*)::int AS n FROM vol_activities a WHERE ${w}`))!.n;
  return { rows, total };
}

/** A place on the activity, if one is left: the single statement that decides a race (the CHECK says the same). */
export async function takeSeat(ex: Executor, id: number, at: Date): Promise<ActivityRow | undefined> {
  return sqlOne<ActivityRow>(
    ex,
    sql`UPDATE vol_activities a SET signed_up = signed_up + 1, updated_at = ${at} WHERE id = ${id} AND status = 'open' AND signed_up < capacity RETURNING ${A}`,
  );
}
export async function addWaiting(ex: Executor, id: number, delta: number): Promise<void> {
  await ex.execute(sql`UPDATE vol_activities SET waiting = waiting + ${delta} WHERE id = ${id}`);
}
export async function giveSeatBack(ex: Executor, id: number): Promise<void> {
  await ex.execute(sql`UPDATE vol_activities SET signed_up = signed_up - 1 WHERE id = ${id}`);
}
export async function setActivityStatus(ex: Executor, id: number, from: string, to: string, at: Date): Promise<ActivityRow | undefined> {
  return sqlOne<ActivityRow>(
    ex,
    sql`UPDATE vol_activities a SET status = ${to}, confirmed_at = CASE WHEN ${to} = 'confirmed' THEN ${at}::timestamptz ELSE confirmed_at END,
               version = version + 1, updated_at = ${at} WHERE id = ${id} AND status = ${from} RETURNING ${A}`,
  );
}

export interface SignupRow {
  id: number;
  activityId: number;
  volunteerId: number;
  status: 'signedUp' | 'waiting' | 'cancelled' | 'checkedIn' | 'checkedOut' | 'absent';
  checkedInAt: Date | null;
  checkedOutAt: Date | null;
  minutes: number | null;
  createdAt: Date;
  version: number;
}
const S = sql.raw(`s.id, s.activity_id AS "activityId", s.volunteer_id AS "volunteerId", s.status, s.checked_in_at AS "checkedInAt",
  s.checked_out_at AS "checkedOutAt", s.minutes, s.created_at AS "createdAt", s.version`);

export async function insertSignup(ex: Executor, activityId: number, volunteerId: number, status: 'signedUp' | 'waiting', at: Date): Promise<SignupRow> {
  return (await sqlOne<SignupRow>(
    ex,
    sql`INSERT INTO vol_signups AS s (activity_id, volunteer_id, status, created_at, updated_at) VALUES (${activityId}, ${volunteerId}, ${status}, ${at}, ${at}) RETURNING ${S}`,
  ))!;
}
export async function findSignup(ex: Executor, id: number, lock = false): Promise<SignupRow | undefined> {
  return sqlOne<SignupRow>(ex, sql`SELECT ${S} FROM vol_signups s WHERE s.id = ${id} ${lock ? sql`FOR UPDATE` : sql``}`);
}
export async function activeSignup(ex: Executor, activityId: number, volunteerId: number, lock = false): Promise<SignupRow | undefined> {
  return sqlOne<SignupRow>(
    ex,
    sql`SELECT ${S} FROM vol_signups s WHERE s.activity_id = ${activityId} AND s.volunteer_id = ${volunteerId} AND s.status <> 'cancelled' ${lock ? sql`FOR UPDATE` : sql``}`,
  );
}
export async function signupsOf(ex: Executor, activityIds: readonly number[]): Promise<SignupRow[]> {
  if (activityIds.length === 0) return [];
  return sqlRows<SignupRow>(
    ex,
    sql`SELECT ${S} FROM vol_signups s WHERE s.activity_id IN (${sql.join(
      activityIds.map((i) => sql`${i}`),
      sql`, `,
    )}) ORDER BY s.id`,
  );
}
export async function signupsOfVolunteer(ex: Executor, volunteerId: number, activityIds: readonly number[]): Promise<SignupRow[]> {
  if (activityIds.length === 0) return [];
  return sqlRows<SignupRow>(
    ex,
    sql`SELECT ${S} FROM vol_signups s WHERE s.volunteer_id = ${volunteerId} AND s.status <> 'cancelled' AND s.activity_id IN (${sql.join(
      activityIds.map((i) => sql`${i}`),
      sql`, `,
    )})`,
  );
}
export async function firstWaiting(ex: Executor, activityId: number): Promise<SignupRow | undefined> {
  return sqlOne<SignupRow>(
    ex,
    sql`SELECT ${S} FROM vol_signups s WHERE s.activity_id = ${activityId} AND s.status = 'waiting' ORDER BY s.id LIMIT 1 FOR UPDATE`,
  );
}
export async function updateSignup(ex: Executor, id: number, from: string, set: SQL, at: Date): Promise<SignupRow | undefined> {
  return sqlOne<SignupRow>(
    ex,
    sql`UPDATE vol_signups s SET ${set}, version = version + 1, updated_at = ${at} WHERE id = ${id} AND status = ${from} RETURNING ${S}`,
  );
}

/** Programmes. */
export interface ProgrammeRow {
  id: number;
  name: string;
  year: number;
  themes: string[];
  placeIds: number[];
  placePath: string;
  periodMonths: number;
  activitiesPerCell: number;
  createdAt: Date;
}
const P = sql.raw(`p.id, p.name, p.year, p.themes, p.place_ids AS "placeIds", p.place_path AS "placePath", p.period_months AS "periodMonths",
  p.activities_per_cell AS "activitiesPerCell", p.created_at AS "createdAt"`);
const fixP = (r: ProgrammeRow | undefined) => (r ? { ...r, placeIds: r.placeIds.map(Number) } : r);

export async function insertProgramme(
  ex: Executor,
  p: Omit<ProgrammeRow, 'id' | 'createdAt'> & { createdBy: number | null },
  placeIdsSql: SQL,
  themesSql: SQL,
) {
  return fixP(
    await sqlOne<ProgrammeRow>(
      ex,
      sql`INSERT INTO vol_programmes AS p (name, year, themes, place_ids, place_path, period_months, activities_per_cell, created_by)
          VALUES (${p.name}, ${p.year}, ${themesSql}, ${placeIdsSql}, ${p.placePath}, ${p.periodMonths}, ${p.activitiesPerCell}, ${p.createdBy}) RETURNING ${P}`,
    ),
  )!;
}
export async function findProgrammeInScope(ex: Executor, actor: Actor, id: number): Promise<ProgrammeRow | undefined> {
  return fixP(await sqlOne<ProgrammeRow>(ex, sql`SELECT ${P} FROM vol_programmes p WHERE p.id = ${id} AND ${scopeWhere(actor, { path: sql`p.place_path` })}`));
}
export async function listProgrammes(ex: Executor, actor: Actor, limit: number, offset: number) {
  const w = scopeWhere(actor, { path: sql`p.place_path` });
  const rows = await sqlRows<ProgrammeRow>(
    ex,
    sql`SELECT ${P} FROM vol_programmes p WHERE ${w} ORDER BY p.year DESC, p.id DESC LIMIT ${limit} OFFSET ${offset}`,
  );
  const total = (await sqlOne<{ n: number }>(ex, sql`SELECT count(*)::int AS n FROM vol_programmes p WHERE ${w}`))!.n;
  return { rows: rows.map((r) => fixP(r)!), total };
}
/** Activities held (not cancelled) of a programme, by theme, place path and start (the programme page counts them per cell). */
export async function programmeActivities(ex: Executor, programmeId: number) {
  return sqlRows<{ theme: string | null; placePath: string; startsAt: Date }>(
    ex,
    sql`SELECT theme, place_path AS "placePath", starts_at AS "startsAt" FROM vol_activities WHERE programme_id = ${programmeId} AND status <> 'cancelled'`,
  );
}
