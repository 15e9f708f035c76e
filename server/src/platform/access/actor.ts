import type { Permission, Role } from '@jiayuan/contracts';

export interface ScopedPlace {
  id: number;
  path: string;
}

/** Where an actor may act, with place paths already resolved. */
export interface ResolvedScope {
  all: boolean;
  places: ScopedPlace[];
  employerIds: number[];
}

/** Who is acting: a signed-in user, an API token, or the system itself (scheduler, start-up). */
export interface Actor {
  kind: 'user' | 'token' | 'system';
  userId: number | null;
  tokenId: number | null;
  name: string;
  roles: Role[];
  permissions: ReadonlySet<Permission>;
  scope: ResolvedScope;
  /** Set for residents signed in with a phone code: they act on their own household only. */
  residentId: number | null;
  householdId: number | null;
}

export const NO_SCOPE: ResolvedScope = { all: false, places: [], employerIds: [] };

export function systemActor(name = 'system'): Actor {
  return {
    kind: 'system',
    userId: null,
    tokenId: null,
    name,
    roles: [],
    permissions: new Set(),
    scope: { all: true, places: [], employerIds: [] },
    residentId: null,
    householdId: null,
  };
}

export function can(actor: Actor, permission: Permission): boolean {
  return actor.kind === 'system' || actor.permissions.has(permission);
}

/** True when the place path lies inside one of the actor's place subtrees. */
export function inPlaceScope(actor: Actor, path: string | null | undefined): boolean {
  if (actor.scope.all) return true;
  if (!path) return false;
  return actor.scope.places.some((p) => path.startsWith(p.path));
}

export function inEmployerScope(actor: Actor, employerId: number | null | undefined): boolean {
  if (actor.scope.all) return true;
  return employerId != null && actor.scope.employerIds.includes(employerId);
}
