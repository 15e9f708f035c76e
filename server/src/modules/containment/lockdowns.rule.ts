import { recordAudit } from '../../platform/audit/audit.service.js';
import type { Ctx } from '../../platform/context.js';
import type { Tx } from '../../platform/db/database.js';
import * as places from '../../platform/places/places.repository.js';
import { addDays, localDate, startOfLocalDay } from '../../platform/time.js';
import { proposeLockdowns, type CaseLocation, type LockdownProposal } from './containment.rules.js';
import { caseCounts } from './containment.workflow.js';
import * as repo from './containment.repository.js';
import { ruleOf } from './containment.settings.js';
import { closeConfirmDuty, closeReleaseDuty, endSupplyDuty, notifyCoordinators, openConfirmDuty, publishChange, startSupplyDuty } from './lockdowns.effects.js';

/** What the reason of an order holds (jsonb): the rule and its figures, or the coordinator's words. */
export type OrderReason = {
  rule: 'threshold' | 'manual';
  threshold?: number;
  windowDays?: number;
  caseIds?: number[];
  /** The distinct people those cases are about (what the threshold counts); absent on orders made before it was kept. */
  people?: number;
  note?: string;
  /** The day of the last case in scope and the days after it that the release criterion adds. */
  lastCaseOn?: string | null;
  releaseDays?: number;
  /** A manual order's own release date. */
  releaseOn?: string | null;
};

export const reasonOf = (o: { reason: Record<string, unknown> }) => o.reason as unknown as OrderReason;

export interface RuleOutcome {
  proposed: number[];
  activated: number[];
  superseded: number[];
  rescheduled: number[];
  /** Supply duties started in this transaction: generate their obligations after commit. */
  supplyRules: number[];
}

export const emptyOutcome = (): RuleOutcome => ({ proposed: [], activated: [], superseded: [], rescheduled: [], supplyRules: [] });

const LEVEL_ZH = { stairwell: '单元', building: '楼栋', compound: '小区' } as const;

/**
 * Narrower orders inside a wider one that has just been proposed or put in force: proposals are
 * dismissed at once; orders in force are released only once the wider order is itself in force.
 */
export async function supersedeInside(tx: Tx, ctx: Ctx, wider: repo.OrderRow, open: repo.OrderRow[], out: RuleOutcome) {
  const now = ctx.platform.clock.now();
  for (const o of open) {
    if (o.id === wider.id || !o.placePath.startsWith(wider.placePath) || o.placePath === wider.placePath) continue;
    if (o.status === 'active' && wider.status !== 'active') continue;
    const from = o.status;
    const to = from === 'proposed' ? 'dismissed' : 'released';
    const reason = `superseded by order ${wider.id}`;
    const after = await repo.updateOrder(tx, o.id, [from], { status: to, closeReason: reason, ...(to === 'released' ? { releasedAt: now } : {}) }, now);
    if (!after) continue;
    o.status = to;
    if (to === 'released') await endSupplyDuty(tx, ctx.platform, after, reason);
    await closeConfirmDuty(tx, ctx.platform, o.id, null);
    await closeReleaseDuty(tx, ctx.platform, o.id, null, reason);
    await recordAudit(tx, ctx, {
      action: 'containment.order.supersede',
      entityType: 'lockdown_order',
      entityId: o.id,
      before: { status: from },
      after: { status: to, by: wider.id },
    });
    out.superseded.push(o.id);
  }
}

/** Puts a new or confirmed order's effects in place: supersedes narrower orders and starts the supply duty. */
export async function putInForce(tx: Tx, ctx: Ctx, o: repo.OrderRow, open: repo.OrderRow[], out: RuleOutcome): Promise<repo.OrderRow> {
  await supersedeInside(tx, ctx, o, open, out);
  const ruleId = await startSupplyDuty(tx, ctx, o);
  out.supplyRules.push(ruleId);
  const after = await repo.updateOrder(tx, o.id, ['active'], { supplyRuleId: ruleId }, ctx.platform.clock.now());
  return after ?? o;
}

/** A coordinator already turned this down (or released it) for the same cases; superseded or withdrawn proposals do not count. */
function answered(closed: repo.OrderRow[], p: LockdownProposal) {
  return closed.some(
    (o) => o.placeId === p.placeId && !/^(superseded|withdrawn)/.test(o.closeReason ?? '') && p.caseIds.every((id) => (reasonOf(o).caseIds ?? []).includes(id)),
  );
}

/**
 * Runs the containment rule for one compound after a case changed: writes proposals (or orders
 * in force where the community auto-confirms), withdraws proposals no longer called for, and
 * moves release dates to the last case in scope plus the release days. In the caller's transaction.
 */
export async function applyRule(tx: Tx, ctx: Ctx, c: { compoundId: number; communityId: number }): Promise<RuleOutcome> {
  await repo.lockOrders(tx);
  const out = emptyOutcome();
  const now = ctx.platform.clock.now();
  const tz = ctx.platform.config.timezone;
  const rule = await ruleOf(tx, c.communityId);
  const compound = await places.findPlace(tx, c.compoundId);
  if (!compound) return out;
  const counted = (await repo.casesOfCompound(tx, c.compoundId)).filter((x) => caseCounts(x, rule.countSuspected));
  const locations: CaseLocation[] = counted.map((x) => ({
    caseId: x.id,
    residentId: x.residentId,
    stairwellId: x.stairwellId,
    buildingId: x.buildingId,
    compoundId: x.compoundId,
    at: startOfLocalDay(x.reportedOn, tz),
  }));
  const proposals = proposeLockdowns(locations, now, rule, tz);
  const open = await repo.openOrdersUnder(tx, compound.path);
  const placeRows = new Map(
    (
      await places.findPlaces(
        tx,
        proposals.map((p) => p.placeId),
      )
    ).map((p) => [p.id, p]),
  );
  const closed = await repo.closedOrdersOf(
    tx,
    proposals.map((p) => p.placeId),
  );

  for (const p of proposals) {
    const place = placeRows.get(p.placeId);
    if (!place) continue;
    if (open.some((o) => (o.status === 'proposed' || o.status === 'active') && place.path.startsWith(o.placePath))) continue;
    if (answered(closed, p)) continue;
    const status = rule.autoConfirm ? 'active' : 'proposed';
    const reason: OrderReason = {
      rule: 'threshold',
      threshold: rule[p.level],
      windowDays: rule.windowDays,
      caseIds: p.caseIds,
      people: p.people,
      lastCaseOn: localDate(p.lastCaseAt, tz),
      releaseDays: rule.releaseDays,
    };
    let order = await repo.insertOrder(tx, {
      placeId: place.id,
      placePath: place.path,
      level: p.level,
      status,
      reason,
      startsAt: status === 'active' ? now : null,
      releaseAfter: p.releaseAfter,
      createdBy: ctx.actor.userId,
    });
    const label = await places.labelFor(tx, place.path);
    await recordAudit(tx, ctx, {
      action: status === 'active' ? 'containment.order.auto_confirm' : 'containment.order.propose',
      entityType: 'lockdown_order',
      entityId: order.id,
      after: { placeId: place.id, level: p.level, status, reason, releaseAfter: p.releaseAfter },
    });
    const n = p.people;
    if (status === 'active') {
      order = await putInForce(tx, ctx, order, open, out);
      out.activated.push(order.id);
      await notifyCoordinators(tx, ctx.platform, order, 'containment.auto_confirmed', {
        'zh-CN': `已自动封控${LEVEL_ZH[p.level]}：${label}（${n} 人）`,
        'en-US': `${p.level} sealed automatically: ${label} (${n} ${n === 1 ? 'person' : 'people'})`,
      });
    } else {
      await supersedeInside(tx, ctx, order, open, out);
      out.proposed.push(order.id);
      await openConfirmDuty(tx, ctx.platform, order, label);
      await notifyCoordinators(tx, ctx.platform, order, 'containment.proposed', {
        'zh-CN': `建议封控${LEVEL_ZH[p.level]}：${label}（${n} 人）`,
        'en-US': `Lockdown of a ${p.level} proposed: ${label} (${n} ${n === 1 ? 'person' : 'people'})`,
      });
    }
    open.push(order);
  }

  // A proposal the cases no longer call for (a case excluded) is withdrawn.
  const called = new Set(proposals.map((p) => p.placeId));
  for (const o of open) {
    if (o.status !== 'proposed' || reasonOf(o).rule !== 'threshold' || called.has(o.placeId)) continue;
    const after = await repo.updateOrder(tx, o.id, ['proposed'], { status: 'dismissed', closeReason: 'withdrawn: the rule no longer calls for it' }, now);
    if (!after) continue;
    o.status = 'dismissed';
    await closeConfirmDuty(tx, ctx.platform, o.id, null);
    await recordAudit(tx, ctx, {
      action: 'containment.order.withdraw',
      entityType: 'lockdown_order',
      entityId: o.id,
      before: { status: 'proposed' },
      after: { status: 'dismissed' },
    });
    out.superseded.push(o.id);
  }

  await reschedule(tx, ctx, open, counted, rule.releaseDays, out);
  await publishChange(tx, ctx.platform, compound.path, 'rule');
  return out;
}

/** Release dates follow the last case in each order's scope (a manual order's own date is a floor). */
async function reschedule(tx: Tx, ctx: Ctx, open: repo.OrderRow[], counted: repo.CaseRow[], releaseDays: number, out: RuleOutcome) {
  const tz = ctx.platform.config.timezone;
  const now = ctx.platform.clock.now();
  for (const o of open) {
    if (o.status !== 'proposed' && o.status !== 'active') continue;
    const inScope = counted.filter((x) => x.placePath.startsWith(o.placePath));
    if (inScope.length === 0) continue;
    const lastCaseOn = inScope
      .map((x) => x.reportedOn)
      .sort()
      .at(-1)!;
    const reason = reasonOf(o);
    let releaseOn = addDays(lastCaseOn, releaseDays);
    if (reason.rule === 'manual' && reason.releaseOn && reason.releaseOn > releaseOn) releaseOn = reason.releaseOn;
    const releaseAfter = startOfLocalDay(releaseOn, tz);
    if (o.releaseAfter?.getTime() === releaseAfter.getTime() && reason.lastCaseOn === lastCaseOn && reason.releaseDays === releaseDays) continue;
    const later = !o.releaseAfter || releaseAfter > o.releaseAfter;
    const after = await repo.updateOrder(
      tx,
      o.id,
      [o.status],
      { releaseAfter, reason: { ...reason, lastCaseOn, releaseDays }, ...(later && o.releaseNotifiedAt ? { releaseNotifiedAt: null } : {}) },
      now,
    );
    if (!after) continue;
    if (later && o.releaseNotifiedAt) await closeReleaseDuty(tx, ctx.platform, o.id, null, 'a new case moved the release date');
    await recordAudit(tx, ctx, {
      action: 'containment.order.reschedule',
      entityType: 'lockdown_order',
      entityId: o.id,
      before: { releaseAfter: o.releaseAfter },
      after: { releaseAfter, lastCaseOn },
    });
    Object.assign(o, after);
    out.rescheduled.push(o.id);
  }
}
