import { permissionsOf, type Permission, type ScopeView } from '@jiayuan/contracts';
import type { Actor, ResolvedScope } from '../access/actor.js';
import type { Executor } from '../db/database.js';
import { findEmployers, findPlaces, labelsForPaths } from '../places/places.repository.js';
import type { StoredScope } from './identity.schema.js';
import type { ApiTokenRow, UserRow } from './identity.repository.js';
import { householdOfResident } from './resident-link.js';

export async function resolveScope(ex: Executor, scope: StoredScope): Promise<ResolvedScope> {
  const rows = await findPlaces(ex, scope.placeIds);
  return { all: scope.all, places: rows.map((r) => ({ id: r.id, path: r.path })), employerIds: [...scope.employerIds] };
}

export async function actorForUser(ex: Executor, user: UserRow): Promise<Actor> {
  const household = user.residentId ? await householdOfResident(ex, user.residentId) : null;
  return {
    kind: 'user',
    userId: user.id,
    tokenId: null,
    name: user.displayName,
    roles: user.roles,
    permissions: permissionsOf(user.roles),
    scope: await resolveScope(ex, user.scope),
    residentId: user.residentId,
    householdId: household,
  };
}

export async function actorForToken(ex: Executor, token: ApiTokenRow): Promise<Actor> {
  return {
    kind: 'token',
    userId: null,
    tokenId: token.id,
    name: `token:${token.name}`,
    roles: [],
    permissions: new Set(token.permissions as Permission[]),
    scope: await resolveScope(ex, token.scope),
    residentId: null,
    householdId: null,
  };
}

/** The scope as people read it: place names with their labels, employer names. */
export async function presentScope(ex: Executor, scope: StoredScope): Promise<ScopeView> {
  const [placeRows, employerRows] = await Promise.all([findPlaces(ex, scope.placeIds), findEmployers(ex, scope.employerIds)]);
  const labels = await labelsForPaths(
    ex,
    placeRows.map((p) => p.path),
  );
  return {
    all: scope.all,
    places: placeRows.map((p) => ({ id: p.id, name: p.name, type: p.type, label: labels.get(p.path) || p.name })),
    employers: employerRows,
  };
}
