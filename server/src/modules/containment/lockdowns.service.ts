import { LOCKDOWN_LEVELS, type LockdownLevelName, type LockdownStatus } from '@jiayuan/contracts';
import { can, inPlaceScope, systemActor } from '../../platform/access/actor.js';
import { recordAudit } from '../../platform/audit/audit.service.js';
import { inTx, type Ctx, type Platform } from '../../platform/context.js';
import { commonErrors } from '../../platform/errors/common-errors.js';
import { generateForRules } from '../../platform/obligations/obligations.service.js';
import * as places from '../../platform/places/places.repository.js';
import { addDays, localDate, startOfLocalDay } from '../../platform/time.js';
import { defineWorkflow, step, transition, transitionWithEffects, type TransitionDef } from '../../platform/workflow/workflow.js';
import { containmentErrors } from './containment.errors.js';
import * as repo from './containment.repository.js';
import { ruleOf } from './containment.settings.js';
import { orderGuard, releaseIsEarly, ORDER_TRANSITIONS } from './containment.workflow.js';
import { closeConfirmDuty, closeReleaseDuty, endSupplyDuty, notifyCoordinators, openReleaseDuty, publishChange } from './lockdowns.effects.js';
import { orderPolicy, presentOrders } from './lockdowns.present.js';
import { emptyOutcome, putInForce, type OrderReason, type RuleOutcome } from './lockdowns.rule.js';

/** Opens the obligations of supply duties started in a transaction that has now committed. */
export async function afterRuleCommit(platform: Platform, out: RuleOutcome) {
  if (out.supplyRules.length > 0) await generateForRules(platform, out.supplyRules);
}

export async function listOrders(ctx: Ctx, q: { status: LockdownStatus; placeId?: number | undefined; page: number; pageSize: number }) {
  const place = q.placeId ? await places.findPlaceInScope(ctx.platform.db, ctx.actor, q.placeId) : null;
  if (q.placeId && !place) throw commonErrors.NOT_FOUND();
  const { rows, total, counts } = await repo.listOrders(
    ctx.platform.db,
    ctx.actor,
    { status: q.status, placePath: place?.path ?? null },
    { limit: q.pageSize, offset: (q.page - 1) * q.pageSize },
  );
  const byStatus = { proposed: 0, active: 0, released: 0, dismissed: 0 } as Record<LockdownStatus, number>;
  for (const c of counts) if (c.status in byStatus) byStatus[c.status as LockdownStatus] = c.n;
  return { items: await presentOrders(ctx, rows), total, page: q.page, pageSize: q.pageSize, counts: byStatus };
}

export async function getOrder(ctx: Ctx, id: number) {
  const o = await repo.findOrderInScope(ctx.platform.db, ctx.actor, id);
  if (!o) throw commonErrors.NOT_FOUND();
  return (await presentOrders(ctx, [o]))[0]!;
}

/** An order as the kernel sees it: its version is its list version (every change takes the next one). */
type Order = repo.OrderRow & { version: number };
const asOrder = (o: repo.OrderRow | undefined): Order | undefined => o && { ...o, version: o.listVersion };

type Decision = { reason?: string | null | undefined; version?: number };

/** A coordinator's decision on an order, on the workflow kernel (audit: containment.order.<verb>). */
function decision(t: 'confirm' | 'dismiss' | 'release', def: Pick<TransitionDef<Order, Decision>, 'apply' | 'effects'>) {
  return step<Order, Decision>({
    from: ORDER_TRANSITIONS[t].from,
    to: ORDER_TRANSITIONS[t].to,
    permission: 'containment.order.confirm',
    guard: (o, input) => orderGuard(o, t, input.reason),
    policy: (ctx, o) => orderPolicy.allows(ctx.actor, t, o),
    ...def,
  });
}

export const orderWorkflow = defineWorkflow<Order, Record<'confirm' | 'dismiss' | 'release', TransitionDef<Order, Decision>>>(
  {
    module: 'containment',
    entity: 'order',
    entityType: 'lockdown_order',
    // Orders are decided one at a time across the district: a wider order supersedes narrower ones inside it.
    async load(tx, ctx, id) {
      await repo.lockOrders(tx);
      return asOrder(await repo.findOrderInScope(tx, ctx.actor, id, true));
    },
    update: async (tx, o, values, now) => asOrder(await repo.updateOrder(tx, o.id, [o.status], values, now, o.listVersion)),
    wrongState: (o) => containmentErrors.CONTAINMENT_ORDER_STATE({ state: o.status }),
    auditView: (o) => ({ status: o.status, releaseAfter: o.releaseAfter }),
  },
  {
    /** A coordinator puts a proposed order in force: from now, its households are sealed at gates. */
    confirm: decision('confirm', {
      apply: ({ ctx, input, now }) => ({ values: { startsAt: now, decidedBy: ctx.actor.userId }, note: input.reason ?? null }),
      async effects({ tx, ctx, row: o, after }) {
        const out = emptyOutcome();
        await putInForce(tx, ctx, after, await repo.openOrdersUnder(tx, o.placePath), out);
        await closeConfirmDuty(tx, ctx.platform, o.id, ctx.actor.userId);
        await publishChange(tx, ctx.platform, o.placePath, 'confirmed', o.id);
        // The supply duties to open once this has committed, back to confirmOrder.
        return out;
      },
    }),
    /** A coordinator turns a proposal down, with a reason; the same cases will not propose it again. */
    dismiss: decision('dismiss', {
      apply: ({ ctx, input }) => ({ values: { closeReason: input.reason!, decidedBy: ctx.actor.userId }, note: input.reason! }),
      async effects({ tx, ctx, row: o }) {
        await closeConfirmDuty(tx, ctx.platform, o.id, ctx.actor.userId);
        await publishChange(tx, ctx.platform, o.placePath, 'dismissed', o.id);
      },
    }),
    /** A coordinator lifts an order in force, with a reason (a release before the criterion's date is recorded as early). */
    release: decision('release', {
      apply: ({ ctx, row: o, input, now }) => ({
        values: { releasedAt: now, closeReason: input.reason!, decidedBy: ctx.actor.userId },
        note: releaseIsEarly(o, now) ? `${input.reason}（提前解除 early）` : input.reason!,
      }),
      async effects({ tx, ctx, row: o, after }) {
        await endSupplyDuty(tx, ctx.platform, after, 'lockdown released');
        await closeReleaseDuty(tx, ctx.platform, o.id, ctx.actor.userId);
        await closeConfirmDuty(tx, ctx.platform, o.id, ctx.actor.userId);
        await publishChange(tx, ctx.platform, o.placePath, 'released', o.id);
      },
    }),
  },
);

/** A coordinator puts a proposed order in force: from now, its households are sealed at gates. */
export async function confirmOrder(ctx: Ctx, id: number, note: string | null) {
  const { effect } = await transitionWithEffects(ctx, orderWorkflow, 'confirm', id, { reason: note });
  await afterRuleCommit(ctx.platform, effect as RuleOutcome);
  return getOrder(ctx, id);
}

/** A coordinator turns a proposal down, with a reason. */
export async function dismissOrder(ctx: Ctx, id: number, reason: string) {
  await transition(ctx, orderWorkflow, 'dismiss', id, { reason });
  return getOrder(ctx, id);
}

/** A coordinator lifts an order in force, with a reason. */
export async function releaseOrder(ctx: Ctx, id: number, reason: string) {
  await transition(ctx, orderWorkflow, 'release', id, { reason });
  return getOrder(ctx, id);
}

/** A coordinator seals a place by hand (in force at once), with a reason and optionally a release date. */
export async function createManualOrder(ctx: Ctx, input: { placeId: number; reason: string; releaseOn?: string | null | undefined }) {
  const out = emptyOutcome();
  const id = await inTx(ctx, async (tx) => {
    await repo.lockOrders(tx);
    const place = await places.findPlaceInScope(tx, ctx.actor, input.placeId);
    if (!place || !inPlaceScope(ctx.actor, place.path)) throw commonErrors.NOT_FOUND();
    if (!can(ctx.actor, 'containment.order.confirm')) throw commonErrors.FORBIDDEN();
    if (!(LOCKDOWN_LEVELS as readonly string[]).includes(place.type)) throw containmentErrors.CONTAINMENT_PLACE_LEVEL().onField('placeId');
    if ((await repo.openOrdersOver(tx, places.pathIds(place.path))).length > 0) throw containmentErrors.CONTAINMENT_ALREADY_SEALED();
    const tz = ctx.platform.config.timezone;
    const now = ctx.platform.clock.now();
    const today = localDate(now, tz);
    const community = (await places.findPlaces(tx, places.pathIds(place.path))).find((p) => p.type === 'community');
    const rule = community ? await ruleOf(tx, community.id) : null;
    const releaseOn = input.releaseOn ?? addDays(today, rule?.releaseDays ?? 14);
    if (releaseOn < today) throw containmentErrors.CONTAINMENT_RELEASE_DATE().onField('releaseOn');
    const reason: OrderReason = { rule: 'manual', note: input.reason, releaseOn };
    const order = await repo.insertOrder(tx, {
      placeId: place.id,
      placePath: place.path,
      level: place.type as LockdownLevelName,
      status: 'active',
      reason,
      startsAt: now,
      releaseAfter: startOfLocalDay(releaseOn, tz),
      createdBy: ctx.actor.userId,
      decidedBy: ctx.actor.userId,
    });
    await publishChange(tx, ctx.platform, place.path, 'created', order.id);
    await recordAudit(tx, ctx, {
      action: 'containment.order.create',
      entityType: 'lockdown_order',
      entityId: order.id,
      after: { placeId: place.id, level: place.type, reason, releaseOn },
    });
    const open = await repo.openOrdersUnder(tx, place.path);
    await putInForce(tx, ctx, order, open, out);
    const label = await places.labelFor(tx, place.path);
    await notifyCoordinators(tx, ctx.platform, order, 'containment.created', { 'zh-CN': `已封控：${label}`, 'en-US': `Sealed: ${label}` });
    return order.id;
  });
  await afterRuleCommit(ctx.platform, out);
  return getOrder(ctx, id);
}

/**
 * The scheduler's look at release criteria: when an order's date has come, its coordinators
 * are told and get a to-do. Nothing is ever released here.
 */
export async function noticeReleasesDue(platform: Platform): Promise<number> {
  const ctx: Ctx = { platform, actor: systemActor('containment'), origin: { ip: null, channel: 'system', requestId: null }, lang: 'zh-CN' };
  return inTx(ctx, async (tx) => {
    await repo.lockOrders(tx);
    const now = platform.clock.now();
    const due = await repo.dueForReleaseNotice(tx, now);
    for (const o of due) {
      const after = await repo.updateOrder(tx, o.id, ['active'], { releaseNotifiedAt: now }, now);
      if (!after) continue;
      const label = await places.labelFor(tx, o.placePath);
      await openReleaseDuty(tx, platform, after, label);
      await notifyCoordinators(tx, platform, after, 'containment.release_due', {
        'zh-CN': `已满解封条件：${label}`,
        'en-US': `Release criterion met: ${label}`,
      });
      await publishChange(tx, platform, o.placePath, 'release_due', o.id);
      await recordAudit(tx, ctx, {
        action: 'containment.order.release_due',
        entityType: 'lockdown_order',
        entityId: o.id,
        after: { releaseAfter: o.releaseAfter },
      });
    }
    return due.length;
  });
}
