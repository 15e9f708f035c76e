import { z } from 'zod';
import { defineAccess } from './roles.js';
import { text } from './text.js';
import { Id, LocalDate, PageQuery, Timestamp, pageOf } from './common.js';

/**
 * Volunteers and the love bank (志愿服务、爱心银行): volunteers and teams; needs published online and
 * served offline (线上点单、线下服务); activities with sign-up, waiting list and check-in by QR; same-day
 * dispatch (应急调度) with quotas per unit; the verified hours ledger (服务时长) derived from evidence;
 * the time bank (爱心银行): accounts in minutes, holds, redemption, transfers, double entry.
 */

/** Service types (服务类别) of needs and teams: 代购、送药、陪诊、保洁、辅导、小修、陪伴与心理疏导、助老、文明协管、其他. */
export const SERVICE_TYPES = [
  'shopping',
  'medicine',
  'hospitalEscort',
  'cleaning',
  'tutoring',
  'repairs',
  'companionship',
  'elderCare',
  'civility',
  'other',
] as const;
export const ServiceType = z.enum(SERVICE_TYPES);
export type ServiceType = z.infer<typeof ServiceType>;

/** The five themes of the year-long programme (seed 003): 健康、绿色、幸福、和谐、清廉. */
export const PROGRAMME_THEMES = ['health', 'green', 'happiness', 'harmony', 'integrity'] as const;
export const ProgrammeTheme = z.enum(PROGRAMME_THEMES);
export type ProgrammeTheme = z.infer<typeof ProgrammeTheme>;

/**
 * open: places left for takers; taken: every place taken; done: every taker marked it served;
 * confirmed: the resident (or staff for them) confirmed, minutes credited; cancelled; expired (window over, never taken).
 */
export const NEED_STATUSES = ['open', 'taken', 'done', 'confirmed', 'cancelled', 'expired'] as const;
export const NeedStatus = z.enum(NEED_STATUSES);
export type NeedStatus = z.infer<typeof NeedStatus>;

/** A taker of a need: taken; done (served, minutes reported); handedOver (to another volunteer); withdrawn; noShow. */
export const TAKER_STATUSES = ['taken', 'done', 'handedOver', 'withdrawn', 'noShow'] as const;
export const TakerStatus = z.enum(TAKER_STATUSES);
export type TakerStatus = z.infer<typeof TakerStatus>;

export const ACTIVITY_STATUSES = ['open', 'confirmed', 'cancelled'] as const;
export const ActivityStatus = z.enum(ACTIVITY_STATUSES);
export type ActivityStatus = z.infer<typeof ActivityStatus>;

/** signedUp: a place; waiting: on the waiting list (`position`); checkedIn / checkedOut: attended; cancelled; absent. */
export const SIGNUP_STATUSES = ['signedUp', 'waiting', 'cancelled', 'checkedIn', 'checkedOut', 'absent'] as const;
export const SignupStatus = z.enum(SIGNUP_STATUSES);
export type SignupStatus = z.infer<typeof SignupStatus>;

export const DISPATCH_STATUSES = ['open', 'filled', 'closed'] as const;
export const DispatchStatus = z.enum(DISPATCH_STATUSES);
export type DispatchStatus = z.infer<typeof DispatchStatus>;

/** Where a verified minute comes from: a need served, an activity attended, a dispatch, a duty shift (the duty module's served minutes). */
export const HOURS_SOURCES = ['need', 'activity', 'dispatch', 'duty'] as const;
export const HoursSource = z.enum(HOURS_SOURCES);
export type HoursSource = z.infer<typeof HoursSource>;

/** pending: waiting for the second person's confirmation; confirmed: counted; rejected: never counted. */
export const HOURS_STATUSES = ['pending', 'confirmed', 'rejected'] as const;
export const HoursStatus = z.enum(HOURS_STATUSES);
export type HoursStatus = z.infer<typeof HoursStatus>;

/** member: a resident's account; pool: a community's pool (grants to elders); issuance / redeemed: the community's contra accounts minutes come from and go to. */
export const BANK_ACCOUNT_KINDS = ['member', 'pool', 'issuance', 'redeemed'] as const;
export const BankAccountKind = z.enum(BANK_ACCOUNT_KINDS);
export type BankAccountKind = z.infer<typeof BankAccountKind>;

export const BANK_POSTING_KINDS = ['earn', 'redeem', 'transfer', 'grant', 'fund', 'reversal'] as const;
export const BankPostingKind = z.enum(BANK_POSTING_KINDS);
export type BankPostingKind = z.infer<typeof BankPostingKind>;

export const HOLD_STATUSES = ['held', 'settled', 'released', 'expired'] as const;
export const HoldStatus = z.enum(HOLD_STATUSES);
export type HoldStatus = z.infer<typeof HoldStatus>;

const Instant = z.iso.datetime({ offset: true });
const Skill = text(20);
const Note = text(500, { min: 0, multiline: true });
const Version = z.number().int().min(1).optional();
const Minutes = z
  .number()
  .int()
  .min(1)
  .max(24 * 60);
const Rating = z.number().int().min(1).max(5);

// ---------------------------------------------------------------------------------------------
// Volunteers and teams (志愿者、志愿服务队)

/**
 * Staff register a volunteer: a resident (`residentId`), a staff account (`userId`, e.g. a unit's
 * employee without a home here) or a person from a unit outside the area (`name` and `phone`, kept encrypted).
 */
export const VolunteerRegister = z
  .object({
    residentId: Id.nullish(),
    userId: Id.nullish(),
    name: text(40).nullish(),
    phone: z
      .string()
      .regex(/^1\d{10}$/, 'mobile number')
      .nullish(),
    /** The area (a community, or a place in one) they serve. */
    placeId: Id,
    employerId: Id.nullish(),
    skills: z.array(Skill).max(10).default([]),
    serviceTypes: z.array(ServiceType).max(10).default([]),
    availability: text(200, { min: 0, multiline: true }).nullish(),
  })
  .refine((v) => (v.residentId ? 1 : 0) + (v.userId ? 1 : 0) + (v.name ? 1 : 0) === 1, {
    message: 'one of residentId, userId or name',
    path: ['residentId'],
  });
export type VolunteerRegister = z.infer<typeof VolunteerRegister>;

/** A resident signed in by phone joins as a volunteer (a party member reported in the duty module brings their skills with one click). */
export const VolunteerJoin = z.object({
  skills: z.array(Skill).max(10).default([]),
  serviceTypes: z.array(ServiceType).max(10).default([]),
  availability: text(200, { min: 0, multiline: true }).nullish(),
  /** Copy the skills and unit of my duty report (党员报到). */
  fromDuty: z.boolean().default(false),
});
export type VolunteerJoin = z.infer<typeof VolunteerJoin>;

export const VolunteerQuery = PageQuery.extend({
  communityId: Id.optional(),
  teamId: Id.optional(),
  employerId: Id.optional(),
  serviceType: ServiceType.optional(),
  q: text(20).optional(),
});

export const VolunteerView = z
  .object({
    id: z.number(),
    name: z.string(),
    /** Masked: `*******8000`. */
    phoneMasked: z.string().nullable(),
    residentId: z.number().nullable(),
    userId: z.number().nullable(),
    communityId: z.number(),
    communityName: z.string(),
    employerId: z.number().nullable(),
    employerName: z.string().nullable(),
    skills: z.array(z.string()),
    serviceTypes: z.array(ServiceType),
    availability: z.string().nullable(),
    teams: z.array(z.object({ id: z.number(), name: z.string(), leader: z.boolean() })),
    /** Confirmed minutes in the ledger (all time). */
    confirmedMinutes: z.number(),
    fromDuty: z.boolean(),
    active: z.boolean(),
    createdAt: Timestamp,
    version: z.number(),
  })
  .meta({ id: 'Volunteer' });
export type VolunteerView = z.infer<typeof VolunteerView>;
export const VolunteerPage = pageOf(VolunteerView);

/** The printable volunteer card: a signed QR token naming the volunteer. */
export const VolunteerCard = z.object({
  volunteerId: z.number(),
  name: z.string(),
  communityName: z.string(),
  teams: z.array(z.string()),
  token: z.string(),
  validUntil: Timestamp,
});

export const VolTeamCreate = z.object({
  name: text(60),
  serviceType: ServiceType,
  /** The area: a community or a place in one. */
  placeId: Id,
  leaderVolunteerIds: z.array(Id).max(5).default([]),
});
export type VolTeamCreate = z.infer<typeof VolTeamCreate>;
export const VolTeamMemberAdd = z.object({ volunteerId: Id, leader: z.boolean().default(false) });
export const VolTeamQuery = PageQuery.extend({ communityId: Id.optional(), serviceType: ServiceType.optional() });
export const VolTeamView = z
  .object({
    id: z.number(),
    name: z.string(),
    serviceType: ServiceType,
    placeId: z.number(),
    placeLabel: z.string(),
    communityId: z.number(),
    members: z.array(z.object({ volunteerId: z.number(), name: z.string(), leader: z.boolean() })),
    memberCount: z.number(),
    confirmedMinutes: z.number(),
    createdAt: Timestamp,
  })
  .meta({ id: 'VolunteerTeam' });
export type VolTeamView = z.infer<typeof VolTeamView>;
export const VolTeamPage = pageOf(VolTeamView);

// ---------------------------------------------------------------------------------------------
// Needs (需求: 线上点单、线下服务)

/** Pay for the service with time-bank minutes: a hold on the account (the member's own, or one they may spend for) until it is served. */
export const NeedRedeem = z.object({ accountId: Id, minutes: Minutes });

/** A resident publishes a need from the phone (for themselves; `redeem` pays with time-bank minutes). */
export const NeedPublish = z.object({
  category: ServiceType,
  title: text(60),
  notes: Note.nullish(),
  /** Where the service happens: text the volunteer reads (an address inside the area, a hospital…). */
  place: text(120, { min: 0 }).nullish(),
  windowStart: Instant,
  windowEnd: Instant,
  /** How many volunteers it asks for (one taker unless more). */
  takersNeeded: z.number().int().min(1).max(10).default(1),
  /** Elder care (助老): its minutes also earn the server love-bank minutes. By default when the category is elderCare. */
  elderCare: z.boolean().nullish(),
  redeem: NeedRedeem.nullish(),
});
export type NeedPublish = z.infer<typeof NeedPublish>;

/** Staff or a grid worker publish on behalf of a resident without a phone (recorded as such, audited). */
export const NeedPublishOnBehalf = NeedPublish.extend({ residentId: Id });
export type NeedPublishOnBehalf = z.infer<typeof NeedPublishOnBehalf>;

export const NeedQuery = PageQuery.extend({
  communityId: Id.optional(),
  status: z.enum([...NEED_STATUSES, 'all', 'active']).default('active'),
  category: ServiceType.optional(),
  teamId: Id.optional(),
});
export const OpenNeedQuery = PageQuery.extend({ category: ServiceType.optional() });

export const NeedTakerView = z.object({
  id: z.number(),
  volunteerId: z.number(),
  name: z.string(),
  status: TakerStatus,
  takenAt: Timestamp,
  doneAt: Timestamp.nullable(),
  minutes: z.number().nullable(),
  doneNote: z.string().nullable(),
  /** The resident's rating of the volunteer, and the volunteer's of the visit. */
  ratingByResident: z.number().nullable(),
  ratingByVolunteer: z.number().nullable(),
});
export type NeedTakerView = z.infer<typeof NeedTakerView>;

export const NeedView = z
  .object({
    id: z.number(),
    category: ServiceType,
    title: z.string(),
    notes: z.string().nullable(),
    place: z.string().nullable(),
    /** The resident's community and (masked) name: volunteers see the given name's first character only. */
    residentName: z.string(),
    communityId: z.number(),
    communityName: z.string(),
    windowStart: Timestamp,
    windowEnd: Timestamp,
    takersNeeded: z.number(),
    takers: z.number(),
    elderCare: z.boolean(),
    status: NeedStatus,
    /** Published by staff for a resident without a phone. */
    onBehalf: z.boolean(),
    /** The teams of that service type and area it went to. */
    teamIds: z.array(z.number()),
    /** Minutes held on a time-bank account to pay for it. */
    redeemMinutes: z.number().nullable(),
    takeBy: Timestamp,
    takenAt: Timestamp.nullable(),
    confirmedAt: Timestamp.nullable(),
    cancelReason: z.string().nullable(),
    createdAt: Timestamp,
    takerList: z.array(NeedTakerView),
    version: z.number(),
    /** What the caller may do: take, done, confirm, rate, cancel, handOver, noShow. */
    actions: z.array(z.string()),
  })
  .meta({ id: 'VolunteerNeed' });
export type NeedView = z.infer<typeof NeedView>;
/** With counts per status (statuses without needs are left out). */
export const NeedPage = pageOf(NeedView).extend({ counts: z.record(z.string(), z.number()) });

/** A taker marks the service done: the minutes served (verified when the resident confirms), a note, an optional photo (an upload id). */
export const NeedDone = z.object({ minutes: Minutes, note: Note.nullish(), photoId: Id.nullish() });
/** The resident (or staff, for a resident without a phone) confirms; the done takers' minutes are credited. */
export const NeedConfirm = z.object({ version: Version });
/** Both sides rate: the resident rates each taker; a taker rates the visit. */
export const NeedRate = z.object({ rating: Rating, comment: text(200, { min: 0 }).nullish(), volunteerId: Id.nullish() });
export const NeedCancel = z.object({ reason: text(200, { min: 2 }) });
/** A taker hands the need over to another volunteer (who takes their place), or gives it back (`toVolunteerId` null). */
export const NeedHandOver = z.object({ toVolunteerId: Id.nullish(), reason: text(200, { min: 0 }).nullish() });
/** Staff mark a taker who never came: their place is open again. */
export const NeedNoShow = z.object({ volunteerId: Id });

// ---------------------------------------------------------------------------------------------
// Activities and the programme (活动、年度行动)

export const ActivityCreate = z.object({
  title: text(60),
  description: Note.nullish(),
  /** A community or a place in one. */
  placeId: Id,
  venue: text(120, { min: 0 }).nullish(),
  theme: ProgrammeTheme.nullish(),
  serviceType: ServiceType.nullish(),
  startsAt: Instant,
  endsAt: Instant,
  capacity: z.number().int().min(1).max(2000),
  teamId: Id.nullish(),
  programmeId: Id.nullish(),
});
export type ActivityCreate = z.infer<typeof ActivityCreate>;
export const ActivityQuery = PageQuery.extend({
  communityId: Id.optional(),
  from: Instant.optional(),
  to: Instant.optional(),
  status: z.enum([...ACTIVITY_STATUSES, 'all']).default('all'),
  programmeId: Id.optional(),
});

export const SignupView = z.object({
  id: z.number(),
  activityId: z.number(),
  volunteerId: z.number(),
  name: z.string(),
  status: SignupStatus,
  position: z.number().nullable(),
  checkedInAt: Timestamp.nullable(),
  checkedOutAt: Timestamp.nullable(),
  /** From check-in and check-out, within the activity; never typed in. */
  minutes: z.number().nullable(),
  createdAt: Timestamp,
});
export type SignupView = z.infer<typeof SignupView>;

export const ActivityView = z
  .object({
    id: z.number(),
    title: z.string(),
    description: z.string().nullable(),
    placeId: z.number(),
    placeLabel: z.string(),
    communityId: z.number(),
    venue: z.string().nullable(),
    theme: ProgrammeTheme.nullable(),
    serviceType: ServiceType.nullable(),
    startsAt: Timestamp,
    endsAt: Timestamp,
    capacity: z.number(),
    signedUp: z.number(),
    waiting: z.number(),
    attended: z.number(),
    status: ActivityStatus,
    teamId: z.number().nullable(),
    programmeId: z.number().nullable(),
    organiserName: z.string().nullable(),
    /** The caller's own sign-up (a volunteer's page). */
    mySignup: SignupView.nullable(),
    confirmedAt: Timestamp.nullable(),
    createdAt: Timestamp,
    actions: z.array(z.string()),
  })
  .meta({ id: 'VolunteerActivity' });
export type ActivityView = z.infer<typeof ActivityView>;
export const ActivityPage = pageOf(ActivityView);
export const ActivityDetail = ActivityView.extend({ signups: z.array(SignupView) }).meta({ id: 'VolunteerActivityDetail' });

/** Signing up when full joins the waiting list unless `waitlist` is false (then 409 VOL_ACTIVITY_FULL). */
export const SignupCreate = z.object({ waitlist: z.boolean().default(true) });
/** The activity's check-in QR code (shown at the venue): a signed token naming the activity. */
export const ActivityQr = z.object({ activityId: z.number(), token: z.string(), validUntil: Timestamp });
/** The volunteer scans the activity's code: checks in, or out when checked in. */
export const ActivityScan = z.object({ token: z.string().min(10).max(2000) });

/** A programme (年度行动): themes × areas × periods, each cell expecting so many activities. */
export const ProgrammeCreate = z.object({
  name: text(60),
  year: z.number().int().min(2000).max(2100),
  themes: z.array(ProgrammeTheme).min(1).max(5),
  /** The areas (communities or places in them). */
  placeIds: z.array(Id).min(1).max(100),
  /** Period length in months (every two months: 2). */
  periodMonths: z.number().int().min(1).max(12).default(2),
  activitiesPerCell: z.number().int().min(1).max(20).default(1),
});
export type ProgrammeCreate = z.infer<typeof ProgrammeCreate>;
export const ProgrammeCell = z.object({
  theme: ProgrammeTheme,
  placeId: z.number(),
  placeLabel: z.string(),
  periodStart: LocalDate,
  periodEnd: LocalDate,
  expected: z.number(),
  held: z.number(),
  missing: z.number(),
});
export const ProgrammeView = z
  .object({
    id: z.number(),
    name: z.string(),
    year: z.number(),
    themes: z.array(ProgrammeTheme),
    periodMonths: z.number(),
    activitiesPerCell: z.number(),
    cells: z.array(ProgrammeCell),
    expected: z.number(),
    held: z.number(),
    createdAt: Timestamp,
  })
  .meta({ id: 'VolunteerProgramme' });
export type ProgrammeView = z.infer<typeof ProgrammeView>;
export const ProgrammePage = pageOf(ProgrammeView);

// ---------------------------------------------------------------------------------------------
// Same-day dispatch (应急调度)

export const DispatchCreate = z.object({
  title: text(60),
  note: Note.nullish(),
  placeId: Id,
  startsAt: Instant,
  endsAt: Instant,
  /** How many people from each unit (二级单位). */
  quotas: z
    .array(z.object({ employerId: Id, quota: z.number().int().min(1).max(500) }))
    .min(1)
    .max(100),
});
export type DispatchCreate = z.infer<typeof DispatchCreate>;
export const DispatchQuery = PageQuery.extend({ status: z.enum([...DISPATCH_STATUSES, 'all']).default('all') });
/** A unit's liaison names people of their unit (volunteers on file). */
export const DispatchAnswer = z.object({ volunteerIds: z.array(Id).min(1).max(500) });
/** The coordinator closes the dispatch with who was there: their minutes are the dispatch's window (verified by the coordinator). */
export const DispatchClose = z.object({ attendedPersonIds: z.array(Id).max(5000) });

export const DispatchPersonView = z.object({
  id: z.number(),
  volunteerId: z.number(),
  name: z.string(),
  employerId: z.number(),
  status: z.enum(['named', 'attended', 'absent']),
  namedAt: Timestamp,
  minutes: z.number().nullable(),
});
export const DispatchView = z
  .object({
    id: z.number(),
    title: z.string(),
    note: z.string().nullable(),
    placeId: z.number(),
    placeLabel: z.string(),
    startsAt: Timestamp,
    endsAt: Timestamp,
    needed: z.number(),
    filled: z.number(),
    status: DispatchStatus,
    quotas: z.array(z.object({ employerId: z.number(), employerName: z.string(), quota: z.number(), filled: z.number() })),
    people: z.array(DispatchPersonView),
    createdAt: Timestamp,
    filledAt: Timestamp.nullable(),
    actions: z.array(z.string()),
  })
  .meta({ id: 'VolunteerDispatch' });
export type DispatchView = z.infer<typeof DispatchView>;
export const DispatchPage = pageOf(DispatchView);

// ---------------------------------------------------------------------------------------------
// One-to-one pairings (结对帮扶)

export const PairingCreate = z.object({ volunteerId: Id, residentId: Id, visitEveryDays: z.number().int().min(1).max(90).default(7), note: Note.nullish() });
export type PairingCreate = z.infer<typeof PairingCreate>;
export const PairingView = z
  .object({
    id: z.number(),
    volunteerId: z.number(),
    volunteerName: z.string(),
    residentId: z.number(),
    residentName: z.string(),
    communityId: z.number(),
    visitEveryDays: z.number(),
    note: z.string().nullable(),
    startedAt: Timestamp,
    endedAt: Timestamp.nullable(),
  })
  .meta({ id: 'VolunteerPairing' });
export const PairingPage = pageOf(PairingView);
export const PairingQuery = PageQuery.extend({ communityId: Id.optional(), active: z.stringbool().default(true) });

// ---------------------------------------------------------------------------------------------
// The hours ledger (服务时长): append-only, each entry pointing at its evidence

export const HoursEntryView = z
  .object({
    id: z.number(),
    volunteerId: z.number(),
    volunteerName: z.string(),
    source: HoursSource,
    /** The evidence: the need taker, sign-up, dispatch person or duty claim. */
    sourceId: z.number(),
    /** Negative for a reversal. */
    minutes: z.number(),
    servedAt: Timestamp,
    status: HoursStatus,
    elderCare: z.boolean(),
    /** The entry this one reverses (a correction), or null. */
    reversesId: z.number().nullable(),
    reversedById: z.number().nullable(),
    reason: z.string().nullable(),
    verifiedByName: z.string().nullable(),
    verifiedAt: Timestamp.nullable(),
    communityId: z.number(),
    employerId: z.number().nullable(),
    createdAt: Timestamp,
    actions: z.array(z.string()),
  })
  .meta({ id: 'VolunteerHoursEntry' });
export type HoursEntryView = z.infer<typeof HoursEntryView>;
export const HoursPage = pageOf(HoursEntryView);
export const HoursQuery = PageQuery.extend({
  volunteerId: Id.optional(),
  communityId: Id.optional(),
  status: z.enum([...HOURS_STATUSES, 'all']).default('all'),
  source: HoursSource.optional(),
  from: LocalDate.optional(),
  to: LocalDate.optional(),
});
export const HoursReverse = z.object({ reason: text(200, { min: 2 }) });
export const HoursDecision = z.object({ reject: z.boolean().default(false), reason: text(200, { min: 0 }).nullish() });

/** A statement: confirmed minutes grouped by person, team, unit or month over a period. */
export const StatementQuery = z.object({
  by: z.enum(['person', 'team', 'unit', 'month']).default('person'),
  from: LocalDate,
  to: LocalDate,
  communityId: Id.optional(),
});
export const StatementRow = z.object({ key: z.string(), label: z.string(), minutes: z.number(), entries: z.number(), people: z.number() });
export const HoursStatement = z
  .object({ by: z.string(), from: LocalDate, to: LocalDate, rows: z.array(StatementRow), totalMinutes: z.number() })
  .meta({ id: 'VolunteerHoursStatement' });
export type HoursStatement = z.infer<typeof HoursStatement>;

// ---------------------------------------------------------------------------------------------
// The love bank (爱心银行): minutes in double entry

export const BankAccountView = z
  .object({
    id: z.number(),
    kind: BankAccountKind,
    residentId: z.number().nullable(),
    holderName: z.string(),
    communityId: z.number(),
    balance: z.number(),
    held: z.number(),
    /** balance − held: what may be spent now. */
    available: z.number(),
    /** The balance may not go below this (null: the community's issuance account, unlimited). */
    floor: z.number().nullable(),
    /** Family members this member named, who may spend for them. */
    delegates: z.array(z.object({ residentId: z.number(), name: z.string() })),
  })
  .meta({ id: 'VolunteerBankAccount' });
export type BankAccountView = z.infer<typeof BankAccountView>;
export const BankAccountPage = pageOf(BankAccountView);
export const BankAccountQuery = PageQuery.extend({ communityId: Id.optional(), kind: BankAccountKind.optional() });

export const BankLineView = z.object({
  postingId: z.number(),
  kind: BankPostingKind,
  /** Signed: credit positive, debit negative. */
  amount: z.number(),
  balanceAfter: z.number(),
  memo: z.string().nullable(),
  reversesId: z.number().nullable(),
  postedAt: Timestamp,
});
export const HoldView = z.object({
  id: z.number(),
  accountId: z.number(),
  minutes: z.number(),
  status: HoldStatus,
  needId: z.number().nullable(),
  expiresAt: Timestamp,
  createdAt: Timestamp,
  closedAt: Timestamp.nullable(),
});
export type HoldView = z.infer<typeof HoldView>;
export const BankStatementQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() });
export const BankStatement = z
  .object({
    account: BankAccountView,
    year: z.number(),
    opening: z.number(),
    closing: z.number(),
    earned: z.number(),
    spent: z.number(),
    lines: z.array(BankLineView),
    holds: z.array(HoldView),
  })
  .meta({ id: 'VolunteerBankStatement' });
export type BankStatement = z.infer<typeof BankStatement>;

/** My love bank: my account, its holds, and the accounts of family members who named me. */
export const MyBank = z
  .object({ account: BankAccountView.nullable(), holds: z.array(HoldView), maySpendFor: z.array(BankAccountView) })
  .meta({ id: 'VolunteerMyBank' });
export type MyBank = z.infer<typeof MyBank>;
/** A member names a family member of their household who may spend their minutes. */
export const BankDelegateAdd = z.object({ residentId: Id });
/** A transfer to a family member (same household). */
export const BankTransfer = z.object({ toResidentId: Id, minutes: z.number().int().min(1).max(100000), memo: text(100, { min: 0 }).nullish() });
/** A grant from the community's pool to an elder in home care. */
export const BankGrant = z.object({ toResidentId: Id, minutes: z.number().int().min(1).max(100000), memo: text(100) });
/** The community's pool funded (from its issuance account), e.g. donated minutes. */
export const BankFund = z.object({ communityId: Id, minutes: z.number().int().min(1).max(1000000), memo: text(100) });
export const BankReverse = z.object({ reason: text(200, { min: 2 }) });
export const BankPostingView = z
  .object({
    id: z.number(),
    kind: BankPostingKind,
    memo: z.string().nullable(),
    reversesId: z.number().nullable(),
    lines: z.array(z.object({ accountId: z.number(), amount: z.number() })),
    postedAt: Timestamp,
  })
  .meta({ id: 'VolunteerBankPosting' });
export type BankPostingView = z.infer<typeof BankPostingView>;

// ---------------------------------------------------------------------------------------------
// Recognition (优秀志愿者评选)

export const AWARD_METRICS = ['minutes', 'needsServed', 'averageRating'] as const;
export const AwardMetric = z.enum(AWARD_METRICS);
export const AwardRuleSave = z.object({
  name: text(60),
  /** Every criterion must be met. */
  criteria: z
    .array(z.object({ metric: AwardMetric, atLeast: z.number().min(0).max(1000000) }))
    .min(1)
    .max(3),
});
export type AwardRuleSave = z.infer<typeof AwardRuleSave>;
export const AwardRuleView = z
  .object({ id: z.number(), name: z.string(), criteria: AwardRuleSave.shape.criteria, createdAt: Timestamp })
  .meta({ id: 'VolunteerAwardRule' });
export const AwardPropose = z.object({ from: LocalDate, to: LocalDate, communityId: Id.optional() });
export const AwardView = z
  .object({
    id: z.number(),
    ruleId: z.number(),
    ruleName: z.string(),
    volunteerId: z.number(),
    volunteerName: z.string(),
    periodFrom: LocalDate,
    periodTo: LocalDate,
    /** Why they qualified: each criterion with their figure. */
    reason: z.array(z.object({ metric: AwardMetric, atLeast: z.number(), value: z.number() })),
    status: z.enum(['proposed', 'confirmed']),
    confirmedAt: Timestamp.nullable(),
  })
  .meta({ id: 'VolunteerAward' });
export type AwardView = z.infer<typeof AwardView>;
export const AwardPage = pageOf(AwardView);

// ---------------------------------------------------------------------------------------------
// The volunteer's own page

export const MyVolunteer = z
  .object({
    volunteer: VolunteerView.nullable(),
    /** Confirmed and pending minutes: all time, this year, this month. */
    minutes: z.object({ confirmed: z.number(), pending: z.number(), thisYear: z.number(), thisMonth: z.number() }),
    /** My love-bank account's available minutes, if I have one. */
    bankAvailable: z.number().nullable(),
    tasks: z.array(NeedView),
    activities: z.array(ActivityView),
  })
  .meta({ id: 'MyVolunteer' });
export type MyVolunteer = z.infer<typeof MyVolunteer>;

/** Live events on the `volunteers` topic: `volunteers.changed` with `{ change, needId?, activityId?, dispatchId?, filled?, needed? }`; ids and counts only. */
export const VOLUNTEERS_TOPIC = 'volunteers';
export const VOLUNTEERS_LIVE_EVENT = 'volunteers.changed';

// ---------------------------------------------------------------------------------------------
// Errors

export const VOLUNTEERS_ERRORS = {
  VOL_NOT_A_VOLUNTEER: { status: 409, zh: '您还不是登记在册的志愿者', en: 'You are not a registered volunteer' },
  VOL_ALREADY_VOLUNTEER: { status: 409, zh: '此人已是志愿者', en: 'This person is already a volunteer' },
  VOL_NOT_IN_COMMUNITY: { status: 400, zh: '请选择社区或社区之下的区域', en: 'Choose a community or a place inside one' },
  VOL_WINDOW: {
    status: 400,
    zh: '时间不正确：结束须晚于开始，不能在过去，最长7天',
    en: 'The times are not valid: the end after the start, not in the past, at most 7 days',
  },
  VOL_NEED_TAKEN: { status: 409, zh: '该需求已被其他志愿者认领', en: 'Another volunteer has already taken this need' },
  VOL_NEED_STATE: { status: 409, zh: '该需求当前状态不能执行此操作：{state}', en: 'This need cannot do that in its current state: {state}' },
  VOL_ALREADY_TAKEN_BY_YOU: { status: 409, zh: '您已认领该需求', en: 'You have already taken this need' },
  VOL_NOT_YOUR_NEED: { status: 403, zh: '这不是您发布的需求', en: 'This is not your need' },
  VOL_NOT_A_TAKER: { status: 409, zh: '您没有认领该需求', en: 'You have not taken this need' },
  VOL_OWN_NEED: { status: 409, zh: '不能认领自己发布的需求', en: 'You cannot take your own need' },
  VOL_MINUTES_TOO_MANY: {
    status: 400,
    zh: '服务时长不能超过需求的时间段（{max}分钟）',
    en: 'The minutes served cannot exceed the need’s time window ({max} minutes)',
  },
  VOL_ALREADY_RATED: { status: 409, zh: '已评价过', en: 'Already rated' },
  VOL_HAND_OVER_TARGET: { status: 400, zh: '请选择另一位未认领该需求的志愿者', en: 'Choose another volunteer who has not taken this need' },
  VOL_ACTIVITY_FULL: { status: 409, zh: '该活动已满员', en: 'This activity is full' },
  VOL_ACTIVITY_STATE: { status: 409, zh: '该活动当前状态不能执行此操作：{state}', en: 'This activity cannot do that in its current state: {state}' },
  VOL_ALREADY_SIGNED_UP: { status: 409, zh: '您已报名或在候补名单中', en: 'You have already signed up or are on the waiting list' },
  VOL_SIGNUP_STATE: { status: 409, zh: '该报名当前状态不能执行此操作：{state}', en: 'This sign-up cannot do that in its current state: {state}' },
  VOL_CHECK_IN_WINDOW: {
    status: 409,
    zh: '不在签到时间内（活动开始前{minutes}分钟至结束）',
    en: 'Not within the check-in window ({minutes} minutes before the start until the end)',
  },
  VOL_QR_INVALID: { status: 400, zh: '活动二维码无效或已过期', en: 'The activity’s QR code is not valid or has expired' },
  VOL_NOT_SIGNED_UP: { status: 409, zh: '您没有报名该活动', en: 'You have not signed up for this activity' },
  VOL_QUOTA_FULL: { status: 409, zh: '本单位名额已满（{quota}人）', en: 'Your unit’s quota is full ({quota} people)' },
  VOL_NOT_YOUR_UNIT: { status: 400, zh: '只能派出本单位的志愿者', en: 'Only volunteers of your own unit can be named' },
  VOL_NO_QUOTA: { status: 409, zh: '本次调度没有给您的单位分配名额', en: 'This dispatch has no quota for your unit' },
  VOL_DISPATCH_CLOSED: { status: 409, zh: '该调度已结束', en: 'This dispatch is over' },
  VOL_ALREADY_NAMED: { status: 409, zh: '该志愿者已在本次调度名单中', en: 'This volunteer is already on the dispatch' },
  VOL_HOURS_STATE: { status: 409, zh: '该时长记录当前状态不能执行此操作：{state}', en: 'This hours entry cannot do that in its current state: {state}' },
  VOL_REVERSAL_OF_REVERSAL: { status: 409, zh: '冲正记录不能再冲正', en: 'A reversal cannot itself be reversed' },
  VOL_ALREADY_REVERSED: { status: 409, zh: '该记录已冲正', en: 'This entry has already been reversed' },
  VOL_OWN_VERIFICATION: { status: 409, zh: '不能核实自己的服务时长', en: 'You cannot verify your own service minutes' },
  VOL_INSUFFICIENT_MINUTES: {
    status: 409,
    zh: '可用时间不足：可用{available}分钟，需要{minutes}分钟',
    en: 'Not enough minutes: {available} available, {minutes} needed',
  },
  VOL_NO_ACCOUNT: { status: 409, zh: '尚未开立爱心银行账户', en: 'No love-bank account has been opened' },
  VOL_NOT_YOUR_ACCOUNT: { status: 403, zh: '您不能使用该账户', en: 'You may not use this account' },
  VOL_NOT_FAMILY: { status: 400, zh: '只能转给同户的家庭成员', en: 'Only to a family member of the same household' },
  VOL_DATE_RANGE: {
    status: 400,
    zh: '日期范围不正确：开始不晚于结束，最长一年',
    en: 'The date range is not valid: the start not after the end, at most a year',
  },
  VOL_NOT_STAFF_OF_COMMUNITY: { status: 400, zh: '请选择本社区之内的人员', en: 'Choose someone in this community' },
} as const;
export type VolunteersErrorCode = keyof typeof VOLUNTEERS_ERRORS;

// ---------------------------------------------------------------------------------------------
// Access

const VOL_ALL = [
  'volunteers.read',
  'volunteers.manage',
  'volunteers.need.manage',
  'volunteers.dispatch',
  'volunteers.dispatch.answer',
  'volunteers.hours.verify',
  'volunteers.hours.export',
  'volunteers.bank.read',
  'volunteers.bank.manage',
  'volunteers.award.manage',
] as const;

/** Everything but answering a dispatch for a unit (the unit's liaison's; a coordinator may record names for any unit of a dispatch in their scope). */
const VOL_STAFF = VOL_ALL.filter((p) => p !== 'volunteers.dispatch.answer');

/**
 * Volunteers (志愿服务、爱心银行): coordinators and community staff run it; station staff run their
 * area's needs, activities and hours; an employer's liaison answers dispatches with people of their unit;
 * auditors read. Volunteers and residents act for themselves (`/volunteers/my/...`): a resident signed in
 * by phone, or a staff account registered as a volunteer.
 */
export const volunteersAccess = defineAccess(
  'volunteers',
  VOL_ALL,
  {
    center_coordinator: VOL_ALL,
    department_coordinator: VOL_ALL,
    community_staff: VOL_STAFF,
    station_staff: ['volunteers.read', 'volunteers.manage', 'volunteers.need.manage', 'volunteers.hours.verify', 'volunteers.bank.read'],
    employer_liaison: ['volunteers.dispatch.answer'],
    auditor: ['volunteers.read', 'volunteers.bank.read'],
  },
  {
    auditActions: [
      'volunteers.volunteer.register',
      'volunteers.volunteer.join',
      'volunteers.team.create',
      'volunteers.team.addMember',
      'volunteers.need.publish',
      'volunteers.need.publishOnBehalf',
      'volunteers.need.take',
      'volunteers.need.done',
      'volunteers.need.confirm',
      'volunteers.need.rate',
      'volunteers.need.cancel',
      'volunteers.need.handOver',
      'volunteers.need.noShow',
      'volunteers.need.expire',
      'volunteers.activity.create',
      'volunteers.activity.signUp',
      'volunteers.activity.cancelSignup',
      'volunteers.activity.promote',
      'volunteers.activity.checkIn',
      'volunteers.activity.checkOut',
      'volunteers.activity.confirm',
      'volunteers.programme.create',
      'volunteers.dispatch.create',
      'volunteers.dispatch.answer',
      'volunteers.dispatch.close',
      'volunteers.pairing.create',
      'volunteers.pairing.end',
      'volunteers.hours.confirm',
      'volunteers.hours.reject',
      'volunteers.hours.reverse',
      'volunteers.hours.export',
      'volunteers.bank.open',
      'volunteers.bank.earn',
      'volunteers.bank.hold',
      'volunteers.bank.settle',
      'volunteers.bank.release',
      'volunteers.bank.transfer',
      'volunteers.bank.grant',
      'volunteers.bank.fund',
      'volunteers.bank.reverse',
      'volunteers.bank.delegate',
      'volunteers.award.ruleSave',
      'volunteers.award.propose',
      'volunteers.award.confirm',
    ],
    auditEntityTypes: [
      'volunteer',
      'volunteer_team',
      'volunteer_need',
      'volunteer_activity',
      'volunteer_signup',
      'volunteer_programme',
      'volunteer_dispatch',
      'volunteer_pairing',
      'volunteer_hours',
      'bank_account',
      'bank_posting',
      'bank_hold',
      'volunteer_award_rule',
      'volunteer_award',
    ],
  },
);
