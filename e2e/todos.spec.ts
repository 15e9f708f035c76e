import { expect, test } from '@playwright/test';
import { AdminApi, unique } from './support/api';
import { signIn } from './support/ui';

/**
 * The community's first screen on a phone: 12 buildings walked daily for a week (84 to-dos) and
 * one complaint with two clocks show as two groups with their counts, not 86 rows; the walks due
 * today are completed in one go; the complaint's button opens the order.
 */
test("to-dos on a phone: grouped by kind with counts, filtered by kind, a batch completed, each row's button doing its step", async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  const api = await AdminApi.signIn(baseURL!);
  const s = unique();
  const c = await api.community(`戊社区${s}`);
  for (let n = 2; n <= 12; n++) await api.place(c.compound, 'building', `${n}号楼`);
  const pw = 'Todo-pass-1';
  const staff = (await api.user(`todo${s}`, '戊社区干事', ['community_staff'], { placeIds: [c.community] }, pw)).user.id;
  const team = await api.post<{ id: number }>('/servicedesk/teams', { name: `投诉组${s}`, placeId: c.community, leaderUserId: staff, memberUserIds: [] });
  const category = await api.post<{ id: number }>('/servicedesk/categories', {
    parentId: null,
    code: `complaint.todo.${s}`,
    name: { 'zh-CN': `物业投诉${s}`, 'en-US': `Property complaint ${s}` },
    kind: 'complaint',
    teamIds: [team.id],
    emergency: false,
    limits: { accept: { amount: 2, unit: 'working_hours' }, arrive: null, resolve: { amount: 3, unit: 'working_days' } },
    escalateAfterMinutes: 60,
    publicVisible: false,
    attributes: [],
  });
  // The walk falls due at one fixed time each day: 7 occurrences in the week ahead, whatever the hour now.
  await api.post('/obligation-rules', {
    kind: `e2e.walk${s}`,
    title: { 'zh-CN': `楼栋巡查走访${s}`, 'en-US': `Building walk ${s}` },
    placeId: c.community,
    targetType: 'building',
    responsibleRole: 'community_staff',
    recurrence: 'daily',
    interval: 1,
    times: ['23:59'],
    weekdays: [],
    startsOn: new Date(Date.now() - 86400000).toISOString().slice(0, 10),
    active: true,
  });
  await api.dispose();
  const asStaff = await AdminApi.as(baseURL!, `todo${s}`, pw);
  const order = await asStaff.post<{ id: number }>('/servicedesk/orders', {
    categoryId: category.id,
    description: '楼道堆放杂物无人清理',
    dwellingId: c.flats[0]!.id,
  });
  const before = await asStaff.get<{ counts: { open: number }; groups: { kind: string; count: number; manualDueByToday: number }[] }>('/todos');
  await asStaff.dispose();
  const walks = before.groups.find((g) => g.kind === `e2e.walk${s}`)!;
  expect(walks.count).toBe(84);
  expect(before.counts.open).toBe(85);
  const dueToday = walks.manualDueByToday;

  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  const page = await context.newPage();
  await signIn(page, `todo${s}`, `${pw}-new`); // the API client above chose its own password already
  await page.goto('/todos');

  // Two groups with their counts; no row is drawn until a group is opened.
  const walkGroup = page.getByTestId(`todo-group-e2e.walk${s}`);
  const orderGroup = page.getByTestId('todo-group-servicedesk.accept');
  await expect(walkGroup).toHaveAttribute('data-count', '84');
  await expect(walkGroup).toContainText(`楼栋巡查走访${s}`);
  await expect(orderGroup).toHaveAttribute('data-count', '1');
  await expect(orderGroup).toContainText('待受理工单');
  await expect(page.getByTestId('todo-row')).toHaveCount(0);
  await expect(page.getByTestId('todo-count-open')).toContainText('85');
  // The groups fit a phone's width (the side menu is a drawer there).
  expect(await page.getByTestId('todo-groups').evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);

  // Filter by kind: only the walks, ten a page, each with its tick-off button.
  await page.getByTestId('todo-kind-filter').click();
  await page
    .locator('.ant-select-item-option')
    .filter({ hasText: `楼栋巡查走访${s}（84）` })
    .click();
  await expect(page).toHaveURL(new RegExp(`kind=e2e\\.walk${s}`));
  await expect(orderGroup).toHaveCount(0);
  const rows = page.getByTestId(`todo-group-list-e2e.walk${s}`).getByTestId('todo-row');
  await expect(rows).toHaveCount(10);
  await expect(rows.getByTestId('todo-complete')).toHaveCount(10);
  await page.screenshot({ path: `${test.info().outputDir}/todos-phone-walks.png`, fullPage: true });

  // Complete every walk due today in one go (12 buildings, if today's 23:59 is still ahead).
  if (dueToday > 0) {
    expect(dueToday).toBe(12);
    await walkGroup.getByTestId('todo-complete-group').click();
    await page.getByTestId('todo-complete-group-ok').click();
    await expect(walkGroup).toHaveAttribute('data-count', '72');
  }
  // One row ticked off by its own button.
  const left = dueToday > 0 ? 72 : 84;
  await rows.first().getByTestId('todo-complete').click();
  await expect(walkGroup).toHaveAttribute('data-count', String(left - 1));

  // The complaint: one row (not one per limit), whose button opens the order itself.
  await page.getByTestId('todo-kind-filter').click();
  await page.locator('.ant-select-item-option').filter({ hasText: '待受理工单（1）' }).click();
  const orderRows = page.getByTestId('todo-group-list-servicedesk.accept').getByTestId('todo-row');
  await expect(orderRows).toHaveCount(1);
  await expect(orderRows.getByTestId('todo-complete')).toHaveCount(0);
  await orderRows.getByTestId('todo-open').click();
  await expect(page).toHaveURL(new RegExp(`/servicedesk/orders/${order.id}$`));
  await context.close();
});
