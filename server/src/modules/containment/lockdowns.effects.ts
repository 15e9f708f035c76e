import { ROLE_PERMISSIONS, ROLES, type LocalizedText, type Role } from '@jiayuan/contracts';
import type { Ctx, Platform } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import { defineLiveTopic } from '../../platform/notifications/live-topics.js';
import { notifyRole } from '../../platform/notifications/notifications.service.js';
import {
  cancelObligations,
  completeObligations,
  endRecurringDuty,
  openObligations,
  startRecurringDuty,
} from '../../platform/obligations/obligations.service.js';
import { localDate } from '../../platform/time.js';
import type { OrderRow } from './containment.repository.js';

/** Roles that decide on lockdowns: they hear of proposals and of releases coming due. */
export const COORDINATOR_ROLES: Role[] = ROLES.filter((r) => ROLE_PERMISSIONS[r].includes('containment.order.confirm'));

export const SUPPLY_DUTY_KIND = 'containment.supply_delivery';
export const CONFIRM_DUTY_KIND = 'containment.confirm';
export const RELEASE_DUTY_KIND = 'containment.release';
const SUBJECT = 'lockdown_order';

/** How containment's to-dos are named in a to-do group's heading (each row names its place). */
export const containmentTodoKinds: Record<string, LocalizedText> = {
  [CONFIRM_DUTY_KIND]: { 'zh-CN': '待确认的封控建议', 'en-US': 'Proposed lockdowns to decide' },
  [RELEASE_DUTY_KIND]: { 'zh-CN': '待确认解封', 'en-US': 'Lockdowns to release' },
};

export const CONTAINMENT_TOPIC = defineLiveTopic('containment', ['containment.order.view']);

/** Tells open pages (orders, map, cases, dashboard) in scope that something changed here; ids only, never people. */
export async function publishChange(ex: Executor, platform: Pick<Platform, 'live'>, placePath: string, change: string, orderId: number | null = null) {
  await platform.live.publish(ex, { type: 'containment.changed', topic: CONTAINMENT_TOPIC, placePath, data: { change, orderId } });
}

export async function notifyCoordinators(
  ex: Executor,
  platform: Pick<Platform, 'live' | 'clock'>,
  o: Pick<OrderRow, 'id' | 'placePath' | 'status'>,
  kind: string,
  title: LocalizedText,
  body: LocalizedText | null = null,
) {
  for (const role of COORDINATOR_ROLES) {
    await notifyRole(ex, platform, role, o.placePath, {
      kind,
      title,
      body,
      link: `/containment/orders?status=${o.status}&focus=${o.id}`,
      subjectType: SUBJECT,
      subjectId: o.id,
    });
  }
}

/** A proposal waits for a coordinator: a to-do due in two hours, escalated after one more. */
export async function openConfirmDuty(ex: Executor, platform: Pick<Platform, 'clock'>, o: OrderRow, placeLabel: string) {
  await openObligations(ex, [
    {
      kind: CONFIRM_DUTY_KIND,
      subjectType: SUBJECT,
      subjectId: o.id,
      title: { 'zh-CN': `确认封控建议：${placeLabel}`, 'en-US': `Decide on a proposed lockdown: ${placeLabel}` },
      link: `/containment/orders?status=proposed&focus=${o.id}`,
      placeId: o.placeId,
      placePath: o.placePath,
      responsibleRole: 'department_coordinator',
      dueAt: new Date(platform.clock.now().getTime() + 2 * 3600000),
      escalateAfterMinutes: 60,
      escalationRole: 'center_coordinator',
    },
  ]);
}

export async function closeConfirmDuty(ex: Executor, platform: Pick<Platform, 'clock'>, orderId: number, by: number | null) {
  await completeObligations(ex, platform, { subjectType: SUBJECT, subjectId: orderId, kind: CONFIRM_DUTY_KIND }, by);
}

/** The release criterion is met: coordinators are told and get a to-do; nothing is released by itself. */
export async function openReleaseDuty(ex: Executor, platform: Pick<Platform, 'clock'>, o: OrderRow, placeLabel: string) {
  await openObligations(ex, [
    {
      kind: RELEASE_DUTY_KIND,
      subjectType: SUBJECT,
      subjectId: o.id,
      title: { 'zh-CN': `已满解封条件，请确认解封：${placeLabel}`, 'en-US': `Release criterion met, release the lockdown: ${placeLabel}` },
      link: `/containment/orders?status=active&focus=${o.id}`,
      placeId: o.placeId,
      placePath: o.placePath,
      responsibleRole: 'department_coordinator',
      dueAt: new Date(platform.clock.now().getTime() + 4 * 3600000),
      escalateAfterMinutes: 120,
      escalationRole: 'center_coordinator',
    },
  ]);
}

export async function closeReleaseDuty(ex: Executor, platform: Pick<Platform, 'clock'>, orderId: number, by: number | null, cancelledBecause?: string) {
  const subject = { subjectType: SUBJECT, subjectId: orderId, kind: RELEASE_DUTY_KIND };
  if (cancelledBecause) await cancelObligations(ex, platform, subject, cancelledBecause);
  else await completeObligations(ex, platform, subject, by);
}

/**
 * Seed 004: volunteers bring supplies to each sealed household every day. The duty is a daily
 * obligation rule over the sealed place whose targets are its households; its id goes on the order.
 */
export async function startSupplyDuty(ex: Executor, ctx: Pick<Ctx, 'platform' | 'actor'>, o: OrderRow): Promise<number> {
  return startRecurringDuty(ex, {
    kind: SUPPLY_DUTY_KIND,
    title: { 'zh-CN': '封控户每日生活物资配送', 'en-US': 'Daily supplies to a sealed household' },
    placeId: o.placeId,
    targetType: 'household',
    responsibleRole: 'volunteer',
    times: ['10:00'],
    startsOn: localDate(ctx.platform.clock.now(), ctx.platform.config.timezone),
    escalateAfterMinutes: 120,
    createdBy: ctx.actor.userId,
  });
}

export async function endSupplyDuty(ex: Executor, platform: Pick<Platform, 'clock' | 'config'>, o: OrderRow, reason: string) {
  if (o.supplyRuleId) await endRecurringDuty(ex, platform, o.supplyRuleId, reason, localDate(platform.clock.now(), platform.config.timezone));
}
