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

export const PERMISSIONS = [
  'place.read',
  'place.manage',
  'employer.read',
  'employer.manage',
  'household.read',
  'household.manage',
  'resident.read',
  'resident.manage',
  'resident.reveal',
  'resident.import',
  'resident.export',
  'user.manage',
  'token.manage',
  'audit.read',
  'audit.export',
  'obligation.manage',
  'calendar.manage',
  'screening.read',
  'screening.manage',
  'screening.visit',
  'screening.followup',
  'screening.export',
  'pass.manage',
  'inbound.read',
  'inbound.submit',
  'inbound.route',
  'inbound.review',
  'inbound.checkin',
  'inbound.configure',
  'observation.read',
  'observation.manage',
  'observation.check',
  'observation.release',
  'observation.export',
  'dashboard.read',
  'servicedesk.read',
  'servicedesk.intake',
  'servicedesk.work',
  'servicedesk.dispatch',
  'servicedesk.figures',
  'servicedesk.review',
  'servicedesk.manage',
  'containment.case.record',
  'containment.case.view',
  'containment.order.view',
  'containment.order.confirm',
  'containment.settings',
  'access.pass.read',
  'access.pass.issue',
  'access.gate.scan',
  'access.gate.manage',
  'access.figures',
] as const;
export const Permission = z.enum(PERMISSIONS);
export type Permission = z.infer<typeof Permission>;

const READ_REGISTRY: Permission[] = ['place.read', 'employer.read', 'household.read', 'resident.read'];
const MANAGE_REGISTRY: Permission[] = [
  ...READ_REGISTRY,
  'place.manage',
  'household.manage',
  'resident.manage',
  'resident.import',
  'resident.export',
];

/** 入户摸排: who runs campaigns, who knocks on doors, who follows up what they find. */
const RUN_SCREENING: Permission[] = ['screening.read', 'screening.manage', 'screening.followup', 'screening.export'];
/** The returning-people loop and home observation (issue 3), by who does which step. */
const COORDINATE_INBOUND: Permission[] = ['inbound.read', 'inbound.submit', 'inbound.route', 'inbound.configure', 'observation.read', 'observation.manage', 'observation.export', 'dashboard.read'];
const COMMUNITY_INBOUND: Permission[] = ['inbound.read', 'inbound.review', 'inbound.checkin', 'observation.read', 'observation.manage', 'observation.check', 'observation.export', 'dashboard.read'];
/** The service desk: who sees orders, takes calls, works and dispatches them, reads the figures, reviews missed limits, configures it. */
const SD_DESK: Permission[] = ['servicedesk.read', 'servicedesk.intake', 'servicedesk.work', 'servicedesk.dispatch'];
const SD_MANAGER: Permission[] = [...SD_DESK, 'servicedesk.figures', 'servicedesk.review', 'servicedesk.manage'];
/**
 * Containment (封控): cases are health data, seen on a need-to-know basis by coordinators and
 * health workers; which places are sealed is known to everyone who staffs them.
 */
const CONTAINMENT_COORDINATOR: Permission[] = ['containment.case.record', 'containment.case.view', 'containment.order.view', 'containment.order.confirm', 'containment.settings'];
/** Passes and gates (issue 4): coordinators and committees issue and revoke and run the gates; guards scan. */
const ISSUE_PASSES: Permission[] = ['access.pass.read', 'access.pass.issue', 'access.gate.manage', 'access.figures'];
/** Guards at gates and checkpoints (property staff; committee cadres on a checkpoint shift too). */
const SCAN_GATES: Permission[] = ['access.gate.scan'];

/**
 * What each role may do. Admins run the system but do not see personal data in clear:
 * revealing an ID or phone number is for the staff who serve that resident.
 */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  center_coordinator: [...MANAGE_REGISTRY, 'employer.manage', 'resident.reveal', 'obligation.manage', ...RUN_SCREENING, ...COORDINATE_INBOUND, ...SD_MANAGER, ...CONTAINMENT_COORDINATOR, ...ISSUE_PASSES],
  department_coordinator: [...MANAGE_REGISTRY, 'employer.manage', 'resident.reveal', 'obligation.manage', ...RUN_SCREENING, ...COORDINATE_INBOUND, ...SD_MANAGER, ...CONTAINMENT_COORDINATOR, ...ISSUE_PASSES],
  community_staff: [...MANAGE_REGISTRY, 'resident.reveal', 'obligation.manage', ...RUN_SCREENING, 'screening.visit', ...COMMUNITY_INBOUND, ...SD_DESK, 'servicedesk.figures', 'containment.order.view', ...ISSUE_PASSES, ...SCAN_GATES],
  // The station checks people in and runs their observation; the committee decides the review.
  station_staff: [
    ...READ_REGISTRY,
    'household.manage',
    'resident.manage',
    'resident.reveal',
    'resident.export',
    'screening.read',
    'screening.visit',
    ...COMMUNITY_INBOUND.filter((p) => p !== 'inbound.review'),
    'servicedesk.read',
    'servicedesk.intake',
    'containment.order.view',
    'access.pass.read',
    'access.pass.issue',
    'access.figures',
  ],
  employer_liaison: ['employer.read', 'resident.read', 'inbound.read', 'inbound.submit'],
  // Gate guards scan passes and need to know which places are sealed.
  property_staff: ['place.read', ...SD_DESK, ...SCAN_GATES, 'access.pass.read', 'containment.order.view'],
  health_worker: [
    ...READ_REGISTRY,
    'resident.reveal',
    'screening.read',
    'screening.visit',
    'screening.followup',
    'observation.read',
    'observation.manage',
    'observation.check',
    'observation.release',
    'observation.export',
    'dashboard.read',
    'containment.case.record',
    'containment.case.view',
    'containment.order.view',
  ],
  volunteer: ['screening.visit'],
  resident: [],
  auditor: [...READ_REGISTRY, 'audit.read', 'audit.export', 'screening.read', 'servicedesk.read', 'servicedesk.figures', 'containment.order.view', 'access.pass.read', 'access.figures'],
  admin: [
    ...MANAGE_REGISTRY,
    'employer.manage',
    'user.manage',
    'token.manage',
    'obligation.manage',
    'calendar.manage',
    'pass.manage',
    'servicedesk.read',
    'servicedesk.manage',
    'access.gate.manage',
  ],
};

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
