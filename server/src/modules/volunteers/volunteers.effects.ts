import { VOLUNTEERS_LIVE_EVENT, VOLUNTEERS_TOPIC, type LocalizedText } from '@jiayuan/contracts';
import { activeUsersOfResidents } from '../../platform/auth/identity.repository.js';
import type { Platform } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import { defineLiveTopic } from '../../platform/notifications/live-topics.js';
import { notifyUsers, type NotificationInput } from '../../platform/notifications/notifications.service.js';

/** What the volunteers module tells people and pages: live events on the `volunteers` topic, notifications, to-do kinds. */

export const VOLUNTEERS_LIVE_TOPIC = defineLiveTopic(VOLUNTEERS_TOPIC, ['volunteers.read']);

export interface VolunteersChange {
  change: 'need' | 'take' | 'activity' | 'signup' | 'dispatch' | 'hours';
  needId?: number;
  activityId?: number;
  dispatchId?: number;
  status?: string;
  filled?: number;
  needed?: number;
}

/** Tells open pages in scope of the place that something changed (ids and counts, never people). */
export async function publishVolunteers(ex: Executor, platform: Pick<Platform, 'live'>, placePath: string, data: VolunteersChange) {
  await platform.live.publish(ex, { type: VOLUNTEERS_LIVE_EVENT, topic: VOLUNTEERS_LIVE_TOPIC, placePath, data: { ...data } });
}

/** In-app notifications to people: staff accounts by user id, residents through their phone-code account (when they have one). */
export async function notifyPeople(
  ex: Executor,
  platform: Pick<Platform, 'live' | 'clock'>,
  people: { userIds?: readonly (number | null)[]; residentIds?: readonly (number | null)[] },
  n: NotificationInput,
  /** Where a resident's own (phone) account opens it, when the console page in `n.link` is not theirs. */
  residentLink?: string,
) {
  const users = (people.userIds ?? []).filter((u): u is number => u !== null);
  const residents = (people.residentIds ?? []).filter((r): r is number => r !== null);
  const residentUsers = residents.length > 0 ? [...(await activeUsersOfResidents(ex, residents)).values()].filter((u) => !users.includes(u)) : [];
  if (residentLink === undefined) {
    await notifyUsers(ex, platform, [...users, ...residentUsers], n);
    return;
  }
  await notifyUsers(ex, platform, users, n);
  await notifyUsers(ex, platform, residentUsers, { ...n, link: residentLink });
}

/** Notifies volunteers, each on the account they sign in with (a staff account or a resident's phone). */
export function notifyVolunteers(
  ex: Executor,
  platform: Pick<Platform, 'live' | 'clock'>,
  vols: readonly { userId: number | null; residentId: number | null }[],
  n: NotificationInput,
) {
  return notifyPeople(ex, platform, { userIds: vols.map((v) => v.userId), residentIds: vols.map((v) => v.residentId) }, n);
}

export const text = (zh: string, en: string): LocalizedText => ({ 'zh-CN': zh, 'en-US': en });

/** A need nobody took in time: the team leader's to-do, escalated to the community. */
export const NEED_UNTAKEN_KIND = 'volunteers.need_untaken';
/** A need served and waiting for the resident's confirmation (staff confirm for a resident without a phone). */
export const NEED_CONFIRM_KIND = 'volunteers.need_confirm';

export const volunteersTodoKinds: Record<string, LocalizedText> = {
  [NEED_UNTAKEN_KIND]: text('无人认领的需求', 'Needs nobody has taken'),
  [NEED_CONFIRM_KIND]: text('待确认的服务', 'Services waiting for confirmation'),
};
