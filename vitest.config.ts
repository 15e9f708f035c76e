import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: { '@jiayuan/contracts': fileURLToPath(new URL('./contracts/src/index.ts', import.meta.url)) },
  },
  test: {
    include: ['contracts/src/**/*.test.ts', 'server/src/**/*.test.ts', 'web/src/**/*.test.ts'],
    testTimeout: 60000,
    hookTimeout: 120000,
    globalSetup: ['server/src/test-support/vitest-global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
  },
});
