import { DUTY_LIVE_EVENT, DUTY_TOPIC, type LocalizedText } from '@jiayuan/contracts';
import { activeUsersOfResidents } from '../../platform/auth/identity.repository.js';
import type { AfterCommit, Ctx, Platform } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import { defineLiveTopic } from '../../platform/notifications/live-topics.js';
import { notifyUsers, type NotificationInput } from '../../platform/notifications/notifications.service.js';
import { completeObligations } from '../../platform/obligations/obligations.service.js';
import { residentPhones } from '../registry/index.js';

/** What duty tells people and pages: live events on the `duty` topic, notifications, texts. */

export const DUTY_LIVE_TOPIC = defineLiveTopic(DUTY_TOPIC, ['duty.read']);

export interface DutyChange {
  change: 'claim' | 'cancel' | 'callUp' | 'checkIn' | 'checkOut' | 'shifts' | 'roster' | 'member' | 'team';
  callUpId?: number | null;
  shiftId?: number | null;
  /** Places taken (+1) or given back (−1) on a call-up's shifts. */
  delta?: number;
  status?: string;
}

/** Tells open pages in scope of the place that something changed (ids and counts, never people). */
export async function publishDuty(ex: Executor, platform: Pick<Platform, 'live'>, placePath: string, data: DutyChange) {
  await platform.live.publish(ex, { type: DUTY_LIVE_EVENT, topic: DUTY_LIVE_TOPIC, placePath, data: { ...data } });
}

/**
 * Notifies members in the app (those with an account) and by text message after the commit
 * (each text is sent to the phone on file; none is sent for a member without one).
 */
export async function notifyMembers(
  ex: Executor,
  ctx: Ctx,
  afterCommit: AfterCommit,
  residentIds: readonly number[],
  n: NotificationInput,
  sms: string | null,
): Promise<number> {
  const users = await activeUsersOfResidents(ex, residentIds);
  await notifyUsers(ex, ctx.platform, [...users.values()], n);
  if (sms) {
    const ids = [...residentIds];
    afterCommit(async () => {
      for (let i = 0; i < ids.length; i += 1000) {
        for (const r of (await residentPhones(ctx.platform.db, ids.slice(i, i + 1000))).values()) {
          if (r.phoneEnc) await ctx.platform.sms.send(ctx.platform.cipher.decrypt('phone', r.phoneEnc), `【家园】${sms}`);
        }
      }
    });
  }
  return residentIds.length;
}

export const text = (zh: string, en: string): LocalizedText => ({ 'zh-CN': zh, 'en-US': en });

export const UNFILLED_KIND = 'duty.unfilled_shift';
export const MISSED_CHECK_IN_KIND = 'duty.missed_check_in';

/** How duty's to-dos are headed in a to-do group. */
export const dutyTodoKinds: Record<string, LocalizedText> = {
  [UNFILLED_KIND]: { 'zh-CN': '未满员的班次', 'en-US': 'Shifts not yet filled' },
  [MISSED_CHECK_IN_KIND]: { 'zh-CN': '未签到（缺岗）', 'en-US': 'Missed check-ins' },
};

/** A shift that filled closes its unfilled-shift to-do. */
export async function closeUnfilledDuty(ex: Executor, platform: Pick<Platform, 'clock'>, shiftId: number) {
  await completeObligations(ex, platform, { subjectType: 'duty_shift', subjectId: shiftId, kind: UNFILLED_KIND }, null);
}
