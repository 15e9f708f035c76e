import type { Stage, StageLimit, StageLimits } from '@jiayuan/contracts';
import type { WorkCalendar } from '../../platform/calendar/work-calendar.js';

/**
 * Deadline arithmetic of the service desk: clock minutes for emergencies, hours of working
 * time (inside the calendar's opening hours on working days), or working days on the national
 * holiday and make-up-day calendar (ending at close of business). The arithmetic itself is the
 * calendar's, shared by every module; these say which unit a limit uses.
 */
export function dueAfter(calendar: WorkCalendar, start: Date, limit: StageLimit): Date {
  switch (limit.unit) {
    case 'clock_minutes':
      return new Date(start.getTime() + limit.amount * 60000);
    case 'working_hours':
      return calendar.addWorkingMinutes(start, limit.amount * 60);
    case 'working_days':
      return calendar.addWorkingDays(start, limit.amount);
  }
}

/** The due time of each stage that has a limit, counted from the start of the round. */
export function stageDues(calendar: WorkCalendar, start: Date, limits: StageLimits): Record<Stage, Date | null> {
  return {
    accept: limits.accept ? dueAfter(calendar, start, limits.accept) : null,
    arrive: limits.arrive ? dueAfter(calendar, start, limits.arrive) : null,
    resolve: limits.resolve ? dueAfter(calendar, start, limits.resolve) : null,
  };
}

/**
 * A due time moved on by a pause (waiting on the resident): the clock stops while paused,
 * measured in the limit's own unit, so a pause over a weekend costs a working-day limit nothing.
 */
export function extendForPause(calendar: WorkCalendar, due: Date, unit: StageLimit['unit'], pausedAt: Date, resumedAt: Date): Date {
  switch (unit) {
    case 'clock_minutes':
      return new Date(due.getTime() + Math.max(0, resumedAt.getTime() - pausedAt.getTime()));
    case 'working_hours': {
      const m = calendar.workingMinutesBetween(pausedAt, resumedAt);
      return m > 0 ? calendar.addWorkingMinutes(due, m) : due;
    }
    case 'working_days': {
      const n = calendar.workingDaysBetween(pausedAt, resumedAt);
      return n > 0 ? calendar.addWorkingDays(due, n) : due;
    }
  }
}
