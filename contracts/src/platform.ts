import { z } from 'zod';
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
    actions: z.array(z.string()),
  })
  .meta({ id: 'Obligation' });
export type ObligationView = z.infer<typeof ObligationView>;

export const TodoQuery = PageQuery.extend({
  state: z.enum(['open', 'overdue', 'today', 'done']).default('open'),
});
export const TodoPage = pageOf(ObligationView).extend({
  counts: z.object({ open: z.number(), overdue: z.number(), dueToday: z.number() }),
});

export const RECURRENCES = ['daily', 'weekly', 'monthly', 'every_n_days', 'working_days'] as const;

/** A recurring duty: for each target place, one obligation per occurrence, made ahead of time. */
export const ObligationRuleSave = z.object({
  kind: z.string().trim().min(1).max(60).regex(/^[a-z0-9_.]+$/),
  title: z.object({ 'zh-CN': text(100), 'en-US': text(160) }),
  placeId: Id.describe('Targets are this place or its descendants of targetType'),
  targetType: z.string().max(20).nullish(),
  responsibleRole: z.string().max(40),
  recurrence: z.enum(RECURRENCES),
  interval: z.number().int().min(1).max(366).default(1),
  times: z.array(z.string().regex(/^\d{2}:\d{2}$/)).min(1).max(12).describe('Local due times within the day'),
  weekdays: z.array(z.number().int().min(1).max(7)).max(7).default([]),
  startsOn: LocalDate,
  endsOn: LocalDate.nullish(),
  escalateAfterMinutes: z.number().int().min(0).max(100000).nullish(),
  active: z.boolean().default(true),
});
export type ObligationRuleSave = z.infer<typeof ObligationRuleSave>;

export const ObligationRuleView = ObligationRuleSave.extend({
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
export const CalendarDay = z.object({
  date: LocalDate,
  workday: z.boolean(),
  holidayName: z.string().nullable(),
  source: z.enum(['calendar', 'override', 'weekend', 'weekday']),
  note: z.string().nullable(),
});
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
