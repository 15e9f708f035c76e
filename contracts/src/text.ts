import { z } from 'zod';

/**
 * What a person cannot see and no field should keep: control characters (C0, DEL, C1), format
 * characters (zero-width space and joiners, direction marks and overrides, the byte-order mark,
 * soft hyphen…), lone surrogates, and the line and paragraph separators.
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}\u2028\u2029]/gu;
const LINE_BREAKS = /\r\n?|[\u2028\u2029\u0085]/g;
const WHITESPACE_CONTROLS = /[\t\n\v\f\r]/g;

/**
 * One spelling for what a person typed: Unicode NFC (a composed é, not e + ◌́), without
 * invisible characters, trimmed. A single-line text turns tabs and line breaks into spaces; a
 * multi-line text keeps its line breaks (as `\n`) and tabs.
 */
export function normalizeText(raw: string, multiline = false): string {
  let s = raw.normalize('NFC');
  if (multiline) {
    s = s.replace(LINE_BREAKS, '\n');
    s = s.replace(INVISIBLE, (c) => (c === '\n' || c === '\t' ? c : ''));
  } else {
    s = s.replace(WHITESPACE_CONTROLS, ' ').replace(INVISIBLE, '');
  }
  return s.trim();
}

export interface TextOptions {
  /** Fewest characters after normalising (default 1: a text of only spaces, control or zero-width characters is refused). */
  min?: number;
  /** Keep line breaks (notes, descriptions). */
  multiline?: boolean;
}

/**
 * A text input: normalised (`normalizeText`), then checked for length. With `min` ≥ 1 (the
 * default), what is empty after normalising is refused with the `textEmpty` issue, which the
 * server words as "must not be empty". Every free-text field of every request uses it.
 */
export function text(max: number, opts: TextOptions = {}) {
  const min = opts.min ?? 1;
  const base = z.string().overwrite((v) => normalizeText(v, opts.multiline));
  if (min === 0) return base.max(max);
  return base
    .refine((v) => v.length > 0, { params: { textEmpty: true }, abort: true })
    .min(min)
    .max(max);
}
