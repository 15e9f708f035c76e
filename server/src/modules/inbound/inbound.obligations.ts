import type { Role } from '@jiayuan/contracts';
import type { Platform } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import { cancelObligations, completeObligations, openObligations, type OpenObligation } from '../../platform/obligations/obligations.service.js';
import { reference } from './inbound.present.js';
import type { RequestRow } from './inbound.repository.js';
import * as repo from './inbound.repository.js';

export type Step = 'route' | 'review' | 'notify' | 'arrival';

/** How the loop's to-dos are named in a to-do group's heading (each row names its request). */
export const inboundTodoKinds = {
  'inbound.route': { 'zh-CN': '分派返程申请', 'en-US': 'Return requests to route' },
  'inbound.review': { 'zh-CN': '审核返程申请', 'en-US': 'Return requests to review' },
  'inbound.notify': { 'zh-CN': '通知本人返程', 'en-US': 'Returning people to tell' },
  'inbound.arrival': { 'zh-CN': '返程人员抵达报备', 'en-US': 'Arrival check-ins' },
} satisfies Record<`inbound.${Step}`, { 'zh-CN': string; 'en-US': string }>;
const SUBJECT = 'inbound_request';

const TITLES: Record<Step, (r: RequestRow) => { 'zh-CN': string; 'en-US': string }> = {
  route: (r) => ({ 'zh-CN': `分派返程申请 ${reference(r.id)}（${r.name}）`, 'en-US': `Route return request ${reference(r.id)} (${r.name})` }),
  review: (r) => ({ 'zh-CN': `审核返程申请 ${reference(r.id)}（${r.name}）`, 'en-US': `Review return request ${reference(r.id)} (${r.name})` }),
  notify: (r) => ({ 'zh-CN': `通知本人返程 ${reference(r.id)}（${r.name}）`, 'en-US': `Tell the person: ${reference(r.id)} (${r.name}) approved` }),
  arrival: (r) => ({ 'zh-CN': `返程人员抵达报备 ${reference(r.id)}（${r.name}）`, 'en-US': `Arrival check-in ${reference(r.id)} (${r.name})` }),
};

/**
 * Opens the to-do of the party whose turn it is, due at `dueAt`; when overdue it escalates at
 * once to the department coordinator (the department's own routing step: to the centre).
 */
export async function openStep(ex: Executor, r: RequestRow, step: Step, dueAt: Date) {
  const base = {
    kind: `inbound.${step}`,
    subjectType: SUBJECT,
    subjectId: r.id,
    title: TITLES[step](r),
    link: `/inbound/requests/${r.id}`,
    dueAt,
    escalateAfterMinutes: 0,
  };
  const items: OpenObligation[] = [];
  if (step === 'route') {
    items.push({ ...base, placePath: r.departmentPath, responsibleRole: 'department_coordinator', escalationRole: 'center_coordinator' });
  } else if (step === 'review' || step === 'arrival') {
    items.push({ ...base, placePath: r.communityPath, responsibleRole: 'community_staff', escalationRole: 'department_coordinator' });
  } else {
    const liaisons = r.employerId ? await repo.liaisonsOf(ex, r.employerId) : [];
    if (liaisons.length > 0) {
      for (const userId of liaisons) items.push({ ...base, placePath: r.departmentPath, responsibleUserId: userId, escalationRole: 'department_coordinator' });
    } else {
      items.push({ ...base, placePath: r.departmentPath, responsibleRole: 'department_coordinator' as Role, escalationRole: 'center_coordinator' });
    }
  }
  await openObligations(ex, items);
}

export async function completeStep(ex: Executor, platform: Pick<Platform, 'clock'>, r: { id: number }, step: Step, by: number | null) {
  await completeObligations(ex, platform, { subjectType: SUBJECT, subjectId: r.id, kind: `inbound.${step}` }, by);
}

export async function cancelSteps(ex: Executor, platform: Pick<Platform, 'clock'>, r: { id: number }, reason: string) {
  await cancelObligations(ex, platform, { subjectType: SUBJECT, subjectId: r.id }, reason);
}
