import { can, inPlaceScope } from '../../platform/access/actor.js';
import { definePolicy } from '../../platform/access/policy.js';
import type { PassRow } from './passes.repository.js';

/** Staff issuing passes revoke and renew them in their scope; a revoked pass is final; an entry ticket is never renewed (the next one is a new ticket). */
export const passPolicy = definePolicy<PassRow, 'revoke' | 'renew'>({
  revoke: (a, p) => can(a, 'access.pass.issue') && inPlaceScope(a, p.placePath) && p.status === 'active',
  renew: (a, p) =>
    can(a, 'access.pass.issue') &&
    inPlaceScope(a, p.placePath) &&
    p.status === 'active' &&
    p.kind !== 'entry_ticket' &&
    (p.maxUses === null || p.usesCount < p.maxUses),
});
