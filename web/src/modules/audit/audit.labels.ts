import type { TFunction } from 'i18next';
import { AUDIT_ACTIONS, AUDIT_ENTITY_TYPES } from '@jiayuan/contracts';

/** Every action and record type the server can write (the server's recordAudit accepts only these). */
export { AUDIT_ACTIONS, AUDIT_ENTITY_TYPES };

export const auditActionKey = (action: string) => `audit.actions.${action.replace(/\./g, '_')}`;
export const auditEntityKey = (entityType: string) => `audit.entity.${entityType}`;

/** The action in words; a row written by a newer version than this page shows its code. */
export function auditActionLabel(t: TFunction, action: string): string {
  const key = auditActionKey(action);
  const label = t(key);
  return label === key ? action : label;
}

/** The record type in words, the same way. */
export function auditEntityLabel(t: TFunction, entityType: string): string {
  const key = auditEntityKey(entityType);
  const label = t(key);
  return label === key ? entityType : label;
}
