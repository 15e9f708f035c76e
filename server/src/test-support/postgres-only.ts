import { describe, it, type TestFunction } from 'vitest';

/** True when the database tests run on a PostgreSQL server (TEST_DATABASE_URL), as CI does. */
export const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

const WHY =
  'needs PostgreSQL (TEST_DATABASE_URL): PGlite runs one statement at a time, so a race, a second connection or a lock cannot happen there; CI runs it on PostgreSQL';

const named = (name: string) => (onPostgres ? name : `${name} [skipped: ${WHY}]`);

/**
 * A race, a lock or a second instance only means something on PostgreSQL. On PGlite these tests
 * show as skipped, their name saying why, so a local `npm test` does not claim what it did not test.
 */
export function itOnPostgres(name: string, fn: TestFunction, timeout?: number): void {
  it.skipIf(!onPostgres)(named(name), fn, timeout);
}

/** A whole group of tests that needs PostgreSQL (see itOnPostgres). */
export function describeOnPostgres(name: string, fn: () => void): void {
  describe.skipIf(!onPostgres)(named(name), fn);
}
