/**
 * Citizen ID numbers (居民身份证号码) per GB 11643-1999: 17 digits and a check character
 * computed with ISO 7064 MOD 11-2. Shared by server and web so both reject the same input.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

export type IdNumberProblem = 'format' | 'region' | 'birthDate' | 'checksum';

export interface IdNumberFacts {
  normalized: string;
  birthDate: string; // YYYY-MM-DD
  sex: 'male' | 'female';
}

/** Upper-cases a trailing x and strips spaces, so one person has one spelling. */
export function normalizeIdNumber(raw: string): string {
  return raw.replace(/\s+/g, '').toUpperCase();
}

export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

/** Validates an 18-character ID number; returns the facts it encodes or the first problem. */
export function parseIdNumber(raw: string): { ok: true; value: IdNumberFacts } | { ok: false; problem: IdNumberProblem } {
  const id = normalizeIdNumber(raw);
  if (!/^\d{17}[\dX]$/.test(id)) return { ok: false, problem: 'format' };
  const province = Number(id.slice(0, 2));
  if (province < 11 || province > 91) return { ok: false, problem: 'region' };
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1880 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d || date.getTime() > Date.now()) {
    return { ok: false, problem: 'birthDate' };
  }
  if (idNumberCheckChar(id.slice(0, 17)) !== id[17]) return { ok: false, problem: 'checksum' };
  return {
    ok: true,
    value: {
      normalized: id,
      birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
      sex: Number(id[16]) % 2 === 1 ? 'male' : 'female',
    },
  };
}

/** Mainland mobile numbers: 11 digits starting with 1[3-9]; an optional +86/86 prefix is dropped. */
export function normalizePhone(raw: string): string | null {
  let digits = raw.replace(/[\s-]/g, '');
  if (digits.startsWith('+86')) digits = digits.slice(3);
  else if (digits.startsWith('86') && digits.length === 13) digits = digits.slice(2);
  return /^1[3-9]\d{9}$/.test(digits) ? digits : null;
}

/**
 * What a mask keeps: the last four characters, nothing else. The first four (region) and a
 * birth date shown beside them left two digits to guess, and a search confirmed the guess;
 * without them a number cannot be recovered from its mask.
 */
const MASK_KEEPS = 4;

function maskKeepingLast(value: string): string {
  if (value.length <= MASK_KEEPS * 2) return '*'.repeat(value.length);
  return '*'.repeat(value.length - MASK_KEEPS) + value.slice(-MASK_KEEPS);
}

/** `**************1234`: the form every response shows unless a reveal was granted. */
export function maskIdNumber(id: string): string {
  return maskKeepingLast(id);
}

/** `*******5678` */
export function maskPhone(phone: string): string {
  return maskKeepingLast(phone);
}

/** Full years between a birth date and a day (both `YYYY-MM-DD`): what is shown instead of the birth date. */
export function ageOn(birthDate: string, today: string): number {
  const years = Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return today.slice(5) >= birthDate.slice(5) ? years : years - 1;
}
