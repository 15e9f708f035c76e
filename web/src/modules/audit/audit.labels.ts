import type { TFunction } from 'i18next';

/** Actions the server records today; the filter offers them and the table labels them. */
export const AUDIT_ACTIONS = [
  'auth.login',
  'auth.login_failed',
  'auth.password_changed',
  'user.created',
  'user.updated',
  'user.password_reset',
  'user.unlocked',
  'token.created',
  'token.revoked',
  'place.created',
  'place.updated',
  'place.deleted',
  'place.layout_applied',
  'building.head_set',
  'grid.created',
  'grid.updated',
  'grid.deleted',
  'employer.created',
  'employer.updated',
  'employer.deleted',
  'household.created',
  'household.deleted',
  'resident.created',
  'resident.updated',
  'resident.deleted',
  'resident.revealed',
  'identifier.searched',
  'resident.exported',
  'residents.imported',
  'obligation.done',
  'obligation_rule.created',
  'obligation_rule.updated',
  'obligation_rule.deleted',
  'calendar.override_saved',
  'calendar.override_deleted',
  'calendar.arrangement_saved',
  'calendar.hours_saved',
  'observation.counting_saved',
  'audit.exported',
];

export const AUDIT_ENTITY_TYPES = [
  'user',
  'api_token',
  'place',
  'grid',
  'employer',
  'household',
  'resident',
  'identifier_search',
  'import_job',
  'obligation',
  'obligation_rule',
  'calendar_day',
  'calendar_year',
  'calendar_settings',
  'audit_log',
];

/** The action in words; an action this version does not know yet shows as its code. */
export function auditActionLabel(t: TFunction, action: string): string {
  const key = `audit.actions.${action.replace(/\./g, '_')}`;
  const label = t(key);
  return label === key ? action : label;
}
