import crypto from 'node:crypto';
import fs from 'node:fs';
import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from './platform/db/database.js';
import { ensureDailyPartitions } from './platform/db/partitions.js';
import { addDays, localDate } from './platform/time.js';
import { allTables } from './test-support/database-dump.js';
import { anonymous, TestClient, userWith } from './test-support/http-client.js';
import { buildSmallTree, makeIdNumber, type SmallTree } from './test-support/fixtures.js';
import { ok, repairCategory } from './test-support/servicedesk.js';
import { createTestPlatform, type TestPlatform } from './test-support/test-platform.js';
import { readWorkbook } from './test-support/workbooks.js';

/**
 * Beyond the registry: every module that takes an ID or phone number is driven through its API
 * (return requests, the public declaration and arrival, the hotline and Open311 reporters, gate
 * visitors and the check by ID number, screening's unregistered persons, observation and its
 * export, a case's source note), then every row of every table — `inbound_requests` and the
 * other modules' tables among them — and every log line is searched for the numbers in clear.
 */
const logLines: string[] = [];
const logStream = new Writable({
  write(chunk, _enc, done) {
    logLines.push(String(chunk));
    done();
  },
});

let t: TestPlatform;
let tree: SmallTree;
let today: string;

/** The people whose numbers go in, one per way in. */
const people = {
  submitted: { name: '返程甲', idNumber: makeIdNumber('19810203', 314), phone: '13511112222' },
  declared: { name: '申报乙', idNumber: makeIdNumber('19920817', 265), phone: '13633334444' },
  caller: { phone: '15855556666' },
  open311: { phone: '18277778888' },
  visitor: { name: '访客丙', phone: '13999990000' },
  syncedVisitor: { name: '访客丁', phone: '13988887777' },
  unregistered: { name: '借住戊', phone: '15012123434' },
  caseNote: { phone: '18645456767' },
  gateChecked: { name: '门岗己', idNumber: makeIdNumber('19660606', 606), phone: '13656567878' },
};

/** Each number as typed, its ID number without the check character, and each as UTF-8 hex (how bytea shows). */
function needles(): string[] {
  const out: string[] = [];
  for (const p of Object.values(people)) {
    for (const n of ['idNumber' in p ? p.idNumber : null, p.phone]) {
      if (!n) continue;
      out.push(n, Buffer.from(n).toString('hex'));
      if (n.length === 18) out.push(n.slice(0, 17));
    }
  }
  return out;
}

async function everyRow() {
  const rows: { table: string; text: string }[] = [];
  for (const table of await allTables(t.platform.db)) {
    for (const r of await queryRows<{ row: string }>(t.platform.db, sql.raw(`SELECT t::text AS row FROM ${table} t`))) rows.push({ table, text: r.row });
  }
  return rows;
}

const rowsOf = (rows: { table: string; text: string }[], table: string) => rows.filter((r) => r.table === `public.${table}`);

beforeAll(async () => {
  t = await createTestPlatform({ logDestination: logStream });
  today = localDate(t.clock.now(), t.platform.config.timezone);
  for (const table of ['audit_log', 'gate_events', 'observation_checks'] as const) {
    await ensureDailyPartitions(t.platform.db, table, addDays(today, -1), addDays(today, 20), t.platform.config.timezone);
  }
  const admin = await userWith(t.platform, t.app, ['admin', 'center_coordinator'], { all: true }, 'pdmadmin');
  tree = await buildSmallTree(admin);
  const coord = await userWith(t.platform, t.app, ['department_coordinator'], { placeIds: [tree.department] }, 'pdmcoord');
  const staff = await userWith(t.platform, t.app, ['community_staff'], { placeIds: [tree.communityA] }, 'pdmstaff');
  const health = await userWith(t.platform, t.app, ['health_worker'], { placeIds: [tree.communityA] }, 'pdmhealth');
  const trip = { fromCity: '河南濮阳', fromRisk: 'low', plannedArrival: today, health: { symptoms: [], contactWithCase: false } };

  // Return requests: one submitted by the department for a new person, checked in on arrival (the
  // person joins the registry and home observation); one declared on the public form.
  let r = await ok(coord.post('/api/inbound/requests', { ...people.submitted, dwellingId: tree.dwellingsA[0], ...trip }), 'submit');
  r = await ok(coord.post(`/api/inbound/requests/${r.id}/route`, { version: r.version }), 'route');
  r = await ok(staff.post(`/api/inbound/requests/${r.id}/approve`, { measure: { kind: 'home_observation', days: 14 }, version: r.version }), 'approve');
  r = await ok(coord.post(`/api/inbound/requests/${r.id}/notified`, { version: r.version }), 'notified');
  const notice = await ok(coord.get(`/api/inbound/requests/${r.id}/notice`), 'notice');
  expect((await ok(staff.post('/api/inbound/scan', { token: notice.token }), 'scan')).valid).toBe(true);
  r = await ok(staff.post(`/api/inbound/requests/${r.id}/check-in`, { method: 'scan', version: r.version }), 'check-in');
  await ok(health.post(`/api/observation/cases/${r.observationCaseId}/readings`, { temperature: 36.6, symptoms: [] }), 'reading');
  const declared = await anonymous(t.app).post('/api/inbound/declarations', {
    ...people.declared,
    communityId: tree.communityA,
    address: '建工小区3号楼',
    ...trip,
  });
  expect(declared.status).toBe(201);

  // The service desk: a hotline call with the caller's number (found by it first), an Open311 report with one.
  const team = await ok(admin.post('/api/servicedesk/teams', { name: '维修队', placeId: tree.communityA, leaderUserId: null, memberUserIds: [] }));
  const categoryId = (await ok(admin.post('/api/servicedesk/categories', repairCategory('pdm.leak', team.id)))).id;
  expect((await ok(staff.get(`/api/servicedesk/caller?phone=${people.caller.phone}`))).items).toEqual([]);
  await ok(
    staff.post('/api/servicedesk/orders', {
      categoryId,
      description: '楼道漏水',
      dwellingId: tree.dwellingsA[1],
      callerName: '来电人',
      callerPhone: people.caller.phone,
    }),
    'hotline',
  );
  const apiKey = (await ok(admin.post('/api/api-tokens', { name: '热线平台', permissions: ['servicedesk.intake'], scope: { placeIds: [tree.communityA] } })))
    .secret;
  const posted = await t.app.inject({
    method: 'POST',
    url: '/open311/v2/requests.json',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({
      api_key: apiKey,
      service_code: 'pdm.leak',
      address_id: String(tree.dwellingsA[2]),
      description: '漏水',
      first_name: '市民',
      phone: people.open311.phone,
    }).toString(),
  });
  expect(posted.statusCode).toBe(200);

  // Gates: a visitor registered alone and one in a synced batch; a guard checks a resident by ID number.
  await ok(admin.post('/api/residents', { dwellingId: tree.dwellingsA[3], ...people.gateChecked }), 'resident');
  const gateId = (await ok(staff.post('/api/access/gates', { name: '东门', kind: 'gate', placeId: tree.compoundA }), 'gate')).id;
  const device = new TestClient(t.app, null, null, 'zh-CN', (await ok(staff.post(`/api/access/gates/${gateId}/tokens`, {}), 'token')).secret);
  const event = (visitor: { name: string; phone: string }) => ({
    clientId: crypto.randomUUID(),
    gateId,
    at: t.clock.now().toISOString(),
    subject: 'person',
    direction: 'in',
    temperature: 36.5,
    decision: 'allowed',
    reason: 'visitor',
    visitor: { ...visitor, reason: '探亲', hostDwellingId: tree.dwellingsA[0] },
  });
  await ok(device.post('/api/access/gate/events', event(people.visitor)), 'gate event');
  await ok(device.post('/api/access/gate/events/sync', { events: [event(people.syncedVisitor)] }), 'gate sync');
  expect((await ok(device.post('/api/access/gate/verify', { gateId, idNumber: people.gateChecked.idNumber }))).subject.maskedName).toBe('门*己');

  // Screening: a visitor meets someone not on the registry, who gives a phone number.
  const questions = [
    { key: 'temperature', type: 'temperature', label: { 'zh-CN': '体温', 'en-US': 'Temperature' }, flag: { reason: 'fever', atOrAbove: 37.3 } },
  ];
  const campaign = await ok(
    coord.post('/api/screening/campaigns', { name: '入户摸排', placeIds: [tree.communityA], questions, startsOn: today, endsOn: addDays(today, 7) }),
    'campaign',
  );
  await ok(coord.post(`/api/screening/campaigns/${campaign.id}/start`), 'start');
  await ok(coord.post(`/api/screening/campaigns/${campaign.id}/assignments`, { userId: staff.userId, buildingId: tree.buildingA }), 'assignment');
  const householdId = (await ok(staff.get(`/api/residents?placeId=${tree.dwellingsA[3]}`))).items[0].householdId;
  const visit = {
    id: crypto.randomUUID(),
    campaignId: campaign.id,
    householdId,
    outcome: 'visited',
    visitedAt: t.clock.now().toISOString(),
    persons: [{ unregistered: { ...people.unregistered, note: '暂住' }, present: true, answers: { temperature: 36.4 } }],
  };
  expect((await ok(staff.post('/api/screening/sync', { visits: [visit] }))).stored).toBe(1);

  // Containment: the source of a case, as reported on the phone, carries the caller's number.
  await ok(
    health.post('/api/containment/cases', {
      dwellingId: tree.dwellingsA[4],
      kind: 'suspected',
      reportedOn: today,
      sourceNote: `120 转来，联系电话 ${people.caseNote.phone}`,
    }),
    'case',
  );

  // Exports that carry these people, read back below.
  downloads.observation = (await health.get(`/api/observation/export.xlsx?from=${today}&to=${addDays(today, 1)}`)).body;
  downloads.residents = (await staff.get('/api/residents/export.xlsx')).body;
});
afterAll(() => t.close());

/** Excel files downloaded in the set-up, read cell by cell below. */
const downloads: Record<string, Buffer> = {};

describe('personal data entered through every module', () => {
  it("is nowhere in clear in the database: every row of every table, inbound_requests and the modules' tables read", async () => {
    const rows = await everyRow();
    const found: string[] = [];
    for (const n of needles()) for (const r of rows) if (r.text.toLowerCase().includes(n.toLowerCase())) found.push(`${r.table}: ${n}`);
    expect(found).toEqual([]);
    // The scan read where these numbers went, and what it read is what was entered.
    const counts = Object.fromEntries(
      [
        'inbound_requests',
        'residents',
        'sd_orders',
        'gate_visitors',
        'screening_person_visits',
        'containment_cases',
        'observation_cases',
        'identifier_search_counts',
      ].map((table) => [table, rowsOf(rows, table).length]),
    );
    expect(counts).toEqual({
      inbound_requests: 2,
      residents: 2,
      sd_orders: 2,
      gate_visitors: 2,
      screening_person_visits: 1,
      containment_cases: 1,
      observation_cases: 1,
      identifier_search_counts: 2,
    });
    expect(
      rowsOf(rows, 'inbound_requests')
        .map((r) => r.text)
        .join('\n'),
    ).toContain(people.declared.name);
    expect(rowsOf(rows, 'residents').some((r) => r.text.includes(people.submitted.name))).toBe(true);
    expect(rowsOf(rows, 'gate_visitors').some((r) => r.text.includes(people.syncedVisitor.name))).toBe(true);
    expect(rowsOf(rows, 'screening_person_visits')[0]!.text).toContain(people.unregistered.name);
    expect(rowsOf(rows, 'containment_cases')[0]!.text).not.toContain('120 转来');
    // The searches by number were audited, as masks and references only.
    expect(rowsOf(rows, 'audit_log').filter((r) => r.text.includes('identifier.searched'))).toHaveLength(2);
  });

  it('is nowhere in clear in the log, nor in the exports and the text-message outbox', async () => {
    const log = logLines.join('');
    expect(log).toContain('"url":"/api/servicedesk/caller?…"');
    for (const n of needles()) expect(log).not.toContain(n);
    const sheets = Object.fromEntries(
      await Promise.all(Object.entries(downloads).map(async ([what, body]) => [what, (await readWorkbook(body)).map((row) => row.join('|'))] as const)),
    );
    // The exports list these people (masked), so the search below looked at them.
    expect(sheets.observation!.some((row) => row.includes(people.submitted.name) && row.includes(`**************${people.submitted.idNumber.slice(-4)}`))).toBe(
      true,
    );
    expect(sheets.residents!.some((row) => row.includes(people.gateChecked.name) && row.includes(`*******${people.gateChecked.phone.slice(-4)}`))).toBe(true);
    for (const [what, rows] of Object.entries(sheets)) for (const n of needles()) expect(rows.join('\n'), `${what}: ${n}`).not.toContain(n);
    const outbox = fs.existsSync(t.smsOutbox) ? fs.readFileSync(t.smsOutbox, 'utf8') : '';
    for (const n of needles()) expect(outbox).not.toContain(n);
  });

  it('leaves an audit row for each export, the CDC’s health readings included, with what was asked and how many rows went out', async () => {
    const audits = await queryRows<{ action: string; rows: number; from: string | null }>(
      t.platform.db,
      sql`SELECT action, (after->>'rows')::int AS rows, after->>'from' AS "from" FROM audit_log WHERE action LIKE '%.export' ORDER BY id`,
    );
    expect(audits.map((a) => [a.action, a.rows > 0])).toEqual([
      ['observation.check.export', true],
      ['registry.resident.export', true],
    ]);
    expect(audits[0]!.from).toBe(localDate(t.clock.now(), t.platform.config.timezone));
  });
});
