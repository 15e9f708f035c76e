import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FullConfig } from '@playwright/test';
import pg from 'pg';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const ADMIN_PASSWORD = 'E2e-admin-pass-1';

async function waitForHealth(url: string, server: ChildProcess, log: () => string) {
  // A first start (an empty PGlite folder, every migration) on a loaded machine can take minutes.
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the server exited (${server.exitCode}):\n${log()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`the server did not answer ${url} within 180 s:\n${log()}`);
}

/** A fresh PostgreSQL database next to TEST_DATABASE_URL's; returns its URL and a drop function. */
async function freshDatabase(baseUrl: string) {
  const name = `jiayuan_e2e_${crypto.randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: baseUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** Starts the API server (which serves web/dist) on a fresh data folder; returns the teardown. */
export default async function globalSetup(config: FullConfig) {
  for (const built of ['server/dist/main.js', 'web/dist/index.html']) {
    if (!fs.existsSync(path.join(root, built))) {
      throw new Error(`${built} is missing: run \`npx tsc -b server && npm run build -w web\` first`);
    }
  }
  const baseURL = config.projects[0]!.use.baseURL!;
  const port = new URL(baseURL).port;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiayuan-e2e-'));
  const smsOutbox = path.join(dataDir, 'sms-outbox.jsonl');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: port,
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    JIAYUAN_ADMIN_PASSWORD: ADMIN_PASSWORD,
    JIAYUAN_SMS_OUTBOX: smsOutbox,
    // Check for overdue duties every few seconds, so the live-notification journey is quick.
    JIAYUAN_ESCALATION_CHECK_SECONDS: '3',
    // Every journey signs its people in from 127.0.0.1.
    JIAYUAN_SIGN_INS_PER_MINUTE: '600',
    LOG_LEVEL: 'warn',
  };
  delete env.DATABASE_URL;
  let db: { url: string; drop: () => Promise<void> } | null = null;
  if (process.env.TEST_DATABASE_URL) {
    db = await freshDatabase(process.env.TEST_DATABASE_URL);
    env.DATABASE_URL = db.url;
    env.JIAYUAN_SECRET_KEY = crypto.randomBytes(32).toString('base64');
  }

  // Another server already on this port would answer the journeys in this one's place: refuse.
  const stale = await fetch(`${baseURL}/healthz`).then(
    () => true,
    () => false,
  );
  if (stale) throw new Error(`something already answers on ${baseURL}: stop it, or set E2E_PORT to a free port`);

  let output = '';
  const server = spawn(process.execPath, ['server/dist/main.js'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  server.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  server.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  let stopping = false;
  server.once('exit', (code, signal) => {
    // A server that dies under the journeys fails them all with "connection refused": say why.
    if (!stopping) console.error(`\n!! the app server exited (${code ?? signal}) while the browser tests ran; its last output:\n${output.slice(-6000)}\n`);
  });
  await waitForHealth(`${baseURL}/healthz`, server, () => output.slice(-4000));

  // Tests read these: where the sign-in codes land, and the admin's password.
  process.env.JIAYUAN_SMS_OUTBOX = smsOutbox;
  process.env.E2E_ADMIN_PASSWORD = ADMIN_PASSWORD;

  return async () => {
    stopping = true;
    server.kill('SIGTERM');
    await new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        server.kill('SIGKILL');
        resolve();
      }, 10_000);
      server.once('exit', () => {
        clearTimeout(t);
        resolve();
      });
    });
    // Keep what the server said (warnings and errors only) beside the test results.
    const results = path.resolve(root, process.env.E2E_OUTPUT_DIR ?? 'test-results');
    fs.mkdirSync(results, { recursive: true });
    fs.writeFileSync(path.join(results, 'e2e-server.log'), output);
    if (db) await db.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
