import { sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../platform/access/actor.js';
import { scopeWhere } from '../../platform/access/scope-sql.js';
import type { Executor } from '../../platform/db/database.js';
import { sqlOne, sqlRows } from './volunteers.sql.js';

/** The hours ledger's SQL (vol_hours): inserts, the one allowed change (pending → confirmed / rejected), reads. */

export interface HoursRow {
  id: number;
  volunteerId: number;
  source: 'need' | 'activity' | 'dispatch' | 'duty';
  sourceId: number;
  minutes: number;
  servedAt: Date;
  status: 'pending' | 'confirmed' | 'rejected';
  elderCare: boolean;
  reversesId: number | null;
  reason: string | null;
  communityId: number;
  placePath: string;
  employerId: number | null;
  verifiedBy: number | null;
  verifiedAt: Date | null;
  createdAt: Date;
}
const H = sql.raw(`h.id, h.volunteer_id AS "volunteerId", h.source, h.source_id AS "sourceId", h.minutes, h.served_at AS "servedAt", h.status,
  h.elder_care AS "elderCare", h.reverses_id AS "reversesId", h.reason, h.community_id AS "communityId", h.place_path AS "placePath",
  h.employer_id AS "employerId", h.verified_by AS "verifiedBy", h.verified_at AS "verifiedAt", h.created_at AS "createdAt"`);

export type HoursInsert = Omit<HoursRow, 'id' | 'createdAt' | 'verifiedAt' | 'reason' | 'reversesId' | 'verifiedBy'> & {
  reversesId?: number | null;
  reason?: string | null;
  verifiedBy?: number | null;
  verifiedAt?: Date | null;
  createdBy: number | null;
};

/** Inserts an entry; undefined when the evidence already has one (posting it twice changes nothing). */
export async function insertHours(ex: Executor, e: HoursInsert): Promise<HoursRow | undefined> {
  return sqlOne<HoursRow>(
    ex,
    sql`INSERT INTO vol_hours AS h (volunteer_id, source, source_id, minutes, served_at, status, elder_care, reverses_id, reason, community_id, place_path, employer_id, verified_by, verified_at, created_by)
        VALUES (${e.volunteerId}, ${e.source}, ${e.sourceId}, ${e.minutes}, ${e.servedAt}, ${e.status}, ${e.elderCare}, ${e.reversesId ?? null}, ${e.reason ?? null},
                ${e.communityId}, ${e.placePath}, ${e.employerId}, ${e.verifiedBy ?? null}, ${e.verifiedAt ?? null}, ${e.createdBy})
        ON CONFLICT (source, source_id) WHERE reverses_id IS NULL DO NOTHING
        RETURNING ${H}`,
  );
}

export async function findHours(ex: Executor, id: number, lock = false): Promise<HoursRow | undefined> {
  return sqlOne<HoursRow>(ex, sql`SELECT ${H} FROM vol_hours h WHERE h.id = ${id} ${lock ? sql`FOR UPDATE` : sql``}`);
}
export async function findHoursInScope(ex: Executor, actor: Actor, id: number, lock = false): Promise<HoursRow | undefined> {
  return sqlOne<HoursRow>(
    ex,
    sql`SELECT ${H} FROM vol_hours h WHERE h.id = ${id} AND ${scopeWhere(actor, { path: sql`h.place_path` })} ${lock ? sql`FOR UPDATE` : sql``}`,
  );
}
export async function hoursOfSource(ex: Executor, source: string, sourceIds: readonly number[]): Promise<HoursRow[]> {
  if (sourceIds.length === 0) return [];
  return sqlRows<HoursRow>(
    ex,
    sql`SELECT ${H} FROM vol_hours h WHERE h.source = ${source} AND h.reverses_id IS NULL AND h.source_id IN (${sql.join(
      sourceIds.map((i) => sql`${i}`),
      sql`, `,
    )})`,
  );
}
export async function reversalOfHours(ex: Executor, id: number): Promise<HoursRow | undefined> {
  return sqlOne<HoursRow>(ex, sql`SELECT ${H} FROM vol_hours h WHERE h.reverses_id = ${id}`);
}
export async function reversalsOf(ex: Executor, ids: readonly number[]): Promise<Map<number, number>> {
  if (ids.length === 0) return new Map();
  const rows = await sqlRows<{ id: number; of: number }>(
    ex,
    sql`SELECT id, reverses_id AS of FROM vol_hours WHERE reverses_id IN (${sql.join(
      ids.map((i) => sql`${i}`),
      sql`, `,
    )})`,
  );
  return new Map(rows.map((r) => [Number(r.of), Number(r.id)]));
}

/** The one change the ledger allows: a pending entry confirmed or rejected, with who verified it. */
export async function decideHours(ex: Executor, id: number, status: 'confirmed' | 'rejected', by: number | null, at: Date): Promise<HoursRow | undefined> {
  return sqlOne<HoursRow>(
    ex,
    sql`UPDATE vol_hours h SET status = ${status}, verified_by = ${by}, verified_at = ${at} WHERE id = ${id} AND status = 'pending' RETURNING ${H}`,
  );
}

export interface HoursFilter {
  volunteerId?: number | undefined;
  communityId?: number | undefined;
  status?: string | undefined;
  source?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
}

function where(actor: Actor | null, f: HoursFilter): SQL {
  const conds: SQL[] = actor ? [scopeWhere(actor, { path: sql`h.place_path`, employerId: sql`h.employer_id` })] : [];
  if (f.volunteerId) conds.push(sql`h.volunteer_id = ${f.volunteerId}`);
  if (f.communityId) conds.push(sql`h.community_id = ${f.communityId}`);
  if (f.status && f.status !== 'all') conds.push(sql`h.status = ${f.status}`);
  if (f.source) conds.push(sql`h.source = ${f.source}`);
  if (f.from) conds.push(sql`h.served_at >= ${f.from}`);
  if (f.to) conds.push(sql`h.served_at < ${f.to}`);
  return conds.length ? sql.join(conds, sql` AND `) : sql`TRUE`;
}

export async function listHours(ex: Executor, actor: Actor | null, f: HoursFilter, limit: number, offset: number) {
  const w = where(actor, f);
  const rows = await sqlRows<HoursRow>(ex, sql`SELECT ${H} FROM vol_hours h WHERE ${w} ORDER BY h.served_at DESC, h.id DESC LIMIT ${limit} OFFSET ${offset}`);
  const total = (await sqlOne<{ n: number }>(ex, sql`SELECT count(*)::int AS n FROM vol_hours h WHERE ${w}`))!.n;
  return { rows, total };
}

/** Confirmed and pending minutes of a volunteer: all time, since `yearStart`, since `monthStart`. */
export async function minutesOf(ex: Executor, volunteerId: number, yearStart: Date, monthStart: Date) {
  return (await sqlOne<{ confirmed: number; pending: number; thisYear: number; thisMonth: number }>(
    ex,
    sql`SELECT coalesce(sum(minutes) FILTER (WHERE status = 'confirmed'), 0)::int AS confirmed,
               coalesce(sum(minutes) FILTER (WHERE status = 'pending'), 0)::int AS pending,
               coalesce(sum(minutes) FILTER (WHERE status = 'confirmed' AND served_at >= ${yearStart}), 0)::int AS "thisYear",
               coalesce(sum(minutes) FILTER (WHERE status = 'confirmed' AND served_at >= ${monthStart}), 0)::int AS "thisMonth"
        FROM vol_hours WHERE volunteer_id = ${volunteerId}`,
  ))!;
}

/** Confirmed minutes grouped by person, team, unit or month (local), in scope and period. */
export async function statement(
  ex: Executor,
  actor: Actor,
  by: 'person' | 'team' | 'unit' | 'month',
  from: Date,
  to: Date,
  communityId: number | undefined,
  tz: string,
) {
  const w = where(actor, { from, to, status: 'confirmed', communityId });
  const key =
    by === 'person'
      ? sql`h.volunteer_id::text`
      : by === 'unit'
        ? sql`coalesce(h.employer_id::text, '')`
        : by === 'month'
          ? sql`to_char(h.served_at AT TIME ZONE ${tz}, 'YYYY-MM')`
          : sql`coalesce(m.team_id::text, '')`;
  const join = by === 'team' ? sql`LEFT JOIN vol_team_members m ON m.volunteer_id = h.volunteer_id` : sql``;
  return sqlRows<{ key: string; minutes: number; entries: number; people: number }>(
    ex,
    sql`SELECT ${key} AS key, sum(h.minutes)::int AS minutes, count(*)::int AS entries, count(DISTINCT h.volunteer_id)::int AS people
        FROM vol_hours h ${join} WHERE ${w} GROUP BY 1 ORDER BY 2 DESC LIMIT 5000`,
  );
}

export async function teamNames(ex: Executor, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await sqlRows<{ id: number; name: string }>(
    ex,
    sql`SELECT id, name FROM vol_teams WHERE id IN (${sql.join(
      ids.map((i) => sql`${i}`),
      sql`, `,
    )})`,
  );
  return new Map(rows.map((r) => [Number(r.id), r.name]));
}

/** The volunteers who are these residents (duty minutes are theirs). */
export async function volunteersOfResidents(ex: Executor, residentIds: readonly number[]) {
  if (residentIds.length === 0) return new Map<number, { id: number; employerId: number | null }>();
  const rows = await sqlRows<{ id: number; residentId: number; employerId: number | null }>(
    ex,
    sql`SELECT id, resident_id AS "residentId", employer_id AS "employerId" FROM vol_volunteers WHERE resident_id IN (${sql.join(
      residentIds.map((i) => sql`${i}`),
      sql`, `,
    )})`,
  );
  return new Map(rows.map((r) => [Number(r.residentId), { id: Number(r.id), employerId: r.employerId }]));
}
