/* eslint-disable @typescript-eslint/no-explicit-any -- a table of transitions holds steps of different input types */
import type { AuditAction, AuditEntityType, Permission } from '@jiayuan/contracts';
import { can } from '../access/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import { inTx, type AfterCommit, type Ctx } from '../context.js';
import type { Tx } from '../db/database.js';
import type { AppError } from '../errors/app-error.js';
import { commonErrors } from '../errors/common-errors.js';

/** What every workflow row has: an id, a status and a version bumped by every change. */
export interface WorkflowRow {
  id: number;
  status: string;
  version: number;
}

/** What a transition's own work hands back: the columns to set (besides the status), and a note for the audit row. */
export interface Applied<Row> {
  values: Partial<Row>;
  note?: string | null;
}

/** The moment a transition runs in: the transaction, the caller, the row as loaded and locked, now. */
export interface Step<Row, Input, Prep> {
  tx: Tx;
  ctx: Ctx;
  row: Row;
  input: Input;
  now: Date;
  /** What `prepare` loaded (the target team, the caller's teams…). */
  prep: Prep;
}

/**
 * One named transition: from which states, to which, who may take it, and its pure guard. The
 * guard sees the row, the input, the time and what `prepare` loaded, and answers an AppError (a
 * 400 for bad input, a 409 for a state that forbids it) or null.
 */
export interface TransitionDef<Row extends WorkflowRow, Input, Prep = undefined, Out extends Applied<Row> = Applied<Row>> {
  /** The states it may be taken from; a function when they depend on the row (a repair's flow is not a complaint's). */
  from: readonly Row['status'][] | ((row: Row) => readonly Row['status'][]);
  /** The state after; a function when it depends on the row (a paused order resumes where it was). */
  to: Row['status'] | ((row: Row, input: Input) => Row['status']);
  /** The permission it needs; null for a step of the record's own person (a resident rating their order), which `policy` decides. */
  permission: Permission | null;
  /** Loads, inside the transaction, what the guard and the policy need. */
  prepare?: (tx: Tx, ctx: Ctx, row: Row, input: Input) => Promise<Prep>;
  guard?: (row: Row, input: Input, now: Date, prep: Prep) => AppError | null;
  /** Beyond the permission: is this row the caller's to move (the assignee, the team's leader…)? False answers 403; an AppError says why. */
  policy?: (ctx: Ctx, row: Row, prep: Prep) => boolean | AppError;
  /** The transition's own columns (timestamps, who, the reason…). */
  apply?: (step: Step<Row, Input, Prep>) => Out | Promise<Out>;
  /**
   * Work in the same transaction after the update: obligations, notifications, events, live updates. `applied` is
   * what `apply` answered; what this answers is handed to the caller of `transitionWithEffects` (a rule's outcome…).
   */
  effects?: (step: Step<Row, Input, Prep> & { before: Row; after: Row; applied: Out; afterCommit: AfterCommit }) => Promise<unknown>;
}

export interface WorkflowSpec<Row extends WorkflowRow> {
  module: string;
  /** The entity as the audit action names it: `<module>.<entity>.<verb>`. */
  entity: string;
  entityType: AuditEntityType;
  /** The row the caller may see, locked for the transaction; undefined outside the caller's scope (404). */
  load(tx: Tx, ctx: Ctx, id: number): Promise<Row | undefined>;
  /** Sets `values` WHERE status = row.status AND version = row.version (bumping the version); undefined when it lost a race. */
  update(tx: Tx, row: Row, values: Partial<Row>, now: Date): Promise<Row | undefined>;
  /** The 409 for a transition the row's state does not allow (naming the state the row is in, and the step). */
  wrongState(row: Row, transition: string): AppError;
  /** What of the row the audit log keeps before and after (never personal data in clear). */
  auditView(row: Row): Record<string, unknown>;
}

/** Inputs may carry the version the caller read; a row changed since answers 409. */
interface Versioned {
  version?: number | null | undefined;
}

export interface Workflow<Row extends WorkflowRow, T extends Record<string, TransitionDef<Row, never, any, any>>> extends WorkflowSpec<Row> {
  transitions: T;
}

/** A workflow as data: its spec and its named transitions (see docs/architecture.md, "Workflows"). */
export function defineWorkflow<Row extends WorkflowRow, const T extends Record<string, TransitionDef<Row, never, any, any>>>(
  spec: WorkflowSpec<Row>,
  transitions: T,
): Workflow<Row, T> {
  return { ...spec, transitions };
}

/** Defines one transition with its input and prepared types inferred (a helper for the table above). */
export function step<Row extends WorkflowRow, Input = Record<string, never>, Prep = undefined, Out extends Applied<Row> = Applied<Row>>(
  def: TransitionDef<Row, Input, Prep, Out>,
): TransitionDef<Row, Input, Prep, Out> {
  return def;
}

type InputOf<D> = D extends TransitionDef<any, infer I, any, any> ? I : never;

/** The audit action a transition writes. */
export const auditActionOf = (spec: Pick<WorkflowSpec<WorkflowRow>, 'module' | 'entity'>, verb: string) =>
  `${spec.module}.${spec.entity}.${verb}` as AuditAction;

/**
 * Takes one transition, the same way in every module, in one transaction:
 * 1. loads the row in the caller's scope and locks it (404 outside it);
 * 2. checks the state (409 naming the state) and runs the guard (400/409);
 * 3. checks the permission and the policy (403);
 * 4. checks the version the caller read (409 STALE_VERSION);
 * 5. updates WHERE status = from AND version = v (a lost race is a clear 409);
 * 6. writes the audit row `<module>.<entity>.<verb>` and runs the transition's effects in the
 *    same transaction; effects queued with `afterCommit` run once it has committed.
 * Answers the row after.
 */
export async function transition<Row extends WorkflowRow, T extends Record<string, TransitionDef<Row, never, any, any>>, N extends keyof T & string>(
  ctx: Ctx,
  wf: Workflow<Row, T>,
  name: N,
  id: number,
  input: InputOf<T[N]> & Versioned,
): Promise<Row> {
  return (await transitionWithEffects(ctx, wf, name, id, input)).after;
}

/** The same, answering also what the transition's effects answered. */
export async function transitionWithEffects<Row extends WorkflowRow, T extends Record<string, TransitionDef<Row, never, any, any>>, N extends keyof T & string>(
  ctx: Ctx,
  wf: Workflow<Row, T>,
  name: N,
  id: number,
  input: InputOf<T[N]> & Versioned,
): Promise<{ after: Row; effect: unknown }> {
  return inTx(ctx, (tx, afterCommit) => take(tx, afterCommit, ctx, wf, name, id, input));
}

/**
 * The same inside a transaction already open (a job that moves records as it goes, a step that
 * moves another record of its own module): the caller's transaction commits or rolls back all.
 */
export async function transitionInTx<Row extends WorkflowRow, T extends Record<string, TransitionDef<Row, never, any, any>>, N extends keyof T & string>(
  tx: Tx,
  afterCommit: AfterCommit,
  ctx: Ctx,
  wf: Workflow<Row, T>,
  name: N,
  id: number,
  input: InputOf<T[N]> & Versioned,
): Promise<Row> {
  return (await take(tx, afterCommit, ctx, wf, name, id, input)).after;
}

async function take<Row extends WorkflowRow, T extends Record<string, TransitionDef<Row, never, any, any>>, N extends keyof T & string>(
  tx: Tx,
  afterCommit: AfterCommit,
  ctx: Ctx,
  wf: Workflow<Row, T>,
  name: N,
  id: number,
  input: InputOf<T[N]> & Versioned,
): Promise<{ after: Row; effect: unknown }> {
  const def = wf.transitions[name] as unknown as TransitionDef<Row, InputOf<T[N]> & Versioned, unknown, Applied<Row>>;
  const row = await wf.load(tx, ctx, id);
  if (!row) throw commonErrors.NOT_FOUND();
  const prep = def.prepare ? await def.prepare(tx, ctx, row, input) : undefined;
  const now = ctx.platform.clock.now();
  const from = typeof def.from === 'function' ? def.from(row) : def.from;
  if (!from.includes(row.status)) throw wf.wrongState(row, name);
  const refused = def.guard?.(row, input, now, prep);
  if (refused) throw refused;
  if (def.permission !== null && !can(ctx.actor, def.permission)) throw commonErrors.FORBIDDEN();
  const allowed = def.policy ? def.policy(ctx, row, prep) : def.permission !== null;
  if (allowed !== true) throw allowed === false ? commonErrors.FORBIDDEN() : allowed;
  if (input.version !== undefined && input.version !== null && input.version !== row.version) throw commonErrors.STALE_VERSION();
  const s: Step<Row, InputOf<T[N]> & Versioned, unknown> = { tx, ctx, row, input, now, prep };
  const applied: Applied<Row> = def.apply ? await def.apply(s) : { values: {} };
  const to = typeof def.to === 'function' ? def.to(row, input) : def.to;
  const after = await wf.update(tx, row, { ...applied.values, status: to } as Partial<Row>, now);
  if (!after) throw commonErrors.STALE_VERSION();
  const note = applied.note ?? null;
  await recordAudit(tx, ctx, {
    action: auditActionOf(wf, name),
    entityType: wf.entityType,
    entityId: row.id,
    before: wf.auditView(row),
    after: { ...wf.auditView(after), ...(note ? { note } : {}) },
  });
  const effect = await def.effects?.({ ...s, before: row, after, applied, afterCommit });
  return { after, effect };
}
