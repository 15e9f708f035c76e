import { sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import { queryOne, type Database, type Executor } from '../../platform/db/database.js';
import { LOCKDOWNS_CHANNEL, lockdownList, lockdownListVersionSql, sealedBy, type LockdownEntry } from '../containment/index.js';
import * as repo from './passes.repository.js';

/**
 * The gate view: what verification needs, kept in the memory of each server process so a scan
 * costs no database round trip — pass rows as gates see them, and the lockdown orders in force.
 *
 * Invalidation:
 * - in this process, a change forgets at once (`forgetGatePass` after revoke, renew, a ticket's use);
 * - across instances, the transactions that revoke or renew a pass send NOTIFY on
 *   `access_gate_view` (payload `pass:<id>`), and every instance listening forgets that pass;
 * - as the fallback, a version poll (the revocation list's top version and size, the lockdown
 *   list's top version) runs in the background once the view is older than POLL_MS, and a
 *   verification waits for it once the view is older than STALE_MS: a revocation, a ticket used
 *   up or a lockdown order reaches every instance within STALE_MS even with NOTIFY lost.
 * A renewed pass carries a later `exp` than the row kept, which makes the caller read it again.
 */
export const GATE_VIEW_CHANNEL = 'access_gate_view';
const POLL_MS = 400;
const STALE_MS = 1000;
const MAX_PASSES = 200_000;

export type GatePassRow = NonNullable<Awaited<ReturnType<typeof repo.passForGate>>>;

/** A pass as kept: its row, its dates as numbers, and whether an order sealed it (per lockdown version). */
export interface GatePass {
  row: GatePassRow;
  validFromMs: number;
  validUntilMs: number;
  sealed: boolean;
  sealedAtVersion: number | null;
  /** What a verdict shows of the pass, made once (the row does not change while kept). */
  shown: Record<string, unknown> | null;
  /**
   * The verdicts given on this pass, one frozen object per decision and reason: the same
   * answer is the same object, so its JSON is made once (see `memoizeFrozen` in app.ts).
   */
  verdicts: Map<string, object>;
}

interface View {
  passes: Map<number, GatePass | null>;
  lockdowns: LockdownEntry[];
  passVersion: string | null;
  lockdownVersion: number | null;
  /** When the last successful poll started: real time, and the platform's clock (tests move it). */
  checkedAt: number;
  checkedAtClock: number;
  polling: Promise<void> | null;
  /** Bumped by every invalidation: a row read before it is not kept. */
  generation: number;
  listening: boolean;
}

type ViewPlatform = Pick<Ctx['platform'], 'db' | 'database' | 'log' | 'clock'>;

const views = new WeakMap<Database, View>();

function viewOf(database: Database): View {
  let v = views.get(database);
  if (!v) {
    v = {
      passes: new Map(),
      lockdowns: [],
      passVersion: null,
      lockdownVersion: null,
      checkedAt: 0,
      checkedAtClock: 0,
      polling: null,
      generation: 0,
      listening: false,
    };
    views.set(database, v);
  }
  return v;
}

function listen(platform: Pick<Ctx['platform'], 'database' | 'log'>, v: View) {
  if (v.listening) return;
  v.listening = true;
  const failed = (err: unknown) => {
    v.listening = false;
    platform.log.warn({ err }, 'gate view: LISTEN failed, relying on the version poll');
  };
  // Containment announces a changed lockdown order on its channel: read the list again at the next scan.
  platform.database
    .listen(LOCKDOWNS_CHANNEL, () => {
      v.checkedAt = 0;
    })
    .catch(failed);
  platform.database
    .listen(GATE_VIEW_CHANNEL, (payload) => {
      v.generation++;
      const id = payload.startsWith('pass:') ? Number(payload.slice(5)) : NaN;
      if (Number.isInteger(id)) v.passes.delete(id);
      else v.passes.clear();
    })
    .catch(failed);
}

async function poll(db: Executor, v: View, clockNow: number) {
  const started = Date.now();
  const r = await queryOne<{ pv: string; lv: number }>(
    db,
    sql`SELECT (SELECT coalesce(max(list_version), 0) || '/' || count(*) FROM access_passes WHERE list_version IS NOT NULL) AS pv,
               ${lockdownListVersionSql}::bigint AS lv`,
  );
  if (r && r.pv !== v.passVersion) {
    v.generation++;
    v.passes.clear();
    v.passVersion = r.pv;
  }
  if (r && Number(r.lv) !== v.lockdownVersion) {
    const list = await lockdownList(db as never);
    v.lockdowns = list.entries;
    v.lockdownVersion = Number(r.lv);
  }
  v.checkedAt = started;
  v.checkedAtClock = clockNow;
}

/** Brings the view within its staleness bound: polls in the background, or waits when too old. */
async function fresh(platform: ViewPlatform, v: View) {
  listen(platform, v);
  const clockNow = platform.clock.now().getTime();
  const age = Math.max(Date.now() - v.checkedAt, clockNow - v.checkedAtClock);
  if (age < POLL_MS) return;
  if (!v.polling) {
    v.polling = poll(platform.db, v, clockNow)
      .catch((err: unknown) => platform.log.warn({ err }, 'gate view: version poll failed'))
      .finally(() => {
        v.polling = null;
      });
  }
  if (age < STALE_MS) return;
  const before = v.checkedAt;
  await v.polling;
  // The poll failed (the database unreachable): no answer rather than one older than the bound;
  // the gate falls back on its own lists.
  if (v.checkedAt === before) throw new Error('gate view: stale and the version poll failed');
}

/**
 * The gate's view of a pass (its row, and whether an order in force seals its place), from
 * memory when it is there. `exp` (seconds), when known from a verified token, newer than the
 * row kept means the pass was renewed meanwhile: read again.
 */
export async function gatePass(platform: ViewPlatform, id: number, exp?: number): Promise<GatePass | null> {
  const v = viewOf(platform.database);
  await fresh(platform, v);
  let p = v.passes.get(id);
  if (p === undefined || (p && exp !== undefined && Math.floor(p.validUntilMs / 1000) < exp)) {
    const generation = v.generation;
    const row = await repo.passForGate(platform.db, id);
    p = row
      ? {
          row,
          validFromMs: new Date(row.valid_from).getTime(),
          validUntilMs: new Date(row.valid_until).getTime(),
          sealed: false,
          sealedAtVersion: null,
          shown: null,
          verdicts: new Map(),
        }
      : null;
    if (generation === v.generation) {
      if (v.passes.size >= MAX_PASSES) v.passes.clear();
      v.passes.set(id, p);
    }
  }
  if (!p) return null;
  if (p.sealedAtVersion !== v.lockdownVersion) {
    p.sealed = sealedBy(v.lockdowns, p.row.place_path) !== null;
    p.sealedAtVersion = v.lockdownVersion;
  }
  return p;
}

/**
 * What never changes on a pass (its kind, holder and place), for checking what a gate event
 * names: from the row kept when there is one (no freshness needed), else from the database.
 */
export async function passFacts(
  platform: Pick<Ctx['platform'], 'db' | 'database'>,
  id: number,
): Promise<Pick<GatePassRow, 'id' | 'kind' | 'resident_id' | 'place_path'> | null> {
  const kept = views.get(platform.database)?.passes.get(id);
  if (kept) return kept.row;
  return (await repo.passForGate(platform.db, id)) ?? null;
}

/** Forgets a pass (or all) in this process at once, after a change to it. */
export function forgetGatePass(platform: Pick<Ctx['platform'], 'database'>, id?: number) {
  const v = views.get(platform.database);
  if (!v) return;
  v.generation++;
  if (id === undefined) v.passes.clear();
  else v.passes.delete(id);
}

/** Tells every instance to forget a pass; call inside the transaction that changes it (sent on commit). */
export async function notifyPassChanged(ex: Executor, id: number) {
  await ex.execute(sql`SELECT pg_notify(${GATE_VIEW_CHANNEL}, ${`pass:${id}`})`);
}
