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
 * A module's permissions and which roles hold them, declared in the module's own contracts file
 * and combined into the one `Permission` union in access.ts. Grants name only the module's own
 * permissions (checked by the compiler).
 */
export interface ModuleAccess<P extends string> {
  module: string;
  permissions: readonly P[];
  grants: Partial<Record<Role, readonly P[]>>;
}

export function defineAccess<const P extends string>(
  module: string,
  permissions: readonly P[],
  grants: Partial<Record<Role, readonly NoInfer<P>[]>>,
): ModuleAccess<P> {
  for (const [role, held] of Object.entries(grants)) {
    for (const p of held ?? []) if (!permissions.includes(p)) throw new Error(`${module}: ${role} is granted ${p}, which the module does not declare`);
  }
  return { module, permissions, grants };
}
