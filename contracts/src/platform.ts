import { z } from 'zod';
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
  action: z.string().trim().max(60).optional(),
  entityType: z.string().trim().max(40).optional(),
  entityId: z.string().trim().max(40).optional(),
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

/** A to-do's kind, e.g. `registry.building_walk` or `servicedesk.accept`. */
export const TodoKind = z.string().trim().min(1).max(60).regex(/^[a-z0-9_.]+$/);

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
  z.object({ kind: TodoKind, dueBefore: z.iso.datetime({ offset: true }).optional().describe("Default: the end of today") }).strict(),
]);
export type TodoBatchDone = z.infer<typeof TodoBatchDone>;
export const TodoBatchResult = z.object({ done: z.number().int(), ids: z.array(z.number()) });

export const RECURRENCES = ['daily', 'weekly', 'monthly', 'every_n_days', 'working_days'] as const;

/** A recurring duty: for each target place, one obligation per occurrence, made ahead of time. */
export const ObligationRuleSave = z.object({
  kind: z.string().trim().min(1).max(60).regex(/^[a-z0-9_.]+$/),
  title: LocalizedText,
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
  note: z.string().trim().max(100).nullish(),
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
