import { PLACE_CHILDREN, type PlaceType } from '@jiayuan/contracts';
import { can, inPlaceScope, type Actor } from '../../platform/access/actor.js';
import { definePolicy } from '../../platform/access/policy.js';
import type { PlaceRow } from '../../platform/places/places.repository.js';

/** Strictly inside the actor's scope: staff manage what is under their community, not the community itself. */
function strictlyInside(actor: Actor, p: PlaceRow) {
  if (actor.scope.all) return true;
  return actor.scope.places.some((s) => p.path.startsWith(s.path) && p.path !== s.path);
}

export const placePolicy = definePolicy<PlaceRow, 'update' | 'delete' | 'addChild' | 'layout'>({
  update: (a, p) => can(a, 'place.manage') && strictlyInside(a, p),
  delete: (a, p) => can(a, 'place.manage') && strictlyInside(a, p),
  addChild: (a, p) => can(a, 'place.manage') && inPlaceScope(a, p.path) && PLACE_CHILDREN[p.type as PlaceType].length > 0,
  layout: (a, p) => can(a, 'place.manage') && inPlaceScope(a, p.path) && p.type === 'building',
});
