import { expect, test } from '@playwright/test';
import { IMPORT_COLUMNS } from '../server/src/modules/registry/resident-import.columns';
import { AdminApi, unique } from './support/api';
import { idNumber, withBadChecksum } from './support/people';
import { signIn } from './support/ui';
import { templateWorkbook } from './support/workbook';

type Row = Partial<Record<(typeof IMPORT_COLUMNS)[number]['key'], string>>;

/** An .xlsx laid out like the import template (Chinese headers, required ones marked *). */
const workbook = (rows: Row[]) => templateWorkbook(IMPORT_COLUMNS, rows, '居民');

test('an admin builds a community with a laid-out building, then imports residents: a faulty file is refused row by row, the corrected one goes in', async ({
  page,
  baseURL,
}) => {
  const api = await AdminApi.signIn(baseURL!);
  const s = unique();
  const centre = await api.place(null, 'center', `导入中心${s}`);
  const dept = await api.place(centre.id, 'department', `导入协调部${s}`);
  await api.user(`builder${s}`, '建档员', ['admin'], { all: true }, 'Builder-pass-1');
  await api.dispose();

  await signIn(page, `builder${s}`, 'Builder-pass-1');
  const community = `新村社区${s}`;

  // Build: community → compound → building, then lay the building out.
  await page.goto(`/registry/${dept.id}`);
  await page.getByTestId('place-add-child').click();
  await page.getByTestId('place-form-name').fill(community);
  await page.getByTestId('place-form-submit').click();
  await page.getByTestId('children-table').getByRole('link', { name: community }).click();
  await expect(page.getByTestId('place-title')).toHaveText(community);

  await page.getByTestId('place-add-child').click();
  await expect(page.getByTestId('place-form')).toContainText('小区');
  await page.getByTestId('place-form-name').fill('东苑');
  await page.getByTestId('place-form-submit').click();
  await page.getByTestId('children-table').getByRole('link', { name: '东苑' }).click();

  await page.getByTestId('place-add-child').click();
  await page.getByTestId('place-form-name').fill('3号楼');
  await page.getByTestId('place-form-submit').click();
  await page.getByTestId('children-table').getByRole('link', { name: '3号楼' }).click();

  await expect(page.getByTestId('place-title')).toHaveText('3号楼');
  await page.getByTestId('layout-stairwells').fill('2');
  await page.getByTestId('layout-floors').fill('6');
  await page.getByTestId('layout-flats').fill('2');
  await page.getByTestId('layout-submit').click();
  await expect(page.getByTestId('building-view')).toBeVisible();
  await expect(page.getByTestId('dwelling-grid').getByTestId('dwelling-101')).toBeVisible();
  await expect(page.getByTestId('dwelling-grid').getByTestId('dwelling-602')).toBeVisible();

  const at = (flat: string, stairwell = '1单元'): Row => ({ community, compound: '东苑', building: '3号楼', stairwell, dwelling: flat });
  const zhang = idNumber('1980-01-01', 123);
  const li = idNumber('1985-06-15', 224);
  const wang = idNumber('1990-12-31', 311);
  const zhao = idNumber('1975-03-08', 442);

  // First file: four kinds of mistakes.
  const bad = await workbook([
    { ...at('101'), householdKey: 'A', relation: '户主', name: '张三', idNumber: zhang, phone: '13800000001' },
    { ...at('101'), householdKey: 'A', relation: '配偶', name: '李四', idNumber: withBadChecksum(li), phone: '13800000002' },
    { ...at('999'), name: '王五', idNumber: wang, phone: '13800000003' },
    { ...at('201'), name: '赵六', idNumber: zhao, phone: '12345' },
    { ...at('202'), name: '张三', idNumber: zhang, phone: '13800000005' },
  ]);
  await page.getByTestId('menu-imports').click();
  await page
    .getByTestId('import-upload')
    .setInputFiles({ name: '居民-有错误.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: bad });
  await expect(page.getByTestId('import-result')).toBeVisible();
  await expect(page.getByTestId('import-commit-all')).toHaveCount(0);
  const errors = page.getByTestId('import-errors-table');
  await expect(errors).toContainText('身份证号码校验码错误');
  await expect(errors).toContainText('找不到该房屋');
  await expect(errors).toContainText('手机号码应为11位数字');
  await expect(errors).toContainText('证件号码与文件中另一行重复');
  const rowNumbers = await errors.getByTestId('import-error-row').allTextContents();
  expect(new Set(rowNumbers)).toEqual(new Set(['3', '4', '5', '6']));
  await expect(page.getByTestId('import-commit-valid')).toHaveText('仅导入正确的行（跳过 4 行）');
  await page.getByTestId('import-cancel').click();
  await expect(page.getByTestId('import-cancelled')).toBeVisible();

  // Nothing from the faulty file was imported.
  await page.goto(`/residents?q=${encodeURIComponent('张三')}`);
  await expect(page.getByTestId('residents-table')).toContainText('没有符合条件的居民');

  // Second file: the same people, corrected.
  const good = await workbook([
    { ...at('101'), householdKey: 'A', relation: '户主', name: '张三', idNumber: zhang, phone: '13800000001' },
    { ...at('101'), householdKey: 'A', relation: '配偶', name: '李四', idNumber: li, phone: '13800000002' },
    { ...at('102'), name: '王五', idNumber: wang, phone: '13800000003' },
    { ...at('201', '2单元'), name: '赵六', idNumber: zhao, phone: '13800000004' },
  ]);
  await page.getByTestId('menu-imports').click();
  await page
    .getByTestId('import-upload')
    .setInputFiles({ name: '居民.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: good });
  await expect(page.getByTestId('import-commit-all')).toBeVisible();
  await page.getByTestId('import-commit-all').click();
  await expect(page.getByTestId('import-done')).toContainText('成功导入 4 位居民');

  // "View" opens the residents of the place the file filled (its building), named in the filter.
  await page.getByTestId('import-view-residents').click();
  await expect(page.getByTestId('filter-place')).toContainText(`${community} 东苑 3号楼`);
  const table = page.getByTestId('residents-table');
  await expect(table.locator('tbody tr[data-row-key]')).toHaveCount(4);
  for (const name of ['张三', '李四', '王五', '赵六']) await expect(table.getByRole('link', { name, exact: true })).toBeVisible();
  await expect(table).toContainText(`**************${zhang.slice(-4)}`);
  await expect(table).toContainText('*******0001');
  await expect(table).not.toContainText(zhang);
});
