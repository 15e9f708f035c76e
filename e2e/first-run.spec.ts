import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { signIn } from './support/ui';

/**
 * A fresh install, honestly fresh: the suite's shared server has places made by other journeys,
 * so this one starts its own server on an empty data folder (PGlite) and its own port, where the
 * only thing that exists is the first admin (one server per test, so each size starts empty).
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const port = Number(process.env.E2E_PORT ?? 3199) + 50;
const baseURL = `http://127.0.0.1:${port}`;
const PASSWORD = 'First-run-admin-1';
let server: ChildProcess;
let dataDir: string;
let output = '';

test.use({ baseURL });
// Two servers on a shared two-core machine: starting one and signing in takes its time.
test.setTimeout(360_000);

test.beforeEach(async () => {
  output = '';
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiayuan-first-run-'));
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, JIAYUAN_ADMIN_PASSWORD: PASSWORD, LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  server = spawn(process.execPath, ['server/dist/main.js'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  server.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  server.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  await expect(async () => {
    if (server.exitCode !== null) throw new Error(`the fresh server exited:\n${output}`);
    expect((await fetch(`${baseURL}/healthz`)).ok).toBe(true);
  }).toPass({ timeout: 150_000 });
});

test.afterEach(async () => {
  if (server.exitCode === null && server.signalCode === null) {
    const exited = new Promise((r) => server.once('exit', r));
    server.kill('SIGTERM');
    const t = setTimeout(() => server.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(t);
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
});

for (const size of [
  { name: 'phone', viewport: { width: 390, height: 844 } },
  { name: 'desktop', viewport: { width: 1440, height: 900 } },
]) {
  test(`a new admin is led from an empty install to the first places (${size.name})`, async ({ page }) => {
    await page.setViewportSize(size.viewport);
    const center = '西城社会化服务协调中心';
    await signIn(page, 'admin', PASSWORD);
    // Nothing exists yet: the admin's first screen is the setup, not an empty to-do list.
    await expect(page).toHaveURL(/\/setup$/);
    await expect(page.getByTestId('setup-has-tree')).toHaveCount(0);
    // 区域 says what is missing and where to start.
    await page.goto('/registry');
    await expect(page.getByTestId('registry-first-run')).toContainText('还没有任何区域');
    await page.getByTestId('registry-start-setup').click();
    await expect(page).toHaveURL(/\/setup$/);

    // Submitting nothing says what is missing, in words.
    await page.getByTestId('setup-submit').click();
    await expect(page.getByTestId('setup-form')).toContainText('协调中心名称不能为空');

    await page.getByTestId('setup-center').fill(center);
    await page.getByTestId('setup-department-name-0').fill('文汇居民事务协调部');
    const communities = page.getByTestId('setup-communities-0').locator('input');
    await communities.fill('荟萃社区');
    await communities.press('Enter');
    await communities.fill('敬业社区，龙潭社区');
    await communities.press('Enter');
    await page.getByTestId('setup-add-department').click();
    await page.getByTestId('setup-department-name-1').fill('滨南居民事务协调部');
    const second = page.getByTestId('setup-communities-1').locator('input');
    await second.fill('滨南社区');
    await second.press('Enter');
    await page.getByTestId('setup-submit').click();
    await expect(page.getByTestId('setup-done')).toHaveText('已建立 7 个区域');

    await page.getByTestId('setup-open-tree').click();
    const tree = page.getByTestId('place-tree');
    await expect(tree).toContainText(center);
    await expect(tree).toContainText('文汇居民事务协调部');
    await expect(tree).toContainText('滨南居民事务协调部');

    // What was made is exactly what was typed (read back through the API the page uses).
    const made = await page.evaluate(async (name) => {
      const get = async (q: string) => ((await (await fetch(`/api/places${q}`)).json()) as { items: { id: number; name: string; type: string }[] }).items;
      const c = (await get('')).find((p) => p.name === name)!;
      const departments = await get(`?parentId=${c.id}`);
      return Promise.all(departments.map(async (d) => `${d.name}: ${(await get(`?parentId=${d.id}`)).map((x) => x.name).join('、')}`));
    }, center);
    expect(made).toEqual(['文汇居民事务协调部: 荟萃社区、敬业社区、龙潭社区', '滨南居民事务协调部: 滨南社区']);
    await page.screenshot({ path: path.join(os.tmpdir(), `words-first-run-${size.name}.png`), fullPage: true });
    // Now that places exist, the admin's first screen is no longer the setup.
    await page.goto('/');
    await expect(page).not.toHaveURL(/\/setup$/);
  });
}
