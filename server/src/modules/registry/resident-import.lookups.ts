import { sql } from 'drizzle-orm';
import type { Actor } from '../../platform/access/actor.js';
import { scopeWhere } from '../../platform/access/scope-sql.js';
import { queryRows, type Executor } from '../../platform/db/database.js';
import { placeKey } from './resident-import.columns.js';

export interface DwellingRef {
  id: number;
  path: string;
}

/**
 * Every dwelling the actor may import into, keyed by its normalised address
 * `community|compound|building|stairwell|flat`. One query; a district's 400,000 flats fit.
 * (Communities always sit at depth 2: centre → department → community.)
 */
export async function loadDwellingIndex(ex: Executor, actor: Actor): Promise<Map<string, DwellingRef>> {
  const rows = await queryRows<{ id: number; path: string; d: string; s: string; b: string; c: string; m: string }>(
    ex,
    sql`SELECT d.id, d.path, d.name AS d, s.name AS s, b.name AS b, c.name AS c, m.name AS m
        FROM places d
        JOIN places s ON s.id = d.parent_id
        JOIN places b ON b.id = s.parent_id
        JOIN places c ON c.id = b.parent_id
        JOIN places m ON m.id = split_part(d.path, '.', 3)::bigint AND m.type = 'community'
        WHERE d.type = 'dwelling' AND ${scopeWhere(actor, { path: sql`d.path` })}`,
  );
  const index = new Map<string, DwellingRef>();
  const keys = new Map<string, string>();
  const key = (name: string) => {
    let k = keys.get(name);
    if (k === undefined) keys.set(name, (k = placeKey(name)));
    return k;
  };
  for (const r of rows) index.set(`${key(r.m)}|${key(r.c)}|${key(r.b)}|${key(r.s)}|${key(r.d)}`, { id: r.id, path: r.path });
  return index;
}

export function dwellingKey(community: string, compound: string, building: string, stairwell: string, dwelling: string) {
  return `${placeKey(community)}|${placeKey(compound)}|${placeKey(building)}|${placeKey(stairwell)}|${placeKey(dwelling)}`;
}

export async function loadEmployerIndex(ex: Executor): Promise<Map<string, number>> {
  const rows = await queryRows<{ id: number; name: string; code: string | null }>(ex, sql`SELECT id, name, code FROM employers`);
  const m = new Map<string, number>();
  for (const r of rows) {
    m.set(r.name.normalize('NFKC').replace(/\s+/g, ''), r.id);
    if (r.code) m.set(r.code.normalize('NFKC').replace(/\s+/g, ''), r.id);
  }
  return m;
}

/** The oldest household of each dwelling in scope: where rows without a household number go. */
export async function loadFirstHouseholds(ex: Executor, actor: Actor): Promise<Map<number, number>> {
  const rows = await queryRows<{ dwelling_id: number; id: number }>(
    ex,
    sql`SELECT DISTINCT ON (dwelling_id) dwelling_id, id FROM households
        WHERE ${scopeWhere(actor, { path: sql`place_path` })} ORDER BY dwelling_id, id`,
  );
  return new Map(rows.map((r) => [r.dwelling_id, r.id]));
}
