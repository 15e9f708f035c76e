import type { Ctx } from '../../platform/context.js';
import type { ApiCaller } from '../../platform/http/in-process.js';
import { saveTeam } from './config.service.js';
import { teamForUnservedRootCategories } from './servicedesk.repository.js';

/**
 * For `npm run demo`: a repair team led by the property account and a complaint desk led by the
 * community account, answering for the default categories in the demo community.
 */
export async function seedServicedeskDemo(ctx: Ctx, p: { communityId: number; propertyUserId: number; communityUserId: number }) {
  const repairs = await saveTeam(ctx, null, {
    name: '物业维修一班',
    placeId: p.communityId,
    leaderUserId: p.propertyUserId,
    memberUserIds: [p.propertyUserId],
    active: true,
  });
  const complaints = await saveTeam(ctx, null, {
    name: '社区投诉受理组',
    placeId: p.communityId,
    leaderUserId: p.communityUserId,
    memberUserIds: [p.communityUserId],
    active: true,
  });
  await teamForUnservedRootCategories(ctx.platform.db, repairs.id, true);
  await teamForUnservedRootCategories(ctx.platform.db, complaints.id, false);
}

type Stage = 'received' | 'dispatched' | 'accepted' | 'on_site' | 'resolved' | 'closed';

/** The day's calls to the hotline, in the order taken, and how far each has come. */
const CALLS: { code: string; text: string; stage: Stage; firstVisitFix?: boolean; rating?: number }[] = [
  { code: 'water', text: '厨房水龙头漏水，关不严', stage: 'received' },
  { code: 'noise', text: '楼上夜间装修噪音，影响老人休息', stage: 'received' },
  { code: 'power', text: '客厅插座没电，空气开关没跳', stage: 'dispatched' },
  { code: 'doors_windows', text: '单元门闭门器坏了，门关不上', stage: 'accepted' },
  { code: 'drainage', text: '卫生间地漏堵塞，返味', stage: 'on_site' },
  { code: 'heating', text: '卧室暖气片不热', stage: 'resolved', firstVisitFix: true },
  { code: 'water', text: '水表前阀门滴水', stage: 'closed', firstVisitFix: true, rating: 5 },
  { code: 'elevator', text: '电梯3楼按钮失灵', stage: 'closed', firstVisitFix: false, rating: 4 },
  { code: 'public_areas', text: '2单元楼道灯不亮', stage: 'closed', firstVisitFix: true, rating: 5 },
];
const ORDER: Stage[] = ['received', 'dispatched', 'accepted', 'on_site', 'resolved', 'closed'];

/**
 * A day at the hotline for the demo, through the API: the committee's desk files the calls for
 * flats of one compound, dispatches the repairs to the repair team's member, who accepts,
 * arrives and resolves them, and the desk calls residents back for their rating — so the board,
 * the repairer's phone page and the figures all have today's orders in every stage.
 */
export async function seedServicedeskDay(p: { desk: ApiCaller; repairer: ApiCaller }, repairerUserId: number, dwellingIds: number[]) {
  const categories = (await p.desk.call<{ items: { id: number; code: string }[] }>('GET', '/servicedesk/categories')).items;
  for (const [i, c] of CALLS.entries()) {
    const categoryId = categories.find((x) => x.code === c.code)!.id;
    const reached = (s: Stage) => ORDER.indexOf(c.stage) >= ORDER.indexOf(s);
    let o = await p.desk.call<{ id: number; version: number }>('POST', '/servicedesk/orders', {
      channel: 'hotline',
      categoryId,
      description: c.text,
      dwellingId: dwellingIds[i % dwellingIds.length],
    });
    const step = async (who: ApiCaller, body: Record<string, unknown>) => {
      o = await who.call<{ id: number; version: number }>('POST', `/servicedesk/orders/${o.id}/transitions`, { ...body, version: o.version });
    };
    if (!reached('dispatched')) continue;
    await step(p.desk, { action: 'dispatch', assigneeUserId: repairerUserId });
    if (reached('accepted')) await step(p.repairer, { action: 'accept' });
    if (reached('on_site')) await step(p.repairer, { action: 'arrive' });
    if (reached('resolved')) await step(p.repairer, { action: 'resolve', firstVisitFix: c.firstVisitFix ?? true, workDone: '已检修，恢复正常' });
    if (reached('closed')) await step(p.desk, { action: 'callback', rating: c.rating ?? 5, note: '电话回访，居民满意' });
  }
}
