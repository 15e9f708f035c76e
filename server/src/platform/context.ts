import type { Lang } from '@jiayuan/contracts';
import type { Logger } from 'pino';
import type { Actor } from './access/actor.js';
import type { Config } from './config.js';
import type { PersonalDataCipher } from './crypto/personal-data.js';
import type { AppDb, Database, Tx } from './db/database.js';
import { trackTransaction } from './db/reference-cache.js';
import { closeTail, openTail } from './db/tx-tail.js';
import type { Metrics } from './metrics/metrics.js';
import type { LiveHub } from './notifications/live-hub.js';
import type { SmsChannel } from './notifications/sms.js';
import type { WorkCalendar } from './calendar/work-calendar.js';
import type { Clock } from './time.js';

/** The platform pieces every use-case may need, built once at start. */
export interface Platform {
  config: Config;
  database: Database;
  db: AppDb;
  clock: Clock;
  cipher: PersonalDataCipher;
  log: Logger;
  sms: SmsChannel;
  live: LiveHub;
  calendar: WorkCalendar;
  metrics: Metrics;
}

export type Channel = 'web' | 'api' | 'token' | 'system' | 'import' | 'open311';

export interface Origin {
  ip: string | null;
  channel: Channel;
  requestId: string | null;
}

/** What a use-case runs with: the platform, who is acting, from where, in which language. */
export interface Ctx {
  platform: Platform;
  actor: Actor;
  origin: Origin;
  lang: Lang;
}

export type AfterCommit = (effect: () => void | Promise<void>) => void;

/**
 * Runs `work` in one transaction; effects queued with `afterCommit` (notifications to other
 * systems, live pushes) run only once the transaction has committed. The audit rows, in-app
 * notifications and live events `work` writes go to the database together, in one statement,
 * when it is done (tx-tail.ts).
 */
export async function inTx<T>(ctx: Pick<Ctx, 'platform'>, work: (tx: Tx, afterCommit: AfterCommit) => Promise<T>): Promise<T> {
  const effects: (() => void | Promise<void>)[] = [];
  const result = await ctx.platform.db.transaction(async (tx) => {
    openTail(tx);
    trackTransaction(tx as Tx, ctx.platform.db);
    const out = await work(tx as Tx, (e) => effects.push(e));
    await closeTail(tx);
    return out;
  });
  for (const effect of effects) {
    try {
      await effect();
    } catch (err) {
      ctx.platform.log.error({ err }, 'after-commit effect failed');
    }
  }
  return result;
}
