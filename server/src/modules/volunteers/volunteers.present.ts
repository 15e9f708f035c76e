import { maskPhone, type VolunteerView } from '@jiayuan/contracts';
import { userNames } from '../../platform/auth/identity.repository.js';
import type { Ctx } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import { findEmployers, findPlaces, labelsForPaths } from '../../platform/places/places.repository.js';
import { residentNames } from '../registry/index.js';
import * as repo from './volunteers.repository.js';

/** Names of volunteers: a resident's is the registry's, a staff account's its display name, an outsider's their own. */
export async function volunteerNames(
  ex: Executor,
  rows: readonly Pick<repo.VolunteerRow, 'id' | 'residentId' | 'userId' | 'name'>[],
): Promise<Map<number, string>> {
  const residents = await residentNames(
    ex,
    rows.flatMap((r) => (r.residentId !== null ? [r.residentId] : [])),
  );
  const users = await userNames(
    ex,
    rows.flatMap((r) => (r.residentId === null && r.userId !== null ? [r.userId] : [])),
  );
  return new Map(rows.map((r) => [r.id, r.name ?? (r.residentId !== null ? residents.get(r.residentId) : users.get(r.userId!)) ?? '']));
}

/** Names of volunteers by id (loading them). */
export async function namesOfVolunteerIds(ex: Executor, ids: readonly number[]): Promise<Map<number, string>> {
  return volunteerNames(ex, await repo.volunteersByIds(ex, ids));
}

export async function placeNames(ex: Executor, ids: readonly number[]): Promise<Map<number, string>> {
  const rows = await findPlaces(ex, [...new Set(ids)]);
  return new Map(rows.map((p) => [p.id, p.name]));
}

export async function placeLabels(ex: Executor, paths: readonly string[]): Promise<Map<string, string>> {
  return labelsForPaths(ex, [...new Set(paths)]);
}

export async function employerNames(ex: Executor, ids: readonly (number | null)[]): Promise<Map<number, string>> {
  const rows = await findEmployers(ex, [...new Set(ids.filter((i): i is number => i !== null))]);
  return new Map(rows.map((e) => [e.id, e.name]));
}

export async function presentVolunteers(ctx: Ctx, ex: Executor, rows: readonly repo.VolunteerRow[]): Promise<VolunteerView[]> {
  const ids = rows.map((r) => r.id);
  const [names, communities, employers, teams, minutes] = await Promise.all([
    volunteerNames(ex, rows),
    placeNames(
      ex,
      rows.map((r) => r.communityId),
    ),
    employerNames(
      ex,
      rows.map((r) => r.employerId),
    ),
    repo.teamsOfVolunteers(ex, ids),
    repo.confirmedMinutesOf(ex, ids),
  ]);
  return rows.map((r) => ({
    id: r.id,
    name: names.get(r.id) ?? '',
    phoneMasked: r.phoneEnc ? maskPhone(ctx.platform.cipher.decrypt('phone', r.phoneEnc)) : null,
    residentId: r.residentId,
    userId: r.userId,
    communityId: r.communityId,
    communityName: communities.get(r.communityId) ?? '',
    employerId: r.employerId,
    employerName: r.employerId !== null ? (employers.get(r.employerId) ?? null) : null,
    skills: r.skills,
    serviceTypes: r.serviceTypes as VolunteerView['serviceTypes'],
    availability: r.availability,
    teams: teams.filter((t) => t.volunteerId === r.id).map((t) => ({ id: t.id, name: t.name, leader: t.leader })),
    confirmedMinutes: minutes.get(r.id) ?? 0,
    fromDuty: r.fromDuty,
    active: r.active,
    createdAt: r.createdAt.toISOString(),
    version: r.version,
  }));
}
