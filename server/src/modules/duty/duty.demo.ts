import type { DutyRole, Role } from '@jiayuan/contracts';
import type { Actor } from '../../platform/access/actor.js';
import type { Ctx } from '../../platform/context.js';
import type { DemoSetting } from '../../platform/modules/define-module.js';
import * as places from '../../platform/places/places.repository.js';
import { addDays, localInstant } from '../../platform/time.js';
import { firstResidentPerHousehold } from '../registry/index.js';
import { createCallUp } from './duty-callups.service.js';
import { claimShift, respondToCallUp } from './duty-claims.service.js';
import { confirmMember, registerMember } from './duty-members.service.js';
import { createPost, generateShifts, listShifts } from './duty-posts.service.js';
import { addTeamMember, createTeam, saveRoster } from './duty-teams.service.js';

/** The member a resident is, acting on their own pages (the demo claims as them). */
const residentActor = (residentId: number): Actor => ({
  kind: 'user',
  userId: null,
  tokenId: null,
  name: `resident:${residentId}`,
  roles: ['resident' as Role],
  permissions: new Set(),
  scope: { all: false, places: [], employerIds: [] },
  residentId,
  householdId: null,
});

const ROLES: DutyRole[] = [
  'gatekeeper',
  'patrol',
  'publicity',
  'information',
  'purchasing',
  'disposal',
  'persuasion',
  'quarantine',
  'vehicleCheck',
  'tutoring',
];

/**
 * Demo data (seed 004): members of the demo community reported in (most confirmed, some waiting),
 * a compound gate with 3×8 h shifts and a building post with 2×12 h shifts this week, claims on
 * them, a call-up in progress (tomorrow morning, 10 places, 3 taken), a work team, and a "2+1"
 * roster with gaps (the first building complete, the next missing its party member).
 */
export async function seedDutyDemo(ctx: Ctx, demo: DemoSetting): Promise<void> {
  const db = ctx.platform.db;
  const community = await places.findPlace(db, demo.community);
  const compound = await places.findPlace(db, demo.compound);
  if (!community || !compound) return;
  const residents = [...new Set([...demo.employees, ...(await firstResidentPerHousehold(db, community.path, 30))])].slice(0, 24);
  const members: number[] = [];
  for (const [i, residentId] of residents.entries()) {
    const m = await registerMember(ctx, {
      residentId,
      employerId: null,
      partyOrganisation: i % 2 ? '采油厂第一党支部' : '钻井公司机关党委',
      skills: i % 3 === 0 ? ['驾驶'] : i % 3 === 1 ? ['测温'] : [],
      roles: [...new Set<DutyRole>([ROLES[i % ROLES.length]!, ROLES[(i + 1) % ROLES.length]!, 'gatekeeper', 'patrol'])],
      availability: i % 2 ? '工作日晚上、周末' : '全天',
    });
    if (i < 18) await confirmMember(ctx, m.id);
    members.push(m.id);
  }
  const confirmed = residents.slice(0, 18);
  const owner = demo.users.get('community') ?? null;
  const gate = await createPost(ctx, { placeId: compound.id, kind: 'gate', name: `${compound.name}东门`, role: 'gatekeeper', ownerUserId: owner });
  await generateShifts(ctx, gate.id, { from: demo.today, to: addDays(demo.today, 6), pattern: '3x8', firstStart: '08:00', headcount: 2, requiredRole: null });
  const buildings = (await places.placesOfTypeUnder(db, 'building', compound.path)).sort((a, b) => (a.path < b.path ? -1 : 1)).slice(0, 3);
  if (buildings[0]) {
    const post = await createPost(ctx, { placeId: Number(buildings[0].id), kind: 'building', name: '楼栋值守', role: 'patrol', ownerUserId: owner });
    await generateShifts(ctx, post.id, {
      from: demo.today,
      to: addDays(demo.today, 6),
      pattern: '2x12',
      firstStart: '08:00',
      headcount: 1,
      requiredRole: null,
    });
  }
  // Claims on the gate's next shifts: the first two shifts full, the third half full.
  const shifts = (await listShifts(ctx, { postId: gate.id, page: 1, pageSize: 6 })).items;
  const as = (residentId: number): Ctx => ({ ...ctx, actor: residentActor(residentId) });
  let k = 0;
  for (const [i, s] of shifts.slice(0, 3).entries()) {
    for (let j = 0; j < (i < 2 ? 2 : 1); j++) {
      const r = confirmed[k++ % confirmed.length]!;
      await claimShift(as(r), s.id, { waitlist: true }).catch(() => undefined);
    }
  }
  // A call-up in progress: ten people for five checkpoints tomorrow morning, three answered.
  const areas = [];
  for (let i = 1; i <= 5; i++)
    areas.push((await createPost(ctx, { placeId: compound.id, kind: 'area', name: `核酸采样点${i}号`, role: 'information', ownerUserId: owner })).id);
  const tomorrow = addDays(demo.today, 1);
  const callUp = await createCallUp(ctx, {
    title: '核酸采样点秩序维护',
    note: '请佩戴党员徽章，提前10分钟到岗',
    placeId: compound.id,
    postIds: areas,
    needed: 10,
    roles: [],
    startsAt: localInstant(tomorrow, '08:00', ctx.platform.config.timezone).toISOString(),
    endsAt: localInstant(tomorrow, '12:00', ctx.platform.config.timezone).toISOString(),
    deadline: localInstant(tomorrow, '07:00', ctx.platform.config.timezone).toISOString(),
  });
  for (const r of confirmed.slice(-3)) await respondToCallUp(as(r), callUp.id, { waitlist: true }).catch(() => undefined);
  // A work team with its leader and two members.
  const team = await createTeam(ctx, {
    communityId: community.id,
    name: '第一突击队',
    employerId: demo.employer,
    partyBranch: '突击队临时党支部',
    leaderMemberId: members[0]!,
  });
  for (const [i, m] of members.slice(1, 3).entries()) await addTeamMember(ctx, team.id, { memberId: m, role: i ? 'persuasion' : 'patrol' });
  // "2+1": the first building complete (its head from the registry, when it has one), the second without its party member.
  for (const [i, b] of buildings.slice(0, 2).entries()) {
    await saveRoster(ctx, Number(b.id), { cadreUserId: owner, memberId: i === 0 ? members[3]! : null, validFrom: demo.today, validTo: null });
  }
}
