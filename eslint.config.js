import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import boundaries from './scripts/eslint-module-boundaries.mjs';

/**
 * A focused or skipped test makes a green run claim what it did not check: `.only` runs one test
 * and passes, `.skip`/`.todo`/`.fixme` and conditional skips vanish into a count. Tests that need
 * PostgreSQL use itOnPostgres/describeOnPostgres (server/src/test-support/postgres-only.ts), which
 * skip visibly, with the reason in their name; only that file may call skipIf.
 */
function focusOrSkip(properties) {
  const message =
    'No focused or skipped tests: a race or lock test that needs PostgreSQL uses itOnPostgres/describeOnPostgres from server/src/test-support/postgres-only.ts.';
  const names = `/^(${properties.join('|')})$/`;
  const runners = '/^(it|test|describe|suite|bench)$/';
  return [
    'error',
    // it.only, describe.skip, test.skipIf(…), …
    { selector: `MemberExpression[object.name=${runners}][property.name=${names}]`, message },
    // describe.concurrent.only, test.describe.skip (Playwright), …
    { selector: `MemberExpression[object.type='MemberExpression'][object.object.name=${runners}][property.name=${names}]`, message },
  ];
}
const FOCUS_OR_SKIP = ['only', 'skip', 'skipIf', 'runIf', 'todo', 'fixme'];

/**
 * Module boundaries: a module is used through its index (its public face); reaching into another
 * module's files fails the lint, so a renamed column or file of one module cannot break another
 * silently. `depth` is how deep the importing file sits below its module's folder.
 */
const BOUNDARY = 'Import another module through its index.js (its public face), not its files: see docs/architecture.md, "Module boundaries".';
const exceljsRule = {
  name: 'exceljs',
  message: 'Import ExcelJS from server/src/platform/excel/exceljs.ts (it fixes UTF-8 streaming).',
  allowTypeImports: true,
};
const crossModule = (depth) => ({
  files: [`server/src/modules/*/${'*/'.repeat(depth)}*.ts`],
  rules: {
    '@typescript-eslint/no-restricted-imports': [
      'error',
      { paths: [exceljsRule], patterns: [{ regex: `^${'\\.\\./'.repeat(depth + 1)}[a-z0-9-]+/(?!index\\.js$)`, message: BOUNDARY }] },
    ],
  },
});

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'data/**', 'test-results/**', 'playwright-report/**', 'server/migrations/**', 'bench/out/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
      eqeqeq: ['error', 'smart'],
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'exceljs', message: 'Import ExcelJS from server/src/platform/excel/exceljs.ts (it fixes UTF-8 streaming).', allowTypeImports: true }],
        },
      ],
    },
  },
  {
    // Outside the modules (the app's lists, the platform, tests' support, benchmarks): a module by its index only.
    files: ['server/src/*.ts', 'server/src/platform/**/*.ts', 'server/src/test-support/**/*.ts', 'server/src/scenario/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { paths: [exceljsRule], patterns: [{ regex: 'modules/[a-z0-9-]+/(?!index\\.js$)', message: BOUNDARY }] },
      ],
    },
  },
  {
    // The access matrix collects each module's cases, kept beside its code (`<m>.access-cases.ts`, test support, not a public face).
    files: ['server/src/access-matrix.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { paths: [exceljsRule], patterns: [{ regex: 'modules/[a-z0-9-]+/(?!index\\.js$|[a-z0-9-]+\\.access-cases\\.js$)', message: BOUNDARY }] },
      ],
    },
  },
  crossModule(0),
  crossModule(1),
  crossModule(2),
  { files: ['server/src/platform/excel/exceljs.ts'], rules: { '@typescript-eslint/no-restricted-imports': 'off' } },
  {
    files: ['server/src/main.ts', 'server/src/demo.ts', 'server/src/scenario/**', 'scripts/**', 'bench/**', 'e2e/**'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['**/*.test.ts', 'server/src/test-support/**', 'server/src/**/*.access-cases.ts', 'server/src/platform/access-cases.ts', 'e2e/**'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-restricted-syntax': focusOrSkip(FOCUS_OR_SKIP),
    },
  },
  { files: ['server/src/test-support/postgres-only.ts'], rules: { 'no-restricted-syntax': focusOrSkip(FOCUS_OR_SKIP.filter((p) => p !== 'skipIf')) } },
  {
    files: ['web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks, jiayuan: boundaries },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // A module imports another only through its index; the platform imports none (issue 11).
      'jiayuan/module-boundaries': ['error', { modules: 'web/src/modules', platform: ['web/src/platform'] }],
    },
  },
);
