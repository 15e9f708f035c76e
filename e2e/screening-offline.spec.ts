import { expect, request, test } from '@playwright/test';
import { DEFAULT_QUESTIONS } from '../contracts/src/screening';
import { AdminApi, apiSignIn, unique } from './support/api';
import { idNumber } from './support/people';
import { signIn } from './support/ui';

/** An API session of a staff user (their own cookie and CSRF token), as another system would hold. */
async function staffApi(baseURL: string, username: string, password: string) {
  const ctx = await request.newContext({ baseURL });
  const csrf = await apiSignIn(ctx, username, password);
  return {
    async post(path: string, data: unknown = {}) {
      const r = await ctx.post(`/api${path}`, { data, headers: { 'x-csrf-token': csrf } });
      expect(r.status(), `${path}: ${await r.text()}`).toBeLessThan(300);
      return r.json();
    },
    async get(path: string) {
      const r = await ctx.get(`/api${path}`);
      expect(r.status(), `${path}: ${await r.text()}`).toBe(200);
      return r.json();
    },
    dispose: () => ctx.dispose(),
  };
}

test('a screening visit recorded offline syncs once and only once after reconnecting', async ({ page, context, browser, baseURL }) => {
  const admin = await AdminApi.signIn(baseURL!);
  const s = unique();
  const c = await admin.community(`摸排社区${s}`);
  const head = await admin.post<{ id: number; householdId: number }>('/residents', {
    dwellingId: c.flats[0]!.id,
    name: '王建国',
    idNumber: idNumber('1968-03-04', 11),
  });
  await admin.post('/residents', { householdId: head.householdId, name: '李秀英', relation: 'spouse' });
  await admin.post('/residents', { dwellingId: c.flats[1]!.id, name: '赵明' });
  await admin.user(`coord${s}`, '文汇数据专班', ['department_coordinator'], { placeIds: [c.department] }, 'Coord-pass-1');
  await admin.user(`desk${s}`, '金春花', ['department_coordinator'], { placeIds: [c.department] }, 'Desk-pass-1');
  const volunteer = await admin.user(`vol${s}`, '志愿者小张', ['volunteer'], { placeIds: [c.community] }, 'Volunteer-pass-1');
  await admin.dispose();

  // The department runs a campaign with the standard questions and gives the building to the volunteer.
  const coord = await staffApi(baseURL!, `coord${s}`, 'Coord-pass-1');
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  const campaign = await coord.post('/screening/campaigns', {
    name: `返程人员入户摸排${s}`,
    placeIds: [c.community],
    questions: DEFAULT_QUESTIONS,
    startsOn: today,
    endsOn: today,
  });
  await coord.post(`/screening/campaigns/${campaign.id}/start`);
  await coord.post(`/screening/campaigns/${campaign.id}/assignments`, { userId: volunteer.user.id, buildingId: c.building });

  // The volunteer opens the phone page online once: the app and the list are kept on the phone.
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, `vol${s}`, 'Volunteer-pass-1');
  await page.goto('/screening/visit');
  // The service worker is installed and has kept the app shell (it precaches before activating).
  expect(
    await page.evaluate(async () => {
      const nav = (globalThis as unknown as { navigator: { serviceWorker: { ready: Promise<{ active: unknown }> } } }).navigator;
      return !!(await nav.serviceWorker.ready).active;
    }),
  ).toBe(true);
  await page.getByTestId(`campaign-${campaign.id}`).click();
  await expect(page.getByTestId(`household-${head.householdId}`)).toContainText('王建国');
  await expect(page.getByTestId('cache-age')).toContainText('名单更新于');
  await expect(page.getByTestId('pending-count')).toHaveAttribute('data-count', '0');

  // Offline, even after reloading the page: the service worker serves the app, IndexedDB the list.
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId('network-state')).toHaveAttribute('data-online', 'false');
  await page.getByTestId(`household-${head.householdId}`).click();
  await expect(page.getByTestId('visit-form')).toBeVisible();
  await page.getByTestId('q-0-returned-no').click();
  await page.getByTestId('q-0-symptoms-no').click();
  await page.getByTestId('q-0-temperature').fill('36.5');
  await page.getByTestId('q-1-returned-yes').click();
  await page.getByTestId('q-1-returnedFrom').fill('湖北武汉');
  await page.getByTestId('q-1-returnedRisk-high').click();
  await page.getByTestId('q-1-returnedOn').fill(today);
  await page.getByTestId('q-1-symptoms-no').click();
  await page.getByTestId('q-1-temperature').fill('37.8');
  await expect(page.getByTestId('person-1')).toContainText('需跟进');
  await page.getByTestId('save-visit').click();
  await expect(page.getByTestId('pending-count')).toHaveAttribute('data-count', '1');
  await expect(page.getByTestId('pending-count')).toContainText('1 条待上传');
  await expect(page.getByTestId(`household-${head.householdId}-outcome`)).toHaveText('已走访');

  // Meanwhile the department's data desk watches the campaign's progress page.
  const deskContext = await browser.newContext();
  const desk = await deskContext.newPage();
  await signIn(desk, `desk${s}`, 'Desk-pass-1');
  await desk.goto(`/screening/campaigns/${campaign.id}`);
  await expect(desk.getByTestId('coverage-live')).toHaveAttribute('data-live', 'true');
  const communityRow = desk.locator('tr', { has: desk.getByTestId(`coverage-row-community:${c.community}`) });
  await expect(communityRow.getByTestId('coverage-done')).toHaveText('0');

  // Back online: the first upload reaches the server but its answer is lost on the way back.
  let lostBody: string | null = null;
  await context.route('**/api/screening/sync', async (route) => {
    if (lostBody === null) {
      lostBody = route.request().postData();
      await route.fetch();
      await route.abort('connectionreset');
    } else await route.continue();
  });
  await context.setOffline(false);
  await expect.poll(() => lostBody !== null, { timeout: 30_000 }).toBe(true);
  await expect(page.getByTestId('pending-count')).toHaveAttribute('data-count', '1');

  // The phone sends it again once the failed upload has finished (a busy button takes no click):
  // the server already has it, so nothing new is stored.
  await expect(page.getByTestId('sync-now')).toHaveAttribute('data-syncing', 'false');
  const resent = page.waitForResponse((r) => r.url().endsWith('/api/screening/sync') && r.request().method() === 'POST');
  await page.getByTestId('sync-now').click();
  // The server answers that it already had the visit: stored none, one duplicate.
  expect(await (await resent).json()).toMatchObject({ stored: 0, duplicates: 1 });
  await expect(page.getByTestId('pending-count')).toHaveAttribute('data-count', '0');
  await expect(page.getByTestId('pending-count')).toContainText('全部已上传');
  // Counts a second copy would change: still one household visit, two person visits, one finding.
  const afterResend = await coord.get(`/screening/campaigns/${campaign.id}/coverage?level=building`);
  expect(afterResend.totals).toMatchObject({ householdVisits: 1, personVisits: 2, findings: 1 });

  // The desk's page shows the household done, without being reloaded.
  await expect(communityRow.getByTestId('coverage-done')).toHaveText('1');
  await deskContext.close();

  // And the very same request, repeated twice more, still stores nothing.
  const csrf = (await (await page.request.get('/api/me')).json()).csrfToken as string;
  for (let i = 0; i < 2; i++) {
    const again = await page.request.post('/api/screening/sync', {
      data: JSON.parse(lostBody!),
      headers: { 'x-csrf-token': csrf, 'content-type': 'application/json' },
    });
    expect(again.status()).toBe(200);
    expect(await again.json()).toMatchObject({ stored: 0, duplicates: 1 });
  }

  // One household visit, two person visits, one person to follow up (fever, risk area).
  const coverage = await coord.get(`/screening/campaigns/${campaign.id}/coverage?level=building`);
  expect(coverage.totals).toMatchObject({ households: 2, done: 1, householdVisits: 1, personVisits: 2, findings: 1 });
  const findings = await coord.get(`/screening/campaigns/${campaign.id}/findings`);
  expect(findings.items).toHaveLength(1);
  expect(findings.items[0]).toMatchObject({ personName: '李秀英', temperature: 37.8 });
  expect(findings.items[0].reasons.sort()).toEqual(['fever', 'risk_area']);
  await coord.dispose();
});
