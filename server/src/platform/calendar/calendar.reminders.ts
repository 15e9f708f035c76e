import { inTx, type Platform } from '../context.js';
import type { Executor } from '../db/database.js';
import { notifyRole } from '../notifications/notifications.service.js';
import { cancelObligations, completeObligations, openObligations, openObligationsOf } from '../obligations/obligations.service.js';
import { localDate, localInstant } from '../time.js';

const SUBJECT = 'calendar_year';
const KIND = 'calendar.arrangement';

/**
 * The years an administrator should enter now because they rest on the statutory default only:
 * the current year, and from 1 November (the State Council publishes each autumn) the next.
 */
export function missingYears(platform: Pick<Platform, 'calendar' | 'clock' | 'config'>): number[] {
  const today = localDate(platform.clock.now(), platform.config.timezone);
  const year = Number(today.slice(0, 4));
  const years = today.slice(5) >= '11-01' ? [year, year + 1] : [year];
  return years.filter((y) => !platform.calendar.isCovered(y));
}

const title = (year: number) => ({
  'zh-CN': `录入 ${year} 年节假日安排（国务院办公厅通知），未录入前按法定节日默认计算`,
  'en-US': `Enter the ${year} holiday arrangement (State Council notice); until then deadlines use the statutory holidays only`,
});

/**
 * Opens the administrators' to-do (and tells them) for each year that should have its
 * arrangement entered and has not; closes the to-do of a year that has one by now (entered, or
 * published in an updated holiday package). Run by a periodic job; the job runs once across
 * instances, and an open to-do is looked for first, so a year gets one to-do.
 */
export async function remindMissingArrangements(platform: Platform): Promise<number[]> {
  const missing = missingYears(platform);
  return inTx({ platform }, async (tx) => {
    const open = await openObligationsOf(tx, SUBJECT, KIND);
    for (const o of open) {
      if (!missing.includes(Number(o.subjectId)))
        await cancelObligations(tx, platform, { subjectType: SUBJECT, subjectId: o.subjectId, kind: KIND }, 'arrangement available');
    }
    const opened: number[] = [];
    const now = platform.clock.now();
    for (const year of missing) {
      if (open.some((o) => Number(o.subjectId) === year)) continue;
      // Due on 1 December before the year (a month before it is needed); a year already begun is due at once.
      const dec1 = localInstant(`${year - 1}-12-01`, '09:00', platform.config.timezone);
      const link = `/admin/calendar?year=${year}`;
      await openObligations(tx, [
        {
          kind: KIND,
          subjectType: SUBJECT,
          subjectId: year,
          title: title(year),
          link,
          placePath: null,
          responsibleRole: 'admin',
          dueAt: dec1 > now ? dec1 : now,
          escalateAfterMinutes: 0,
        },
      ]);
      await notifyRole(tx, platform, 'admin', null, {
        kind: 'calendar.arrangement_missing',
        title: title(year),
        link,
        subjectType: SUBJECT,
        subjectId: String(year),
      });
      opened.push(year);
    }
    return opened;
  });
}

/** Closes a year's to-do once its arrangement is saved (in the saving transaction). */
export async function completeArrangementTodo(ex: Executor, platform: Pick<Platform, 'clock'>, year: number, by: number | null) {
  await completeObligations(ex, platform, { subjectType: SUBJECT, subjectId: year, kind: KIND }, by);
}
