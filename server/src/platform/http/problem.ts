import type { FieldError, Lang, Problem } from '@jiayuan/contracts';
import { sqlState } from '../db/sql-state.js';
import type { AppError } from '../errors/app-error.js';
import { commonErrors } from '../errors/common-errors.js';

/** The one place where errors become HTTP problem responses (RFC 9457). */
export function problemOf(err: AppError, lang: Lang, requestId: string | null, fieldErrors?: FieldError[]): Problem {
  const messages = err.messages;
  const errors = fieldErrors ?? err.fieldErrors;
  return {
    type: `https://jiayuan.dev/problems/${err.code.toLowerCase().replaceAll('_', '-')}`,
    title: messages[lang],
    status: err.status,
    code: err.code,
    messages,
    ...(errors && errors.length > 0 ? { errors } : {}),
    ...(requestId ? { requestId } : {}),
  };
}

interface FastifyishError {
  code?: string;
  statusCode?: number;
}

/** Maps framework errors (body too large, bad JSON, rate limit…) to our stable codes. */
export function appErrorFromFramework(err: FastifyishError): AppError | null {
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_REQ_FILE_TOO_LARGE':
    case 'FST_FILES_LIMIT':
      return commonErrors.PAYLOAD_TOO_LARGE();
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return commonErrors.UNSUPPORTED_MEDIA_TYPE();
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return commonErrors.BAD_REQUEST();
    default:
      break;
  }
  if (err.statusCode === 429) return commonErrors.RATE_LIMITED();
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
    return err.statusCode === 404 ? commonErrors.ROUTE_NOT_FOUND() : commonErrors.BAD_REQUEST();
  }
  return null;
}

/**
 * A value the database cannot hold (a number out of range, a NUL character in text, a date
 * that does not exist): SQLSTATE class 22. The request was at fault, not the server.
 */
export function databaseDataError(err: unknown): string | null {
  const code = sqlState(err);
  return code?.startsWith('22') ? code : null;
}

/**
 * Whether a NUL character (U+0000) is anywhere in a parsed body, query or path parameters, keys
 * included. PostgreSQL cannot store one in text (SQLSTATE 22021), so it is refused up front.
 */
export function hasNul(value: unknown, max = MAX_BODY_DEPTH): boolean {
  if (typeof value === 'string') return value.includes('\0');
  if (value === null || typeof value !== 'object' || max <= 0) return false;
  if (Array.isArray(value)) {
    for (const v of value) if (hasNul(v, max - 1)) return true;
    return false;
  }
  for (const k in value) if (k.includes('\0') || hasNul((value as Record<string, unknown>)[k], max - 1)) return true;
  return false;
}

/** Deeper than any form sends; deeper still would overflow the stack of whatever walks it (JSON.stringify). */
export const MAX_BODY_DEPTH = 32;

export function tooDeep(value: unknown, max = MAX_BODY_DEPTH): boolean {
  // Recursion is bounded by `max`; no per-value allocation (a synced batch holds 2,000 events).
  if (value === null || typeof value !== 'object') return false;
  if (max <= 0) return true;
  if (Array.isArray(value)) {
    for (const v of value) if (tooDeep(v, max - 1)) return true;
    return false;
  }
  for (const k in value) if (tooDeep((value as Record<string, unknown>)[k], max - 1)) return true;
  return false;
}
