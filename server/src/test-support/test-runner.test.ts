import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fs from 'node:fs';
import { ESLint } from 'eslint';
import { describe, expect, it, vi } from 'vitest';
import { NEEDS_POSTGRES, skippedIn } from '../../../scripts/test-report.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const testScript = (...args: string[]) => spawnSync(process.execPath, ['scripts/test.mjs', ...args], { cwd: root, encoding: 'utf8' });

describe('npm test', () => {
  it('refuses a part it does not know, naming the parts it has, and runs nothing', () => {
    for (const args of [['nonsense'], ['unit', 'server/src/x.test.ts']]) {
      const r = testScript(...args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toContain('`npm test -- check`, `npm test -- unit`, `npm test -- e2e`');
      expect(r.stdout).not.toContain('passed');
      expect(r.stdout).not.toContain('▶');
    }
  });

  it('counts the tests that need PostgreSQL as not run on PGlite, and any other skip as unexplained', () => {
    const pgOnly = `lockout counts fifteen guesses at once ${NEEDS_POSTGRES} (TEST_DATABASE_URL): …]`;
    const report = {
      testResults: [
        {
          name: path.join(root, 'server/src/a.test.ts'),
          assertionResults: [
            { status: 'passed', fullName: 'signs in' },
            { status: 'skipped', fullName: pgOnly },
            { status: 'failed', fullName: 'breaks' },
          ],
        },
        {
          name: path.join(root, 'server/src/b.test.ts'),
          assertionResults: [
            { status: 'skipped', fullName: 'forgotten' },
            { status: 'todo', fullName: 'some day' },
          ],
        },
      ],
    };
    expect(skippedIn(report, false, root)).toEqual({
      needPostgres: [{ file: 'server/src/a.test.ts', name: pgOnly }],
      unexplained: [
        { file: 'server/src/b.test.ts', name: 'forgotten' },
        { file: 'server/src/b.test.ts', name: 'some day' },
      ],
    });
    // On PostgreSQL every test runs: a skip of any kind is unexplained there.
    expect(skippedIn(report, true, root).unexplained.map((s) => s.name)).toEqual([pgOnly, 'forgotten', 'some day']);
  });
});

describe('the browser journeys', () => {
  it('refuse a test.only under CI', async () => {
    const config = async (ci: string | undefined) => {
      vi.stubEnv('CI', ci);
      vi.resetModules();
      return (await import('../../../playwright.config.ts')).default;
    };
    try {
      expect((await config('true')).forbidOnly).toBe(true);
      expect((await config(undefined)).forbidOnly).toBe(false);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});

describe('lint', () => {
  it('refuses focused and skipped tests, and lets only postgres-only.ts skip, visibly', async () => {
    const eslint = new ESLint({ cwd: root });
    const refusals = async (code: string, filePath: string) =>
      (await eslint.lintText(code, { filePath: path.join(root, filePath) }))[0]!.messages.filter((m) => m.ruleId === 'no-restricted-syntax').map((m) => m.line);
    const probe = [
      "import { describe, it, test } from 'vitest';",
      "it.only('a', () => undefined);",
      "describe.skip('b', () => undefined);",
      "test.skipIf(true)('c', () => undefined);",
      "describe.concurrent.only('d', () => undefined);",
      "it.todo('e');",
      "it('runs', () => undefined);",
      '',
    ].join('\n');
    expect(await refusals(probe, 'server/src/platform/probe.test.ts')).toEqual([2, 3, 4, 5, 6]);
    expect(await refusals(probe.replace("'vitest'", "'@playwright/test'").replace('it.todo', 'test.fixme'), 'e2e/probe.spec.ts')).toEqual([2, 3, 4, 5, 6]);
    const postgresOnly = 'server/src/test-support/postgres-only.ts';
    expect(await refusals(fs.readFileSync(path.join(root, postgresOnly), 'utf8'), postgresOnly)).toEqual([]);
    expect(await refusals("import { it } from 'vitest';\nit.only('x', () => undefined);\n", postgresOnly)).toEqual([2]);
  });
});
