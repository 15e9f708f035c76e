import { sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../platform/access/actor.js';
import { scopeWhere } from '../../platform/access/scope-sql.js';
import type { Executor } from '../../platform/db/database.js';
import { sqlOne, sqlRows } from './volunteers.sql.js';
import { idArray } from './volunteers.repository.js';

/** Needs (vol_needs) and their takers (vol_need_takers). */

export interface NeedRow {
  id: number;
  category: string;
  title: string;
  notes: string | null;
  place: string | null;
  residentId: number;
  communityId: number;
  placePath: string;
  windowStart: Date;
  windowEnd: Date;
  takersNeeded: number;
  takers: number;
  elderCare: boolean;
  status: 'open' | 'taken' | 'done' | 'confirmed' | 'cancelled' | 'expired';
  publishedBy: number | null;
  onBehalf: boolean;
  teamIds: number[];
  holdId: number | null;
  takeBy: Date;
  takenAt: Date | null;
  confirmedAt: Date | null;
  cancelReason: string | null;
  createdAt: Date;
  version: number;
}
const N = sql.raw(`n.id, n.category, n.title, n.notes, n.place, n.resident_id AS "residentId", n.community_id AS "communityId", n.place_path AS "placePath",
  n.window_start AS "windowStart", n.window_end AS "windowEnd", n.takers_needed AS "takersNeeded", n.takers, n.elder_care AS "elderCare", n.status,
  n.published_by AS "publishedBy", n.on_behalf AS "onBehalf", n.team_ids AS "teamIds", n.hold_id AS "holdId", n.take_by AS "takeBy", n.taken_at AS "takenAt",
  n.confirmed_at AS "confirmedAt", n.cancel_reason AS "cancelReason", n.created_at AS "createdAt", n.version`);

const fix = (r: NeedRow | undefined) => (r ? { ...r, teamIds: (r.teamIds ?? []).map(Number) } : r);

export type NeedInsert = Pick<
  NeedRow,
  | 'category'
  | 'title'
  | 'notes'
  | 'place'
  | 'residentId'
  | 'communityId'
  | 'placePath'
  | 'windowStart'
  | 'windowEnd'
  | 'takersNeeded'
  | 'elderCare'
  | 'publishedBy'
  | 'onBehalf'
  | 'teamIds'
  | 'holdId'
  | 'takeBy'
>;

export async function insertNeed(ex: Executor, n: NeedInsert, at: Date): Promise<NeedRow> {
  return fix(
    await sqlOne<NeedRow>(
      ex,
      sql`INSERT INTO vol_needs AS n (category, title, notes, place, resident_id, community_id, place_path, window_start, window_end, takers_needed, elder_care,
                                      published_by, on_behalf, team_ids, hold_id, take_by, created_at, updated_at)
          VALUES (${n.category}, ${n.title}, ${n.notes}, ${n.place}, ${n.residentId}, ${n.communityId}, ${n.placePath}, ${n.windowStart}, ${n.windowEnd},
                  ${n.takersNeeded}, ${n.elderCare}, ${n.publishedBy}, ${n.onBehalf}, ${idArray(n.teamIds)}, ${n.holdId}, ${n.takeBy}, ${at}, ${at})
          RETURNING ${N}`,
    ),
  )!;
}

export async function findNeed(ex: Executor, id: number, lock = false): Promise<NeedRow | undefined> {
  return fix(await sqlOne<NeedRow>(ex, sql`SELECT ${N} FROM vol_needs n WHERE n.id = ${id} ${lock ? sql`FOR UPDATE` : sql``}`));
}

export async function findNeedInScope(ex: Executor, actor: Actor, id: number, lock = false): Promise<NeedRow | undefined> {
  return fix(
    await sqlOne<NeedRow>(
      ex,
      sql`SELECT ${N} FROM vol_needs n WHERE n.id = ${id} AND ${scopeWhere(actor, { path: sql`n.place_path` })} ${lock ? sql`FOR UPDATE` : sql``}`,
    ),
  );
}

/**
 * Takes one place on a need that has one: the single statement that decides a race (the CHECK
 * on the table says the same). The last place taken makes the need `taken`.
 */
export async function takePlace(ex: Executor, id: number, at: Date): Promise<NeedRow | undefined> {
  return fix(
    await sqlOne<NeedRow>(
      ex,
      sql`UPDATE vol_needs n SET takers = takers + 1,
                 status = CASE WHEN takers + 1 = takers_needed THEN 'taken' ELSE status END,
                 taken_at = CASE WHEN takers + 1 = takers_needed THEN ${at}::timestamptz ELSE taken_at END,
                 version = version + 1, updated_at = ${at}
          WHERE id = ${id} AND status = 'open' AND takers < takers_needed RETURNING ${N}`,
    ),
  );
}

/** A place given back (a taker withdrew or never came): the need is open again. */
export async function givePlaceBack(ex: Executor, id: number, at: Date): Promise<NeedRow | undefined> {
  return fix(
    await sqlOne<NeedRow>(
      ex,
      sql`UPDATE vol_needs n SET takers = takers - 1, status = 'open', taken_at = NULL, version = version + 1, updated_at = ${at}
          WHERE id = ${id} AND status IN ('open', 'taken') AND takers > 0 RETURNING ${N}`,
    ),
  );
}

/** Moves a need from one state to another (versioned); undefined when it lost a race. */
export async function setNeedStatus(ex: Executor, id: number, from: readonly string[], to: string, at: Date, extra: SQL = sql``): Promise<NeedRow | undefined> {
  return fix(
    await sqlOne<NeedRow>(
      ex,
      sql`UPDATE vol_needs n SET status = ${to}, version = version + 1, updated_at = ${at} ${extra}
          WHERE id = ${id} AND status IN (${sql.join(
            from.map((s) => sql`${s}`),
            sql`, `,
          )}) RETURNING ${N}`,
    ),
  );
}

export interface NeedFilter {
  communityId?: number | undefined;
  status: string;
  category?: string | undefined;
  teamId?: number | undefined;
  residentId?: number | undefined;
  /** A volunteer's area: needs under this path. */
  underPath?: string | undefined;
}

function needWhere(actor: Actor | null, f: NeedFilter): SQL {
  const conds: SQL[] = actor ? [scopeWhere(actor, { path: sql`n.place_path` })] : [];
  if (f.communityId) conds.push(sql`n.community_id = ${f.communityId}`);
  if (f.status === 'active') conds.push(sql`n.status IN ('open', 'taken', 'done')`);
  else if (f.status !== 'all') conds.push(sql`n.status = ${f.status}`);
  if (f.category) conds.push(sql`n.category = ${f.category}`);
  if (f.teamId) conds.push(sql`${f.teamId} = ANY(n.team_ids)`);
  if (f.residentId) conds.push(sql`n.resident_id = ${f.residentId}`);
  if (f.underPath) conds.push(sql`n.place_path LIKE ${`${f.underPath}%`}`);
  return conds.length ? sql.join(conds, sql` AND `) : sql`TRUE`;
}

export async function listNeeds(ex: Executor, actor: Actor | null, f: NeedFilter, limit: number, offset: number, order: 'newest' | 'soonest' = 'newest') {
  const w = needWhere(actor, f);
  const rows = await sqlRows<NeedRow>(
    ex,
    sql`SELECT ${N} FROM vol_needs n WHERE ${w} ORDER BY ${order === 'newest' ? sql`n.id DESC` : sql`n.window_start, n.id`} LIMIT ${limit} OFFSET ${offset}`,
  );
  const total = (await sqlOne<{ n: number }>(ex, sql`SELECT count(*)::int AS n FROM vol_needs n WHERE ${w}`))!.n;
  return { rows: rows.map((r) => fix(r)!), total };
}

export async function needCounts(ex: Executor, actor: Actor | null, f: NeedFilter): Promise<Record<string, number>> {
  const rows = await sqlRows<{ status: string; n: number }>(
    ex,
    sql`SELECT n.status, count(*)::int AS n FROM vol_needs n WHERE ${needWhere(actor, { ...f, status: 'all' })} GROUP BY n.status`,
  );
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

/** Needs a volunteer took (their tasks), soonest first. */
export async function needsTakenBy(ex: Executor, volunteerId: number, statuses: readonly string[], limit: number): Promise<NeedRow[]> {
  const rows = await sqlRows<NeedRow>(
    ex,
    sql`SELECT ${N} FROM vol_needs n WHERE n.id IN (SELECT need_id FROM vol_need_takers WHERE volunteer_id = ${volunteerId} AND status IN (${sql.join(
      statuses.map((s) => sql`${s}`),
      sql`, `,
    )})) ORDER BY n.window_start DESC LIMIT ${limit}`,
  );
  return rows.map((r) => fix(r)!);
}

export interface TakerRow {
  id: number;
  needId: number;
  volunteerId: number;
  status: 'taken' | 'done' | 'handedOver' | 'withdrawn' | 'noShow';
  takenAt: Date;
  doneAt: Date | null;
  minutes: number | null;
  doneNote: string | null;
  ratingByResident: number | null;
  ratingByVolunteer: number | null;
}
const T = sql.raw(`t.id, t.need_id AS "needId", t.volunteer_id AS "volunteerId", t.status, t.taken_at AS "takenAt", t.done_at AS "doneAt", t.minutes,
  t.done_note AS "doneNote", t.rating_by_resident AS "ratingByResident", t.rating_by_volunteer AS "ratingByVolunteer"`);

export async function insertTaker(ex: Executor, needId: number, volunteerId: number, at: Date): Promise<TakerRow> {
  return (await sqlOne<TakerRow>(
    ex,
    sql`INSERT INTO vol_need_takers AS t (need_id, volunteer_id, status, taken_at, updated_at) VALUES (${needId}, ${volunteerId}, 'taken', ${at}, ${at}) RETURNING ${T}`,
  ))!;
}

export async function takersOf(ex: Executor, needIds: readonly number[]): Promise<TakerRow[]> {
  if (needIds.length === 0) return [];
  return sqlRows<TakerRow>(
    ex,
    sql`SELECT ${T} FROM vol_need_takers t WHERE t.need_id IN (${sql.join(
      needIds.map((i) => sql`${i}`),
      sql`, `,
    )}) ORDER BY t.id`,
  );
}

export async function activeTaker(ex: Executor, needId: number, volunteerId: number): Promise<TakerRow | undefined> {
  return sqlOne<TakerRow>(
    ex,
    sql`SELECT ${T} FROM vol_need_takers t WHERE t.need_id = ${needId} AND t.volunteer_id = ${volunteerId} AND t.status IN ('taken', 'done') FOR UPDATE`,
  );
}

export async function updateTaker(ex: Executor, id: number, from: string, set: SQL, at: Date): Promise<TakerRow | undefined> {
  return sqlOne<TakerRow>(ex, sql`UPDATE vol_need_takers t SET ${set}, updated_at = ${at} WHERE id = ${id} AND status = ${from} RETURNING ${T}`);
}

/** Needs open past their take-by time with no obligation closed (the escalation job reads obligations; this lists needs whose window is over, never taken). */
export async function needsToExpire(ex: Executor, now: Date, limit: number): Promise<number[]> {
  const rows = await sqlRows<{ id: number }>(
    ex,
    sql`SELECT id FROM vol_needs WHERE status = 'open' AND takers = 0 AND window_end <= ${now} ORDER BY window_end LIMIT ${limit}`,
  );
  return rows.map((r) => Number(r.id));
}
