import type { MemberRegister, MemberReport, MemberView } from '@jiayuan/contracts';
import { recordAudit } from '../../platform/audit/audit.service.js';
import { inTx, type Ctx } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import { commonErrors } from '../../platform/errors/common-errors.js';
import * as places from '../../platform/places/places.repository.js';
import { defineWorkflow, step, transition, type TransitionDef } from '../../platform/workflow/workflow.js';
import { residentIdsNamedLike, residentInScope, residentRecord } from '../registry/index.js';
import { publishDuty } from './duty.effects.js';
import { dutyErrors } from './duty.errors.js';
import { memberPolicy } from './duty.policy.js';
import { presentMembers } from './duty.present.js';
import * as repo from './duty.repository.js';

/** Reporting in (党员报到): a member reports from the phone or staff register them; the community confirms or rejects. */

/**
 * A list filtered by a place (a community…) outside the caller's scope answers 404, as a record
 * would. An employer's liaison, who has no places, filters freely: their scope is their employer.
 */
export async function assertFilterPlace(ctx: Ctx, placeId: number | undefined): Promise<places.PlaceRow | null> {
  if (!placeId) return null;
  const liaisonOnly = !ctx.actor.scope.all && ctx.actor.scope.places.length === 0 && ctx.actor.scope.employerIds.length > 0;
  const p = liaisonOnly ? await places.findPlace(ctx.platform.db, placeId) : await places.findPlaceInScope(ctx.platform.db, ctx.actor, placeId);
  if (!p) throw commonErrors.NOT_FOUND();
  return p;
}

/** The community above a place path, or null. */
export async function communityOfPath(ex: Executor, path: string): Promise<places.PlaceRow | null> {
  const chain = await places.findPlaces(ex, places.pathIds(path));
  return chain.find((p) => p.type === 'community') ?? null;
}

const memberAudit = (m: repo.MemberRow) => ({
  residentId: m.residentId,
  communityId: m.communityId,
  employerId: m.employerId,
  roles: m.roles,
  skills: m.skills,
  status: m.status,
});

async function report(ctx: Ctx, residentId: number, input: MemberReport, registeredBy: number | null): Promise<MemberView> {
  return inTx(ctx, async (tx) => {
    const resident = await residentRecord(tx, residentId);
    if (!resident) throw commonErrors.NOT_FOUND();
    const community = await communityOfPath(tx, resident.place_path);
    if (!community) throw dutyErrors.DUTY_RESIDENT_UNPLACED();
    const before = await repo.memberOfResident(tx, residentId, true);
    if (before?.status === 'confirmed') throw dutyErrors.DUTY_ALREADY_REPORTED();
    const now = ctx.platform.clock.now();
    const row = await repo.upsertReport(
      tx,
      {
        residentId,
        communityId: community.id,
        placePath: resident.place_path,
        employerId: input.employerId ?? resident.employer_id ?? null,
        partyOrganisation: input.partyOrganisation ?? null,
        skills: [...new Set(input.skills)],
        roles: [...new Set(input.roles)],
        availability: input.availability ?? null,
        status: 'reported',
        reportedAt: now,
        registeredBy,
      },
      now,
    );
    if (!row) throw dutyErrors.DUTY_ALREADY_REPORTED();
    await recordAudit(tx, ctx, {
      action: registeredBy !== null ? 'duty.member.register' : 'duty.member.report',
      entityType: 'duty_member',
      entityId: row.id,
      before: before ? memberAudit(before) : null,
      after: memberAudit(row),
    });
    await publishDuty(tx, ctx.platform, row.placePath, { change: 'member' });
    return (await presentMembers(ctx, tx, [row]))[0]!;
  });
}

/** A resident signed in by phone reports to the community they live in (or updates a report not yet confirmed). */
export async function reportMyself(ctx: Ctx, input: MemberReport): Promise<MemberView> {
  if (ctx.actor.residentId === null) throw commonErrors.FORBIDDEN();
  return report(ctx, ctx.actor.residentId, input, null);
}

/** Staff register a resident of their scope as a reported member. */
export async function registerMember(ctx: Ctx, input: MemberRegister): Promise<MemberView> {
  const r = await residentInScope(ctx.platform.db, ctx.actor, input.residentId);
  if (!r) throw commonErrors.NOT_FOUND();
  return report(ctx, input.residentId, input, ctx.actor.userId ?? 0);
}

/** The member workflow on the kernel: confirm (reported or rejected → confirmed), reject (→ rejected, with a reason). */
export const memberWorkflow = defineWorkflow<repo.MemberRow, Record<'confirm' | 'reject', TransitionDef<repo.MemberRow, { reason?: string }>>>(
  {
    module: 'duty',
    entity: 'member',
    entityType: 'duty_member',
    load: async (tx, ctx, id) => {
      const m = await repo.findMemberInScope(tx, ctx.actor, id, true);
      // A liaison sees their employer's members but decides nothing: only the community's place scope decides.
      return m;
    },
    update: (tx, r, values, now) => repo.updateMemberVersioned(tx, r.id, r.status, r.version, values, now),
    wrongState: (r) => dutyErrors.DUTY_MEMBER_STATE({ state: r.status }),
    auditView: memberAudit,
  },
  {
    confirm: step<repo.MemberRow, { reason?: string }>({
      from: ['reported', 'rejected'],
      to: 'confirmed',
      permission: 'duty.member.manage',
      policy: (ctx, r) => memberPolicy.allows(ctx.actor, 'confirm', r),
      apply: ({ ctx, now }) => ({ values: { confirmedAt: now, decidedBy: ctx.actor.userId, rejectReason: null } }),
      effects: async ({ tx, ctx, after }) => publishDuty(tx, ctx.platform, after.placePath, { change: 'member' }),
    }),
    reject: step<repo.MemberRow, { reason?: string }>({
      from: ['reported', 'confirmed'],
      to: 'rejected',
      permission: 'duty.member.manage',
      policy: (ctx, r) => memberPolicy.allows(ctx.actor, 'reject', r),
      apply: ({ ctx, input }) => ({
        values: { rejectReason: input.reason ?? null, decidedBy: ctx.actor.userId, confirmedAt: null },
        note: input.reason ?? null,
      }),
      effects: async ({ tx, ctx, after }) => publishDuty(tx, ctx.platform, after.placePath, { change: 'member' }),
    }),
  },
);

export async function confirmMember(ctx: Ctx, id: number, version?: number): Promise<MemberView> {
  const after = await transition(ctx, memberWorkflow, 'confirm', id, { version });
  return (await presentMembers(ctx, ctx.platform.db, [after]))[0]!;
}

export async function rejectMember(ctx: Ctx, id: number, reason: string, version?: number): Promise<MemberView> {
  const after = await transition(ctx, memberWorkflow, 'reject', id, { reason, version });
  return (await presentMembers(ctx, ctx.platform.db, [after]))[0]!;
}

export async function getMember(ctx: Ctx, id: number): Promise<MemberView> {
  const m = await repo.findMemberInScope(ctx.platform.db, ctx.actor, id);
  if (!m) throw commonErrors.NOT_FOUND();
  return (await presentMembers(ctx, ctx.platform.db, [m]))[0]!;
}

/** The roster of reported members: by community, unit, role and status; contacts masked. */
export async function listMembers(
  ctx: Ctx,
  q: {
    communityId?: number | undefined;
    employerId?: number | undefined;
    role?: string | undefined;
    status: string;
    q?: string | undefined;
    page: number;
    pageSize: number;
  },
) {
  await assertFilterPlace(ctx, q.communityId);
  const { rows, total, counts } = await repo.listMembers(
    ctx.platform.db,
    ctx.actor,
    { communityId: q.communityId, employerId: q.employerId, role: q.role, status: q.status, residentIds: q.q ? residentIdsNamedLike(q.q) : undefined },
    { limit: q.pageSize, offset: (q.page - 1) * q.pageSize },
  );
  const byStatus = { reported: 0, confirmed: 0, rejected: 0 };
  for (const c of counts) byStatus[c.status as keyof typeof byStatus] = Number(c.n);
  return { items: await presentMembers(ctx, ctx.platform.db, rows), total, page: q.page, pageSize: q.pageSize, counts: byStatus };
}
