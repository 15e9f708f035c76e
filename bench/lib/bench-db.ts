import crypto from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import pino from 'pino';
import { loadConfig } from '../../server/src/platform/config.js';
import { openPostgres } from '../../server/src/platform/db/database.js';
import { createPlatform } from '../../server/src/platform/platform.js';

export const BENCH_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A fresh PostgreSQL database and a platform on it; `drop()` removes it. */
export async function benchPlatform(label: string) {
  const name = `jiayuan_bench_${label}_${crypto.randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: BENCH_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(BENCH_URL);
  u.pathname = `/${name}`;
  const database = await openPostgres(u.toString(), 10);
  const config = loadConfig({
    NODE_ENV: 'production',
    DATABASE_URL: u.toString(),
    DATA_DIR: path.join(os.tmpdir(), name),
    JIAYUAN_SECRET_KEY: crypto.randomBytes(32).toString('base64'),
    LOG_LEVEL: 'warn',
  });
  const platform = await createPlatform(config, { database, log: pino({ level: 'warn' }) });
  return {
    platform,
    url: u.toString(),
    async drop() {
      await platform.shutdown();
      const c = new pg.Client({ connectionString: BENCH_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** Replaces the section between `<!-- name -->` markers in bench/RESULTS.md (or appends it). */
export async function writeResults(section: string, markdown: string) {
  const fs = await import('node:fs');
  const file = new URL('../RESULTS.md', import.meta.url);
  const start = `<!-- ${section}:start -->`;
  const end = `<!-- ${section}:end -->`;
  let text = fs.existsSync(file)
    ? fs.readFileSync(file, 'utf8')
    : '# Benchmark results\n\nWritten by the scripts in `bench/`; each section says the command that produced it.\n';
  const block = `${start}\n${markdown.trim()}\n${end}`;
  const i = text.indexOf(start);
  const j = text.indexOf(end);
  text = i >= 0 && j > i ? text.slice(0, i) + block + text.slice(j + end.length) : `${text.trimEnd()}\n\n${block}\n`;
  fs.writeFileSync(file, text);
}

export function machine() {
  const cpus = os.cpus();
  return `${cpus.length} × ${cpus[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}`;
}
