import type { BankAccountView, BankPostingView, BankStatement, HoldView, MyBank } from '@jiayuan/contracts';
import { recordAudit } from '../../platform/audit/audit.service.js';
import { systemActor } from '../../platform/access/actor.js';
import { inTx, type Ctx, type Platform } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import { commonErrors } from '../../platform/errors/common-errors.js';
import * as places from '../../platform/places/places.repository.js';
import { localDate, startOfLocalDay } from '../../platform/time.js';
import { householdOfResident, residentInScope, residentNames, residentPlaces } from '../registry/index.js';
import * as bank from './volunteers-bank.repository.js';
import { communityPrefix, post, releaseHold, reversePosting } from './volunteers-bank.ledger.js';
import { communityOfPath } from './volunteers-people.service.js';
import { volErrors } from './volunteers.errors.js';

/**
 * The love bank (爱心银行) as people use it: my account and holds, naming a family member who may spend
 * for me, transfers to family, grants from the community's pool, funding the pool, reversals, statements.
 */

const HOLDER_NAMES = {
  pool: ['社区爱心池', 'Community pool'],
  issuance: ['社区发行账户', 'Community issuance'],
  redeemed: ['已兑换服务', 'Services redeemed'],
} as const;

export async function presentAccounts(ctx: Ctx, ex: Executor, rows: readonly bank.AccountRow[]): Promise<BankAccountView[]> {
  const delegates = await bank.delegatesOf(
    ex,
    rows.map((r) => r.id),
  );
  const names = await residentNames(ex, [...rows.flatMap((r) => (r.residentId !== null ? [r.residentId] : [])), ...delegates.map((d) => d.residentId)]);
  const communities = await places.findPlaces(ex, [...new Set(rows.map((r) => r.communityId))]);
  const en = ctx.lang === 'en-US';
  return rows.map((r) => {
    const community = communities.find((c) => c.id === r.communityId)?.name ?? '';
    const holderName = r.kind === 'member' ? (names.get(r.residentId!) ?? '') : `${community} ${HOLDER_NAMES[r.kind][en ? 1 : 0]}`;
    return {
      id: r.id,
      kind: r.kind,
      residentId: r.residentId,
      holderName,
      communityId: r.communityId,
      balance: r.balance,
      held: r.held,
      available: r.floor === null ? r.balance - r.held : r.balance - r.held - r.floor,
      floor: r.floor,
      delegates: delegates.filter((d) => d.accountId === r.id).map((d) => ({ residentId: d.residentId, name: names.get(d.residentId) ?? '' })),
    };
  });
}

const presentHold = (h: bank.HoldRow): HoldView => ({
  id: h.id,
  accountId: h.accountId,
  minutes: h.minutes,
  status: h.status,
  needId: h.needId,
  expiresAt: h.expiresAt.toISOString(),
  createdAt: h.createdAt.toISOString(),
  closedAt: h.closedAt?.toISOString() ?? null,
});

/** A resident's own account (opened when first used), opened now if asked. */
async function myAccount(ex: Executor, residentId: number, open: boolean) {
  const existing = await bank.accountOfResident(ex, residentId);
  if (existing || !open) return existing;
  const path = (await residentPlaces(ex, [residentId])).get(residentId);
  if (!path) throw commonErrors.NOT_FOUND();
  const community = await communityOfPath(ex, path);
  if (!community) throw volErrors.VOL_NOT_IN_COMMUNITY();
  return (await bank.ensureMemberAccount(ex, residentId, community.id, path)).account;
}

/** My love bank: my account, its holds, the accounts of family members who named me. */
export async function myBank(ctx: Ctx): Promise<MyBank> {
  const residentId = ctx.actor.residentId;
  if (residentId === null) throw commonErrors.FORBIDDEN();
  const db = ctx.platform.db;
  const acc = await bank.accountOfResident(db, residentId);
  const others = await bank.accountsDelegatedTo(db, residentId);
  const views = await presentAccounts(ctx, db, acc ? [acc, ...others] : others);
  const holds = [...(acc ? await bank.holdsOf(db, acc.id, false) : []), ...(await Promise.all(others.map((o) => bank.holdsOf(db, o.id, true)))).flat()];
  return { account: acc ? views[0]! : null, holds: holds.map(presentHold), maySpendFor: acc ? views.slice(1) : views };
}

/** A member names a family member of their household who may spend their minutes (asking for services for them). */
export async function addDelegate(ctx: Ctx, delegateResidentId: number): Promise<MyBank> {
  const residentId = ctx.actor.residentId;
  if (residentId === null) throw commonErrors.FORBIDDEN();
  await inTx(ctx, async (tx) => {
    if (delegateResidentId === residentId || (await householdOfResident(tx, delegateResidentId)) !== (await householdOfResident(tx, residentId))) {
      throw volErrors.VOL_NOT_FAMILY().onField('residentId');
    }
    const acc = (await myAccount(tx, residentId, true))!;
    await bank.addDelegate(tx, acc.id, delegateResidentId);
    await recordAudit(tx, ctx, {
      action: 'volunteers.bank.delegate',
      entityType: 'bank_account',
      entityId: acc.id,
      before: null,
      after: { delegateResidentId },
    });
  });
  return myBank(ctx);
}

/** A transfer of my minutes to a family member of my household. */
export async function transferToFamily(ctx: Ctx, input: { toResidentId: number; minutes: number; memo?: string | null | undefined }): Promise<MyBank> {
  const residentId = ctx.actor.residentId;
  if (residentId === null) throw commonErrors.FORBIDDEN();
  await inTx(ctx, async (tx) => {
    if (input.toResidentId === residentId || (await householdOfResident(tx, input.toResidentId)) !== (await householdOfResident(tx, residentId))) {
      throw volErrors.VOL_NOT_FAMILY().onField('toResidentId');
    }
    const from = await myAccount(tx, residentId, false);
    if (!from) throw volErrors.VOL_NO_ACCOUNT();
    const to = (await myAccount(tx, input.toResidentId, true))!;
    await post(tx, ctx, {
      kind: 'transfer',
      memo: input.memo ?? null,
      lines: [
        { accountId: from.id, amount: -input.minutes },
        { accountId: to.id, amount: input.minutes },
      ],
    });
  });
  return myBank(ctx);
}

/** A grant from the community's pool to an elder in home care (staff, in scope). */
export async function grantFromPool(ctx: Ctx, input: { toResidentId: number; minutes: number; memo: string }): Promise<BankPostingView> {
  return inTx(ctx, async (tx) => {
    const r = await residentInScope(tx, ctx.actor, input.toResidentId);
    if (!r) throw commonErrors.NOT_FOUND();
    const to = (await myAccount(tx, input.toResidentId, true))!;
    const pool = await bank.ensureCommunityAccount(tx, to.communityId, communityPrefix(to.placePath, to.communityId), 'pool');
    const { posting } = await post(tx, ctx, {
      kind: 'grant',
      memo: input.memo,
      lines: [
        { accountId: pool.id, amount: -input.minutes },
        { accountId: to.id, amount: input.minutes },
      ],
    });
    return presentPosting(tx, posting);
  });
}

/** The community's pool funded from its issuance account (donated minutes, a programme's budget). */
export async function fundPool(ctx: Ctx, input: { communityId: number; minutes: number; memo: string }): Promise<BankPostingView> {
  return inTx(ctx, async (tx) => {
    const community = await places.findPlaceInScope(tx, ctx.actor, input.communityId);
    if (!community) throw commonErrors.NOT_FOUND();
    if (community.type !== 'community') throw volErrors.VOL_NOT_IN_COMMUNITY().onField('communityId');
    const pool = await bank.ensureCommunityAccount(tx, community.id, community.path, 'pool');
    const issuance = await bank.ensureCommunityAccount(tx, community.id, community.path, 'issuance');
    const { posting } = await post(tx, ctx, {
      kind: 'fund',
      memo: input.memo,
      lines: [
        { accountId: issuance.id, amount: -input.minutes },
        { accountId: pool.id, amount: input.minutes },
      ],
    });
    return presentPosting(tx, posting);
  });
}

/** A posting in scope reversed by a new one of opposite lines (once; never a reversal; refused when the minutes were spent). */
export async function reverseBankPosting(ctx: Ctx, id: number, reason: string): Promise<BankPostingView> {
  return inTx(ctx, async (tx) => {
    const lines = await bank.linesOfPostings(tx, [id]);
    const accounts = await Promise.all(lines.map((l) => bank.findAccountInScope(tx, ctx.actor, l.accountId)));
    if (lines.length === 0 || accounts.every((a) => !a)) throw commonErrors.NOT_FOUND();
    const { posting } = await reversePosting(tx, ctx, id, reason);
    return presentPosting(tx, posting);
  });
}

async function presentPosting(ex: Executor, p: bank.PostingRow): Promise<BankPostingView> {
  const lines = await bank.linesOfPostings(ex, [p.id]);
  return {
    id: p.id,
    kind: p.kind as BankPostingView['kind'],
    memo: p.memo,
    reversesId: p.reversesId,
    lines: lines.map((l) => ({ accountId: l.accountId, amount: l.amount })),
    postedAt: p.postedAt.toISOString(),
  };
}

export async function listAccounts(ctx: Ctx, q: { page: number; pageSize: number; communityId?: number | undefined; kind?: string | undefined }) {
  const db = ctx.platform.db;
  const { rows, total } = await bank.listAccounts(db, ctx.actor, q, q.pageSize, (q.page - 1) * q.pageSize);
  return { items: await presentAccounts(ctx, db, rows), total, page: q.page, pageSize: q.pageSize };
}

async function statementOf(ctx: Ctx, acc: bank.AccountRow, year: number | undefined): Promise<BankStatement> {
  const db = ctx.platform.db;
  const tz = ctx.platform.config.timezone;
  const y = year ?? Number(localDate(ctx.platform.clock.now(), tz).slice(0, 4));
  const from = startOfLocalDay(`${y}-01-01`, tz);
  const to = startOfLocalDay(`${y + 1}-01-01`, tz);
  const { opening, lines } = await bank.statementLines(db, acc.id, from, to);
  const [view] = await presentAccounts(ctx, db, [acc]);
  return {
    account: view!,
    year: y,
    opening,
    closing: lines.length ? lines[lines.length - 1]!.balanceAfter : opening,
    earned: lines.filter((l) => l.amount > 0).reduce((s, l) => s + l.amount, 0),
    spent: -lines.filter((l) => l.amount < 0).reduce((s, l) => s + l.amount, 0),
    lines: lines.map((l) => ({
      postingId: l.postingId,
      kind: l.kind as BankStatement['lines'][number]['kind'],
      amount: l.amount,
      balanceAfter: l.balanceAfter,
      memo: l.memo,
      reversesId: l.reversesId,
      postedAt: l.postedAt.toISOString(),
    })),
    holds: (await bank.holdsOf(db, acc.id, false, from)).map(presentHold),
  };
}

/** An account's yearly statement (staff, in scope). */
export async function accountStatement(ctx: Ctx, id: number, year: number | undefined): Promise<BankStatement> {
  const acc = await bank.findAccountInScope(ctx.platform.db, ctx.actor, id);
  if (!acc) throw commonErrors.NOT_FOUND();
  return statementOf(ctx, acc, year);
}

/** My yearly statement (printable). */
export async function myStatement(ctx: Ctx, year: number | undefined): Promise<BankStatement> {
  if (ctx.actor.residentId === null) throw commonErrors.FORBIDDEN();
  const acc = await bank.accountOfResident(ctx.platform.db, ctx.actor.residentId);
  if (!acc) throw volErrors.VOL_NO_ACCOUNT();
  return statementOf(ctx, acc, year);
}

/** The job: holds past their time are expired (their minutes free again). */
export async function expireHolds(platform: Platform): Promise<number> {
  const ctx: Ctx = { platform, actor: systemActor('volunteers.holds'), origin: { ip: null, channel: 'system', requestId: null }, lang: 'zh-CN' };
  const ids = await bank.expiredHolds(platform.db, platform.clock.now(), 500);
  let n = 0;
  for (const id of ids) if (await inTx(ctx, (tx) => releaseHold(tx, ctx, id, 'expired'))) n++;
  return n;
}
