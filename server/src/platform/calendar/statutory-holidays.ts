import type { Holiday } from '@jiayuan/contracts';
import { Lunar, type Solar } from 'lunar-typescript';
import { addDays, weekdayOf } from '../time.js';

/** The Chinese name of each statutory festival, as the State Council's notices write it. */
export const HOLIDAY_ZH: Record<Holiday, string> = {
  new_year: '元旦',
  spring_festival: '春节',
  qingming: '清明节',
  labour_day: '劳动节',
  dragon_boat: '端午节',
  mid_autumn: '中秋节',
  national_day: '国庆节',
};

export interface StatutoryDay {
  date: string;
  holiday: Holiday;
  /** A weekday given in lieu of a festival day that fell on a Saturday or Sunday (补假). */
  inLieu: boolean;
}

const ymd = (s: Solar) => s.toYmd();

/** The festivals' own days in a Gregorian year, by the law's rules (lunar dates and the 清明 solar term computed). */
function festivalDays(year: number): Array<{ date: string; holiday: Holiday }> {
  const out: Array<{ date: string; holiday: Holiday }> = [];
  const run = (holiday: Holiday, first: string, n: number) => {
    for (let i = 0; i < n; i++) out.push({ date: addDays(first, i), holiday });
  };
  run('new_year', `${year}-01-01`, 1);
  // 春节: 农历除夕 to 正月初三. The lunar year that starts in this Gregorian year (its 正月初一 is in Jan or Feb).
  const newYear = Lunar.fromYmd(year, 1, 1).getSolar();
  run('spring_festival', ymd(newYear.next(-1)), 4);
  // 清明 is the day of the solar term, which always falls in April of the lunar year numbered like the Gregorian one.
  run('qingming', ymd(Lunar.fromYmd(year, 3, 1).getJieQiTable()['清明']!), 1);
  run('labour_day', `${year}-05-01`, 2);
  run('dragon_boat', ymd(Lunar.fromYmd(year, 5, 5).getSolar()), 1);
  run('mid_autumn', ymd(Lunar.fromYmd(year, 8, 15).getSolar()), 1);
  run('national_day', `${year}-10-01`, 3);
  return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/**
 * The rest days a year has by law alone (全国年节及纪念日放假办法, as amended in 2024): 元旦 1 day,
 * 春节 4 days from 除夕, 清明 1, 劳动节 2 (1–2 May), 端午 1, 中秋 1, 国庆 3 (1–3 October); and, by its
 * article 6, a festival day that falls on a Saturday or Sunday is made up on the next free weekday
 * (so is a day two festivals share, as 中秋 and 国庆 on 3 October 2028: the law gives both).
 * This is what a year has until the State Council's arrangement for it is entered: it has no
 * bridging days and no make-up working days, which only the arrangement sets.
 */
export function statutoryHolidays(year: number): StatutoryDay[] {
  const days = festivalDays(year);
  const taken = new Set(days.map((d) => d.date));
  const out: StatutoryDay[] = [];
  for (const d of days) {
    const shared = out.some((o) => o.date === d.date);
    if (!shared) out.push({ ...d, inLieu: false });
    if (weekdayOf(d.date) < 6 && !shared) continue;
    let lieu = addDays(d.date, 1);
    while (weekdayOf(lieu) >= 6 || taken.has(lieu)) lieu = addDays(lieu, 1);
    taken.add(lieu);
    out.push({ date: lieu, holiday: d.holiday, inLieu: true });
  }
  return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
