#!/usr/bin/env node
// The README's `npm test`: lint and typecheck, unit and database tests (PGlite, or PostgreSQL
// when TEST_DATABASE_URL is set), then the browser journeys in Chromium. Without Chromium the
// browser tests are skipped LOUDLY; under CI a missing browser is a failure.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const ci = process.env.CI === 'true' || process.env.CI === '1';
const only = process.argv[2];

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

const suiteStarted = Date.now();
const db = process.env.TEST_DATABASE_URL ? 'PostgreSQL (TEST_DATABASE_URL)' : 'PGlite (embedded)';
console.log(`Jiayuan tests on ${db}`);

if (!only || only === 'check') {
  run('lint', 'npx', ['eslint', '.']);
  run('typecheck', 'npx', ['tsc', '-b', 'server']);
  run('typecheck tests', 'npx', ['tsc', '-p', 'tsconfig.test.json']);
  run('typecheck web', 'npx', ['tsc', '-p', 'web/tsconfig.json']);
}
if (!only || only === 'unit') run('unit and database tests', 'npx', ['vitest', 'run']);
if (!only || only === 'e2e') {
  if (!fs.existsSync(chromium)) {
    const line = '!'.repeat(78);
    console.error(`\n${line}\n!!  BROWSER TESTS SKIPPED: no Chromium at ${chromium}.\n!!  Install it with: apt-get update && apt-get install -y chromium\n${line}\n`);
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
console.log(`\n✔ all tests passed on ${db} in ${((Date.now() - suiteStarted) / 1000).toFixed(0)} s`);
