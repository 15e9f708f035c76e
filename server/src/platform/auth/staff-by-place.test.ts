import type { SQLWrapper } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryOne, queryRows, sql } from '../db/database.js';
import { buildSmallTree, type SmallTree } from '../../test-support/fixtures.js';
import { userWith, type TestClient } from '../../test-support/http-client.js';
import { createTestPlatform, type TestPlatform } from '../../test-support/test-platform.js';
import { usersWithRoleOver, usersWithRoleOverQuery } from '../notifications/notifications.service.js';
import { lookupStaffQuery } from './identity.repository.js';

/**
 * Staff found by where they work, on a district-sized place tree: the staff picker, and who a
 * notice to a role over a place reaches. Both look at each staff user's own scope places by key.
 */

/** Extra buildings under community B: the place tree a district's lookup must not walk per user. */
const BUILDINGS = 3000;
const STAFF_A = 30;
const STAFF_B = 370;

let t: TestPlatform;
let admin: TestClient;
let tree: SmallTree;
let staffA: TestClient & { userId: number };
const pathOf = async (id: number) => (await queryOne<{ path: string }>(t.platform.db, sql`SELECT path FROM places WHERE id = ${id}`))!.path;

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Actual Rows': number;
  'Actual Loops': number;
  Plans?: PlanNode[];
}
const nodes = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(nodes)];

/** How a query reads `places`: its scan types, the probes and the rows, from EXPLAIN ANALYZE. */
async function readOfPlaces(query: SQLWrapper) {
  const [row] = await queryRows<{ 'QUERY PLAN': unknown }>(t.platform.db, sql`EXPLAIN (ANALYZE, FORMAT JSON) ${query}`);
  const raw = row!['QUERY PLAN'];
  const plan = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { Plan: PlanNode }[];
  const onPlaces = nodes(plan[0]!.Plan).filter((n) => n['Relation Name'] === 'places');
  return {
    scans: onPlaces.map((n) => n['Node Type']),
    probes: onPlaces.reduce((sum, n) => sum + n['Actual Loops'], 0),
    rows: onPlaces.reduce((sum, n) => sum + n['Actual Rows'] * n['Actual Loops'], 0),
  };
}

beforeAll(async () => {
  t = await createTestPlatform();
  admin = await userWith(t.platform, t.app, ['admin'], { all: true }, 'lookupadmin');
  tree = await buildSmallTree(admin);
  const pathB = await pathOf(tree.communityB);
  await t.platform.db.execute(
    sql`INSERT INTO places (id, parent_id, type, name, path, depth)
        SELECT 500000 + n, ${tree.communityB}, 'building', 'B楼' || n, ${pathB} || (500000 + n) || '.', 4 FROM generate_series(1, ${BUILDINGS}) n`,
  );
  // Staff scoped to a flat of A, and staff each scoped to one of B's buildings.
  await t.platform.db.execute(
    sql`INSERT INTO users (username, display_name, roles, scope)
        SELECT 'a' || n, '甲' || lpad(n::text, 3, '0'), ARRAY['community_staff'], jsonb_build_object('all', false, 'placeIds', jsonb_build_array(${tree.dwellingsA[0]!}::bigint), 'employerIds', '[]'::jsonb)
        FROM generate_series(1, ${STAFF_A}) n`,
  );
  await t.platform.db.execute(
    sql`INSERT INTO users (username, display_name, roles, scope)
        SELECT 'b' || n, '乙' || lpad(n::text, 3, '0'), ARRAY['property_staff'], jsonb_build_object('all', false, 'placeIds', jsonb_build_array(500000 + n), 'employerIds', '[]'::jsonb)
        FROM generate_series(1, ${STAFF_B}) n`,
  );
  await t.platform.db.execute(sql`ANALYZE places`);
  await t.platform.db.execute(sql`ANALYZE users`);
  staffA = await userWith(t.platform, t.app, ['community_staff'], { placeIds: [tree.communityA] }, 'lookupstaffa');
});
afterAll(() => t.close());

describe('the staff picker (GET /api/users/lookup)', () => {
  it('offers a community worker, before anything is typed, the staff of their community only, in name order', async () => {
    const r = await staffA.get('/api/users/lookup');
    expect(r.status).toBe(200);
    const expected = [...Array.from({ length: STAFF_A }, (_, i) => `甲${String(i + 1).padStart(3, '0')}`), 'lookupstaffa'].sort();
    expect(r.json.items.map((u: any) => u.displayName)).toEqual(expected);
  });

  it('offers the whole district at most fifty at once, and narrows by the text typed and the role', async () => {
    const all = await admin.get('/api/users/lookup');
    expect(all.json.items).toHaveLength(50);
    const typed = await admin.get(`/api/users/lookup?q=${encodeURIComponent('乙03')}`);
    expect(typed.json.items.map((u: any) => u.displayName)).toEqual(Array.from({ length: 10 }, (_, i) => `乙03${i}`));
    const byRole = await staffA.get('/api/users/lookup?role=property_staff');
    expect(byRole.json.items).toEqual([]);
  });

  it('reads each user’s own scope place by its key, never the place tree per user', async () => {
    const placeCount = (await queryOne<{ n: number }>(t.platform.db, sql`SELECT count(*)::int AS n FROM places`))!.n;
    expect(placeCount).toBeGreaterThan(BUILDINGS);
    const lookup = async (placeId: number) => readOfPlaces(lookupStaffQuery(t.platform.db, { under: [await pathOf(placeId)], limit: 50 }));
    // A community worker: every staff user is looked at (31 are theirs, fewer than a page), each
    // through one probe of their one scope place by key (the admin's scope is everything: none).
    const staffPlaces = STAFF_A + STAFF_B + 1;
    expect(await lookup(tree.communityA)).toEqual({ scans: ['Index Scan'], probes: staffPlaces, rows: staffPlaces });
    // A department coordinator, whose subtree holds all 3,000 buildings: still one probe a user, and
    // the first page is full before all are looked at.
    const wide = await lookup(tree.department);
    expect(wide.scans).toEqual(['Index Scan']);
    expect(wide.rows).toBe(wide.probes);
    expect(wide.probes).toBeLessThanOrEqual(staffPlaces);
  });
});

describe('a notice to a role over a place (usersWithRoleOver)', () => {
  it('reaches the holders of the role whose scope covers the place, and no one else', async () => {
    const names = async (ids: number[]) =>
      ids.length === 0
        ? []
        : (await queryRows<{ username: string }>(t.platform.db, sql`SELECT username FROM users WHERE id IN ${ids} ORDER BY username`)).map((r) => r.username);
    const building7 = await pathOf(500007);
    expect(await names(await usersWithRoleOver(t.platform.db, 'property_staff', building7))).toEqual(['b7']);
    expect(await names(await usersWithRoleOver(t.platform.db, 'community_staff', building7))).toEqual([]);
    const flat = await pathOf(tree.dwellingsA[0]!);
    expect(await names(await usersWithRoleOver(t.platform.db, 'community_staff', flat))).toEqual(
      [...Array.from({ length: STAFF_A }, (_, i) => `a${i + 1}`), 'lookupstaffa'].sort(),
    );
  });

  it('reads each holder’s own scope place by its key, never the place tree per user', async () => {
    expect(await readOfPlaces(usersWithRoleOverQuery('property_staff', await pathOf(500007)))).toEqual({
      scans: ['Index Scan'],
      probes: STAFF_B,
      rows: STAFF_B,
    });
  });
});
