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
  const forced = page.getByTestId('forced-password');
  await expect(page.getByTestId('user-menu').or(forced)).toBeVisible();
  if (await forced.isVisible()) {
    await page.getByTestId('current-password').fill(password);
    await page.getByTestId('new-password').fill(`${password}-new`);
    await page.getByTestId('confirm-password').fill(`${password}-new`);
    await page.getByTestId('change-password-submit').click();
    await page.waitForURL((u) => u.pathname !== '/change-password');
  }
  await expect(page.getByTestId('user-menu')).toBeVisible();
}

export async function signOut(page: Page) {
  await page.getByTestId('user-menu').click();
  await page.getByTestId('sign-out').click();
  await page.waitForURL(/\/login/);
}
