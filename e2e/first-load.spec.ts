import { expect, test, type Page } from '@playwright/test';
import { AdminApi, unique } from './support/api';
import { measureFirstLoad, signedInState, type FirstLoad } from './support/first-load';

// Issue 10, item 23: a first load's JavaScript, counted in gzip bytes as they come over the wire
// (a size, not a timing). The numbers a run measures are attached to the test's report.
const KB = 1024;
const GOAL = 300 * KB;
// The console's first screens do not meet the goal yet (bench/RESULTS.md, "bench/web"): this is
// the ceiling they may not grow past until they do, today's figures plus a little room. Raised from
// 440 KB when the volunteers module came (its texts and menu icons load with every console page:
// /todos 437.9 → 449.3 KB, /dashboard 426.6 → 438.4 KB, after the names of permissions and audit
// actions moved out to the pages that show them); the next step is each module's texts with its pages.
const CONSOLE_CEILING = 460 * KB;

let seeded: { s: string; pw: string };

test.beforeAll(async ({ baseURL }) => {
  const api = await AdminApi.signIn(baseURL!);
  const s = unique();
  const pw = `Size-pass-1${s}`;
  const c = await api.community(`体积社区${s}`);
  await api.user(`sizestaff${s}`, `社区干部${s}`, ['community_staff'], { placeIds: [c.community] }, pw);
  await api.user(`sizecoord${s}`, `协调部专班人员${s}`, ['department_coordinator'], { placeIds: [c.department] }, pw);
  await api.dispose();
  seeded = { s, pw };
});

function report(name: string, load: FirstLoad) {
  const description = `${name}: ${load.scripts} scripts, ${(load.transferred / KB).toFixed(1)} KB gzip (${(load.raw / KB).toFixed(1)} KB raw)`;
  test.info().annotations.push({ type: 'first load', description });
  console.log(`first load — ${description}`);
}

test('the sign-in page loads at most 300 KB of gzipped JavaScript', async ({ browser, baseURL }) => {
  const load = await measureFirstLoad(browser, {
    baseURL: baseURL!,
    path: '/login',
    encoding: 'gzip',
    ready: async (page: Page) => expect(page.getByTestId('login-submit')).toBeVisible(),
  });
  report('sign-in page', load);
  expect(load.scripts).toBeGreaterThan(1);
  expect(new Set(load.encodings)).toEqual(new Set(['gzip']));
  expect(load.transferred).toBeLessThanOrEqual(GOAL);
});

test('the console first screens (a coordinator on the dashboard, community staff on to-dos) stay under their ceiling', async ({ browser, baseURL }) => {
  test.setTimeout(300_000);
  const cases: [user: string, path: RegExp][] = [
    [`sizecoord${seeded.s}`, /\/dashboard$/],
    [`sizestaff${seeded.s}`, /\/todos$/],
  ];
  for (const [username, landing] of cases) {
    const storageState = await signedInState(browser, baseURL!, username, seeded.pw);
    const load = await measureFirstLoad(browser, {
      baseURL: baseURL!,
      path: '/',
      encoding: 'gzip',
      storageState,
      ready: async (page: Page) => {
        // Generous: the first screen's chunks on a busy test machine (this counts bytes, not time).
        await expect(page).toHaveURL(landing, { timeout: 60_000 });
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible({ timeout: 60_000 });
      },
    });
    report(`${username} on ${landing.source}`, load);
    expect(new Set(load.encodings), username).toEqual(new Set(['gzip']));
    expect(load.transferred, username).toBeLessThanOrEqual(CONSOLE_CEILING);
  }
});
