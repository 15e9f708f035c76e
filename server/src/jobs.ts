import { forgetOldIdentifierSearches } from './platform/access/identifier-search.js';
import { cleanupSessions } from './platform/auth/identity.service.js';
import type { Platform } from './platform/context.js';
import { DAILY_PARTITIONED_TABLES, dropExpiredHealthData, ensureDailyPartitions } from './platform/db/partitions.js';
import { remindMissingArrangements } from './platform/calendar/calendar.reminders.js';
import { escalateOverdue, generateForRules } from './platform/obligations/obligations.service.js';
import { recoverInterruptedImports } from './platform/imports/imports.service.js';
import { rotateIfDue } from './platform/passes/passes.service.js';
import { observationTick } from './modules/observation/index.js';
import { Scheduler } from './platform/scheduler/scheduler.js';
import { completeFinishedWork } from './modules/screening/index.js';
import { recordMissedLimits } from './modules/servicedesk/index.js';
import { noticeReleasesDue } from './modules/access/index.js';
import { addDays, localDate } from './platform/time.js';

/** The periodic jobs of the whole app, registered in one place. */
export function createScheduler(platform: Platform): Scheduler {
  const s = new Scheduler(platform);
  s.register({
    name: 'partitions.ensure',
    everyMs: 6 * 3600000,
    async run(p) {
      const today = localDate(p.clock.now(), p.config.timezone);
      for (const table of DAILY_PARTITIONED_TABLES) await ensureDailyPartitions(p.db, table, addDays(today, -1), addDays(today, 14), p.config.timezone);
    },
  });
  s.register({ name: 'partitions.retention', everyMs: 6 * 3600000, run: async (p) => void (await dropExpiredHealthData(p)) });
  s.register({ name: 'obligations.generate', everyMs: 3600000, run: async (p) => void (await generateForRules(p)) });
  s.register({ name: 'calendar.arrangements', everyMs: 3600000, run: async (p) => void (await remindMissingArrangements(p)) });
  s.register({ name: 'obligations.escalate', everyMs: platform.config.escalationCheckSeconds * 1000, run: async (p) => void (await escalateOverdue(p)) });
  s.register({ name: 'servicedesk.missed_limits', everyMs: platform.config.escalationCheckSeconds * 1000, run: async (p) => void (await recordMissedLimits(p)) });
  s.register({ name: 'imports.recover', everyMs: 5 * 60000, run: async (p) => void (await recoverInterruptedImports(p)) });
  s.register({ name: 'screening.progress', everyMs: 10 * 60000, run: async (p) => void (await completeFinishedWork(p)) });
  s.register({ name: 'observation.tick', everyMs: 5 * 60000, run: async (p) => void (await observationTick(p)) });
  s.register({ name: 'containment.release_due', everyMs: 15 * 60000, run: async (p) => void (await noticeReleasesDue(p)) });
  s.register({ name: 'passes.rotate', everyMs: 6 * 3600000, run: async (p) => void (await rotateIfDue(p)) });
  s.register({ name: 'sessions.cleanup', everyMs: 3600000, run: async (p) => void (await cleanupSessions(p)) });
  s.register({ name: 'identifier_searches.cleanup', everyMs: 3600000, run: async (p) => void (await forgetOldIdentifierSearches(p)) });
  return s;
}

export function startScheduler(platform: Platform): Scheduler {
  const s = createScheduler(platform);
  s.start(Math.min(15000, platform.config.escalationCheckSeconds * 1000));
  return s;
}
