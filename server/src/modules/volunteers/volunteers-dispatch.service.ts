import type { DispatchCreate, DispatchView } from '@jiayuan/contracts';
import { can, inPlaceScope } from '../../platform/access/actor.js';
import { recordAudit } from '../../platform/audit/audit.service.js';
import { inTx, type Ctx } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import { isUniqueViolation } from '../../platform/db/sql-state.js';
import { commonErrors } from '../../platform/errors/common-errors.js';
import * as places from '../../platform/places/places.repository.js';
import * as disp from './volunteers-dispatch.repository.js';
import { recordHours } from './volunteers-hours.service.js';
import { communityOfPath } from './volunteers-people.service.js';
import { notifyVolunteers, publishVolunteers, text } from './volunteers.effects.js';
import { volErrors } from './volunteers.errors.js';
import { employerNames, namesOfVolunteerIds, placeLabels } from './volunteers.present.js';
import * as repo from './volunteers.repository.js';

/**
 * Same-day dispatch (应急调度): a coordinator asks for N people for a task today with quotas per unit;
 * each unit's liaison names people of their unit (a quota never overfills: one conditional update); the
 * roster fills live on the coordinator's page; each person named is told. Closing it records who came:
 * their minutes are the dispatch's window, verified by the coordinator.
 */

export async function createDispatch(ctx: Ctx, input: DispatchCreate): Promise<DispatchView> {
  const startsAt = new Date(input.startsAt);
  const endsAt = new Date(input.endsAt);
  if (endsAt <= startsAt || endsAt <= ctx.platform.clock.now() || endsAt.getTime() - startsAt.getTime() > 24 * 3600000)
    throw volErrors.VOL_WINDOW().onField('endsAt');
  const employers = new Set(input.quotas.map((q) => q.employerId));
  if (employers.size !== input.quotas.length) throw commonErrors.VALIDATION_FAILED().onField('quotas');
  const d = await inTx(ctx, async (tx) => {
    const place = await places.findPlaceInScope(tx, ctx.actor, input.placeId);
    if (!place) throw commonErrors.NOT_FOUND();
    if ((await places.findEmployers(tx, [...employers])).length !== employers.size) throw commonErrors.VALIDATION_FAILED().onField('quotas');
    const row = await disp.insertDispatch(tx, {
      title: input.title,
      note: input.note ?? null,
      placeId: place.id,
      placePath: place.path,
      startsAt,
      endsAt,
      needed: input.quotas.reduce((s, q) => s + q.quota, 0),
      createdBy: ctx.actor.userId,
    });
    for (const q of input.quotas) await disp.insertQuota(tx, row.id, q.employerId, q.quota);
    await recordAudit(tx, ctx, {
      action: 'volunteers.dispatch.create',
      entityType: 'volunteer_dispatch',
      entityId: row.id,
      before: null,
      after: { title: row.title, placeId: row.placeId, quotas: input.quotas },
    });
    await publishVolunteers(tx, ctx.platform, row.placePath, { change: 'dispatch', dispatchId: row.id, filled: 0, needed: row.needed, status: row.status });
    return row;
  });
  return (await presentDispatches(ctx, ctx.platform.db, [d]))[0]!;
}

/** A unit's liaison names people of their unit (volunteers on file) against the unit's quota. */
export async function answerDispatch(ctx: Ctx, id: number, volunteerIds: readonly number[]): Promise<DispatchView> {
  let out: disp.DispatchRow;
  try {
    out = await inTx(ctx, async (tx) => {
      const d = await disp.findDispatchVisible(tx, ctx.actor, id);
      if (!d) throw commonErrors.NOT_FOUND();
      if (d.status === 'closed' || d.endsAt <= ctx.platform.clock.now()) throw volErrors.VOL_DISPATCH_CLOSED();
      const quotas = await disp.quotasOf(tx, [d.id]);
      // A liaison answers for their unit; a coordinator over the dispatch's place may record names for any of its units.
      const over = inPlaceScope(ctx.actor, d.placePath);
      const mine = quotas.filter((q) => over || ctx.actor.scope.employerIds.includes(q.employerId));
      if (mine.length === 0) throw volErrors.VOL_NO_QUOTA();
      const unique = [...new Set(volunteerIds)];
      const vols = await repo.volunteersByIds(tx, unique);
      // Every person named is of a unit with a quota here that the caller answers for.
      const byUnit = new Map<number, repo.VolunteerRow[]>();
      for (const vid of unique) {
        const v = vols.find((x) => x.id === vid);
        const q = v?.employerId != null ? mine.find((m) => m.employerId === v.employerId) : undefined;
        if (!v || !v.active || !q) throw volErrors.VOL_NOT_YOUR_UNIT().onField('volunteerIds');
        byUnit.set(q.employerId, [...(byUnit.get(q.employerId) ?? []), v]);
      }
      const now = ctx.platform.clock.now();
      for (const [employerId, people] of byUnit) {
        if (!(await disp.takeQuota(tx, d.id, employerId, people.length))) {
          throw volErrors.VOL_QUOTA_FULL({ quota: mine.find((m) => m.employerId === employerId)!.quota });
        }
        for (const v of people) await disp.insertPerson(tx, d.id, v.id, employerId, ctx.actor.userId, now);
      }
      const after = await disp.addFilled(tx, d.id, unique.length, now);
      await recordAudit(tx, ctx, {
        action: 'volunteers.dispatch.answer',
        entityType: 'volunteer_dispatch',
        entityId: d.id,
        before: { filled: d.filled },
        after: { filled: after.filled, volunteerIds: unique },
      });
      await publishVolunteers(tx, ctx.platform, d.placePath, {
        change: 'dispatch',
        dispatchId: d.id,
        filled: after.filled,
        needed: after.needed,
        status: after.status,
      });
      await notifyVolunteers(tx, ctx.platform, vols, {
        kind: 'volunteers.dispatched',
        title: text(`应急调度：${d.title}`, `Dispatched: ${d.title}`),
        link: '/volunteers/my',
        subjectType: 'volunteer_dispatch',
        subjectId: d.id,
      });
      return after;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw volErrors.VOL_ALREADY_NAMED().onField('volunteerIds');
    throw err;
  }
  return (await presentDispatches(ctx, ctx.platform.db, [out]))[0]!;
}

/** The coordinator closes the dispatch with who came: their minutes (the dispatch's window) are confirmed in the ledger, verified by the coordinator. */
export async function closeDispatch(ctx: Ctx, id: number, attendedPersonIds: readonly number[]): Promise<DispatchView> {
  const d = await inTx(ctx, async (tx) => {
    const row = await disp.findDispatchVisible(tx, ctx.actor, id, true);
    if (!row || !inPlaceScope(ctx.actor, row.placePath)) throw commonErrors.NOT_FOUND();
    if (row.status === 'closed') throw volErrors.VOL_DISPATCH_CLOSED();
    const people = await disp.peopleOf(tx, [row.id]);
    const attended = new Set(attendedPersonIds);
    if ([...attended].some((p) => !people.some((x) => x.id === p))) throw commonErrors.VALIDATION_FAILED().onField('attendedPersonIds');
    const me = await repo.volunteerOfActor(tx, ctx.actor);
    const community = await communityOfPath(tx, row.placePath);
    const minutes = Math.round((row.endsAt.getTime() - row.startsAt.getTime()) / 60000);
    const now = ctx.platform.clock.now();
    for (const p of people) {
      if (!attended.has(p.id)) {
        await disp.setPerson(tx, p.id, 'absent', null);
        continue;
      }
      if (me && me.id === p.volunteerId) throw volErrors.VOL_OWN_VERIFICATION();
      await disp.setPerson(tx, p.id, 'attended', minutes);
      await recordHours(tx, ctx, {
        volunteerId: p.volunteerId,
        source: 'dispatch',
        sourceId: p.id,
        minutes,
        servedAt: row.endsAt,
        status: 'confirmed',
        elderCare: false,
        communityId: community?.id ?? row.placeId,
        placePath: row.placePath,
        employerId: p.employerId,
        verifiedBy: ctx.actor.userId,
        verifiedAt: now,
        createdBy: ctx.actor.userId,
      });
    }
    const after = (await disp.closeDispatch(tx, row.id, now))!;
    await recordAudit(tx, ctx, {
      action: 'volunteers.dispatch.close',
      entityType: 'volunteer_dispatch',
      entityId: row.id,
      before: { status: row.status },
      after: { status: 'closed', attended: attended.size },
    });
    await publishVolunteers(tx, ctx.platform, row.placePath, { change: 'dispatch', dispatchId: row.id, status: 'closed' });
    return after;
  });
  return (await presentDispatches(ctx, ctx.platform.db, [d]))[0]!;
}

export async function listDispatches(ctx: Ctx, q: { page: number; pageSize: number; status: string }) {
  const db = ctx.platform.db;
  const { rows, total } = await disp.listDispatches(db, ctx.actor, q.status, q.pageSize, (q.page - 1) * q.pageSize);
  return { items: await presentDispatches(ctx, db, rows), total, page: q.page, pageSize: q.pageSize };
}

export async function getDispatch(ctx: Ctx, id: number): Promise<DispatchView> {
  const d = await disp.findDispatchVisible(ctx.platform.db, ctx.actor, id);
  if (!d) throw commonErrors.NOT_FOUND();
  return (await presentDispatches(ctx, ctx.platform.db, [d]))[0]!;
}

async function presentDispatches(ctx: Ctx, ex: Executor, rows: readonly disp.DispatchRow[]): Promise<DispatchView[]> {
  const ids = rows.map((r) => r.id);
  const [quotas, people, labels] = await Promise.all([
    disp.quotasOf(ex, ids),
    disp.peopleOf(ex, ids),
    placeLabels(
      ex,
      rows.map((r) => r.placePath),
    ),
  ]);
  const [names, employers] = await Promise.all([
    namesOfVolunteerIds(
      ex,
      people.map((p) => p.volunteerId),
    ),
    employerNames(
      ex,
      quotas.map((q) => q.employerId),
    ),
  ]);
  const coordinator = can(ctx.actor, 'volunteers.dispatch');
  const answers = can(ctx.actor, 'volunteers.dispatch.answer');
  return rows.map((d) => {
    const qs = quotas.filter((q) => q.dispatchId === d.id);
    const actions: string[] = [];
    const over = inPlaceScope(ctx.actor, d.placePath);
    if (answers && d.status !== 'closed' && qs.some((q) => q.filled < q.quota && (over || ctx.actor.scope.employerIds.includes(q.employerId))))
      actions.push('answer');
    if (coordinator && d.status !== 'closed' && inPlaceScope(ctx.actor, d.placePath)) actions.push('close');
    return {
      id: d.id,
      title: d.title,
      note: d.note,
      placeId: d.placeId,
      placeLabel: labels.get(d.placePath) ?? '',
      startsAt: d.startsAt.toISOString(),
      endsAt: d.endsAt.toISOString(),
      needed: d.needed,
      filled: d.filled,
      status: d.status,
      quotas: qs.map((q) => ({ employerId: q.employerId, employerName: employers.get(q.employerId) ?? '', quota: q.quota, filled: q.filled })),
      people: people
        .filter((p) => p.dispatchId === d.id)
        .map((p) => ({
          id: p.id,
          volunteerId: p.volunteerId,
          name: names.get(p.volunteerId) ?? '',
          employerId: p.employerId,
          status: p.status,
          namedAt: p.namedAt.toISOString(),
          minutes: p.minutes,
        })),
      createdAt: d.createdAt.toISOString(),
      filledAt: d.filledAt?.toISOString() ?? null,
      actions,
    };
  });
}
