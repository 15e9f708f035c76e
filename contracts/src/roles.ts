import { z } from 'zod';

/** Roles say what a user may do; a scope (places or an employer) says where. */
export const ROLES = [
  'center_coordinator',
  'department_coordinator',
  'community_staff',
  'station_staff',
  'employer_liaison',
  'property_staff',
  'health_worker',
  'volunteer',
  'resident',
  'auditor',
  'admin',
] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/**
 * A module's permissions and which roles hold them, and what its audit rows may say (actions and
 * record types), declared in the module's own contracts file and combined in access.ts into the one
 * `Permission` union and the audit log's `AuditAction` and `AuditEntityType`. Grants name only the
 * module's own permissions (checked by the compiler); a module's actions are `<module>.<entity>.<verb>`
 * (the platform's own are `<entity>.<event>`).
 */
export interface ModuleAccess<P extends string, A extends string = string, E extends string = string> {
  module: string;
  permissions: readonly P[];
  grants: Partial<Record<Role, readonly P[]>>;
  auditActions: readonly A[];
  auditEntityTypes: readonly E[];
}

export function defineAccess<const P extends string, const A extends string, const E extends string>(
  module: string,
  permissions: readonly P[],
  grants: Partial<Record<Role, readonly NoInfer<P>[]>>,
  audit: { auditActions: readonly A[]; auditEntityTypes: readonly E[] },
): ModuleAccess<P, A, E> {
  for (const [role, held] of Object.entries(grants)) {
    for (const p of held ?? []) if (!permissions.includes(p)) throw new Error(`${module}: ${role} is granted ${p}, which the module does not declare`);
  }
  if (module !== 'platform') {
    for (const a of audit.auditActions) if (!a.startsWith(`${module}.`)) throw new Error(`${module}: audit action ${a} is not named <module>.<entity>.<verb>`);
  }
  return { module, permissions, grants, ...audit };
}
