import { expect, test, type Page } from '@playwright/test';
import { AdminApi, unique } from './support/api';
import { signIn } from './support/ui';

/** Walks a cascader's columns by the names along the path. */
async function pickPath(page: Page, testId: string, names: string[]) {
  await page.getByTestId(testId).click();
  for (const [i, name] of names.entries()) {
    const menu = page.locator('.ant-cascader-dropdown:visible .ant-cascader-menu').nth(i);
    await menu
      .locator('.ant-cascader-menu-item')
      .filter({ hasText: new RegExp(`^${name}$`) })
      .click();
  }
}

const maskedTail = (s: string) => [...`控甲${s}`].length;

test('a coordinator records two cases in one building, confirms the proposed building lockdown and sees it on the sealed-places map', async ({
  page,
  baseURL,
}) => {
  const s = unique();
  const api = await AdminApi.signIn(baseURL!);
  const centre = await api.place(null, 'center', `封控中心${s}`);
  const dept = await api.place(centre.id, 'department', `封控协调部${s}`);
  const community = await api.place(dept.id, 'community', `封控社区${s}`);
  const compound = await api.place(community.id, 'compound', `银泉小区${s}`);
  const building = await api.place(compound.id, 'building', '5号楼');
  const neighbour = await api.place(compound.id, 'building', '6号楼');
  await api.post(`/places/${building.id}/layout`, { stairwells: 2, floors: 2, flatsPerFloor: 2 });
  await api.post(`/places/${neighbour.id}/layout`, { stairwells: 1, floors: 2, flatsPerFloor: 2 });
  const stairwells = (await api.get<{ items: { id: number; name: string }[] }>(`/places?parentId=${building.id}`)).items;
  const flats1 = (await api.get<{ items: { id: number; name: string }[] }>(`/places?parentId=${stairwells[0]!.id}`)).items;
  const flats2 = (await api.get<{ items: { id: number; name: string }[] }>(`/places?parentId=${stairwells[1]!.id}`)).items;
  const neighbourStairwell = (await api.get<{ items: { id: number }[] }>(`/places?parentId=${neighbour.id}`)).items[0]!;
  await api.post('/residents', { dwellingId: flats1[0]!.id, name: `封控甲${s}` });
  await api.post('/residents', { dwellingId: flats2[1]!.id, name: `封控乙${s}` });
  await api.user(`cmcoord${s}`, '协调部值班员', ['department_coordinator'], { placeIds: [dept.id] }, 'Containment-pass-1');
  await api.dispose();

  await signIn(page, `cmcoord${s}`, 'Containment-pass-1');
  await page.getByTestId('menu-containmentCases').click();
  await expect(page).toHaveURL(/\/containment\/cases/);

  const names = [`封控中心${s}`, `封控协调部${s}`, `封控社区${s}`, `银泉小区${s}`, '5号楼'];
  for (const [stairwell, flat, kind, person] of [
    [stairwells[0]!, flats1[0]!, 'confirmed', `封控甲${s}`],
    [stairwells[1]!, flats2[1]!, 'confirmed', null],
  ] as const) {
    await page.getByTestId('case-record').click();
    await pickPath(page, 'case-dwelling', [...names, stairwell.name, flat.name]);
    if (person) {
      await page.getByTestId('case-resident').click();
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: person }).click();
    }
    await page.getByTestId(`case-kind-${kind}`).click();
    await page.getByTestId('case-save').click();
    await expect(page.locator('.ant-message')).toContainText('封控建议');
  }
  const table = page.getByTestId('case-table');
  await expect(table.locator('tbody tr')).toHaveCount(2);
  await expect(table).toContainText('确诊');
  // The person is shown masked: only the family name.
  await expect(table).toContainText(`封${'*'.repeat(maskedTail(s))}`);
  await expect(table).not.toContainText(`封控甲${s}`);

  await page.getByTestId('menu-containmentOrders').click();
  await page.getByTestId('order-tab-proposed').click();
  const orders = page.getByTestId('order-table');
  const proposal = orders.locator('tbody tr', { hasText: '5号楼' }).filter({ hasText: '楼栋' });
  await expect(proposal).toHaveCount(1);
  await expect(proposal).toContainText('14 天内同一楼栋累计 2 人（阈值 2 人封楼栋）');
  await expect(proposal).toContainText('后满 14 天无新增');
  // The stairwell proposed at the first case is superseded by the building.
  await expect(orders.locator('tbody tr', { hasText: '1单元' })).toHaveCount(0);
  await proposal.getByRole('button', { name: '确认封控' }).click();
  await expect(page.getByRole('dialog')).toContainText('通行证和出入通行门票在卡口将被拒绝');
  await page.getByTestId('order-decide-reason').fill('两例确诊，按规则封楼');
  await page.getByTestId('order-decide-ok').click();
  await expect(page.locator('.ant-message')).toContainText('已处理');
  await page.getByTestId('order-tab-active').click();
  await expect(orders.locator('tbody tr', { hasText: '5号楼' })).toContainText('封控中');

  await page.getByTestId('menu-containmentMap').click();
  await expect(page).toHaveURL(/\/containment\/map/);
  const block = page.getByTestId(`map-compound-${compound.id}`);
  await expect(block).toBeVisible();
  await expect(page.getByTestId(`map-building-${building.id}`)).toHaveAttribute('data-seal', 'active');
  await expect(page.getByTestId(`map-stairwell-${stairwells[0]!.id}`)).toHaveAttribute('data-seal', 'active');
  await expect(page.getByTestId(`map-building-${neighbour.id}`)).toHaveAttribute('data-seal', 'none');
  await expect(page.getByTestId(`map-stairwell-${neighbourStairwell.id}`)).toHaveAttribute('data-seal', 'none');
  await expect(page.getByTestId(`map-sealed-${compound.id}`)).toHaveText('封控 2 户 / 2 人');
  await expect(block).toContainText('距解封 14 天');

  await page.getByTestId('menu-dashboard').click();
  await expect(page.getByTestId('dash-figure-containment.sealed-active')).toHaveAttribute('data-value', '1');
  await expect(page.getByTestId('dash-figure-containment.sealed-households')).toHaveAttribute('data-value', '2');
});
