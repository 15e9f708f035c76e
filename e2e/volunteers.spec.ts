import fs from 'node:fs';
import { chromium, expect as baseExpect, request, test, type APIRequestContext, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { AdminApi, unique } from './support/api';
import { qrVideo } from './support/camera';
import { idNumber } from './support/people';
import { signIn } from './support/ui';

// Several people, browsers and a camera on a machine others share: a page may take a while to come.
const expect = baseExpect.configure({ timeout: 45_000 });

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' };
const DESK = { viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' };
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic'];

/** Contexts and browsers a test opens besides its own page's; closed after the test so none stays connected. */
const opened: (BrowserContext | Browser)[] = [];
test.afterEach(async () => {
  for (const c of opened.splice(0).reverse()) await c.close();
});

const shot = async (page: Page, name: string) => {
  if (process.env.E2E_SHOTS) await page.screenshot({ path: `${process.env.E2E_SHOTS}/${name}.png`, fullPage: true });
};

const outboxLength = () => (fs.existsSync(process.env.JIAYUAN_SMS_OUTBOX!) ? fs.readFileSync(process.env.JIAYUAN_SMS_OUTBOX!, 'utf8').length : 0);

/** The sign-in code the server just sent to this phone (the SMS outbox of the test server). */
async function codeSentAfter(before: number): Promise<string> {
  const outbox = process.env.JIAYUAN_SMS_OUTBOX!;
  let code = '';
  await expect
    .poll(() => (code = /验证码是(\d{6})/.exec(fs.existsSync(outbox) ? fs.readFileSync(outbox, 'utf8').slice(before) : '')?.[1] ?? ''))
    .toMatch(/^\d{6}$/);
  return code;
}

/** Signs a resident in on the phone page with the code from the SMS outbox. */
async function residentSignIn(page: Page, phone: string) {
  await page.goto('/login');
  await page.getByTestId('tab-resident').click();
  await page.getByTestId('otp-phone').fill(phone);
  const before = outboxLength();
  await page.getByTestId('otp-send').click();
  await page.getByTestId('otp-code').fill(await codeSentAfter(before));
  await page.getByTestId('otp-submit').click();
  await expect(page.getByTestId('resident-home')).toBeVisible();
}

/** A resident's own API session (phone code), as their phone would make the requests. */
class ResidentApi {
  private constructor(
    private readonly ctx: APIRequestContext,
    private readonly csrf: string,
  ) {}

  static async signIn(baseURL: string, phone: string) {
    const ctx = await request.newContext({ baseURL });
    const before = outboxLength();
    const sent = await ctx.post('/api/auth/otp', { data: { phone } });
    expect(sent.status(), await sent.text()).toBeLessThan(300);
    const login = await ctx.post('/api/auth/otp/verify', { data: { phone, code: await codeSentAfter(before) } });
    expect(login.status(), await login.text()).toBe(200);
    const me = (await (await ctx.get('/api/me')).json()) as { csrfToken: string };
    return new ResidentApi(ctx, me.csrfToken);
  }

  /** A POST answered with one of `expected`; the body (a problem for a 4xx). */
  async post<T = Record<string, unknown>>(path: string, data: unknown = {}, expected = [200, 201]): Promise<T> {
    const r = await this.ctx.post(`/api${path}`, { data, headers: { 'x-csrf-token': this.csrf } });
    expect(expected, `${path}: ${r.status()} ${await r.text()}`).toContain(r.status());
    return (await r.json()) as T;
  }

  async get<T = Record<string, unknown>>(path: string): Promise<T> {
    const r = await this.ctx.get(`/api${path}`);
    expect(r.status(), `${path}: ${await r.text()}`).toBe(200);
    return (await r.json()) as T;
  }

  dispose() {
    return this.ctx.dispose();
  }
}

interface Need {
  id: number;
  status: string;
  version: number;
  takerList: { volunteerId: number; status: string; minutes: number | null }[];
}

/** An antd number input by its test id (on the input itself, or on its wrapper). */
const numberInput = (page: Page, testId: string) => page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first();

const phoneOf = (i: number) => `13${String(600 + i)}${String(Date.now()).slice(-6)}`;

test('a resident publishes a need on the phone; it shows live on the board; one volunteer takes it, a second is refused; served, confirmed and rated; the minutes reach the volunteer’s hours and love bank; their family member redeems them with a hold settled when served', async ({
  baseURL,
  browser,
}) => {
  test.setTimeout(600_000);
  const s = unique();
  const serial = Number.parseInt(s, 36) % 700;
  const admin = await AdminApi.signIn(baseURL!);
  const c = await admin.community(`爱心社区${s}`, { flats: 3 });
  const pw = 'Vol-pass-12';
  await admin.user(`vcoord${s}`, `社区志愿服务站${s}`, ['community_staff'], { placeIds: [c.community] }, pw);
  // The elder asking for help; a younger elder who volunteers, and his daughter in the same flat; a second volunteer.
  const [pElder, pVol, pFamily, pOther] = [0, 1, 2, 3].map(phoneOf) as [string, string, string, string];
  await admin.resident(c.flats[0]!.id, `王奶奶${s}`, idNumber('1938-04-02', (serial + 2) % 900), pElder);
  const father = await admin.post<{ household: { id: number } }>('/residents', {
    dwellingId: c.flats[1]!.id,
    name: `李大爷${s}`,
    idNumber: idNumber('1958-09-09', (serial + 11) % 900),
    phone: pVol,
  });
  await admin.post('/residents', {
    householdId: father.household.id,
    name: `李小红${s}`,
    idNumber: idNumber('1986-02-12', (serial + 22) % 900),
    phone: pFamily,
    relation: 'child',
  });
  await admin.resident(c.flats[2]!.id, `赵志愿${s}`, idNumber('1975-07-07', (serial + 33) % 900), pOther);
  await admin.dispose();

  // The coordinator watches the needs board at a desk.
  const desk = await browser.newContext({ ...DESK, baseURL });
  opened.push(desk);
  const board = await desk.newPage();
  await signIn(board, `vcoord${s}`, pw);
  await board.goto('/volunteers/needs');
  await expect(board.getByTestId('board-live')).toContainText('实时更新');

  // The second volunteer joins through the API (sign-in codes are limited per minute).
  const other = await ResidentApi.signIn(baseURL!, pOther);
  await other.post('/volunteers/my/join', { serviceTypes: ['elderCare', 'shopping'], skills: [] });

  // 1. The younger elder joins as a volunteer on his phone.
  const volCtx = await browser.newContext({ ...PHONE, baseURL });
  opened.push(volCtx);
  const vol = await volCtx.newPage();
  await residentSignIn(vol, pVol);
  await vol.getByTestId('resident-volunteers-open-home').click();
  await expect(vol.getByTestId('vol-me-summary')).toHaveAttribute('data-volunteer', 'no');
  await vol.getByTestId('vol-sign-up-open').click();
  await vol.getByTestId('sign-up-types').getByText('助老服务').click();
  await vol.getByTestId('sign-up-submit').click();
  await expect(vol.getByTestId('vol-card-qr')).toBeVisible();
  await shot(vol, 'vol-card-phone');

  // 2. The elder publishes an elder-care need on her phone.
  const elderCtx = await browser.newContext({ ...PHONE, baseURL });
  opened.push(elderCtx);
  const elder = await elderCtx.newPage();
  await residentSignIn(elder, pElder);
  await elder.getByTestId('resident-volunteers-publish').click();
  await elder.getByTestId('need-category').click();
  await elder.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '助老服务' }).click();
  await elder.getByTestId('need-title').fill(`助浴${s}`);
  await elder.getByTestId('need-notes').fill('三楼，无电梯');
  await shot(elder, 'vol-publish-phone');
  await elder.getByTestId('need-submit').click();
  await expect(elder.getByTestId('need-status')).toHaveAttribute('data-status', 'open');
  const needId = Number(/\/needs\/(\d+)/.exec(elder.url())![1]);

  // ... it shows on the board at once, without a reload.
  await expect(board.getByTestId('board-col-open').getByTestId(`board-need-${needId}`)).toBeVisible();
  await shot(board, 'vol-board-open');

  // 3. The volunteer takes it from "needs near me"; the board moves it live.
  await vol.goto('/resident/volunteers/near');
  const card = vol.getByTestId(`need-${needId}`);
  await card.getByTestId('need-take').click();
  await expect(vol.getByTestId('need-status')).toHaveAttribute('data-status', 'taken');
  await expect(board.getByTestId('board-col-taken').getByTestId(`board-need-${needId}`)).toBeVisible();

  // ... a second volunteer's take is refused with its code, and nothing changes.
  const refused = await other.post<{ code: string }>(`/volunteers/needs/${needId}/take`, {}, [409]);
  expect(refused.code).toBe('VOL_NEED_TAKEN');
  const still = await other.get<Need>(`/volunteers/needs/${needId}`);
  expect(still.takerList.map((x) => x.status)).toEqual(['taken']);

  // 4. The volunteer marks it served: 90 minutes.
  await vol.getByTestId('need-done').click();
  await numberInput(vol, 'need-done-minutes').fill('90');
  await vol.getByTestId('need-note').fill('已协助洗浴，老人状态良好');
  await vol.getByTestId('need-ok').click();
  await expect(vol.getByTestId('need-status')).toHaveAttribute('data-status', 'done');
  await shot(vol, 'vol-need-done-phone');

  // 5. The elder confirms and rates.
  await elder.reload();
  await elder.getByTestId('need-confirm').click();
  await expect(elder.getByTestId('need-status')).toHaveAttribute('data-status', 'confirmed');
  await expect(elder.getByTestId('need-minutes')).toHaveAttribute('data-minutes', '90');
  await elder.getByTestId('need-rate').click();
  await expect(elder.getByTestId('need-stars')).toBeVisible();
  await elder.getByTestId('need-ok').click();
  await expect(elder.getByText('感谢评价')).toBeVisible();
  await expect(elder.getByTestId('need-takers')).toContainText(`李大爷${s}`);
  await shot(elder, 'vol-need-confirmed-phone');
  await expect(board.getByTestId('board-col-confirmed').getByTestId(`board-need-${needId}`)).toBeVisible();

  // 6. The minutes show in his hours and, being elder care, in his love-bank balance.
  await vol.goto('/resident/volunteers/me');
  await expect(vol.getByTestId('vol-my-hours')).toHaveAttribute('data-confirmed', '90');
  await shot(vol, 'vol-my-hours-phone');
  await vol.goto('/resident/volunteers/bank');
  await expect(vol.getByTestId('bank-account')).toHaveAttribute('data-balance', '90');
  // He names his daughter, who may ask for services with his minutes.
  await vol.getByTestId('bank-delegate-pick').click();
  await vol
    .locator('.ant-select-dropdown:visible .ant-select-item-option')
    .filter({ hasText: `李小红${s}` })
    .click();
  await vol.getByTestId('bank-delegate-add').click();
  await expect(vol.getByTestId('bank-delegates')).toContainText(`李小红${s}`);
  await shot(vol, 'vol-bank-phone');

  // 7. His daughter asks for a service for him, paid with 60 of his minutes: a hold.
  const famCtx = await browser.newContext({ ...PHONE, baseURL });
  opened.push(famCtx);
  const fam = await famCtx.newPage();
  await residentSignIn(fam, pFamily);
  await fam.goto('/resident/volunteers/needs/new');
  await fam.getByTestId('need-category').click();
  await fam.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '代购跑腿' }).click();
  await fam.getByTestId('need-title').fill(`给爸爸买药${s}`);
  await fam.getByTestId('need-pay').click();
  await expect(fam.getByTestId('need-pay-account')).toContainText(`李大爷${s}`);
  // More than he has is refused, and nothing is held.
  await numberInput(fam, 'need-pay-minutes').fill('91');
  await fam.getByTestId('need-submit').click();
  await expect(fam.getByTestId('publish-error')).toContainText('可用时间不足');
  await numberInput(fam, 'need-pay-minutes').fill('60');
  await shot(fam, 'vol-redeem-phone');
  await fam.getByTestId('need-submit').click();
  await expect(fam.getByTestId('need-status')).toHaveAttribute('data-status', 'open');
  const paidId = Number(/\/needs\/(\d+)/.exec(fam.url())![1]);
  await vol.reload();
  await expect(vol.getByTestId('bank-account')).toHaveAttribute('data-held', '60');
  await expect(vol.getByTestId('bank-account')).toHaveAttribute('data-available', '30');
  await expect(vol.getByTestId('bank-holds')).toContainText('冻结中');

  // 8. The other volunteer serves it; the daughter confirms: the hold is settled, his balance is 30.
  await other.post(`/volunteers/needs/${paidId}/take`);
  await other.post(`/volunteers/needs/${paidId}/done`, { minutes: 45, note: '药已送到' });
  await fam.reload();
  await fam.getByTestId('need-confirm').click();
  await expect(fam.getByTestId('need-status')).toHaveAttribute('data-status', 'confirmed');
  await vol.reload();
  await expect(vol.getByTestId('bank-account')).toHaveAttribute('data-balance', '30');
  await expect(vol.getByTestId('bank-account')).toHaveAttribute('data-held', '0');
  await expect(vol.getByTestId(`bank-holds`).locator('[data-status="settled"]')).toHaveCount(1);
  await shot(vol, 'vol-bank-settled-phone');
  await shot(board, 'vol-board-confirmed');
  // The staff pages with this data, at a desk and on a phone (for the screenshots; each draws its h1).
  if (process.env.E2E_SHOTS) {
    for (const path of [
      '/volunteers/people',
      '/volunteers/activities',
      '/volunteers/hours',
      '/volunteers/hours?tab=statement',
      '/volunteers/bank',
      '/volunteers/awards',
      '/volunteers/figures',
      `/volunteers/needs/${needId}`,
    ]) {
      const name = path.replace(/[/?=]+/g, '-').replace(/^-/, '');
      await board.setViewportSize(DESK.viewport);
      await board.goto(path);
      await expect(board.locator('h1').first()).toBeVisible();
      await board.waitForTimeout(1500);
      await shot(board, `${name}-desk`);
      await board.setViewportSize(PHONE.viewport);
      await board.waitForTimeout(800);
      await shot(board, `${name}-phone`);
    }
    for (const path of ['/resident/volunteers', '/resident/volunteers/near?tab=mine', '/resident/volunteers/activities', '/resident/volunteers/me']) {
      await vol.goto(path);
      await expect(vol.locator('h1').first()).toBeVisible();
      await vol.waitForTimeout(1000);
      await shot(vol, `${path.replace(/[/?=]+/g, '-').replace(/^-/, '')}-phone`);
    }
  }
  await other.dispose();
});

test('a volunteer signs up for an activity, checks in and out by scanning its QR code at the venue, and the minutes count once the organiser confirms', async ({
  baseURL,
  browser,
}) => {
  test.setTimeout(420_000);
  const s = unique();
  const serial = Number.parseInt(s, 36) % 700;
  const admin = await AdminApi.signIn(baseURL!);
  const c = await admin.community(`活动社区${s}`);
  const pw = 'Vol-pass-12';
  await admin.user(`acoord${s}`, `活动组织者${s}`, ['community_staff'], { placeIds: [c.community] }, pw);
  const phone = phoneOf(7);
  await admin.resident(c.flats[0]!.id, `孙志愿${s}`, idNumber('1966-03-03', (serial + 44) % 900), phone);
  await admin.dispose();
  const coord = await AdminApi.as(baseURL!, `acoord${s}`, pw);
  // It starts in a little over a minute and lasts an hour.
  const startsAt = new Date(Date.now() + 75_000);
  const activity = await coord.post<{ id: number }>('/volunteers/activities', {
    title: `健康义诊${s}`,
    placeId: c.community,
    venue: '社区广场',
    theme: 'health',
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString(),
    capacity: 2,
  });
  const qr = await coord.get<{ token: string }>(`/volunteers/activities/${activity.id}/qr`);

  // The volunteer's phone: its camera sees the code posted at the venue.
  const camera = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS, '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${qrVideo(qr.token)}`],
  });
  opened.push(camera);
  const camCtx = await camera.newContext({ ...PHONE, baseURL, permissions: ['camera'] });
  opened.push(camCtx);
  const v = await camCtx.newPage();
  await residentSignIn(v, phone);
  await v.goto('/resident/volunteers/me');
  await v.getByTestId('sign-up-submit').click();
  await expect(v.getByTestId('vol-card')).toBeVisible();
  await v.goto('/resident/volunteers/activities');
  const item = v.getByTestId(`activity-${activity.id}`);
  await item.getByTestId('activity-join').click();
  await expect(item.getByTestId('signup-status')).toHaveAttribute('data-status', 'signedUp');
  await shot(v, 'vol-activities-phone');

  // Check in by scanning the code.
  await v.goto('/resident/volunteers/scan');
  await expect(v.getByTestId('scan-result')).toHaveAttribute('data-status', 'checkedIn', { timeout: 30_000 });
  await shot(v, 'vol-checked-in-phone');
  // A minute past the start, the second scan checks out.
  await v.waitForTimeout(Math.max(0, startsAt.getTime() + 65_000 - Date.now()));
  await v.getByTestId('scan-again').click();
  await expect(v.getByTestId('scan-result')).toHaveAttribute('data-status', 'checkedOut', { timeout: 30_000 });

  // The organiser confirms on the console: the minutes are confirmed in the volunteer's hours.
  const desk = await browser.newContext({ ...DESK, baseURL });
  opened.push(desk);
  const page = await desk.newPage();
  await signIn(page, `acoord${s}`, `${pw}-new`);
  await page.goto(`/volunteers/activities/${activity.id}`);
  await expect(page.getByTestId('activity-roster')).toContainText(`孙志愿${s}`);
  await expect(page.getByTestId('activity-qr')).toBeVisible();
  await shot(page, 'vol-activity-console');
  await page.getByTestId('activity-confirm').click();
  await page.locator('.ant-popconfirm:visible .ant-btn-primary').click();
  await expect(page.getByText('时长已确认').first()).toBeVisible();
  await v.goto('/resident/volunteers/me');
  const hours = v.getByTestId('vol-my-hours');
  await expect(hours).not.toHaveAttribute('data-confirmed', '0');
  expect(Number(await hours.getAttribute('data-confirmed'))).toBeGreaterThanOrEqual(1);
  await shot(v, 'vol-activity-hours-phone');
  await coord.dispose();
});

test('a same-day dispatch fills live on the coordinator’s page as two units’ liaisons name their people', async ({ baseURL, browser }) => {
  test.setTimeout(300_000);
  const s = unique();
  const admin = await AdminApi.signIn(baseURL!);
  const c = await admin.community(`调度社区${s}`);
  const pw = 'Vol-pass-12';
  const units = [
    await admin.post<{ id: number; name: string }>('/employers', { name: `采油一厂${s}` }),
    await admin.post<{ id: number; name: string }>('/employers', { name: `供电公司${s}` }),
  ];
  await admin.user(`dcoord${s}`, `调度员${s}`, ['department_coordinator'], { placeIds: [c.department] }, pw);
  for (const [i, u] of units.entries()) await admin.user(`liaison${i}${s}`, `联络员${i}${s}`, ['employer_liaison'], { employerIds: [u.id] }, pw);
  await admin.dispose();
  const coord = await AdminApi.as(baseURL!, `dcoord${s}`, pw);
  // Volunteers of each unit, on file (people from units outside the area).
  const people: { id: number; name: string }[][] = [[], []];
  for (const [i, u] of units.entries()) {
    for (const n of ['甲', '乙']) {
      const name = `${u.name.slice(0, 2)}${n}${s}`;
      const phone = `139${String(i)}${String(Date.now()).slice(-7)}`.slice(0, 11);
      people[i]!.push(
        await coord.post<{ id: number; name: string }>('/volunteers/people', {
          name,
          phone,
          placeId: c.community,
          employerId: u.id,
          serviceTypes: ['other'],
          skills: [],
        }),
      );
    }
  }

  // The coordinator asks for three people today: two from the first unit, one from the second.
  const desk = await browser.newContext({ ...DESK, baseURL });
  opened.push(desk);
  const page = await desk.newPage();
  await signIn(page, `dcoord${s}`, `${pw}-new`);
  await page.goto('/volunteers/dispatches');
  await page.getByTestId('dispatch-new').click();
  await expect(page.getByTestId('dispatch-submit')).toBeVisible();
  await shot(page, 'vol-dispatch-new');
  await page.keyboard.press('Escape');
  const dispatch = await coord.post<{ id: number }>('/volunteers/dispatches', {
    title: `核酸点秩序维护${s}`,
    placeId: c.community,
    startsAt: new Date(Date.now() + 1_800_000).toISOString(),
    endsAt: new Date(Date.now() + 5 * 3_600_000).toISOString(),
    quotas: [
      { employerId: units[0]!.id, quota: 2 },
      { employerId: units[1]!.id, quota: 1 },
    ],
  });
  await page.goto(`/volunteers/dispatches/${dispatch.id}`);
  const count = page.getByTestId('dispatch-count');
  await expect(count).toHaveText('0 / 3');

  // Each liaison, on their own screen, names people of their unit; the coordinator's count fills without a reload.
  for (const [i] of units.entries()) {
    const ctx = await browser.newContext({ ...DESK, baseURL });
    opened.push(ctx);
    const l = await ctx.newPage();
    await signIn(l, `liaison${i}${s}`, pw);
    await l.goto(`/volunteers/dispatches/${dispatch.id}`);
    const pick = l.getByTestId('dispatch-people');
    const chosen = people[i]!.slice(0, i === 0 ? 2 : 1);
    for (const p of chosen) {
      await pick.click();
      await l.keyboard.type(String(p.id));
      await l.keyboard.press('Enter');
    }
    await l.keyboard.press('Escape');
    await l.getByTestId('dispatch-answer-send').click();
    await expect(l.getByTestId(`dispatch-quota-${units[i]!.id}`)).toHaveAttribute('data-filled', String(chosen.length));
    await shot(l, `vol-dispatch-liaison-${i}`);
    await expect(count).toHaveText(i === 0 ? '2 / 3' : '3 / 3');
  }
  await expect(page.getByTestId('dispatch-quotas')).toContainText(people[1]![0]!.name);
  await shot(page, 'vol-dispatch-filled');
  await coord.dispose();
});
