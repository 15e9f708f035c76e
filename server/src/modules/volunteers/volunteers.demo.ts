import type { Role, ServiceType } from '@jiayuan/contracts';
import type { Actor } from '../../platform/access/actor.js';
import type { Ctx } from '../../platform/context.js';
import type { DemoSetting } from '../../platform/modules/define-module.js';
import * as places from '../../platform/places/places.repository.js';
import { addDays, localInstant } from '../../platform/time.js';
import { firstResidentPerHousehold } from '../registry/index.js';
import { createActivity, createProgramme, signUp } from './volunteers-activities.service.js';
import { fundPool, grantFromPool } from './volunteers-bank.service.js';
import { answerDispatch, createDispatch } from './volunteers-dispatch.service.js';
import { confirmNeed, markDone, publishMyNeed, publishOnBehalf, takeNeed } from './volunteers-needs.service.js';
import { addTeamMember, createTeam, registerVolunteer } from './volunteers-people.service.js';
import { proposeAwards, saveAwardRule } from './volunteers-recognition.service.js';

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
const userActor = (userId: number): Actor => ({ ...residentActor(0), name: `user:${userId}`, userId, residentId: null, roles: ['volunteer' as Role] });

const TYPES: ServiceType[] = ['shopping', 'elderCare', 'companionship', 'tutoring', 'repairs', 'civility'];

/**
 * Demo data (seed 003 and the love bank of seed 002): twenty volunteers of the demo community (the
 * `volunteer` account among them) in four teams; needs open, taken (the volunteer account's task),
 * served and confirmed, one waiting for confirmation; an activity tomorrow with sign-ups; the year's
 * programme; a dispatch today answered for the demo unit; a funded pool with grants to two elders.
 */
export async function seedVolunteersDemo(ctx: Ctx, demo: DemoSetting): Promise<void> {
  const db = ctx.platform.db;
  const community = await places.findPlace(db, demo.community);
  if (!community) return;
  const tz = ctx.platform.config.timezone;
  const as = (actor: Actor): Ctx => ({ ...ctx, actor });
  const residents = [...new Set([...demo.employees, ...(await firstResidentPerHousehold(db, community.path, 60))])];
  const helpers = residents.slice(0, 20);
  const elders = residents.slice(30, 40);
  const volunteerIds: number[] = [];
  for (const [i, residentId] of helpers.entries()) {
    const v = await registerVolunteer(ctx, {
      residentId,
      placeId: community.id,
      employerId: i < 6 ? demo.employer : null,
      skills: i % 3 === 0 ? ['驾驶'] : i % 3 === 1 ? ['理发'] : [],
      serviceTypes: [TYPES[i % TYPES.length]!, 'elderCare'],
      availability: i % 2 ? '工作日晚上、周末' : '全天',
    });
    volunteerIds.push(v.id);
  }
  const account = demo.users.get('volunteer');
  const me = account
    ? await registerVolunteer(ctx, { userId: account, placeId: community.id, serviceTypes: ['elderCare', 'shopping'], skills: ['驾驶'] })
    : null;
  const teams = [
    { name: '助老服务队', serviceType: 'elderCare' as const },
    { name: '代购跑腿队', serviceType: 'shopping' as const },
    { name: '四点半课堂辅导队', serviceType: 'tutoring' as const },
    { name: '文明协管队', serviceType: 'civility' as const },
  ];
  for (const [i, t] of teams.entries()) {
    const team = await createTeam(ctx, { ...t, placeId: community.id, leaderVolunteerIds: [volunteerIds[i]!] });
    for (let j = 4 + i; j < volunteerIds.length; j += 4) await addTeamMember(ctx, team.id, { volunteerId: volunteerIds[j]!, leader: false });
    if (me && i < 2) await addTeamMember(ctx, team.id, { volunteerId: me.id, leader: false });
  }

  const now = ctx.platform.clock.now();
  const inHours = (h: number) => new Date(now.getTime() + h * 3600000).toISOString();
  const need = (i: number, category: ServiceType, title: string, fromH: number, toH: number) =>
    publishMyNeed(as(residentActor(elders[i]!)), {
      category,
      title,
      windowStart: inHours(fromH),
      windowEnd: inHours(toH),
      takersNeeded: 1,
      notes: null,
      place: null,
    });
  // Open needs on the board.
  await need(0, 'elderCare', '陪同到社区卫生站量血压', 3, 5);
  await need(1, 'shopping', '代购米面油', 5, 8);
  await need(2, 'repairs', '更换厨房灯泡', 20, 22);
  await publishOnBehalf(ctx, {
    residentId: elders[3]!,
    category: 'medicine',
    title: '代取慢病药（无智能手机，网格员代报）',
    windowStart: inHours(24),
    windowEnd: inHours(27),
    takersNeeded: 1,
  });
  // The volunteer account's task: taken, to be served this afternoon.
  if (me && account) {
    const task = await need(4, 'elderCare', '陪伴聊天、读报', 4, 6);
    await takeNeed(as(userActor(account)), task.id);
  }
  // Served and confirmed: minutes in the ledger, elder care in the love bank.
  for (const [k, i] of [5, 6, 7].entries()) {
    const n = await need(i, k === 2 ? 'cleaning' : 'elderCare', ['助浴', '陪诊到油田中心医院', '打扫卫生'][k]!, 1, 3);
    await takeNeed(as(residentActor(helpers[k + 1]!)), n.id);
    await markDone(as(residentActor(helpers[k + 1]!)), n.id, { minutes: [60, 120, 90][k]!, note: '已完成' });
    if (k < 2) await confirmNeed(as(residentActor(elders[i]!)), n.id);
  }

  // An activity tomorrow with sign-ups, and the year's programme (five themes, every two months).
  const tomorrow = addDays(demo.today, 1);
  const programme = await createProgramme(ctx, {
    name: '情暖西城 携手同行',
    year: Number(demo.today.slice(0, 4)),
    themes: ['health', 'green', 'happiness', 'harmony', 'integrity'],
    placeIds: [community.id],
    periodMonths: 2,
    activitiesPerCell: 1,
  });
  const activity = await createActivity(ctx, {
    title: '健康宣教进小区',
    description: '义诊、测血压、讲解医保政策',
    placeId: demo.compound,
    venue: '小区广场',
    theme: 'health',
    serviceType: 'companionship',
    startsAt: localInstant(tomorrow, '09:00', tz).toISOString(),
    endsAt: localInstant(tomorrow, '11:00', tz).toISOString(),
    capacity: 12,
    programmeId: programme.id,
  });
  for (const r of helpers.slice(8, 16)) await signUp(as(residentActor(r)), activity.id, true);

  // A dispatch today for the demo unit, two people named by its liaison (recorded here by the centre).
  const dispatch = await createDispatch(ctx, {
    title: '清乱治乱集中清理',
    placeId: community.id,
    startsAt: inHours(2),
    endsAt: inHours(6),
    quotas: [{ employerId: demo.employer, quota: 5 }],
  });
  await answerDispatch(ctx, dispatch.id, volunteerIds.slice(0, 2));

  // The love bank: the community's pool funded, grants to two elders in home care.
  await fundPool(ctx, { communityId: community.id, minutes: 3000, memo: '年度爱心池' });
  for (const e of elders.slice(8, 10)) await grantFromPool(ctx, { toResidentId: e, minutes: 240, memo: '居家养老补助' });

  const rule = await saveAwardRule(ctx, { name: '优秀志愿者（年度服务时长）', criteria: [{ metric: 'minutes', atLeast: 60 }] });
  await proposeAwards(ctx, rule.id, { from: `${demo.today.slice(0, 4)}-01-01`, to: demo.today });
}
