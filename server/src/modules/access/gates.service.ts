import { maskName, normalizeIdNumber, normalizePlate, parseIdNumber, type GateLists, type GateVerdict, type GateView, type PassKind } from '@jiayuan/contracts';
import { asc, eq } from 'drizzle-orm';
import { inPlaceScope } from '../../platform/access/actor.js';
import { identifierSearch } from '../../platform/access/identifier-search.js';
import { scopeWhere } from '../../platform/access/scope-sql.js';
import { recordAudit } from '../../platform/audit/audit.service.js';
import { createToken } from '../../platform/auth/tokens.service.js';
import { inTx, type Ctx } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import { commonErrors } from '../../platform/errors/common-errors.js';
import { PassError, verifyPass } from '../../platform/passes/passes.service.js';
import { findPlaceInScope, labelsForPaths } from '../../platform/places/places.repository.js';
import { residentByIdNumberIndex } from '../registry/index.js';
import { accessErrors } from './access.errors.js';
import { gatePass } from './gate-view.js';
import { lockdownList } from '../containment/index.js';
import * as repo from './passes.repository.js';
import { accessGates } from './passes.schema.js';

export type GateRow = typeof accessGates.$inferSelect;

const GATE_PLACES: Record<'gate' | 'checkpoint', readonly string[]> = {
  gate: ['compound'],
  checkpoint: ['department', 'subdistrict', 'community', 'station', 'compound'],
};

async function presentGates(ex: Executor, rows: GateRow[]): Promise<GateView[]> {
  const labels = await labelsForPaths(
    ex,
    rows.map((g) => g.placePath),
  );
  return rows.map((g) => ({
    id: g.id,
    name: g.name,
    kind: g.kind as GateView['kind'],
    placeId: g.placeId,
    placePath: g.placePath,
    placeLabel: labels.get(g.placePath) ?? '',
    createdAt: g.createdAt.toISOString(),
  }));
}

/** Gates by id: a gate row never changes once registered, and every scan names its gate. */
const gateRows = new WeakMap<Ctx['platform']['database'], Map<number, GateRow>>();

/** The gate, if it stands inside the actor's scope (a gate token: its own compound or checkpoint). */
export async function gateInScope(ex: Executor, ctx: Ctx, id: number): Promise<GateRow> {
  let cache = gateRows.get(ctx.platform.database);
  if (!cache) gateRows.set(ctx.platform.database, (cache = new Map()));
  let g = cache.get(id);
  if (!g) {
    [g] = await ex.select().from(accessGates).where(eq(accessGates.id, id));
    if (g) cache.set(id, g);
  }
  if (!g || !inPlaceScope(ctx.actor, g.placePath)) throw commonErrors.NOT_FOUND();
  return g;
}

export async function listGates(ctx: Ctx): Promise<GateView[]> {
  const rows = await ctx.platform.db
    .select()
    .from(accessGates)
    .where(scopeWhere(ctx.actor, { path: accessGates.placePath }))
    .orderBy(asc(accessGates.placePath), asc(accessGates.name));
  return presentGates(ctx.platform.db, rows);
}

/** Registers a gate of a compound, or a checkpoint. */
export async function createGate(ctx: Ctx, input: { name: string; kind: 'gate' | 'checkpoint'; placeId: number }): Promise<GateView> {
  const row = await inTx(ctx, async (tx) => {
    const place = await findPlaceInScope(tx, ctx.actor, input.placeId);
    if (!place || !inPlaceScope(ctx.actor, place.path)) throw commonErrors.NOT_FOUND().onField('placeId');
    if (!GATE_PLACES[input.kind].includes(place.type)) throw accessErrors.ACCESS_PLACE_NOT_FOR_GATE().onField('placeId');
    const [g] = await tx
      .insert(accessGates)
      .values({ name: input.name, kind: input.kind, placeId: place.id, placePath: place.path })
      .onConflictDoNothing()
      .returning();
    if (!g) throw accessErrors.ACCESS_GATE_NAME_TAKEN().onField('name');
    await recordAudit(tx, ctx, {
      action: 'access.gate.create',
      entityType: 'access_gate',
      entityId: g.id,
      after: { name: g.name, kind: g.kind, placeId: g.placeId },
    });
    return g;
  });
  return (await presentGates(ctx.platform.db, [row]))[0]!;
}

/**
 * An API token for a gate device: it may scan and record at the gates of that compound or
 * checkpoint place, and nowhere else. The secret is shown once.
 */
export async function createGateToken(ctx: Ctx, gateId: number, expiresInDays: number | null | undefined) {
  const gate = await gateInScope(ctx.platform.db, ctx, gateId);
  const { token, secret } = await createToken(ctx, {
    name: `gate:${gate.id} ${gate.name}`.slice(0, 60),
    permissions: ['access.gate.scan', 'access.pass.read'],
    scope: { all: false, placeIds: [gate.placeId], employerIds: [] },
    expiresInDays: expiresInDays ?? 365,
  });
  return { tokenId: token.id, secret, gate: (await presentGates(ctx.platform.db, [gate]))[0]! };
}

/** What a gate keeps for offline work: the revocation list and the lockdown list, each full or as a delta. */
export async function gateLists(ctx: Ctx, q: { revocationsSince?: number | undefined; lockdownsSince?: number | undefined }): Promise<GateLists> {
  const now = ctx.platform.clock.now();
  // Only what bears on the caller's places: a gate's device (scoped to its compound) keeps its own
  // compound's revoked passes and the orders on it, under it or over it — not the district's.
  const [revocations, lockdowns] = [
    await repo.revocations(ctx.platform.db, q.revocationsSince, now, ctx.actor),
    await lockdownList(ctx.platform.db, q.lockdownsSince, ctx.actor),
  ];
  return { at: now.toISOString(), revocations, lockdowns };
}

const NOBODY = { passId: null, kind: null, maskedName: null, dwellingLabel: null, plate: null, residentId: null, validUntil: null, usesLeft: null };

/**
 * The server's verdict on a pass id at a gate, from the gate view (gate-view.ts): a pass for
 * another compound (or an area outside the checkpoint's), then revoked, dates, used up, sealed.
 */
async function verdictOnPass(ctx: Ctx, gate: GateRow, id: number, now: Date, exp?: number): Promise<GateVerdict> {
  const kept = await gatePass(ctx.platform, id, exp);
  if (!kept) return { decision: 'refused', reason: 'invalid', subject: NOBODY };
  const p = kept.row;
  const subject = (kept.shown ??= {
    passId: p.id,
    kind: p.kind as PassKind,
    maskedName: maskName(p.holder_name),
    dwellingLabel: p.dwelling_label,
    plate: p.plate,
    residentId: p.resident_id,
    validUntil: new Date(kept.validUntilMs).toISOString(),
    usesLeft: p.max_uses === null ? null : Math.max(0, p.max_uses - p.uses_count),
  }) as GateVerdict['subject'];
  const at = now.getTime();
  const reason: GateVerdict['reason'] = !p.place_path.startsWith(gate.placePath)
    ? 'wrong_place'
    : p.status === 'revoked'
      ? 'revoked'
      : kept.validUntilMs <= at
        ? 'expired'
        : kept.validFromMs > at
          ? 'not_yet_valid'
          : p.max_uses !== null && p.uses_count >= p.max_uses
            ? 'out_of_uses'
            : kept.sealed
              ? 'sealed'
              : null;
  // One frozen verdict per reason while the pass is kept: the same answer is the same object.
  const key = reason ?? 'allowed';
  let verdict = kept.verdicts.get(key) as GateVerdict | undefined;
  if (!verdict) {
    // A pass of elsewhere: what its QR code shows (masked name, dwelling), not whom it names there.
    const shown = reason === 'wrong_place' ? { ...subject, residentId: null } : subject;
    verdict = Object.freeze({ decision: reason ? 'refused' : 'allowed', reason, subject: Object.freeze(shown) }) as GateVerdict;
    kept.verdicts.set(key, verdict);
  }
  return verdict;
}

/**
 * Verifies what a guard scanned (a pass's QR token) or typed (a plate, an ID number) and
 * answers allowed / refused with its reason / referred. Reads only; the gate event is
 * recorded separately (online at once, or queued offline). Bounded by the gate's place: a pass
 * of another compound is refused (`wrong_place`), a plate or an ID number is looked up among
 * the passes and residents of the gate's place only (anyone else is not registered here, and
 * nothing of them is shown).
 */
export async function verifyAtGate(
  ctx: Ctx,
  input: { gateId: number; token?: string | undefined; plate?: string | undefined; idNumber?: string | undefined },
): Promise<GateVerdict> {
  const db = ctx.platform.db;
  const gate = await gateInScope(db, ctx, input.gateId);
  const now = ctx.platform.clock.now();
  if (input.token) {
    try {
      const claims = await verifyPass(ctx.platform, input.token);
      if (!claims.typ.startsWith('access.') || typeof claims.pid !== 'number') return { decision: 'refused', reason: 'invalid', subject: NOBODY };
      return await verdictOnPass(ctx, gate, claims.pid, now, claims.exp);
    } catch (err) {
      if (!(err instanceof PassError)) throw err;
      const reason = err.problem === 'expired' ? 'expired' : err.problem === 'not_yet_valid' ? 'not_yet_valid' : 'invalid';
      return { decision: 'refused', reason, subject: NOBODY };
    }
  }
  if (input.plate) {
    const id = await repo.currentPassId(db, { plate: normalizePlate(input.plate) }, now, gate.placePath);
    if (!id) return { decision: 'referred', reason: 'no_pass', subject: { ...NOBODY, plate: input.plate } };
    return verdictOnPass(ctx, gate, id, now);
  }
  const parsed = parseIdNumber(normalizeIdNumber(input.idNumber ?? ''));
  if (!parsed.ok) throw accessErrors.ACCESS_ID_NUMBER_INVALID().onField('idNumber');
  const person = await residentByIdNumberIndex(
    db,
    await identifierSearch(ctx, { kind: 'idNumber', indexed: parsed.value.normalized, purpose: 'access.gate_verify' }),
    gate.placePath,
  );
  if (!person) return { decision: 'referred', reason: 'not_registered', subject: NOBODY };
  const id = await repo.currentPassId(db, { residentId: person.residentId }, now, gate.placePath);
  if (!id) {
    const labels = await labelsForPaths(db, [person.placePath]);
    return {
      decision: 'referred',
      reason: 'no_pass',
      subject: { ...NOBODY, maskedName: maskName(person.name), dwellingLabel: labels.get(person.placePath) ?? '', residentId: person.residentId },
    };
  }
  return verdictOnPass(ctx, gate, id, now);
}
