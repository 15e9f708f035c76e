import { eq, sql } from 'drizzle-orm';
import type { Platform } from '../context.js';
import { queryOne } from '../db/database.js';
import { scheduledJobs } from './scheduler.schema.js';

/** How long a claimed run keeps other instances away before it counts as abandoned. */
const LEASE_MS = 10 * 60000;

export interface JobDefinition {
  name: string;
  /** Minimum time between runs. */
  everyMs: number;
  run(platform: Platform): Promise<void>;
}

function lockKey(name: string): number {
  let h = 0;
  for (const c of name) h = (Math.imul(31, h) + c.charCodeAt(0)) | 0;
  return h;
}

/**
 * Runs periodic jobs once across all app instances: each run happens inside a transaction
 * holding a transaction-scoped advisory lock for the job, and only if the job's
 * `next_run_at` has come. Instances that lose the race skip quietly.
 */
export class Scheduler {
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private readonly jobs = new Map<string, JobDefinition>();

  constructor(private readonly platform: Platform) {}

  register(job: JobDefinition) {
    this.jobs.set(job.name, job);
  }

  start(tickMs = 15000) {
    this.timer = setInterval(() => void this.safeTick(), tickMs);
    this.timer.unref();
    void this.safeTick();
  }

  /** A tick from the timer: a failure to claim or to record a run (the database away) is logged and retried next tick. */
  private async safeTick() {
    try {
      await this.tick();
    } catch (err) {
      this.platform.log.error({ err }, 'scheduler tick failed');
    }
  }

  async stop() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    while (this.running) await new Promise((r) => setTimeout(r, 20));
  }

  /** Runs every due job once; returns the names of the jobs this instance ran. */
  async tick(): Promise<string[]> {
    if (this.running) return [];
    this.running = true;
    const ran: string[] = [];
    try {
      for (const job of this.jobs.values()) {
        if (await this.runIfDue(job)) ran.push(job.name);
      }
    } finally {
      this.running = false;
    }
    return ran;
  }

  async runIfDue(job: JobDefinition): Promise<boolean> {
    const { platform } = this;
    const now = platform.clock.now();
    // Claim the run in a short transaction: the advisory lock serialises instances, and moving
    // next_run_at forward (by a lease) means no other instance runs it meanwhile.
    const claimed = await platform.db.transaction(async (tx) => {
      const got = await queryOne<{ ok: boolean }>(tx, sql`SELECT pg_try_advisory_xact_lock(${lockKey(job.name)}) AS ok`);
      if (!got?.ok) return false;
      await tx.insert(scheduledJobs).values({ name: job.name, nextRunAt: now }).onConflictDoNothing({ target: scheduledJobs.name });
      const [row] = await tx.select().from(scheduledJobs).where(eq(scheduledJobs.name, job.name));
      if (!row || row.nextRunAt > now) return false;
      await tx
        .update(scheduledJobs)
        .set({ nextRunAt: new Date(now.getTime() + Math.max(job.everyMs, LEASE_MS)), lastStartedAt: now })
        .where(eq(scheduledJobs.name, job.name));
      return true;
    });
    if (!claimed) return false;
    let status = 'ok';
    let error: string | null = null;
    try {
      await job.run(platform);
    } catch (err) {
      status = 'failed';
      error = err instanceof Error ? `${err.name}: ${err.message}`.slice(0, 500) : 'unknown';
      platform.log.error({ err, job: job.name }, 'scheduled job failed');
    }
    platform.metrics.jobDone(job.name, status === 'ok');
    const finished = platform.clock.now();
    await platform.db
      .update(scheduledJobs)
      .set({
        nextRunAt: new Date(Math.max(finished.getTime(), now.getTime()) + job.everyMs),
        lastFinishedAt: finished,
        lastStatus: status,
        lastError: error,
        runs: sql`${scheduledJobs.runs} + 1`,
      })
      .where(eq(scheduledJobs.name, job.name));
    return true;
  }
}
