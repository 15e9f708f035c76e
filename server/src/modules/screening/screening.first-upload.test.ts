import crypto from 'node:crypto';
import { DEFAULT_QUESTIONS } from '@jiayuan/contracts';
import { afterAll, beforeAll, expect } from 'vitest';
import { queryOne, sql } from '../../platform/db/database.js';
import { addDays, localDate } from '../../platform/time.js';
import { buildSmallTree, type SmallTree } from '../../test-support/fixtures.js';
import { signIn, userWith, type TestClient } from '../../test-support/http-client.js';
import { describeOnPostgres, itOnPostgres } from '../../test-support/postgres-only.js';
import { createTestPlatform, type TestPlatform } from '../../test-support/test-platform.js';

/**
 * Two phones uploading the same new visits at once (issue 10, item 30): a volunteer's queue
 * sent from two devices, or a retry racing the first try. Each visit is stored once, with its
 * persons once, and neither phone gets an error.
 */
let t: TestPlatform;
let tree: SmallTree;
let campaignId: number;
let phones: [TestClient, TestClient];
const households: { id: number; residents: number[] }[] = [];
const healthy = { returned: false, symptoms: false, temperature: 36.6 };
const count = async (table: 'screening_visits' | 'screening_person_visits') =>
  (await queryOne<{ n: number }>(t.platform.db, sql`SELECT count(*)::int AS n FROM ${sql.raw(table)}`))!.n;

describeOnPostgres('two phones syncing the same new screening visits at once', () => {
  beforeAll(async () => {
    t = await createTestPlatform();
    const today = localDate(t.clock.now(), t.platform.config.timezone);
    const admin = await userWith(t.platform, t.app, ['admin'], { all: true }, 'fuadmin');
    tree = await buildSmallTree(admin);
    for (const [i, dwellingId] of tree.dwellingsA.entries()) {
      const head = (await admin.post('/api/residents', { dwellingId, name: `摸排${i}户主` })).json;
      const residents = [head.id as number];
      if (i % 2 === 0) residents.push((await admin.post('/api/residents', { householdId: head.householdId, name: `摸排${i}家人`, relation: 'child' })).json.id);
      households.push({ id: head.householdId, residents });
    }
    const grid = (await admin.post('/api/grids', { communityId: tree.communityA, name: '并发网格', gridWorkerUserId: null, buildingIds: [tree.buildingA] }))
      .json.id;
    const coordinator = await userWith(t.platform, t.app, ['department_coordinator'], { placeIds: [tree.department] }, 'fucoord');
    const staff = await userWith(t.platform, t.app, ['community_staff'], { placeIds: [tree.communityA] }, 'fustaff');
    const volunteer = await userWith(t.platform, t.app, ['volunteer'], { placeIds: [tree.communityA] }, 'fuvol');
    const draft = (
      await coordinator.post('/api/screening/campaigns', {
        name: '并发上传',
        placeIds: [tree.department],
        questions: DEFAULT_QUESTIONS,
        startsOn: today,
        endsOn: addDays(today, 7),
      })
    ).json;
    campaignId = (await coordinator.post(`/api/screening/campaigns/${draft.id}/start`)).json.id;
    expect((await staff.post(`/api/screening/campaigns/${campaignId}/assignments`, { userId: volunteer.userId, gridId: grid })).status).toBe(201);
    phones = [volunteer, await signIn(t.app, 'fuvol')];
  });
  afterAll(() => t?.close());

  itOnPostgres('stores each visit and its persons once, in four races of three new visits each, with no error to either phone', async () => {
    let visits = 0;
    let persons = 0;
    for (let round = 0; round < 4; round++) {
      const batch = households.slice(round * 3, round * 3 + 3).map((h) => ({
        id: crypto.randomUUID(),
        campaignId,
        householdId: h.id,
        outcome: 'visited',
        visitedAt: t.clock.now().toISOString(),
        persons: h.residents.map((residentId) => ({ residentId, present: true, answers: healthy })),
      }));
      const answers = await Promise.all(phones.map((p) => p.post('/api/screening/sync', { visits: batch })));
      expect(answers.map((a) => a.status)).toEqual([200, 200]);
      expect(answers.map((a) => a.json.rejected)).toEqual([0, 0]);
      expect(answers[0]!.json.stored + answers[1]!.json.stored).toBe(3);
      expect(answers[0]!.json.duplicates + answers[1]!.json.duplicates).toBe(3);
      visits += 3;
      persons += batch.reduce((n, v) => n + v.persons.length, 0);
      expect(await count('screening_visits')).toBe(visits);
      expect(await count('screening_person_visits')).toBe(persons);
    }
    expect(visits).toBe(12);
    expect(persons).toBe(18);
  });
});
