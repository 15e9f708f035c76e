import crypto from 'node:crypto';
import { chromium, expect, test, type Browser, type Page } from '@playwright/test';
import { AdminApi, unique } from './support/api';
import { qrVideo } from './support/camera';
import { idNumber } from './support/people';
import { signIn } from './support/ui';

/** A browser whose camera shows one QR code (Chromium's fake capture device fed a Y4M video). */
function cameraBrowser(token: string): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-quic',
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${qrVideo(token)}`,
    ],
  });
}

const shot = async (page: Page, name: string) => {
  if (process.env.E2E_SHOTS) await page.screenshot({ path: `${process.env.E2E_SHOTS}/${name}.png`, fullPage: true });
};

test('the gate scanner allows a valid pass, refuses a revoked one, and keeps verifying offline, syncing each scan exactly once', async ({
  baseURL,
  browser,
}) => {
  test.setTimeout(240_000);
  const admin = await AdminApi.signIn(baseURL!);
  const s = unique();
  const c = await admin.community(`门岗社区${s}`);
  const zhang = await admin.resident(c.flats[0]!.id, '张建国', idNumber('1979-03-05', 21));
  const li = await admin.resident(c.flats[1]!.id, '李秀英', idNumber('1982-06-07', 22));
  await admin.user(`coord${s}`, '居委会小刘', ['community_staff'], { placeIds: [c.community] }, 'Coord-pass-1');
  await admin.user(`guard${s}`, '门岗老王', ['property_staff'], { placeIds: [c.compound] }, 'Guard-pass-1');
  await admin.dispose();

  // The committee registers the gate and issues two health passes; one is lost and revoked.
  const coord = await AdminApi.as(baseURL!, `coord${s}`, 'Coord-pass-1');
  const gate = await coord.post<{ id: number }>('/access/gates', { name: `东门${s}`, kind: 'gate', placeId: c.compound });
  const valid = await coord.post<{ id: number; token: string }>('/access/passes', { kind: 'health_pass', residentId: zhang.id });
  const lost = await coord.post<{ id: number; token: string; version: number }>('/access/passes', { kind: 'health_pass', residentId: li.id });
  await coord.post(`/access/passes/${lost.id}/revoke`, { reason: '卡片遗失', version: lost.version });
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  const figures = async () => {
    const f = await coord.get<{ items: { gateId: number; entries: number; refused: number }[] }>(`/access/figures?from=${today}&to=${today}&gateId=${gate.id}`);
    const row = f.items[0];
    return { entries: row?.entries ?? 0, refused: row?.refused ?? 0, total: (row?.entries ?? 0) + (row?.refused ?? 0) };
  };
  expect(await figures()).toEqual({ entries: 0, refused: 0, total: 0 });

  // 1. The guard's phone scans the valid pass: a big green ALLOWED, checked online, uploaded at once.
  const phoneWithValid = await cameraBrowser(valid.token);
  try {
    const ctx = await phoneWithValid.newContext({
      baseURL,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      viewport: { width: 390, height: 844 },
      permissions: ['camera'],
    });
    const page = await ctx.newPage();
    await signIn(page, `guard${s}`, 'Guard-pass-1');
    await page.goto('/gate');
    await expect(page.getByTestId('lists-age')).toHaveAttribute('data-stale', 'false');
    await expect(page.getByTestId('lists-age')).toContainText('名单更新于');
    const result = page.getByTestId('gate-result');
    await expect(result).toHaveAttribute('data-decision', 'allowed', { timeout: 30_000 });
    await expect(result).toHaveAttribute('data-source', 'server');
    await expect(result).toContainText('通行');
    await expect(result).toContainText('张*国');
    await shot(page, 'gate-allowed');
    await expect(page.getByTestId('pending-count')).toHaveAttribute('data-count', '0');
    await expect.poll(async () => (await figures()).entries).toBe(1);

    // 2. The network drops: scans still verify with the cached keys and lists, and wait on the phone.
    await ctx.setOffline(true);
    await expect(page.getByTestId('network-state')).toHaveAttribute('data-online', 'false');
    for (let i = 1; i <= 2; i++) {
      await page.getByTestId('next-scan').click();
      await expect(result).toHaveAttribute('data-source', 'offline', { timeout: 30_000 });
      await expect(result).toHaveAttribute('data-decision', 'allowed');
      await expect(page.getByTestId('pending-count')).toHaveAttribute('data-count', String(i));
    }
    await expect(page.getByTestId('pending-count')).toContainText('2 条待上传');
    await shot(page, 'gate-offline');
    expect((await figures()).entries).toBe(1);

    // 3. Back online: the two queued scans upload, once.
    const uploads: string[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('/api/access/gate/events/sync')) uploads.push(r.postData() ?? '');
    });
    await ctx.setOffline(false);
    await expect(page.getByTestId('pending-count')).toHaveAttribute('data-count', '0', { timeout: 30_000 });
    await expect.poll(async () => (await figures()).entries).toBe(3);
    expect(uploads).toHaveLength(1);
    expect(JSON.parse(uploads[0]!).events).toHaveLength(2);
    // The very same upload, sent again (an answer lost on the way back), stores nothing new.
    const csrf = (await (await page.request.get('/api/me')).json()).csrfToken as string;
    const again = await page.request.post('/api/access/gate/events/sync', { data: JSON.parse(uploads[0]!), headers: { 'x-csrf-token': csrf } });
    expect(await again.json()).toEqual({ accepted: 0, duplicates: 2, fevers: 0 });
    // Nothing else is on its way: the answer came after its commit, the phone holds nothing to
    // send, and it uploaded once; so the figures stand at three.
    await expect(page.getByTestId('pending-count')).toHaveAttribute('data-count', '0');
    expect(uploads).toHaveLength(1);
    expect(await figures()).toEqual({ entries: 3, refused: 0, total: 3 });
    await ctx.close();
  } finally {
    await phoneWithValid.close();
  }

  // 4. The revoked pass: a big red REFUSED with its reason, online and offline alike.
  const phoneWithLost = await cameraBrowser(lost.token);
  try {
    const ctx = await phoneWithLost.newContext({
      baseURL,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      viewport: { width: 390, height: 844 },
      permissions: ['camera'],
    });
    const page = await ctx.newPage();
    await signIn(page, `guard${s}`, 'Guard-pass-1-new');
    await page.goto('/gate');
    const result = page.getByTestId('gate-result');
    await expect(result).toHaveAttribute('data-decision', 'refused', { timeout: 30_000 });
    await expect(result).toHaveAttribute('data-reason', 'revoked');
    await expect(result).toContainText('禁止通行');
    await expect(result).toContainText('通行证已注销');
    await shot(page, 'gate-refused');
    await expect(page.getByTestId('lists-age')).toHaveAttribute('data-stale', 'false');
    await ctx.setOffline(true);
    await page.getByTestId('next-scan').click();
    await expect(result).toHaveAttribute('data-source', 'offline', { timeout: 30_000 });
    await expect(result).toHaveAttribute('data-reason', 'revoked');
    await expect(page.getByTestId('pending-count')).toHaveAttribute('data-count', '1');
    await ctx.setOffline(false);
    await expect(page.getByTestId('pending-count')).toHaveAttribute('data-count', '0', { timeout: 30_000 });
    await expect.poll(async () => (await figures()).refused).toBe(2);
    expect(await figures()).toEqual({ entries: 3, refused: 2, total: 5 });
    await ctx.close();
  } finally {
    await phoneWithLost.close();
  }

  // 5. The committee, on a phone, drills from the figures to the registrations they count.
  const ctx = await browser.newContext({ baseURL, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 390, height: 844 } });
  const page = await ctx.newPage();
  await signIn(page, `coord${s}`, 'Coord-pass-1-new');
  await page.goto(`/access/figures?from=${today}&to=${today}`);
  await page.getByTestId(`drill-entries-${gate.id}-${today}`).click();
  await expect(page).toHaveURL(new RegExp(`/access/events\\?.*kind=entries`));
  const rows = page.getByTestId('gate-events').locator('tbody tr.ant-table-row');
  await expect(rows).toHaveCount(3);
  for (const row of await rows.all()) await expect(row).toContainText('张*国');
  await expect(page.getByTestId('gate-events')).not.toContainText('张建国');
  await shot(page, 'gate-events-phone');
  await page.getByRole('button', { name: '返回通行统计' }).click();
  await page.getByTestId('gate-figures').getByText('通行证已注销 2').click();
  await expect(rows).toHaveCount(2);
  for (const row of await rows.all()) await expect(row).toContainText('通行证已注销');
  await ctx.close();
  await coord.dispose();
});

test('a pass issued for another compound is refused at this gate, online and offline, with a reason the guard understands (zh-CN and en-US)', async ({
  baseURL,
}) => {
  const admin = await AdminApi.signIn(baseURL!);
  const s = unique();
  const here = await admin.community(`本小区社区${s}`);
  const there = await admin.community(`他小区社区${s}`, { centre: here.centre });
  const zhao = await admin.resident(there.flats[0]!.id, '赵外来', idNumber('1985-02-03', 31));
  await admin.user(`hcoord${s}`, '居委会小陈', ['community_staff'], { placeIds: [here.community] }, 'Coord-pass-2');
  await admin.user(`tcoord${s}`, '居委会小孙', ['community_staff'], { placeIds: [there.community] }, 'Coord-pass-3');
  await admin.user(`wguard${s}`, '门岗老赵', ['property_staff'], { placeIds: [here.compound] }, 'Guard-pass-2');
  await admin.dispose();
  // The other community's committee issues its resident a health pass; this compound has its gate.
  const coordThere = await AdminApi.as(baseURL!, `tcoord${s}`, 'Coord-pass-3');
  const elsewhere = await coordThere.post<{ id: number; token: string }>('/access/passes', { kind: 'health_pass', residentId: zhao.id });
  await coordThere.dispose();
  const coordHere = await AdminApi.as(baseURL!, `hcoord${s}`, 'Coord-pass-2');
  const gate = await coordHere.post<{ id: number }>('/access/gates', { name: `西门${s}`, kind: 'gate', placeId: here.compound });
  await coordHere.dispose();

  const phone = await cameraBrowser(elsewhere.token);
  try {
    for (const locale of ['zh-CN', 'en-US'] as const) {
      const ctx = await phone.newContext({ baseURL, locale, timezoneId: 'Asia/Shanghai', viewport: { width: 390, height: 844 }, permissions: ['camera'] });
      const page = await ctx.newPage();
      await signIn(page, `wguard${s}`, locale === 'zh-CN' ? 'Guard-pass-2' : 'Guard-pass-2-new');
      if (locale === 'en-US') {
        // The guard picks English (kept with their account), then opens the scanner.
        const saved = page.waitForResponse((r) => r.url().endsWith('/api/me/language'));
        await page.getByTestId('lang-en').click();
        expect((await saved).status()).toBe(200);
      }
      await page.goto('/gate');
      const result = page.getByTestId('gate-result');
      await expect(result).toHaveAttribute('data-decision', 'refused', { timeout: 30_000 });
      await expect(result).toHaveAttribute('data-source', 'server');
      await expect(result).toHaveAttribute('data-reason', 'wrong_place');
      await expect(result).toContainText(locale === 'zh-CN' ? '非本小区（本卡口辖区）的通行证，请按外来人员登记' : 'This pass is for another compound');
      await shot(page, `gate-wrong-place-${locale}`);
      if (locale === 'zh-CN') {
        // Offline the phone decides the same with the gate's place it keeps.
        await expect(page.getByTestId('lists-age')).toHaveAttribute('data-stale', 'false');
        await ctx.setOffline(true);
        await page.getByTestId('next-scan').click();
        await expect(result).toHaveAttribute('data-source', 'offline', { timeout: 30_000 });
        await expect(result).toHaveAttribute('data-reason', 'wrong_place');
        await ctx.setOffline(false);
        await expect(page.getByTestId('pending-count')).toHaveAttribute('data-count', '0', { timeout: 30_000 });

        // A phone that queued an "allowed" passage on this pass before it knew the rule: the server
        // refuses that one event; it is set aside with the reason, and the next one still goes up.
        const at = new Date().toISOString();
        const queued = (clientId: string, decision: string, reason: string | null, passId: number | null) => ({
          clientId,
          userId: 1,
          status: 'pending',
          createdAt: at,
          event: { clientId, gateId: gate.id, at, subject: 'person', direction: 'in', decision, reason, passId },
        });
        const old = crypto.randomUUID();
        const after = crypto.randomUUID();
        const rows = [
          queued(old, 'allowed', null, elsewhere.id),
          { ...queued(after, 'refused', 'no_pass', null), createdAt: new Date(Date.now() + 1).toISOString() },
        ];
        // Written straight into the device's store (IndexedDB 'jiayuan-gate', as gate-store.ts keeps it).
        await page.evaluate(`new Promise((ok, no) => {
          const r = indexedDB.open('jiayuan-gate');
          r.onerror = () => no(r.error);
          r.onsuccess = () => {
            const tx = r.result.transaction('queue', 'readwrite');
            for (const row of ${JSON.stringify(rows)}) tx.objectStore('queue').put(row);
            tx.oncomplete = () => { r.result.close(); ok(); };
            tx.onerror = () => no(tx.error);
          };
        })`);
        await page.reload();
        await expect(page.getByTestId('pending-count')).toHaveAttribute('data-count', '0', { timeout: 30_000 });
        await expect(page.getByTestId('rejected-count')).toHaveAttribute('data-count', '1');
        await page.getByTestId('rejected-count').click();
        await expect(page.getByTestId('rejected-item')).toHaveCount(1);
        await expect(page.getByTestId('rejected-item')).toContainText(/通行证|门岗|小区/);
        await shot(page, 'gate-rejected');
        // The one after it reached the server (one no_pass refusal at this gate); the refused one did not.
        const check = await AdminApi.as(baseURL!, `hcoord${s}`, 'Coord-pass-2-new');
        const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
        const events = await check.get<{ items: { decision: string; reason: string | null }[] }>(`/access/events?from=${today}&to=${today}&gateId=${gate.id}`);
        await check.dispose();
        expect(events.items.filter((e) => e.reason === 'no_pass')).toHaveLength(1);
        expect(events.items.filter((e) => e.decision === 'allowed')).toHaveLength(0);
      }
      await ctx.close();
    }
  } finally {
    await phone.close();
  }
});
