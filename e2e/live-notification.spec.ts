import { expect, test } from '@playwright/test';
import { AdminApi, unique } from './support/api';
import { signIn } from './support/ui';

/** HH:mm in Shanghai, `minutes` from now. */
function shanghaiTime(minutes: number): { date: string; time: string } {
  const at = new Date(Date.now() + minutes * 60_000);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Asia/Shanghai',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

test('a late duty escalates and the notification arrives on an open page without reloading it', async ({ page, baseURL }) => {
  // The duty falls due at the next whole minute; escalation is then checked every few seconds.
  test.setTimeout(180_000);
  const api = await AdminApi.signIn(baseURL!);
  const s = unique();
  const c = await api.community(`丁社区${s}`);
  await api.user(`duty${s}`, '丁社区干事', ['community_staff'], { placeIds: [c.community] }, 'Duty-pass-1');

  await signIn(page, `duty${s}`, 'Duty-pass-1');
  await expect(page.getByTestId('live-status')).toHaveAttribute('data-connected', 'true');
  await expect(page.getByTestId('notification-badge')).toHaveAttribute('data-count', '0');
  await page.evaluate(() => ((globalThis as unknown as { marker: string }).marker = 'still the same page'));

  const due = shanghaiTime(1.1);
  await api.post('/obligation-rules', {
    kind: 'e2e.patrol',
    title: { 'zh-CN': '楼道巡查', 'en-US': 'Stairwell patrol' },
    placeId: c.community,
    responsibleRole: 'community_staff',
    recurrence: 'daily',
    interval: 1,
    times: [due.time],
    weekdays: [],
    startsOn: due.date,
    escalateAfterMinutes: 0,
    active: true,
  });
  await api.dispose();

  // The new duty shows up in the to-do list once it is reloaded by the user's action.
  await page.getByTestId('todo-tab-open').click();

  // Wait until the server has written the notification, then the badge must follow at once
  // (the bell's own polling is minutes apart, so only the live event can do this).
  await expect
    .poll(async () => (await (await page.request.get('/api/notifications?unreadOnly=true')).json()).unread as number, { timeout: 150_000, intervals: [1000] })
    .toBeGreaterThan(0);
  await expect(page.getByTestId('notification-badge')).not.toHaveAttribute('data-count', '0', { timeout: 5000 });
  await page.getByTestId('notification-bell').click();
  await expect(page.getByTestId('notification-list')).toContainText('逾期未办：楼道巡查');
  expect(await page.evaluate(() => (globalThis as unknown as { marker: string }).marker)).toBe('still the same page');
});
