import { ENTRY_TICKET_DEFAULT_DAYS, PASS_TYP, maskName, normalizePlate, type PassIssue, type PassKind, type PassView } from '@jiayuan/contracts';
import { sql } from 'drizzle-orm';
import type { Actor } from '../../platform/access/actor.js';
import { inPlaceScope } from '../../platform/access/actor.js';
import { recordAudit } from '../../platform/audit/audit.service.js';
import { inTx, type Ctx } from '../../platform/context.js';
import type { Tx } from '../../platform/db/database.js';
import { isExclusionViolation } from '../../platform/db/sql-state.js';
import { commonErrors } from '../../platform/errors/common-errors.js';
import { ensureSigningKey, signPass } from '../../platform/passes/passes.service.js';
import { findPlaceInScope, labelFor } from '../../platform/places/places.repository.js';
import { localInstant } from '../../platform/time.js';
import { residentContact } from '../registry/index.js';
import { accessErrors } from './access.errors.js';
import { forgetGatePass, notifyPassChanged } from './gate-view.js';
import { passPolicy } from './passes.policy.js';
import * as repo from './passes.repository.js';
import type { PassRow } from './passes.repository.js';
import { defineWorkflow, step, transition, type TransitionDef } from '../../platform/workflow/workflow.js';

const DAY = 86400000;

export function passStatus(p: repo.PassRow, now: Date): PassView['status'] {
  if (p.status === 'revoked') return 'revoked';
  if (p.maxUses !== null && p.usesCount >= p.maxUses) return 'used_up';
  if (p.validUntil <= now) return 'expired';
  return 'active';
}

/** A pass as staff see it (name masked), or as its holder sees it (`own`). */
export function presentPass(actor: Actor, p: repo.PassRow, now: Date, own = false): PassView {
  return {
    id: p.id,
    kind: p.kind as PassKind,
    status: passStatus(p, now),
    holderName: own ? p.holderName : maskName(p.holderName),
    dwellingLabel: p.dwellingLabel,
    plate: p.plate,
    residentId: p.residentId,
    householdId: p.householdId,
    validFrom: p.validFrom.toISOString(),
    validUntil: p.validUntil.toISOString(),
    maxUses: p.maxUses,
    usesCount: p.usesCount,
    revokedAt: p.revokedAt?.toISOString() ?? null,
    revokeReason: p.revokeReason,
    issuedAt: p.createdAt.toISOString(),
    version: p.version,
    token: p.token,
    actions: own ? [] : passPolicy.actions(actor, p),
  };
}

/** Signs the pass's token: what a guard must see offline, never an ID number. */
async function sign(ctx: Ctx, p: repo.PassRow): Promise<string> {
  return signPass(
    ctx.platform,
    {
      typ: PASS_TYP[p.kind as PassKind],
      sub: `pass:${p.id}`,
      pid: p.id,
      n: maskName(p.holderName),
      d: p.dwellingLabel,
      ...(p.plate ? { pl: p.plate } : {}),
      pp: p.placePath,
    },
    { validFrom: p.validFrom, validUntil: p.validUntil },
  );
}

async function holderOf(tx: Tx, ctx: Ctx, residentId: number) {
  const person = await residentContact(tx, ctx.actor, residentId);
  if (!person || !inPlaceScope(ctx.actor, person.placePath)) throw commonErrors.NOT_FOUND().onField('residentId');
  return person;
}

/** Issues a health pass, a household entry ticket or a vehicle pass, signed and audited. */
export async function issuePass(ctx: Ctx, input: PassIssue): Promise<PassView> {
  const now = ctx.platform.clock.now();
  await ensureSigningKey(ctx.platform);
  const row = await inTx(ctx, async (tx) => {
    let values: Omit<repo.NewPass, 'token'>;
    if (input.kind === 'vehicle_pass') {
      const place = await findPlaceInScope(tx, ctx.actor, input.placeId);
      if (!place || !inPlaceScope(ctx.actor, place.path)) throw commonErrors.NOT_FOUND().onField('placeId');
      const person = input.residentId ? await holderOf(tx, ctx, input.residentId) : null;
      const path = person?.placePath ?? place.path;
      const from = input.validFrom ? localInstant(input.validFrom, '00:00', ctx.platform.config.timezone) : now;
      values = {
        kind: 'vehicle_pass',
        residentId: person?.residentId ?? null,
        householdId: person?.householdId ?? null,
        placePath: path,
        holderName: input.holderName,
        dwellingLabel: await labelFor(tx, path),
        // Stored as the gates look it up (`鲁E·D12345` → `鲁ED12345`), whoever calls.
        plate: normalizePlate(input.plate),
        validFrom: from,
        validUntil: new Date(from.getTime() + input.validDays * DAY),
      };
    } else {
      const person = await holderOf(tx, ctx, input.residentId);
      values = {
        kind: input.kind,
        residentId: person.residentId,
        householdId: person.householdId,
        placePath: person.placePath,
        holderName: person.name,
        dwellingLabel: await labelFor(tx, person.placePath),
        validFrom: now,
        validUntil: new Date(now.getTime() + input.validDays * DAY),
        maxUses: input.kind === 'entry_ticket' ? input.maxUses : null,
        // One ticket per household every two days: the database refuses a second ticket whose
        // period overlaps this one (exclusion constraint), however many clerks issue at once.
        ticketPeriodEnd: input.kind === 'entry_ticket' ? new Date(now.getTime() + ENTRY_TICKET_DEFAULT_DAYS * DAY) : null,
      };
    }
    const p = await repo.insertPass(tx, { ...values, token: '', issuedBy: ctx.actor.userId, createdAt: now, updatedAt: now }).catch((err: unknown) => {
      throw isExclusionViolation(err) ? accessErrors.ACCESS_TICKET_EXISTS().onField('residentId') : err;
    });
    p.token = await sign(ctx, p);
    await repo.setToken(tx, p.id, p.token);
    await recordAudit(tx, ctx, {
      action: 'access.pass.issue',
      entityType: 'access_pass',
      entityId: p.id,
      after: {
        kind: p.kind,
        residentId: p.residentId,
        householdId: p.householdId,
        plate: p.plate,
        validFrom: p.validFrom,
        validUntil: p.validUntil,
        maxUses: p.maxUses,
      },
    });
    return p;
  });
  return presentPass(ctx.actor, row, now);
}

export async function getPass(ctx: Ctx, id: number): Promise<PassView> {
  const p = await repo.findPassInScope(ctx.platform.db, ctx.actor, id);
  if (!p) throw commonErrors.NOT_FOUND();
  return presentPass(ctx.actor, p, ctx.platform.clock.now());
}

export async function listPasses(
  ctx: Ctx,
  q: { kind?: PassKind | undefined; status: string; placeId?: number | undefined; q?: string | undefined; page: number; pageSize: number },
) {
  let placePath: string | undefined;
  if (q.placeId) {
    const place = await findPlaceInScope(ctx.platform.db, ctx.actor, q.placeId);
    if (!place) throw commonErrors.NOT_FOUND();
    placePath = place.path;
  }
  const now = ctx.platform.clock.now();
  const { items, total } = await repo.listPasses(ctx.platform.db, ctx.actor, { ...q, placePath }, now);
  return { items: items.map((p) => presentPass(ctx.actor, p, now)), total, page: q.page, pageSize: q.pageSize };
}

type Revoke = { reason: string; version: number };
type Renew = { validDays: number; version: number };

/** Passes on the workflow kernel (audit: access.pass.<verb>): a revoked pass is final; gates forget a changed pass at once. */
export const passWorkflow = defineWorkflow<PassRow, { revoke: TransitionDef<PassRow, Revoke>; renew: TransitionDef<PassRow, Renew> }>(
  {
    module: 'access',
    entity: 'pass',
    entityType: 'access_pass',
    load: (tx, ctx, id) => repo.findPassInScope(tx, ctx.actor, id, true),
    update: (tx, p, values) => repo.updatePass(tx, p.id, p.version, values as Parameters<typeof repo.updatePass>[3]),
    wrongState: () => accessErrors.ACCESS_PASS_NOT_ACTIVE(),
    auditView: (p) => ({ status: p.status, validUntil: p.validUntil }),
  },
  {
    /** Revokes a pass with a reason; gates learn it from the next revocation list. */
    revoke: step<PassRow, Revoke>({
      from: ['active'],
      to: 'revoked',
      permission: 'access.pass.issue',
      policy: (ctx, p) => passPolicy.allows(ctx.actor, 'revoke', p),
      apply: ({ ctx, input, now }) => ({
        values: {
          revokedAt: now,
          revokedBy: ctx.actor.userId,
          revokeReason: input.reason,
          listVersion: sql`nextval('pass_list_version')`,
        } as unknown as Partial<PassRow>,
        note: input.reason,
      }),
      async effects({ tx, ctx, row, afterCommit }) {
        await notifyPassChanged(tx, row.id);
        afterCommit(() => forgetGatePass(ctx.platform, row.id));
      },
    }),
    /** Extends a pass from now by N days and signs a fresh token (same pass, same id). */
    renew: step<PassRow, Renew>({
      from: ['active'],
      to: 'active',
      permission: 'access.pass.issue',
      // A ticket is for its two days: the next one is a new ticket (one per household every two days).
      guard: (p) =>
        p.kind === 'entry_ticket'
          ? accessErrors.ACCESS_TICKET_NOT_RENEWABLE()
          : p.maxUses !== null && p.usesCount >= p.maxUses
            ? accessErrors.ACCESS_PASS_NOT_ACTIVE()
            : null,
      policy: (ctx, p) => passPolicy.allows(ctx.actor, 'renew', p),
      async apply({ ctx, row: p, input, now }) {
        const validFrom = p.validFrom > now ? p.validFrom : now;
        const next = { ...p, validFrom, validUntil: new Date(validFrom.getTime() + input.validDays * DAY) };
        return { values: { validFrom: next.validFrom, validUntil: next.validUntil, token: await sign(ctx, next) } };
      },
      async effects({ tx, ctx, row, afterCommit }) {
        await notifyPassChanged(tx, row.id);
        afterCommit(() => forgetGatePass(ctx.platform, row.id));
      },
    }),
  },
);

/** Revokes a pass with a reason. */
export async function revokePass(ctx: Ctx, id: number, input: Revoke): Promise<PassView> {
  const row = await transition(ctx, passWorkflow, 'revoke', id, input);
  return presentPass(ctx.actor, row, ctx.platform.clock.now());
}

/** Renews a pass for N days from now. */
export async function renewPass(ctx: Ctx, id: number, input: Renew): Promise<PassView> {
  await ensureSigningKey(ctx.platform);
  const row = await transition(ctx, passWorkflow, 'renew', id, input);
  return presentPass(ctx.actor, row, ctx.platform.clock.now());
}

/** A signed-in resident's current passes (and those expired in the last week), as QR codes. */
export async function myPasses(ctx: Ctx): Promise<PassView[]> {
  const now = ctx.platform.clock.now();
  const rows = await repo.passesOfResident(ctx.platform.db, ctx.actor.residentId!, ctx.actor.householdId, new Date(now.getTime() - 7 * DAY));
  return rows.map((p) => presentPass(ctx.actor, p, now, true));
}
