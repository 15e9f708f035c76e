import { can, inPlaceScope } from '../../platform/access/actor.js';
import { definePolicy } from '../../platform/access/policy.js';
import type { CaseRow } from './observation.repository.js';

const open = (c: CaseRow) => c.status === 'active' || c.status === 'release_proposed';

/** Staff act on cases in their place scope; health workers take readings and confirm release. */
export const casePolicy = definePolicy<CaseRow, 'read' | 'record' | 'replan' | 'custodians' | 'members' | 'deliver' | 'release' | 'export'>({
  read: (a, c) => can(a, 'observation.read') && inPlaceScope(a, c.placePath),
  record: (a, c) => can(a, 'observation.check') && inPlaceScope(a, c.placePath) && open(c),
  replan: (a, c) => can(a, 'observation.manage') && inPlaceScope(a, c.placePath) && open(c),
  custodians: (a, c) => can(a, 'observation.manage') && inPlaceScope(a, c.placePath) && open(c),
  members: (a, c) => can(a, 'observation.manage') && inPlaceScope(a, c.placePath) && open(c),
  deliver: (a, c) => (can(a, 'observation.manage') || can(a, 'observation.check')) && inPlaceScope(a, c.placePath) && open(c),
  release: (a, c) => can(a, 'observation.release') && inPlaceScope(a, c.placePath) && c.status === 'release_proposed',
  export: (a, c) => can(a, 'observation.export') && inPlaceScope(a, c.placePath),
});
