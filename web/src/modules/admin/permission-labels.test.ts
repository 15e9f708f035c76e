import { describe, expect, it } from 'vitest';
import { PERMISSIONS } from '@jiayuan/contracts';
import { resources } from '../../i18n-resources';

type Tree = { [k: string]: string | Tree };

/** Each module names its own permissions (its audit-actions.i18n.ts); none may be left as a bare code on the users' and tokens' pages. */
describe('permission labels', () => {
  for (const lang of ['zh-CN', 'en-US'] as const) {
    const labels = ((resources[lang] as Tree).codes as Tree).permission as Tree;
    it(`name every permission of every module in ${lang}`, () => {
      expect(PERMISSIONS.length).toBeGreaterThan(50);
      expect(PERMISSIONS.filter((p) => typeof labels[p] !== 'string' || !labels[p])).toEqual([]);
    });
    it(`name nothing that is not a permission in ${lang}`, () => {
      expect(Object.keys(labels).filter((k) => !(PERMISSIONS as readonly string[]).includes(k))).toEqual([]);
    });
  }
});
