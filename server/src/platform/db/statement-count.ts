import { AsyncLocalStorage } from 'node:async_hooks';

/** What one request sent to the database: round trips (every message, BEGIN and COMMIT included) and statements (those doing work). */
export interface StatementTally {
  statements: number;
  roundTrips: number;
}

const current = new AsyncLocalStorage<StatementTally>();
const CONTROL = /^\s*(BEGIN|COMMIT|ROLLBACK|START TRANSACTION|SAVEPOINT|RELEASE)\b/i;

/** Runs `work` (and everything it starts) counting its database messages into `tally`. */
export function countingInto<T>(tally: StatementTally, work: () => T): T {
  return current.run(tally, work);
}

/** Called for each message sent to the database, in the sender's async context. */
export function countStatement(query: unknown) {
  const tally = current.getStore();
  if (!tally) return;
  tally.roundTrips++;
  const text = typeof query === 'string' ? query : (query as { text?: string } | null)?.text;
  if (!text || !CONTROL.test(text)) tally.statements++;
}
