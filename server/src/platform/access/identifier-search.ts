import { maskIdNumber, maskPhone } from '@jiayuan/contracts';
import { recordAudit } from '../audit/audit.service.js';
import { inTx, type Ctx } from '../context.js';
import type { Platform } from '../context.js';
import { defineErrors } from '../errors/app-error.js';
import { countSearch, deleteCountsBefore } from './identifier-search.repository.js';

export const identifierSearchErrors = defineErrors({
  IDENTIFIER_SEARCH_LIMIT: {
    status: 429,
    zh: '按完整证件号或手机号查询过于频繁（每分钟最多 {limit} 次），请 {seconds} 秒后再试',
    en: 'Too many searches by a full ID or phone number (at most {limit} a minute); try again in {seconds} s',
  },
});

export type IdentifierKind = 'idNumber' | 'phone';

export interface IdentifierSearch {
  kind: IdentifierKind;
  /** The number as the blind index is made of it (normalised; an ID of another type carries its type prefix). */
  indexed: string;
  /** Which search this is, for the audit log: `registry.residents`, `servicedesk.caller`, `access.gate_verify`… */
  purpose: string;
}

/** Who a search counts against: the user, the token, or (without either) the client address. */
function subjectOf(ctx: Pick<Ctx, 'actor' | 'origin'>): string {
  if (ctx.actor.userId !== null) return `user:${ctx.actor.userId}`;
  if (ctx.actor.tokenId !== null) return `token:${ctx.actor.tokenId}`;
  return `ip:${ctx.origin.ip ?? 'unknown'}`;
}

/**
 * The one door to a search or verification by a full ID or phone number. A masked number leaves
 * candidates that a search would confirm one by one, so each search is counted against the
 * caller's limit per minute (in the database: one across instances, exact under parallel
 * requests; over it, a 429 and nothing is searched) and written to the audit log with the kind
 * and purpose, the masked number and a short keyed reference (never the number). Answers the
 * blind index to search with.
 */
export async function identifierSearch(ctx: Ctx, search: IdentifierSearch): Promise<Buffer> {
  const { cipher, clock, config } = ctx.platform;
  const index = cipher.blindIndex(search.kind, search.indexed);
  const now = clock.now();
  const minute = new Date(Math.floor(now.getTime() / 60000) * 60000);
  const limit = config.identifierSearchesPerMinute;
  await inTx(ctx, async (tx) => {
    const counted = await countSearch(tx, subjectOf(ctx), minute, limit);
    if (counted === null) {
      throw identifierSearchErrors.IDENTIFIER_SEARCH_LIMIT({ limit, seconds: Math.ceil((minute.getTime() + 60000 - now.getTime()) / 1000) });
    }
    const number = search.indexed.slice(search.indexed.indexOf(':') + 1);
    await recordAudit(tx, ctx, {
      action: 'identifier.searched',
      entityType: 'identifier_search',
      entityId: null,
      after: {
        kind: search.kind,
        purpose: search.purpose,
        masked: search.kind === 'phone' ? maskPhone(number) : maskIdNumber(number),
        // Tells searches for different numbers apart (a mask shows the same last four for every
        // guess at one person's number) and matches the record's blind index, without the number.
        ref: index.subarray(0, 6).toString('hex'),
      },
    });
  });
  return index;
}

/** Drops the counts of minutes more than an hour ago (the periodic job). */
export async function forgetOldIdentifierSearches(platform: Pick<Platform, 'db' | 'clock'>): Promise<void> {
  await deleteCountsBefore(platform.db, new Date(platform.clock.now().getTime() - 3600000));
}
