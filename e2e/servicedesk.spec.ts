import fs from 'node:fs';
import { expect, request, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { AdminApi, apiSignIn, unique } from './support/api';
import { idNumber } from './support/people';
import { signIn } from './support/ui';

/** A 1×1 PNG: the photo a resident takes of the leak. */
const PHOTO = {
  name: 'leak.png',
  mimeType: 'image/png',
  buffer: Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64'),
};
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' };

/** Contexts a test opens besides its own page's; closed after the test so none stays connected. */
const contexts: BrowserContext[] = [];
test.afterEach(async () => {
  for (const c of contexts.splice(0)) await c.close();
});

async function newPage(browser: Browser, options: Parameters<Browser['newContext']>[0] = {}) {
  const ctx = await browser.newContext(options);
  contexts.push(ctx);
  return ctx.newPage();
}
const phonePage = (browser: Browser) => newPage(browser, PHONE);

/** Signs a resident in on the phone with the code from the SMS outbox. */
async function residentSignIn(page: Page, phone: string) {
  await page.goto('/login');
  await page.getByTestId('tab-resident').click();
  await page.getByTestId('otp-phone').fill(phone);
  const before = fs.existsSync(process.env.JIAYUAN_SMS_OUTBOX!) ? fs.readFileSync(process.env.JIAYUAN_SMS_OUTBOX!, 'utf8').length : 0;
  await page.getByTestId('otp-send').click();
  let code = '';
  await expect
    .poll(() => {
      const text = fs.existsSync(process.env.JIAYUAN_SMS_OUTBOX!) ? fs.readFileSync(process.env.JIAYUAN_SMS_OUTBOX!, 'utf8').slice(before) : '';
      code = /验证码是(\d{6})/.exec(text)?.[1] ?? '';
      return code;
    })
    .toMatch(/^\d{6}$/);
  await page.getByTestId('otp-code').fill(code);
  await page.getByTestId('otp-submit').click();
  await expect(page.getByTestId('resident-home')).toBeVisible();
}

async function pickOption(page: Page, testId: string, text: string) {
  await page.getByTestId(testId).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text }).first().click();
}

/** A district with a desk, a repair team and a resident; returns who is who. */
async function district(api: AdminApi, s: string) {
  const c = await api.community(`热线社区${s}`);
  const pw = 'Desk-pass-12';
  const ids: Record<string, number> = {};
  for (const [key, name, roles, place] of [
    ['desk', '热线话务员', ['property_staff'], c.community],
    ['leader', '维修班长', ['property_staff'], c.community],
    ['repairer', '张师傅', ['property_staff'], c.community],
    ['coordinator', '协调部督办', ['department_coordinator'], c.department],
  ] as const) {
    ids[key] = (await api.user(`${key}${s}`, `${name}${s}`, [...roles], { placeIds: [place] }, pw)).user.id;
  }
  const team = await api.post<{ id: number }>('/servicedesk/teams', {
    name: `维修班${s}`,
    placeId: c.community,
    leaderUserId: ids.leader,
    memberUserIds: [ids.repairer],
  });
  return { c, pw, ids, team: team.id };
}

test('a resident reports a leak with a photo on the phone; the board shows it live; the repairer fixes it on the phone; the resident rates it; the figures move', async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const api = await AdminApi.signIn(baseURL!);
  const s = unique();
  const d = await district(api, s);
  await api.repairCategory(`water.leak.${s}`, { 'zh-CN': `水管漏水${s}`, 'en-US': `Water leak ${s}` }, [d.team]);
  const phone = `139${String(Date.now()).slice(-8)}`;
  await api.resident(d.c.flats[0]!.id, `报修人${s}`, idNumber('1960-03-04', (Number(s.slice(-2).replace(/\D/g, '7')) % 900) + 1), phone);
  await api.dispose();

  // The coordinator's figures before.
  const coordinator = await request.newContext({ baseURL });
  await apiSignIn(coordinator, `coordinator${s}`, d.pw);
  const figures = async () =>
    (await (await coordinator.get('/api/servicedesk/figures?groupBy=team')).json()) as {
      totals: { orders: number };
      rows: { key: string; firstVisitFix: number | null; satisfaction: number | null }[];
    };
  const before = await figures();

  // The hotline desk keeps the board open.
  await signIn(page, `desk${s}`, d.pw);
  await page.goto('/servicedesk');
  await expect(page.getByTestId('board-new')).toBeVisible();
  await page.evaluate(() => ((globalThis as unknown as { marker: string }).marker = 'same page'));

  // The resident reports on the phone, with a photo.
  const phonePg = await phonePage(browser);
  await residentSignIn(phonePg, phone);
  await phonePg.getByTestId('resident-report').click();
  await expect(phonePg.getByTestId('resident-dwelling')).toContainText('热线社区');
  await pickOption(phonePg, 'resident-category', `水管漏水${s}`);
  await phonePg.getByTestId('resident-description').fill('厨房水管漏水，地面积水');
  await phonePg.getByTestId('resident-photo-input').setInputFiles(PHOTO);
  await phonePg.getByTestId('resident-submit').click();
  await phonePg.waitForURL(/\/resident\/orders\/\d+/);
  const id = Number(/orders\/(\d+)/.exec(phonePg.url())![1]);
  await expect(phonePg.getByTestId('order-photo')).toHaveCount(1);

  // The board shows it without a reload (its own polling is a minute apart).
  const line = page.getByTestId('board-new').locator(`[data-order-id="${id}"]`);
  await expect(line).toBeVisible({ timeout: 10_000 });
  expect(await page.evaluate(() => (globalThis as unknown as { marker: string }).marker)).toBe('same page');

  // Dispatch to the repairer.
  await line.getByRole('link').click();
  await expect(page.getByTestId('order-title')).toContainText(`#${id}`);
  await page.getByTestId('action-dispatch').click();
  await pickOption(page, 'dispatch-assignee', `张师傅${s}`);
  await page.getByTestId('action-confirm').click();
  await expect(page.getByTestId('order-status')).toHaveAttribute('data-status', 'dispatched');
  await expect(page.getByTestId('order-owner')).toContainText(`热线话务员${s}`);

  // The repairer works it on the phone: accept, on site, photo, resolved.
  const field = await phonePage(browser);
  await signIn(field, `repairer${s}`, d.pw);
  await field.goto('/field');
  await field.getByTestId('field-mine').locator(`[data-order-id="${id}"]`).getByRole('link').click();
  await expect(field.getByTestId('order-description')).toHaveText('厨房水管漏水，地面积水');
  // The repairer is offered their own steps only: dispatching and cancelling are the desk's.
  const toast = (text: string) => field.locator('.ant-message-notice').filter({ hasText: text });
  await expect(field.getByTestId('action-accept')).toBeVisible();
  await expect(field.getByTestId('action-dispatch')).toHaveCount(0);
  await expect(field.getByTestId('action-cancel')).toHaveCount(0);
  await field.getByTestId('action-accept').click();
  await expect(field.getByTestId('order-status')).toHaveAttribute('data-status', 'accepted');
  await expect(toast('已接单')).toBeVisible();
  await expect(field.getByTestId('action-arrive')).toBeVisible();
  await expect(field.getByTestId('action-dispatch')).toHaveCount(0);
  await expect(field.getByTestId('action-cancel')).toHaveCount(0);
  await expect(field.getByTestId('action-transfer')).toHaveCount(0);
  await field.getByTestId('action-arrive').click();
  await expect(field.getByTestId('order-status')).toHaveAttribute('data-status', 'on_site');
  await expect(toast('已到场')).toBeVisible();
  await field.getByTestId('field-photo-input').setInputFiles(PHOTO);
  await expect(field.getByTestId('order-photo')).toHaveCount(2);
  // In English the toast names the step too.
  await field.getByTestId('lang-en').click();
  await field.getByTestId('action-resolve').click();
  await field.getByTestId('resolve-work').fill('更换三通接头');
  await field.getByTestId('action-confirm').click();
  await expect(field.getByTestId('order-status')).toHaveAttribute('data-status', 'resolved');
  await expect(toast('Marked as dealt with')).toBeVisible();
  await field.getByTestId('lang-zh').click();

  // The desk's open page follows.
  await expect(page.getByTestId('order-status')).toHaveAttribute('data-status', 'resolved');

  // The resident rates it.
  await phonePg.goto(`/resident/orders/${id}`);
  await expect(phonePg.getByTestId('resident-rate')).toBeVisible();
  await phonePg.getByTestId('resident-confirm').click();
  await expect(phonePg.getByTestId('order-status')).toHaveAttribute('data-status', 'closed');

  const after = await figures();
  expect(after.totals.orders).toBe(before.totals.orders + 1);
  const row = after.rows.find((r) => r.key === String(d.team))!;
  expect(row).toMatchObject({ firstVisitFix: 1, satisfaction: 5 });
  await coordinator.dispose();
});

test("a complaint transferred to the department's team keeps its owner, and stays with the first team until the other accepts", async ({
  page,
  browser,
  baseURL,
}) => {
  const api = await AdminApi.signIn(baseURL!);
  const s = unique();
  const a = await api.community(`投诉甲社区${s}`);
  const pw = 'Desk-pass-12';
  const desk = (await api.user(`cdesk${s}`, `首问人${s}`, ['community_staff'], { placeIds: [a.community] }, pw)).user.id;
  const other = (await api.user(`cother${s}`, `乙部接收人${s}`, ['community_staff'], { placeIds: [a.department] }, pw)).user.id;
  const teamA = await api.post<{ id: number }>('/servicedesk/teams', { name: `甲部投诉组${s}`, placeId: a.community, leaderUserId: desk, memberUserIds: [] });
  // The department's team serves every community of the department, so it may take the order over.
  await api.post('/servicedesk/teams', { name: `乙部投诉组${s}`, placeId: a.department, leaderUserId: null, memberUserIds: [other] });
  await api.post('/servicedesk/categories', {
    parentId: null,
    code: `complaint.fee.${s}`,
    name: { 'zh-CN': `物业收费投诉${s}`, 'en-US': `Fee complaint ${s}` },
    kind: 'complaint',
    teamIds: [teamA.id],
    limits: { accept: { amount: 2, unit: 'working_hours' }, arrive: null, resolve: { amount: 5, unit: 'working_days' } },
    attributes: [],
  });
  await api.dispose();

  await signIn(page, `cdesk${s}`, pw);
  await page.goto('/servicedesk');
  await page.getByTestId('new-call').click();
  await page.getByTestId('intake-phone').fill('13700009999');
  await page.getByTestId('intake-lookup').click();
  await pickOption(page, 'intake-category', `物业收费投诉${s}`);
  await page.getByTestId('intake-description').fill('收费标准没有公示');
  await page.getByLabel(/地址/).fill('投诉甲社区小区 1号楼');
  await page.getByTestId('intake-submit').click();
  await page.waitForURL(/\/servicedesk\/orders\/\d+/);
  const id = Number(/orders\/(\d+)/.exec(page.url())![1]);
  await expect(page.getByTestId('order-owner')).toContainText(`首问人${s}`);

  await page.getByTestId('action-transfer').click();
  await pickOption(page, 'transfer-team', `乙部投诉组${s}`);
  await page.getByTestId('action-reason').fill('涉及多个小区，由协调部专班办理');
  await page.getByTestId('action-confirm').click();
  await expect(page.getByTestId('order-transfer')).toContainText(`乙部投诉组${s}`);
  // Still ours until they accept: the team and the owner are unchanged.
  await expect(page.getByText(`甲部投诉组${s}`).first()).toBeVisible();
  await expect(page.getByTestId('order-owner')).toContainText(`首问人${s}`);

  const otherPage = await newPage(browser);
  await signIn(otherPage, `cother${s}`, pw);
  await otherPage.goto(`/servicedesk/orders/${id}`);
  await expect(otherPage.getByTestId('order-owner')).toContainText(`首问人${s}`);
  await otherPage.getByTestId('action-acceptTransfer').click();
  await expect(otherPage.getByTestId('order-transfer')).toHaveCount(0);
  await expect(otherPage.getByText(`乙部投诉组${s}`).first()).toBeVisible();
  // The owner is still the person who took the call.
  await expect(otherPage.getByTestId('order-owner')).toContainText(`首问人${s}`);
  await expect(page.getByTestId('order-owner')).toContainText(`首问人${s}`);
});

test('a complaint whose resolution limit spans a holiday is due on the right working day', async ({ page, baseURL }) => {
  const api = await AdminApi.signIn(baseURL!);
  const s = unique();
  const c = await api.community(`节假日社区${s}`);
  const pw = 'Desk-pass-12';
  await api.user(`hdesk${s}`, `节日值班${s}`, ['community_staff'], { placeIds: [c.community] }, pw);
  const team = await api.post<{ id: number }>('/servicedesk/teams', { name: `节日投诉组${s}`, placeId: c.community, leaderUserId: null, memberUserIds: [] });
  await api.post('/servicedesk/categories', {
    parentId: null,
    code: `complaint.holiday.${s}`,
    name: { 'zh-CN': `节日投诉${s}`, 'en-US': `Holiday complaint ${s}` },
    kind: 'complaint',
    teamIds: [team.id],
    limits: { accept: null, arrive: null, resolve: { amount: 2, unit: 'working_days' } },
    attributes: [],
  });
  // The administrator enters a three-day holiday starting tomorrow (as for a holiday the national
  // schedule does not cover yet); the limit of two working days must skip it.
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  const plus = (n: number) => new Date(Date.parse(`${today}T00:00:00Z`) + n * 86400000).toISOString().slice(0, 10);
  const holiday = [plus(1), plus(2), plus(3)];
  for (const date of holiday) await api.send('PUT', '/calendar/overrides', { date, workday: false, note: '节日' });
  try {
    const days = (await api.get<{ days: { date: string; workday: boolean }[] }>(`/calendar?from=${plus(1)}&to=${plus(30)}`)).days;
    const expected = days.filter((x) => x.workday)[1]!.date;
    expect(expected > holiday[2]!).toBe(true);

    await signIn(page, `hdesk${s}`, pw);
    await page.goto('/servicedesk');
    await page.getByTestId('new-call').click();
    await pickOption(page, 'intake-category', `节日投诉${s}`);
    await page.getByTestId('intake-description').fill('节前投诉，节后办结');
    await page.getByLabel(/地址/).fill('节假日社区 1号楼');
    await page.getByTestId('intake-submit').click();
    await page.waitForURL(/\/servicedesk\/orders\/\d+/);
    const due = await page.getByTestId('clock-resolve').getAttribute('data-due');
    expect(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(due!))).toBe(expected);
    await expect(page.getByTestId('order-clocks')).toContainText(expected);
  } finally {
    const cleanup = await AdminApi.signIn(baseURL!);
    for (const date of holiday) await cleanup.send('DELETE', `/calendar/overrides/${date}`);
    await cleanup.dispose();
    await api.dispose();
  }
});

test('an overdue complaint escalates to the team leader and the department, and lands in the accountability record', async ({ page, baseURL }) => {
  // The first-response limit is one minute; the server checks every few seconds.
  test.setTimeout(180_000);
  const api = await AdminApi.signIn(baseURL!);
  const s = unique();
  const c = await api.community(`超时社区${s}`);
  const pw = 'Desk-pass-12';
  const owner = (await api.user(`odesk${s}`, `超时首问${s}`, ['community_staff'], { placeIds: [c.community] }, pw)).user.id;
  const leader = (await api.user(`olead${s}`, `投诉组长${s}`, ['community_staff'], { placeIds: [c.community] }, pw)).user.id;
  await api.user(`odept${s}`, `协调部督办${s}`, ['department_coordinator'], { placeIds: [c.department] }, pw);
  const team = await api.post<{ id: number }>('/servicedesk/teams', { name: `超时投诉组${s}`, placeId: c.community, leaderUserId: leader, memberUserIds: [] });
  const cat = await api.post<{ id: number }>('/servicedesk/categories', {
    parentId: null,
    code: `complaint.fast.${s}`,
    name: { 'zh-CN': `噪音投诉${s}`, 'en-US': `Noise complaint ${s}` },
    kind: 'complaint',
    teamIds: [team.id],
    limits: { accept: { amount: 1, unit: 'clock_minutes' }, arrive: null, resolve: { amount: 3, unit: 'working_days' } },
    escalateAfterMinutes: 0,
    attributes: [],
  });
  await api.dispose();
  expect(owner).toBeGreaterThan(0);

  const desk = await request.newContext({ baseURL });
  const csrf = await apiSignIn(desk, `odesk${s}`, pw);
  const created = await desk.post('/api/servicedesk/orders', {
    data: { categoryId: cat.id, description: '夜间施工噪音', address: '超时社区 1号楼' },
    headers: { 'x-csrf-token': csrf },
  });
  expect(created.status()).toBe(201);
  const id = ((await created.json()) as { id: number }).id;
  await desk.dispose();

  await signIn(page, `odept${s}`, pw);
  await expect
    .poll(
      async () =>
        ((await (await page.request.get('/api/notifications')).json()) as { items: { title: { 'zh-CN': string } }[] }).items.some((n) =>
          n.title['zh-CN'].includes(`#${id}`),
        ),
      { timeout: 120_000, intervals: [2000] },
    )
    .toBe(true);
  await page.goto('/servicedesk/accountability');
  const row = page.getByTestId('breaches-table').locator('tr', { hasText: `#${id}` });
  await expect(row).toBeVisible();
  await expect(row.getByTestId('breach-holder')).toHaveText(`超时首问${s}`);
  await expect(page.getByTestId('breaches-people')).toContainText(`超时首问${s}`);
  // Every column has a header: the first says whose figures they are.
  await expect(page.getByTestId('breaches-people').locator('thead th').first()).toHaveText('责任人');
  await expect(page.getByTestId('breaches-teams').locator('thead th').first()).toHaveText('班组');

  // The team leader was told at once too.
  const lead = await request.newContext({ baseURL });
  await apiSignIn(lead, `olead${s}`, pw);
  const notes = (await (await lead.get('/api/notifications')).json()) as { items: { kind: string }[] };
  expect(notes.items.map((n) => n.kind)).toContain('servicedesk.overdue');
  await lead.dispose();
});
