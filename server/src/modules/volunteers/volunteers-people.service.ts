import {
  normalizePhone,
  type VolTeamCreate,
  type VolTeamView,
  type VolunteerCard,
  type VolunteerJoin,
  type VolunteerRegister,
  type VolunteerView,
} from '@jiayuan/contracts';
import type { z } from 'zod';
import { can } from '../../platform/access/actor.js';
import { recordAudit } from '../../platform/audit/audit.service.js';
import { findUser } from '../../platform/auth/identity.repository.js';
import { inTx, type Ctx } from '../../platform/context.js';
import type { Executor, Tx } from '../../platform/db/database.js';
import { commonErrors } from '../../platform/errors/common-errors.js';
import { isUniqueViolation } from '../../platform/db/sql-state.js';
import { MAX_PASS_VALIDITY_MS, signPass } from '../../platform/passes/passes.service.js';
import * as places from '../../platform/places/places.repository.js';
import { dutyReportOf, dutyServedAfter } from '../duty/index.js';
import { residentIdsNamedLike, residentInScope, residentRecord } from '../registry/index.js';
import { importDutyServed } from './volunteers-hours.service.js';
import { volErrors } from './volunteers.errors.js';
import { placeLabels, presentVolunteers, volunteerNames } from './volunteers.present.js';
import * as repo from './volunteers.repository.js';

/** Volunteers (志愿者) and teams (志愿服务队): registering, joining, listing, the volunteer card. */

export const VOLUNTEER_CARD_TYP = 'volunteers.card';

/** The community above a place path, or null. */
export async function communityOfPath(ex: Executor, path: string): Promise<places.PlaceRow | null> {
  const chain = await places.findPlaces(ex, places.pathIds(path));
  return chain.find((p) => p.type === 'community') ?? null;
}

/** A place in the caller's scope that is a community or inside one (else 404 / 400). */
export async function areaInScope(ctx: Ctx, ex: Tx, placeId: number, field = 'placeId') {
  const place = await places.findPlaceInScope(ex, ctx.actor, placeId);
  if (!place) throw commonErrors.NOT_FOUND();
  const community = await communityOfPath(ex, place.path);
  if (!community) throw volErrors.VOL_NOT_IN_COMMUNITY().onField(field);
  return { place, community };
}

const volunteerAudit = (v: repo.VolunteerRow) => ({
  residentId: v.residentId,
  userId: v.userId,
  communityId: v.communityId,
  employerId: v.employerId,
  skills: v.skills,
  serviceTypes: v.serviceTypes,
});

async function insertOrExplain(tx: Tx, v: repo.VolunteerInsert) {
  try {
    return await repo.insertVolunteer(tx, v);
  } catch (err) {
    if (isUniqueViolation(err)) throw volErrors.VOL_ALREADY_VOLUNTEER();
    throw err;
  }
}

/** Staff register a volunteer: a resident, a staff account, or a person from a unit outside the area. */
export async function registerVolunteer(ctx: Ctx, input: VolunteerRegister): Promise<VolunteerView> {
  const row = await inTx(ctx, async (tx) => {
    const { place, community } = await areaInScope(ctx, tx, input.placeId);
    let employerId = input.employerId ?? null;
    if (input.residentId) {
      const r = await residentInScope(tx, ctx.actor, input.residentId);
      if (!r) throw commonErrors.NOT_FOUND();
      if (await repo.volunteerOfResident(tx, input.residentId)) throw volErrors.VOL_ALREADY_VOLUNTEER();
      employerId ??= (await residentRecord(tx, input.residentId))?.employer_id ?? null;
    }
    if (input.userId && !(await findUser(tx, input.userId))) throw commonErrors.NOT_FOUND();
    const phone = input.phone ? normalizePhone(input.phone) : null;
    const v = await insertOrExplain(tx, {
      residentId: input.residentId ?? null,
      userId: input.userId ?? null,
      name: input.name ?? null,
      phoneEnc: phone ? ctx.platform.cipher.encrypt('phone', phone) : null,
      phoneBi: phone ? ctx.platform.cipher.blindIndex('phone', phone) : null,
      communityId: community.id,
      placePath: place.path,
      employerId,
      skills: input.skills,
      serviceTypes: input.serviceTypes,
      availability: input.availability ?? null,
      fromDuty: false,
      createdBy: ctx.actor.userId,
    });
    await recordAudit(tx, ctx, { action: 'volunteers.volunteer.register', entityType: 'volunteer', entityId: v.id, before: null, after: volunteerAudit(v) });
    return v;
  });
  return (await presentVolunteers(ctx, ctx.platform.db, [row]))[0]!;
}

/**
 * A resident signed in by phone joins as a volunteer of their community; a party member who reported
 * in the duty module brings their skills and unit, and the minutes they served on duty, with one click.
 */
export async function joinAsVolunteer(ctx: Ctx, input: VolunteerJoin): Promise<VolunteerView> {
  const residentId = ctx.actor.residentId;
  if (residentId === null) throw commonErrors.FORBIDDEN();
  const row = await inTx(ctx, async (tx) => {
    const resident = await residentRecord(tx, residentId);
    if (!resident) throw commonErrors.NOT_FOUND();
    const community = await communityOfPath(tx, resident.place_path);
    if (!community) throw volErrors.VOL_NOT_IN_COMMUNITY();
    if (await repo.volunteerOfResident(tx, residentId)) throw volErrors.VOL_ALREADY_VOLUNTEER();
    const duty = input.fromDuty ? await dutyReportOf(tx, residentId) : null;
    const v = await insertOrExplain(tx, {
      residentId,
      userId: null,
      name: null,
      phoneEnc: null,
      phoneBi: null,
      communityId: community.id,
      placePath: community.path,
      employerId: duty?.employerId ?? resident.employer_id ?? null,
      skills: [...new Set([...input.skills, ...(duty?.skills ?? [])])].slice(0, 10),
      serviceTypes: input.serviceTypes,
      availability: input.availability ?? duty?.availability ?? null,
      fromDuty: duty !== null,
      createdBy: ctx.actor.userId,
    });
    await recordAudit(tx, ctx, { action: 'volunteers.volunteer.join', entityType: 'volunteer', entityId: v.id, before: null, after: volunteerAudit(v) });
    if (duty) await importDutyServed(tx, ctx, await dutyServedAfter(tx, { at: new Date(0), claimId: 0 }, 10000, [residentId]));
    return v;
  });
  return (await presentVolunteers(ctx, ctx.platform.db, [row]))[0]!;
}

export async function listVolunteers(
  ctx: Ctx,
  q: {
    page: number;
    pageSize: number;
    communityId?: number | undefined;
    teamId?: number | undefined;
    employerId?: number | undefined;
    serviceType?: string | undefined;
    q?: string | undefined;
  },
) {
  const db = ctx.platform.db;
  const { rows, total } = await repo.listVolunteers(
    db,
    ctx.actor,
    { ...q, nameLike: q.q, residentIds: q.q ? residentIdsNamedLike(q.q) : undefined },
    q.pageSize,
    (q.page - 1) * q.pageSize,
  );
  return { items: await presentVolunteers(ctx, db, rows), total, page: q.page, pageSize: q.pageSize };
}

export async function getVolunteer(ctx: Ctx, id: number): Promise<VolunteerView> {
  const row = await repo.findVolunteerInScope(ctx.platform.db, ctx.actor, id);
  if (!row) throw commonErrors.NOT_FOUND();
  return (await presentVolunteers(ctx, ctx.platform.db, [row]))[0]!;
}

/** The caller as a volunteer, or 409 VOL_NOT_A_VOLUNTEER. */
export async function meAsVolunteer(ctx: Ctx, tx: Executor = ctx.platform.db, lock = false): Promise<repo.VolunteerRow> {
  const me = await repo.volunteerOfActor(tx, ctx.actor, lock);
  if (!me) throw volErrors.VOL_NOT_A_VOLUNTEER();
  return me;
}

/** My printable volunteer card: a signed QR token naming me, valid as long as a pass may be (60 days; printed again after). */
export async function myCard(ctx: Ctx): Promise<z.infer<typeof VolunteerCard>> {
  const me = await meAsVolunteer(ctx);
  const db = ctx.platform.db;
  const [view] = await presentVolunteers(ctx, db, [me]);
  const validUntil = new Date(ctx.platform.clock.now().getTime() + MAX_PASS_VALIDITY_MS);
  const token = await signPass(ctx.platform, { typ: VOLUNTEER_CARD_TYP, sub: `volunteer:${me.id}` }, { validUntil });
  return {
    volunteerId: me.id,
    name: view!.name,
    communityName: view!.communityName,
    teams: view!.teams.map((t) => t.name),
    token,
    validUntil: validUntil.toISOString(),
  };
}

// ---------------------------------------------------------------------------------------------
// Teams

export async function createTeam(ctx: Ctx, input: VolTeamCreate): Promise<VolTeamView> {
  const team = await inTx(ctx, async (tx) => {
    const { place, community } = await areaInScope(ctx, tx, input.placeId);
    const t = await repo.insertTeam(tx, {
      name: input.name,
      serviceType: input.serviceType,
      placeId: place.id,
      placePath: place.path,
      communityId: community.id,
      createdBy: ctx.actor.userId,
    });
    for (const id of input.leaderVolunteerIds) {
      const v = await repo.findVolunteerInScope(tx, ctx.actor, id);
      if (!v) throw commonErrors.NOT_FOUND();
      await repo.addTeamMember(tx, t.id, id, true);
    }
    await recordAudit(tx, ctx, {
      action: 'volunteers.team.create',
      entityType: 'volunteer_team',
      entityId: t.id,
      before: null,
      after: { name: t.name, serviceType: t.serviceType, placeId: t.placeId, leaders: input.leaderVolunteerIds },
    });
    return t;
  });
  return (await presentTeams(ctx, [team]))[0]!;
}

export async function addTeamMember(ctx: Ctx, teamId: number, input: { volunteerId: number; leader: boolean }): Promise<VolTeamView> {
  const team = await inTx(ctx, async (tx) => {
    const t = await repo.findTeamInScope(tx, ctx.actor, teamId);
    if (!t) throw commonErrors.NOT_FOUND();
    const v = await repo.findVolunteerInScope(tx, ctx.actor, input.volunteerId);
    if (!v) throw volErrors.VOL_NOT_STAFF_OF_COMMUNITY().onField('volunteerId');
    await repo.addTeamMember(tx, t.id, v.id, input.leader);
    await recordAudit(tx, ctx, {
      action: 'volunteers.team.addMember',
      entityType: 'volunteer_team',
      entityId: t.id,
      before: null,
      after: { volunteerId: v.id, leader: input.leader },
    });
    return t;
  });
  return (await presentTeams(ctx, [team]))[0]!;
}

export async function listTeams(ctx: Ctx, q: { page: number; pageSize: number; communityId?: number | undefined; serviceType?: string | undefined }) {
  const { rows, total } = await repo.listTeams(ctx.platform.db, ctx.actor, q, q.pageSize, (q.page - 1) * q.pageSize);
  return { items: await presentTeams(ctx, rows), total, page: q.page, pageSize: q.pageSize };
}

async function presentTeams(ctx: Ctx, rows: readonly repo.TeamRow[]): Promise<VolTeamView[]> {
  const db = ctx.platform.db;
  const members = await repo.teamMembers(
    db,
    rows.map((t) => t.id),
  );
  const vols = await repo.volunteersByIds(
    db,
    members.map((m) => m.volunteerId),
  );
  const [names, labels, minutes] = await Promise.all([
    volunteerNames(db, vols),
    placeLabels(
      db,
      rows.map((t) => t.placePath),
    ),
    repo.confirmedMinutesOf(
      db,
      vols.map((v) => v.id),
    ),
  ]);
  return rows.map((t) => {
    const mine = members.filter((m) => m.teamId === t.id);
    return {
      id: t.id,
      name: t.name,
      serviceType: t.serviceType as VolTeamView['serviceType'],
      placeId: t.placeId,
      placeLabel: labels.get(t.placePath) ?? '',
      communityId: t.communityId,
      members: mine.slice(0, 50).map((m) => ({ volunteerId: m.volunteerId, name: names.get(m.volunteerId) ?? '', leader: m.leader })),
      memberCount: mine.length,
      confirmedMinutes: mine.reduce((s, m) => s + (minutes.get(m.volunteerId) ?? 0), 0),
      createdAt: t.createdAt.toISOString(),
    };
  });
}

/** Whether the caller may manage volunteers (staff) — used to show actions. */
export const canManage = (ctx: Ctx) => can(ctx.actor, 'volunteers.manage');
