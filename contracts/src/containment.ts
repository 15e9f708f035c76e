import { z } from 'zod';
import { defineAccess } from './roles.js';
import { text } from './text.js';
import { Id, LocalDate, PageQuery, Timestamp, pageOf } from './common.js';
import { LocalizedText } from './i18n.js';

/** 确诊病例 / 疑似病例 */
export const CASE_KINDS = ['confirmed', 'suspected'] as const;
export const CaseKind = z.enum(CASE_KINDS);
export type CaseKind = z.infer<typeof CaseKind>;

/** open: counts for the rule; excluded: a suspected case ruled out (never counts); closed: recovered or moved away (still counts in its window). */
export const CASE_STATUSES = ['open', 'excluded', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const LOCKDOWN_LEVELS = ['stairwell', 'building', 'compound'] as const;
export const LockdownLevel = z.enum(LOCKDOWN_LEVELS);
export type LockdownLevelName = z.infer<typeof LockdownLevel>;

export const LOCKDOWN_STATUSES = ['proposed', 'active', 'released', 'dismissed'] as const;
export const LockdownStatus = z.enum(LOCKDOWN_STATUSES);
export type LockdownStatus = z.infer<typeof LockdownStatus>;

export const CaseRecord = z.object({
  dwellingId: Id,
  residentId: Id.nullish(),
  kind: CaseKind,
  reportedOn: LocalDate,
  onsetOn: LocalDate.nullish(),
  /** Where the report came from (the CDC notice, the hospital…); sealed at rest. */
  sourceNote: text(500, { min: 0, multiline: true }).nullish(),
});
export type CaseRecord = z.infer<typeof CaseRecord>;

/** Change a case: confirm a suspected one, exclude it, or close it. */
export const CaseChange = z.object({
  action: z.enum(['confirm', 'exclude', 'close']),
  reason: text(200, { min: 2, multiline: true }),
  version: z.number().int().min(1),
});
export type CaseChange = z.infer<typeof CaseChange>;

export const CaseQuery = PageQuery.extend({
  status: z.enum(['open', 'excluded', 'closed', 'all']).default('open'),
  kind: CaseKind.optional(),
  placeId: Id.optional(),
});

/** A case as listed: the place is shown, the person only masked (need-to-know). */
export const CaseView = z
  .object({
    id: z.number(),
    kind: CaseKind,
    status: z.enum(CASE_STATUSES),
    dwellingId: z.number(),
    placeLabel: z.string(),
    compoundId: z.number(),
    buildingId: z.number(),
    stairwellId: z.number(),
    hasResident: z.boolean(),
    residentMasked: z.string().nullable(),
    reportedOn: LocalDate,
    onsetOn: LocalDate.nullable(),
    recordedAt: Timestamp,
    version: z.number(),
    actions: z.array(z.string()),
  })
  .meta({ id: 'ContainmentCase' });
export type CaseView = z.infer<typeof CaseView>;
export const CasePage = pageOf(CaseView);

export const CaseRevealBody = z.object({ reason: text(200, { min: 2 }) });
/** The personal details of a case, shown once and audited. */
export const CaseRevealed = z.object({
  id: z.number(),
  residentId: z.number().nullable(),
  residentName: z.string().nullable(),
  sourceNote: z.string().nullable(),
});

/** What a change to a case did to the lockdown orders of its compound. */
export const CaseChangeResult = z.object({
  case: CaseView,
  proposed: z.array(z.number()),
  activated: z.array(z.number()),
  superseded: z.array(z.number()),
  rescheduled: z.array(z.number()),
});

export const LockdownOrderQuery = PageQuery.extend({
  status: LockdownStatus.default('active'),
  placeId: Id.optional(),
});

export const LockdownOrderView = z
  .object({
    id: z.number(),
    placeId: z.number(),
    placeLabel: z.string(),
    level: LockdownLevel,
    status: LockdownStatus,
    /** Why it was proposed or made, in both languages, with the rule and threshold or the coordinator's words. */
    reasonText: LocalizedText,
    rule: z.enum(['threshold', 'manual']),
    caseIds: z.array(z.number()),
    startsAt: Timestamp.nullable(),
    releaseAfter: Timestamp.nullable(),
    /** The release criterion and why, e.g. "14 days after the last case (2026-03-02): 2026-03-16". */
    releaseText: LocalizedText.nullable(),
    releaseDue: z.boolean(),
    releasedAt: Timestamp.nullable(),
    closeReason: z.string().nullable(),
    /** The close reason for people: the coordinator's words, or why the system closed it, in both languages. */
    closeReasonText: LocalizedText.nullable(),
    createdAt: Timestamp,
    listVersion: z.number(),
    actions: z.array(z.string()),
  })
  .meta({ id: 'LockdownOrder' });
export type LockdownOrderView = z.infer<typeof LockdownOrderView>;
export const LockdownOrderPage = pageOf(LockdownOrderView).extend({ counts: z.record(LockdownStatus, z.number()) });

export const LockdownOrderAction = z.object({ reason: text(200, { min: 2 }).nullish() });
export const LockdownOrderClose = z.object({ reason: text(200, { min: 2 }) });
export const LockdownOrderCreate = z.object({
  placeId: Id,
  reason: text(200, { min: 2, multiline: true }),
  /** The release date; by default `releaseDays` after today. */
  releaseOn: LocalDate.nullish(),
});

export const ContainmentSettingsSave = z
  .object({
    stairwell: z.number().int().min(1).max(100),
    building: z.number().int().min(1).max(100),
    compound: z.number().int().min(1).max(1000),
    windowDays: z.number().int().min(1).max(60),
    releaseDays: z.number().int().min(1).max(60),
    autoConfirm: z.boolean(),
    countSuspected: z.boolean(),
    version: z.number().int().min(0).optional(),
  })
  .refine((s) => s.stairwell <= s.building && s.building <= s.compound, { message: 'stairwell ≤ building ≤ compound', path: ['building'] });
export type ContainmentSettingsSave = z.infer<typeof ContainmentSettingsSave>;

export const ContainmentSettingsView = z
  .object({
    communityId: z.number(),
    communityName: z.string(),
    stairwell: z.number(),
    building: z.number(),
    compound: z.number(),
    windowDays: z.number(),
    releaseDays: z.number(),
    autoConfirm: z.boolean(),
    countSuspected: z.boolean(),
    isDefault: z.boolean(),
    version: z.number(),
    actions: z.array(z.string()),
  })
  .meta({ id: 'ContainmentSettings' });
export type ContainmentSettingsView = z.infer<typeof ContainmentSettingsView>;

/** The lockdown list gates keep (full, or a delta since a version). */
export const LockdownListQuery = z.object({ since: z.coerce.number().int().min(0).optional() });
export const LockdownListView = z
  .object({
    version: z.number(),
    full: z.boolean(),
    entries: z.array(
      z.object({
        orderId: z.number(),
        placeId: z.number(),
        placePath: z.string(),
        level: z.string(),
        active: z.boolean(),
        releaseAfter: Timestamp.nullable(),
        version: z.number(),
      }),
    ),
  })
  .meta({ id: 'LockdownList' });

const SealState = z.object({ orderId: z.number(), level: LockdownLevel, status: z.enum(['proposed', 'active']), inherited: z.boolean() }).nullable();
export const MapStairwell = z.object({ id: z.number(), name: z.string(), seal: SealState, households: z.number(), residents: z.number(), cases: z.number() });
export const MapBuilding = z.object({
  id: z.number(),
  name: z.string(),
  seal: SealState,
  households: z.number(),
  residents: z.number(),
  cases: z.number(),
  stairwells: z.array(MapStairwell),
});
export const MapCompound = z.object({
  id: z.number(),
  label: z.string(),
  seal: SealState,
  households: z.number(),
  residents: z.number(),
  sealedHouseholds: z.number(),
  sealedResidents: z.number(),
  /** The latest release date of the orders in force here, and the days until it (0 when due). */
  releaseAfter: Timestamp.nullable(),
  daysToRelease: z.number().nullable(),
  buildings: z.array(MapBuilding),
});
export const SealedMap = z.object({ compounds: z.array(MapCompound) }).meta({ id: 'SealedMap' });
export type SealedMap = z.infer<typeof SealedMap>;
export type MapCompound = z.infer<typeof MapCompound>;

/**
 * Cases are health data, seen on a need-to-know basis by coordinators and health workers; which
 * places are sealed is known to everyone who staffs them (gate guards included).
 */
const CONTAINMENT_COORDINATOR = [
  'containment.case.record',
  'containment.case.view',
  'containment.order.view',
  'containment.order.confirm',
  'containment.settings',
] as const;
/** Containment (封控). */
export const containmentAccess = defineAccess(
  'containment',
  ['containment.case.record', 'containment.case.view', 'containment.order.view', 'containment.order.confirm', 'containment.settings'],
  {
    center_coordinator: CONTAINMENT_COORDINATOR,
    department_coordinator: CONTAINMENT_COORDINATOR,
    community_staff: ['containment.order.view'],
    station_staff: ['containment.order.view'],
    property_staff: ['containment.order.view'],
    health_worker: ['containment.case.record', 'containment.case.view', 'containment.order.view'],
    auditor: ['containment.order.view'],
  },
  {
    auditActions: [
      'containment.case.record',
      'containment.case.confirm',
      'containment.case.exclude',
      'containment.case.close',
      'containment.case.reveal',
      'containment.settings.save',
      'containment.order.propose',
      'containment.order.auto_confirm',
      'containment.order.create',
      'containment.order.confirm',
      'containment.order.dismiss',
      'containment.order.release',
      'containment.order.release_due',
      'containment.order.reschedule',
      'containment.order.supersede',
      'containment.order.withdraw',
    ],
    auditEntityTypes: ['containment_case', 'containment_settings', 'lockdown_order'],
  },
);
