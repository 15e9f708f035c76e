import { systemActor } from '../../platform/access/actor.js';
import { recordAudit } from '../../platform/audit/audit.service.js';
import { inTx, type Ctx, type Platform } from '../../platform/context.js';
import { openObligations } from '../../platform/obligations/obligations.service.js';
import { checkOut } from './duty-claims.service.js';
import * as figures from './duty-figures.repository.js';
import { MISSED_CHECK_IN_KIND, UNFILLED_KIND, publishDuty } from './duty.effects.js';
import * as repo from './duty.repository.js';
import { localStamp } from './duty.rules.js';
import { rulesOf } from './duty.settings.js';

/** Duty's periodic work: no-shows, forgotten check-outs, shifts still unfilled 12 hours before they start. */

const systemCtx = (platform: Platform, name: string): Ctx => ({
  platform,
  actor: systemActor(name),
  origin: { ip: null, channel: 'system', requestId: null },
  lang: 'zh-CN',
});

/**
 * Held places not checked in `noShowAfterMinutes` after the start (the community's rule) are
 * no-shows; the post's owner gets a to-do for each. Members on duty 2 hours past the end are
 * checked out at the end (the minutes counted up to it).
 */
export async function recordNoShows(platform: Platform): Promise<number> {
  const ctx = systemCtx(platform, 'duty.no_shows');
  const now = platform.clock.now();
  const tz = platform.config.timezone;
  let n = 0;
  for (const claim of await repo.heldPastStart(platform.db, new Date(now.getTime() - 5 * 60000), 500)) {
    const rules = await rulesOf(platform.db, claim.communityId);
    if (claim.startsAt.getTime() + rules.noShowAfterMinutes * 60000 > now.getTime()) continue;
    await inTx(ctx, async (tx) => {
      const after = await repo.updateClaimVersioned(tx, claim.id, 'held', claim.version, { status: 'noShow' }, now);
      if (!after) return;
      await recordAudit(tx, ctx, {
        action: 'duty.claim.noShow',
        entityType: 'duty_claim',
        entityId: claim.id,
        before: { status: 'held' },
        after: { status: 'noShow' },
      });
      const post = await repo.findPost(tx, claim.postId);
      if (post) {
        await openObligations(tx, [
          {
            kind: MISSED_CHECK_IN_KIND,
            subjectType: 'duty_claim',
            subjectId: claim.id,
            title: {
              'zh-CN': `未签到：${post.name} ${localStamp(claim.startsAt, tz)}`,
              'en-US': `Missed check-in: ${post.name} ${localStamp(claim.startsAt, tz)}`,
            },
            link: `/duty/shifts/${claim.shiftId}`,
            placeId: post.placeId,
            placePath: post.placePath,
            responsibleUserId: post.ownerUserId,
            responsibleRole: post.ownerUserId ? null : 'community_staff',
            dueAt: claim.endsAt,
          },
        ]);
      }
      await publishDuty(tx, platform, claim.placePath, { change: 'checkIn', shiftId: claim.shiftId, status: 'noShow' });
      n++;
    });
  }
  for (const claim of await repo.onDutyPastEnd(platform.db, new Date(now.getTime() - 2 * 3600000), 500)) {
    await inTx(ctx, async (tx) => {
      const locked = await repo.findClaim(tx, claim.id, true);
      if (locked?.status === 'checkedIn') await checkOut(tx, ctx, locked, locked.endsAt);
    });
  }
  return n;
}

/** Every shift with places open 12 hours before its start becomes a to-do of the post's owner, escalating to the community staff. */
export async function flagUnfilledShifts(platform: Platform): Promise<number> {
  const ctx = systemCtx(platform, 'duty.unfilled');
  const now = platform.clock.now();
  const tz = platform.config.timezone;
  let n = 0;
  for (const s of await figures.unflaggedUnfilled(platform.db, now, new Date(now.getTime() + 12 * 3600000), 500)) {
    await inTx(ctx, async (tx) => {
      if (!(await figures.flagUnfilled(tx, s.id, now))) return;
      const post = await repo.findPost(tx, s.post_id);
      if (!post) return;
      const due = new Date(Math.max(now.getTime() + 3600000, new Date(s.starts_at).getTime() - 4 * 3600000));
      await openObligations(tx, [
        {
          kind: UNFILLED_KIND,
          subjectType: 'duty_shift',
          subjectId: s.id,
          title: {
            'zh-CN': `班次未满员：${post.name} ${localStamp(new Date(s.starts_at), tz)}（${s.filled}/${s.headcount}）`,
            'en-US': `Shift not filled: ${post.name} ${localStamp(new Date(s.starts_at), tz)} (${s.filled}/${s.headcount})`,
          },
          link: `/duty/shifts/${s.id}`,
          placeId: post.placeId,
          placePath: post.placePath,
          responsibleUserId: post.ownerUserId,
          responsibleRole: post.ownerUserId ? null : 'community_staff',
          dueAt: due,
          escalateAfterMinutes: 60,
          escalationRole: 'community_staff',
        },
      ]);
      n++;
    });
  }
  return n;
}
