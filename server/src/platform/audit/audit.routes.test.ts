import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userWith, type TestClient } from '../../test-support/http-client.js';
import { createTestPlatform, type TestPlatform } from '../../test-support/test-platform.js';
import { readWorkbook } from '../../test-support/workbooks.js';
import { queryRows } from '../db/database.js';
import { ensureDailyPartitions } from '../db/partitions.js';
import { addDays, localDate } from '../time.js';

let t: TestPlatform;
let admin: TestClient & { userId: number };
let other: TestClient & { userId: number };
let auditor: TestClient;
const employer: Record<string, number> = {};

/** Does something auditable at a given instant. */
async function at(iso: string, work: () => Promise<unknown>) {
  t.clock.set(new Date(iso));
  try {
    await work();
  } finally {
    t.clock.set(new Date());
  }
}

let today: string;

beforeAll(async () => {
  t = await createTestPlatform();
  // Day partitions as the scheduler keeps them, made before today's first audit row.
  const tz = t.platform.config.timezone;
  today = localDate(t.clock.now(), tz);
  await ensureDailyPartitions(t.platform.db, 'audit_log', addDays(today, -1), addDays(today, 1), tz);
  admin = await userWith(t.platform, t.app, ['admin'], { all: true }, 'auditadmin');
  other = await userWith(t.platform, t.app, ['admin'], { all: true }, 'otheradmin');
  auditor = await userWith(t.platform, t.app, ['auditor'], {}, 'theauditor');
  // Shanghai is UTC+8: 16:30 UTC on 1 March is half past midnight on 2 March there.
  await at('2025-03-01T16:30:00Z', async () => (employer.early = (await admin.post('/api/employers', { name: '凌晨单位' })).json.id));
  await at('2025-03-02T15:59:00Z', async () => (employer.late = (await admin.post('/api/employers', { name: '深夜单位' })).json.id));
  await at('2025-03-02T16:00:00Z', async () => (employer.next = (await other.post('/api/employers', { name: '次日单位' })).json.id));
  await at('2025-03-03T02:00:00Z', async () => admin.patch(`/api/employers/${employer.next}`, { name: '次日单位改名' }));
});
afterAll(() => t.close());

const entityIds = (items: any[]) => items.map((a) => `${a.action}:${a.entityId}`);

describe('reading the audit log', () => {
  it('filters by dates in local time, newest first', async () => {
    const day2 = await auditor.get('/api/audit?from=2025-03-02&to=2025-03-02&entityType=employer');
    expect(day2.status).toBe(200);
    expect(entityIds(day2.json.items)).toEqual([`registry.employer.create:${employer.late}`, `registry.employer.create:${employer.early}`]);
    const day1 = await auditor.get('/api/audit?from=2025-03-01&to=2025-03-01&entityType=employer');
    expect(day1.json.items).toEqual([]);
    const fromDay3 = await auditor.get('/api/audit?from=2025-03-03&entityType=employer');
    expect(entityIds(fromDay3.json.items).slice(-2)).toEqual([`registry.employer.update:${employer.next}`, `registry.employer.create:${employer.next}`]);
    expect(fromDay3.json.items.every((a: any) => Date.parse(a.at) >= Date.parse('2025-03-02T16:00:00Z'))).toBe(true);
  });

  it('names the record an entry is about (its current name), not only its number', async () => {
    const rows = (await auditor.get('/api/audit?entityType=employer&pageSize=100')).json.items;
    const named = Object.fromEntries(rows.map((a: any) => [`${a.action}:${a.entityId}`, a.entityName]));
    expect(named).toEqual({
      [`registry.employer.create:${employer.early}`]: '凌晨单位',
      [`registry.employer.create:${employer.late}`]: '深夜单位',
      [`registry.employer.create:${employer.next}`]: '次日单位改名',
      [`registry.employer.update:${employer.next}`]: '次日单位改名',
    });
    const userRows = (await auditor.get(`/api/audit?entityType=user&entityId=${other.userId}`)).json.items;
    expect(userRows.length).toBeGreaterThan(0);
    expect(new Set(userRows.map((a: any) => a.entityName))).toEqual(new Set(['otheradmin']));
  });

  it('filters by who acted, by the start of the action, and by the record', async () => {
    const mine = await auditor.get(`/api/audit?actorId=${other.userId}&entityType=employer`);
    expect(entityIds(mine.json.items)).toEqual([`registry.employer.create:${employer.next}`]);
    const updates = await auditor.get('/api/audit?action=registry.employer.up');
    expect(entityIds(updates.json.items)).toEqual([`registry.employer.update:${employer.next}`]);
    expect((await auditor.get('/api/audit?action=registry.employer.')).json.total).toBe(4);
    expect((await auditor.get(`/api/audit?action=${encodeURIComponent('%')}`)).json.total).toBe(0);
    const record = await auditor.get(`/api/audit?entityType=employer&entityId=${employer.next}`);
    expect(record.json.items.map((a: any) => a.action)).toEqual(['registry.employer.update', 'registry.employer.create']);
    expect(record.json.items[0]).toMatchObject({
      actorId: admin.userId,
      actorName: 'auditadmin',
      before: expect.objectContaining({ name: '次日单位' }),
      after: expect.objectContaining({ name: '次日单位改名' }),
      origin: { channel: 'web', ip: expect.any(String), requestId: expect.any(String) },
    });
  });

  it('pages through the log', async () => {
    const p1 = await auditor.get('/api/audit?pageSize=2&page=1');
    const p2 = await auditor.get('/api/audit?pageSize=2&page=2');
    expect(p1.json.items).toHaveLength(2);
    expect(p1.json.total).toBeGreaterThan(4);
    expect(p2.json.items.map((a: any) => a.id)).not.toContain(p1.json.items[0].id);
  });

  it('is for auditors only', async () => {
    for (const roles of [['admin'], ['community_staff'], ['center_coordinator'], ['health_worker']] as const) {
      const u = await userWith(t.platform, t.app, [...roles], { all: true });
      expect((await u.get('/api/audit')).status).toBe(403);
      expect((await u.get('/api/audit/export.xlsx')).status).toBe(403);
    }
  });
});

describe('exporting the audit log', () => {
  it('downloads the filtered log as a workbook and records the export itself', async () => {
    const r = await auditor.get('/api/audit/export.xlsx?from=2025-03-02&to=2025-03-02&entityType=employer');
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    expect(String(r.headers['content-disposition'])).toMatch(/attachment; filename="audit-\d{4}-\d{2}-\d{2}\.xlsx"/);
    const rows = await readWorkbook(r.body);
    expect(rows[0]!.slice(0, 3)).toEqual(['时间 Time', '操作人 Actor', '操作 Action']);
    expect(rows.slice(1).map((x) => [x[2], x[4]])).toEqual([
      ['registry.employer.create', String(employer.late)],
      ['registry.employer.create', String(employer.early)],
    ]);
    const exported = await auditor.get('/api/audit?action=audit.exported');
    expect(exported.json.items).toHaveLength(1);
    expect(exported.json.items[0]).toMatchObject({ actorName: 'theauditor', after: { from: '2025-03-02', to: '2025-03-02', entityType: 'employer' } });
  });
});

describe('the audit table', () => {
  it('refuses to change or remove a row, in the default partition and in a day partition', async () => {
    await admin.post('/api/employers', { name: '今日单位' });
    const partition = `audit_log_p${today.replaceAll('-', '')}`;
    const before = await queryRows<{ n: number }>(t.platform.db, sql`SELECT count(*)::int AS n FROM audit_log`);
    const attempts = [
      sql`UPDATE audit_log SET action = 'forged' WHERE action = 'registry.employer.create'`,
      sql`DELETE FROM audit_log WHERE action = 'registry.employer.create'`,
      sql`UPDATE audit_log_default SET actor_name = 'nobody'`,
      sql`DELETE FROM audit_log_default`,
      sql.raw(`UPDATE ${partition} SET actor_name = 'nobody'`),
      sql.raw(`DELETE FROM ${partition}`),
    ];
    for (const attempt of attempts) {
      await expect(t.platform.db.execute(attempt)).rejects.toThrow();
    }
    const after = await queryRows<{ n: number }>(t.platform.db, sql`SELECT count(*)::int AS n FROM audit_log`);
    expect(after[0]!.n).toBe(before[0]!.n);
    const forged = await queryRows<{ n: number }>(
      t.platform.db,
      sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'forged' OR actor_name = 'nobody'`,
    );
    expect(forged[0]!.n).toBe(0);
    const inPartition = await queryRows<{ n: number }>(t.platform.db, sql.raw(`SELECT count(*)::int AS n FROM ${partition}`));
    expect(inPartition[0]!.n).toBeGreaterThan(0);
  });
});
