import type { ActivityCreate, ActivityView, ProgrammeCreate, ProgrammeView, SignupView } from '@jiayuan/contracts';
import { type z } from 'zod';
import { sql } from 'drizzle-orm';
import { type ActivityQr } from '@jiayuan/contracts';
import { can, inPlaceScope } from '../../platform/access/actor.js';
import { recordAudit } from '../../platform/audit/audit.service.js';
import { userNames } from '../../platform/auth/identity.repository.js';
import { inTx, type Ctx } from '../../platform/context.js';
import type { Executor, Tx } from '../../platform/db/database.js';
import { isUniqueViolation } from '../../platform/db/sql-state.js';
import { commonErrors } from '../../platform/errors/common-errors.js';
import { PassError, signPass, verifyPass } from '../../platform/passes/passes.service.js';
import * as places from '../../platform/places/places.repository.js';
import { addDays, localDate, startOfLocalDay } from '../../platform/time.js';
import * as acts from './volunteers-activities.repository.js';
import * as hours from './volunteers-hours.repository.js';
import { confirmEntry, recordHours } from './volunteers-hours.service.js';
import { areaInScope, meAsVolunteer } from './volunteers-people.service.js';
import { notifyPeople, publishVolunteers, text } from './volunteers.effects.js';
import { volErrors } from './volunteers.errors.js';
import { namesOfVolunteerIds, placeLabels } from './volunteers.present.js';
import * as repo from './volunteers.repository.js';
import { idArray, textArray } from './volunteers.repository.js';

/**
 * Activities (活动): a place, a time, a capacity; sign-up with a waiting list (a place is taken by one
 * conditional update, a cancelled place goes to the first waiting); check-in and check-out by scanning
 * the activity's QR code at the venue (or the organiser's roster); the organiser confirms the minutes
 * attended. Programmes (年度行动): themes × areas × periods, and what each cell has held.
 */

export const ACTIVITY_QR_TYP = 'volunteers.activity';
/** Check-in opens this long before the start. */
const CHECK_IN_EARLY_MIN = 30;

const signupAudit = (s: acts.SignupRow) => ({ activityId: s.activityId, volunteerId: s.volunteerId, status: s.status });

export async function createActivity(ctx: Ctx, input: ActivityCreate): Promise<ActivityView> {
  const startsAt = new Date(input.startsAt);
  const endsAt = new Date(input.endsAt);
  if (endsAt <= startsAt || endsAt <= ctx.platform.clock.now() || endsAt.getTime() - startsAt.getTime() > 7 * 86400000)
    throw volErrors.VOL_WINDOW().onField('endsAt');
  const a = await inTx(ctx, async (tx) => {
    const { place, community } = await areaInScope(ctx, tx, input.placeId);
    if (input.teamId && !(await repo.findTeamInScope(tx, ctx.actor, input.teamId))) throw commonErrors.NOT_FOUND();
    if (input.programmeId && !(await acts.findProgrammeInScope(tx, ctx.actor, input.programmeId))) throw commonErrors.NOT_FOUND();
    const row = await acts.insertActivity(tx, {
      title: input.title,
      description: input.description ?? null,
      placeId: place.id,
      placePath: place.path,
      communityId: community.id,
      venue: input.venue ?? null,
      theme: input.theme ?? null,
      serviceType: input.serviceType ?? null,
      startsAt,
      endsAt,
      capacity: input.capacity,
      teamId: input.teamId ?? null,
      programmeId: input.programmeId ?? null,
      organiserUserId: ctx.actor.userId,
    });
    await recordAudit(tx, ctx, {
      action: 'volunteers.activity.create',
      entityType: 'volunteer_activity',
      entityId: row.id,
      before: null,
      after: { title: row.title, placeId: row.placeId, capacity: row.capacity, startsAt: row.startsAt.toISOString(), programmeId: row.programmeId },
    });
    await publishVolunteers(tx, ctx.platform, row.placePath, { change: 'activity', activityId: row.id, status: row.status });
    return row;
  });
  return (await presentActivities(ctx, ctx.platform.db, [a]))[0]!;
}

async function activityForVolunteer(tx: Tx, me: repo.VolunteerRow, id: number, lock = false) {
  const a = await acts.findActivity(tx, id, lock);
  if (!a || a.communityId !== me.communityId) throw commonErrors.NOT_FOUND();
  return a;
}

/** A volunteer signs up: a place if one is left, else the waiting list (unless `waitlist` is false: 409 VOL_ACTIVITY_FULL). */
export async function signUp(ctx: Ctx, id: number, waitlist: boolean): Promise<ActivityView> {
  let activity: acts.ActivityRow;
  try {
    activity = await inTx(ctx, async (tx) => {
      const me = await meAsVolunteer(ctx, tx);
      const a = await activityForVolunteer(tx, me, id);
      const now = ctx.platform.clock.now();
      if (a.status !== 'open' || a.endsAt <= now) throw volErrors.VOL_ACTIVITY_STATE({ state: a.status === 'open' ? 'ended' : a.status });
      if (await acts.activeSignup(tx, a.id, me.id)) throw volErrors.VOL_ALREADY_SIGNED_UP();
      let after = await acts.takeSeat(tx, a.id, now);
      if (!after) {
        // Full: take the activity's lock and look once more, so a place a cancellation gave back meanwhile is taken rather than waited for.
        await acts.findActivity(tx, a.id, true);
        after = await acts.takeSeat(tx, a.id, now);
      }
      let s: acts.SignupRow;
      if (after) s = await acts.insertSignup(tx, a.id, me.id, 'signedUp', now);
      else {
        if (!waitlist) throw volErrors.VOL_ACTIVITY_FULL();
        await acts.addWaiting(tx, a.id, 1);
        s = await acts.insertSignup(tx, a.id, me.id, 'waiting', now);
      }
      await recordAudit(tx, ctx, { action: 'volunteers.activity.signUp', entityType: 'volunteer_signup', entityId: s.id, before: null, after: signupAudit(s) });
      await publishVolunteers(tx, ctx.platform, a.placePath, { change: 'signup', activityId: a.id, filled: after?.signedUp ?? a.capacity, needed: a.capacity });
      return after ?? a;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw volErrors.VOL_ALREADY_SIGNED_UP();
    throw err;
  }
  return (await presentActivities(ctx, ctx.platform.db, [activity]))[0]!;
}

/** Cancels a sign-up (the volunteer's own, or staff): a place goes to the first waiting, who is told. */
export async function cancelSignup(ctx: Ctx, signupId: number): Promise<SignupView> {
  const s = await inTx(ctx, async (tx) => {
    const signup = await acts.findSignup(tx, signupId);
    if (!signup) throw commonErrors.NOT_FOUND();
    const me = await repo.volunteerOfActor(tx, ctx.actor);
    // The activity's row first: a sign-up joining its waiting list now waits for us, or is seen by us.
    const a = (await acts.findActivity(tx, signup.activityId, true))!;
    const own = me !== undefined && me.id === signup.volunteerId;
    if (!own && !(can(ctx.actor, 'volunteers.manage') && inPlaceScope(ctx.actor, a.placePath))) throw commonErrors.NOT_FOUND();
    if (signup.status !== 'signedUp' && signup.status !== 'waiting') throw volErrors.VOL_SIGNUP_STATE({ state: signup.status });
    const now = ctx.platform.clock.now();
    const after = (await acts.updateSignup(tx, signup.id, signup.status, sql`status = 'cancelled'`, now))!;
    await recordAudit(tx, ctx, {
      action: 'volunteers.activity.cancelSignup',
      entityType: 'volunteer_signup',
      entityId: signup.id,
      before: signupAudit(signup),
      after: signupAudit(after),
    });
    if (signup.status === 'waiting') await acts.addWaiting(tx, a.id, -1);
    else {
      const next = await acts.firstWaiting(tx, a.id);
      if (next) {
        const promoted = (await acts.updateSignup(tx, next.id, 'waiting', sql`status = 'signedUp'`, now))!;
        await acts.addWaiting(tx, a.id, -1);
        await recordAudit(tx, ctx, {
          action: 'volunteers.activity.promote',
          entityType: 'volunteer_signup',
          entityId: next.id,
          before: signupAudit(next),
          after: { ...signupAudit(promoted), replaces: signup.id },
        });
        const [v] = await repo.volunteersByIds(tx, [next.volunteerId]);
        await notifyPeople(
          tx,
          ctx.platform,
          { userIds: [v?.userId ?? null], residentIds: [v?.residentId ?? null] },
          {
            kind: 'volunteers.promoted',
            title: text(`候补转正：${a.title}`, `Off the waiting list: ${a.title}`),
            link: `/volunteers/activities/${a.id}`,
            subjectType: 'volunteer_activity',
            subjectId: a.id,
          },
        );
      } else await acts.giveSeatBack(tx, a.id);
    }
    await publishVolunteers(tx, ctx.platform, a.placePath, { change: 'signup', activityId: a.id });
    return after;
  });
  return (await presentSignups(ctx.platform.db, [s]))[0]!;
}

/** The activity's check-in code, valid until it ends (shown at the venue). */
export async function activityQr(ctx: Ctx, id: number): Promise<z.infer<typeof ActivityQr>> {
  const a = await acts.findActivityInScope(ctx.platform.db, ctx.actor, id);
  if (!a) throw commonErrors.NOT_FOUND();
  if (a.status !== 'open') throw volErrors.VOL_ACTIVITY_STATE({ state: a.status });
  const validUntil = new Date(Math.max(a.endsAt.getTime(), ctx.platform.clock.now().getTime() + 60000));
  const token = await signPass(ctx.platform, { typ: ACTIVITY_QR_TYP, sub: `vol_activity:${a.id}` }, { validUntil });
  return { activityId: a.id, token, validUntil: validUntil.toISOString() };
}

/** Minutes attended: from check-in to check-out, within the activity's time. */
export function attendedMinutes(a: Pick<acts.ActivityRow, 'startsAt' | 'endsAt'>, inAt: Date, outAt: Date): number {
  const from = Math.max(inAt.getTime(), a.startsAt.getTime());
  const to = Math.min(outAt.getTime(), a.endsAt.getTime());
  return Math.max(0, Math.round((to - from) / 60000));
}

async function checkIn(tx: Tx, ctx: Ctx, a: acts.ActivityRow, s: acts.SignupRow) {
  const now = ctx.platform.clock.now();
  if (now.getTime() < a.startsAt.getTime() - CHECK_IN_EARLY_MIN * 60000 || now >= a.endsAt)
    throw volErrors.VOL_CHECK_IN_WINDOW({ minutes: CHECK_IN_EARLY_MIN });
  const after = await acts.updateSignup(tx, s.id, 'signedUp', sql`status = 'checkedIn', checked_in_at = ${now}`, now);
  if (!after) throw commonErrors.STALE_VERSION();
  await recordAudit(tx, ctx, {
    action: 'volunteers.activity.checkIn',
    entityType: 'volunteer_signup',
    entityId: s.id,
    before: signupAudit(s),
    after: signupAudit(after),
  });
  await publishVolunteers(tx, ctx.platform, a.placePath, { change: 'signup', activityId: a.id });
  return after;
}

async function checkOut(tx: Tx, ctx: Ctx, a: acts.ActivityRow, s: acts.SignupRow, at?: Date) {
  const now = ctx.platform.clock.now();
  const out = at ?? now;
  const minutes = attendedMinutes(a, s.checkedInAt!, out);
  const after = await acts.updateSignup(tx, s.id, 'checkedIn', sql`status = 'checkedOut', checked_out_at = ${out}, minutes = ${minutes}`, now);
  if (!after) throw commonErrors.STALE_VERSION();
  const v = (await repo.findVolunteer(tx, s.volunteerId))!;
  if (minutes > 0) {
    // Pending until the organiser confirms what was attended (the second person).
    await recordHours(tx, ctx, {
      volunteerId: s.volunteerId,
      source: 'activity',
      sourceId: s.id,
      minutes,
      servedAt: out,
      status: 'pending',
      elderCare: a.serviceType === 'elderCare',
      communityId: a.communityId,
      placePath: a.placePath,
      employerId: v.employerId,
      createdBy: ctx.actor.userId,
    });
  }
  await recordAudit(tx, ctx, {
    action: 'volunteers.activity.checkOut',
    entityType: 'volunteer_signup',
    entityId: s.id,
    before: signupAudit(s),
    after: { ...signupAudit(after), minutes },
  });
  await publishVolunteers(tx, ctx.platform, a.placePath, { change: 'signup', activityId: a.id });
  return after;
}

/** The volunteer scans the activity's code at the venue: checks in (from 30 minutes before the start), or out when checked in. */
export async function scanActivity(ctx: Ctx, token: string): Promise<SignupView> {
  let activityId: number;
  try {
    const pass = await verifyPass(ctx.platform, token, ACTIVITY_QR_TYP);
    activityId = Number(/^vol_activity:(\d+)$/.exec(pass.sub)?.[1]);
    if (!Number.isSafeInteger(activityId)) throw new PassError('malformed');
  } catch (err) {
    if (err instanceof PassError) throw volErrors.VOL_QR_INVALID().onField('token');
    throw err;
  }
  const s = await inTx(ctx, async (tx) => {
    const me = await meAsVolunteer(ctx, tx);
    const a = await acts.findActivity(tx, activityId);
    if (!a) throw volErrors.VOL_QR_INVALID().onField('token');
    if (a.status !== 'open') throw volErrors.VOL_ACTIVITY_STATE({ state: a.status });
    const signup = await acts.activeSignup(tx, a.id, me.id, true);
    if (!signup || signup.status === 'waiting') throw volErrors.VOL_NOT_SIGNED_UP();
    if (signup.status === 'signedUp') return checkIn(tx, ctx, a, signup);
    if (signup.status === 'checkedIn') return checkOut(tx, ctx, a, signup);
    throw volErrors.VOL_SIGNUP_STATE({ state: signup.status });
  });
  return (await presentSignups(ctx.platform.db, [s]))[0]!;
}

/** The organiser's roster: check a signed-up volunteer in, or out. */
export async function rosterCheck(ctx: Ctx, signupId: number, what: 'in' | 'out'): Promise<SignupView> {
  const s = await inTx(ctx, async (tx) => {
    const signup = await acts.findSignup(tx, signupId, true);
    const a = signup ? await acts.findActivityInScope(tx, ctx.actor, signup.activityId) : undefined;
    if (!signup || !a) throw commonErrors.NOT_FOUND();
    if (a.status !== 'open') throw volErrors.VOL_ACTIVITY_STATE({ state: a.status });
    if (what === 'in') {
      if (signup.status !== 'signedUp') throw volErrors.VOL_SIGNUP_STATE({ state: signup.status });
      return checkIn(tx, ctx, a, signup);
    }
    if (signup.status !== 'checkedIn') throw volErrors.VOL_SIGNUP_STATE({ state: signup.status });
    return checkOut(tx, ctx, a, signup);
  });
  return (await presentSignups(ctx.platform.db, [s]))[0]!;
}

/**
 * The organiser confirms the activity once it has started: those still checked in are checked out at
 * its end, those who never came are absent, and every minute attended is confirmed in the ledger.
 */
export async function confirmActivity(ctx: Ctx, id: number): Promise<ActivityView> {
  const a = await inTx(ctx, async (tx) => {
    const act = await acts.findActivityInScope(tx, ctx.actor, id, true);
    if (!act) throw commonErrors.NOT_FOUND();
    const now = ctx.platform.clock.now();
    if (act.status !== 'open' || now < act.startsAt) throw volErrors.VOL_ACTIVITY_STATE({ state: act.status === 'open' ? 'notStarted' : act.status });
    for (const s of await acts.signupsOf(tx, [act.id])) {
      if (s.status === 'checkedIn') await checkOut(tx, ctx, act, s, new Date(Math.min(now.getTime(), act.endsAt.getTime())));
      else if (s.status === 'signedUp') await acts.updateSignup(tx, s.id, 'signedUp', sql`status = 'absent'`, now);
    }
    const signups = (await acts.signupsOf(tx, [act.id])).filter((s) => s.status === 'checkedOut');
    for (const e of await hours.hoursOfSource(
      tx,
      'activity',
      signups.map((s) => s.id),
    )) {
      if (e.status === 'pending') await confirmEntry(tx, ctx, e);
    }
    const after = (await acts.setActivityStatus(tx, act.id, 'open', 'confirmed', now))!;
    await recordAudit(tx, ctx, {
      action: 'volunteers.activity.confirm',
      entityType: 'volunteer_activity',
      entityId: act.id,
      before: { status: act.status },
      after: { status: after.status, attended: signups.length, minutes: signups.reduce((s, x) => s + (x.minutes ?? 0), 0) },
    });
    await publishVolunteers(tx, ctx.platform, act.placePath, { change: 'activity', activityId: act.id, status: after.status });
    return after;
  });
  return (await presentActivities(ctx, ctx.platform.db, [a]))[0]!;
}

type Page = { page: number; pageSize: number };

export async function listActivities(
  ctx: Ctx,
  q: Page & { communityId?: number | undefined; from?: string | undefined; to?: string | undefined; status: string; programmeId?: number | undefined },
) {
  const db = ctx.platform.db;
  const f = { ...q, from: q.from ? new Date(q.from) : undefined, to: q.to ? new Date(q.to) : undefined };
  const { rows, total } = await acts.listActivities(db, ctx.actor, f, q.pageSize, (q.page - 1) * q.pageSize);
  return { items: await presentActivities(ctx, db, rows), total, page: q.page, pageSize: q.pageSize };
}

/** Activities of my community from today on, with my sign-up (a volunteer's page). */
export async function myActivities(ctx: Ctx, q: Page) {
  const db = ctx.platform.db;
  const me = await repo.volunteerOfActor(db, ctx.actor);
  if (!me) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
  const tz = ctx.platform.config.timezone;
  const from = startOfLocalDay(localDate(ctx.platform.clock.now(), tz), tz);
  const { rows, total } = await acts.listActivities(db, null, { community: me.communityId, from, status: 'open' }, q.pageSize, (q.page - 1) * q.pageSize);
  return { items: await presentActivities(ctx, db, rows, me), total, page: q.page, pageSize: q.pageSize };
}

export async function getActivity(ctx: Ctx, id: number) {
  const db = ctx.platform.db;
  const a = await acts.findActivityInScope(db, ctx.actor, id);
  if (!a) throw commonErrors.NOT_FOUND();
  const [view] = await presentActivities(ctx, db, [a]);
  return { ...view!, signups: await presentSignups(db, await acts.signupsOf(db, [a.id])) };
}

export async function presentSignups(ex: Executor, rows: readonly acts.SignupRow[]): Promise<SignupView[]> {
  const names = await namesOfVolunteerIds(
    ex,
    rows.map((r) => r.volunteerId),
  );
  const waitingOrder = new Map<number, number>();
  for (const r of [...rows].filter((r) => r.status === 'waiting').sort((a, b) => a.id - b.id)) waitingOrder.set(r.id, waitingOrder.size + 1);
  return rows.map((s) => ({
    id: s.id,
    activityId: s.activityId,
    volunteerId: s.volunteerId,
    name: names.get(s.volunteerId) ?? '',
    status: s.status,
    position: waitingOrder.get(s.id) ?? null,
    checkedInAt: s.checkedInAt?.toISOString() ?? null,
    checkedOutAt: s.checkedOutAt?.toISOString() ?? null,
    minutes: s.minutes,
    createdAt: s.createdAt.toISOString(),
  }));
}

export async function presentActivities(ctx: Ctx, ex: Executor, rows: readonly acts.ActivityRow[], me?: repo.VolunteerRow): Promise<ActivityView[]> {
  const self = me ?? (await repo.volunteerOfActor(ex, ctx.actor));
  const ids = rows.map((r) => r.id);
  const [labels, organisers, mine, attended] = await Promise.all([
    placeLabels(
      ex,
      rows.map((r) => r.placePath),
    ),
    userNames(
      ex,
      rows.flatMap((r) => (r.organiserUserId !== null ? [r.organiserUserId] : [])),
    ),
    self ? acts.signupsOfVolunteer(ex, self.id, ids) : Promise.resolve([]),
    attendedCounts(ex, ids),
  ]);
  const mySignups = await presentSignups(ex, mine);
  const manage = can(ctx.actor, 'volunteers.manage');
  const verify = can(ctx.actor, 'volunteers.hours.verify');
  const now = ctx.platform.clock.now();
  return rows.map((a) => {
    const my = mySignups.find((s) => s.activityId === a.id) ?? null;
    const staff = inPlaceScope(ctx.actor, a.placePath) && ctx.actor.residentId === null;
    const actions: string[] = [];
    if (self && !my && a.status === 'open' && a.endsAt > now && self.communityId === a.communityId) actions.push('signUp');
    if (my && (my.status === 'signedUp' || my.status === 'waiting')) actions.push('cancelSignup');
    if (staff && manage && a.status === 'open') actions.push('qr', 'roster');
    if (staff && verify && a.status === 'open' && now >= a.startsAt) actions.push('confirm');
    return {
      id: a.id,
      title: a.title,
      description: a.description,
      placeId: a.placeId,
      placeLabel: labels.get(a.placePath) ?? '',
      communityId: a.communityId,
      venue: a.venue,
      theme: a.theme as ActivityView['theme'],
      serviceType: a.serviceType as ActivityView['serviceType'],
      startsAt: a.startsAt.toISOString(),
      endsAt: a.endsAt.toISOString(),
      capacity: a.capacity,
      signedUp: a.signedUp,
      waiting: a.waiting,
      attended: attended.get(a.id) ?? 0,
      status: a.status,
      teamId: a.teamId,
      programmeId: a.programmeId,
      organiserName: a.organiserUserId !== null ? (organisers.get(a.organiserUserId) ?? null) : null,
      mySignup: my,
      confirmedAt: a.confirmedAt?.toISOString() ?? null,
      createdAt: a.createdAt.toISOString(),
      actions,
    };
  });
}

async function attendedCounts(ex: Executor, ids: readonly number[]): Promise<Map<number, number>> {
  const rows = await acts.signupsOf(ex, ids);
  const out = new Map<number, number>();
  for (const s of rows) if (s.status === 'checkedIn' || s.status === 'checkedOut') out.set(s.activityId, (out.get(s.activityId) ?? 0) + 1);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Programmes

export async function createProgramme(ctx: Ctx, input: ProgrammeCreate): Promise<ProgrammeView> {
  const p = await inTx(ctx, async (tx) => {
    const areas = [];
    for (const id of input.placeIds) areas.push((await areaInScope(ctx, tx, id, 'placeIds')).place);
    // The programme lives at the deepest place all its areas share (its scope).
    const common = commonPrefix(areas.map((a) => a.path));
    const row = await acts.insertProgramme(
      tx,
      {
        name: input.name,
        year: input.year,
        themes: input.themes,
        placeIds: input.placeIds,
        placePath: common,
        periodMonths: input.periodMonths,
        activitiesPerCell: input.activitiesPerCell,
        createdBy: ctx.actor.userId,
      },
      idArray(input.placeIds),
      textArray(input.themes),
    );
    await recordAudit(tx, ctx, {
      action: 'volunteers.programme.create',
      entityType: 'volunteer_programme',
      entityId: row.id,
      before: null,
      after: { ...input },
    });
    return row;
  });
  return presentProgramme(ctx, p);
}

function commonPrefix(paths: readonly string[]): string {
  const parts = paths.map((p) => p.split('.').filter(Boolean));
  const out: string[] = [];
  for (let i = 0; parts.every((p) => p[i] !== undefined && p[i] === parts[0]![i]); i++) out.push(parts[0]![i]!);
  return out.length ? `${out.join('.')}.` : '';
}

export async function getProgramme(ctx: Ctx, id: number): Promise<ProgrammeView> {
  const p = await acts.findProgrammeInScope(ctx.platform.db, ctx.actor, id);
  if (!p) throw commonErrors.NOT_FOUND();
  return presentProgramme(ctx, p);
}

export async function listProgrammes(ctx: Ctx, q: Page) {
  const { rows, total } = await acts.listProgrammes(ctx.platform.db, ctx.actor, q.pageSize, (q.page - 1) * q.pageSize);
  return { items: await Promise.all(rows.map((p) => presentProgramme(ctx, p))), total, page: q.page, pageSize: q.pageSize };
}

/** Themes × areas × periods, each with the activities expected, held (not cancelled) and missing. */
async function presentProgramme(ctx: Ctx, p: acts.ProgrammeRow): Promise<ProgrammeView> {
  const db = ctx.platform.db;
  const tz = ctx.platform.config.timezone;
  const areas = await places.findPlaces(db, p.placeIds);
  const labels = await placeLabels(
    db,
    areas.map((a) => a.path),
  );
  const held = await acts.programmeActivities(db, p.id);
  const cells: ProgrammeView['cells'] = [];
  for (let m = 1; m <= 12; m += p.periodMonths) {
    const periodStart = `${p.year}-${String(m).padStart(2, '0')}-01`;
    const endMonth = m + p.periodMonths;
    const next = endMonth > 12 ? `${p.year + 1}-01-01` : `${p.year}-${String(endMonth).padStart(2, '0')}-01`;
    const from = startOfLocalDay(periodStart, tz);
    const to = startOfLocalDay(next, tz);
    for (const theme of p.themes) {
      for (const area of areas) {
        const n = held.filter((h) => h.theme === theme && h.placePath.startsWith(area.path) && h.startsAt >= from && h.startsAt < to).length;
        cells.push({
          theme: theme as ProgrammeView['themes'][number],
          placeId: area.id,
          placeLabel: labels.get(area.path) ?? area.name,
          periodStart,
          periodEnd: addDays(next, -1),
          expected: p.activitiesPerCell,
          held: n,
          missing: Math.max(0, p.activitiesPerCell - n),
        });
      }
    }
  }
  return {
    id: p.id,
    name: p.name,
    year: p.year,
    themes: p.themes as ProgrammeView['themes'],
    periodMonths: p.periodMonths,
    activitiesPerCell: p.activitiesPerCell,
    cells,
    expected: cells.reduce((s, c) => s + c.expected, 0),
    held: cells.reduce((s, c) => s + Math.min(c.held, c.expected), 0),
    createdAt: p.createdAt.toISOString(),
  };
}
