import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openPglite, openPostgres } from '../platform/db/database.js';

/**
 * Migrates one template database before the test files run: a dumped PGlite data folder, or a
 * PostgreSQL template database when TEST_DATABASE_URL is set. Every test file then opens a fresh
 * copy of it (openTestDatabase) instead of applying all the migrations again.
 */
export default async function setup() {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const db = await openPglite(null);
    const dump = await db.dumpDataDir!();
    await db.close();
    const file = path.join(os.tmpdir(), `jiayuan-test-template-${crypto.randomBytes(4).toString('hex')}.tar`);
    fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
    process.env.JIAYUAN_TEST_PGLITE_TEMPLATE = file;
    return () => fs.rmSync(file, { force: true });
  }
  const name = `jiayuan_template_${crypto.randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  const db = await openPostgres(u.toString(), 1);
  await db.close();
  process.env.JIAYUAN_TEST_PG_TEMPLATE = name;
  return async () => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  };
}
