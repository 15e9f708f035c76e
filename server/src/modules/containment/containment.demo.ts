import type { Ctx } from '../../platform/context.js';
import { queryRows, sql } from '../../platform/db/database.js';
import * as places from '../../platform/places/places.repository.js';
import { addDays, localDate } from '../../platform/time.js';
import { recordCase } from './containment.cases.js';

/**
 * Demo data: two confirmed cases in two stairwells of the community's first building, so the
 * demo opens with a building lockdown proposed for the coordinator to confirm (seed 004's rule).
 */
export async function seedContainmentDemo(ctx: Ctx, communityId: number): Promise<number[]> {
  const community = await places.findPlace(ctx.platform.db, communityId);
  if (!community) return [];
  const flats = await queryRows<{ dwelling: number }>(
    ctx.platform.db,
    sql`SELECT (SELECT d.id::int FROM places d WHERE d.parent_id = s.id AND d.type = 'dwelling' ORDER BY d.sort_order, d.id LIMIT 1) AS dwelling
        FROM places s
        WHERE s.type = 'stairwell' AND s.parent_id = (
          SELECT b.id FROM places b WHERE b.type = 'building' AND b.path LIKE ${`${community.path}%`}
            AND (SELECT count(*) FROM places x WHERE x.parent_id = b.id AND x.type = 'stairwell') >= 2
          ORDER BY b.path LIMIT 1)
        ORDER BY s.sort_order, s.id LIMIT 2`,
  );
  const today = localDate(ctx.platform.clock.now(), ctx.platform.config.timezone);
  const proposed: number[] = [];
  for (const [i, f] of flats.filter((x) => x.dwelling).entries()) {
    const r = await recordCase(ctx, {
      dwellingId: f.dwelling,
      kind: 'confirmed',
      reportedOn: addDays(today, i - 1),
      sourceNote: i === 0 ? '区疾控中心通报（演示数据）' : null,
    });
    proposed.push(...r.proposed);
  }
  return proposed;
}
