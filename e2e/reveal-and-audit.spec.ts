import { expect, test } from '@playwright/test';
import { AdminApi, unique } from './support/api';
import { idNumber } from './support/people';
import { signIn, signOut } from './support/ui';

test('a community worker reveals an ID number for a stated reason, and an auditor then finds that reveal in the audit log', async ({ page, baseURL }) => {
  const api = await AdminApi.signIn(baseURL!);
  const s = unique();
  const c = await api.community(`丙社区${s}`);
  const id = idNumber('1968-09-09', 913);
  const resident = await api.resident(c.flats[1]!.id, '周丙', id, '13922220003');
  await api.user(`revealer${s}`, '丙社区干事', ['community_staff'], { placeIds: [c.community] }, 'Reveal-pass-1');
  await api.user(`auditor${s}`, '审计员丙', ['auditor'], { all: true }, 'Audit-pass-1');
  await api.dispose();

  await signIn(page, `revealer${s}`, 'Reveal-pass-1');
  await page.goto(`/residents/${resident.id}`);
  await expect(page.getByTestId('masked-idNumber')).toHaveText(resident.idNumberMasked);
  await page.getByTestId('reveal-idNumber').click();
  await page.getByTestId('reveal-submit').click();
  await expect(page.getByText('请填写理由（2–200 字）')).toBeVisible();
  await page.getByTestId('reveal-reason').fill('核对返程申请人身份');
  await page.getByTestId('reveal-submit').click();
  await expect(page.getByTestId('reveal-value-idNumber')).toHaveText(id);
  const history = page.getByTestId('reveal-history');
  await expect(history).toContainText('核对返程申请人身份');
  await expect(history).toContainText('丙社区干事');
  await signOut(page);

  await signIn(page, `auditor${s}`, 'Audit-pass-1');
  await page.getByTestId('menu-audit').click();
  await page.getByTestId('audit-action').locator('input').fill('registry.resident.reveal');
  await page.getByTestId('audit-action').locator('input').press('Tab');
  const row = page.getByTestId('audit-table').locator('tbody tr', { hasText: '丙社区干事' }).first();
  await expect(row).toContainText('查看完整号码');
  await expect(row).toContainText(`#${resident.id}`);
  // The action in words only: its code is not repeated beside it.
  await expect(row).not.toContainText('registry.resident.reveal');
  await row.locator('.ant-table-row-expand-icon, button[aria-label]').first().click();
  await expect(page.getByTestId('audit-table')).toContainText('核对返程申请人身份');
  await expect(page.getByTestId('audit-table')).not.toContainText(id);
});
