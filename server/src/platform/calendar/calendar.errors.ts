import { defineErrors } from '../errors/app-error.js';

export const calendarErrors = defineErrors({
  CALENDAR_DATE_OUTSIDE_YEAR: {
    status: 400,
    zh: '日期 {date} 不属于 {year} 年的安排（可含上一年 12 月的最后几天）',
    en: 'The date {date} is not part of the {year} arrangement (which may include the last days of the previous December)',
  },
  CALENDAR_RANGE_REVERSED: { status: 400, zh: '假期的结束日期不能早于开始日期', en: 'A holiday cannot end before it starts' },
  CALENDAR_RANGE_TOO_LONG: { status: 400, zh: '一段假期最长 15 天', en: 'A holiday lasts at most 15 days' },
  CALENDAR_DAY_TWICE: { status: 400, zh: '{date} 在安排中出现了两次', en: '{date} appears twice in the arrangement' },
  CALENDAR_MAKEUP_NOT_WEEKEND: {
    status: 400,
    zh: '调休上班日 {date} 不是周六或周日',
    en: 'The make-up working day {date} is not a Saturday or Sunday',
  },
  CALENDAR_YEAR_OUT_OF_RANGE: { status: 400, zh: '年份须在 2000 至 2100 之间', en: 'The year must be between 2000 and 2100' },
});
