import type { HoursEntryView, HoursStatement } from '@jiayuan/contracts';
import { can } from '../../platform/access/actor.js';
import { recordAudit } from '../../platform/audit/audit.service.js';
import { userNames } from '../../platform/auth/identity.repository.js';
import { inTx, type Ctx, type Platform } from '../../platform/context.js';
import type { Executor, Tx } from '../../platform/db/database.js';
import { commonErrors } from '../../platform/errors/common-errors.js';
import { addDays, localDate, localInstant, startOfLocalDay } from '../../platform/time.js';
import { systemActor } from '../../platform/access/actor.js';
import { dutyServedAfter, type DutyServed } from '../duty/index.js';
import { residentPlaces } from '../registry/index.js';
import * as bank from './volunteers-bank.repository.js';
import { earnFromHours, reversePosting } from './volunteers-bank.ledger.js';
import * as hours from './volunteers-hours.repository.js';
import { volErrors } from './volunteers.errors.js';
import { employerNames, namesOfVolunteerIds } from './volunteers.present.js';
import * as repo from './volunteers.repository.js';

/**
 * The hours ledger (服务时长): one append-only record of verified minutes per person, each entry
 * pointing at its evidence (a need served, an activity attended, a dispatch, a duty shift). Entries
 * wait as pending until a second person confirms them; corrections are reversing entries.
 */

const entryAudit = (e: hours.HoursRow) => ({ volunteerId: e.volunteerId, source: e.source, sourceId: e.sourceId, minutes: e.minutes, status: e.status });

/** Confirmed elder-care minutes earn the server love-bank minutes (their own account; only a resident holds one). Idempotent per entry. */
export async function creditBank(tx: Tx, ctx: Ctx, entry: hours.HoursRow) {
  if (!entry.elderCare || entry.status !== 'confirmed' || entry.reversesId !== null) return;
  const v = await repo.findVolunteer(tx, entry.volunteerId);
  if (!v?.residentId) return;
  const path = await residentPathOf(tx, v.residentId);
  await earnFromHours(tx, ctx, entry, { residentId: v.residentId, communityId: v.communityId, placePath: path ?? v.placePath });
}

async function residentPathOf(ex: Executor, residentId: number): Promise<string | null> {
  return (await residentPlaces(ex, [residentId])).get(residentId) ?? null;
}

/** Records minutes from evidence (idempotent: the same evidence twice changes nothing); confirmed ones of elder care earn bank minutes. */
export async function recordHours(tx: Tx, ctx: Ctx, e: hours.HoursInsert): Promise<hours.HoursRow | undefined> {
  const row = await hours.insertHours(tx, e);
  if (!row) return undefined;
  if (row.status === 'confirmed') await creditBank(tx, ctx, row);
  return row;
}

/** A pending entry confirmed by a second person (never the volunteer themselves). */
export async function confirmEntry(tx: Tx, ctx: Ctx, entry: hours.HoursRow): Promise<hours.HoursRow> {
  const me = await repo.volunteerOfActor(tx, ctx.actor);
  if (me && me.id === entry.volunteerId) throw volErrors.VOL_OWN_VERIFICATION();
  const after = await hours.decideHours(tx, entry.id, 'confirmed', ctx.actor.userId, ctx.platform.clock.now());
  if (!after) throw volErrors.VOL_HOURS_STATE({ state: entry.status });
  await recordAudit(tx, ctx, {
    action: 'volunteers.hours.confirm',
    entityType: 'volunteer_hours',
    entityId: entry.id,
    before: entryAudit(entry),
    after: entryAudit(after),
  });
  await creditBank(tx, ctx, after);
  return after;
}

/** Staff confirm or reject a pending entry in their scope. */
export async function decideEntry(ctx: Ctx, id: number, input: { reject: boolean; reason?: string | null | undefined }): Promise<HoursEntryView> {
  const row = await inTx(ctx, async (tx) => {
    const entry = await hours.findHoursInScope(tx, ctx.actor, id, true);
    if (!entry) throw commonErrors.NOT_FOUND();
    if (entry.status !== 'pending') throw volErrors.VOL_HOURS_STATE({ state: entry.status });
    if (!input.reject) return confirmEntry(tx, ctx, entry);
    const me = await repo.volunteerOfActor(tx, ctx.actor);
    if (me && me.id === entry.volunteerId) throw volErrors.VOL_OWN_VERIFICATION();
    const after = (await hours.decideHours(tx, entry.id, 'rejected', ctx.actor.userId, ctx.platform.clock.now()))!;
    await recordAudit(tx, ctx, {
      action: 'volunteers.hours.reject',
      entityType: 'volunteer_hours',
      entityId: entry.id,
      before: entryAudit(entry),
      after: { ...entryAudit(after), reason: input.reason ?? null },
    });
    return after;
  });
  return (await presentHours(ctx, ctx.platform.db, [row]))[0]!;
}

/**
 * Corrects a confirmed entry with a reversing one (the opposite minutes, pointing at it), once; a
 * reversal is never reversed. Love-bank minutes it earned are reversed with it (refused, and nothing
 * changed, when the member has spent them).
 */
export async function reverseEntry(ctx: Ctx, id: number, reason: string): Promise<HoursEntryView> {
  const row = await inTx(ctx, async (tx) => {
    const entry = await hours.findHoursInScope(tx, ctx.actor, id, true);
    if (!entry) throw commonErrors.NOT_FOUND();
    if (entry.reversesId !== null) throw volErrors.VOL_REVERSAL_OF_REVERSAL();
    if (entry.status !== 'confirmed') throw volErrors.VOL_HOURS_STATE({ state: entry.status });
    if (await hours.reversalOfHours(tx, entry.id)) throw volErrors.VOL_ALREADY_REVERSED();
    const now = ctx.platform.clock.now();
    const rev = (await hours.insertHours(tx, {
      volunteerId: entry.volunteerId,
      source: entry.source,
      sourceId: entry.sourceId,
      minutes: -entry.minutes,
      servedAt: entry.servedAt,
      status: 'confirmed',
      elderCare: entry.elderCare,
      reversesId: entry.id,
      reason,
      communityId: entry.communityId,
      placePath: entry.placePath,
      employerId: entry.employerId,
      verifiedBy: ctx.actor.userId,
      verifiedAt: now,
      createdBy: ctx.actor.userId,
    }))!;
    const earned = await bank.postingOfSource(tx, 'hours', entry.id);
    if (earned) await reversePosting(tx, ctx, earned.id, reason);
    await recordAudit(tx, ctx, {
      action: 'volunteers.hours.reverse',
      entityType: 'volunteer_hours',
      entityId: rev.id,
      before: entryAudit(entry),
      after: { ...entryAudit(rev), reverses: entry.id, reason },
    });
    return rev;
  });
  return (await presentHours(ctx, ctx.platform.db, [row]))[0]!;
}

/** Duty shifts served by volunteers become confirmed entries (the check-in and check-out by the post's QR code are the evidence). */
export async function importDutyServed(tx: Tx, ctx: Ctx, served: readonly DutyServed[]): Promise<number> {
  const vols = await hours.volunteersOfResidents(
    tx,
    served.map((s) => s.residentId),
  );
  let n = 0;
  for (const s of served) {
    const v = vols.get(s.residentId);
    if (!v) continue;
    const row = await recordHours(tx, ctx, {
      volunteerId: v.id,
      source: 'duty',
      sourceId: s.claimId,
      minutes: s.servedMinutes,
      servedAt: s.checkedOutAt,
      status: 'confirmed',
      elderCare: false,
      communityId: s.communityId,
      placePath: s.placePath,
      employerId: s.employerId ?? v.employerId,
      verifiedAt: s.checkedOutAt,
      createdBy: null,
    });
    if (row) n++;
  }
  return n;
}

/** The job: duty shifts checked out in the last day, taken into the ledger (those already there change nothing). */
export async function syncDutyHours(platform: Platform): Promise<number> {
  const ctx: Ctx = { platform, actor: systemActor('volunteers.duty_hours'), origin: { ip: null, channel: 'system', requestId: null }, lang: 'zh-CN' };
  let after = { at: new Date(platform.clock.now().getTime() - 86400000), claimId: 0 };
  let total = 0;
  for (;;) {
    const page = await dutyServedAfter(platform.db, after, 500);
    if (page.length === 0) break;
    total += await inTx(ctx, (tx) => importDutyServed(tx, ctx, page));
    const last = page[page.length - 1]!;
    after = { at: last.checkedOutAt, claimId: last.claimId };
    if (page.length < 500) break;
  }
  return total;
}

export async function listEntries(
  ctx: Ctx,
  q: {
    page: number;
    pageSize: number;
    volunteerId?: number | undefined;
    communityId?: number | undefined;
    status: string;
    source?: string | undefined;
    from?: string | undefined;
    to?: string | undefined;
  },
) {
  const tz = ctx.platform.config.timezone;
  const { rows, total } = await hours.listHours(
    ctx.platform.db,
    ctx.actor,
    {
      ...q,
      from: q.from ? localInstant(q.from, '00:00', tz) : undefined,
      to: q.to ? startOfLocalDay(addDays(q.to, 1), tz) : undefined,
    },
    q.pageSize,
    (q.page - 1) * q.pageSize,
  );
  return { items: await presentHours(ctx, ctx.platform.db, rows), total, page: q.page, pageSize: q.pageSize };
}

/** My own entries (a volunteer's page). */
export async function myEntries(ctx: Ctx, volunteerId: number, q: { page: number; pageSize: number }) {
  const { rows, total } = await hours.listHours(ctx.platform.db, null, { volunteerId }, q.pageSize, (q.page - 1) * q.pageSize);
  return { items: await presentHours(ctx, ctx.platform.db, rows, false), total, page: q.page, pageSize: q.pageSize };
}

/** A statement: confirmed minutes by person, team, unit or month over a period (at most a year). */
export async function hoursStatement(
  ctx: Ctx,
  q: { by: 'person' | 'team' | 'unit' | 'month'; from: string; to: string; communityId?: number | undefined },
): Promise<HoursStatement> {
  const tz = ctx.platform.config.timezone;
  const from = localInstant(q.from, '00:00', tz);
  const to = startOfLocalDay(addDays(q.to, 1), tz);
  if (to <= from || to.getTime() - from.getTime() > 367 * 86400000) throw volErrors.VOL_DATE_RANGE().onField('to');
  const db = ctx.platform.db;
  const rows = await hours.statement(db, ctx.actor, q.by, from, to, q.communityId, tz);
  const ids = rows.map((r) => Number(r.key)).filter((n) => n > 0);
  const labels =
    q.by === 'person'
      ? await namesOfVolunteerIds(db, ids)
      : q.by === 'unit'
        ? await employerNames(db, ids)
        : q.by === 'team'
          ? await hours.teamNames(db, ids)
          : new Map<number, string>();
  const none = ctx.lang === 'en-US' ? (q.by === 'team' ? 'No team' : 'No unit') : q.by === 'team' ? '未入队' : '无单位';
  return {
    by: q.by,
    from: q.from,
    to: q.to,
    rows: rows.map((r) => ({
      key: r.key,
      label: q.by === 'month' ? r.key : r.key === '' ? none : (labels.get(Number(r.key)) ?? r.key),
      minutes: r.minutes,
      entries: r.entries,
      people: r.people,
    })),
    totalMinutes: rows.reduce((s, r) => s + r.minutes, 0),
  };
}

export async function presentHours(ctx: Ctx, ex: Executor, rows: readonly hours.HoursRow[], withActions = true): Promise<HoursEntryView[]> {
  const [names, verifiers, reversed] = await Promise.all([
    namesOfVolunteerIds(
      ex,
      rows.map((r) => r.volunteerId),
    ),
    userNames(
      ex,
      rows.flatMap((r) => (r.verifiedBy !== null ? [r.verifiedBy] : [])),
    ),
    hours.reversalsOf(
      ex,
      rows.map((r) => r.id),
    ),
  ]);
  const verify = withActions && can(ctx.actor, 'volunteers.hours.verify');
  return rows.map((r) => {
    const actions: string[] = [];
    if (verify && r.status === 'pending') actions.push('confirm', 'reject');
    if (verify && r.status === 'confirmed' && r.reversesId === null && !reversed.has(r.id)) actions.push('reverse');
    return {
      id: r.id,
      volunteerId: r.volunteerId,
      volunteerName: names.get(r.volunteerId) ?? '',
      source: r.source,
      sourceId: r.sourceId,
      minutes: r.minutes,
      servedAt: r.servedAt.toISOString(),
      status: r.status,
      elderCare: r.elderCare,
      reversesId: r.reversesId,
      reversedById: reversed.get(r.id) ?? null,
      reason: r.reason,
      verifiedByName: r.verifiedBy !== null ? (verifiers.get(r.verifiedBy) ?? null) : null,
      verifiedAt: r.verifiedAt?.toISOString() ?? null,
      communityId: r.communityId,
      employerId: r.employerId,
      createdAt: r.createdAt.toISOString(),
      actions,
    };
  });
}

/** Confirmed and pending minutes of a volunteer (their own page). */
export async function minutesSummary(ctx: Ctx, volunteerId: number) {
  const tz = ctx.platform.config.timezone;
  const today = localDate(ctx.platform.clock.now(), tz);
  return hours.minutesOf(
    ctx.platform.db,
    volunteerId,
    localInstant(`${today.slice(0, 4)}-01-01`, '00:00', tz),
    localInstant(`${today.slice(0, 7)}-01`, '00:00', tz),
  );
}
