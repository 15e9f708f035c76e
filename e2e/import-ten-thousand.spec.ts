import ExcelJS from '../server/src/platform/excel/exceljs';
import { expect, test } from '@playwright/test';
import { IMPORT_COLUMNS } from '../server/src/modules/registry/resident-import.columns';
import { AdminApi, unique } from './support/api';
import { idNumber } from './support/people';
import { signIn, signOut } from './support/ui';

const ROWS = 10_000;

test('a new admin imports 10,000 residents from Excel, and a community worker then sees exactly that community, masked', async ({ page, baseURL }) => {
  test.setTimeout(300_000);
  const api = await AdminApi.signIn(baseURL!);
  const s = unique();
  const centre = await api.place(null, 'center', `万人中心${s}`);
  const dept = await api.place(centre.id, 'department', `万人协调部${s}`);
  const community = await api.place(dept.id, 'community', `万人社区${s}`);
  const other = await api.community(`邻近社区${s}`, { centre: centre.id });
  const compound = await api.place(community.id, 'compound', '幸福小区');
  const building = await api.place(compound.id, 'building', '8号楼');
  // 20 stairwells × 42 floors × 12 flats = 10,080 flats.
  await api.post(`/places/${building.id}/layout`, { stairwells: 20, floors: 42, flatsPerFloor: 12 });
  await api.resident(other.flats[0]!.id, '邻居甲', idNumber('1970-07-07', 777), '13911110000');
  await api.user(`bulk${s}`, '建档管理员', ['admin'], { all: true }, 'Bulk-pass-1');
  await api.user(`worker${s}`, '万人社区干事', ['community_staff'], { placeIds: [community.id] }, 'Worker-pass-1');
  await api.dispose();

  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('居民');
  ws.addRow(IMPORT_COLUMNS.map((c) => c.zh));
  for (let i = 0; i < ROWS; i++) {
    const stairwell = Math.floor(i / 504) + 1;
    const floor = Math.floor((i % 504) / 12) + 1;
    const flat = (i % 12) + 1;
    // Born 2000–2019: no other journey registers anyone born then, so no row collides with a resident they made
    // (a collision is refused as already registered, as it should be); the serial makes each row's number unique.
    const birth = `20${String(i % 20).padStart(2, '0')}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`;
    ws.addRow([
      `万人社区${s}`,
      '幸福小区',
      '8号楼',
      `${stairwell}单元`,
      `${floor}${String(flat).padStart(2, '0')}`,
      '',
      '户主',
      `居民${i}`,
      '居民身份证',
      idNumber(birth, i % 1000),
      `137${String(i).padStart(8, '0')}`,
      '',
      i % 10 === 0 ? '党员' : '',
      '',
    ]);
  }
  const file = Buffer.from(await wb.xlsx.writeBuffer());

  await signIn(page, `bulk${s}`, 'Bulk-pass-1');
  await page.getByTestId('menu-imports').click();
  await page
    .getByTestId('import-upload')
    .setInputFiles({ name: '万人名册.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: file });
  await expect(page.getByTestId('import-commit-all')).toBeVisible({ timeout: 120_000 });
  await page.getByTestId('import-commit-all').click();
  await expect(page.getByTestId('import-done')).toContainText(`成功导入 ${ROWS} 位居民`, { timeout: 120_000 });
  await signOut(page);

  await signIn(page, `worker${s}`, 'Worker-pass-1');
  await page.goto('/residents');
  const table = page.getByTestId('residents-table');
  await expect(page.getByText(`共 ${ROWS} 条`)).toBeVisible();
  await expect(table).toContainText('*******0000');
  await expect(table).not.toContainText('邻居甲');
  await expect(table).not.toContainText('13700000000');
});
