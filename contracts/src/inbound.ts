import { z } from 'zod';
import { defineAccess } from './roles.js';
import { text } from './text.js';
import { Id, LocalDate, PageQuery, Timestamp, pageOf } from './common.js';
import { LocalizedText } from './i18n.js';
import { Symptom } from './observation.js';

/** The six-step closed loop (六个环节闭环管理) of a return request (返程申请). */
export const INBOUND_STATUSES = ['submitted', 'routed', 'approved', 'rejected', 'notified', 'arrived', 'withdrawn'] as const;
export const InboundStatus = z.enum(INBOUND_STATUSES);
export type InboundStatus = z.infer<typeof InboundStatus>;

export const INBOUND_ACTIONS = ['route', 'reroute', 'approve', 'reject', 'markNotified', 'checkIn', 'withdraw', 'resubmit', 'appeal', 'selfReport'] as const;
export type InboundAction = (typeof INBOUND_ACTIONS)[number];

export const INBOUND_SOURCES = ['liaison', 'department', 'self'] as const;
export type InboundSource = (typeof INBOUND_SOURCES)[number];

export const RISK_LEVELS = ['low', 'medium', 'high'] as const;
export const RiskLevel = z.enum(RISK_LEVELS);

/** The control measure decided with an approval. */
export const MEASURE_KINDS = ['home_observation', 'facility_quarantine', 'none'] as const;
export const Measure = z.object({
  kind: z.enum(MEASURE_KINDS),
  days: z.number().int().min(0).max(60),
});
export type Measure = z.infer<typeof Measure>;

export const HealthDeclaration = z.object({
  symptoms: z.array(Symptom).max(10).default([]),
  temperature: z.number().min(34).max(43).nullish(),
  contactWithCase: z.boolean().default(false),
  note: text(200, { min: 0, multiline: true }).nullish(),
});
export type HealthDeclaration = z.infer<typeof HealthDeclaration>;

const Trip = {
  fromCity: text(60),
  fromRisk: RiskLevel,
  plannedArrival: LocalDate,
  transport: text(60, { min: 0 }).nullish(),
  health: HealthDeclaration.default({ symptoms: [], contactWithCase: false }),
};

/** Who returns: a resident on file, or a new person with name, ID, phone and dwelling. */
export const InboundSubmit = z
  .object({
    residentId: Id.nullish(),
    name: text(40).nullish(),
    idNumber: text(30, { min: 0 }).nullish(),
    phone: text(20, { min: 0 }).nullish(),
    dwellingId: Id.nullish(),
    employerId: Id.nullish(),
    ...Trip,
  })
  .describe('Either residentId, or name + idNumber + phone + dwellingId');
export type InboundSubmit = z.infer<typeof InboundSubmit>;

/** 入城在线申报: the online entry declaration a person makes themself, signed in or not. */
export const InboundDeclaration = z.object({
  name: text(40),
  idNumber: text(20, { min: 15 }),
  phone: text(20, { min: 11 }),
  communityId: Id,
  address: text(120, { min: 2 }),
  ...Trip,
});
export type InboundDeclaration = z.infer<typeof InboundDeclaration>;

export const InboundEventView = z.object({
  at: Timestamp,
  action: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string(),
  actorName: z.string(),
  reason: z.string().nullable(),
});

export const InboundRequestView = z
  .object({
    id: z.number(),
    reference: z.string(),
    status: InboundStatus,
    source: z.enum(INBOUND_SOURCES),
    name: z.string(),
    idNumberMasked: z.string().nullable(),
    phoneMasked: z.string().nullable(),
    residentId: z.number().nullable(),
    employerId: z.number().nullable(),
    employerName: z.string().nullable(),
    fromCity: z.string(),
    fromRisk: RiskLevel,
    plannedArrival: LocalDate,
    transport: z.string().nullable(),
    dwellingLabel: z.string().nullable(),
    address: z.string().nullable(),
    communityId: z.number().nullable(),
    communityName: z.string().nullable(),
    hasSymptoms: z.boolean(),
    health: HealthDeclaration.nullable().describe('Only for those who review or check in'),
    measure: Measure.nullable(),
    decisionReason: z.string().nullable(),
    appealText: z.string().nullable(),
    appealed: z.boolean(),
    submittedAt: Timestamp,
    decidedAt: Timestamp.nullable(),
    notifiedAt: Timestamp.nullable(),
    arrivedAt: Timestamp.nullable(),
    selfReportedAt: Timestamp.nullable(),
    observationCaseId: z.number().nullable(),
    /** The current step's deadline (null when nothing waits). */
    dueAt: Timestamp.nullable(),
    waitingFor: z.enum(['department', 'community', 'liaison', 'person', 'none']),
    version: z.number(),
    actions: z.array(z.string()),
  })
  .meta({ id: 'InboundRequest' });
export type InboundRequestView = z.infer<typeof InboundRequestView>;

export const InboundRequestDetail = InboundRequestView.extend({
  events: z.array(InboundEventView),
  routeSuggestion: z.object({ communityId: z.number(), communityName: z.string() }).nullable(),
}).meta({ id: 'InboundRequestDetail' });
export type InboundRequestDetail = z.infer<typeof InboundRequestDetail>;

export const INBOUND_QUEUES = ['route', 'review', 'notify', 'arrival', 'mine', 'all', 'closed'] as const;
export const InboundQuery = PageQuery.extend({
  queue: z.enum(INBOUND_QUEUES).default('all'),
  status: InboundStatus.optional(),
  employerId: Id.optional(),
  communityId: Id.optional(),
  q: text(40, { min: 0 }).optional(),
  /** The figures' drill-down: requests (last) submitted on these local days, and their outcome as the figures count it. */
  submittedFrom: LocalDate.optional(),
  submittedTo: LocalDate.optional(),
  outcome: z.enum(['approved', 'rejected']).optional(),
});
export const InboundPage = pageOf(InboundRequestView).extend({
  counts: z.record(z.string(), z.number()),
});

const Versioned = { version: z.number().int() };
export const RouteBody = z.object({ communityId: Id.optional(), reason: text(200, { min: 0 }).nullish(), ...Versioned });
export const ApproveBody = z.object({ measure: Measure, note: text(200, { min: 0 }).nullish(), ...Versioned });
export const RejectBody = z.object({ reason: text(200, { min: 2 }), ...Versioned });
export const ReasonBody = z.object({ reason: text(200, { min: 2 }), ...Versioned });
export const VersionBody = z.object({ ...Versioned });
export const AppealBody = z.object({
  text: text(500, { min: 5, multiline: true }).describe('The new information'),
  plannedArrival: LocalDate.optional(),
  health: HealthDeclaration.optional(),
  ...Versioned,
});
export const ResubmitBody = z.object({
  plannedArrival: LocalDate.optional(),
  fromCity: text(60).optional(),
  fromRisk: RiskLevel.optional(),
  health: HealthDeclaration.optional(),
  ...Versioned,
});
export const CheckInBody = z.object({
  method: z.enum(['scan', 'self_report', 'manual']),
  dwellingId: Id.nullish().describe('Where the person lives, when the request has no dwelling yet'),
  ...Versioned,
});
export const ScanBody = z.object({ token: z.string().min(20).max(2000) });
export const ScanResult = z.object({
  valid: z.boolean(),
  problem: z.enum(['bad_signature', 'expired', 'not_found', 'not_approved', 'already_arrived']).nullable(),
  request: InboundRequestView.nullable(),
});

export const ApprovalNotice = z
  .object({
    requestId: z.number(),
    reference: z.string(),
    name: z.string(),
    idNumberMasked: z.string().nullable(),
    employerName: z.string().nullable(),
    fromCity: z.string(),
    plannedArrival: LocalDate,
    communityName: z.string(),
    dwellingLabel: z.string().nullable(),
    address: z.string().nullable(),
    measure: Measure,
    measureText: LocalizedText,
    decidedAt: Timestamp,
    decidedByName: z.string(),
    validUntil: Timestamp,
    token: z.string().describe('Signed pass (compact JWS) carried by the QR code'),
    status: InboundStatus,
  })
  .meta({ id: 'ApprovalNotice' });
export type ApprovalNotice = z.infer<typeof ApprovalNotice>;

export const DeclarationReceipt = z.object({
  id: z.number(),
  reference: z.string(),
  trackingToken: z.string(),
});
export const DeclarationStatus = z.object({
  reference: z.string(),
  status: InboundStatus,
  communityName: z.string().nullable(),
  plannedArrival: LocalDate,
  decisionReason: z.string().nullable(),
  notice: ApprovalNotice.nullable(),
  canSelfReport: z.boolean(),
  selfReportedAt: Timestamp.nullable(),
});
export const TrackingQuery = z.object({ token: z.string().min(20).max(2000) });

export const PublicCommunity = z.object({ id: z.number(), name: z.string(), label: z.string() });

/** A step's deadline in minutes: at least one, at most a week. */
const StepMinutes = z
  .number()
  .int()
  .min(1)
  .max(7 * 24 * 60);
/** A community's deadlines of the loop. */
const InboundDeadlines = z.object({
  routeMinutes: StepMinutes,
  reviewMinutes: StepMinutes,
  notifyMinutes: StepMinutes,
  arrivalGraceDays: z.number().int().min(0).max(30),
  defaultObservationDays: z.number().int().min(0).max(60),
});
export const InboundSettings = InboundDeadlines.extend({
  communityId: z.number(),
  communityName: z.string(),
  isDefault: z.boolean(),
  version: z.number(),
  actions: z.array(z.string()),
}).meta({ id: 'InboundSettings' });
export type InboundSettings = z.infer<typeof InboundSettings>;
export const InboundSettingsSave = InboundDeadlines.extend({ version: z.number().int().optional() });
export const INBOUND_DEFAULTS = { routeMinutes: 15, reviewMinutes: 45, notifyMinutes: 120, arrivalGraceDays: 1, defaultObservationDays: 14 } as const;

/** The loop's figures per group and day, computed by SQL from the requests. */
export const InboundFiguresQuery = z.object({
  from: LocalDate,
  to: LocalDate,
  by: z.enum(['day', 'employer', 'community']).default('day'),
});
export const FigureRow = z.object({
  key: z.string(),
  label: z.string(),
  submitted: z.number(),
  approved: z.number(),
  rejected: z.number(),
  decided: z.number(),
  medianMinutes: z.number().nullable(),
  p90Minutes: z.number().nullable(),
  withinHourShare: z.number().nullable().describe('Share of decisions taken within one hour of submission, 0..1'),
});
export type FigureRow = z.infer<typeof FigureRow>;
export const FiguresResult = z.object({ rows: z.array(FigureRow), total: FigureRow });

/** The returning-people loop, by who does which step. */
export const inboundAccess = defineAccess(
  'inbound',
  ['inbound.read', 'inbound.submit', 'inbound.route', 'inbound.review', 'inbound.checkin', 'inbound.configure'],
  {
    center_coordinator: ['inbound.read', 'inbound.submit', 'inbound.route', 'inbound.configure'],
    department_coordinator: ['inbound.read', 'inbound.submit', 'inbound.route', 'inbound.configure'],
    // The station checks people in; the committee decides the review.
    community_staff: ['inbound.read', 'inbound.review', 'inbound.checkin'],
    station_staff: ['inbound.read', 'inbound.checkin'],
    employer_liaison: ['inbound.read', 'inbound.submit'],
  },
  {
    auditActions: [
      'inbound.request.submit',
      'inbound.request.declare',
      'inbound.request.route',
      'inbound.request.reroute',
      'inbound.request.approve',
      'inbound.request.reject',
      'inbound.request.appeal',
      'inbound.request.resubmit',
      'inbound.request.markNotified',
      'inbound.request.checkIn',
      'inbound.request.withdraw',
      'inbound.request.selfReport',
      'inbound.settings.save',
    ],
    auditEntityTypes: ['inbound_request', 'inbound_settings'],
  },
);
