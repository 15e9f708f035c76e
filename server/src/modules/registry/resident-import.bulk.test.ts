import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../platform/db/database.js';
import { buildSmallTree, makeIdNumber } from '../../test-support/fixtures.js';
import { userWith, type TestClient } from '../../test-support/http-client.js';
import { createTestPlatform, type TestPlatform } from '../../test-support/test-platform.js';
import { importAndValidate, residentWorkbook, type ImportRow } from '../../test-support/workbooks.js';
import { bulkLoad } from './resident-import.commit.js';

let t: TestPlatform;
let admin: TestClient;

beforeAll(async () => {
  t = await createTestPlatform();
  admin = await userWith(t.platform, t.app, ['admin'], { all: true }, 'bulkadmin');
  await buildSmallTree(admin);
});
afterAll(() => {
  bulkLoad.minRows = 100_000;
  return t.close();
});

/** The secondary indexes' object ids: new ones mean the indexes were built anew. */
const indexOids = async () =>
  (
    await queryRows<{ oid: number }>(
      t.platform.db,
      sql`SELECT indexrelid::int AS oid FROM pg_index WHERE indrelid = 'residents'::regclass AND NOT indisprimary ORDER BY 1`,
    )
  ).map((r) => r.oid);
const indexes = () =>
  queryRows<{ name: string; def: string }>(
    t.platform.db,
    sql`SELECT indexname AS name, indexdef AS def FROM pg_indexes WHERE tablename = 'residents' ORDER BY indexname`,
  );

function rows(n: number, from: number): ImportRow[] {
  return Array.from({ length: n }, (_, i) => ({
    community: '荟萃社区',
    compound: '建工小区',
    building: '3号楼',
    stairwell: '1单元',
    dwelling: `${(i % 3) + 1}01`,
    name: `首批${from + i}`,
    idNumber: makeIdNumber('19700101', from + i),
    phone: `139${String(from + i).padStart(8, '0')}`,
    tags: i % 2 ? '党员' : '',
  }));
}

describe('a first import larger than the register', () => {
  it('goes in as a bulk load, and the register has every index back and answers searches by them', async () => {
    bulkLoad.minRows = 5;
    const before = await indexes();
    const oidsBefore = await indexOids();
    expect(before.length).toBeGreaterThanOrEqual(8);
    const job = await importAndValidate(admin, await residentWorkbook(rows(12, 1)));
    const r = await admin.post(`/api/imports/${job.id}/commit`, { onlyValid: false });
    expect(r.json).toMatchObject({ status: 'imported', importedRows: 12 });
    expect(await indexes()).toEqual(before);
    expect((await indexOids()).filter((oid) => oidsBefore.includes(oid))).toEqual([]);
    expect((await admin.get(`/api/residents?q=${makeIdNumber('19700101', 7)}`)).json.items.map((x: any) => x.name)).toEqual(['首批7']);
    expect((await admin.get('/api/residents?q=13900000011')).json.items.map((x: any) => x.name)).toEqual(['首批11']);
    expect((await admin.get('/api/residents?tag=party_member')).json.total).toBe(6);
  });

  it('is a routine import once the register holds more people than the file, and still refuses a person registered twice', async () => {
    bulkLoad.minRows = 5;
    const oidsBefore = await indexOids();
    const again = await importAndValidate(admin, await residentWorkbook([...rows(5, 100), ...rows(1, 3)]));
    expect(again).toMatchObject({ validRows: 5, errorRows: 1 });
    const r = await admin.post(`/api/imports/${again.id}/commit`, { onlyValid: true });
    expect(r.json).toMatchObject({ status: 'imported', importedRows: 5 });
    const n = await queryRows<{ n: number }>(t.platform.db, sql`SELECT count(*)::int AS n FROM residents`);
    expect(n[0]!.n).toBe(17);
    expect(await indexOids()).toEqual(oidsBefore);
  });
});
