import type { CategoryAttribute } from '@jiayuan/contracts';
import { sdErrors } from '../servicedesk.errors.js';

/**
 * What an Open311 client sends, checked against GeoReport v2 (wiki.open311.org/GeoReport_v2) and
 * refused with a 400 when it does not fit, never cut or dropped silently.
 */

/** "free form text limited to 4,000 characters" (POST Service Request, description). */
export const DESCRIPTION_MAX = 4000;
/** The same limits as the hotline's form (OrderCreate: address, caller name). */
export const ADDRESS_MAX = 200;
export const NAME_MAX = 40;
const STRING_MAX = 200;
const TEXT_MAX = 4000;
const NINETY_DAYS = 90 * 86400000;

/** The value, or a 400 naming the field when it is longer than `max` characters. */
export function notLongerThan(field: string, value: string, max: number): string {
  if ([...value].length > max) throw sdErrors.SD_OPEN311_TOO_LONG({ field, max });
  return value;
}

/** W3C date and time ("Must use w3 format, eg 2010-01-01T00:00:00Z"), a time with its zone, or a whole day. */
const W3C = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;

function w3cDate(field: string, raw: string | undefined): Date | null {
  if (raw === undefined || raw === '') return null;
  const d = new Date(raw);
  if (!W3C.test(raw) || Number.isNaN(d.getTime())) throw sdErrors.SD_OPEN311_DATE_INVALID({ field });
  return d;
}

/**
 * The range of GET Service Requests: "may not span more than 90 days"; "when not specified, the
 * range defaults to most recent 90 days". A longer range, or one that ends before it starts, is refused.
 */
export function requestRange(now: Date, startRaw: string | undefined, endRaw: string | undefined): { start: Date; end: Date } {
  const end = w3cDate('end_date', endRaw) ?? now;
  const start = w3cDate('start_date', startRaw) ?? new Date(end.getTime() - NINETY_DAYS);
  if (start > end || end.getTime() - start.getTime() > NINETY_DAYS) throw sdErrors.SD_OPEN311_RANGE_TOO_LONG();
  return { start, end };
}

const REASONS = {
  oneValue: ['只能填一个值', 'only one value may be given'],
  notInList: ['不在可选值中', 'it is not one of the listed values'],
  number: ['不是数字', 'it is not a number'],
  datetime: ['不是有效的时间', 'it is not a valid date and time'],
  lineBreak: ['不能换行', 'it may not contain line breaks'],
  tooLong: ['太长', 'it is too long'],
} as const;

/**
 * The answers to a service's attributes, checked by their datatype (GeoReport v2, GET Service
 * Definition): a single-value list takes one of its keys, a multi-value list only its keys, a
 * number a number, a datetime an ISO 8601 time, a string one line. Answers to codes the service
 * does not define are left out; a required one that is missing is refused.
 */
export function checkAttributes(defs: readonly CategoryAttribute[], given: Record<string, string | string[]>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const a of defs) {
    const raw = given[a.code];
    const values = (raw === undefined ? [] : Array.isArray(raw) ? raw : [raw]).map((v) => v.trim()).filter((v) => v !== '');
    if (values.length === 0) {
      if (a.required) throw sdErrors.SD_OPEN311_ATTRIBUTE_REQUIRED({ code: a.code });
      continue;
    }
    const bad = (r: keyof typeof REASONS) => sdErrors.SD_OPEN311_ATTRIBUTE_INVALID({ code: a.code, reason: REASONS[r][0], reasonEn: REASONS[r][1] });
    const keys = a.values.map((v) => v.key);
    if (a.datatype === 'multivaluelist') {
      if (values.some((v) => !keys.includes(v))) throw bad('notInList');
      out[a.code] = [...new Set(values)];
      continue;
    }
    if (values.length > 1) throw bad('oneValue');
    const v = values[0]!;
    if (a.datatype === 'singlevaluelist' && !keys.includes(v)) throw bad('notInList');
    if (a.datatype === 'number' && (!/^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(v) || !Number.isFinite(Number(v)))) throw bad('number');
    if (a.datatype === 'datetime' && (!W3C.test(v) || Number.isNaN(new Date(v).getTime()))) throw bad('datetime');
    if (a.datatype === 'string' && /[\r\n]/.test(v)) throw bad('lineBreak');
    if ([...v].length > (a.datatype === 'text' ? TEXT_MAX : STRING_MAX)) throw bad('tooLong');
    out[a.code] = v;
  }
  return out;
}
