import { expect, test } from '@playwright/test';
import { AdminApi, unique } from './support/api';
import { signedInState } from './support/first-load';
import { signIn, signOut } from './support/ui';

const PHONE = { width: 390, height: 844 };
const DESK = { width: 1440, height: 900 };

interface Seeded {
  s: string;
  pw: string;
}
let seeded: Seeded;

test.beforeAll(async ({ baseURL }) => {
  const api = await AdminApi.signIn(baseURL!);
  const s = unique();
  const pw = `Layout-pass-1${s}`;
  const c = await api.community(`布局社区${s}`);
  const employer = await api.post<{ id: number }>('/employers', { name: `布局单位${s}` });
  const users: [string, string, string[], { all?: boolean; placeIds?: number[]; employerIds?: number[] }][] = [
    ['staff', '社区干部', ['community_staff'], { placeIds: [c.community] }],
    ['coord', '协调员', ['department_coordinator'], { placeIds: [c.department] }],
    ['admin', '管理员', ['admin'], { all: true }],
    ['auditor', '审计员', ['auditor'], { all: true }],
    ['health', '医务员', ['health_worker'], { placeIds: [c.community] }],
    ['guard', '门岗', ['property_staff'], { placeIds: [c.compound] }],
    ['volunteer', '志愿者', ['volunteer'], { placeIds: [c.community] }],
    ['liaison', '联络员', ['employer_liaison'], { employerIds: [employer.id] }],
  ];
  for (const [u, name, roles, scope] of users) {
    await api.user(`${u}${s}`, `${name}${s}`, roles, scope, pw);
    // Each chooses their own password (`<pw>-new`) once, so every test here signs in the same way.
    await (await AdminApi.as(baseURL!, `${u}${s}`, pw)).dispose();
  }
  await api.dispose();
  seeded = { s, pw: `${pw}-new` };
});

const user = (u: string) => `${u}${seeded.s}`;

test('each role lands on the page it works from, at a desk and on a phone', async ({ browser, baseURL }) => {
  test.setTimeout(420_000);
  const cases: [string, string, string][] = [
    ['staff', '/todos', '/todos'],
    ['coord', '/dashboard', '/dashboard'],
    ['admin', '/admin/users', '/admin/users'],
    ['auditor', '/audit', '/audit'],
    ['health', '/observation', '/observation/today'],
    ['guard', '/todos', '/gate'],
    ['volunteer', '/todos', '/screening/visit'],
    ['liaison', '/inbound', '/inbound'],
  ];
  for (const [u, desk, phone] of cases) {
    const storageState = await signedInState(browser, baseURL!, user(u), seeded.pw);
    for (const [viewport, path] of [
      [DESK, desk],
      [PHONE, phone],
    ] as const) {
      const context = await browser.newContext({ baseURL, viewport, storageState, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
      const page = await context.newPage();
      await page.goto('/');
      await expect(page, `${u} at ${viewport.width}px`).toHaveURL(new RegExp(`${path.replace(/\//g, '\\/')}$`));
      await context.close();
    }
  }
});

test('at 1440×900 the last entry of the side menu is above the collapse button and opens its page', async ({ page }) => {
  await page.setViewportSize(DESK);
  for (const [u, key, path] of [
    ['auditor', 'audit', '/audit'],
    ['admin', 'calendar', '/admin/calendar'],
    ['coord', 'duties', '/duties'],
  ] as const) {
    await signIn(page, user(u), seeded.pw);
    const last = page.getByTestId('side-menu-scroll').locator('a[data-testid^="menu-"]').last();
    await expect(last).toHaveAttribute('data-testid', `menu-${key}`);
    // The menu scrolls between the brand and the collapse button: at its end the last entry is clear of the button.
    await page.getByTestId('side-menu-scroll').evaluate((el) => el.scrollTo(0, el.scrollHeight));
    const entry = (await last.boundingBox())!;
    const collapse = (await page.getByTestId('side-menu-collapse').boundingBox())!;
    expect(entry.y + entry.height, `${u}: the last entry ends above the collapse button`).toBeLessThanOrEqual(collapse.y);
    await last.click();
    await expect(page).toHaveURL(new RegExp(`${path}$`));
    await signOut(page);
  }
});

test('on a phone the menu is a drawer that opens and navigates; the page gets the whole width', async ({ page }) => {
  await page.setViewportSize(PHONE);
  await signIn(page, user('staff'), seeded.pw);
  await expect(page).toHaveURL(/\/todos$/);
  await expect(page.locator('.ant-layout-sider')).toHaveCount(0);
  const main = (await page.locator('main.ant-layout-content').boundingBox())!;
  expect(main.width).toBeGreaterThanOrEqual(PHONE.width - 2 * 12);
  await page.getByTestId('menu-open').click();
  await expect(page.getByTestId('menu-drawer').getByTestId('menu-households')).toBeVisible();
  await page.getByTestId('menu-households').click();
  await expect(page).toHaveURL(/\/households$/);
  await expect(page.getByTestId('menu-households')).toBeHidden();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page).toHaveTitle(/ - 家园$/);
});

test('on a phone 区域 shows the tree, then the chosen place alone with a way back; no page of it scrolls sideways', async ({ page }) => {
  await page.setViewportSize(PHONE);
  await signIn(page, user('coord'), seeded.pw);
  await page.goto('/registry');
  const tree = page.getByTestId('place-tree');
  await expect(tree).toContainText(`布局社区${seeded.s}协调部`);
  const sideways = () => page.locator('html').evaluate((html) => html.scrollWidth - html.clientWidth);
  expect(await sideways()).toBeLessThanOrEqual(0);
  await tree.getByText(`布局社区${seeded.s}协调部`, { exact: true }).click();
  await expect(page.getByTestId('place-title')).toContainText(`布局社区${seeded.s}协调部`);
  // The place takes the width; the tree waits behind it.
  await expect(tree).toBeHidden();
  expect((await page.getByTestId('place-title').boundingBox())!.x).toBeLessThan(120);
  expect(await sideways()).toBeLessThanOrEqual(0);
  await page.getByTestId('registry-back-to-tree').click();
  await expect(page).toHaveURL(/\/registry$/);
  await expect(tree).toBeVisible();
  await signOut(page);

  // A unit's liaison reads the units: their liaisons wrap on the card, and no blank "actions" line.
  await signIn(page, user('liaison'), seeded.pw);
  await page.goto('/employers');
  await expect(page.getByTestId('employers-table')).toContainText(`布局单位${seeded.s}`);
  expect(await sideways()).toBeLessThanOrEqual(0);
  await expect(page.getByTestId('employers-table').locator('td[data-label="操作"]')).toHaveCount(0);
});
