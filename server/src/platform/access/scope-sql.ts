import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Actor } from './actor.js';

/** A LIKE pattern matching a place path and everything under it (LIKE's own characters escaped). */
export function likePrefix(path: string) {
  return `${path.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The WHERE fragment that limits a query to the actor's scope. Every repository that lists
 * or reads scoped data builds its query with this, so a route cannot forget it.
 */
export function scopeWhere(actor: Actor, cols: { path?: SQLWrapper; employerId?: SQLWrapper; householdId?: SQLWrapper }): SQL {
  if (actor.scope.all) return sql`TRUE`;
  const parts: SQL[] = [];
  if (cols.householdId && actor.householdId !== null) parts.push(sql`${cols.householdId} = ${actor.householdId}`);
  if (cols.path) for (const p of actor.scope.places) parts.push(sql`${cols.path} LIKE ${likePrefix(p.path)}`);
  if (cols.employerId && actor.scope.employerIds.length > 0) {
    parts.push(
      sql`${cols.employerId} IN (${sql.join(
        actor.scope.employerIds.map((id) => sql`${id}`),
        sql`, `,
      )})`,
    );
  }
  if (parts.length === 0) return sql`FALSE`;
  return sql`(${sql.join(parts, sql` OR `)})`;
}

/** Descendants of one place path (including the place itself). */
export function underPath(col: SQLWrapper, path: string): SQL {
  return sql`${col} LIKE ${likePrefix(path)}`;
}
