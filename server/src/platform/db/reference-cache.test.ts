import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSmallTree, type SmallTree } from '../../test-support/fixtures.js';
import { userWith } from '../../test-support/http-client.js';
import { createTestPlatform, type TestPlatform } from '../../test-support/test-platform.js';
import { inTx } from '../context.js';
import { findPlace } from '../places/places.repository.js';
import { tableWritten } from './reference-cache.js';
import type { Tx } from './database.js';

/** Places (and the service desk's configuration, users' names) are kept per instance; the database's triggers say when to drop them. */
let t: TestPlatform;
let tree: SmallTree;

const nameOf = async (id: number) => (await findPlace(t.platform.db, id))?.name;
const rename = (id: number, name: string) => t.platform.db.execute(sql`UPDATE places SET name = ${name} WHERE id = ${id}`);

/** Waits until the kept place shows `name` (the notice comes when the change commits, a moment later). */
async function eventually(id: number, name: string) {
  for (let i = 0; i < 100 && (await nameOf(id)) !== name; i++) await new Promise((r) => setTimeout(r, 20));
  return nameOf(id);
}

beforeAll(async () => {
  t = await createTestPlatform();
  tree = await buildSmallTree(await userWith(t.platform, t.app, ['admin'], { all: true }, 'cacheadmin'));
});
afterAll(() => t.close());

describe('reference caches', () => {
  it('keep a place once read: a change the trigger does not announce is not seen', async () => {
    const before = await nameOf(tree.buildingA);
    await t.platform.db.execute(sql`ALTER TABLE places DISABLE TRIGGER places_cache_changed`);
    try {
      await rename(tree.buildingA, 'unannounced');
      await new Promise((r) => setTimeout(r, 100));
      expect(await nameOf(tree.buildingA)).toBe(before);
    } finally {
      await t.platform.db.execute(sql`ALTER TABLE places ENABLE TRIGGER places_cache_changed`);
    }
  });

  it('drop what they kept when any statement changes the table, whoever sends it', async () => {
    await rename(tree.buildingA, 'announced');
    expect(await eventually(tree.buildingA, 'announced')).toBe('announced');
  });

  it('let a transaction that wrote the table read its own change, and keep nothing of it when it rolls back', async () => {
    const place = (await findPlace(t.platform.db, tree.buildingB))!;
    const seenInside = await inTx(t, async (tx) => {
      // As the registry's repository does when it writes a place.
      tableWritten(tx, 'places');
      await (tx as Tx).execute(sql`UPDATE places SET name = 'inside' WHERE id = ${place.id}`);
      const inside = (await findPlace(tx, place.id))?.name;
      throw Object.assign(new Error('roll back'), { inside });
    }).catch((e: { inside?: string }) => e.inside);
    expect(seenInside).toBe('inside');
    expect(await nameOf(place.id)).toBe(place.name);
  });

  it('show a category renamed through the API in the next list of orders', async () => {
    const admin = await userWith(t.platform, t.app, ['admin'], { all: true }, 'cacheadmin2');
    const cats = (await admin.get('/api/servicedesk/categories')).json.items as Record<string, any>[];
    const cat = cats[0]!;
    const keys = ['parentId', 'code', 'kind', 'teamIds', 'emergency', 'limits', 'escalateAfterMinutes', 'publicVisible', 'keywords', 'attributes', 'version'];
    const body = Object.fromEntries(keys.filter((k) => k in cat).map((k) => [k, cat[k]]));
    const saved = await admin.put(`/api/servicedesk/categories/${cat.id}`, { ...body, name: { 'zh-CN': '改名', 'en-US': 'Renamed' } });
    expect([saved.status, saved.json.name?.['en-US']]).toEqual([200, 'Renamed']);
    const again = (await admin.get('/api/servicedesk/categories')).json.items as { id: number; name: Record<string, string> }[];
    expect(again.find((c) => c.id === cat.id)!.name['en-US']).toBe('Renamed');
  });
});
