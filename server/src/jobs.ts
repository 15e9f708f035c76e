import { forgetOldIdentifierSearches } from './platform/access/identifier-search.js';
import { cleanupSessions } from './platform/auth/identity.service.js';
import type { Platform } from './platform/context.js';
import { dropExpiredHealthData, ensureDailyPartitions } from './platform/db/partitions.js';
import { remindMissingArrangements } from './platform/calendar/calendar.reminders.js';
import { partitionedTables } from './platform/modules/install.js';
import { escalateOverdue, generateForRules } from './platform/obligations/obligations.service.js';
import { recoverInterruptedImports } from './platform/imports/imports.service.js';
import { rotateIfDue } from './platform/passes/passes.service.js';
import { Scheduler } from './platform/scheduler/scheduler.js';
import { addDays, localDate } from './platform/time.js';
import { MODULES } from './modules.js';

/** The periodic jobs of the whole app: the platform's, then each module's (server/src/modules.ts). */
export function createScheduler(platform: Platform): Scheduler {
  const s = new Scheduler(platform);
  const tables = partitionedTables(MODULES);
  const healthTables = tables.filter((t) => t.healthData).map((t) => t.table);
  s.register({
    name: 'partitions.ensure',
    everyMs: 6 * 3600000,
    async run(p) {
      const today = localDate(p.clock.now(), p.config.timezone);
      for (const { table } of tables) await ensureDailyPartitions(p.db, table, addDays(today, -1), addDays(today, 14), p.config.timezone);
    },
  });
  s.register({ name: 'partitions.retention', everyMs: 6 * 3600000, run: async (p) => void (await dropExpiredHealthData(p, healthTables)) });
  s.register({ name: 'obligations.generate', everyMs: 3600000, run: async (p) => void (await generateForRules(p)) });
  s.register({ name: 'calendar.arrangements', everyMs: 3600000, run: async (p) => void (await remindMissingArrangements(p)) });
  s.register({ name: 'obligations.escalate', everyMs: platform.config.escalationCheckSeconds * 1000, run: async (p) => void (await escalateOverdue(p)) });
  s.register({ name: 'imports.recover', everyMs: 5 * 60000, run: async (p) => void (await recoverInterruptedImports(p)) });
  s.register({ name: 'passes.rotate', everyMs: 6 * 3600000, run: async (p) => void (await rotateIfDue(p)) });
  s.register({ name: 'sessions.cleanup', everyMs: 3600000, run: async (p) => void (await cleanupSessions(p)) });
  s.register({ name: 'identifier_searches.cleanup', everyMs: 3600000, run: async (p) => void (await forgetOldIdentifierSearches(p)) });
  for (const m of MODULES) {
    for (const job of m.jobs ?? []) s.register({ ...job, everyMs: typeof job.everyMs === 'function' ? job.everyMs(platform.config) : job.everyMs });
  }
  return s;
}

export function startScheduler(platform: Platform): Scheduler {
  const s = createScheduler(platform);
  s.start(Math.min(15000, platform.config.escalationCheckSeconds * 1000));
  return s;
}
