import { expect, test, type Page } from '@playwright/test';
import { AdminApi, unique } from './support/api';
import { signIn } from './support/ui';

/** The two dates a range picker shows, as its inputs hold them. */
async function pickerRange(page: Page) {
  return [await page.getByRole('textbox', { name: '开始日期' }).inputValue(), await page.getByRole('textbox', { name: '结束日期' }).inputValue()] as const;
}

/**
 * The service desk's figures as a coordinator reads them: the subtitle names the range the date
 * picker shows (both the default and a chosen one), a chart is drawn (ECharts loaded for this page
 * only), the export carries the same range, and a team's count opens exactly that team's orders.
 */
test('service desk figures: one range in picker and subtitle, a chart, Excel of the same range, a count drilling down to its orders', async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const api = await AdminApi.signIn(baseURL!);
  const s = unique();
  const c = await api.community(`己社区${s}`);
  const pw = 'Figures-pass-1';
  const desk = (await api.user(`figdesk${s}`, '己社区话务员', ['property_staff'], { placeIds: [c.community] }, pw)).user.id;
  await api.user(`figcoord${s}`, '己协调部督办', ['department_coordinator'], { placeIds: [c.department] }, pw);
  const team = await api.post<{ id: number }>('/servicedesk/teams', { name: `维修班${s}`, placeId: c.community, leaderUserId: desk, memberUserIds: [] });
  const category = await api.repairCategory(`fig.leak.${s}`, { 'zh-CN': `漏水${s}`, 'en-US': `Leak ${s}` }, [team.id]);
  await api.dispose();
  const asDesk = await AdminApi.as(baseURL!, `figdesk${s}`, pw);
  const orders = [];
  for (const d of ['厨房漏水', '卫生间漏水'])
    orders.push((await asDesk.post<{ id: number }>('/servicedesk/orders', { categoryId: category.id, description: d, dwellingId: c.flats[0]!.id })).id);
  await asDesk.dispose();

  await signIn(page, `figcoord${s}`, pw);
  await page.goto('/servicedesk/figures?groupBy=team');
  // The default period (the last twelve months): the picker shows what the subtitle says.
  await expect(page.getByTestId('figures-subtitle')).toContainText(' 至 ');
  const [from, to] = (await pickerRange(page)) as [string, string];
  expect(from).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  await expect(page.getByTestId('figures-subtitle')).toContainText(`${from} 至 ${to}`);
  await expect(page.getByTestId('figures-export')).toHaveAttribute('href', new RegExp(`from=${from}&to=${to}`));
  // The team's bars and its ranking are drawn.
  await expect(page.getByTestId('figures-chart').locator('svg')).toBeVisible();
  // No order is resolved yet: the ranking of on-time resolution says so rather than drawing an empty axis.
  await expect(page.getByTestId('figures-ranking')).toContainText('暂无数据');

  // A chosen period: picker, subtitle and export follow it together.
  await page.goto(`/servicedesk/figures?groupBy=team&from=${to.slice(0, 8)}01&to=${to}`);
  await expect(page.getByTestId('figures-subtitle')).toContainText(`${to.slice(0, 8)}01 至 ${to}`);
  expect(await pickerRange(page)).toEqual([`${to.slice(0, 8)}01`, to]);
  await expect(page.getByTestId('figures-export')).toHaveAttribute('href', new RegExp(`from=${to.slice(0, 8)}01&to=${to}`));

  // The team's count leads to exactly its two orders.
  const count = page.getByTestId(`drill-orders-${team.id}`);
  await expect(count).toHaveText('2');
  await count.click();
  await expect(page).toHaveURL(/\/servicedesk\/orders\?/);
  await expect(page.getByTestId('orders-drill')).toContainText(`维修班${s}`);
  await expect(page.getByTestId('orders-drill')).toContainText('2');
  const ids = await page.getByTestId('orders-table').locator('tbody tr a').allTextContents();
  expect(ids.sort()).toEqual(orders.map((id) => `#${id}`).sort());

  // On a phone the chart is drawn within the page's width.
  const phone = await browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  const p = await phone.newPage();
  await signIn(p, `figcoord${s}`, `${pw}-new`);
  await p.goto('/servicedesk/figures?groupBy=day');
  const svg = p.getByTestId('figures-chart').locator('svg');
  await expect(svg).toBeVisible();
  const box = await svg.boundingBox();
  expect(box!.width).toBeLessThanOrEqual(390);
  await phone.close();
});

test("ECharts is not part of the console's first load", async ({ page, baseURL }) => {
  const loaded: string[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('.js')) loaded.push(r.url());
  });
  await page.goto(`${baseURL}/login`);
  await expect(page.getByTestId('login-username')).toBeVisible();
  expect(loaded.length).toBeGreaterThan(0);
  expect(loaded.filter((u) => /EChart/i.test(u))).toEqual([]);
});
