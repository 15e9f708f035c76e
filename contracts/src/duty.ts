import { z } from 'zod';
import { defineAccess } from './roles.js';
import { text } from './text.js';
import { Id, LocalDate, PageQuery, Timestamp, pageOf } from './common.js';

/**
 * Duty and mobilisation (党员报到、岗位认领、社区吹哨、“2+1”楼栋包保): party members report to the
 * community where they live, claim shifts of duty posts, answer call-ups; served minutes are
 * computed from check-in and check-out.
 */

/** The ten duty roles of seed 004: 宣传员、巡查员、劝导员、信息员、辅导员、检车员、检疫员、守门员、采购员、处置员. */
export const DUTY_ROLES = [
  'publicity',
  'patrol',
  'persuasion',
  'information',
  'tutoring',
  'vehicleCheck',
  'quarantine',
  'gatekeeper',
  'purchasing',
  'disposal',
] as const;
export const DutyRole = z.enum(DUTY_ROLES);
export type DutyRole = z.infer<typeof DutyRole>;

/** reported: waiting for the community to confirm the residence; confirmed: may claim; rejected: not living here (with a reason). */
export const MEMBER_STATUSES = ['reported', 'confirmed', 'rejected'] as const;
export const MemberStatus = z.enum(MEMBER_STATUSES);
export type MemberStatus = z.infer<typeof MemberStatus>;

/** What kind of place a post stands at. */
export const POST_KINDS = ['gate', 'checkpoint', 'building', 'stairwell', 'area'] as const;
export const PostKind = z.enum(POST_KINDS);
export type PostKind = z.infer<typeof PostKind>;

/**
 * held: a place on the shift; waiting: on its waiting list (`position`); cancelled; checkedIn /
 * checkedOut: on duty / done (served minutes computed); noShow: held but never checked in.
 */
export const CLAIM_STATUSES = ['held', 'waiting', 'cancelled', 'checkedIn', 'checkedOut', 'noShow'] as const;
export const ClaimStatus = z.enum(CLAIM_STATUSES);
export type ClaimStatus = z.infer<typeof ClaimStatus>;

export const CALL_UP_STATUSES = ['open', 'filled', 'closed'] as const;
export const CallUpStatus = z.enum(CALL_UP_STATUSES);
export type CallUpStatus = z.infer<typeof CallUpStatus>;

/** Gate shift templates: three 8-hour shifts a day, or two 12-hour. */
export const SHIFT_PATTERNS = ['3x8', '2x12'] as const;
export const ShiftPattern = z.enum(SHIFT_PATTERNS);

const Skill = text(20);
const Availability = text(200, { min: 0, multiline: true });
const Instant = z.iso.datetime({ offset: true });
const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');
const Version = z.number().int().min(1).optional();

// ---------------------------------------------------------------------------------------------
// Members (党员报到)

/** A resident signed in by phone reports to the community they live in. Sent again while reported or rejected, it updates the report. */
export const MemberReport = z.object({
  /** The employer unit (二级单位) they work for; by default the registry's. */
  employerId: Id.nullish(),
  /** Their party organisation (党组织), as they name it. */
  partyOrganisation: text(80, { min: 0 }).nullish(),
  skills: z.array(Skill).max(10).default([]),
  roles: z.array(DutyRole).max(10).default([]),
  availability: Availability.nullish(),
});
export type MemberReport = z.infer<typeof MemberReport>;

/** Staff register a resident as a reported member (the same fields, and which resident). */
export const MemberRegister = MemberReport.extend({ residentId: Id });
export type MemberRegister = z.infer<typeof MemberRegister>;

export const MemberDecision = z.object({ version: Version });
export const MemberReject = z.object({ reason: text(200, { min: 2 }), version: Version });

export const MemberQuery = PageQuery.extend({
  communityId: Id.optional(),
  employerId: Id.optional(),
  role: DutyRole.optional(),
  status: z.enum([...MEMBER_STATUSES, 'all']).default('all'),
  /** The start of the name. */
  q: text(20).optional(),
});

export const MemberView = z
  .object({
    id: z.number(),
    residentId: z.number(),
    name: z.string(),
    /** Masked: `*******8000`. */
    phoneMasked: z.string().nullable(),
    communityId: z.number(),
    communityName: z.string(),
    employerId: z.number().nullable(),
    employerName: z.string().nullable(),
    partyOrganisation: z.string().nullable(),
    skills: z.array(z.string()),
    roles: z.array(DutyRole),
    availability: z.string().nullable(),
    status: MemberStatus,
    rejectReason: z.string().nullable(),
    reportedAt: Timestamp,
    confirmedAt: Timestamp.nullable(),
    /** Staff registered them on their behalf (not reported from their own phone). */
    registeredByStaff: z.boolean(),
    /** Minutes served so far (checked out). */
    servedMinutes: z.number(),
    version: z.number(),
    actions: z.array(z.string()),
  })
  .meta({ id: 'DutyMember' });
export type MemberView = z.infer<typeof MemberView>;
export const MemberPage = pageOf(MemberView).extend({ counts: z.record(MemberStatus, z.number()) });

// ---------------------------------------------------------------------------------------------
// Posts and shifts (岗位、班次)

export const PostCreate = z.object({
  /** A gate or checkpoint, a building, a stairwell, or any place as an area: the registry's place id. */
  placeId: Id,
  kind: PostKind,
  name: text(60),
  role: DutyRole,
  /** The staff user responsible (their to-dos get unfilled shifts); by default the creator. */
  ownerUserId: Id.nullish(),
  /** A work team that took this post. */
  teamId: Id.nullish(),
});
export type PostCreate = z.infer<typeof PostCreate>;

/** Edit a post: its name, kind (checked against its place), role, owner and team (`null`: none). The place stays (its shifts and claims are there). */
export const PostUpdate = PostCreate.omit({ placeId: true })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'at least one field');
export type PostUpdate = z.infer<typeof PostUpdate>;

export const PostQuery = PageQuery.extend({
  communityId: Id.optional(),
  placeId: Id.optional(),
  role: DutyRole.optional(),
  kind: PostKind.optional(),
  teamId: Id.optional(),
  /** Only posts with a shift unfilled in the next 24 hours. */
  unfilled: z.stringbool().optional(),
});

export const PostView = z
  .object({
    id: z.number(),
    name: z.string(),
    kind: PostKind,
    role: DutyRole,
    placeId: z.number(),
    placeLabel: z.string(),
    communityId: z.number(),
    communityName: z.string(),
    ownerUserId: z.number().nullable(),
    ownerName: z.string().nullable(),
    teamId: z.number().nullable(),
    teamName: z.string().nullable(),
    /** Shifts starting in the next 24 hours, and how many places on them are still open. */
    next24h: z.object({ shifts: z.number(), headcount: z.number(), filled: z.number() }),
    createdAt: Timestamp,
    actions: z.array(z.string()),
  })
  .meta({ id: 'DutyPost' });
export type PostView = z.infer<typeof PostView>;
export const PostPage = pageOf(PostView);

/** The post's check-in QR code: a signed token naming the post (scan it with the phone to check in or out). */
export const PostQr = z.object({ postId: z.number(), token: z.string(), validUntil: Timestamp });

export const ShiftCreate = z.object({
  startsAt: Instant,
  endsAt: Instant,
  headcount: z.number().int().min(1).max(500),
  requiredRole: DutyRole.nullish(),
  requiredSkill: Skill.nullish(),
});
export type ShiftCreate = z.infer<typeof ShiftCreate>;

/** 24-hour shifts for a date range (Asia/Shanghai local days), from `firstStart` (default 08:00); existing shifts at the same times are kept. */
export const ShiftGenerate = z.object({
  from: LocalDate,
  to: LocalDate,
  pattern: ShiftPattern,
  firstStart: ClockTime.default('08:00'),
  headcount: z.number().int().min(1).max(500),
  requiredRole: DutyRole.nullish(),
  requiredSkill: Skill.nullish(),
  /** Only count what it would create and keep (nothing is written). */
  preview: z.boolean().default(false),
});
export type ShiftGenerate = z.infer<typeof ShiftGenerate>;
/** `created`: new shifts (in a preview: that would be created); `kept`: already there at the same times; `preview`: nothing written. */
export const ShiftGenerated = z.object({ created: z.number(), kept: z.number(), shiftIds: z.array(z.number()), preview: z.boolean() });

export const ShiftQuery = PageQuery.extend({
  /** Up to 1,000: a week's calendar of a community's 24-hour posts (ten gates of 3×8 make 210). */
  pageSize: z.coerce.number().int().min(1).max(1000).default(20),
  communityId: Id.optional(),
  postId: Id.optional(),
  callUpId: Id.optional(),
  /** Shifts starting on or after (default: now). */
  from: Instant.optional(),
  /** Shifts starting before (default: seven days after `from`). */
  to: Instant.optional(),
  /** Only shifts with places still open. */
  open: z.stringbool().optional(),
});

export const ShiftView = z
  .object({
    id: z.number(),
    postId: z.number(),
    postName: z.string(),
    postKind: PostKind,
    role: DutyRole,
    placeLabel: z.string(),
    communityId: z.number(),
    communityName: z.string(),
    callUpId: z.number().nullable(),
    startsAt: Timestamp,
    endsAt: Timestamp,
    headcount: z.number(),
    filled: z.number(),
    waiting: z.number(),
    requiredRole: DutyRole.nullable(),
    requiredSkill: z.string().nullable(),
    /** The caller's own claim on it (a member's page), if any. */
    myClaim: z.object({ id: z.number(), status: ClaimStatus, position: z.number().nullable() }).nullable(),
    actions: z.array(z.string()),
  })
  .meta({ id: 'DutyShift' });
export type ShiftView = z.infer<typeof ShiftView>;
export const ShiftPage = pageOf(ShiftView);

export const ClaimView = z
  .object({
    id: z.number(),
    shiftId: z.number(),
    memberId: z.number(),
    memberName: z.string(),
    status: ClaimStatus,
    /** Place on the waiting list (1 = next), while waiting. */
    position: z.number().nullable(),
    startsAt: Timestamp,
    endsAt: Timestamp,
    postId: z.number(),
    postName: z.string(),
    placeLabel: z.string(),
    checkedInAt: Timestamp.nullable(),
    checkedOutAt: Timestamp.nullable(),
    /** Computed from check-in and check-out, within the shift; never typed in. */
    servedMinutes: z.number().nullable(),
    cancelReason: z.string().nullable(),
    createdAt: Timestamp,
    actions: z.array(z.string()),
  })
  .meta({ id: 'DutyClaim' });
export type ClaimView = z.infer<typeof ClaimView>;
export const ClaimPage = pageOf(ClaimView);

/** A shift with who holds it and who waits (staff). */
export const ShiftDetail = ShiftView.extend({ claims: z.array(ClaimView) }).meta({ id: 'DutyShiftDetail' });

/** A member claims a shift; when it is full they go on the waiting list unless `waitlist` is false (then 409 DUTY_SHIFT_FULL). */
export const ClaimCreate = z.object({ waitlist: z.boolean().default(true) });
/** A team leader or staff put a confirmed member on a shift. */
export const ClaimAssign = z.object({ memberId: Id, waitlist: z.boolean().default(false) });
/** Cancelling within the community's notice (default 12 h before the start) needs a reason; the post's owner is told. */
export const ClaimCancel = z.object({ reason: text(200, { min: 2 }).nullish() });
export const ClaimCancelled = z.object({ claim: ClaimView, promoted: ClaimView.nullable() });
/** The member scans the post's QR code: checks in (near the start) or, when on duty there, checks out. */
export const DutyScan = z.object({ token: z.string().min(10).max(2000) });

export const MyClaimsQuery = PageQuery.extend({
  when: z.enum(['upcoming', 'past', 'all']).default('upcoming'),
});

// ---------------------------------------------------------------------------------------------
// Call-ups (社区吹哨)

/** N people for these posts, from `startsAt` to `endsAt`, claimed by `deadline`: one shift per post, the places split evenly. */
export const CallUpCreate = z.object({
  title: text(60),
  note: text(500, { min: 0, multiline: true }).nullish(),
  /** Where: the community or a place in it. */
  placeId: Id,
  postIds: z.array(Id).min(1).max(5000),
  needed: z.number().int().min(1).max(10000),
  /** Only members who can take one of these roles are called (none: every confirmed member in the community). */
  roles: z.array(DutyRole).max(10).default([]),
  startsAt: Instant,
  endsAt: Instant,
  deadline: Instant,
});
export type CallUpCreate = z.infer<typeof CallUpCreate>;

export const CallUpQuery = PageQuery.extend({ status: z.enum([...CALL_UP_STATUSES, 'all']).default('all'), communityId: Id.optional() });

export const CallUpView = z
  .object({
    id: z.number(),
    title: z.string(),
    note: z.string().nullable(),
    placeId: z.number(),
    placeLabel: z.string(),
    communityId: z.number(),
    roles: z.array(DutyRole),
    needed: z.number(),
    /** Places taken so far ("287 / 310"). */
    filled: z.number(),
    waiting: z.number(),
    posts: z.number(),
    startsAt: Timestamp,
    endsAt: Timestamp,
    deadline: Timestamp,
    status: CallUpStatus,
    /** Members notified when it was made. */
    notified: z.number(),
    createdAt: Timestamp,
    filledAt: Timestamp.nullable(),
    closedAt: Timestamp.nullable(),
    /** Seconds from the call-up to its last place taken. */
    secondsToFill: z.number().nullable(),
    /** The caller's own claim on it (a member's page). */
    myClaim: z.object({ id: z.number(), status: ClaimStatus, position: z.number().nullable(), shiftId: z.number() }).nullable(),
    actions: z.array(z.string()),
  })
  .meta({ id: 'DutyCallUp' });
export type CallUpView = z.infer<typeof CallUpView>;
export const CallUpPage = pageOf(CallUpView);
export const CallUpRespond = z.object({ waitlist: z.boolean().default(true) });
export const CallUpClose = z.object({ reason: text(200, { min: 0 }).nullish() });

// ---------------------------------------------------------------------------------------------
// Work teams (工作队、突击队)

export const DutyTeamCreate = z.object({
  communityId: Id,
  name: text(60),
  /** The unit that sent it. */
  employerId: Id.nullish(),
  /** Its temporary party branch (临时党支部). */
  partyBranch: text(80, { min: 0 }).nullish(),
  leaderMemberId: Id.nullish(),
});
export type DutyTeamCreate = z.infer<typeof DutyTeamCreate>;
/** Edit a team (its community stays); `version` as read, or 409 STALE_VERSION. */
export const DutyTeamUpdate = DutyTeamCreate.omit({ communityId: true })
  .partial()
  .extend({ version: z.number().int().min(1) });
export type DutyTeamUpdate = z.infer<typeof DutyTeamUpdate>;
/** A team takes a block of posts of its community (each post has at most one team: it moves). */
export const DutyTeamPosts = z.object({ postIds: z.array(Id).min(1).max(500) });
export type DutyTeamPosts = z.infer<typeof DutyTeamPosts>;
export const DutyTeamMemberAdd = z.object({ memberId: Id, role: DutyRole });
export const DutyTeamMemberParams = z.object({ id: Id, memberId: Id });
export const DutyTeamQuery = PageQuery.extend({ communityId: Id.optional() });

export const DutyTeamMemberView = z.object({ memberId: z.number(), name: z.string(), role: DutyRole, servedMinutes: z.number() });
export const DutyTeamView = z
  .object({
    id: z.number(),
    name: z.string(),
    communityId: z.number(),
    communityName: z.string(),
    employerId: z.number().nullable(),
    employerName: z.string().nullable(),
    partyBranch: z.string().nullable(),
    leaderMemberId: z.number().nullable(),
    leaderName: z.string().nullable(),
    memberCount: z.number(),
    posts: z.number(),
    servedMinutes: z.number(),
    members: z.array(DutyTeamMemberView),
    version: z.number(),
    actions: z.array(z.string()),
  })
  .meta({ id: 'DutyTeam' });
export type DutyTeamView = z.infer<typeof DutyTeamView>;
export const DutyTeamPage = pageOf(DutyTeamView);

// ---------------------------------------------------------------------------------------------
// "2+1" building roster (一名社区干部、一名楼长、一名党员)

export const RosterSave = z.object({
  /** The community cadre (a staff user). */
  cadreUserId: Id.nullish(),
  /** The party member (a confirmed member). */
  memberId: Id.nullish(),
  validFrom: LocalDate,
  validTo: LocalDate.nullish(),
});
export type RosterSave = z.infer<typeof RosterSave>;
export const RosterQuery = z.object({
  communityId: Id.optional(),
  gridId: Id.optional(),
  /** Only buildings missing one of the three. */
  gaps: z.stringbool().optional(),
});

export const RosterBuilding = z.object({
  buildingId: z.number(),
  buildingLabel: z.string(),
  gridId: z.number().nullable(),
  gridName: z.string().nullable(),
  cadre: z.object({ userId: z.number(), name: z.string() }).nullable(),
  /** The registry's building head (楼长). */
  buildingHead: z.object({ residentId: z.number(), name: z.string() }).nullable(),
  member: z.object({ memberId: z.number(), name: z.string() }).nullable(),
  validFrom: LocalDate.nullable(),
  validTo: LocalDate.nullable(),
  missing: z.array(z.enum(['cadre', 'buildingHead', 'member'])),
  actions: z.array(z.string()),
});
export type RosterBuilding = z.infer<typeof RosterBuilding>;
export const RosterCoverage = z
  .object({
    buildings: z.array(RosterBuilding),
    total: z.number(),
    complete: z.number(),
    missingCadre: z.number(),
    missingBuildingHead: z.number(),
    missingMember: z.number(),
  })
  .meta({ id: 'DutyRosterCoverage' });
export type RosterCoverage = z.infer<typeof RosterCoverage>;

// ---------------------------------------------------------------------------------------------
// The member's own page, calendars, tables, settings

export const MyDuty = z
  .object({
    member: MemberView.nullable(),
    upcoming: z.array(ClaimView),
    /** Minutes served: in total, the last 7 days, today. */
    servedMinutes: z.object({ total: z.number(), last7Days: z.number(), today: z.number() }),
  })
  .meta({ id: 'MyDuty' });
export type MyDuty = z.infer<typeof MyDuty>;

/** The member's iCalendar feed: a secret address (anyone who has it sees the member's shifts); asking again with `renew` makes a new one. */
export const CalendarFeed = z.object({ url: z.string() });
export const CalendarFeedQuery = z.object({ renew: z.stringbool().optional() });

/** A post's printable duty table (值班表) for a week: days × shifts, with who holds each. */
export const DutyTableQuery = z.object({ from: LocalDate.optional() });
export const DutyTable = z
  .object({
    postId: z.number(),
    postName: z.string(),
    placeLabel: z.string(),
    role: DutyRole,
    from: LocalDate,
    to: LocalDate,
    days: z.array(
      z.object({
        date: LocalDate,
        shifts: z.array(
          z.object({
            shiftId: z.number(),
            startsAt: Timestamp,
            endsAt: Timestamp,
            headcount: z.number(),
            people: z.array(z.object({ name: z.string(), phoneMasked: z.string().nullable(), status: ClaimStatus })),
          }),
        ),
      }),
    ),
  })
  .meta({ id: 'DutyTable' });
export type DutyTable = z.infer<typeof DutyTable>;

export const DutySettingsSave = z.object({
  /** Rest rule: at most this many hours on duty in any 24 hours. */
  maxHoursIn24: z.number().int().min(1).max(24),
  /** A cancellation less than this many hours before the start needs a reason and tells the post's owner. */
  cancelNoticeHours: z.number().int().min(0).max(72),
  /** Minutes before the start from which a member may check in. */
  checkInEarlyMinutes: z.number().int().min(0).max(240),
  /** Minutes after the start after which a held place is a no-show. */
  noShowAfterMinutes: z.number().int().min(5).max(480),
  version: z.number().int().min(0).optional(),
});
export type DutySettingsSave = z.infer<typeof DutySettingsSave>;
export const DutySettingsView = z
  .object({
    communityId: z.number(),
    communityName: z.string(),
    maxHoursIn24: z.number(),
    cancelNoticeHours: z.number(),
    checkInEarlyMinutes: z.number(),
    noShowAfterMinutes: z.number(),
    isDefault: z.boolean(),
    version: z.number(),
    actions: z.array(z.string()),
  })
  .meta({ id: 'DutySettings' });

/** Live events on the `duty` topic: `duty.changed` with `{ change, callUpId?, shiftId?, filled?, needed? }`; ids and counts only, never people. */
export const DUTY_TOPIC = 'duty';
export const DUTY_LIVE_EVENT = 'duty.changed';

// ---------------------------------------------------------------------------------------------
// Errors (the server registers them; the web may name them)

export const DUTY_ERRORS = {
  DUTY_NOT_REPORTED: { status: 409, zh: '您尚未向居住地社区报到', en: 'You have not reported to your residence community yet' },
  DUTY_ALREADY_REPORTED: { status: 409, zh: '该党员已报到并确认，无需重复报到', en: 'This member has already reported and been confirmed' },
  DUTY_RESIDENT_UNPLACED: { status: 400, zh: '该居民的住址不在任何社区之下', en: 'This resident does not live under a community' },
  DUTY_MEMBER_STATE: { status: 409, zh: '该党员当前状态不能执行此操作：{state}', en: 'This member cannot do that in their current state: {state}' },
  DUTY_MEMBER_NOT_CONFIRMED: {
    status: 409,
    zh: '社区确认报到后才能认领岗位',
    en: 'Only members whose report the community has confirmed can claim shifts',
  },
  DUTY_SHIFT_FULL: { status: 409, zh: '该班次已满员', en: 'This shift is full' },
  DUTY_SHIFT_PAST: { status: 409, zh: '该班次已开始或已结束，不能认领', en: 'This shift has already started or ended; it cannot be claimed' },
  DUTY_ALREADY_CLAIMED: { status: 409, zh: '您已认领或排队等候该班次', en: 'You already hold or wait for this shift' },
  DUTY_OVERLAP: {
    status: 409,
    zh: '与您已认领的班次时间重叠（{from} 至 {to}）',
    en: 'It overlaps a shift you already hold ({from} to {to})',
  },
  DUTY_REST_RULE: {
    status: 409,
    zh: '超过休息规定：任意24小时内值班不超过{hours}小时',
    en: 'Against the rest rule: at most {hours} hours on duty in any 24 hours',
  },
  DUTY_ROLE_MISMATCH: {
    status: 409,
    zh: '该班次需要“{need}”，您的报到信息中没有',
    en: 'This shift needs “{need}”, which your report does not include',
  },
  DUTY_NOT_YOUR_CLAIM: { status: 403, zh: '这不是您的认领', en: 'This is not your claim' },
  DUTY_CLAIM_STATE: { status: 409, zh: '该认领当前状态不能执行此操作：{state}', en: 'This claim cannot do that in its current state: {state}' },
  DUTY_REASON_REQUIRED: {
    status: 400,
    zh: '距开始不足{hours}小时取消，请填写理由',
    en: 'Cancelling less than {hours} hours before the start needs a reason',
  },
  DUTY_SHIFT_TIMES: {
    status: 400,
    zh: '班次时间不正确：结束须晚于开始，时长不超过24小时，且不能在过去',
    en: 'Shift times are not valid: the end must be after the start, at most 24 hours later, and not in the past',
  },
  DUTY_HEADCOUNT: { status: 400, zh: '人数不正确', en: 'The number of people is not valid' },
  DUTY_PLACE_KIND: { status: 400, zh: '该区域不能设此类岗位：{kind}', en: 'This place cannot have a post of this kind: {kind}' },
  DUTY_NOT_IN_COMMUNITY: { status: 400, zh: '请选择社区或社区之下的区域', en: 'Choose a community or a place inside one' },
  DUTY_DATE_RANGE: {
    status: 400,
    zh: '日期范围不正确：开始不晚于结束，最长31天，不早于今天',
    en: 'The date range is not valid: the start not after the end, at most 31 days, not before today',
  },
  DUTY_QR_INVALID: { status: 400, zh: '岗位二维码无效或已过期', en: 'The post’s QR code is not valid or has expired' },
  DUTY_NO_SHIFT_HERE: {
    status: 409,
    zh: '您现在在该岗位没有可签到或签退的班次',
    en: 'You have no shift at this post to check in or out of now',
  },
  DUTY_CHECK_IN_WINDOW: {
    status: 409,
    zh: '不在签到时间内（班次开始前{minutes}分钟至结束前）',
    en: 'Not within the check-in window ({minutes} minutes before the start until the end)',
  },
  DUTY_CALL_UP_CLOSED: { status: 409, zh: '该吹哨任务已结束', en: 'This call-up is over' },
  DUTY_CALL_UP_TIMES: {
    status: 400,
    zh: '吹哨时间不正确：截止时间须在将来且不晚于开始，结束须晚于开始',
    en: 'Call-up times are not valid: the deadline in the future and not after the start, the end after the start',
  },
  DUTY_CALL_UP_POSTS: {
    status: 400,
    zh: '岗位须在吹哨区域之内，且人数不少于岗位数',
    en: 'The posts must lie inside the call-up’s place, and at least one person is needed per post',
  },
  DUTY_NOT_CALLED: { status: 409, zh: '该吹哨任务未召集您所能担任的角色', en: 'This call-up does not ask for a role you can take' },
  DUTY_NOT_A_BUILDING: { status: 400, zh: '请选择楼栋', en: 'Choose a building' },
  DUTY_ROSTER_DATES: { status: 400, zh: '有效期不正确：结束不能早于开始', en: 'The validity is not valid: the end cannot be before the start' },
  DUTY_NOT_STAFF: { status: 400, zh: '请选择本社区的在职工作人员', en: 'Choose an active staff member of this community' },
  DUTY_MEMBER_COMMUNITY: {
    status: 400,
    zh: '请选择已在本社区确认报到的党员',
    en: 'Choose a member confirmed in this community',
  },
  DUTY_TEAM_MEMBER_EXISTS: { status: 409, zh: '该党员已在此工作队', en: 'This member is already in the team' },
  DUTY_TEAM_POSTS: { status: 400, zh: '请选择本社区的岗位', en: 'Choose posts of the team’s community' },
  DUTY_NO_SHOW_EARLY: {
    status: 409,
    zh: '班次开始后才能记为缺岗',
    en: 'A no-show can be recorded only after the shift has started',
  },
} as const;
export type DutyErrorCode = keyof typeof DUTY_ERRORS;

// ---------------------------------------------------------------------------------------------
// Access

const DUTY_ALL = [
  'duty.read',
  'duty.member.read',
  'duty.member.manage',
  'duty.post.manage',
  'duty.checkIn.confirm',
  'duty.callUp',
  'duty.team.manage',
  'duty.roster.manage',
  'duty.settings',
] as const;

/**
 * Duty (党员报到、岗位、吹哨、“2+1”): coordinators and community staff run it; station staff run their
 * posts; property staff at the gates only confirm check-ins (the figures and lists are not theirs); an
 * employer's liaison sees which of their people reported (their employer scope); auditors read. Members
 * act as residents (phone sign-in).
 */
export const dutyAccess = defineAccess(
  'duty',
  DUTY_ALL,
  {
    center_coordinator: DUTY_ALL,
    department_coordinator: DUTY_ALL,
    community_staff: DUTY_ALL,
    station_staff: ['duty.read', 'duty.member.read', 'duty.post.manage', 'duty.checkIn.confirm', 'duty.team.manage', 'duty.roster.manage'],
    property_staff: ['duty.checkIn.confirm'],
    employer_liaison: ['duty.member.read'],
    auditor: ['duty.read', 'duty.member.read'],
  },
  {
    auditActions: [
      'duty.member.report',
      'duty.member.register',
      'duty.member.confirm',
      'duty.member.reject',
      'duty.post.create',
      'duty.post.update',
      'duty.shift.create',
      'duty.shift.generate',
      'duty.claim.create',
      'duty.claim.assign',
      'duty.claim.cancel',
      'duty.claim.promote',
      'duty.claim.checkIn',
      'duty.claim.checkOut',
      'duty.claim.noShow',
      'duty.callUp.create',
      'duty.callUp.fill',
      'duty.callUp.close',
      'duty.team.create',
      'duty.team.update',
      'duty.team.assignPosts',
      'duty.team.addMember',
      'duty.team.removeMember',
      'duty.roster.save',
      'duty.settings.save',
      'duty.calendar.renew',
    ],
    auditEntityTypes: ['duty_member', 'duty_post', 'duty_shift', 'duty_claim', 'duty_call_up', 'duty_team', 'duty_roster', 'duty_settings'],
  },
);
