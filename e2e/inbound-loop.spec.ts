import { chromium, expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { AdminApi, unique } from './support/api';
import { qrVideo } from './support/camera';
import { idNumber } from './support/people';
import { signIn } from './support/ui';

/**
 * Seed 000: a liaison asks for an employee to come back; the department routes, the committee
 * approves, the liaison sees it at once and prints the notice; on arrival staff scan its QR code,
 * home observation opens, two readings (one 37.8 °C alerts), and the person is released.
 * The spec makes its own centre, department and community, so it shares nothing with others.
 */
/**
 * Confirms the open step's dialog and waits for the request to reach `status`. On a loaded machine
 * a click can land while the dialog is still opening and do nothing: click again, as a person would.
 */
async function confirmStep(page: Page, status: string) {
  await expect(async () => {
    if (await page.getByTestId('step-confirm').isVisible()) await page.getByTestId('step-confirm').click({ timeout: 3_000 });
    await expect(page.getByTestId('request-status')).toHaveAttribute('data-status', status, { timeout: 3_000 });
  }).toPass({ timeout: 30_000 });
}

/** Every party works in its own browser context; closed after the test so none stays connected. */
const contexts: BrowserContext[] = [];
test.afterEach(async () => {
  for (const c of contexts.splice(0)) await c.close();
});

test('the six-step loop from the liaison’s request to release from home observation', async ({ browser, baseURL }) => {
  test.setTimeout(420_000); // a second liaison signs in too (the foreign-request check); the machine may be loaded
  const s = unique();
  const admin = await AdminApi.signIn(baseURL!);
  const c = await admin.community(`荟萃社区${s}`);
  const employer = await admin.post<{ id: number }>('/employers', { name: `渤海钻井${s}` });
  const person = await admin.post<{ id: number }>('/residents', {
    dwellingId: c.flats[0]!.id,
    name: `季师傅${s}`,
    idNumber: idNumber('1980-03-18', 300 + Math.floor(Math.random() * 600)),
    phone: null,
    employerId: employer.id,
  });
  const pw = 'Loop-pass-123';
  await admin.user(`liaison${s}`, '单位联络员', ['employer_liaison'], { employerIds: [employer.id] }, pw);
  await admin.user(`dept${s}`, '协调部金春花', ['department_coordinator'], { placeIds: [c.department] }, pw);
  await admin.user(`staff${s}`, '居委会王雷', ['community_staff'], { placeIds: [c.community] }, pw);
  await admin.user(`health${s}`, '卫生站医务员', ['health_worker'], { placeIds: [c.community] }, pw);
  const otherEmployer = await admin.post<{ id: number }>('/employers', { name: `胜利采油${s}` });
  await admin.user(`other${s}`, '别家联络员', ['employer_liaison'], { employerIds: [otherEmployer.id] }, pw);
  await admin.dispose();

  const open = async (username: string, b: Browser = browser) => {
    const ctx = await b.newContext({ baseURL, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1360, height: 860 } });
    contexts.push(ctx);
    const page = await ctx.newPage();
    await signIn(page, username, pw);
    return page;
  };

  // 1. The liaison submits the request for the employee.
  const liaison = await open(`liaison${s}`);
  await liaison.goto('/inbound/new');
  await liaison.getByTestId('submit-resident').click();
  await liaison.keyboard.type(`季师傅${s}`);
  await liaison
    .locator('.ant-select-item-option')
    .filter({ hasText: `季师傅${s}` })
    .click();
  await liaison.getByTestId('submit-from').fill('河南濮阳');
  await liaison.getByTestId('submit-request').click();
  await expect(liaison.getByTestId('request-status')).toHaveAttribute('data-status', 'submitted');
  const requestId = Number(/\/inbound\/requests\/(\d+)/.exec(liaison.url())![1]);

  // 2. The department sees it in its to-dos and its queue, and routes it to the residence community.
  const dept = await open(`dept${s}`);
  await dept.goto('/todos');
  await expect(dept.getByTestId('todo-groups')).toContainText(`分派返程申请`);
  await dept.goto('/inbound?queue=route');
  await dept.getByTestId(`inbound-open-${requestId}`).click();
  await dept.getByTestId('step-route').click();
  await confirmStep(dept, 'routed');

  // 3. The committee approves it with 14 days of home observation.
  const staff = await open(`staff${s}`);
  await staff.goto('/inbound?queue=review');
  await staff.getByTestId(`inbound-open-${requestId}`).click();
  await expect(staff.getByTestId('request-clock')).toContainText('等待居委会审核');
  await staff.getByTestId('step-approve').click();
  await confirmStep(staff, 'approved');

  // 4. The liaison's open page shows the result without a reload.
  await expect(liaison.getByTestId('request-status')).toHaveAttribute('data-status', 'approved', { timeout: 10_000 });
  // The result is pushed with the approval: the step now current is 通知本人 (index 4).
  await expect(liaison.getByTestId('request-steps')).toHaveAttribute('data-current', '4');
  await expect(liaison.locator('.ant-steps-item-process')).toContainText('通知本人');

  // 5. The liaison marks the person notified and prints the notice.
  await liaison.getByTestId('step-markNotified').click();
  await expect(liaison.getByTestId('request-status')).toHaveAttribute('data-status', 'notified');
  // Once told, the person's arrival is what the loop waits on, not 通知本人 again.
  await expect(liaison.getByTestId('request-steps')).toHaveAttribute('data-current', '5');
  await expect(liaison.locator('.ant-steps-item-process')).toContainText('抵达报备');
  // Another employer's liaison who opens this request finds nothing, and a way back to their queue.
  const requestUrl = new URL(liaison.url()).pathname;
  const other = await open(`other${s}`);
  await other.goto(requestUrl);
  await expect(other.getByTestId('not-found')).toBeVisible();
  await other.getByTestId('not-found-back').click();
  await expect(other).toHaveURL(/\/inbound$/);
  await other.context().close();
  await liaison.getByTestId('open-notice').click();
  await expect(liaison.getByTestId('approval-notice')).toContainText('流入人员审核通过通知单');
  await expect(liaison.getByTestId('approval-notice')).toContainText('居家医学观察 14 天');
  const token = (await liaison.getByTestId('notice-qr').getAttribute('data-token'))!;
  await liaison.emulateMedia({ media: 'print' });
  await expect(liaison.getByTestId('print-notice')).toBeHidden();
  await expect(liaison.getByTestId('approval-notice')).toBeVisible();
  await liaison.emulateMedia({ media: 'screen' });

  // 6. On arrival the committee scans the notice's QR code with the phone camera.
  const camera = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${qrVideo(token)}`,
    ],
  });
  try {
    const phoneCtx = await camera.newContext({
      baseURL,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      viewport: { width: 390, height: 844 },
      permissions: ['camera'],
    });
    const phone = await phoneCtx.newPage();
    await signIn(phone, `staff${s}`, `${pw}-new`);
    await phone.goto('/inbound/scan');
    await expect(phone.getByTestId('scan-result')).toHaveAttribute('data-valid', 'true', { timeout: 30_000 });
    await expect(phone.getByTestId('scan-result')).toContainText(`季师傅${s}`);
    await phone.getByTestId('scan-confirm').click();
    await expect(phone.getByTestId('scan-done')).toContainText('已完成抵达报备');
    await phone.getByTestId('scan-observation').click();
    await expect(phone.getByTestId('case-status')).toHaveAttribute('data-status', 'active');
  } finally {
    await camera.close();
  }

  // An observation case opened; the health worker takes two readings on the phone page.
  const health = await open(`health${s}`);
  await health.setViewportSize({ width: 390, height: 844 });
  await health.goto('/observation/today');
  const row = health.getByTestId(`today-person-${person.id}`);
  await row.click();
  await health.getByTestId('temp-37.8').click();
  await expect(row).toHaveAttribute('data-state', 'alert');
  await expect
    .poll(
      async () =>
        ((await (await health.request.get('/api/notifications')).json()).items as { kind: string }[]).filter((n) => n.kind === 'observation.alert').length,
    )
    .toBe(1);

  // The committee shortens the observation, with a reason (a negative test came back).
  await staff.goto(`/inbound/requests/${requestId}`);
  await staff.getByTestId('observation-link').click();
  await staff.getByTestId('case-replan').click();
  await staff.getByRole('dialog').getByRole('spinbutton').fill('0');
  await staff.getByTestId('replan-reason').fill('核酸检测阴性，提前解除');
  await staff.getByTestId('case-dialog-ok').click();
  await expect(staff.getByTestId('case-plan')).toContainText('0 天');

  await row.click();
  await health.getByTestId('temp-36.5').click();
  await expect(row).not.toHaveAttribute('data-state', 'alert');

  // The period is over and the latest reading is normal: the health worker confirms release.
  const caseUrl = staff.url().replace(/^https?:\/\/[^/]+/, '');
  await health.setViewportSize({ width: 1360, height: 860 });
  await health.goto(caseUrl);
  await health.getByTestId('case-release').click();
  await expect(health.getByTestId('case-status')).toHaveAttribute('data-status', 'released');

  // The department's dashboard counts the release and the loop's figures.
  await dept.goto('/dashboard');
  await expect(dept.getByTestId('dash-figure-observation.today-released')).toHaveAttribute('data-value', '1');
  await expect(dept.getByTestId('dash-figure-inbound.loop-approved')).toHaveAttribute('data-value', '1');
});
