/**
 * bench:web — the bytes of JavaScript a browser fetches on a first load: the sign-in page, and
 * the console's first screen of a community worker (their to-dos), in Chromium with an empty
 * cache, counted from the script responses as they came over the wire. Each is measured as a
 * browser gets it (brotli), asking for gzip only, and with no compression at all (the baseline:
 * how the server sent them before). Needs the build: `npx tsc -b server && npm run build -w web`.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, expect, request, type Page } from '@playwright/test';
import { measureFirstLoad, signedInState, type Encoding, type FirstLoad } from '../../e2e/support/first-load.js';
import { machine, writeResults } from '../lib/bench-db.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const port = Number(process.env.BENCH_PORT ?? 3214);
const baseURL = `http://127.0.0.1:${port}`;
const ADMIN_PASSWORD = 'Bench-admin-pass-1';

for (const built of ['server/dist/main.js', 'web/dist/index.html']) {
  if (!fs.existsSync(path.join(root, built))) throw new Error(`${built} is missing: run \`npx tsc -b server && npm run build -w web\` first`);
}
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiayuan-bench-web-'));
const env: NodeJS.ProcessEnv = {
  ...process.env,
  PORT: String(port),
  HOST: '127.0.0.1',
  DATA_DIR: dataDir,
  JIAYUAN_ADMIN_PASSWORD: ADMIN_PASSWORD,
  LOG_LEVEL: 'warn',
};
delete env.DATABASE_URL;
const server = spawn(process.execPath, ['server/dist/main.js'], { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'] });

async function up() {
  for (let i = 0; i < 600; i++) {
    if (
      await fetch(`${baseURL}/healthz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error('the server did not start');
}

/** A community and a community worker to sign in as. */
async function seed(): Promise<{ username: string; coordinator: string; password: string }> {
  const ctx = await request.newContext({ baseURL });
  await ctx.post('/api/auth/login', { data: { username: 'admin', password: ADMIN_PASSWORD } });
  const { csrfToken } = (await (await ctx.get('/api/me')).json()) as { csrfToken: string };
  const post = async (p: string, data: unknown) => {
    const r = await ctx.post(`/api${p}`, { data, headers: { 'x-csrf-token': csrfToken } });
    expect(r.status(), `${p}: ${await r.text()}`).toBeLessThan(300);
    return (await r.json()) as { id: number };
  };
  const centre = await post('/places', { parentId: null, type: 'center', name: '测速中心' });
  const dept = await post('/places', { parentId: centre.id, type: 'department', name: '测速协调部' });
  const community = await post('/places', { parentId: dept.id, type: 'community', name: '测速社区' });
  const password = 'Bench-staff-pass-1';
  await post('/users', {
    username: 'benchstaff',
    displayName: '社区干部',
    roles: ['community_staff'],
    scope: { all: false, placeIds: [community.id], employerIds: [] },
    password,
  });
  await post('/users', {
    username: 'benchcoord',
    displayName: '协调部专班人员',
    roles: ['department_coordinator'],
    scope: { all: false, placeIds: [dept.id], employerIds: [] },
    password,
  });
  await ctx.dispose();
  return { username: 'benchstaff', coordinator: 'benchcoord', password };
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

try {
  await up();
  const staff = await seed();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic'],
  });
  const state = await signedInState(browser, baseURL, staff.username, staff.password);
  const coordState = await signedInState(browser, baseURL, staff.coordinator, staff.password);
  const pages = {
    'sign-in page (/login)': { path: '/login', storageState: undefined, ready: async (p: Page) => expect(p.getByTestId('login-submit')).toBeVisible() },
    'console first screen (/ → /todos, community worker)': {
      path: '/',
      storageState: state,
      ready: async (p: Page) => {
        await expect(p).toHaveURL(/\/todos$/, { timeout: 60_000 });
        await expect(p.getByRole('heading', { level: 1 })).toBeVisible({ timeout: 60_000 });
      },
    },
    'console first screen (/ → /dashboard, department coordinator)': {
      path: '/',
      storageState: coordState,
      ready: async (p: Page) => {
        await expect(p).toHaveURL(/\/dashboard$/, { timeout: 60_000 });
        await expect(p.getByRole('heading', { level: 1 })).toBeVisible({ timeout: 60_000 });
      },
    },
  };
  const rows: string[] = [];
  const figures: Record<string, Record<Encoding, FirstLoad>> = {};
  for (const [name, pg] of Object.entries(pages)) {
    figures[name] = {} as Record<Encoding, FirstLoad>;
    for (const encoding of ['br', 'gzip', 'identity'] as const) {
      figures[name][encoding] = await measureFirstLoad(browser, { baseURL, path: pg.path, encoding, storageState: pg.storageState, ready: pg.ready });
    }
    const f = figures[name];
    rows.push(
      `| ${name} | ${f.gzip.scripts} | ${kb(f.identity.transferred)} | **${kb(f.gzip.transferred)}** (${(f.identity.transferred / f.gzip.transferred).toFixed(1)}× less) | ${kb(f.br.transferred)} (${(f.identity.transferred / f.br.transferred).toFixed(1)}× less) |`,
    );
    process.stdout.write(
      `${name}: ${f.gzip.scripts} scripts; raw ${kb(f.identity.transferred)}, gzip ${kb(f.gzip.transferred)}, brotli ${kb(f.br.transferred)}\n`,
    );
    process.stdout.write(`  gzip by file: ${f.gzip.files.map((x) => `${x.name} ${kb(x.transferred)}`).join(', ')}\n`);
  }
  const version = browser.version();
  await browser.close();
  const date = new Date().toISOString().slice(0, 10);
  await writeResults(
    'web',
    `## bench/web — ${date}

Command: \`npm run bench:web\` (the built app served by the API server on PGlite; Chromium ${version}, empty cache, service worker blocked; ${machine()})

JavaScript fetched on a first load, the bytes of the script responses as they came over the wire.
Baseline: the same pages with no compression (how every asset was sent before); the issue's
review measured 1.9 MB raw / ~611 KB gzipped before the pages were split.

| page | scripts | uncompressed (baseline) | gzip | brotli (what Chromium gets) |
|---|---|---|---|---|
${rows.join('\n')}
`,
  );
} finally {
  server.kill('SIGTERM');
  fs.rmSync(dataDir, { recursive: true, force: true });
}
