import { recordAudit } from '../../platform/audit/audit.service.js';
import type { Ctx } from '../../platform/context.js';
import type { Tx } from '../../platform/db/database.js';
import * as bank from './volunteers-bank.repository.js';
import { volErrors } from './volunteers.errors.js';

/**
 * The love bank's double entry, inside the caller's transaction: every posting's lines sum to zero
 * (checked again by the database at commit), no account goes below its floor (one conditional UPDATE
 * per line; the CHECK on the table for anything else), postings from a record are idempotent, and
 * corrections are reversal postings, never edits or deletes.
 */

export interface Line {
  accountId: number;
  amount: number;
}

export interface PostInput {
  kind: 'earn' | 'redeem' | 'transfer' | 'grant' | 'fund' | 'reversal';
  sourceType?: string | null;
  sourceId?: number | null;
  reversesId?: number | null;
  memo?: string | null;
  lines: Line[];
}

/**
 * Posts balanced lines. Answers the posting and whether it was new: a posting for a source already
 * posted answers the first one and changes nothing. Refuses (409, nothing written) a line that would
 * overdraw its account.
 */
export async function post(tx: Tx, ctx: Ctx, input: PostInput): Promise<{ posting: bank.PostingRow; created: boolean }> {
  const sum = input.lines.reduce((s, l) => s + l.amount, 0);
  if (sum !== 0 || input.lines.length < 2 || input.lines.some((l) => !Number.isSafeInteger(l.amount) || l.amount === 0)) {
    throw new Error(`unbalanced posting ${JSON.stringify(input.lines)}`);
  }
  const now = ctx.platform.clock.now();
  const posting = await bank.insertPosting(tx, {
    kind: input.kind,
    sourceType: input.sourceType ?? null,
    sourceId: input.sourceId ?? null,
    reversesId: input.reversesId ?? null,
    memo: input.memo ?? null,
    createdBy: ctx.actor.userId,
    at: now,
  });
  if (!posting) return { posting: (await bank.postingOfSource(tx, input.sourceType!, input.sourceId!))!, created: false };
  // Accounts in id order, so two postings over the same accounts never wait for each other in a cycle.
  for (const l of [...input.lines].sort((a, b) => a.accountId - b.accountId)) {
    const after = await bank.applyLine(tx, posting.id, l.accountId, l.amount, now);
    if (after === undefined) {
      const acc = await bank.findAccount(tx, l.accountId);
      throw volErrors.VOL_INSUFFICIENT_MINUTES({ available: acc ? acc.balance - acc.held - (acc.floor ?? 0) : 0, minutes: -l.amount });
    }
  }
  await recordAudit(tx, ctx, {
    action: POST_ACTIONS[input.kind],
    entityType: 'bank_posting',
    entityId: posting.id,
    before: null,
    after: { kind: input.kind, sourceType: posting.sourceType, sourceId: posting.sourceId, reversesId: posting.reversesId, lines: input.lines },
  });
  return { posting, created: true };
}

const POST_ACTIONS = {
  earn: 'volunteers.bank.earn',
  redeem: 'volunteers.bank.settle',
  transfer: 'volunteers.bank.transfer',
  grant: 'volunteers.bank.grant',
  fund: 'volunteers.bank.fund',
  reversal: 'volunteers.bank.reverse',
} as const;

/** Minutes earned by a verified elder-care service (an hours entry) go to the server's account; posting the same entry twice changes nothing. */
export async function earnFromHours(
  tx: Tx,
  ctx: Ctx,
  entry: { id: number; minutes: number },
  holder: { residentId: number; communityId: number; placePath: string },
) {
  const { account } = await bank.ensureMemberAccount(tx, holder.residentId, holder.communityId, holder.placePath);
  const issuance = await bank.ensureCommunityAccount(tx, account.communityId, communityPrefix(holder.placePath, holder.communityId), 'issuance');
  return post(tx, ctx, {
    kind: 'earn',
    sourceType: 'hours',
    sourceId: entry.id,
    memo: null,
    lines: [
      { accountId: issuance.id, amount: -entry.minutes },
      { accountId: account.id, amount: entry.minutes },
    ],
  });
}

/** Reverses a posting with a new one of opposite lines (once; never a reversal itself). */
export async function reversePosting(tx: Tx, ctx: Ctx, postingId: number, reason: string) {
  const original = await bank.findPosting(tx, postingId);
  if (!original) throw volErrors.VOL_HOURS_STATE({ state: 'missing' });
  if (original.reversesId !== null) throw volErrors.VOL_REVERSAL_OF_REVERSAL();
  if (await bank.reversalOf(tx, postingId)) throw volErrors.VOL_ALREADY_REVERSED();
  const lines = await bank.linesOfPostings(tx, [postingId]);
  return post(tx, ctx, {
    kind: 'reversal',
    reversesId: postingId,
    memo: reason,
    lines: lines.map((l) => ({ accountId: l.accountId, amount: -l.amount })),
  });
}

/** Places a hold: refused (409, nothing written) above what the account has available. */
export async function placeHold(tx: Tx, ctx: Ctx, accountId: number, minutes: number, needId: number | null, expiresAt: Date) {
  const acc = await bank.holdMinutes(tx, accountId, minutes);
  if (!acc) {
    const a = await bank.findAccount(tx, accountId);
    throw volErrors.VOL_INSUFFICIENT_MINUTES({ available: a ? a.balance - a.held - (a.floor ?? 0) : 0, minutes }).onField('redeem.minutes');
  }
  const hold = await bank.insertHold(tx, { accountId, minutes, needId, requestedBy: ctx.actor.userId, expiresAt, at: ctx.platform.clock.now() });
  await recordAudit(tx, ctx, {
    action: 'volunteers.bank.hold',
    entityType: 'bank_hold',
    entityId: hold.id,
    before: null,
    after: { accountId, minutes, needId, expiresAt: expiresAt.toISOString() },
  });
  return hold;
}

/** The service was done: the held minutes are spent (to the community's redeemed account). Answers false when the hold was not open. */
export async function settleHold(tx: Tx, ctx: Ctx, holdId: number): Promise<boolean> {
  const hold = await bank.closeHold(tx, holdId, 'settled', ctx.platform.clock.now());
  if (!hold) return false;
  await bank.unholdMinutes(tx, hold.accountId, hold.minutes);
  const acc = (await bank.findAccount(tx, hold.accountId))!;
  const redeemed = await bank.ensureCommunityAccount(tx, acc.communityId, communityPrefix(acc.placePath, acc.communityId), 'redeemed');
  const { posting } = await post(tx, ctx, {
    kind: 'redeem',
    sourceType: 'hold',
    sourceId: hold.id,
    memo: hold.needId ? `need:${hold.needId}` : null,
    lines: [
      { accountId: hold.accountId, amount: -hold.minutes },
      { accountId: redeemed.id, amount: hold.minutes },
    ],
  });
  await bank.setHoldPosting(tx, hold.id, posting.id);
  return true;
}

/** Cancelled (released) or past its time (expired): the minutes are free again. Answers false when the hold was not open. */
export async function releaseHold(tx: Tx, ctx: Ctx, holdId: number, status: 'released' | 'expired'): Promise<boolean> {
  const hold = await bank.closeHold(tx, holdId, status, ctx.platform.clock.now());
  if (!hold) return false;
  await bank.unholdMinutes(tx, hold.accountId, hold.minutes);
  await recordAudit(tx, ctx, {
    action: 'volunteers.bank.release',
    entityType: 'bank_hold',
    entityId: hold.id,
    before: { status: 'held' },
    after: { status, minutes: hold.minutes },
  });
  return true;
}

/** A member account's path ends at the dwelling; the community's accounts live at the community's path. */
export function communityPrefix(placePath: string, communityId: number): string {
  const parts = placePath.split('.').filter(Boolean);
  const i = parts.indexOf(String(communityId));
  if (i < 0) return placePath;
  return `${parts.slice(0, i + 1).join('.')}.`;
}
