import { z } from 'zod';
import { defineAccess } from './roles.js';
import { text } from './text.js';
import { Id, LocalDate, PageQuery, Timestamp, pageOf } from './common.js';
import { parsePlate } from './plates.js';

/** 健康通行卡 / 出入通行门票 / 车辆通行证 */
export const PASS_KINDS = ['health_pass', 'entry_ticket', 'vehicle_pass'] as const;
export const PassKind = z.enum(PASS_KINDS);
export type PassKind = z.infer<typeof PassKind>;

/** The `typ` claim of each kind's signed token. */
export const PASS_TYP: Record<PassKind, string> = {
  health_pass: 'access.health_pass',
  entry_ticket: 'access.entry_ticket',
  vehicle_pass: 'access.vehicle_pass',
};

/** A household entry ticket's defaults (seed 004: one per household every two days). */
export const ENTRY_TICKET_DEFAULT_DAYS = 2;
export const ENTRY_TICKET_DEFAULT_USES = 4;

export const GATE_DECISIONS = ['allowed', 'refused', 'referred'] as const;
export const GateDecision = z.enum(GATE_DECISIONS);
export type GateDecision = z.infer<typeof GateDecision>;

/**
 * Why a gate refused or referred someone. `wrong_place`: the pass is for another compound (or an
 * area outside this checkpoint's). `not_holder`: the server's flag on an allowed event whose
 * entry ticket names another person (一户一票，只限一人使用).
 */
export const GATE_REASONS = [
  'revoked',
  'expired',
  'not_yet_valid',
  'sealed',
  'out_of_uses',
  'invalid',
  'no_pass',
  'not_registered',
  'fever',
  'visitor',
  'wrong_place',
  'not_holder',
] as const;
export const GateReason = z.enum(GATE_REASONS);
export type GateReason = z.infer<typeof GateReason>;

const Plate = z
  .string()
  .trim()
  .max(16)
  .refine((v) => parsePlate(v).ok, { message: 'plate' })
  .transform((v) => {
    const p = parsePlate(v);
    return p.ok ? p.plate : v;
  });

export const PassIssue = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('health_pass'), residentId: Id, validDays: z.number().int().min(1).max(60).default(30) }),
  z.object({
    kind: z.literal('entry_ticket'),
    residentId: Id.describe('The one named person of the household who may go out on it'),
    // One ticket per household every two days (seed 004: 一户一票两天一票): it is valid two days at most.
    validDays: z.number().int().min(1).max(ENTRY_TICKET_DEFAULT_DAYS).default(ENTRY_TICKET_DEFAULT_DAYS),
    maxUses: z.number().int().min(1).max(100).default(ENTRY_TICKET_DEFAULT_USES),
  }),
  z.object({
    kind: z.literal('vehicle_pass'),
    plate: Plate,
    holderName: text(40),
    placeId: Id.describe('The compound (or checkpoint area) the vehicle may enter'),
    residentId: Id.nullish(),
    validFrom: LocalDate.nullish(),
    validDays: z.number().int().min(1).max(60).default(7),
  }),
]);
export type PassIssue = z.infer<typeof PassIssue>;

export const PassRevoke = z.object({ reason: text(200, { min: 2 }), version: z.number().int().min(1) });
export const PassRenew = z.object({ validDays: z.number().int().min(1).max(60), version: z.number().int().min(1) });

export const PassView = z
  .object({
    id: z.number(),
    kind: PassKind,
    /** active (signed, usable), revoked, expired (past its validity) or used_up (entry ticket). */
    status: z.enum(['active', 'revoked', 'expired', 'used_up']),
    holderName: z.string().describe('Masked unless the viewer is the holder'),
    dwellingLabel: z.string(),
    plate: z.string().nullable(),
    residentId: z.number().nullable(),
    householdId: z.number().nullable(),
    validFrom: Timestamp,
    validUntil: Timestamp,
    maxUses: z.number().nullable(),
    usesCount: z.number(),
    revokedAt: Timestamp.nullable(),
    revokeReason: z.string().nullable(),
    issuedAt: Timestamp,
    version: z.number(),
    /** The signed token shown as the QR code. */
    token: z.string(),
    actions: z.array(z.enum(['revoke', 'renew'])),
  })
  .meta({ id: 'PassView' });
export type PassView = z.infer<typeof PassView>;

export const PassQuery = PageQuery.extend({
  kind: PassKind.optional(),
  status: z.enum(['active', 'revoked', 'expired', 'all']).default('active'),
  placeId: Id.optional(),
  q: text(40, { min: 0 }).optional(),
});
export const PassPage = pageOf(PassView);
export type PassPage = z.infer<typeof PassPage>;

/** The claims a gate reads offline from a pass: never an ID number. */
export interface PassClaimsView {
  typ: string;
  /** pass id */
  pid: number;
  /** masked holder name */
  n: string;
  /** dwelling label */
  d: string;
  /** plate, vehicle passes only */
  pl?: string;
  /** the household's (or compound's) place path, for the lockdown check */
  pp: string;
  exp: number;
  nbf: number;
}

// Gates and checkpoints

export const GATE_KINDS = ['gate', 'checkpoint'] as const;
export const GateCreate = z.object({
  name: text(60),
  kind: z.enum(GATE_KINDS),
  placeId: Id.describe('The compound a gate belongs to, or the place a checkpoint stands in'),
});
export const GateView = z
  .object({
    id: z.number(),
    name: z.string(),
    kind: z.enum(GATE_KINDS),
    placeId: z.number(),
    /** The place's path: a pass is for this gate when its own path lies under it (checked offline too). */
    placePath: z.string(),
    placeLabel: z.string(),
    createdAt: Timestamp,
  })
  .meta({ id: 'GateView' });
export type GateView = z.infer<typeof GateView>;
export const GateTokenCreated = z.object({ tokenId: z.number(), secret: z.string(), gate: GateView });

// What a gate keeps for offline work

export const RevocationEntry = z.object({ passId: z.number(), reason: z.enum(['revoked', 'out_of_uses']), version: z.number() });
export const LockdownEntryView = z.object({
  orderId: z.number(),
  placeId: z.number(),
  placePath: z.string(),
  level: z.string(),
  active: z.boolean(),
  releaseAfter: z.string().nullable(),
  version: z.number(),
});
export type LockdownEntryView = z.infer<typeof LockdownEntryView>;
export const GateListsQuery = z.object({
  revocationsSince: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
  lockdownsSince: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
});
export const GateLists = z
  .object({
    at: Timestamp,
    revocations: z.object({ version: z.number(), full: z.boolean(), entries: z.array(RevocationEntry) }),
    lockdowns: z.object({ version: z.number(), full: z.boolean(), entries: z.array(LockdownEntryView) }),
  })
  .meta({ id: 'GateLists' });
export type GateLists = z.infer<typeof GateLists>;

/** What a guard scanned or typed in. */
export const GateVerify = z
  .object({
    gateId: Id,
    token: text(2000, { min: 0 }).optional(),
    plate: Plate.optional(),
    idNumber: text(30, { min: 0 }).optional(),
  })
  .refine((v) => [v.token, v.plate, v.idNumber].filter(Boolean).length === 1, { message: 'one', path: ['token'] });
export const GateSubject = z.object({
  passId: z.number().nullable(),
  kind: PassKind.nullable(),
  maskedName: z.string().nullable(),
  dwellingLabel: z.string().nullable(),
  plate: z.string().nullable(),
  residentId: z.number().nullable(),
  validUntil: Timestamp.nullable(),
  usesLeft: z.number().nullable(),
});
export type GateSubject = z.infer<typeof GateSubject>;
export const GateVerdict = z.object({ decision: GateDecision, reason: GateReason.nullable(), subject: GateSubject }).meta({ id: 'GateVerdict' });
export type GateVerdict = z.infer<typeof GateVerdict>;

export const Visitor = z.object({
  name: text(40),
  phone: text(20, { min: 5 }),
  reason: text(200, { multiline: true }),
  hostDwellingId: Id.nullish(),
});
export type Visitor = z.infer<typeof Visitor>;

/**
 * A device's client id: any UUID in its canonical form (what PostgreSQL's uuid reads). A plain
 * pattern, not z.uuid(): a sync carries 2,000 of them and this check is three times cheaper.
 */
const ClientId = z.string().regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, { message: 'uuid' });

/** One registration at a gate, decided on the device (online or offline). */
export const GateEventInput = z.object({
  clientId: ClientId,
  gateId: Id,
  at: z.iso.datetime({ offset: true }),
  subject: z.enum(['person', 'vehicle']),
  direction: z.enum(['in', 'out']),
  passId: Id.nullish(),
  residentId: Id.nullish(),
  plate: Plate.nullish(),
  temperature: z.number().min(30).max(45).nullish(),
  decision: GateDecision,
  reason: GateReason.nullish(),
  visitor: Visitor.nullish(),
});
export type GateEventInput = z.infer<typeof GateEventInput>;
export const GateEventRecorded = z.object({
  recorded: z.boolean(),
  fever: z.boolean(),
  referralId: z.number().nullable(),
  observationCaseId: z.number().nullable(),
});
export const GateSync = z.object({ events: z.array(GateEventInput).min(1).max(2000) });
export type GateSync = z.infer<typeof GateSync>;
export const GateSyncResult = z.object({ accepted: z.number(), duplicates: z.number(), fevers: z.number() });

export const GateFiguresQuery = z.object({ from: LocalDate, to: LocalDate, gateId: Id.optional() });
export const GateFigureRow = z.object({
  gateId: z.number(),
  gateName: z.string(),
  day: z.string(),
  entries: z.number(),
  exits: z.number(),
  refusals: z.record(z.string(), z.number()),
  refused: z.number(),
  vehicles: z.number(),
  visitors: z.number(),
  fevers: z.number(),
});
export type GateFigureRow = z.infer<typeof GateFigureRow>;
export const GateFigures = z.object({ items: z.array(GateFigureRow) });

/** The sealed check a gate runs offline too: the widest order in force over the household's path. */
export function sealedOrder<T extends { placePath: string; active: boolean }>(entries: readonly T[], placePath: string): T | null {
  let found: T | null = null;
  for (const e of entries) {
    if (e.active && placePath.startsWith(e.placePath) && (!found || e.placePath.length < found.placePath.length)) found = e;
  }
  return found;
}

/** Masks a name for a pass: 张三丰 → 张*丰, 李四 → 李*. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return chars.join('');
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

/**
 * A gate's decision from a verified pass's claims and its lists, the same online and offline.
 * `revoked` maps pass ids to why they are off; `sealed` is the lockdown list; `gatePath` the
 * gate's place: a pass for another compound is refused there first.
 */
export function decideOnClaims(
  claims: Pick<PassClaimsView, 'pid' | 'pp' | 'exp' | 'nbf'>,
  lists: {
    revoked: ReadonlyMap<number, 'revoked' | 'out_of_uses'>;
    lockdowns: readonly { placePath: string; active: boolean }[];
    gatePath?: string | undefined;
  },
  nowMs: number,
): { decision: GateDecision; reason: GateReason | null } {
  if (lists.gatePath !== undefined && !claims.pp.startsWith(lists.gatePath)) return { decision: 'refused', reason: 'wrong_place' };
  const off = lists.revoked.get(claims.pid);
  if (off) return { decision: 'refused', reason: off };
  if (claims.exp * 1000 <= nowMs) return { decision: 'refused', reason: 'expired' };
  if (claims.nbf * 1000 > nowMs) return { decision: 'refused', reason: 'not_yet_valid' };
  if (sealedOrder(lists.lockdowns, claims.pp)) return { decision: 'refused', reason: 'sealed' };
  return { decision: 'allowed', reason: null };
}

/** Coordinators and committees issue and revoke passes and run the gates; guards (property staff, cadres on a checkpoint shift) scan. */
const ISSUE_PASSES = ['access.pass.read', 'access.pass.issue', 'access.gate.manage', 'access.figures'] as const;
/** Passes and gates. */
export const accessAccess = defineAccess(
  'access',
  ['access.pass.read', 'access.pass.issue', 'access.gate.scan', 'access.gate.manage', 'access.figures'],
  {
    center_coordinator: ISSUE_PASSES,
    department_coordinator: ISSUE_PASSES,
    community_staff: [...ISSUE_PASSES, 'access.gate.scan'],
    station_staff: ['access.pass.read', 'access.pass.issue', 'access.figures'],
    property_staff: ['access.gate.scan', 'access.pass.read'],
    auditor: ['access.pass.read', 'access.figures'],
    admin: ['access.gate.manage'],
  },
  {
    auditActions: [
      'access.pass.issue',
      'access.pass.renew',
      'access.pass.revoke',
      'access.gate.create',
      'access.gateEvent.record',
      'access.gateEvent.sync',
      'access.feverReferral.create',
    ],
    auditEntityTypes: ['access_pass', 'access_gate', 'gate_referral'],
  },
);
