import { expect, type Page } from '@playwright/test';

/**
 * Signs in on the login page. A user whose password was set by an administrator is sent
 * to choose their own first; we choose `<password>-new` and carry on to the console.
 */
export async function signIn(page: Page, username: string, password: string) {
  await page.goto('/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  // Each role lands on its own first screen (on a phone the gate guard, the health worker and the
  // volunteer on their phone pages, outside the console), or on the password change first.
  const landed = (u: URL) => !['/login', '/'].includes(u.pathname);
  await page.waitForURL(landed);
  if (new URL(page.url()).pathname === '/change-password') {
    await expect(page.getByTestId('forced-password')).toBeVisible();
    await page.getByTestId('current-password').fill(password);
    await page.getByTestId('new-password').fill(`${password}-new`);
    await page.getByTestId('confirm-password').fill(`${password}-new`);
    await page.getByTestId('change-password-submit').click();
    await page.waitForURL((u) => landed(u) && u.pathname !== '/change-password');
  }
  if (!PHONE_PAGES.includes(new URL(page.url()).pathname)) await expect(page.getByTestId('user-menu')).toBeVisible();
}

/** The phone pages a role lands on, outside the console. */
export const PHONE_PAGES = ['/gate', '/observation/today', '/screening/visit'];

/**
 * Signs out through the user menu. On a loaded machine a click can land while the dropdown is
 * still opening and do nothing, so the menu is opened and the item clicked again until the
 * login page shows, as a person would.
 */
export async function signOut(page: Page) {
  await expect(async () => {
    if (!(await page.getByTestId('sign-out').isVisible())) await page.getByTestId('user-menu').click();
    await page.getByTestId('sign-out').click({ timeout: 5_000 });
    await page.waitForURL(/\/login/, { timeout: 5_000 });
  }).toPass({ timeout: 60_000 });
}
