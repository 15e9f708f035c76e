// What a vitest run skipped, read from its JSON report (scripts/test.mjs prints it).
import path from 'node:path';

/** The marker server/src/test-support/postgres-only.ts puts in the name of a test that needs PostgreSQL. */
export const NEEDS_POSTGRES = '[skipped: needs PostgreSQL';

/**
 * The skipped tests of a vitest JSON report: those that need PostgreSQL (expected on PGlite), and
 * the unexplained ones (any other skip; on PostgreSQL, every skip), each with its file and name.
 */
export function skippedIn(report, onPostgres, cwd = process.cwd()) {
  const skipped = report.testResults.flatMap((f) =>
    f.assertionResults.filter((a) => a.status !== 'passed' && a.status !== 'failed').map((a) => ({ file: path.relative(cwd, f.name), name: a.fullName })),
  );
  const needPostgres = onPostgres ? [] : skipped.filter((s) => s.name.includes(NEEDS_POSTGRES));
  const unexplained = skipped.filter((s) => !needPostgres.includes(s));
  return { needPostgres, unexplained };
}
