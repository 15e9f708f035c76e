import { expect as baseExpect, test, type Page } from '@playwright/test';
import { AdminApi, unique } from './support/api';
import { idNumber } from './support/people';
import { signIn } from './support/ui';

// A shared machine: a page may take a while to come.
const expect = baseExpect.configure({ timeout: 30_000 });

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' };

const shot = async (page: Page, name: string) => {
  if (process.env.E2E_SHOTS) await page.screenshot({ path: `${process.env.E2E_SHOTS}/${name}.png`, fullPage: true });
};

async function pickOption(page: Page, testId: string, typed: string, text: string) {
  await page.getByTestId(testId).click();
  await page.keyboard.type(typed);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text }).first().click();
}

/** Asia/Shanghai today and a clock time `minutes` from now, as the forms take them. */
const local = (minutes = 0) => {
  const d = new Date(Date.now() + minutes * 60_000);
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  })
    .formatToParts(d)
    .reduce<Record<string, string>>((o, p) => ({ ...o, [p.type]: p.value }), {});
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
};

test('a community worker on a phone creates a post, generates a week of 3×8 shifts (previewed; again: none doubled), sees them on the calendar, registers a member without a phone, assigns them and confirms their check-in', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(300_000);
  const s = unique();
  const serial = Number.parseInt(s, 36) % 700;
  const admin = await AdminApi.signIn(baseURL!);
  const c = await admin.community(`排班社区${s}`);
  const pw = 'Duty-forms-12';
  await admin.user(`dworker${s}`, `社区干部${s}`, ['community_staff'], { placeIds: [c.community] }, pw);
  const name = `老党员${s}`;
  await admin.resident(c.flats[0]!.id, name, idNumber('1950-03-03', serial));
  await admin.dispose();

  const ctx = await browser.newContext({ ...PHONE, baseURL });
  const page = await ctx.newPage();
  await signIn(page, `dworker${s}`, pw);
  const api = await AdminApi.as(baseURL!, `dworker${s}`, `${pw}-new`);

  // 1. A new post at the compound's gate.
  await page.goto(`/duty/posts?communityId=${c.community}`);
  await page.getByTestId('post-new').click();
  await pickOption(page, 'post-place', `排班社区${s}小区`.slice(0, 6), `排班社区${s}小区`);
  await page.getByTestId('post-name').fill(`东门卡口${s}`);
  await page.getByTestId('post-save').click();
  await expect(page.getByTestId('posts-table')).toContainText(`东门卡口${s}`);
  const post = (await api.get<{ items: { id: number; name: string }[] }>(`/duty/posts?communityId=${c.community}`)).items.find(
    (p) => p.name === `东门卡口${s}`,
  )!;
  await shot(page, 'duty-staff-posts-phone');

  // Renamed: the place stays, the name changes.
  await page.getByTestId(`post-edit-${post.id}`).click();
  await page.getByTestId('post-name').fill(`东门卡口${s}号`);
  await page.getByTestId('post-save').click();
  await expect(page.getByTestId('posts-table')).toContainText(`东门卡口${s}号`);
  expect((await api.get<{ name: string; placeId: number }>(`/duty/posts/${post.id}`)).placeId).toBe(c.compound);

  // 2. A week of 3×8 shifts from today, the first starting in ten minutes: previewed, then made.
  // In the last ten minutes of a Beijing day that start falls on tomorrow while the form's range
  // begins today: such a run waits for the new day first.
  if (local(10).date !== local(0).date) {
    test.setTimeout(test.info().timeout + 11 * 60_000);
    await page.waitForTimeout(Date.parse(`${local(10).date}T00:00:00+08:00`) - Date.now() + 1000);
  }
  const first = local(10);
  await page.getByTestId(`post-shifts-${post.id}`).click();
  await page.getByTestId('gen-first').fill(first.time);
  await page.getByTestId('shifts-ok').click();
  await expect(page.getByTestId('gen-preview')).toContainText('21');
  await shot(page, 'duty-staff-generate-preview-phone');
  await page.getByTestId('shifts-ok').click();
  await expect(page.getByTestId('gen-preview')).toBeHidden();
  const shifts = await api.get<{ items: { id: number; startsAt: string }[]; total: number }>(`/duty/shifts?postId=${post.id}&pageSize=100`);
  expect(shifts.total).toBe(21);
  // Again: nothing new, nothing doubled.
  await page.getByTestId(`post-shifts-${post.id}`).click();
  await page.getByTestId('gen-first').fill(first.time);
  await page.getByTestId('shifts-ok').click();
  await expect(page.getByTestId('gen-preview')).toContainText('21');
  await expect(page.getByTestId('shifts-ok')).toBeDisabled();
  await page.keyboard.press('Escape');
  expect((await api.get<{ total: number }>(`/duty/shifts?postId=${post.id}&pageSize=100`)).total).toBe(21);

  // 3. The calendar shows the week; the first shift opens.
  const firstShift = shifts.items[0]!;
  await page.goto(`/duty/calendar?communityId=${c.community}&week=${first.date}`);
  await expect(page.getByTestId(`cal-shift-${firstShift.id}`)).toContainText(`东门卡口${s}`);
  await shot(page, 'duty-staff-calendar-phone');

  // 4. A member without a phone: registered on their behalf, then confirmed.
  await page.goto('/duty/members');
  await page.getByTestId('register-open').click();
  await pickOption(page, 'register-resident', name.slice(0, 3), name);
  await page.getByTestId('register-roles').click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '守门员' }).first().click();
  await page.keyboard.press('Escape');
  await page.getByTestId('register-save').click();
  const table = page.getByTestId('members-table');
  await expect(table).toContainText(name);
  await expect(table).toContainText('代登记');
  const member = (await api.get<{ items: { id: number; name: string }[] }>(`/duty/members?status=reported&communityId=${c.community}`)).items.find(
    (m) => m.name === name,
  )!;
  await page.getByTestId(`member-confirm-${member.id}`).click();
  await expect(table).not.toContainText(name);

  // A work team of the community, led by them, takes the post.
  await page.goto(`/duty/teams?communityId=${c.community}`);
  await page.getByTestId('team-new').click();
  await page.getByTestId('team-name').fill(`突击队${s}`);
  await pickOption(page, 'team-leader', name.slice(0, 3), name);
  await page.getByTestId('team-save').click();
  // The card shows once it is saved; its id from the list.
  let team = { id: 0, name: '' };
  await expect
    .poll(async () => {
      const found = (await api.get<{ items: { id: number; name: string }[] }>(`/duty/teams?communityId=${c.community}`)).items.find(
        (x) => x.name === `突击队${s}`,
      );
      if (found) team = found;
      return team.id;
    })
    .toBeGreaterThan(0);
  await expect(page.getByTestId(`team-${team.id}`)).toContainText(name);
  await page.getByTestId(`team-manage-${team.id}`).click();
  await pickOption(page, 'team-posts', '东门', `东门卡口${s}号`);
  await page.getByTestId('team-posts-save').click();
  await expect(page.getByTestId(`team-${team.id}`).getByTestId('team-posts-count')).toHaveText('1');
  await page.locator('.ant-modal-close:visible').first().click();
  await shot(page, 'duty-staff-teams-phone');

  // The community's rest rule: at most 10 hours in 24.
  await page.goto('/duty/settings');
  const rules = page.getByTestId(`duty-settings-${c.community}`);
  await rules.getByLabel('任意24小时内最多值班').fill('10');
  await rules.getByTestId(`duty-settings-save-${c.community}`).click();
  await expect.poll(async () => (await api.get<{ items: { communityId: number; maxHoursIn24: number }[] }>('/duty/settings')).items[0]?.maxHoursIn24).toBe(10);

  // 5. On the shift: assign them, then confirm their check-in (they have no phone to scan with).
  await page.goto(`/duty/calendar?communityId=${c.community}&week=${first.date}`);
  await page.getByTestId(`cal-shift-${firstShift.id}`).click();
  await expect(page).toHaveURL(new RegExp(`/duty/shifts/${firstShift.id}$`));
  await expect(page.getByTestId('shift-filled')).toHaveText('0 / 2');
  await pickOption(page, 'assign-member', name.slice(0, 3), name);
  await page.getByTestId('assign-save').click();
  await expect(page.getByTestId('shift-filled')).toHaveText('1 / 2');
  const detail = await api.get<{ claims: { id: number; memberName: string }[] }>(`/duty/shifts/${firstShift.id}`);
  const claim = detail.claims.find((x) => x.memberName === name)!;
  await expect(page.getByTestId(`claim-status-${claim.id}`)).toHaveText('已认领');
  await page.getByTestId(`claim-checkin-${claim.id}`).click();
  await expect(page.getByTestId(`claim-status-${claim.id}`)).toHaveText('在岗');
  await shot(page, 'duty-staff-shift-phone');
  await api.dispose();
  await ctx.close();
});
