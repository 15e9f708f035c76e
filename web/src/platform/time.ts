import dayjs, { type Dayjs } from 'dayjs';
import 'dayjs/locale/zh-cn';
import 'dayjs/locale/en';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';
import type { Lang } from '@jiayuan/contracts';

dayjs.extend(utc);
dayjs.extend(timezone);

/** Every time is shown in the district's zone, whatever the browser's. */
export const TZ = 'Asia/Shanghai';

export function setTimeLocale(lang: Lang) {
  dayjs.locale(lang === 'zh-CN' ? 'zh-cn' : 'en');
}

export function local(iso: string | Date | Dayjs): Dayjs {
  return dayjs(iso).tz(TZ);
}

export function fmtDateTime(iso: string | null | undefined): string {
  return iso ? local(iso).format('YYYY-MM-DD HH:mm') : '';
}

export function fmtDateTimeSec(iso: string | null | undefined): string {
  return iso ? local(iso).format('YYYY-MM-DD HH:mm:ss') : '';
}

export function todayLocal(): Dayjs {
  return dayjs().tz(TZ);
}

/** Splits a span in ms into the largest sensible unit for a countdown. */
export function spanParts(ms: number): { unit: 'minute' | 'hour' | 'day'; count: number; rest: number } {
  const minutes = Math.max(1, Math.round(Math.abs(ms) / 60000));
  if (minutes < 60) return { unit: 'minute', count: minutes, rest: 0 };
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return { unit: 'hour', count: hours, rest: minutes % 60 };
  return { unit: 'day', count: Math.floor(hours / 24), rest: hours % 24 };
}

export { dayjs };
