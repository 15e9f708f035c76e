import { expect, test } from '@playwright/test';
import { AdminApi, unique } from './support/api';
import { idNumber } from './support/people';
import { signIn } from './support/ui';

/**
 * A review past its deadline escalates to the department coordinator, whose open page hears of
 * it live. The community's review deadline is set to one minute (its own settings), and the
 * server checks for escalations every few seconds. The spec makes its own centre and community.
 */
test('a review left past its deadline escalates to the department coordinator', async ({ page, baseURL }) => {
  test.setTimeout(180_000);
  const s = unique();
  const admin = await AdminApi.signIn(baseURL!);
  const c = await admin.community(`敬业社区${s}`);
  const pw = 'Esc-pass-1234';
  await admin.user(`coord${s}`, '协调部专班', ['department_coordinator'], { placeIds: [c.department] }, pw);
  await admin.user(`late${s}`, '居委会干事', ['community_staff'], { placeIds: [c.community] }, pw);
  await admin.dispose();

  const coord = await AdminApi.as(baseURL!, `coord${s}`, pw);
  await coord.put(`/inbound/settings/${c.community}`, {
    routeMinutes: 15,
    reviewMinutes: 1,
    notifyMinutes: 120,
    arrivalGraceDays: 1,
    defaultObservationDays: 14,
  });
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  let r = await coord.post<{ id: number; version: number; reference: string }>('/inbound/requests', {
    name: `逾期${s}`,
    idNumber: idNumber('1990-02-02', 400 + Math.floor(Math.random() * 500)),
    phone: '13700001111',
    dwellingId: c.flats[1]!.id,
    fromCity: '武汉',
    fromRisk: 'high',
    plannedArrival: today,
    health: { symptoms: [], contactWithCase: false },
  });
  r = await coord.post(`/inbound/requests/${r.id}/route`, { version: r.version });

  // The API client above chose the coordinator's own password (`<temporary>-new`).
  await signIn(page, `coord${s}`, `${pw}-new`);
  await page.goto('/inbound?queue=all');
  await expect(page.getByTestId(`inbound-open-${r.id}`)).toBeVisible();
  await expect(page.getByTestId('notification-badge')).toHaveAttribute('data-count', '0');

  // Nobody reviews it. A minute later the escalation reaches the coordinator's open page.
  await expect(page.getByTestId('notification-badge')).not.toHaveAttribute('data-count', '0', { timeout: 120_000 });
  await page.getByTestId('notification-bell').click();
  await expect(page.getByTestId('notification-list')).toContainText(`逾期未办：审核返程申请 ${r.reference}`);
  // The queue shows the request's clock as overdue.
  await expect(page.getByTestId('inbound-table').locator('tr.jy-row-overdue')).toContainText(`逾期${s}`);
  await coord.dispose();
});
