#!/usr/bin/env node
// The README's `npm test`: lint and typecheck, unit and database tests (PGlite, or PostgreSQL
// when TEST_DATABASE_URL is set), then the browser journeys in Chromium. Without Chromium the
// browser tests are skipped LOUDLY; under CI a missing browser is a failure. `npm test -- <part>`
// runs one part; a part it does not know is an error, never a run of nothing.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { skippedIn } from './test-report.mjs';

const PARTS = ['check', 'unit', 'e2e'];
const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const ci = process.env.CI === 'true' || process.env.CI === '1';
const [only, ...extra] = process.argv.slice(2);

if ((only !== undefined && !PARTS.includes(only)) || extra.length > 0) {
  const asked = process.argv.slice(2).join(' ');
  const why = extra.length > 0 ? 'one part at a time' : `no part is called "${only}"`;
  console.error(`✖ npm test -- ${asked}: ${why}. Run \`npm test\` for all of them, or one of: ${PARTS.map((p) => `\`npm test -- ${p}\``).join(', ')}.`);
  process.exit(2);
}

function run(title, cmd, args, env = {}) {
  console.log(`\n▶ ${title}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const took = `${((Date.now() - started) / 1000).toFixed(0)} s`;
  if (r.status !== 0) {
    console.error(`\n✖ ${title} failed after ${took}`);
    process.exit(r.status ?? 1);
  }
  console.log(`✓ ${title} (${took})`);
}

/**
 * What the unit run skipped: tests that need PostgreSQL (named so by postgres-only.ts) are
 * expected on PGlite and said in one line; any other skip is an error, and on PostgreSQL
 * nothing may be skipped at all. Answers how many were not run.
 */
function reportSkipped(reportFile, onPostgres) {
  const { needPostgres, unexplained } = skippedIn(JSON.parse(fs.readFileSync(reportFile, 'utf8')), onPostgres);
  if (unexplained.length > 0) {
    console.error(`\n✖ ${unexplained.length} test(s) skipped${onPostgres ? ' on PostgreSQL' : ' without a reason'}:`);
    for (const s of unexplained) console.error(`   ${s.file}: ${s.name}`);
    process.exit(1);
  }
  if (needPostgres.length > 0) {
    const files = [...new Set(needPostgres.map((s) => s.file))];
    console.log(
      `\n⚠ ${needPostgres.length} test(s) NOT RUN on PGlite, in ${files.length} file(s): races, locks and second instances need PostgreSQL (PGlite runs one statement at a time). Run them with TEST_DATABASE_URL=postgres://…; CI does.`,
    );
    for (const f of files) console.log(`   ${f}: ${needPostgres.filter((s) => s.file === f).length}`);
  }
  return needPostgres.length;
}

const suiteStarted = Date.now();
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
const db = onPostgres ? 'PostgreSQL (TEST_DATABASE_URL)' : 'PGlite (embedded)';
console.log(`Jiayuan tests on ${db}`);
let notRun = 0;

if (!only || only === 'check') {
  run('format (Prettier, print width 160)', 'npx', ['prettier', '--check', '--log-level=warn', '**/*.{ts,tsx,js,mjs,cjs,css,json}']);
  run('lint', 'npx', ['eslint', '.']);
  run('typecheck', 'npx', ['tsc', '-b', 'server']);
  run('typecheck tests', 'npx', ['tsc', '-p', 'tsconfig.test.json']);
  run('typecheck web', 'npx', ['tsc', '-p', 'web/tsconfig.json']);
}
if (!only || only === 'unit') {
  // vitest's own output as usual, plus a JSON report to count what it skipped.
  const report = path.join(os.tmpdir(), `jiayuan-vitest-${crypto.randomBytes(4).toString('hex')}.json`);
  process.on('exit', () => fs.rmSync(report, { force: true }));
  run('unit and database tests', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`]);
  notRun = reportSkipped(report, onPostgres);
}
if (!only || only === 'e2e') {
  if (!fs.existsSync(chromium)) {
    const line = '!'.repeat(78);
    console.error(
      `\n${line}\n!!  BROWSER TESTS SKIPPED: no Chromium at ${chromium}.\n!!  Install it with: apt-get update && apt-get install -y chromium\n${line}\n`,
    );
    if (ci) {
      console.error('CI=true: a missing browser is a failure.');
      process.exit(1);
    }
  } else {
    // CI builds once and runs the journeys on both databases at once (JIAYUAN_TEST_PREBUILT=1).
    if (process.env.JIAYUAN_TEST_PREBUILT !== '1') run('build server and web', 'npm', ['run', 'build']);
    run('browser journeys (Playwright, Chromium)', 'npx', ['playwright', 'test'], { CHROMIUM_PATH: chromium });
  }
}
const took = `${((Date.now() - suiteStarted) / 1000).toFixed(0)} s`;
const ran = only ? `npm test -- ${only}` : 'all tests';
const where = only === 'check' ? '' : ` on ${db}`;
console.log(
  notRun > 0
    ? `\n✔ ${ran} passed${where} in ${took}, except the ${notRun} that need PostgreSQL: not run here (see above)`
    : `\n✔ ${ran} passed${where} in ${took}`,
);
