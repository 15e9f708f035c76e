import { expect, test } from '@playwright/test';
import { AdminApi, unique } from './support/api';
import { idNumber } from './support/people';
import { signIn } from './support/ui';

test("a community worker sees only their own community's residents, masked, and another community's resident is simply not found", async ({
  page,
  baseURL,
}) => {
  const api = await AdminApi.signIn(baseURL!);
  const s = unique();
  const a = await api.community(`甲社区${s}`);
  const b = await api.community(`乙社区${s}`, { centre: a.centre });
  const ours = await api.resident(a.flats[0]!.id, '孙甲', idNumber('1970-05-05', 511), '13911110001');
  const theirs = await api.resident(b.flats[0]!.id, '钱乙', idNumber('1972-07-07', 712), '13911110002');
  await api.user(`worker${s}`, '甲社区干事', ['community_staff'], { placeIds: [a.community] }, 'Worker-pass-1');
  await api.dispose();

  await signIn(page, `worker${s}`, 'Worker-pass-1');
  await page.getByTestId('menu-residents').click();
  const table = page.getByTestId('residents-table');
  await expect(table.getByRole('link', { name: '孙甲', exact: true })).toBeVisible();
  await expect(table).not.toContainText('钱乙');
  await expect(table).toContainText(ours.idNumberMasked);
  await expect(table).toContainText('*******0001');

  // Searching by the other resident's full ID number finds nothing either.
  await page.getByTestId('filter-q').locator('input').fill(idNumber('1972-07-07', 712));
  await page.getByTestId('filter-q').locator('input').press('Enter');
  await expect(table).toContainText('没有符合条件的居民');

  await page.goto(`/residents/${theirs.id}`);
  await expect(page.getByTestId('not-found')).toHaveText('找不到该记录，或您无权查看');

  await page.goto(`/residents/${ours.id}`);
  await expect(page.getByTestId('resident-name')).toHaveText('孙甲');
});
