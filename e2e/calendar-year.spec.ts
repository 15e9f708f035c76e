import { expect, test } from '@playwright/test';
import { AdminApi, unique } from './support/api';
import { signIn } from './support/ui';

interface Range {
  missingYears: number[];
  days: Array<{ date: string; workday: boolean; holiday: string | null; source: string }>;
}

/**
 * An administrator enters the coming year's holiday arrangement in one form, as the State
 * Council publishes it, after the calendar page has said loudly that it is missing. The server
 * runs on the real clock, so the year is whichever one the page asks for (from 1 November, the
 * next; before that, a current year without an arrangement).
 */
test('an administrator enters the missing year’s holiday arrangement from the banner, and the calendar follows it', async ({ page, baseURL }) => {
  const s = unique();
  const admin = await AdminApi.signIn(baseURL!);
  const pw = 'Cal-pass-1234';
  await admin.user(`cal${s}`, '系统管理员', ['admin'], { all: true }, pw);
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  const missing = (await admin.get<Range>(`/calendar?from=${today}&to=${today}`)).missingYears;
  // The locked holiday package has no year past 2026, so there is always one to ask for; a package that covers the
  // coming year makes this fail loudly rather than pass without testing anything.
  expect(missing.length, 'a year the page asks for (the holiday package covers none past 2026)').toBeGreaterThan(0);
  const year = missing[0]!;

  await signIn(page, `cal${s}`, pw);
  await page.goto('/admin/calendar');
  const banner = page.getByTestId('calendar-missing');
  await expect(banner).toContainText(`${year} 年节假日安排尚未录入`);
  await page.getByTestId('calendar-enter-missing').click();

  // The form opens with the statutory default as a proposal: seven festivals, lunar dates converted.
  await expect(page.getByTestId('year-status')).toContainText('法定节日默认（安排未录入）');
  await expect(page.getByTestId('year-holiday-row')).toHaveCount(7);
  await expect(page.getByTestId('year-holiday-row').first()).toContainText('元旦');

  // The notice gives a make-up working day: say the first Saturday of March (no festival near it).
  let sat = new Date(Date.UTC(year, 2, 1));
  while (sat.getUTCDay() !== 6) sat = new Date(sat.getTime() + 86400000);
  const makeUp = sat.toISOString().slice(0, 10);
  await page.getByTestId('year-add-makeup').click();
  const picker = page.getByTestId('year-makeup-row').last().getByLabel('日期');
  await picker.click();
  await picker.fill(makeUp);
  await picker.press('Enter');
  await page.getByTestId('year-save').click();
  await expect(page.getByText(`${year} 年节假日安排已保存`)).toBeVisible();
  await expect(banner).toHaveCount(0);

  // The calendar and the API follow the entered arrangement at once.
  await expect(page.getByTestId('calendar-year-status')).toHaveText('已录入');
  const worked = (await admin.get<Range>(`/calendar?from=${makeUp}&to=${makeUp}`)).days[0]!;
  expect(worked).toMatchObject({ workday: true, source: 'arrangement' });
  const newYear = (await admin.get<Range>(`/calendar?from=${year}-01-01&to=${year}-01-01`)).days[0]!;
  expect(newYear).toMatchObject({ workday: false, holiday: 'new_year', source: 'arrangement' });
  await expect(page.getByTestId('calendar')).toContainText('元旦');

  // At phone size the year's form is usable too.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByTestId('calendar-edit-year').click();
  await expect(page.getByTestId('year-status')).toContainText('已录入');
  await expect(page.getByTestId('year-save')).toBeInViewport();
  await admin.dispose();
});
