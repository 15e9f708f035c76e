import fs from 'node:fs';
import { chromium, expect as baseExpect, request, test, type APIRequestContext, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { AdminApi, unique } from './support/api';
import { qrVideo } from './support/camera';
import { idNumber } from './support/people';
import { signIn } from './support/ui';

// Twelve people, two browsers and a camera on a machine others share: a page may take a while to come.
const expect = baseExpect.configure({ timeout: 45_000 });

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' };
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic'];

/** Contexts and browsers a test opens besides its own page's; closed after the test so none stays connected. */
const opened: (BrowserContext | Browser)[] = [];
test.afterEach(async () => {
  for (const c of opened.splice(0).reverse()) await c.close();
});

const shot = async (page: Page, name: string) => {
  if (process.env.E2E_SHOTS) await page.screenshot({ path: `${process.env.E2E_SHOTS}/${name}.png`, fullPage: true });
};

/** The sign-in code the server just sent to this phone (the SMS outbox of the test server). */
async function codeSentAfter(before: number): Promise<string> {
  const outbox = process.env.JIAYUAN_SMS_OUTBOX!;
  let code = '';
  await expect
    .poll(() => (code = /验证码是(\d{6})/.exec(fs.existsSync(outbox) ? fs.readFileSync(outbox, 'utf8').slice(before) : '')?.[1] ?? ''))
    .toMatch(/^\d{6}$/);
  return code;
}
const outboxLength = () => (fs.existsSync(process.env.JIAYUAN_SMS_OUTBOX!) ? fs.readFileSync(process.env.JIAYUAN_SMS_OUTBOX!, 'utf8').length : 0);

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

interface Claim {
  id: number;
  status: string;
  position: number | null;
  servedMinutes: number | null;
}
interface MyDuty {
  member: { id: number; status: string } | null;
  upcoming: Claim[];
  servedMinutes: { total: number };
}

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
/** Tomorrow at this hour, Asia/Shanghai, as an instant. */
const tomorrowAt = (hour: number) =>
  new Date(
    `${new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + 86_400_000))}T${String(hour).padStart(2, '0')}:00:00+08:00`,
  );

test('a community blows the whistle for 10 places: members claim on their phones while the console counts live; the 11th waits and is promoted when one cancels; a member checks in and out by the post QR and the hours show; the 2+1 page fills its gap', async ({
  baseURL,
  browser,
}) => {
  test.setTimeout(720_000);
  const s = unique();
  const serial = Number.parseInt(s, 36) % 700;
  const admin = await AdminApi.signIn(baseURL!);
  const c = await admin.community(`吹哨社区${s}`, { flats: 4 });
  const pw = 'Duty-pass-12';
  const coordUser = await admin.user(`dcoord${s}`, `社区书记${s}`, ['community_staff'], { placeIds: [c.community] }, pw);
  // Twelve party members, each with a phone; one building head.
  const names = ['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛', '壬', '癸', '子', '丑'].map((x) => `党员${x}${s}`);
  const phones = names.map((_, i) => `13${String(500 + i)}${String(Date.now()).slice(-6)}`);
  const residents: { id: number }[] = [];
  for (const [i, name] of names.entries())
    residents.push(await admin.resident(c.flats[i]!.id, name, idNumber('1980-01-01', (serial + i * 37) % 900), phones[i]));
  const head = await admin.resident(c.flats[0]!.id, `楼长${s}`, idNumber('1960-06-06', (serial + 501) % 900));
  await admin.put(`/places/${c.building}/building-head`, { residentId: head.id });
  await admin.dispose();

  const coord = await AdminApi.as(baseURL!, `dcoord${s}`, pw);
  // Members 2–12 are registered by the community and confirmed; member 1 reports in on the phone.
  const memberIds: number[] = [0];
  for (let i = 1; i < names.length; i++) {
    const m = await coord.post<{ id: number; version: number }>('/duty/members', { residentId: residents[i]!.id, roles: ['gatekeeper', 'patrol'], skills: [] });
    await coord.post(`/duty/members/${m.id}/confirm`, { version: m.version });
    memberIds.push(m.id);
  }
  const gate = await coord.post<{ id: number }>('/duty/posts', { placeId: c.compound, kind: 'gate', name: `东门卡口${s}`, role: 'gatekeeper' });
  const stair = await coord.post<{ id: number }>('/duty/posts', { placeId: c.building, kind: 'building', name: `1号楼值守${s}`, role: 'patrol' });
  const qr = await coord.get<{ token: string }>(`/duty/posts/${stair.id}/qr`);

  // The coordinator at a desk; three members on their phones (the third one's camera sees the post's QR code).
  const desk = await browser.newContext({ baseURL, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1280, height: 800 } });
  opened.push(desk);
  const console_ = await desk.newPage();
  await signIn(console_, `dcoord${s}`, `${pw}-new`);
  const phones3: Page[] = [];
  for (let i = 0; i < 2; i++) {
    const ctx = await browser.newContext({ ...PHONE, baseURL });
    opened.push(ctx);
    phones3.push(await ctx.newPage());
  }
  const camera = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS, '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${qrVideo(qr.token)}`],
  });
  opened.push(camera);
  const camCtx = await camera.newContext({ ...PHONE, baseURL, permissions: ['camera'] });
  opened.push(camCtx);
  phones3.push(await camCtx.newPage());
  const [a, b, cc] = phones3 as [Page, Page, Page];

  // 1. Member 1 reports in on the phone; the community confirms on the roster (contacts masked).
  await residentSignIn(a, phones[0]!);
  await a.getByTestId('resident-duty-open').click();
  await a.getByTestId('my-report').click();
  await a.getByTestId('report-party-org').fill('采油厂机关第二党支部');
  await a.getByTestId('report-role-gatekeeper').click();
  await a.getByTestId('report-submit').click();
  await expect(a.getByTestId('my-member')).toHaveAttribute('data-status', 'reported');
  await shot(a, 'duty-reported-phone');
  await console_.goto('/duty/members?status=reported');
  const table = console_.getByTestId('members-table');
  await expect(table).toContainText(names[0]!);
  await expect(table).toContainText('*');
  await expect(table).not.toContainText(phones[0]!);
  const reported = await coord.get<{ items: { id: number; name: string }[] }>(`/duty/members?status=reported&communityId=${c.community}`);
  memberIds[0] = reported.items.find((m) => m.name === names[0])!.id;
  await console_.getByTestId(`member-confirm-${memberIds[0]}`).click();
  await expect(table).not.toContainText(names[0]!);
  await a.reload();
  await expect(a.getByTestId('my-member')).toHaveAttribute('data-status', 'confirmed');

  // 2. The community blows the whistle: ten people at the east gate tomorrow morning.
  const callUp = await coord.post<{ id: number; notified: number }>('/duty/call-ups', {
    title: `东门明早值守${s}`,
    placeId: c.community,
    postIds: [gate.id],
    needed: 10,
    roles: [],
    startsAt: tomorrowAt(8).toISOString(),
    endsAt: tomorrowAt(12).toISOString(),
    deadline: new Date(Date.now() + 3_600_000).toISOString(),
  });
  expect(callUp.notified).toBe(12);
  await console_.goto(`/duty/call-ups/${callUp.id}`);
  const count = console_.getByTestId('call-up-count');
  await expect(count).toHaveText('0 / 10');

  // 3. Three members answer on their phones; the console counts up without a reload.
  await residentSignIn(b, phones[1]!);
  await residentSignIn(cc, phones[2]!);
  for (const [i, phone] of [a, b, cc].entries()) {
    await phone.goto('/resident/duty/shifts');
    const item = phone.getByTestId(`open-call-up-${callUp.id}`);
    await item.getByTestId('call-up-respond').click();
    await expect(item.getByTestId('claim-status')).toHaveAttribute('data-status', 'held');
    await expect(count).toHaveText(`${i + 1} / 10`);
  }
  await shot(b, 'duty-claimed-phone');
  await shot(console_, 'duty-call-up-console-3');

  // The team leader puts seven more on it at once (sign-in codes are limited per minute, so not seven phones): it is filled.
  const callUpShift = (await coord.get<{ items: { id: number }[] }>(`/duty/shifts?callUpId=${callUp.id}`)).items[0]!;
  await Promise.all(memberIds.slice(3, 10).map((memberId) => coord.post<Claim>(`/duty/shifts/${callUpShift.id}/assign`, { memberId })));
  await expect(count).toHaveText('10 / 10');
  await expect(console_.getByText('已满员').first()).toBeVisible();

  // 4. The eleventh answers from their phone and is put on the waiting list.
  const eleventh = await ResidentApi.signIn(baseURL!, phones[10]!);
  const late = await eleventh.post<Claim>(`/duty/call-ups/${callUp.id}/respond`, {});
  expect(late).toMatchObject({ status: 'waiting', position: 1 });
  await expect(console_.getByTestId('call-up-waiting')).toContainText('1');
  await shot(console_, 'duty-call-up-console-full');

  // 5. Member 2 cancels on the phone; the first waiting member is promoted and told.
  const notesBefore = (await eleventh.get<{ items: unknown[] }>('/notifications?pageSize=50')).items.length;
  await b.goto('/resident/duty');
  const mine = b.getByTestId('my-upcoming').locator('[data-testid^="my-claim-"]');
  await expect(mine).toHaveCount(1);
  await mine.getByTestId('claim-cancel').click();
  await b.getByTestId('claim-cancel-ok').click();
  await expect(mine).toHaveCount(0);
  await expect.poll(async () => (await eleventh.get<MyDuty>('/duty/my')).upcoming.map((x) => x.status)).toEqual(['held']);
  await expect.poll(async () => (await eleventh.get<{ items: unknown[] }>('/notifications?pageSize=50')).items.length).toBeGreaterThan(notesBefore);
  await expect(count).toHaveText('10 / 10');
  await expect(console_.getByTestId('call-up-waiting')).toContainText('0');

  // 6. Member 3 claims a building shift starting in a minute, checks in by scanning the post's QR, and out after it started.
  const startsAt = new Date(Date.now() + 75_000);
  const shift = await coord.post<{ id: number }>(`/duty/posts/${stair.id}/shifts`, {
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString(),
    headcount: 2,
  });
  await cc.goto('/resident/duty/shifts');
  await cc.getByTestId(`open-shift-${shift.id}`).getByTestId('shift-claim').click();
  await expect(cc.getByTestId(`open-shift-${shift.id}`).getByTestId('claim-status')).toHaveAttribute('data-status', 'held');
  await cc.goto('/resident/duty');
  await cc.getByTestId('my-scan').click();
  await expect(cc.getByTestId('scan-result')).toHaveAttribute('data-status', 'checkedIn', { timeout: 30_000 });
  await shot(cc, 'duty-checked-in-phone');
  // On duty a minute past the start, then the second scan checks out.
  await cc.waitForTimeout(Math.max(0, startsAt.getTime() + 65_000 - Date.now()));
  await cc.getByTestId('scan-again').click();
  await expect(cc.getByTestId('scan-result')).toHaveAttribute('data-status', 'checkedOut', { timeout: 30_000 });
  const served = Number(await cc.getByTestId('scan-served').getAttribute('data-minutes'));
  expect(served).toBeGreaterThanOrEqual(1);
  await cc.goto('/resident/duty');
  await expect(cc.getByTestId('my-hours')).toHaveAttribute('data-minutes', String(served));
  await expect(cc.getByTestId('my-hours')).toContainText(served < 60 ? `${served}分钟` : '小时');
  await shot(cc, 'duty-hours-phone');
  // ... and in the figures.
  const figures = await coord.get<{ total: { values: Record<string, number | null> } }>(`/figures/duty.hours?from=${today()}&to=${today()}&groupBy=total`);
  expect(figures.total.values).toMatchObject({ minutes: served, people: 1, shifts: 1 });

  // 7. The 2+1 page: the building has its cadre and head but no party member; assigning one completes it.
  await coord.put(`/duty/roster/${c.building}`, { cadreUserId: coordUser.user.id, validFrom: today() });
  await console_.goto(`/duty/coverage?communityId=${c.community}`);
  await expect(console_.getByTestId(`roster-${c.building}-member`)).toHaveAttribute('data-missing', 'true');
  await expect(console_.getByTestId(`roster-${c.building}-cadre`)).toHaveAttribute('data-missing', 'false');
  await expect(console_.getByTestId(`roster-${c.building}-buildingHead`)).toHaveAttribute('data-missing', 'false');
  await expect(console_.getByTestId('coverage-missingMember')).toHaveAttribute('data-value', '1');
  await shot(console_, 'duty-coverage-gap');
  await console_.getByTestId(`roster-assign-${c.building}`).click();
  await console_.getByTestId('roster-member').click();
  await console_.keyboard.type(names[3]!.slice(0, 3));
  await console_.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: names[3]! }).first().click();
  await console_.getByTestId('roster-save').click();
  await expect(console_.getByTestId(`roster-${c.building}-member`)).toHaveAttribute('data-missing', 'false');
  await expect(console_.getByTestId(`roster-${c.building}-member`)).toHaveText(names[3]!);
  await expect(console_.getByTestId('coverage-complete')).toHaveAttribute('data-value', '1');
  await shot(console_, 'duty-coverage-complete');

  await eleventh.dispose();
  await coord.dispose();
});
