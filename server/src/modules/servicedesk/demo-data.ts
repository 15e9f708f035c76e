import { sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import { saveTeam } from './config.service.js';

/**
 * For `npm run demo`: a repair team led by the property account and a complaint desk led by the
 * community account, answering for the default categories.
 */
export async function seedServicedeskDemo(ctx: Ctx, p: { communityId: number; propertyUserId: number; communityUserId: number }) {
  const repairs = await saveTeam(ctx, null, { name: '物业维修一班', placeId: p.communityId, leaderUserId: p.propertyUserId, memberUserIds: [p.propertyUserId], active: true });
  const complaints = await saveTeam(ctx, null, { name: '社区投诉受理组', placeId: p.communityId, leaderUserId: p.communityUserId, memberUserIds: [p.communityUserId], active: true });
  await ctx.platform.db.execute(sql`UPDATE sd_categories SET team_id = ${repairs.id} WHERE parent_id IS NULL AND kind = 'repair' AND team_id IS NULL`);
  await ctx.platform.db.execute(sql`UPDATE sd_categories SET team_id = ${complaints.id} WHERE parent_id IS NULL AND kind <> 'repair' AND team_id IS NULL`);
}
