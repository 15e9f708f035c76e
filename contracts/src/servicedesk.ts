import { z } from 'zod';
import { defineAccess } from './roles.js';
import { text } from './text.js';
import { Id, LocalDate, PageQuery, Timestamp, pageOf } from './common.js';
import { LocalizedText } from './i18n.js';

/** What an order is about: a repair (报修), a complaint (投诉) or an enquiry (咨询). */
export const ORDER_KINDS = ['repair', 'complaint', 'enquiry'] as const;
export const OrderKind = z.enum(ORDER_KINDS);
export type OrderKind = z.infer<typeof OrderKind>;

/** Where an order came in: the hotline desk, the resident's phone, a walk-in at the desk, or the Open311 API. */
export const CHANNELS = ['hotline', 'self_service', 'walk_in', 'open311'] as const;
export const OrderChannel = z.enum(CHANNELS);
export type OrderChannel = z.infer<typeof OrderChannel>;

export const ORDER_STATUSES = ['received', 'dispatched', 'accepted', 'on_site', 'resolved', 'replied', 'waiting', 'closed', 'cancelled', 'merged'] as const;
export const OrderStatus = z.enum(ORDER_STATUSES);
export type OrderStatus = z.infer<typeof OrderStatus>;

/** The staged clocks of an order: accept (first response), arrive on site, resolve (限时办结). */
export const STAGES = ['accept', 'arrive', 'resolve'] as const;
export const Stage = z.enum(STAGES);
export type Stage = z.infer<typeof Stage>;

/** Clock minutes (emergencies), hours of working time, or working days on the holiday calendar. */
export const LIMIT_UNITS = ['clock_minutes', 'working_hours', 'working_days'] as const;
export const LimitUnit = z.enum(LIMIT_UNITS);
export type LimitUnit = z.infer<typeof LimitUnit>;

export const StageLimit = z.object({ amount: z.number().int().min(1).max(100000), unit: LimitUnit });
export type StageLimit = z.infer<typeof StageLimit>;

export const StageLimits = z.object({
  accept: StageLimit.nullable(),
  arrive: StageLimit.nullable(),
  resolve: StageLimit.nullable(),
});
export type StageLimits = z.infer<typeof StageLimits>;

/** An Open311 service attribute (extra form field) of a category. */
export const CategoryAttribute = z.object({
  code: z
    .string()
    .trim()
    .min(1)
    .max(40)
    .regex(/^[A-Za-z0-9_]+$/),
  datatype: z.enum(['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist']),
  required: z.boolean().default(false),
  description: text(200, { multiline: true }),
  values: z
    .array(z.object({ key: text(40), name: text(80) }))
    .max(50)
    .default([]),
});
export type CategoryAttribute = z.infer<typeof CategoryAttribute>;

export const CategorySave = z.object({
  parentId: Id.nullable().default(null),
  code: z
    .string()
    .trim()
    .min(1)
    .max(40)
    .regex(/^[a-z0-9_.-]+$/)
    .describe('Stable code; the Open311 service_code'),
  name: z.object({ 'zh-CN': text(40), 'en-US': text(80) }),
  kind: OrderKind,
  teamIds: z
    .array(Id)
    .max(50)
    .default([])
    .describe("The teams that answer for it, each in the place it serves (the most specific place wins); none means the parent category's"),
  emergency: z.boolean().default(false),
  limits: StageLimits,
  /** Minutes after a missed limit at which the department is alerted (the team leader is at once). */
  escalateAfterMinutes: z.number().int().min(0).max(100000).default(60),
  publicVisible: z.boolean().default(false).describe('Open311: shown to anonymous readers (public areas, not flats)'),
  keywords: text(200, { min: 0 }).nullish(),
  attributes: z.array(CategoryAttribute).max(20).default([]),
  sortOrder: z.number().int().min(-100000).max(100000).default(0),
  active: z.boolean().default(true),
});
export type CategorySave = z.infer<typeof CategorySave>;

export const CategoryView = z
  .object({
    id: z.number(),
    parentId: z.number().nullable(),
    code: z.string(),
    name: LocalizedText,
    kind: OrderKind,
    /** Its own teams; where none of them serves an order's place, the parent category's teams answer. */
    teams: z.array(z.object({ id: z.number(), name: z.string(), placeLabel: z.string() })),
    emergency: z.boolean(),
    limits: StageLimits,
    escalateAfterMinutes: z.number(),
    publicVisible: z.boolean(),
    keywords: z.string().nullable(),
    attributes: z.array(CategoryAttribute),
    sortOrder: z.number(),
    active: z.boolean(),
    version: z.number(),
    actions: z.array(z.string()),
  })
  .meta({ id: 'ServiceCategory' });
export type CategoryView = z.infer<typeof CategoryView>;

export const TeamSave = z.object({
  name: text(60),
  placeId: Id.describe('The department or community the team serves'),
  leaderUserId: Id.nullable(),
  memberUserIds: z.array(Id).max(200).default([]),
  active: z.boolean().default(true),
});
export type TeamSave = z.infer<typeof TeamSave>;

export const TeamView = z
  .object({
    id: z.number(),
    name: z.string(),
    placeId: z.number(),
    placeLabel: z.string(),
    leader: z.object({ userId: z.number(), name: z.string() }).nullable(),
    members: z.array(z.object({ userId: z.number(), name: z.string() })),
    active: z.boolean(),
    openOrders: z.number(),
    version: z.number(),
    actions: z.array(z.string()),
  })
  .meta({ id: 'ServiceTeam' });
export type TeamView = z.infer<typeof TeamView>;

const Text = (max: number) => text(max, { multiline: true });

/** The hotline or walk-in desk takes a call: a dwelling found from the caller's phone, or a free address. */
export const OrderCreate = z.object({
  channel: z.enum(['hotline', 'walk_in']).default('hotline'),
  categoryId: Id,
  description: Text(2000),
  dwellingId: Id.nullish().describe('The dwelling (or any place) the order is about'),
  address: text(200, { min: 0 }).nullish().describe('Free address when no place is known'),
  callerName: text(40, { min: 0 }).nullish(),
  callerPhone: text(20, { min: 0 }).nullish(),
  residentId: Id.nullish().describe('The resident found from the phone number'),
});
export type OrderCreate = z.infer<typeof OrderCreate>;

/** A resident reports from the phone: the dwelling is their own. */
export const MyOrderCreate = z.object({
  categoryId: Id,
  description: Text(2000),
});
export type MyOrderCreate = z.infer<typeof MyOrderCreate>;

export const Person = z.object({ userId: z.number(), name: z.string() });

export const OrderClock = z.object({
  stage: Stage,
  dueAt: Timestamp,
  doneAt: Timestamp.nullable(),
  overdue: z.boolean(),
  late: z.boolean().describe('Done after its due time'),
});

export const OrderEvent = z.object({
  at: Timestamp,
  action: z.string(),
  actorName: z.string(),
  note: z.string().nullable(),
});

export const OrderPhoto = z.object({ id: z.number(), stage: z.enum(['report', 'resolve']), url: z.string() });

export const OrderSummary = z
  .object({
    id: z.number(),
    kind: OrderKind,
    channel: OrderChannel,
    status: OrderStatus,
    emergency: z.boolean(),
    categoryId: z.number(),
    categoryName: LocalizedText,
    placeLabel: z.string().nullable(),
    address: z.string().nullable(),
    description: z.string(),
    reporterName: z.string().nullable(),
    owner: Person.nullable().describe('首问责任人: accountable until the order is closed'),
    team: z.object({ id: z.number(), name: z.string() }).nullable(),
    assignee: Person.nullable(),
    receivedAt: Timestamp,
    nextDueAt: Timestamp.nullable(),
    overdue: z.boolean(),
    pendingTransfer: z.boolean(),
    rating: z.number().nullable(),
    actions: z.array(z.string()),
  })
  .meta({ id: 'ServiceOrderSummary' });
export type OrderSummary = z.infer<typeof OrderSummary>;

export const OrderDetail = OrderSummary.extend({
  placeId: z.number().nullable(),
  reporterPhoneMasked: z.string().nullable(),
  reporterResidentId: z.number().nullable(),
  transfer: z
    .object({
      toTeamId: z.number(),
      toTeamName: z.string(),
      requestedByName: z.string(),
      reason: z.string(),
      at: Timestamp,
    })
    .nullable(),
  clocks: z.array(OrderClock),
  pausedAt: Timestamp.nullable(),
  pauseReason: z.string().nullable(),
  acceptedAt: Timestamp.nullable(),
  arrivedAt: Timestamp.nullable(),
  resolvedAt: Timestamp.nullable(),
  closedAt: Timestamp.nullable(),
  firstVisitFix: z.boolean().nullable(),
  workDone: z.string().nullable(),
  materials: z.string().nullable(),
  reply: z.string().nullable(),
  ratingNote: z.string().nullable(),
  cancelReason: z.string().nullable(),
  reopenCount: z.number(),
  mergedIntoId: z.number().nullable(),
  photos: z.array(OrderPhoto),
  events: z.array(OrderEvent),
  version: z.number(),
}).meta({ id: 'ServiceOrder' });
export type OrderDetail = z.infer<typeof OrderDetail>;

export const OrderQuery = PageQuery.extend({
  status: z
    .enum(['open', 'closed', 'all', 'counted', ...ORDER_STATUSES])
    .default('open')
    .describe('counted: every order the figures count (all but those merged into another)'),
  kind: OrderKind.optional(),
  teamId: Id.optional(),
  categoryId: Id.optional(),
  placeId: Id.optional(),
  assigneeUserId: Id.optional(),
  overdue: z.stringbool().optional(),
  q: text(60, { min: 0 }).optional().describe('Order number, or words of the description or address'),
  /** The figures' drill-down: orders received on these local days. */
  receivedFrom: LocalDate.optional(),
  receivedTo: LocalDate.optional(),
});
export type OrderQuery = z.infer<typeof OrderQuery>;
export const OrderPage = pageOf(OrderSummary);

const Reason = Text(500);

/** Every staff action on an order, one body per action. */
export const OrderTransition = z.discriminatedUnion('action', [
  z.object({ action: z.literal('dispatch'), assigneeUserId: Id, version: z.number().int() }),
  z.object({ action: z.literal('take'), version: z.number().int() }),
  z.object({ action: z.literal('accept'), version: z.number().int() }),
  z.object({ action: z.literal('arrive'), version: z.number().int() }),
  z.object({
    action: z.literal('resolve'),
    firstVisitFix: z.boolean(),
    workDone: Text(1000),
    materials: text(500, { min: 0, multiline: true }).nullish(),
    version: z.number().int(),
  }),
  z.object({ action: z.literal('reply'), reply: Text(2000), version: z.number().int() }),
  z.object({
    action: z.literal('callback'),
    rating: z.number().int().min(1).max(5).nullable(),
    note: text(500, { min: 0, multiline: true }).nullish(),
    version: z.number().int(),
  }),
  z.object({ action: z.literal('pause'), reason: Reason, version: z.number().int() }),
  z.object({ action: z.literal('resume'), version: z.number().int() }),
  z.object({ action: z.literal('transfer'), toTeamId: Id, reason: Reason, version: z.number().int() }),
  z.object({ action: z.literal('acceptTransfer'), version: z.number().int() }),
  z.object({ action: z.literal('rejectTransfer'), reason: Reason, version: z.number().int() }),
  z.object({ action: z.literal('cancel'), reason: Reason, version: z.number().int() }),
  z.object({ action: z.literal('reopen'), reason: Reason, version: z.number().int() }),
]);
export type OrderTransition = z.infer<typeof OrderTransition>;
export type OrderAction = OrderTransition['action'] | 'merge' | 'addPhoto';

export const MergeBody = z.object({ intoId: Id, version: z.number().int() });

/** The resident's word at the callback: a rating, and whether it is fixed or must be reopened. */
export const FeedbackBody = z.object({
  rating: z.number().int().min(1).max(5),
  reopen: z.boolean().default(false),
  note: text(500, { min: 0, multiline: true }).nullish(),
});

export const CallerQuery = z.object({ phone: text(20, { min: 5 }) });
export const CallerMatch = z.object({
  residentId: z.number(),
  name: z.string(),
  householdId: z.number(),
  dwellingId: z.number(),
  dwellingLabel: z.string(),
  openOrders: z.number(),
});
export const CallerResult = z.object({ items: z.array(CallerMatch) });

export const DuplicateQuery = z.object({ categoryId: Id, placeId: Id });
export const DuplicateResult = z.object({ items: z.array(OrderSummary) });

export const BoardView = z.object({
  counts: z.object({ new: z.number(), unassigned: z.number(), dueSoon: z.number(), overdue: z.number(), open: z.number() }),
  new: z.array(OrderSummary),
  unassigned: z.array(OrderSummary),
  dueSoon: z.array(OrderSummary),
  overdue: z.array(OrderSummary),
});
export type BoardView = z.infer<typeof BoardView>;

export const MyWork = z.object({ mine: z.array(OrderSummary), pool: z.array(OrderSummary) });

export const SdFiguresQuery = z.object({
  from: LocalDate.optional(),
  to: LocalDate.optional(),
  kind: OrderKind.optional(),
  groupBy: z.enum(['team', 'category', 'community', 'month', 'day']).default('month'),
});
export type SdFiguresQuery = z.infer<typeof SdFiguresQuery>;

const Rates = z.object({
  orders: z.number(),
  acceptOnTime: z.number().nullable(),
  arriveOnTime: z.number().nullable(),
  resolveOnTime: z.number().nullable(),
  firstVisitFix: z.number().nullable(),
  satisfaction: z.number().nullable(),
  rated: z.number(),
  open: z.number(),
});
export const FiguresView = z.object({
  from: LocalDate,
  to: LocalDate,
  /** Repeated buildings are counted over the last 90 days of the period, from this day. */
  repeatedFrom: LocalDate,
  totals: Rates,
  rows: z.array(Rates.extend({ key: z.string(), label: z.string() })),
  backlogByAge: z.array(z.object({ bucket: z.enum(['lt1d', '1to3d', '3to7d', 'gt7d']), count: z.number() })),
  repeatedBuildings: z.array(z.object({ buildingId: z.number(), label: z.string(), orders: z.number(), categories: z.array(z.string()) })),
});
export type FiguresView = z.infer<typeof FiguresView>;

export const BreachView = z
  .object({
    id: z.number(),
    orderId: z.number(),
    orderKind: OrderKind,
    categoryName: LocalizedText,
    stage: Stage,
    dueAt: Timestamp,
    detectedAt: Timestamp,
    doneAt: Timestamp.nullable(),
    holder: Person.nullable(),
    owner: Person.nullable(),
    team: z.object({ id: z.number(), name: z.string() }).nullable(),
    reason: z.string().nullable(),
    reasonByName: z.string().nullable(),
    review: z.enum(['excused', 'upheld']).nullable(),
    reviewNote: z.string().nullable(),
    reviewedByName: z.string().nullable(),
    escalatedToDepartment: z.boolean(),
    actions: z.array(z.string()),
  })
  .meta({ id: 'ServiceBreach' });
export type BreachView = z.infer<typeof BreachView>;

export const BreachQuery = PageQuery.extend({
  teamId: Id.optional(),
  holderUserId: Id.optional(),
  from: LocalDate.optional(),
  to: LocalDate.optional(),
  state: z.enum(['all', 'unexplained', 'unreviewed']).default('all'),
});
export type BreachQuery = z.infer<typeof BreachQuery>;
export const BreachPage = pageOf(BreachView);
export const BreachSummary = z.object({
  people: z.array(z.object({ userId: z.number(), name: z.string(), breaches: z.number(), unexplained: z.number(), upheld: z.number() })),
  teams: z.array(z.object({ teamId: z.number(), name: z.string(), breaches: z.number(), unexplained: z.number(), upheld: z.number() })),
});
export const BreachReasonBody = z.object({ reason: Text(500) });
export const BreachReviewBody = z.object({ verdict: z.enum(['excused', 'upheld']), note: text(500, { min: 0 }).nullish() });

/** Who sees orders, takes calls, works and dispatches them; managers also read the figures, review missed limits, configure. */
const SD_DESK = ['servicedesk.read', 'servicedesk.intake', 'servicedesk.work', 'servicedesk.dispatch'] as const;
const SD_MANAGER = [...SD_DESK, 'servicedesk.figures', 'servicedesk.review', 'servicedesk.manage'] as const;
/** The service desk. */
export const servicedeskAccess = defineAccess(
  'servicedesk',
  ['servicedesk.read', 'servicedesk.intake', 'servicedesk.work', 'servicedesk.dispatch', 'servicedesk.figures', 'servicedesk.review', 'servicedesk.manage'],
  {
    center_coordinator: SD_MANAGER,
    department_coordinator: SD_MANAGER,
    community_staff: [...SD_DESK, 'servicedesk.figures'],
    station_staff: ['servicedesk.read', 'servicedesk.intake'],
    property_staff: SD_DESK,
    auditor: ['servicedesk.read', 'servicedesk.figures'],
    admin: ['servicedesk.read', 'servicedesk.manage'],
  },
  {
    auditActions: [
      'servicedesk.order.create',
      'servicedesk.order.dispatch',
      'servicedesk.order.take',
      'servicedesk.order.accept',
      'servicedesk.order.arrive',
      'servicedesk.order.resolve',
      'servicedesk.order.reply',
      'servicedesk.order.callback',
      'servicedesk.order.pause',
      'servicedesk.order.resume',
      'servicedesk.order.transfer',
      'servicedesk.order.acceptTransfer',
      'servicedesk.order.rejectTransfer',
      'servicedesk.order.cancel',
      'servicedesk.order.reopen',
      'servicedesk.order.merge',
      'servicedesk.order.feedback',
      'servicedesk.photo.add',
      'servicedesk.breach.record',
      'servicedesk.breach.explain',
      'servicedesk.breach.review',
      'servicedesk.breach.export',
      'servicedesk.category.create',
      'servicedesk.category.update',
      'servicedesk.team.create',
      'servicedesk.team.update',
    ],
    auditEntityTypes: ['sd_order', 'sd_breach', 'sd_category', 'sd_team'],
  },
);
