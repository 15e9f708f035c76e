import { z } from 'zod';
import { ROLES, type ModuleAccess, type Role } from './roles.js';
import { platformAccess } from './platform.js';
import { registryAccess } from './registry.js';
import { screeningAccess } from './screening.js';
import { inboundAccess } from './inbound.js';
import { observationAccess } from './observation.js';
import { servicedeskAccess } from './servicedesk.js';
import { containmentAccess } from './containment.js';
import { accessAccess } from './access-passes.js';
import { dutyAccess } from './duty.js';
import { volunteersAccess } from './volunteers.js';

export { ROLES, Role, defineAccess, type ModuleAccess } from './roles.js';

/**
 * Every module's permissions, grants and audit codes, each declared in the module's own contracts
 * file: a new module adds one line here. The platform's come first.
 */
const MODULES_ACCESS = [
  platformAccess,
  registryAccess,
  screeningAccess,
  inboundAccess,
  observationAccess,
  servicedeskAccess,
  containmentAccess,
  accessAccess,
  dutyAccess,
  volunteersAccess,
] as const;

export type Permission = (typeof MODULES_ACCESS)[number]['permissions'][number];
export const PERMISSIONS = MODULES_ACCESS.flatMap((m) => m.permissions) as [Permission, ...Permission[]];
export const Permission = z.enum(PERMISSIONS);

/** What each role may do: the union of what every module grants it. */
export const ROLE_PERMISSIONS = {} as Record<Role, readonly Permission[]>;
for (const role of ROLES) ROLE_PERMISSIONS[role] = MODULES_ACCESS.flatMap((m: ModuleAccess<Permission, AuditAction, AuditEntityType>) => m.grants[role] ?? []);

/**
 * Every action and record type the audit log can hold, each module's declared with its access. The
 * server's recordAudit takes only these (checked by the compiler); the web app names each in both
 * languages (checked by a test), so the audit page never shows a bare code.
 */
export type AuditAction = (typeof MODULES_ACCESS)[number]['auditActions'][number];
export const AUDIT_ACTIONS: readonly AuditAction[] = MODULES_ACCESS.flatMap((m) => m.auditActions);
export type AuditEntityType = (typeof MODULES_ACCESS)[number]['auditEntityTypes'][number];
export const AUDIT_ENTITY_TYPES: readonly AuditEntityType[] = MODULES_ACCESS.flatMap((m) => m.auditEntityTypes);

export function permissionsOf(roles: readonly Role[]): Set<Permission> {
  return new Set(roles.flatMap((r) => ROLE_PERMISSIONS[r]));
}

/** Where a user or token may act: everything, place subtrees, and/or employers. */
export const ScopeInput = z.object({
  all: z.boolean().default(false),
  placeIds: z.array(z.number().int().positive()).max(50).default([]),
  employerIds: z.array(z.number().int().positive()).max(50).default([]),
});
export type ScopeInput = z.infer<typeof ScopeInput>;

export const ScopeView = z.object({
  all: z.boolean(),
  places: z.array(z.object({ id: z.number(), name: z.string(), type: z.string(), label: z.string() })),
  employers: z.array(z.object({ id: z.number(), name: z.string() })),
});
export type ScopeView = z.infer<typeof ScopeView>;
