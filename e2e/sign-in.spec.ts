import { expect, test } from '@playwright/test';
import { AdminApi, unique } from './support/api';
import { signOut } from './support/ui';

test('an admin signs in in Chinese, switches to English, sees the English console and signs out; a wrong password is explained in the current language', async ({
  page,
  baseURL,
}) => {
  // Not a fresh install (first-run.spec.ts is): there is a place, so the admin's first screen is the to-do list.
  const api = await AdminApi.signIn(baseURL!);
  await api.community(`签到社区${unique()}`);
  await api.dispose();
  // The sign-in page asks whether anyone is signed in without an error in the console (no 401).
  const consoleErrors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  await page.goto('/');
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole('heading', { name: '欢迎登录' })).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(consoleErrors).toEqual([]);

  await page.getByTestId('login-username').fill('admin');
  await page.getByTestId('login-password').fill(process.env.E2E_ADMIN_PASSWORD!);
  await page.getByTestId('login-submit').click();
  // The administrator's first screen is the user list (each role lands on the page it works from).
  await expect(page.getByRole('heading', { level: 1, name: '用户' })).toBeVisible();
  await expect(page).toHaveURL(/\/admin\/users$/);
  await expect(page).toHaveTitle('用户 - 家园');
  await expect(page.getByTestId('menu-residents')).toHaveText('居民');
  await expect(page.getByTestId('menu-users')).toHaveText('用户');

  await page.getByTestId('lang-en').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();
  await expect(page).toHaveTitle('Users - Jiayuan');
  await expect(page.getByTestId('menu-residents')).toHaveText('Residents');
  await expect(page.getByTestId('menu-audit')).toHaveCount(0); // admins do not read the audit log

  await signOut(page);
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();

  await page.getByTestId('login-username').fill('admin');
  await page.getByTestId('login-password').fill('not-the-password');
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('login-error')).toHaveText('Wrong username or password');

  await page.getByTestId('lang-zh').click();
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('login-error')).toHaveText('用户名或密码错误');
  await expect(page).toHaveURL(/\/login/);
});

test('a language chosen on the sign-in page carries into the console: its pages come with their texts in it', async ({ page, baseURL }) => {
  const api = await AdminApi.signIn(baseURL!);
  await api.community(`签到社区${unique()}`);
  await api.dispose();
  // The sign-in page loads its own texts only; the console's come when a console page is drawn.
  const texts: string[] = [];
  page.on('response', (r) => {
    const m = /\/assets\/(i18n-(?:zh-CN|en-US)(?:\.modules)?)-[^.]+\.js$/.exec(new URL(r.url()).pathname);
    if (m) texts.push(m[1]!);
  });
  await page.goto('/login');
  await page.getByTestId('lang-en').click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  expect(texts.filter((x) => x.endsWith('.modules'))).toEqual([]);
  await page.getByTestId('login-username').fill('admin');
  await page.getByTestId('login-password').fill(process.env.E2E_ADMIN_PASSWORD!);
  await page.getByTestId('login-submit').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();
  await expect(page.getByTestId('menu-residents')).toHaveText('Residents');
  expect(texts).toContain('i18n-en-US.modules');
  expect(texts).not.toContain('i18n-zh-CN.modules');
  // Nothing on the page is a text's key (what a missing text would show).
  await expect(page.locator('body')).not.toContainText(/\b(users|common|codes|menu)\.[a-zA-Z]+/);
});
