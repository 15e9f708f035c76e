import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localInstant } from '../../platform/time.js';
import { buildSmallTree } from '../../test-support/fixtures.js';
import { userWith, type TestClient } from '../../test-support/http-client.js';
import { residentClient } from '../../test-support/servicedesk.js';
import { createTestPlatform, type TestPlatform } from '../../test-support/test-platform.js';

const TZ = 'Asia/Shanghai';
const at = (day: string, time: string) => localInstant(day, time, TZ).toISOString();

let t: TestPlatform;
let staffVolunteer: TestClient & { userId: number };
let residentVolunteer: TestClient;
let elder: TestClient;

interface Note {
  kind: string;
  link: string | null;
}
const needNotes = async (c: TestClient) => ((await c.get('/api/notifications?pageSize=50')).json.items as Note[]).filter((n) => n.kind === 'volunteers.need');

beforeAll(async () => {
  t = await createTestPlatform();
  t.clock.set(localInstant('2026-03-18', '09:00', TZ));
  const admin = await userWith(t.platform, t.app, ['admin'], { all: true }, 'vladmin');
  const tree = await buildSmallTree(admin);
  const staff = await userWith(t.platform, t.app, ['community_staff'], { placeIds: [tree.communityA] }, 'vlstaff');
  await admin.post('/api/residents', { dwellingId: tree.dwellingsA[0], name: '王奶奶', phone: '13912340101' });
  await admin.post('/api/residents', { dwellingId: tree.dwellingsA[1], name: '小赵', phone: '13912340102' });
  elder = await residentClient(t, '13912340101');
  residentVolunteer = await residentClient(t, '13912340102');
  staffVolunteer = await userWith(t.platform, t.app, ['volunteer'], { placeIds: [tree.communityA] }, 'vlstaffvol');
  const fromPhone = await residentVolunteer.post('/api/volunteers/my/join', { serviceTypes: ['shopping'] });
  expect(fromPhone.status).toBe(201);
  const fromConsole = await staff.post('/api/volunteers/people', { userId: staffVolunteer.userId, placeId: tree.communityA });
  expect(fromConsole.status).toBe(201);
  const team = await staff.post('/api/volunteers/teams', { name: '代购队', serviceType: 'shopping', placeId: tree.communityA });
  expect(team.status).toBe(201);
  for (const v of [fromPhone.json.id, fromConsole.json.id])
    expect((await staff.post(`/api/volunteers/teams/${team.json.id}/members`, { volunteerId: v })).status).toBeLessThan(300);
}, 120_000);
afterAll(async () => {
  await t?.close();
});

describe("a new need's notice", () => {
  it("opens the console's need page for a staff volunteer and the phone's need page for a resident volunteer", async () => {
    const n = await elder.post('/api/volunteers/my/needs', {
      category: 'shopping',
      title: '代购药品',
      windowStart: at('2026-03-18', '15:00'),
      windowEnd: at('2026-03-18', '16:00'),
    });
    expect(n.status).toBe(201);
    expect((await needNotes(staffVolunteer)).map((x) => x.link)).toEqual([`/volunteers/needs/${n.json.id}`]);
    expect((await needNotes(residentVolunteer)).map((x) => x.link)).toEqual([`/resident/volunteers/needs/${n.json.id}`]);
  });
});
