import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

/** WCAG 2.1 A and AA: the rules the console is held to. */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * Runs axe-core on the page as it is now and fails with each violation (rule, what it says,
 * where) if it finds any. Call it on every page a journey visits, once the page is drawn; `soft`
 * lets a journey that visits many pages carry on and report every page's findings at the end.
 * Violations of a rule in `reportOnly` are attached to the test's report (an annotation) instead
 * of failing it: for rules whose findings are known and not fixed yet, named where they are listed.
 */
export async function expectAccessible(page: Page, what: string, soft = false, reportOnly: readonly string[] = []) {
  const result = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const describe = (v: (typeof result.violations)[number]) =>
    `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.slice(0, 4).map((n) => `${n.target.join(' ')}  ${n.html.slice(0, 160)}`).join('\n    ')}`;
  const where = `${what} at ${page.viewportSize()?.width}px`;
  for (const v of result.violations.filter((x) => reportOnly.includes(x.id))) test.info().annotations.push({ type: `axe (not enforced yet): ${where}`, description: describe(v) });
  const found = result.violations.filter((x) => !reportOnly.includes(x.id)).map(describe);
  (soft ? expect.soft : expect)(found, `${where}: ${found.length} accessibility violations\n  ${found.join('\n  ')}`).toEqual([]);
}
