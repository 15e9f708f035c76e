// bench/import: 1,000,000 residents imported from Excel on PostgreSQL — validation, dedupe
// and encryption included — and the city-1m scenario generated. Goal: import ≤ 60 s.
// First, a district's place tree imported from Excel (places.ts).
//   npm run bench:import   (BENCH_DATABASE_URL defaults to the local PostgreSQL)
//   BENCH_ONLY=places npm run bench:import   (the place tree only)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { idNumberCheckChar } from '@jiayuan/contracts';
import { sql } from 'drizzle-orm';
import ExcelJS from '../../server/src/platform/excel/exceljs.js';
import { residentImporter } from '../../server/src/modules/registry/index.js';
import { permissionsOf } from '@jiayuan/contracts';
import { insertUser } from '../../server/src/platform/auth/identity.repository.js';
import type { Ctx } from '../../server/src/platform/context.js';
import { queryOne, queryRows } from '../../server/src/platform/db/database.js';
import { commitImport, getImport, registerImporter, startImport } from '../../server/src/platform/imports/imports.service.js';
import { generateScenario } from '../../server/src/scenario/generate.js';
import { Random } from '../../server/src/scenario/random.js';
import { personName } from '../../server/src/scenario/names.js';
import { SHAPES } from '../../server/src/scenario/shapes.js';
import { benchPlatform, machine, writeResults } from '../lib/bench-db.js';
import { benchPlaceImport } from './places.js';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const HEADER = ['社区', '小区', '楼栋', '单元', '房号', '户编号', '与户主关系', '姓名', '证件类型', '证件号码', '手机号码', '工作单位', '标签', '备注'];

async function writeWorkbook(file: string, dwellings: { c: string; m: string; b: string; s: string; d: string }[], employers: string[]) {
  const rng = new Random(7);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false, useStyles: false });
  const ws = wb.addWorksheet('居民');
  ws.addRow(HEADER).commit();
  const used = new Set<string>();
  for (let i = 0; i < ROWS; i++) {
    const d = dwellings[Math.floor(i / 2.2) % dwellings.length]!;
    let first17: string;
    do
      first17 = `370502${1940 + rng.int(0, 80)}${String(rng.int(1, 12)).padStart(2, '0')}${String(rng.int(1, 28)).padStart(2, '0')}${String(rng.int(0, 999)).padStart(3, '0')}`;
    while (used.has(first17));
    used.add(first17);
    const employed = rng.chance(0.4);
    ws.addRow([
      d.c,
      d.m,
      d.b,
      d.s,
      d.d,
      '',
      i % 3 === 0 ? '户主' : rng.pick(['配偶', '子女', '父母']),
      personName(rng),
      '居民身份证',
      first17 + idNumberCheckChar(first17),
      `13${rng.int(0, 9)}${String(i).padStart(8, '0')}`,
      employed ? rng.pick(employers) : '',
      rng.chance(0.08) ? '党员' : '',
      '',
    ]).commit();
  }
  ws.commit();
  await wb.commit();
}

async function main() {
  if (!process.env.BENCH_SKIP_SCENARIO || process.env.BENCH_ONLY === 'places') {
    await writeResults('import-places', await benchPlaceImport(machine()));
    if (process.env.BENCH_ONLY === 'places') return;
  }
  console.log(`bench/import: ${ROWS.toLocaleString()} residents, ${machine()}`);

  // 1. The city-1m scenario, generated in full on its own database.
  let city = { residents: 0, places: 0, households: 0, seconds: 0 };
  if (!process.env.BENCH_SKIP_SCENARIO) {
    const scen = await benchPlatform('scenario');
    city = await generateScenario(scen.platform, SHAPES['city-1m']!, { seed: 1 });
    console.log(`city-1m generated: ${city.residents} residents, ${city.places} places in ${city.seconds.toFixed(1)} s`);
    await scen.drop();
  }

  // 2. The import, RUNS times, each into a fresh database holding the city-1m places only.
  const runs: { totalS: number; validateS: number; commitS: number }[] = [];
  let mb = 0;
  let dwellingCount = 0;
  const file = path.join(os.tmpdir(), `jiayuan-bench-${ROWS}.xlsx`);
  for (let run = 1; run <= RUNS; run++) {
    const b = await benchPlatform('import');
    const { platform } = b;
    registerImporter(residentImporter);
    await generateScenario(platform, SHAPES['city-1m']!, { seed: 1, withResidents: false });
    if (run === 1) {
      const dwellings = await queryRows<{ c: string; m: string; b: string; s: string; d: string }>(
        platform.db,
        sql`SELECT m.name AS c, c.name AS m, b.name AS b, s.name AS s, d.name AS d FROM places d
            JOIN places s ON s.id = d.parent_id JOIN places b ON b.id = s.parent_id JOIN places c ON c.id = b.parent_id
            JOIN places m ON m.id = split_part(d.path, '.', 3)::bigint WHERE d.type = 'dwelling' ORDER BY d.id`,
      );
      dwellingCount = dwellings.length;
      const employers = (await queryRows<{ name: string }>(platform.db, sql`SELECT name FROM employers`)).map((e) => e.name);
      const t0 = Date.now();
      await writeWorkbook(file, dwellings, employers);
      mb = fs.statSync(file).size / 2 ** 20;
      console.log(`workbook written: ${mb.toFixed(1)} MB in ${((Date.now() - t0) / 1000).toFixed(1)} s (not part of the timing)`);
    }
    const user = await insertUser(platform.db, {
      username: 'bench',
      displayName: 'bench',
      roles: ['center_coordinator'],
      scope: { all: true, placeIds: [], employerIds: [] },
    });
    const ctx: Ctx = {
      platform,
      lang: 'zh-CN',
      origin: { ip: null, channel: 'import', requestId: null },
      actor: {
        kind: 'user',
        userId: user.id,
        tokenId: null,
        name: 'bench',
        roles: ['center_coordinator'],
        permissions: permissionsOf(['center_coordinator']),
        scope: { all: true, places: [], employerIds: [] },
        residentId: null,
        householdId: null,
      },
    };

    // Timed: upload saved, every row parsed, validated (checksum, phone, dwelling, employer,
    // duplicates in file and on file), encrypted and staged; then committed in one transaction.
    const t = Date.now();
    const job = await startImport(ctx, 'residents', 'bench.xlsx', fs.createReadStream(file));
    let view = job;
    while (view.status === 'validating') {
      await new Promise((r) => setTimeout(r, 200));
      view = await getImport(ctx, job.id);
    }
    const validateS = (Date.now() - t) / 1000;
    if (view.status !== 'validated' || view.errorRows > 0) {
      const codes = await queryRows<{ code: string; n: number; sample: string }>(
        platform.db,
        sql`SELECT code, count(*)::int AS n, min(coalesce(value, '')) AS sample FROM import_errors WHERE job_id = ${job.id} GROUP BY code`,
      );
      throw new Error(`validation ended ${view.status} with ${view.errorRows} errors: ${JSON.stringify(codes)}`);
    }
    const t2 = Date.now();
    const done = await commitImport(ctx, job.id, false);
    const commitS = (Date.now() - t2) / 1000;
    const totalS = (Date.now() - t) / 1000;
    const count = await queryOne<{ n: number }>(platform.db, sql`SELECT count(*)::int AS n FROM residents`);
    console.log(
      `run ${run}: validated ${view.validRows} rows in ${validateS.toFixed(1)} s; committed ${done.importedRows} in ${commitS.toFixed(1)} s; total ${totalS.toFixed(1)} s; residents in table: ${count?.n}`,
    );
    if (count?.n !== ROWS) throw new Error('row count mismatch');
    runs.push({ totalS, validateS, commitS });
    await b.drop();
  }
  fs.rmSync(file, { force: true });
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const totalS = median(runs.map((r) => r.totalS));
  const validateS = median(runs.map((r) => r.validateS));
  const commitS = median(runs.map((r) => r.commitS));
  const range = `${Math.min(...runs.map((r) => r.totalS)).toFixed(1)}–${Math.max(...runs.map((r) => r.totalS)).toFixed(1)} s`;

  if (process.env.BENCH_SKIP_SCENARIO) return;
  await writeResults(
    'import',
    `## bench/import — ${new Date().toISOString().slice(0, 10)}

Command: \`npm run bench:import\` (PostgreSQL 15 on 127.0.0.1; ${machine()})

| what | figure |
|---|---|
| residents imported from one .xlsx (${mb.toFixed(0)} MB, ${ROWS.toLocaleString()} rows into ${dwellingCount.toLocaleString()} dwellings), median of ${RUNS} runs | **${totalS.toFixed(1)} s** (runs ${range}; goal ≤ 60 s: ${totalS <= 60 ? 'met' : '**not met**'}) |
| — save upload, parse, validate (GB 11643 checksum, phone, dwelling, employer, duplicates in file), encrypt, stage with COPY, dedupe against the table | ${validateS.toFixed(1)} s (${Math.round(ROWS / validateS).toLocaleString()} rows/s) |
| — commit: households formed, residents inserted, their indexes rebuilt, one transaction | ${commitS.toFixed(1)} s |
| city-1m scenario generated (${city.places.toLocaleString()} places, ${city.households.toLocaleString()} households, ${city.residents.toLocaleString()} residents, COPY, one transaction) | ${city.seconds.toFixed(1)} s |

How the time is spent: during validation three things run at once on the two cores — the
main thread parses the workbook (exceljs), a worker thread validates and encrypts (four
AES-GCM/HMAC operations per row), and PostgreSQL takes the previous batch by COPY into an
unlogged staging table; how busy the two cores are with other work is most of the run-to-run
spread. The commit is one PostgreSQL transaction: a file larger than the register it goes into
(here the register is empty, as at a district's first import) is a bulk load — the residents'
seven secondary indexes are dropped in the transaction, the rows inserted (the foreign key
checked row by row) and the indexes built again from their catalogue definitions, one sorted
pass each, before it commits; keeping them row by row took 22.1 s of a 63.2 s total on
2026-11-23. Smaller files go in with the indexes kept.
`,
  );
}

await main();
