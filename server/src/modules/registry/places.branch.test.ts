import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userWith, type TestClient } from '../../test-support/http-client.js';
import { itOnPostgres } from '../../test-support/postgres-only.js';
import { createTestPlatform, type TestPlatform } from '../../test-support/test-platform.js';
import { queryRows } from '../../platform/db/database.js';

/** A fresh install: no places at all, one admin over everything — the first-run setup. */
let t: TestPlatform;
let admin: TestClient;
let auditor: TestClient;

beforeAll(async () => {
  t = await createTestPlatform();
  admin = await userWith(t.platform, t.app, ['admin'], { all: true }, 'firstadmin');
  auditor = await userWith(t.platform, t.app, ['auditor']);
});
afterAll(() => t.close());

const placeCount = async () => (await queryRows<{ n: number }>(t.platform.db, sql`SELECT count(*)::int AS n FROM places`))[0]!.n;
const names = async (parentId: number | null) =>
  ((await admin.get(`/api/places${parentId ? `?parentId=${parentId}` : ''}`)).json.items as any[]).map((p) => `${p.type}:${p.name}`);

describe('the first places of a fresh install, made in one go', () => {
  let center: number;

  it('starts empty, then holds the centre, its departments and their communities', async () => {
    expect(await names(null)).toEqual([]);
    const r = await admin.post('/api/places/branch', {
      parentId: null,
      places: [
        { parent: -1, type: 'center', name: '西城社会化服务协调中心' },
        { parent: 0, type: 'department', name: '文汇居民事务协调部' },
        { parent: 1, type: 'community', name: '荟萃社区' },
        { parent: 1, type: 'community', name: '敬业社区' },
        { parent: 0, type: 'department', name: '龙潭居民事务协调部' },
        { parent: 4, type: 'community', name: '龙潭社区' },
      ],
    });
    expect(r.status).toBe(201);
    expect(r.json.created).toBe(6);
    center = r.json.ids[0];
    expect(await names(null)).toEqual(['center:西城社会化服务协调中心']);
    expect(await names(center)).toEqual(['department:文汇居民事务协调部', 'department:龙潭居民事务协调部']);
    expect(await names(r.json.ids[1])).toEqual(['community:荟萃社区', 'community:敬业社区']);
    expect(await names(r.json.ids[4])).toEqual(['community:龙潭社区']);
    const detail = await admin.get(`/api/places/${r.json.ids[3]}`);
    expect(detail.json.ancestors.map((a: any) => a.name)).toEqual(['西城社会化服务协调中心', '文汇居民事务协调部']);
    const audit = (await auditor.get(`/api/audit?action=registry.place.import&entityId=${center}`)).json.items;
    expect(audit).toHaveLength(1);
    expect(audit[0].after.places.map((p: any) => p.name)).toEqual([
      '西城社会化服务协调中心',
      '文汇居民事务协调部',
      '荟萃社区',
      '敬业社区',
      '龙潭居民事务协调部',
      '龙潭社区',
    ]);
  });

  it('makes all or nothing: a wrong place at the end leaves the ones before it unmade', async () => {
    const before = await placeCount();
    const r = await admin.post('/api/places/branch', {
      parentId: center,
      places: [
        { parent: -1, type: 'department', name: '新部' },
        { parent: 0, type: 'community', name: '新社区' },
        { parent: 1, type: 'dwelling', name: '101' },
      ],
    });
    expect(r.status).toBe(400);
    expect(r.json.code).toBe('REGISTRY_PLACE_TYPE_NOT_ALLOWED');
    expect(r.json.errors.map((e: any) => e.path)).toEqual(['places.2.type']);
    expect(await placeCount()).toBe(before);
  });

  it('refuses a parent named after the place, a second top level that is not a centre, and two siblings of one name', async () => {
    const before = await placeCount();
    const forward = await admin.post('/api/places/branch', {
      parentId: center,
      places: [
        { parent: 1, type: 'department', name: '甲' },
        { parent: -1, type: 'department', name: '乙' },
      ],
    });
    expect([forward.status, forward.json.code]).toEqual([400, 'REGISTRY_BRANCH_PARENT']);
    const top = await admin.post('/api/places/branch', { parentId: null, places: [{ parent: -1, type: 'department', name: '无上级的部' }] });
    expect([top.status, top.json.code]).toEqual([400, 'REGISTRY_PLACE_ROOT_NOT_ALLOWED']);
    const twice = await admin.post('/api/places/branch', {
      parentId: center,
      places: [
        { parent: -1, type: 'department', name: '丙' },
        { parent: -1, type: 'department', name: '丙' },
      ],
    });
    expect([twice.status, twice.json.code]).toEqual([409, 'REGISTRY_PLACE_NAME_TAKEN']);
    const existing = await admin.post('/api/places/branch', { parentId: center, places: [{ parent: -1, type: 'department', name: '文汇居民事务协调部' }] });
    expect([existing.status, existing.json.code]).toEqual([409, 'REGISTRY_PLACE_NAME_TAKEN']);
    expect(await placeCount()).toBe(before);
  });

  it('lets staff add a branch only inside their scope, and never a new centre', async () => {
    const communities = (await admin.get(`/api/places?parentId=${center}`)).json.items as any[];
    const wenhui = communities.find((p) => p.name === '文汇居民事务协调部')!.id;
    const longtan = communities.find((p) => p.name === '龙潭居民事务协调部')!.id;
    const [huicui] = (await admin.get(`/api/places?parentId=${wenhui}`)).json.items as any[];
    const [longtanCommunity] = (await admin.get(`/api/places?parentId=${longtan}`)).json.items as any[];
    const staff = await userWith(t.platform, t.app, ['community_staff'], { placeIds: [huicui.id] });
    const before = await placeCount();
    expect((await staff.post('/api/places/branch', { parentId: null, places: [{ parent: -1, type: 'center', name: '另一个中心' }] })).status).toBe(403);
    expect(
      (await staff.post('/api/places/branch', { parentId: longtanCommunity.id, places: [{ parent: -1, type: 'compound', name: '别人的小区' }] })).status,
    ).toBe(404);
    expect(await placeCount()).toBe(before);
    const mine = await staff.post('/api/places/branch', {
      parentId: huicui.id,
      places: [
        { parent: -1, type: 'compound', name: '建工小区' },
        { parent: 0, type: 'building', name: '3号楼' },
      ],
    });
    expect(mine.status).toBe(201);
    expect(await names(huicui.id)).toEqual(['compound:建工小区']);
    expect(await placeCount()).toBe(before + 2);
  });

  itOnPostgres('lets one of two admins win when both add the same centre at once', async () => {
    const body = {
      parentId: null,
      places: [
        { parent: -1, type: 'center', name: '同时建立的中心' },
        { parent: 0, type: 'department', name: '部' },
      ],
    };
    const answers = await Promise.all(Array.from({ length: 8 }, () => admin.post('/api/places/branch', body)));
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
    expect((await names(null)).filter((n) => n === 'center:同时建立的中心')).toHaveLength(1);
  });
});
