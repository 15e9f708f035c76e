import type { Platform } from '../../platform/context.js';
import { completeObligations } from '../../platform/obligations/obligations.service.js';
import * as repo from './campaigns.repository.js';
import * as cov from './coverage.repository.js';

/**
 * Ticks off the progress duties of running campaigns whose work is done this round: a community
 * whose every household was found, a visitor whose every assigned household was. Run by the
 * scheduler, so recording visits never waits for it.
 */
export async function completeFinishedWork(platform: Platform): Promise<number> {
  const db = platform.db;
  let done = 0;
  for (const c of await repo.activeCampaigns(db)) {
    const paths = ((await repo.placesOf(db, [c.id])).get(c.id) ?? []).map((p) => p.path);
    const [communities, buildings] = await Promise.all([
      cov.coverage(db, { campaignId: c.id, round: c.round, paths, within: null, group: 'community' }),
      cov.coverage(db, { campaignId: c.id, round: c.round, paths, within: null, group: 'building' }),
    ]);
    const finished = (r: cov.CoverageSql | undefined) => !!r && r.households > 0 && r.done === r.households;
    for (const r of communities.filter(finished)) {
      done += (await completeObligations(db, platform, { subjectType: 'screening_campaign_community', subjectId: `${c.id}:${r.key_id}` }, null)).length;
    }
    const byBuilding = new Map(buildings.map((b) => [b.key_id, b]));
    const assignments = await repo.allAssignments(db, c.id);
    const targets = await repo.buildingsOfAssignments(db, assignments);
    for (const a of assignments) {
      const bs = targets.get(a.id) ?? [];
      if (bs.length > 0 && bs.every((b) => finished(byBuilding.get(b)) || byBuilding.get(b) === undefined) && bs.some((b) => finished(byBuilding.get(b)))) {
        done += (await completeObligations(db, platform, { subjectType: 'screening_assignment', subjectId: a.id }, null)).length;
      }
    }
  }
  return done;
}
