import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, AUDIT_ENTITY_TYPES } from '@jiayuan/contracts';
import { resources } from '../../i18n-resources';
import { auditActionKey, auditEntityKey } from './audit.labels';

type Tree = { [k: string]: string | Tree };
function at(tree: Tree, key: string): string | undefined {
  const v = key.split('.').reduce<string | Tree | undefined>((node, k) => (node && typeof node === 'object' ? node[k] : undefined), tree);
  return typeof v === 'string' ? v : undefined;
}

describe('audit log labels', () => {
  for (const lang of ['zh-CN', 'en-US'] as const) {
    const tree = resources[lang] as Tree;

    it(`name every action the server can record in ${lang}`, () => {
      expect(AUDIT_ACTIONS.length).toBe(201);
      expect(AUDIT_ACTIONS.filter((a) => !at(tree, auditActionKey(a)))).toEqual([]);
    });

    it(`name every record type in ${lang}`, () => {
      expect(AUDIT_ENTITY_TYPES.length).toBe(56);
      expect(AUDIT_ENTITY_TYPES.filter((e) => !at(tree, auditEntityKey(e)))).toEqual([]);
    });

    it(`give different actions different names in ${lang}`, () => {
      const byLabel = new Map<string, string[]>();
      for (const a of AUDIT_ACTIONS) {
        const label = at(tree, auditActionKey(a))!;
        byLabel.set(label, [...(byLabel.get(label) ?? []), a]);
      }
      expect([...byLabel.entries()].filter(([, codes]) => codes.length > 1)).toEqual([]);
    });
  }
});
