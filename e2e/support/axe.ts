import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** WCAG 2.1 A and AA: the rules the console is held to. */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * Runs axe-core on the page as it is now and fails with each violation (rule, what it says,
 * where) if it finds any. Call it on every page a journey visits, once the page is drawn; `soft`
 * lets a journey that visits many pages carry on and report every page's findings at the end.
 */
export async function expectAccessible(page: Page, what: string, soft = false) {
  const result = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const found = result.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.slice(0, 4).map((n) => n.target.join(' ')).join('\n    ')}`);
  (soft ? expect.soft : expect)(found, `${what} at ${page.viewportSize()?.width}px: ${found.length} accessibility violations\n  ${found.join('\n  ')}`).toEqual([]);
}
