import { can, inPlaceScope } from '../../platform/access/actor.js';
import { definePolicy } from '../../platform/access/policy.js';
import type { ResidentRow } from './residents.repository.js';

/** Staff act on residents in their place scope; an employer's liaison only reads, and never reveals. */
export const residentPolicy = definePolicy<ResidentRow, 'update' | 'delete' | 'reveal'>({
  update: (a, r) => can(a, 'resident.manage') && inPlaceScope(a, r.placePath),
  delete: (a, r) => can(a, 'resident.manage') && inPlaceScope(a, r.placePath),
  reveal: (a, r) => can(a, 'resident.reveal') && inPlaceScope(a, r.placePath),
});
