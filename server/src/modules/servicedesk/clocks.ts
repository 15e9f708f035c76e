import { STAGES, type Stage, type StageLimits } from '@jiayuan/contracts';
import type { Platform } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import { cancelObligations, completeObligations, replaceObligations, type OpenObligation } from '../../platform/obligations/obligations.service.js';
import { extendForPause, stageDues } from './deadlines.js';
import type { CategoryRow, OrderInsert, OrderRow, TeamRow } from './servicedesk.repository.js';
import { isOpen } from './servicedesk.workflow.js';

export const SUBJECT = 'sd_order';
export const obligationKind = (stage: Stage) => `servicedesk.${stage}`;

/** How the clocks' to-dos are named in a to-do group's heading: an order shows as its current stage. */
export const servicedeskTodoKinds = {
  'servicedesk.accept': { 'zh-CN': '待受理工单', 'en-US': 'Orders to accept' },
  'servicedesk.arrive': { 'zh-CN': '待到场工单', 'en-US': 'Orders to reach on site' },
  'servicedesk.resolve': { 'zh-CN': '待办结工单', 'en-US': 'Orders to resolve' },
} satisfies Record<`servicedesk.${Stage}`, { 'zh-CN': string; 'en-US': string }>;

const STAGE_TITLE: Record<Stage, { zh: string; en: string }> = {
  accept: { zh: '受理', en: 'accept' },
  arrive: { zh: '到场', en: 'arrive on site' },
  resolve: { zh: '办结', en: 'resolve' },
};
const KIND_TITLE = { repair: { zh: '报修', en: 'Repair' }, complaint: { zh: '投诉', en: 'Complaint' }, enquiry: { zh: '咨询', en: 'Enquiry' } };

type Clocked = Pick<OrderRow, 'acceptDueAt' | 'arriveDueAt' | 'resolveDueAt' | 'acceptedAt' | 'arrivedAt' | 'resolvedAt' | 'status' | 'pausedAt'>;

export function dueOf(o: Pick<OrderRow, 'acceptDueAt' | 'arriveDueAt' | 'resolveDueAt'>, stage: Stage): Date | null {
  return stage === 'accept' ? o.acceptDueAt : stage === 'arrive' ? o.arriveDueAt : o.resolveDueAt;
}
export function doneOf(o: Pick<OrderRow, 'acceptedAt' | 'arrivedAt' | 'resolvedAt'>, stage: Stage): Date | null {
  return stage === 'accept' ? o.acceptedAt : stage === 'arrive' ? o.arrivedAt : o.resolvedAt;
}

/** The earliest due time of a stage not done yet; none while paused or once finished. */
export function nextDue(o: Clocked): Date | null {
  if (!isOpen(o.status) || o.pausedAt || o.status === 'resolved' || o.status === 'replied') return null;
  let best: Date | null = null;
  for (const s of STAGES) {
    const due = dueOf(o, s);
    if (due && !doneOf(o, s) && (!best || due < best)) best = due;
  }
  return best;
}

/** Due times for a fresh round of clocks starting now (complaints have no "arrive" stage). */
export function freshDues(platform: Pick<Platform, 'calendar'>, kind: OrderRow['kind'], limits: StageLimits, start: Date) {
  const d = stageDues(platform.calendar, start, kind === 'repair' ? limits : { ...limits, arrive: null });
  return { acceptDueAt: d.accept, arriveDueAt: d.arrive, resolveDueAt: d.resolve };
}

/** Moves the undone stages' due times on by the pause that just ended. */
export function duesAfterPause(platform: Pick<Platform, 'calendar'>, o: OrderRow, limits: StageLimits, resumedAt: Date): Partial<OrderInsert> {
  const out: Partial<OrderInsert> = {};
  if (!o.pausedAt) return out;
  for (const s of STAGES) {
    const due = dueOf(o, s);
    const limit = limits[s];
    if (!due || doneOf(o, s)) continue;
    const moved = extendForPause(platform.calendar, due, limit?.unit ?? 'clock_minutes', o.pausedAt, resumedAt);
    if (s === 'accept') out.acceptDueAt = moved;
    if (s === 'arrive') out.arriveDueAt = moved;
    if (s === 'resolve') out.resolveDueAt = moved;
  }
  return out;
}

/** Who answers for an order's clocks in the to-do lists: the repairer, the owner, or the team leader. */
export function responsibleFor(o: OrderRow, team: TeamRow | null): number | null {
  if (o.kind === 'repair') return o.assigneeUserId ?? team?.leaderUserId ?? null;
  return o.assigneeUserId ?? o.ownerUserId ?? team?.leaderUserId ?? null;
}

/**
 * Replaces the order's open obligations with one per running stage, so to-do lists, the
 * department's escalation and "overdue" all read the current due times and holder.
 */
export async function syncObligations(ex: Executor, platform: Pick<Platform, 'clock' | 'calendar'>, o: OrderRow, cat: CategoryRow, team: TeamRow | null) {
  if (!isOpen(o.status) || o.pausedAt) {
    await cancelObligations(ex, platform, { subjectType: SUBJECT, subjectId: o.id }, 'superseded');
    return;
  }
  const userId = responsibleFor(o, team);
  const items: OpenObligation[] = [];
  for (const s of STAGES) {
    const due = dueOf(o, s);
    if (!due || doneOf(o, s)) continue;
    items.push({
      kind: obligationKind(s),
      subjectType: SUBJECT,
      subjectId: o.id,
      title: {
        'zh-CN': `${KIND_TITLE[o.kind].zh} #${o.id} ${STAGE_TITLE[s].zh}时限`,
        'en-US': `${KIND_TITLE[o.kind].en} #${o.id}: ${STAGE_TITLE[s].en} limit`,
      },
      link: `/servicedesk/orders/${o.id}`,
      placeId: o.placeId,
      placePath: o.placePath,
      responsibleUserId: userId,
      responsibleRole: userId === null ? (o.kind === 'repair' ? 'property_staff' : 'community_staff') : null,
      dueAt: due,
      escalateAfterMinutes: cat.escalateAfterMinutes,
      escalationRole: 'department_coordinator',
      workingTime: !!cat.limits[s] && cat.limits[s]!.unit !== 'clock_minutes',
    });
  }
  await replaceObligations(ex, platform, { subjectType: SUBJECT, subjectId: o.id }, 'superseded', items);
}

export async function completeStage(ex: Executor, platform: Pick<Platform, 'clock'>, orderId: number, stage: Stage, by: number | null) {
  await completeObligations(ex, platform, { subjectType: SUBJECT, subjectId: orderId, kind: obligationKind(stage) }, by);
}
