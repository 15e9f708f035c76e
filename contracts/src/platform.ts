import { z } from 'zod';
import { defineAccess } from './roles.js';
import { text } from './text.js';
import { Id, LocalDate, PageQuery, Timestamp, pageOf } from './common.js';
import { LocalizedText } from './i18n.js';

export const AuditEntry = z
  .object({
    id: z.number(),
    at: Timestamp,
    actorId: z.number().nullable(),
    actorName: z.string(),
    action: z.string(),
    entityType: z.string(),
    entityId: z.string().nullable(),
    /** The record's name where it has one (a user's, a place's, an employer's, a token's), so the page need not say "用户 #264". */
    entityName: z.string().nullable(),
    before: z.unknown().nullable(),
    after: z.unknown().nullable(),
    origin: z.object({ ip: z.string().nullable(), channel: z.string(), requestId: z.string().nullable() }),
  })
  .meta({ id: 'AuditEntry' });
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditQuery = PageQuery.extend({
  from: LocalDate.optional(),
  to: LocalDate.optional(),
  actorId: Id.optional(),
  action: text(60, { min: 0 }).optional(),
  entityType: text(40, { min: 0 }).optional(),
  entityId: text(40, { min: 0 }).optional(),
});
export type AuditQuery = z.infer<typeof AuditQuery>;
export const AuditPage = pageOf(AuditEntry);

export const ObligationView = z
  .object({
    id: z.number(),
    kind: z.string(),
    title: LocalizedText,
    subjectType: z.string(),
    subjectId: z.string(),
    link: z.string().nullable(),
    placeId: z.number().nullable(),
    placeLabel: z.string().nullable(),
    responsibleUserId: z.number().nullable(),
    responsibleRole: z.string().nullable(),
    dueAt: Timestamp,
    doneAt: Timestamp.nullable(),
    overdue: z.boolean(),
    escalatedAt: Timestamp.nullable(),
    provisional: z.boolean().describe('The due time was counted on working days of a year whose holiday arrangement is not entered yet (statutory default)'),
    actions: z.array(z.string()),
  })
  .meta({ id: 'Obligation' });
export type ObligationView = z.infer<typeof ObligationView>;

/** A to-do's kind, e.g. `registry.building_walk` or `servicedesk.accept`. */
export const TodoKind = z
  .string()
  .trim()
  .min(1)
  .max(60)
  .regex(/^[a-z0-9_.]+$/);

export const TodoQuery = PageQuery.extend({
  state: z.enum(['open', 'overdue', 'today', 'done']).default('open'),
  kind: TodoKind.optional().describe('Only the to-dos of this kind (one group)'),
});

/**
 * My to-dos of one kind, counted on the server: how many in the asked state, how many overdue,
 * and how many the person may tick off by hand (then the group can be completed in a batch).
 */
export const TodoGroup = z.object({
  kind: z.string(),
  label: LocalizedText,
  count: z.number().int(),
  overdue: z.number().int(),
  dueToday: z.number().int(),
  /** To-dos of this group that may be ticked off by hand; a group with none has no batch action. */
  manual: z.number().int(),
  /** Of those, how many are due by the end of today: what "complete all" completes. */
  manualDueByToday: z.number().int(),
  firstDueAt: Timestamp.nullable(),
});
export type TodoGroup = z.infer<typeof TodoGroup>;

export const TodoPage = pageOf(ObligationView).extend({
  counts: z.object({ open: z.number(), overdue: z.number(), dueToday: z.number() }),
  /** Every kind with to-dos in the asked state (whatever `kind` filters), soonest due first. */
  groups: z.array(TodoGroup),
});

/**
 * Ticks off several recurring duties at once: the listed ones, or every one of a kind due before
 * a time (e.g. all of this week's building walks due by tonight). Workflow to-dos are refused.
 */
export const TodoBatchDone = z.union([
  z.object({ ids: z.array(Id).min(1).max(500) }).strict(),
  z.object({ kind: TodoKind, dueBefore: z.iso.datetime({ offset: true }).optional().describe('Default: the end of today') }).strict(),
]);
export type TodoBatchDone = z.infer<typeof TodoBatchDone>;
export const TodoBatchResult = z.object({ done: z.number().int(), ids: z.array(z.number()) });

export const RECURRENCES = ['daily', 'weekly', 'monthly', 'every_n_days', 'working_days'] as const;
/** What an occurrence that falls on a holiday does: stays, is skipped, or moves to the next working day. */
export const ON_HOLIDAY = ['keep', 'skip', 'next_working_day'] as const;
export type OnHoliday = (typeof ON_HOLIDAY)[number];

/** A recurring duty: for each target place, one obligation per occurrence, made ahead of time. */
export const ObligationRuleSave = z.object({
  kind: z
    .string()
    .trim()
    .min(1)
    .max(60)
    .regex(/^[a-z0-9_.]+$/),
  title: z.object({ 'zh-CN': text(100), 'en-US': text(160) }),
  placeId: Id.describe('Targets are this place or its descendants of targetType'),
  targetType: z.string().max(20).nullish(),
  responsibleRole: z.string().max(40),
  recurrence: z.enum(RECURRENCES),
  interval: z.number().int().min(1).max(366).default(1),
  times: z
    .array(z.string().regex(/^\d{2}:\d{2}$/))
    .min(1)
    .max(12)
    .describe('Local due times within the day'),
  weekdays: z.array(z.number().int().min(1).max(7)).max(7).default([]),
  startsOn: LocalDate,
  endsOn: LocalDate.nullish(),
  escalateAfterMinutes: z.number().int().min(0).max(100000).nullish(),
  onHoliday: z.enum(ON_HOLIDAY).nullish().describe('An occurrence on a holiday; default: skip for weekly and monthly duties, keep for the others'),
  active: z.boolean().default(true),
});
export type ObligationRuleSave = z.infer<typeof ObligationRuleSave>;

export const ObligationRuleView = ObligationRuleSave.extend({
  onHoliday: z.enum(ON_HOLIDAY),
  id: z.number(),
  placeLabel: z.string(),
  generatedUntil: Timestamp.nullable(),
  openCount: z.number(),
  actions: z.array(z.string()),
}).meta({ id: 'ObligationRule' });
export type ObligationRuleView = z.infer<typeof ObligationRuleView>;

export const CalendarOverride = z.object({
  date: LocalDate,
  workday: z.boolean(),
  note: text(100, { min: 0, multiline: true }).nullish(),
});

/** The statutory festivals (全国年节及纪念日放假办法): the holidays a year's arrangement is made of. */
export const HOLIDAYS = ['new_year', 'spring_festival', 'qingming', 'labour_day', 'dragon_boat', 'mid_autumn', 'national_day'] as const;
export const Holiday = z.enum(HOLIDAYS);
export type Holiday = z.infer<typeof Holiday>;

/**
 * Where a day's status comes from: a local override, the year's arrangement entered by an
 * administrator, the State Council's notice as published in the holiday package (`calendar`),
 * the festivals by law while the year's arrangement is not entered (`statutory`), or the weekday.
 */
export const DAY_SOURCES = ['override', 'arrangement', 'calendar', 'statutory', 'weekend', 'weekday'] as const;
export const CalendarDay = z.object({
  date: LocalDate,
  workday: z.boolean(),
  holiday: Holiday.nullable(),
  holidayName: z.string().nullable(),
  source: z.enum(DAY_SOURCES),
  note: z.string().nullable(),
  provisional: z.boolean().describe("The day's year has no arrangement yet: its festivals are the statutory default"),
});
export type CalendarDay = z.infer<typeof CalendarDay>;

/** A year's arrangement is entered by an administrator, published in the holiday package, or not there (statutory default). */
export const YEAR_STATUSES = ['entered', 'published', 'statutory'] as const;
export const CalendarYearStatus = z.object({ year: z.number(), status: z.enum(YEAR_STATUSES) });

const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
/** Opening hours on working days: when working-hour limits run and working-day limits end (close of business). */
export const WorkingHours = z
  .object({ open: HHMM, close: HHMM })
  .refine((h) => minutesOf(h.close) - minutesOf(h.open) >= 60, { message: 'close at least an hour after open', path: ['close'] });
export type WorkingHours = z.infer<typeof WorkingHours>;
export const WorkingHoursSave = WorkingHours.and(z.object({ version: z.number().int().min(0).optional() }));
export const WorkingHoursView = z.object({ open: HHMM, close: HHMM, isDefault: z.boolean(), version: z.number() });

export const CalendarRange = z.object({
  days: z.array(CalendarDay),
  coveredUntilYear: z.number().describe('Every year up to this one has an entered or published arrangement'),
  years: z.array(CalendarYearStatus).describe('The years the range touches'),
  missingYears: z.array(z.number()).describe('Years an administrator should enter now: this year, and from 1 November the next'),
});

export const HolidayRange = z.object({ holiday: Holiday, from: LocalDate, to: LocalDate });
export const MakeUpDay = z.object({ date: LocalDate, holiday: Holiday.nullish() });
/** A year's arrangement as the State Council's notice gives it: holiday ranges and make-up working days. */
export const CalendarArrangementSave = z.object({
  holidays: z.array(HolidayRange).min(1).max(30),
  makeUpDays: z.array(MakeUpDay).max(30).default([]),
  note: z.string().trim().max(200).nullish().describe('e.g. the notice it comes from'),
  version: z.number().int().min(0).optional(),
});
export type CalendarArrangementSave = z.infer<typeof CalendarArrangementSave>;
export const CalendarArrangementView = z
  .object({
    year: z.number(),
    status: z.enum(YEAR_STATUSES),
    entered: z.boolean().describe('false: a proposal from the published calendar or the statutory default, to check against the notice'),
    holidays: z.array(z.object({ holiday: Holiday, from: LocalDate, to: LocalDate })),
    makeUpDays: z.array(z.object({ date: LocalDate, holiday: Holiday.nullable() })),
    note: z.string().nullable(),
    version: z.number(),
    updatedAt: Timestamp.nullable(),
  })
  .meta({ id: 'CalendarArrangement' });
export type CalendarArrangementView = z.infer<typeof CalendarArrangementView>;
export const CalendarQuery = z.object({ from: LocalDate, to: LocalDate });

export const NotificationView = z
  .object({
    id: z.number(),
    kind: z.string(),
    title: LocalizedText,
    body: LocalizedText.nullable(),
    link: z.string().nullable(),
    createdAt: Timestamp,
    readAt: Timestamp.nullable(),
  })
  .meta({ id: 'Notification' });
export type NotificationView = z.infer<typeof NotificationView>;
export const NotificationPage = pageOf(NotificationView).extend({ unread: z.number() });
export const NotificationQuery = PageQuery.extend({ unreadOnly: z.stringbool().default(false) });

export const ImportJobView = z
  .object({
    id: z.number(),
    kind: z.string(),
    fileName: z.string(),
    status: z.enum(['validating', 'validated', 'importing', 'imported', 'failed', 'cancelled']),
    totalRows: z.number(),
    processedRows: z.number(),
    validRows: z.number(),
    errorRows: z.number(),
    importedRows: z.number(),
    /** The deepest place holding every imported row (the list of what was imported opens there). */
    placeId: z.number().nullable(),
    onlyValid: z.boolean(),
    createdAt: Timestamp,
    finishedAt: Timestamp.nullable(),
    failure: LocalizedText.nullable(),
    actions: z.array(z.string()),
  })
  .meta({ id: 'ImportJob' });
export type ImportJobView = z.infer<typeof ImportJobView>;

export const ImportRowError = z.object({
  row: z.number(),
  column: z.string().nullable(),
  code: z.string(),
  message: LocalizedText,
  value: z.string().nullable(),
});
export type ImportRowError = z.infer<typeof ImportRowError>;
export const ImportErrorPage = pageOf(ImportRowError);
export const ImportCommitBody = z.object({ onlyValid: z.boolean().default(false) });

/** The platform: accounts and tokens, the audit log, recurring duties, the calendar, pass signing keys, the dashboard. */
export const platformAccess = defineAccess(
  'platform',
  ['user.manage', 'token.manage', 'audit.read', 'audit.export', 'obligation.manage', 'calendar.manage', 'pass.manage', 'dashboard.read'],
  {
    center_coordinator: ['obligation.manage', 'dashboard.read'],
    department_coordinator: ['obligation.manage', 'dashboard.read'],
    community_staff: ['obligation.manage', 'dashboard.read'],
    station_staff: ['dashboard.read'],
    health_worker: ['dashboard.read'],
    auditor: ['audit.read', 'audit.export'],
    admin: ['user.manage', 'token.manage', 'obligation.manage', 'calendar.manage', 'pass.manage'],
  },
  {
    auditActions: [
      'auth.login',
      'auth.login_failed',
      'auth.locked',
      'auth.password_changed',
      'user.created',
      'user.updated',
      'user.disabled',
      'user.enabled',
      'user.password_reset',
      'user.unlocked',
      'token.created',
      'token.revoked',
      'identifier.searched',
      'obligation.done',
      'obligation_rule.created',
      'obligation_rule.updated',
      'obligation_rule.deleted',
      'calendar.override_saved',
      'calendar.override_deleted',
      'calendar.arrangement_saved',
      'calendar.hours_saved',
      'audit.exported',
      'scenario.generated',
      'pass_key.rotated',
    ],
    auditEntityTypes: [
      'user',
      'api_token',
      'identifier_search',
      'import_job',
      'obligation',
      'obligation_rule',
      'calendar_day',
      'calendar_year',
      'calendar_settings',
      'audit_log',
      'scenario',
      'pass_key',
    ],
  },
);
