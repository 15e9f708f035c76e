import { expect, test } from '@playwright/test';
import { AdminApi, unique } from './support/api';

test('a new colleague signing in on a phone with a temporary password reaches nothing but the password change until they choose their own', async ({
  page,
  baseURL,
}) => {
  const admin = await AdminApi.signIn(baseURL!);
  const s = unique();
  const c = await admin.community(`改密社区${s}`);
  await admin.user(`fresh${s}`, '新来的小周', ['community_staff'], { placeIds: [c.community] }, 'Fresh-pass-1');
  await admin.dispose();

  // Every answer refusing the page once signed in: a page for a temporary password asks for nothing it may not have.
  const refused: string[] = [];
  let signedIn = false;
  page.on('response', (r) => {
    if (signedIn && new URL(r.url()).pathname.startsWith('/api/') && r.status() >= 400) refused.push(`${r.status()} ${new URL(r.url()).pathname}`);
  });

  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/login');
  await page.getByTestId('login-username').fill(`fresh${s}`);
  await page.getByTestId('login-password').fill('Fresh-pass-1');
  signedIn = true;
  await page.getByTestId('login-submit').click();
  await expect(page).toHaveURL(/\/change-password$/);
  await expect(page.getByTestId('forced-password')).toContainText('新来的小周');
  // The card fits the phone's width.
  const card = (await page.getByTestId('forced-password').boundingBox())!;
  expect(card.x).toBeGreaterThanOrEqual(0);
  expect(card.x + card.width).toBeLessThanOrEqual(390);

  // A link into the console leads back to the change; the API itself refuses the session, in the caller's language.
  await page.goto('/residents');
  await expect(page).toHaveURL(/\/change-password$/);
  const direct = await page.request.get('/api/residents', { headers: { 'accept-language': 'en-US' } });
  expect(direct.status()).toBe(403);
  expect(await direct.json()).toMatchObject({ code: 'AUTH_PASSWORD_CHANGE_REQUIRED', title: 'Change your temporary password before using the system' });

  await page.getByTestId('current-password').fill('Fresh-pass-1');
  await page.getByTestId('new-password').fill('Fresh-pass-1-mine');
  await page.getByTestId('confirm-password').fill('Fresh-pass-1-mine');
  await page.getByTestId('change-password-submit').click();
  await expect(page.getByTestId('user-menu')).toBeVisible();
  await page.goto('/residents');
  await expect(page).toHaveURL(/\/residents$/);
  await expect(page.getByTestId('user-menu')).toBeVisible();
  expect(refused).toEqual([]);

  // Later, from the user menu (the dialog comes in its own chunk the first time it is opened).
  await page.getByTestId('user-menu').click();
  await page.getByTestId('menu-change-password').click();
  const dialog = page.getByRole('dialog', { name: '修改密码' });
  await dialog.getByTestId('current-password').fill('Fresh-pass-1-mine');
  await dialog.getByTestId('new-password').fill('Fresh-pass-1-again');
  await dialog.getByTestId('confirm-password').fill('Fresh-pass-1-again');
  await dialog.getByTestId('change-password-submit').click();
  await expect(dialog).toBeHidden();
  const again = await AdminApi.as(baseURL!, `fresh${s}`, 'Fresh-pass-1-again');
  await again.dispose();
});
