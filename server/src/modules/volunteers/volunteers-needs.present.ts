import type { NeedView } from '@jiayuan/contracts';
import { can, inPlaceScope } from '../../platform/access/actor.js';
import type { Ctx } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import { residentNames } from '../registry/index.js';
import * as bank from './volunteers-bank.repository.js';
import * as needs from './volunteers-needs.repository.js';
import { namesOfVolunteerIds, placeNames } from './volunteers.present.js';
import * as repo from './volunteers.repository.js';

/** A name shown to volunteers: the family name and a mask (王**), never the whole name. */
export const maskName = (name: string) => (name.length <= 1 ? name : `${name[0]}${'*'.repeat(Math.min(name.length - 1, 2))}`);

/** Needs as the caller sees them: staff in scope and the resident see the name; volunteers a masked one; with the actions the caller may take. */
export async function presentNeeds(ctx: Ctx, ex: Executor, rows: readonly needs.NeedRow[]): Promise<NeedView[]> {
  const takers = await needs.takersOf(
    ex,
    rows.map((r) => r.id),
  );
  const [residents, communities, takerNames, me, holds] = await Promise.all([
    residentNames(
      ex,
      rows.map((r) => r.residentId),
    ),
    placeNames(
      ex,
      rows.map((r) => r.communityId),
    ),
    namesOfVolunteerIds(
      ex,
      takers.map((t) => t.volunteerId),
    ),
    repo.volunteerOfActor(ex, ctx.actor),
    Promise.all(rows.map((r) => (r.holdId !== null ? bank.findHold(ex, r.holdId) : Promise.resolve(undefined)))),
  ]);
  const manage = can(ctx.actor, 'volunteers.need.manage');
  return rows.map((n, i) => {
    const mine = takers.filter((t) => t.needId === n.id);
    const myTaker = me ? mine.find((t) => t.volunteerId === me.id && (t.status === 'taken' || t.status === 'done')) : undefined;
    const isResident = ctx.actor.residentId !== null && ctx.actor.residentId === n.residentId;
    const staff = manage && inPlaceScope(ctx.actor, n.placePath);
    const seesName = isResident || (ctx.actor.residentId === null && inPlaceScope(ctx.actor, n.placePath) && can(ctx.actor, 'volunteers.read'));
    const active = n.status === 'open' || n.status === 'taken';
    const actions: string[] = [];
    if (me && !myTaker && n.status === 'open' && me.residentId !== n.residentId && n.placePath.startsWith(me.placePath)) actions.push('take');
    if (myTaker?.status === 'taken' && active) actions.push('done', 'handOver');
    if ((isResident || staff) && n.status === 'done') actions.push('confirm');
    if (isResident && (n.status === 'done' || n.status === 'confirmed') && mine.some((t) => t.status === 'done' && t.ratingByResident === null))
      actions.push('rate');
    if (myTaker?.status === 'done' && myTaker.ratingByVolunteer === null && (n.status === 'done' || n.status === 'confirmed')) actions.push('rate');
    if ((isResident || staff) && active) actions.push('cancel');
    if (staff && active && mine.some((t) => t.status === 'taken')) actions.push('noShow');
    const name = residents.get(n.residentId) ?? '';
    return {
      id: n.id,
      category: n.category as NeedView['category'],
      title: n.title,
      notes: n.notes,
      place: n.place,
      residentName: seesName ? name : maskName(name),
      communityId: n.communityId,
      communityName: communities.get(n.communityId) ?? '',
      windowStart: n.windowStart.toISOString(),
      windowEnd: n.windowEnd.toISOString(),
      takersNeeded: n.takersNeeded,
      takers: n.takers,
      elderCare: n.elderCare,
      status: n.status,
      onBehalf: n.onBehalf,
      teamIds: n.teamIds,
      redeemMinutes: holds[i]?.minutes ?? null,
      takeBy: n.takeBy.toISOString(),
      takenAt: n.takenAt?.toISOString() ?? null,
      confirmedAt: n.confirmedAt?.toISOString() ?? null,
      cancelReason: n.cancelReason,
      createdAt: n.createdAt.toISOString(),
      takerList: mine.map((t) => ({
        id: t.id,
        volunteerId: t.volunteerId,
        name: takerNames.get(t.volunteerId) ?? '',
        status: t.status,
        takenAt: t.takenAt.toISOString(),
        doneAt: t.doneAt?.toISOString() ?? null,
        minutes: t.minutes,
        doneNote: t.doneNote,
        ratingByResident: t.ratingByResident,
        ratingByVolunteer: t.ratingByVolunteer,
      })),
      version: n.version,
      actions,
    };
  });
}
