import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from './platform/db/database.js';
import { ensureDailyPartitions } from './platform/db/partitions.js';
import { addDays, localDate } from './platform/time.js';
import { allTables } from './test-support/database-dump.js';
import { anonymous, userWith, type TestClient } from './test-support/http-client.js';
import { buildSmallTree, makeIdNumber, type SmallTree } from './test-support/fixtures.js';
import { createTestPlatform, type TestPlatform } from './test-support/test-platform.js';
import { importAndValidate, residentWorkbook } from './test-support/workbooks.js';

/**
 * ID and phone numbers exist in the database only encrypted and as blind indexes, and never
 * reach a log line: checked by reading every row of every table (partitions and staging
 * included) and every line the app's own logger wrote.
 */
const logLines: string[] = [];
const logStream = new Writable({
  write(chunk, _enc, done) {
    logLines.push(String(chunk));
    done();
  },
});

let t: TestPlatform;
let staff: TestClient;
let tree: SmallTree;

/** People whose numbers must never appear in clear: entered through the API and through an import. */
const api = [
  { name: '机密甲', idNumber: makeIdNumber('19720304', 517), phone: '13912345678' },
  { name: '机密乙', idNumber: makeIdNumber('19850607', 624), phone: '13787654321' },
];
const changedPhone = '13655556666';
const imported = [
  { name: '导入甲', idNumber: makeIdNumber('19630910', 731), phone: '15011223344' },
  { name: '导入乙', idNumber: makeIdNumber('19991231', 842), phone: '18699887766' },
];
const everyone = [...api, ...imported];

/** The forms in which a number could leak: as typed, without its check character, and as UTF-8 bytes in hex. */
function needles() {
  const out: string[] = [];
  for (const p of everyone) {
    out.push(p.idNumber, p.idNumber.slice(0, 17), Buffer.from(p.idNumber).toString('hex'), p.phone, Buffer.from(p.phone).toString('hex'));
  }
  out.push(changedPhone, Buffer.from(changedPhone).toString('hex'));
  return out;
}

/** Every row of every table as text (bytea shows as hex), with the table it came from. */
async function everyRow() {
  const rows: { table: string; text: string }[] = [];
  for (const table of await allTables(t.platform.db)) {
    for (const r of await queryRows<{ row: string }>(t.platform.db, sql.raw(`SELECT t::text AS row FROM ${table} t`))) rows.push({ table, text: r.row });
  }
  return rows;
}

async function leaksInDatabase() {
  const found: string[] = [];
  const rows = await everyRow();
  for (const n of needles()) for (const r of rows) if (r.text.toLowerCase().includes(n.toLowerCase())) found.push(`${r.table}: ${n}`);
  return { found, rows };
}

beforeAll(async () => {
  t = await createTestPlatform({ logDestination: logStream });
  const today = localDate(t.clock.now(), t.platform.config.timezone);
  // Audit rows go to day partitions as in production, not only to the default partition.
  await ensureDailyPartitions(t.platform.db, 'audit_log', addDays(today, -1), addDays(today, 1), t.platform.config.timezone);
  const admin = await userWith(t.platform, t.app, ['admin'], { all: true }, 'pdadmin');
  tree = await buildSmallTree(admin);
  staff = await userWith(t.platform, t.app, ['community_staff'], { placeIds: [tree.communityA] }, 'pdstaff');
});
afterAll(() => t.close());

describe('personal data at rest', () => {
  const ids: number[] = [];

  it('registers, changes, reveals and exports people through the API', async () => {
    for (const [i, p] of api.entries()) {
      const r = await staff.post('/api/residents', { dwellingId: tree.dwellingsA[i], ...p });
      expect(r.status).toBe(201);
      ids.push(r.json.id);
    }
    const u = await staff.patch(`/api/residents/${ids[0]}`, { phone: changedPhone, version: 1 });
    expect(u.status).toBe(200);
    expect((await staff.post(`/api/residents/${ids[1]}/reveal`, { field: 'idNumber', reason: '核对身份' })).json.value).toBe(api[1]!.idNumber);
    expect((await staff.get(`/api/residents?q=${api[1]!.phone}`)).json.total).toBe(1);
    expect((await staff.get(`/api/residents/export.xlsx?q=${api[1]!.idNumber}`)).status).toBe(200);
    expect((await anonymous(t.app).post('/api/auth/otp', { phone: api[1]!.phone })).status).toBe(202);
  });

  it('keeps numbers out of the staging table of an import waiting to be confirmed', async () => {
    const file = await residentWorkbook([
      ...imported.map((p, i) => ({
        community: '荟萃社区',
        compound: '建工小区',
        building: '3号楼',
        stairwell: '2单元',
        dwelling: `${i + 1}01`,
        name: p.name,
        idNumber: p.idNumber,
        phone: p.phone,
      })),
      // A bad row: its numbers go to the error report, masked.
      {
        community: '荟萃社区',
        compound: '建工小区',
        building: '3号楼',
        stairwell: '2单元',
        dwelling: '999',
        name: '坏行',
        idNumber: api[0]!.idNumber.slice(0, 17) + 'Y',
        phone: '1' + api[1]!.phone,
      },
    ]);
    const job = await importAndValidate(staff, file);
    expect(job).toMatchObject({ status: 'validated', validRows: 2, errorRows: 1 });
    const staged = await queryRows<{ n: number }>(t.platform.db, sql`SELECT count(*)::int AS n FROM resident_import_rows WHERE job_id = ${job.id}`);
    expect(staged[0]!.n).toBe(2);
    const { found } = await leaksInDatabase();
    expect(found).toEqual([]);
    expect(fs.readdirSync(path.join(t.platform.config.dataDir, 'uploads'))).toEqual([]);
    expect((await staff.post(`/api/imports/${job.id}/commit`, { onlyValid: true })).json.importedRows).toBe(2);
  });

  it('finds no ID or phone number in any column of any table, audit partitions included', async () => {
    const { found, rows } = await leaksInDatabase();
    expect(found).toEqual([]);
    // The check looked where the data is: residents, audit partitions, staging and error tables were read.
    const tables = new Set(rows.map((r) => r.table));
    expect([...tables]).toEqual(expect.arrayContaining(['public.residents', 'public.audit_log', 'public.import_errors', 'public.otp_codes']));
    expect([...tables].some((name) => /audit_log_p\d{8}/.test(name) && rows.some((r) => r.table === name))).toBe(true);
    expect(rows.filter((r) => r.table === 'public.residents').length).toBe(4);
    expect(rows.some((r) => r.table === 'public.residents' && r.text.includes('机密甲'))).toBe(true);
  });

  it('stores them encrypted, so that the key holder reads them back', async () => {
    const [row] = await queryRows<{ phone_enc: Buffer | Uint8Array }>(t.platform.db, sql`SELECT phone_enc FROM residents WHERE id = ${ids[0]}`);
    expect(t.platform.cipher.decrypt('phone', Buffer.from(row!.phone_enc))).toBe(changedPhone);
  });

  it('masks the number in the text-message outbox', async () => {
    const outbox = fs.readFileSync(t.smsOutbox, 'utf8');
    expect(outbox).toContain('*******4321');
    for (const n of needles()) expect(outbox).not.toContain(n);
  });
});

describe('personal data in the log', () => {
  it('writes no ID or phone number, nor a name from a failed query, to the log', async () => {
    logLines.length = 0;
    const p = api[1]!;
    expect((await staff.get(`/api/residents?q=${p.phone}`)).json.total).toBe(1);
    expect((await staff.get(`/api/residents?q=${encodeURIComponent(`+86 ${p.phone}`)}`)).json.total).toBe(1);
    expect((await staff.get(`/api/residents?q=${p.idNumber}`)).json.total).toBe(1);
    expect(
      (await staff.post('/api/residents', { dwellingId: tree.dwellingsA[5], name: '日志丙', idNumber: makeIdNumber('19990101', 953), phone: '13100001111' }))
        .status,
    ).toBe(201);
    expect((await staff.post('/api/residents', { dwellingId: tree.dwellingsA[5], name: '重复者', idNumber: p.idNumber })).status).toBe(409);
    expect((await staff.post('/api/residents', { dwellingId: tree.dwellingsA[5], name: '坏号码', phone: `${p.phone}9` })).status).toBe(400);
    expect((await anonymous(t.app).post('/api/auth/otp', { phone: imported[0]!.phone })).status).toBe(202);

    // A query that fails in the database: the log keeps the statement, not the values.
    await t.platform.db.execute(sql.raw(`CREATE FUNCTION test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused'; END $$`));
    await t.platform.db.execute(sql.raw('CREATE TRIGGER test_refuse BEFORE UPDATE ON residents FOR EACH ROW EXECUTE FUNCTION test_refuse()'));
    try {
      const res = await staff.patch(`/api/residents/${(await staff.get(`/api/residents?q=${p.phone}`)).json.items[0].id}`, {
        name: '秘密新名字',
        phone: '13344445555',
        version: 1,
      });
      expect(res.status).toBe(500);
    } finally {
      await t.platform.db.execute(sql.raw('DROP TRIGGER test_refuse ON residents'));
      await t.platform.db.execute(sql.raw('DROP FUNCTION test_refuse()'));
    }

    const log = logLines.join('');
    // The log did record these requests and the failure…
    expect(log).toContain('"url":"/api/residents?…"');
    expect(log).toContain('unhandled error');
    expect(log).toContain('Failed query');
    // The database's error code survives the redaction of codes (a sign-in code is still redacted).
    expect(logLines.find((l) => l.includes('unhandled error'))).toContain('"code":"P0001"');
    // The request's logger (made only when it logs) binds the request id to its lines.
    expect(logLines.find((l) => l.includes('unhandled error'))).toMatch(/"reqId":"[^"]+"/);
    // …but none of the numbers, and not the name the failed query carried.
    for (const n of [...needles(), '13100001111', '13344445555', makeIdNumber('19990101', 953), `${p.phone}9`]) expect(log).not.toContain(n);
    expect(log).not.toContain('秘密新名字');
    expect(log).not.toContain('日志丙');
  });
});
