import { defineConfig } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 3199);
/** Where results go: CI runs the suite on two databases at once, each into its own folder. */
const outputDir = process.env.E2E_OUTPUT_DIR ?? 'test-results';

/**
 * Browser journeys against the real server (built: `npx tsc -b server && npm run build -w web`).
 * The global setup starts it on a fresh data folder (or a fresh PostgreSQL database when
 * TEST_DATABASE_URL is set) and stops it afterwards.
 */
export default defineConfig({
  testDir: './e2e',
  testMatch: '**/*.spec.ts',
  globalSetup: './e2e/support/global-setup.ts',
  // A `test.only` left in a spec would make CI run one journey and pass (lint refuses it too).
  forbidOnly: !!process.env.CI,
  fullyParallel: false,
  // Journeys are independent (each makes its own places and people); E2E_WORKERS runs several at once.
  workers: Number(process.env.E2E_WORKERS ?? 1),
  timeout: 120_000,
  expect: { timeout: 15_000 },
  retries: 0,
  outputDir,
  reporter: process.env.CI ? [['list'], ['html', { open: 'never', outputFolder: `${outputDir}-report` }]] : 'list',
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1440, height: 900 },
    reducedMotion: process.env.E2E_MOTION === '1' ? 'no-preference' : 'reduce',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic'],
    },
  },
});
