import type { LocalizedText } from '@jiayuan/contracts';
import type { AfterCommit, Platform } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import { notifyUsers } from '../../platform/notifications/notifications.service.js';
import type { OrderRow } from './servicedesk.repository.js';
import * as repo from './servicedesk.repository.js';

export type ReporterStep =
  'received' | 'dispatched' | 'accepted' | 'on_site' | 'resolved' | 'replied' | 'closed' | 'cancelled' | 'waiting' | 'resumed' | 'reopened' | 'merged';

const TEXT: Record<ReporterStep, { zh: string; en: string; sms?: boolean }> = {
  received: { zh: '您的{kind}（#{id}）已登记', en: 'Your {kindEn} (#{id}) has been received' },
  dispatched: { zh: '您的{kind}（#{id}）已派给维修人员', en: 'Your {kindEn} (#{id}) has been given to a repairer' },
  accepted: { zh: '您的{kind}（#{id}）已有专人负责办理', en: 'Someone is now handling your {kindEn} (#{id})', sms: true },
  on_site: { zh: '维修人员已到达（#{id}）', en: 'The repairer has arrived (#{id})' },
  resolved: { zh: '您的{kind}（#{id}）已处理完成，请评价', en: 'Your {kindEn} (#{id}) has been dealt with; please rate it', sms: true },
  replied: { zh: '您的{kind}（#{id}）已答复：{note}', en: 'Your {kindEn} (#{id}) has been answered: {note}', sms: true },
  closed: { zh: '您的{kind}（#{id}）已结案，谢谢您的评价', en: 'Your {kindEn} (#{id}) is closed; thank you for your rating' },
  cancelled: { zh: '您的{kind}（#{id}）已取消：{note}', en: 'Your {kindEn} (#{id}) was cancelled: {note}' },
  waiting: { zh: '您的{kind}（#{id}）需要您的配合：{note}', en: 'Your {kindEn} (#{id}) needs something from you: {note}', sms: true },
  resumed: { zh: '您的{kind}（#{id}）已继续办理', en: 'Your {kindEn} (#{id}) is being handled again' },
  reopened: { zh: '您的{kind}（#{id}）已重新办理', en: 'Your {kindEn} (#{id}) has been reopened' },
  merged: { zh: '您的{kind}（#{id}）与同一问题的 #{note} 合并办理', en: 'Your {kindEn} (#{id}) is handled together with #{note} about the same problem' },
};
const KIND = { repair: ['报修', 'repair request'], complaint: ['投诉', 'complaint'], enquiry: ['咨询', 'enquiry'] } as const;

export function reporterText(o: Pick<OrderRow, 'id' | 'kind'>, step: ReporterStep, note: string | null): LocalizedText {
  const t = TEXT[step];
  const fill = (s: string) =>
    s
      .replace('{kind}', KIND[o.kind][0])
      .replace('{kindEn}', KIND[o.kind][1])
      .replace('{id}', String(o.id))
      .replace('{note}', (note ?? '').slice(0, 200));
  return { 'zh-CN': fill(t.zh), 'en-US': fill(t.en) };
}

/**
 * Tells the person who reported the order what just happened: in the app when they have a
 * resident account, and by text message at the steps that matter when they called in.
 */
export async function notifyReporter(ex: Executor, platform: Platform, afterCommit: AfterCommit, o: OrderRow, step: ReporterStep, note: string | null = null) {
  const title = reporterText(o, step, note);
  const userId = o.reporterResidentId ? await repo.userIdOfResident(ex, o.reporterResidentId) : null;
  if (userId !== null) {
    await notifyUsers(ex, platform, [userId], {
      kind: `servicedesk.${step}`,
      title,
      link: `/resident/orders/${o.id}`,
      subjectType: 'sd_order',
      subjectId: o.id,
    });
  } else if (TEXT[step].sms && o.reporterPhoneEnc) {
    const phone = platform.cipher.decrypt('phone', o.reporterPhoneEnc);
    afterCommit(() => platform.sms.send(phone, `【家园】${title['zh-CN']}`));
  }
}
