import { z } from 'zod';
import { defineAccess } from './roles.js';
import { text } from './text.js';
import { Id, LocalDate, PageQuery, Timestamp, pageOf } from './common.js';
import { LocalizedText } from './i18n.js';

/** 居家医学观察 / 集中隔离 / 发热随访 */
export const OBSERVATION_KINDS = ['home_observation', 'facility_quarantine', 'fever_follow_up'] as const;
export const ObservationKind = z.enum(OBSERVATION_KINDS);
export type ObservationKind = z.infer<typeof ObservationKind>;

export const OBSERVATION_STATUSES = ['active', 'release_proposed', 'released', 'cancelled'] as const;
export type ObservationStatus = (typeof OBSERVATION_STATUSES)[number];

/** What the planned end counts from: the day of arrival, or of the last exposure to a case. */
export const OBSERVATION_BASES = ['arrival', 'exposure'] as const;
export type ObservationBasis = (typeof OBSERVATION_BASES)[number];

/** Symptoms a reading can record; any one of them raises an alert. */
export const SYMPTOMS = ['fever', 'cough', 'sore_throat', 'fatigue', 'short_breath', 'diarrhea', 'loss_of_smell', 'other'] as const;
export const Symptom = z.enum(SYMPTOMS);
export type Symptom = z.infer<typeof Symptom>;

/** At or above this temperature a reading alerts the health worker. */
export const FEVER_THRESHOLD = 37.3;

/** "3+1" custody (seed 004): a police officer, a cadre and a medic answer for each returnee. */
export const CUSTODIAN_ROLES = ['police', 'cadre', 'medic'] as const;
export const Custodian = z.object({
  role: z.enum(CUSTODIAN_ROLES),
  name: text(40),
  userId: Id.nullish(),
});
export type Custodian = z.infer<typeof Custodian>;

export const SlotSpec = z.object({
  start: z.string().regex(/^\d{2}:\d{2}$/),
  end: z.string().regex(/^\d{2}:\d{2}$/),
  graceMinutes: z.number().int().min(0).max(600),
});
export type SlotSpec = z.infer<typeof SlotSpec>;
export const DEFAULT_SLOTS: SlotSpec[] = [
  { start: '08:00', end: '10:00', graceMinutes: 30 },
  { start: '16:00', end: '18:00', graceMinutes: 30 },
];

export const ObservationPlan = z.object({
  basis: z.enum(OBSERVATION_BASES),
  basisDate: LocalDate,
  days: z.number().int().min(0).max(60),
});
export type ObservationPlan = z.infer<typeof ObservationPlan>;
/** A case's plan with the community's counting rule: whether the basis (arrival) day is day 1, or counting starts the next day. */
export const ObservationPlanView = ObservationPlan.extend({ firstDayCounted: z.boolean() });
export type ObservationPlanView = z.infer<typeof ObservationPlanView>;

export const ObservationCaseSummary = z
  .object({
    id: z.number(),
    kind: ObservationKind,
    status: z.enum(OBSERVATION_STATUSES),
    residentId: z.number(),
    name: z.string(),
    placeLabel: z.string(),
    reason: z.string(),
    plan: ObservationPlanView,
    startsOn: LocalDate,
    plannedEndOn: LocalDate,
    planText: LocalizedText.describe('The planned end and the rule it comes from, in words'),
    dayNo: z.number().describe('Day of observation today (1 = the first counted day; 0 = the arrival day where it is not counted)'),
    lastReading: z.object({ temperature: z.number().nullable(), symptoms: z.array(Symptom), alert: z.boolean(), takenAt: Timestamp }).nullable(),
    dueSlots: z.number(),
    missedSlots: z.number(),
    openAlerts: z.number(),
    source: z.object({ type: z.string(), id: z.string() }).nullable(),
    actions: z.array(z.string()),
  })
  .meta({ id: 'ObservationCaseSummary' });
export type ObservationCaseSummary = z.infer<typeof ObservationCaseSummary>;

export const ObservationCheckView = z.object({
  id: z.number(),
  residentId: z.number(),
  name: z.string(),
  slotDate: LocalDate,
  slotNo: z.number().nullable(),
  windowStart: Timestamp,
  windowEnd: Timestamp,
  graceUntil: Timestamp,
  state: z.enum(['upcoming', 'open', 'late', 'done', 'missed', 'extra']),
  temperature: z.number().nullable(),
  symptoms: z.array(Symptom),
  alert: z.boolean(),
  takenAt: Timestamp.nullable(),
  takenByName: z.string().nullable(),
  acknowledgedAt: Timestamp.nullable(),
});
export type ObservationCheckView = z.infer<typeof ObservationCheckView>;

export const ObservationEventView = z.object({
  at: Timestamp,
  kind: z.string(),
  actorName: z.string(),
  data: z.record(z.string(), z.unknown()),
});

export const DeliveryView = z.object({
  id: z.number(),
  what: z.string(),
  quantity: z.string().nullable(),
  deliveredByName: z.string(),
  deliveredAt: Timestamp,
  note: z.string().nullable(),
});

export const ObservationCaseDetail = ObservationCaseSummary.extend({
  members: z.array(z.object({ residentId: z.number(), name: z.string(), relation: z.string(), checked: z.boolean() })),
  custodians: z.array(Custodian),
  checks: z.array(ObservationCheckView),
  deliveries: z.array(DeliveryView),
  events: z.array(ObservationEventView),
  releasedAt: Timestamp.nullable(),
  version: z.number(),
}).meta({ id: 'ObservationCaseDetail' });
export type ObservationCaseDetail = z.infer<typeof ObservationCaseDetail>;

export const ObservationQuery = PageQuery.extend({
  status: z.enum(['open', 'active', 'release_proposed', 'released', 'all']).default('open'),
  kind: ObservationKind.optional(),
  placeId: Id.optional(),
  q: text(40, { min: 0 }).optional(),
});
export const ObservationPage = pageOf(ObservationCaseSummary);

export const ObservationOpen = z.object({
  residentId: Id,
  kind: ObservationKind,
  reason: text(200, { multiline: true }),
  plan: ObservationPlan,
  memberIds: z.array(Id).max(20).default([]).describe('Household members checked too'),
});
export type ObservationOpen = z.infer<typeof ObservationOpen>;

export const ObservationReplan = z.object({
  days: z.number().int().min(0).max(60),
  reason: text(200, { min: 2, multiline: true }),
  version: z.number().int(),
});

export const ReadingInput = z.object({
  residentId: Id.optional().describe('Who was checked (default: the person under observation)'),
  temperature: z.number().min(34).max(43).nullable(),
  symptoms: z.array(Symptom).max(SYMPTOMS.length).default([]),
  note: text(200, { min: 0, multiline: true }).nullish(),
});
export type ReadingInput = z.infer<typeof ReadingInput>;

export const ReadingResult = z.object({ check: ObservationCheckView, alert: z.boolean(), releaseProposed: z.boolean() });

export const DeliveryInput = z.object({
  what: text(100),
  quantity: text(40, { min: 0 }).nullish(),
  note: text(200, { min: 0, multiline: true }).nullish(),
});

export const CustodiansInput = z.object({ custodians: z.array(Custodian).max(6) });
export const MembersInput = z.object({ memberIds: z.array(Id).max(20) });
export const ReleaseInput = z.object({ note: text(200, { min: 0 }).nullish(), version: z.number().int() });

/** Today's checks for the phone page: one row per case with its persons' slots. */
export const DueToday = z.object({
  date: LocalDate,
  cases: z.array(
    z.object({
      caseId: z.number(),
      kind: ObservationKind,
      status: z.enum(OBSERVATION_STATUSES),
      /** The person the case is about: the page picks them even when no slot is left today. */
      residentId: z.number(),
      name: z.string(),
      placeLabel: z.string(),
      dayNo: z.number(),
      plannedEndOn: LocalDate,
      checks: z.array(ObservationCheckView),
      openAlerts: z.number(),
    }),
  ),
});
export type DueToday = z.infer<typeof DueToday>;

export const CdcExportQuery = z.object({ from: LocalDate, to: LocalDate, placeId: Id.optional(), caseId: Id.optional() });

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
/** One to four slots a day, in order, each ending after it starts and before the next begins. */
export const SlotsSave = z.object({
  slots: z
    .array(SlotSpec)
    .min(1)
    .max(4)
    .refine((xs) => xs.every((x) => minutesOf(x.start) < minutesOf(x.end) && minutesOf(x.end) <= 24 * 60), 'each slot must end after it starts')
    .refine(
      (xs) => xs.every((x, i) => i === 0 || minutesOf(xs[i - 1]!.end) + xs[i - 1]!.graceMinutes <= minutesOf(x.start)),
      'slots (with their grace) must not overlap, and come in order',
    ),
  arrivalDayCounted: z
    .boolean()
    .optional()
    .describe('Whether the arrival day is day 1 of an observation (default: not counted, the days start the next day); kept when omitted'),
  version: z.number().int().optional(),
});
export const ObservationSettingsView = z
  .object({
    communityId: z.number(),
    communityName: z.string(),
    slots: z.array(SlotSpec),
    arrivalDayCounted: z.boolean(),
    isDefault: z.boolean(),
    version: z.number(),
    actions: z.array(z.string()),
  })
  .meta({ id: 'ObservationSettings' });
export type ObservationSettingsView = z.infer<typeof ObservationSettingsView>;

/** Home observation: who follows cases, who takes readings, who releases. */
export const observationAccess = defineAccess(
  'observation',
  ['observation.read', 'observation.manage', 'observation.check', 'observation.release', 'observation.export'],
  {
    center_coordinator: ['observation.read', 'observation.manage', 'observation.export'],
    department_coordinator: ['observation.read', 'observation.manage', 'observation.export'],
    community_staff: ['observation.read', 'observation.manage', 'observation.check', 'observation.export'],
    station_staff: ['observation.read', 'observation.manage', 'observation.check', 'observation.export'],
    health_worker: ['observation.read', 'observation.manage', 'observation.check', 'observation.release', 'observation.export'],
  },
  {
    auditActions: [
      'observation.case.open',
      'observation.check.record',
      'observation.alert.handle',
      'observation.case.proposeRelease',
      'observation.case.release',
      'observation.case.extend',
      'observation.case.shorten',
      'observation.case.setCustodians',
      'observation.case.setMembers',
      'observation.delivery.record',
      'observation.check.export',
      'observation.settings.saveSlots',
      'observation.settings.saveCounting',
    ],
    auditEntityTypes: ['observation_case', 'observation_settings'],
  },
);
