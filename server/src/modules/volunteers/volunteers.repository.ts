import { sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../platform/access/actor.js';
import { scopeWhere } from '../../platform/access/scope-sql.js';
import type { Executor } from '../../platform/db/database.js';
import { sqlOne, sqlRows } from './volunteers.sql.js';

/** Volunteers and teams: the SQL of vol_volunteers, vol_teams and vol_team_members. */

export interface VolunteerRow {
  id: number;
  residentId: number | null;
  userId: number | null;
  name: string | null;
  phoneEnc: Buffer | null;
  communityId: number;
  placePath: string;
  employerId: number | null;
  skills: string[];
  serviceTypes: string[];
  availability: string | null;
  fromDuty: boolean;
  active: boolean;
  createdAt: Date;
  version: number;
}

const VOL_COLS = sql.raw(`v.id, v.resident_id AS "residentId", v.user_id AS "userId", v.name, v.phone_enc AS "phoneEnc", v.community_id AS "communityId",
  v.place_path AS "placePath", v.employer_id AS "employerId", v.skills, v.service_types AS "serviceTypes", v.availability, v.from_duty AS "fromDuty",
  v.active, v.created_at AS "createdAt", v.version`);

const fix = (r: VolunteerRow | undefined) => (r ? { ...r, phoneEnc: r.phoneEnc ? Buffer.from(r.phoneEnc) : null } : r);

/** The volunteer the caller is: by their staff account or by the resident they signed in as. */
export async function volunteerOfActor(ex: Executor, actor: Pick<Actor, 'userId' | 'residentId'>, lock = false): Promise<VolunteerRow | undefined> {
  if (actor.userId === null && actor.residentId === null) return undefined;
  const conds: SQL[] = [];
  if (actor.userId !== null) conds.push(sql`v.user_id = ${actor.userId}`);
  if (actor.residentId !== null) conds.push(sql`v.resident_id = ${actor.residentId}`);
  return fix(
    await sqlOne<VolunteerRow>(
      ex,
      sql`SELECT ${VOL_COLS} FROM vol_volunteers v WHERE (${sql.join(conds, sql` OR `)}) AND v.active ORDER BY v.id LIMIT 1 ${lock ? sql`FOR UPDATE` : sql``}`,
    ),
  );
}

export async function findVolunteer(ex: Executor, id: number): Promise<VolunteerRow | undefined> {
  return fix(await sqlOne<VolunteerRow>(ex, sql`SELECT ${VOL_COLS} FROM vol_volunteers v WHERE v.id = ${id}`));
}

export async function findVolunteerInScope(ex: Executor, actor: Actor, id: number): Promise<VolunteerRow | undefined> {
  return fix(
    await sqlOne<VolunteerRow>(
      ex,
      sql`SELECT ${VOL_COLS} FROM vol_volunteers v WHERE v.id = ${id} AND ${scopeWhere(actor, { path: sql`v.place_path`, employerId: sql`v.employer_id` })}`,
    ),
  );
}

export async function volunteersByIds(ex: Executor, ids: readonly number[]): Promise<VolunteerRow[]> {
  if (ids.length === 0) return [];
  const rows = await sqlRows<VolunteerRow>(
    ex,
    sql`SELECT ${VOL_COLS} FROM vol_volunteers v WHERE v.id IN (${sql.join(
      [...new Set(ids)].map((i) => sql`${i}`),
      sql`, `,
    )})`,
  );
  return rows.map((r) => fix(r)!);
}

export async function volunteerOfResident(ex: Executor, residentId: number): Promise<VolunteerRow | undefined> {
  return fix(await sqlOne<VolunteerRow>(ex, sql`SELECT ${VOL_COLS} FROM vol_volunteers v WHERE v.resident_id = ${residentId}`));
}

export interface VolunteerInsert {
  residentId: number | null;
  userId: number | null;
  name: string | null;
  phoneEnc: Buffer | null;
  phoneBi: Buffer | null;
  communityId: number;
  placePath: string;
  employerId: number | null;
  skills: string[];
  serviceTypes: string[];
  availability: string | null;
  fromDuty: boolean;
  createdBy: number | null;
}

export async function insertVolunteer(ex: Executor, v: VolunteerInsert): Promise<VolunteerRow> {
  const row = await sqlOne<{ id: number }>(
    ex,
    sql`INSERT INTO vol_volunteers (resident_id, user_id, name, phone_enc, phone_bi, community_id, place_path, employer_id, skills, service_types, availability, from_duty, created_by)
        VALUES (${v.residentId}, ${v.userId}, ${v.name}, ${v.phoneEnc}, ${v.phoneBi}, ${v.communityId}, ${v.placePath}, ${v.employerId},
                ${textArray(v.skills)}, ${textArray(v.serviceTypes)}, ${v.availability}, ${v.fromDuty}, ${v.createdBy})
        RETURNING id`,
  );
  return (await findVolunteer(ex, row!.id))!;
}

/** A text[] parameter (drizzle would spread a JS array into a list). */
export const textArray = (items: readonly string[]) => sql`ARRAY(SELECT jsonb_array_elements_text(${JSON.stringify(items)}::jsonb))`;

/** A bigint[] parameter. */
export const idArray = (items: readonly number[]) => sql`ARRAY(SELECT jsonb_array_elements_text(${JSON.stringify(items)}::jsonb)::bigint)`;

export interface VolunteerFilter {
  communityId?: number | undefined;
  teamId?: number | undefined;
  employerId?: number | undefined;
  serviceType?: string | undefined;
  residentIds?: SQL | undefined;
  nameLike?: string | undefined;
}

export async function listVolunteers(ex: Executor, actor: Actor, f: VolunteerFilter, limit: number, offset: number) {
  const conds: SQL[] = [scopeWhere(actor, { path: sql`v.place_path`, employerId: sql`v.employer_id` }), sql`v.active`];
  if (f.communityId) conds.push(sql`v.community_id = ${f.communityId}`);
  if (f.employerId) conds.push(sql`v.employer_id = ${f.employerId}`);
  if (f.serviceType) conds.push(sql`${f.serviceType} = ANY(v.service_types)`);
  if (f.teamId) conds.push(sql`v.id IN (SELECT volunteer_id FROM vol_team_members WHERE team_id = ${f.teamId})`);
  if (f.nameLike !== undefined) {
    const like = `${f.nameLike.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conds.push(sql`(v.name LIKE ${like}${f.residentIds ? sql` OR v.resident_id IN (${f.residentIds})` : sql``})`);
  }
  const where = sql.join(conds, sql` AND `);
  const rows = await sqlRows<VolunteerRow>(ex, sql`SELECT ${VOL_COLS} FROM vol_volunteers v WHERE ${where} ORDER BY v.id DESC LIMIT ${limit} OFFSET ${offset}`);
  const total = (await sqlOne<{ n: number }>(ex, sql`SELECT count(*)::int AS n FROM vol_volunteers v WHERE ${where}`))!.n;
  return { rows: rows.map((r) => fix(r)!), total };
}

/** Confirmed minutes per volunteer (all time). */
export async function confirmedMinutesOf(ex: Executor, ids: readonly number[]): Promise<Map<number, number>> {
  if (ids.length === 0) return new Map();
  const rows = await sqlRows<{ id: number; minutes: number }>(
    ex,
    sql`SELECT volunteer_id AS id, coalesce(sum(minutes), 0)::int AS minutes FROM vol_hours
        WHERE status = 'confirmed' AND volunteer_id IN (${sql.join(
          ids.map((i) => sql`${i}`),
          sql`, `,
        )}) GROUP BY volunteer_id`,
  );
  return new Map(rows.map((r) => [Number(r.id), r.minutes]));
}

// ---------------------------------------------------------------------------------------------
// Teams

export interface TeamRow {
  id: number;
  name: string;
  serviceType: string;
  placeId: number;
  placePath: string;
  communityId: number;
  createdAt: Date;
}
const TEAM_COLS = sql.raw(
  `t.id, t.name, t.service_type AS "serviceType", t.place_id AS "placeId", t.place_path AS "placePath", t.community_id AS "communityId", t.created_at AS "createdAt"`,
);

export async function insertTeam(ex: Executor, t: Omit<TeamRow, 'id' | 'createdAt'> & { createdBy: number | null }): Promise<TeamRow> {
  return (await sqlOne<TeamRow>(
    ex,
    sql`INSERT INTO vol_teams AS t (name, service_type, place_id, place_path, community_id, created_by)
        VALUES (${t.name}, ${t.serviceType}, ${t.placeId}, ${t.placePath}, ${t.communityId}, ${t.createdBy}) RETURNING ${TEAM_COLS}`,
  ))!;
}

export async function findTeamInScope(ex: Executor, actor: Actor, id: number): Promise<TeamRow | undefined> {
  return sqlOne<TeamRow>(ex, sql`SELECT ${TEAM_COLS} FROM vol_teams t WHERE t.id = ${id} AND ${scopeWhere(actor, { path: sql`t.place_path` })}`);
}

export async function listTeams(
  ex: Executor,
  actor: Actor,
  f: { communityId?: number | undefined; serviceType?: string | undefined },
  limit: number,
  offset: number,
) {
  const conds: SQL[] = [scopeWhere(actor, { path: sql`t.place_path` })];
  if (f.communityId) conds.push(sql`t.community_id = ${f.communityId}`);
  if (f.serviceType) conds.push(sql`t.service_type = ${f.serviceType}`);
  const where = sql.join(conds, sql` AND `);
  const rows = await sqlRows<TeamRow>(ex, sql`SELECT ${TEAM_COLS} FROM vol_teams t WHERE ${where} ORDER BY t.id LIMIT ${limit} OFFSET ${offset}`);
  const total = (await sqlOne<{ n: number }>(ex, sql`SELECT count(*)::int AS n FROM vol_teams t WHERE ${where}`))!.n;
  return { rows, total };
}

/** Adds a member (or makes them a leader when already in). */
export async function addTeamMember(ex: Executor, teamId: number, volunteerId: number, leader: boolean): Promise<void> {
  await ex.execute(
    sql`INSERT INTO vol_team_members (team_id, volunteer_id, leader) VALUES (${teamId}, ${volunteerId}, ${leader})
        ON CONFLICT (team_id, volunteer_id) DO UPDATE SET leader = vol_team_members.leader OR EXCLUDED.leader`,
  );
}

export async function teamMembers(ex: Executor, teamIds: readonly number[]) {
  if (teamIds.length === 0) return [];
  return sqlRows<{ teamId: number; volunteerId: number; leader: boolean }>(
    ex,
    sql`SELECT team_id AS "teamId", volunteer_id AS "volunteerId", leader FROM vol_team_members WHERE team_id IN (${sql.join(
      teamIds.map((i) => sql`${i}`),
      sql`, `,
    )}) ORDER BY leader DESC, created_at`,
  );
}

export async function teamsOfVolunteers(ex: Executor, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return sqlRows<{ volunteerId: number; id: number; name: string; leader: boolean }>(
    ex,
    sql`SELECT m.volunteer_id AS "volunteerId", t.id, t.name, m.leader FROM vol_team_members m JOIN vol_teams t ON t.id = m.team_id
        WHERE m.volunteer_id IN (${sql.join(
          ids.map((i) => sql`${i}`),
          sql`, `,
        )}) ORDER BY t.id`,
  );
}

/** The teams of a service type whose area holds the place (a need goes to these). */
export async function teamsFor(ex: Executor, serviceType: string, placePath: string): Promise<number[]> {
  const rows = await sqlRows<{ id: number }>(
    ex,
    sql`SELECT id FROM vol_teams WHERE service_type = ${serviceType} AND ${placePath} LIKE place_path || '%' ORDER BY id`,
  );
  return rows.map((r) => Number(r.id));
}

/** The leaders of these teams, with how they are reached (a staff account or a resident's). */
export async function leadersOf(ex: Executor, teamIds: readonly number[]) {
  if (teamIds.length === 0) return [];
  return sqlRows<{ volunteerId: number; userId: number | null; residentId: number | null }>(
    ex,
    sql`SELECT v.id AS "volunteerId", v.user_id AS "userId", v.resident_id AS "residentId" FROM vol_team_members m JOIN vol_volunteers v ON v.id = m.volunteer_id
        WHERE m.leader AND m.team_id IN (${sql.join(
          teamIds.map((i) => sql`${i}`),
          sql`, `,
        )})`,
  );
}

/** Staff accounts and residents of every member of these teams (to tell them of a new need). */
export async function membersReach(ex: Executor, teamIds: readonly number[]) {
  if (teamIds.length === 0) return [];
  return sqlRows<{ userId: number | null; residentId: number | null }>(
    ex,
    sql`SELECT DISTINCT v.user_id AS "userId", v.resident_id AS "residentId" FROM vol_team_members m JOIN vol_volunteers v ON v.id = m.volunteer_id
        WHERE v.active AND m.team_id IN (${sql.join(
          teamIds.map((i) => sql`${i}`),
          sql`, `,
        )})`,
  );
}
