import type { TFunction } from 'i18next';

/**
 * A configured length of time in words, exactly: 1440 minutes is "1 天" / "1 day", 90 is
 * "1 小时 30 分钟" / "1 hour 30 minutes" (never "1440 分钟" or "1 days": plurals come from i18next).
 */
export function minutesText(t: TFunction, minutes: number): string {
  const m = Math.max(0, Math.round(minutes));
  if (m === 0) return t('span.minute', { count: 0 });
  const days = Math.floor(m / 1440);
  const hours = Math.floor((m % 1440) / 60);
  const mins = m % 60;
  const parts: string[] = [];
  if (days) parts.push(t('span.day', { count: days }));
  if (hours) parts.push(t('span.hour', { count: hours }));
  if (mins) parts.push(t('span.minute', { count: mins }));
  return parts.join(t('span.join'));
}

/** A service-desk limit ("2 个工作日", "1 working day", "4 小时"): clock minutes read as a span. */
export function limitText(t: TFunction, amount: number, unit: string): string {
  if (unit === 'clock_minutes') return minutesText(t, amount);
  return t(`span.${unit}`, { count: amount });
}
