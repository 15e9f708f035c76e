import { z } from 'zod';
import { defineAccess } from './roles.js';
import { text } from './text.js';
import { ObservationKind } from './observation.js';
import { Id, LocalDate, PageQuery, Timestamp, pageOf } from './common.js';
import { LocalizedText } from './i18n.js';
import { Relation } from './registry.js';

/** 入户摸排: door-to-door screening campaigns, household visits and per-person answers. */

export const QUESTION_TYPES = ['yes_no', 'choice', 'text', 'number', 'temperature', 'date'] as const;
export const QuestionType = z.enum(QUESTION_TYPES);
export type QuestionType = z.infer<typeof QuestionType>;

/** Why a person found on a visit needs someone to follow up. */
export const FINDING_REASONS = ['symptom', 'fever', 'risk_area', 'other', 'unregistered'] as const;
export const FindingReason = z.enum(FINDING_REASONS);
export type FindingReason = z.infer<typeof FindingReason>;

const QuestionKey = z
  .string()
  .trim()
  .regex(/^[a-z][a-zA-Z0-9_]{0,39}$/, 'a short key: letters, digits, underscore');

const Label = z.object({ 'zh-CN': text(80), 'en-US': text(80) });

export const QuestionOption = z.object({ value: text(40), label: Label });

/**
 * One question asked of each person present. `flag` says which answers make a finding that
 * needs follow-up (a yes, an option, or a reading at or above a threshold), and why.
 */
export const Question = z.object({
  key: QuestionKey,
  type: QuestionType,
  label: Label,
  required: z.boolean().default(false),
  options: z.array(QuestionOption).max(20).optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  /** Ask only when another question has this answer (e.g. "from where?" only after "returned: yes"). */
  showIf: z.object({ key: QuestionKey, equals: z.union([z.string(), z.boolean(), z.number()]) }).optional(),
  flag: z
    .object({
      reason: FindingReason.exclude(['unregistered']),
      whenYes: z.boolean().optional(),
      options: z.array(z.string()).max(20).optional(),
      atOrAbove: z.number().optional(),
    })
    .optional(),
});
export type Question = z.infer<typeof Question>;

export const QuestionSet = z.array(Question).min(1).max(30);

export const CAMPAIGN_STATUSES = ['draft', 'active', 'closed'] as const;
export const CampaignStatus = z.enum(CAMPAIGN_STATUSES);
export type CampaignStatus = z.infer<typeof CampaignStatus>;

export const CampaignSave = z.object({
  name: text(80),
  /** Communities, several of them, or a whole department. */
  placeIds: z.array(Id).min(1).max(50),
  questions: QuestionSet,
  startsOn: LocalDate,
  endsOn: LocalDate,
  note: text(500, { min: 0, multiline: true }).nullish(),
});
export type CampaignSave = z.infer<typeof CampaignSave>;

export const CampaignUpdate = CampaignSave.partial().extend({ version: z.number().int() });
export type CampaignUpdate = z.infer<typeof CampaignUpdate>;

export const CampaignPlace = z.object({ id: z.number(), type: z.string(), label: z.string() });

export const Campaign = z
  .object({
    id: z.number(),
    name: z.string(),
    status: CampaignStatus,
    places: z.array(CampaignPlace),
    questions: z.array(Question),
    startsOn: LocalDate,
    endsOn: LocalDate,
    round: z.number().int().describe('The current round: households are counted as done per round'),
    note: z.string().nullable(),
    createdByName: z.string().nullable(),
    createdAt: Timestamp,
    startedAt: Timestamp.nullable(),
    closedAt: Timestamp.nullable(),
    version: z.number(),
    actions: z.array(z.string()),
  })
  .meta({ id: 'ScreeningCampaign' });
export type Campaign = z.infer<typeof Campaign>;

export const CampaignQuery = PageQuery.extend({ status: CampaignStatus.optional() });
export const CampaignPage = pageOf(Campaign);

export const ASSIGNMENT_TARGETS = ['grid', 'building'] as const;
export const AssignmentCreate = z
  .object({ userId: Id, gridId: Id.optional(), buildingId: Id.optional() })
  .refine((a) => (a.gridId === undefined) !== (a.buildingId === undefined), { message: 'give a gridId or a buildingId', path: ['gridId'] });
export type AssignmentCreate = z.infer<typeof AssignmentCreate>;

export const Assignment = z
  .object({
    id: z.number(),
    campaignId: z.number(),
    userId: z.number(),
    userName: z.string(),
    target: z.enum(ASSIGNMENT_TARGETS),
    targetId: z.number(),
    targetLabel: z.string(),
    communityId: z.number(),
    households: z.number(),
    done: z.number(),
    actions: z.array(z.string()),
  })
  .meta({ id: 'ScreeningAssignment' });
export type Assignment = z.infer<typeof Assignment>;

export const VISIT_OUTCOMES = ['visited', 'nobody_home', 'refused', 'revisit'] as const;
export const VisitOutcome = z.enum(VISIT_OUTCOMES);
export type VisitOutcome = z.infer<typeof VisitOutcome>;

export const AnswerValue = z.union([text(200, { min: 0, multiline: true }), z.number(), z.boolean(), z.null()]);
export type AnswerValue = z.infer<typeof AnswerValue>;
export const Answers = z.record(z.string().max(40), AnswerValue);
export type Answers = z.infer<typeof Answers>;

/** One person met (or asked about) on a visit: a registered resident, or someone not on file. */
export const PersonVisitInput = z
  .object({
    residentId: Id.nullish(),
    unregistered: z
      .object({
        name: text(40),
        phone: text(20, { min: 0 }).nullish(),
        note: text(200, { min: 0, multiline: true }).nullish(),
      })
      .nullish(),
    present: z.boolean(),
    answers: Answers.default({}),
  })
  .refine((p) => (p.residentId == null) !== (p.unregistered == null), { message: 'a residentId or an unregistered person', path: ['residentId'] });
export type PersonVisitInput = z.infer<typeof PersonVisitInput>;

/** A household visit as recorded on the phone, with the id the phone gave it (UUID). */
export const VisitInput = z.object({
  id: z.uuid(),
  campaignId: Id,
  householdId: Id,
  round: z.number().int().min(1).max(1000).optional(),
  outcome: VisitOutcome,
  visitedAt: z.iso.datetime({ offset: true }),
  note: text(500, { min: 0, multiline: true }).nullish(),
  persons: z.array(PersonVisitInput).max(30).default([]),
});
export type VisitInput = z.infer<typeof VisitInput>;

export const SyncBody = z.object({ visits: z.array(VisitInput).min(1).max(200) });
export type SyncBody = z.infer<typeof SyncBody>;

export const SyncItemResult = z.object({
  id: z.string(),
  status: z.enum(['stored', 'duplicate', 'rejected']),
  code: z.string().optional(),
  messages: LocalizedText.optional(),
});
export type SyncItemResult = z.infer<typeof SyncItemResult>;

export const SyncResult = z
  .object({
    results: z.array(SyncItemResult),
    stored: z.number(),
    duplicates: z.number(),
    rejected: z.number(),
    serverTime: Timestamp,
  })
  .meta({ id: 'ScreeningSyncResult' });
export type SyncResult = z.infer<typeof SyncResult>;

/** What the visitor's phone keeps for working offline: the households to visit and who lives there. */
export const WorksetHousehold = z.object({
  id: z.number(),
  dwellingLabel: z.string(),
  buildingId: z.number(),
  buildingLabel: z.string(),
  members: z.array(z.object({ id: z.number(), name: z.string(), relation: Relation })),
  lastOutcome: VisitOutcome.nullable(),
  lastVisitedAt: Timestamp.nullable(),
});
export type WorksetHousehold = z.infer<typeof WorksetHousehold>;

export const Workset = z
  .object({
    campaign: Campaign,
    households: z.array(WorksetHousehold),
    assigned: z.boolean().describe('true: the households assigned to me; false: all in my scope'),
    fetchedAt: Timestamp,
  })
  .meta({ id: 'ScreeningWorkset' });
export type Workset = z.infer<typeof Workset>;

export const COVERAGE_LEVELS = ['community', 'grid', 'building', 'household'] as const;
export const CoverageLevel = z.enum(COVERAGE_LEVELS);
export type CoverageLevel = z.infer<typeof CoverageLevel>;

export const CoverageQuery = z.object({
  level: CoverageLevel.default('community'),
  /** Narrow to a community (for grids and buildings), a grid or a building (for households). */
  placeId: Id.optional(),
  gridId: Id.optional(),
  round: z.coerce.number().int().min(1).optional(),
});
export type CoverageQuery = z.infer<typeof CoverageQuery>;

export const CoverageFigures = z.object({
  households: z.number(),
  done: z.number(),
  nobodyHome: z.number(),
  refused: z.number(),
  revisit: z.number(),
  notVisited: z.number(),
  householdVisits: z.number().describe('户次: household visits of the round, repeats included'),
  personVisits: z.number().describe('人次: persons recorded on those visits'),
  findings: z.number().describe('follow-ups still open'),
});
export type CoverageFigures = z.infer<typeof CoverageFigures>;

export const CoverageRow = CoverageFigures.extend({
  key: z.string(),
  kind: z.enum(['community', 'grid', 'building', 'household']),
  id: z.number().nullable(),
  label: z.string(),
  lastOutcome: VisitOutcome.nullable().optional(),
  lastVisitedAt: Timestamp.nullable().optional(),
});
export type CoverageRow = z.infer<typeof CoverageRow>;

export const Coverage = z
  .object({
    campaignId: z.number(),
    round: z.number(),
    level: CoverageLevel,
    totals: CoverageFigures,
    allRounds: z.object({ householdVisits: z.number(), personVisits: z.number() }),
    rows: z.array(CoverageRow),
    computedAt: Timestamp,
  })
  .meta({ id: 'ScreeningCoverage' });
export type Coverage = z.infer<typeof Coverage>;

export const FINDING_STATUSES = ['open', 'case_opened', 'resolved'] as const;
export const FindingStatus = z.enum(FINDING_STATUSES);
export type FindingStatus = z.infer<typeof FindingStatus>;

export const Finding = z
  .object({
    id: z.number(),
    campaignId: z.number(),
    visitId: z.string(),
    residentId: z.number().nullable(),
    personName: z.string(),
    registered: z.boolean(),
    householdId: z.number(),
    dwellingLabel: z.string(),
    reasons: z.array(FindingReason),
    temperature: z.number().nullable(),
    answers: Answers,
    visitedAt: Timestamp,
    visitorName: z.string().nullable(),
    status: FindingStatus,
    caseRef: z.string().nullable(),
    note: z.string().nullable(),
    decidedAt: Timestamp.nullable(),
    version: z.number(),
    actions: z.array(z.string()),
  })
  .meta({ id: 'ScreeningFinding' });
export type Finding = z.infer<typeof Finding>;

export const FindingQuery = PageQuery.extend({
  status: FindingStatus.optional(),
  placeId: Id.optional(),
  reason: FindingReason.optional(),
});
export const FindingPage = pageOf(Finding);

export const OpenCaseBody = z.object({
  kind: ObservationKind.default('home_observation'),
  plannedDays: z.number().int().min(1).max(60).optional(),
  reason: text(200, { min: 2, multiline: true }).optional(),
  version: z.number().int(),
});
export type OpenCaseBody = z.infer<typeof OpenCaseBody>;

export const ResolveFindingBody = z.object({ note: text(200, { min: 2 }), version: z.number().int() });

export const CampaignParams = z.object({ id: Id });
export const AssignmentParams = z.object({ id: Id, assignmentId: Id });

/** The questions every new campaign starts from (staff may change them before starting). */
export const DEFAULT_QUESTIONS: Question[] = [
  { key: 'returned', type: 'yes_no', required: true, label: { 'zh-CN': '近14天是否从外地返回', 'en-US': 'Returned from elsewhere in the last 14 days?' } },
  {
    key: 'returnedFrom',
    type: 'text',
    required: true,
    showIf: { key: 'returned', equals: true },
    label: { 'zh-CN': '从何地返回', 'en-US': 'Returned from where?' },
  },
  {
    key: 'returnedRisk',
    type: 'choice',
    required: true,
    showIf: { key: 'returned', equals: true },
    label: { 'zh-CN': '返回地风险等级', 'en-US': 'Risk level of that place' },
    options: [
      { value: 'low', label: { 'zh-CN': '低风险', 'en-US': 'Low' } },
      { value: 'medium', label: { 'zh-CN': '中风险', 'en-US': 'Medium' } },
      { value: 'high', label: { 'zh-CN': '高风险', 'en-US': 'High' } },
    ],
    flag: { reason: 'risk_area', options: ['medium', 'high'] },
  },
  { key: 'returnedOn', type: 'date', required: true, showIf: { key: 'returned', equals: true }, label: { 'zh-CN': '返回日期', 'en-US': 'Returned on' } },
  {
    key: 'symptoms',
    type: 'yes_no',
    required: true,
    label: { 'zh-CN': '有无发热、咳嗽、乏力等症状', 'en-US': 'Fever, cough, fatigue or other symptoms?' },
    flag: { reason: 'symptom', whenYes: true },
  },
  {
    key: 'temperature',
    type: 'temperature',
    required: true,
    label: { 'zh-CN': '体温（°C）', 'en-US': 'Temperature (°C)' },
    min: 34,
    max: 43,
    flag: { reason: 'fever', atOrAbove: 37.3 },
  },
];

/** 入户摸排: who runs campaigns, who knocks on doors, who follows up what they find. */
const RUN_SCREENING = ['screening.read', 'screening.manage', 'screening.followup', 'screening.export'] as const;
/** Screening campaigns (入户摸排). */
export const screeningAccess = defineAccess(
  'screening',
  ['screening.read', 'screening.manage', 'screening.visit', 'screening.followup', 'screening.export'],
  {
    center_coordinator: RUN_SCREENING,
    department_coordinator: RUN_SCREENING,
    community_staff: [...RUN_SCREENING, 'screening.visit'],
    station_staff: ['screening.read', 'screening.visit'],
    health_worker: ['screening.read', 'screening.visit', 'screening.followup'],
    volunteer: ['screening.visit'],
    auditor: ['screening.read'],
  },
  {
    auditActions: [
      'screening.campaign.create',
      'screening.campaign.update',
      'screening.campaign.start',
      'screening.campaign.newRound',
      'screening.campaign.close',
      'screening.assignment.create',
      'screening.assignment.delete',
      'screening.visit.sync',
      'screening.finding.resolve',
      'screening.finding.openCase',
      'screening.coverage.export',
    ],
    auditEntityTypes: ['screening_campaign', 'screening_assignment', 'screening_finding'],
  },
);
