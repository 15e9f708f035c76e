// bench/import, the place tree: a district's tree — 50 communities, 1,000 buildings,
// 100,000 dwellings — imported from one .xlsx into an empty install, then the same file again
// (everything reused, nothing added), on PostgreSQL and on the embedded PGlite.
//   BENCH_ONLY=places npm run bench:import
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { permissionsOf } from '@jiayuan/contracts';
import { sql } from 'drizzle-orm';
import ExcelJS from '../../server/src/platform/excel/exceljs.js';
import { PLACE_IMPORT_COLUMNS, placeImporter } from '../../server/src/modules/registry/index.js';
import { insertUser } from '../../server/src/platform/auth/identity.repository.js';
import { loadConfig } from '../../server/src/platform/config.js';
import type { Ctx, Platform } from '../../server/src/platform/context.js';
import { openPglite, queryOne } from '../../server/src/platform/db/database.js';
import { commitImport, getImport, registerImporter, startImport } from '../../server/src/platform/imports/imports.service.js';
import { createPlatform } from '../../server/src/platform/platform.js';
import { benchPlatform } from '../lib/bench-db.js';

/** The district: 2 departments, 50 communities (every fifth with a station), 2 compounds × 10 buildings each, 4 stairwells × 25 flats per building. */
const SHAPE = { departments: 2, communities: 50, compounds: 2, buildings: 10, stairwells: 4, floors: 5, flatsPerFloor: 5 };
const CENTRE = '西城社会化服务协调中心';

async function writeTreeWorkbook(file: string) {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false, useStyles: false });
  const ws = wb.addWorksheet('区域');
  ws.addRow(PLACE_IMPORT_COLUMNS.map((c) => c.zh)).commit();
  let rows = 0;
  for (let c = 1; c <= SHAPE.communities; c++) {
    const department = `第${((c - 1) % SHAPE.departments) + 1}协调部`;
    const community = `第${c}社区`;
    ws.addRow(['', department, community]).commit(); // the community on its own line, as lists of communities come
    rows++;
    const station = c % 5 === 0 ? `${community}协调站` : '';
    for (let m = 1; m <= SHAPE.compounds; m++) {
      for (let b = 1; b <= SHAPE.buildings; b++) {
        for (let s = 1; s <= SHAPE.stairwells; s++) {
          for (let f = 1; f <= SHAPE.floors; f++) {
            for (let k = 1; k <= SHAPE.flatsPerFloor; k++) {
              ws.addRow(['', department, community, station, `${community}${m}区`, `${b}号楼`, `${s}单元`, `${f}${String(k).padStart(2, '0')}`]).commit();
              rows++;
            }
          }
        }
      }
    }
  }
  ws.commit();
  await wb.commit();
  return rows;
}

async function importOnce(platform: Platform, file: string, userId: number, centerName?: string) {
  const ctx: Ctx = {
    platform,
    lang: 'zh-CN',
    origin: { ip: null, channel: 'import', requestId: null },
    actor: {
      kind: 'user',
      userId,
      tokenId: null,
      name: 'bench',
      roles: ['admin'],
      permissions: permissionsOf(['admin']),
      scope: { all: true, places: [], employerIds: [] },
      residentId: null,
      householdId: null,
    },
  };
  const t = Date.now();
  const job = await startImport(ctx, 'places', 'district.xlsx', fs.createReadStream(file), centerName ? { centerName } : {});
  let view = job;
  while (view.status === 'validating') {
    await new Promise((r) => setTimeout(r, 100));
    view = await getImport(ctx, job.id);
  }
  const validateS = (Date.now() - t) / 1000;
  if (view.status !== 'validated' || view.errorRows > 0) throw new Error(`validation ended ${view.status} with ${view.errorRows} errors`);
  const t2 = Date.now();
  const done = await commitImport(ctx, job.id, false);
  return { rows: view.validRows, created: done.importedRows, validateS, commitS: (Date.now() - t2) / 1000, totalS: (Date.now() - t) / 1000 };
}

async function pglitePlatform() {
  const dir = path.join(os.tmpdir(), `jiayuan-bench-places-${crypto.randomBytes(3).toString('hex')}`);
  const config = loadConfig({ NODE_ENV: 'production', DATA_DIR: dir, JIAYUAN_SECRET_KEY: crypto.randomBytes(32).toString('base64'), LOG_LEVEL: 'warn' });
  const platform = await createPlatform(config, { database: await openPglite(path.join(dir, 'db')), log: pino({ level: 'warn' }) });
  return {
    platform,
    async drop() {
      await platform.shutdown();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Runs the place-tree import on both databases; returns the RESULTS.md section. */
export async function benchPlaceImport(machine: string): Promise<string> {
  registerImporter(placeImporter);
  const file = path.join(os.tmpdir(), `jiayuan-bench-places.xlsx`);
  const rows = await writeTreeWorkbook(file);
  const mb = fs.statSync(file).size / 2 ** 20;
  const lines: string[] = [];
  for (const [label, open] of [
    ['PostgreSQL 15', () => benchPlatform('places')],
    ['PGlite (embedded default)', pglitePlatform],
  ] as const) {
    const b = await open();
    const user = await insertUser(b.platform.db, {
      username: 'bench',
      displayName: 'bench',
      roles: ['admin'],
      scope: { all: true, placeIds: [], employerIds: [] },
    });
    const first = await importOnce(b.platform, file, user.id, CENTRE);
    const again = await importOnce(b.platform, file, user.id);
    const n = await queryOne<{ n: number; d: number }>(
      b.platform.db,
      sql`SELECT count(*)::int AS n, count(*) FILTER (WHERE type = 'dwelling')::int AS d FROM places`,
    );
    console.log(
      `${label}: first ${first.totalS.toFixed(1)} s (validate ${first.validateS.toFixed(1)}, commit ${first.commitS.toFixed(1)}), ${first.created} places; again ${again.totalS.toFixed(1)} s, ${again.created} new; ${n?.n} places, ${n?.d} dwellings`,
    );
    if (again.created !== 0 || n?.n !== first.created) throw new Error('place count mismatch');
    lines.push(
      `| ${label}: into an empty install | **${first.totalS.toFixed(1)} s** — validate and stage ${first.validateS.toFixed(1)} s (${Math.round(rows / first.validateS).toLocaleString()} rows/s), commit ${first.commitS.toFixed(2)} s; ${first.created.toLocaleString()} places made |`,
      `| ${label}: the same file again (every place reused) | ${again.totalS.toFixed(1)} s; 0 places made |`,
    );
    await b.drop();
  }
  fs.rmSync(file, { force: true });
  return `## bench/import, the place tree — ${new Date().toISOString().slice(0, 10)}

Command: \`BENCH_ONLY=places npm run bench:import\` (also part of \`npm run bench:import\`; ${machine})

One .xlsx (${mb.toFixed(1)} MB, ${rows.toLocaleString()} rows, one per dwelling plus one per community): a district of
${SHAPE.communities} communities under ${SHAPE.departments} departments (every fifth with a station), ${(SHAPE.communities * SHAPE.compounds).toLocaleString()} compounds,
${(SHAPE.communities * SHAPE.compounds * SHAPE.buildings).toLocaleString()} buildings, ${(SHAPE.communities * SHAPE.compounds * SHAPE.buildings * SHAPE.stairwells).toLocaleString()} stairwells and ${(SHAPE.communities * SHAPE.compounds * SHAPE.buildings * SHAPE.stairwells * SHAPE.floors * SHAPE.flatsPerFloor).toLocaleString()} dwellings, the centre named on the upload form.

| what | figure |
|---|---|
${lines.join('\n')}

How: the tree grows in memory over the places on file (one query loads them), each row
walking down it by name, so a place named by many rows is made once; the new places are
staged by COPY in batches of 5,000 rows while the file streams. The commit reserves all ids
with one sequence call and inserts one level of the tree per statement (INSERT … SELECT,
joining each place's parent for its path) — eight statements, not one per row. One run of each,
on two cores shared with other work at the time, so read the figures as ±20 %.
`;
}
