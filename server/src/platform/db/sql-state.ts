/** The SQLSTATE of a database error (node-postgres or PGlite, wrapped by drizzle or not), else null. */
export function sqlState(err: unknown): string | null {
  const e = err as { code?: unknown; cause?: { code?: unknown } } | null;
  const code = e?.cause?.code ?? e?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : null;
}

/** SQLSTATE 23505: a row with the same unique key is already there. */
export function isUniqueViolation(err: unknown): boolean {
  return sqlState(err) === '23505';
}

/** SQLSTATE 23P01: an exclusion constraint refused the row (it overlaps one already there). */
export function isExclusionViolation(err: unknown): boolean {
  return sqlState(err) === '23P01';
}
