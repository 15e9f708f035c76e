import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { PLACE_IMPORT_COLUMNS } from '../server/src/modules/registry/place-import.columns';
import { expectAccessible } from './support/axe';
import { signIn } from './support/ui';
import { templateWorkbook } from './support/workbook';

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
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    JIAYUAN_ADMIN_PASSWORD: PASSWORD,
    LOG_LEVEL: 'warn',
  };
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

type PlaceRow = Partial<Record<(typeof PLACE_IMPORT_COLUMNS)[number]['key'], string>>;

/** A place-tree workbook laid out like the template: one path per row. */
const placeWorkbook = (rows: PlaceRow[]) => templateWorkbook(PLACE_IMPORT_COLUMNS, rows, '区域');

test('a new admin on a phone imports the place tree from Excel: a faulty row is named, the rest goes in and shows in 区域', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const center = '西城社会化服务协调中心';
  const at = (building: string, stairwell: string, dwelling: string): PlaceRow => ({
    department: '文汇居民事务协调部',
    community: '荟萃社区',
    compound: '建工小区',
    building,
    stairwell,
    dwelling,
  });
  await signIn(page, 'admin', PASSWORD);
  await expect(page).toHaveURL(/\/setup$/);
  await page.getByTestId('setup-tab-import').click();
  await expect(page.getByTestId('import-template')).toHaveAttribute('href', /\/api\/places\/import-template\.xlsx$/);
  await expectAccessible(page, '/setup, 从 Excel 导入区域');
  // No centre yet: its name is given on the page, the file leaves the column empty.
  await page.getByTestId('setup-import-center').fill(center);
  const file = await placeWorkbook([
    { department: '文汇居民事务协调部', community: '敬业社区' },
    at('3号楼', '1单元', '101'),
    at('3号楼', '1单元', '102'),
    { department: '文汇居民事务协调部', community: '荟萃社区', building: '4号楼', stairwell: '1单元' }, // row 5: the compound is missing
    { department: '滨南居民事务协调部', community: '滨南社区', station: '滨南协调站', compound: '石油小区', building: '1号楼' },
  ]);
  await page
    .getByTestId('import-upload')
    .setInputFiles({ name: '区域.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: file });
  await expect(page.getByTestId('import-result')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('import-error-count')).toContainText('1');
  const errors = page.getByTestId('import-errors-table');
  await expect(errors).toContainText('小区');
  await expect(errors).toContainText('这一级为空，但后面填写了下级区域');
  await page.screenshot({ path: path.join(os.tmpdir(), 'place-import-phone-checked.png'), fullPage: true });
  await page.getByTestId('import-commit-valid').click();
  // centre, 2 departments, 3 communities, 1 station, 2 compounds, 2 buildings, 1 stairwell, 2 flats
  await expect(page.getByTestId('import-done')).toContainText('成功建立 14 个区域');
  await page.screenshot({ path: path.join(os.tmpdir(), 'place-import-phone-done.png'), fullPage: true });

  await page.getByTestId('import-view-places').click();
  await expect(page).toHaveURL(/\/registry$/);
  const tree = page.getByTestId('place-tree');
  await expect(tree).toContainText(center);
  // Down to the flats, read back through the API the page uses.
  const made = await page.evaluate(async () => {
    const get = async (q: string) => ((await (await fetch(`/api/places${q}`)).json()) as { items: { id: number; name: string; type: string }[] }).items;
    const walk = async (parentId: number | null, prefix: string): Promise<string[]> => {
      const items = await get(parentId === null ? '' : `?parentId=${parentId}`);
      const out: string[] = [];
      for (const p of items) {
        const label = `${prefix}${p.name}`;
        out.push(label, ...(await walk(p.id, `${label}/`)));
      }
      return out;
    };
    return walk(null, '');
  });
  expect(made.filter((p) => p.endsWith('/101') || p.endsWith('/102') || p.endsWith('/1号楼') || p.endsWith('敬业社区')).sort()).toEqual(
    [
      `${center}/文汇居民事务协调部/荟萃社区/建工小区/3号楼/1单元/101`,
      `${center}/文汇居民事务协调部/荟萃社区/建工小区/3号楼/1单元/102`,
      `${center}/文汇居民事务协调部/敬业社区`,
      `${center}/滨南居民事务协调部/滨南社区/滨南协调站/石油小区/1号楼`,
    ].sort(),
  );
  expect(made.some((p) => p.includes('4号楼'))).toBe(false);
  await page.screenshot({ path: path.join(os.tmpdir(), 'place-import-phone-registry.png'), fullPage: true });
});
