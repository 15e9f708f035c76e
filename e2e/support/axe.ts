import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** WCAG 2.1 A and AA: the rules the console is held to. */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * Runs axe-core on the page as it is now and fails with each violation (rule, what it says,
 * where, and axe's reason for the first of them, e.g. the colours of low contrast) if it finds any.
 * Call it on every page a journey visits, once the page is drawn; `soft` lets a journey that visits
 * many pages carry on and report every page's findings at the end. Every rule of TAGS is enforced.
 */
export async function expectAccessible(page: Page, what: string, soft = false) {
  // A fade still running (a table's loading veil lifting) blends text with its background: axe
  // would measure colours half-way. Spinners and other endless animations are not waited for.
  await page
    .waitForFunction("document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().endTime === Infinity)", undefined, {
      timeout: 3000,
    })
    .catch(() => undefined);
  const result = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const reason = (s: string | undefined) => (s ?? '').split('\n').slice(1).join(' ').trim().slice(0, 240);
  const describe = (v: (typeof result.violations)[number]) =>
    `${v.id} (${v.impact}): ${v.help}\n    ${reason(v.nodes[0]?.failureSummary)}\n    ${v.nodes
      .slice(0, 4)
      .map((n) => `${n.target.join(' ')}  ${n.html.slice(0, 160)}`)
      .join('\n    ')}`;
  const where = `${what} at ${page.viewportSize()?.width}px`;
  const found = result.violations.map(describe);
  (soft ? expect.soft : expect)(found, `${where}: ${found.length} accessibility violations\n  ${found.join('\n  ')}`).toEqual([]);
}
