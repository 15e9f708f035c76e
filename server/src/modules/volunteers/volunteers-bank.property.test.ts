import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../platform/access/actor.js';
import { inTx, type Ctx } from '../../platform/context.js';
import { queryOne, queryRows, sql } from '../../platform/db/database.js';
import { isAppError } from '../../platform/errors/app-error.js';
import { createTestPlatform, type TestPlatform } from '../../test-support/test-platform.js';
import * as bank from './volunteers-bank.repository.js';
import { placeHold, post, releaseHold, reversePosting, settleHold } from './volunteers-bank.ledger.js';

/**
 * The love bank's double entry under thousands of random operations, on both databases (PGlite here,
 * PostgreSQL with TEST_DATABASE_URL): earnings, holds, settlements, releases, transfers, grants, pool
 * funding, reversals and repeated postings, each in its own transaction and each checked against a
 * model of what should happen. After every run the ledger balances, no balance passes its limit,
 * every balance is the sum of its lines, the held minutes are the open holds, nothing is posted twice.
 */

let t: TestPlatform;
let ctx: Ctx;
const COMMUNITY = 7;
const PATH = '1.2.7.';
let run = 0;

beforeAll(async () => {
  t = await createTestPlatform({ withApp: false });
  ctx = { platform: t.platform, actor: systemActor('property'), origin: { ip: null, channel: 'system', requestId: null }, lang: 'zh-CN' };
}, 120_000);
afterAll(async () => {
  await t?.close();
});

type Op =
  | { k: 'earn'; who: number; m: number; source: number }
  | { k: 'hold'; who: number; m: number }
  | { k: 'settle'; hold: number }
  | { k: 'release'; hold: number }
  | { k: 'transfer'; from: number; to: number; m: number }
  | { k: 'fund'; m: number }
  | { k: 'grant'; to: number; m: number }
  | { k: 'reverse'; posting: number };

const PEOPLE = 4;
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ k: fc.constant('earn' as const), who: fc.nat(PEOPLE - 1), m: fc.integer({ min: 1, max: 120 }), source: fc.nat(30) }),
  fc.record({ k: fc.constant('hold' as const), who: fc.nat(PEOPLE - 1), m: fc.integer({ min: 1, max: 150 }) }),
  fc.record({ k: fc.constant('settle' as const), hold: fc.nat(20) }),
  fc.record({ k: fc.constant('release' as const), hold: fc.nat(20) }),
  fc.record({ k: fc.constant('transfer' as const), from: fc.nat(PEOPLE - 1), to: fc.nat(PEOPLE - 1), m: fc.integer({ min: 1, max: 150 }) }),
  fc.record({ k: fc.constant('fund' as const), m: fc.integer({ min: 1, max: 200 }) }),
  fc.record({ k: fc.constant('grant' as const), to: fc.nat(PEOPLE - 1), m: fc.integer({ min: 1, max: 150 }) }),
  fc.record({ k: fc.constant('reverse' as const), posting: fc.nat(40) }),
);

const attempt = async (work: () => Promise<unknown>): Promise<string> => {
  try {
    await work();
    return 'ok';
  } catch (e) {
    if (isAppError(e)) return e.code;
    throw e;
  }
};

async function checkInvariants() {
  const db = t.platform.db;
  // Every posting's lines sum to zero, and so does the whole ledger.
  expect(await queryRows(db, sql`SELECT posting_id FROM vol_bank_lines GROUP BY posting_id HAVING sum(amount) <> 0 OR count(*) < 2`)).toEqual([]);
  expect((await queryOne<{ s: number }>(db, sql`SELECT coalesce(sum(amount), 0)::int AS s FROM vol_bank_lines`))!.s).toBe(0);
  // Each balance is the sum of its lines; none passes its floor; what is held is the open holds.
  const wrong = await queryRows(
    db,
    sql`SELECT a.id FROM vol_bank_accounts a
        WHERE a.balance <> coalesce((SELECT sum(l.amount) FROM vol_bank_lines l WHERE l.account_id = a.id), 0)
           OR (a.floor IS NOT NULL AND a.balance - a.held < a.floor)
           OR a.held <> coalesce((SELECT sum(h.minutes) FROM vol_bank_holds h WHERE h.account_id = a.id AND h.status = 'held'), 0)`,
  );
  expect(wrong).toEqual([]);
  // Nothing posted twice: one posting per source, one reversal per posting, never a reversal of a reversal.
  expect(
    await queryRows(db, sql`SELECT source_type, source_id FROM vol_bank_postings WHERE source_type IS NOT NULL GROUP BY 1, 2 HAVING count(*) > 1`),
  ).toEqual([]);
  expect(await queryRows(db, sql`SELECT reverses_id FROM vol_bank_postings WHERE reverses_id IS NOT NULL GROUP BY 1 HAVING count(*) > 1`)).toEqual([]);
  expect(
    await queryRows(db, sql`SELECT r.id FROM vol_bank_postings r JOIN vol_bank_postings o ON o.id = r.reverses_id WHERE o.reverses_id IS NOT NULL`),
  ).toEqual([]);
}

describe('the love bank never loses a minute', () => {
  it('thousands of random postings, holds, settlements, releases, transfers and reversals keep the ledger whole (checked against a model)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 40, maxLength: 80 }), async (ops) => {
        run++;
        const residents = Array.from({ length: PEOPLE }, (_, i) => 1_000_000 * run + i);
        const accounts: number[] = [];
        let pool = 0;
        let issuance = 0;
        await inTx(ctx, async (tx) => {
          for (const r of residents) accounts.push((await bank.ensureMemberAccount(tx, r, COMMUNITY + run, PATH)).account.id);
          pool = (await bank.ensureCommunityAccount(tx, COMMUNITY + run, PATH, 'pool')).id;
          issuance = (await bank.ensureCommunityAccount(tx, COMMUNITY + run, PATH, 'issuance')).id;
          await bank.ensureCommunityAccount(tx, COMMUNITY + run, PATH, 'redeemed');
        });
        // The model: balances, held minutes, open holds, postings (with their lines) and which were reversed.
        const bal = new Map<number, number>([...accounts, pool, issuance].map((a) => [a, 0]));
        const held = new Map<number, number>(accounts.map((a) => [a, 0]));
        const holds: { id: number; account: number; m: number; open: boolean }[] = [];
        const postings: { id: number; lines: { accountId: number; amount: number }[]; reversal: boolean; reversed: boolean }[] = [];
        const sources = new Set<number>();
        const avail = (a: number) => bal.get(a)! - (held.get(a) ?? 0);
        let redeemed = 0;
        for (const op of ops) {
          if (op.k === 'earn') {
            const again = sources.has(op.source);
            let created = true;
            const code = await attempt(() =>
              inTx(ctx, async (tx) => {
                const r = await post(tx, ctx, {
                  kind: 'earn',
                  sourceType: `prop${run}`,
                  sourceId: op.source,
                  lines: [
                    { accountId: issuance, amount: -op.m },
                    { accountId: accounts[op.who]!, amount: op.m },
                  ],
                });
                created = r.created;
                if (r.created)
                  postings.push({
                    id: r.posting.id,
                    lines: [
                      { accountId: issuance, amount: -op.m },
                      { accountId: accounts[op.who]!, amount: op.m },
                    ],
                    reversal: false,
                    reversed: false,
                  });
              }),
            );
            expect(code).toBe('ok');
            // Posting the same source twice changes nothing.
            expect(created).toBe(!again);
            if (!again) {
              sources.add(op.source);
              bal.set(issuance, bal.get(issuance)! - op.m);
              bal.set(accounts[op.who]!, bal.get(accounts[op.who]!)! + op.m);
            }
          } else if (op.k === 'hold') {
            const a = accounts[op.who]!;
            let id = 0;
            const code = await attempt(() =>
              inTx(ctx, async (tx) => void (id = (await placeHold(tx, ctx, a, op.m, null, new Date(Date.now() + 86400000))).id)),
            );
            expect(code).toBe(op.m <= avail(a) ? 'ok' : 'VOL_INSUFFICIENT_MINUTES');
            if (code === 'ok') {
              held.set(a, held.get(a)! + op.m);
              holds.push({ id, account: a, m: op.m, open: true });
            }
          } else if (op.k === 'settle' || op.k === 'release') {
            const h = holds[op.hold % Math.max(1, holds.length)];
            if (!h) continue;
            let done = false;
            await inTx(ctx, async (tx) => {
              done = op.k === 'settle' ? await settleHold(tx, ctx, h.id) : await releaseHold(tx, ctx, h.id, 'released');
            });
            expect(done).toBe(h.open);
            if (h.open) {
              h.open = false;
              held.set(h.account, held.get(h.account)! - h.m);
              if (op.k === 'settle') {
                bal.set(h.account, bal.get(h.account)! - h.m);
                redeemed += h.m;
              }
            }
          } else if (op.k === 'transfer' || op.k === 'grant') {
            const from = op.k === 'transfer' ? accounts[op.from]! : pool;
            const to = accounts[op.k === 'transfer' ? op.to : op.to]!;
            if (from === to) continue;
            let pid = 0;
            const lines = [
              { accountId: from, amount: -op.m },
              { accountId: to, amount: op.m },
            ];
            const code = await attempt(() => inTx(ctx, async (tx) => void (pid = (await post(tx, ctx, { kind: op.k, lines })).posting.id)));
            expect(code).toBe(op.m <= avail(from) ? 'ok' : 'VOL_INSUFFICIENT_MINUTES');
            if (code === 'ok') {
              bal.set(from, bal.get(from)! - op.m);
              bal.set(to, bal.get(to)! + op.m);
              postings.push({ id: pid, lines, reversal: false, reversed: false });
            }
          } else if (op.k === 'fund') {
            const lines = [
              { accountId: issuance, amount: -op.m },
              { accountId: pool, amount: op.m },
            ];
            let pid = 0;
            expect(await attempt(() => inTx(ctx, async (tx) => void (pid = (await post(tx, ctx, { kind: 'fund', lines })).posting.id)))).toBe('ok');
            bal.set(issuance, bal.get(issuance)! - op.m);
            bal.set(pool, bal.get(pool)! + op.m);
            postings.push({ id: pid, lines, reversal: false, reversed: false });
          } else {
            const p = postings[op.posting % Math.max(1, postings.length)];
            if (!p) continue;
            let rid = 0;
            const code = await attempt(() => inTx(ctx, async (tx) => void (rid = (await reversePosting(tx, ctx, p.id, '更正')).posting.id)));
            const undone = p.lines.map((l) => ({ accountId: l.accountId, amount: -l.amount }));
            const fits = undone.every((l) => l.amount >= 0 || l.accountId === issuance || -l.amount <= avail(l.accountId));
            const expected = p.reversal ? 'VOL_REVERSAL_OF_REVERSAL' : p.reversed ? 'VOL_ALREADY_REVERSED' : fits ? 'ok' : 'VOL_INSUFFICIENT_MINUTES';
            expect(code).toBe(expected);
            if (code === 'ok') {
              p.reversed = true;
              for (const l of undone) bal.set(l.accountId, bal.get(l.accountId)! + l.amount);
              postings.push({ id: rid, lines: undone, reversal: true, reversed: false });
            }
          }
        }
        // The database agrees with the model, account by account.
        for (const [a, b] of bal) expect([a, (await bank.findAccount(t.platform.db, a))!.balance]).toEqual([a, b]);
        for (const [a, h] of held) expect([a, (await bank.findAccount(t.platform.db, a))!.held]).toEqual([a, h]);
        const red = await bank.ensureCommunityAccount(t.platform.db, COMMUNITY + run, PATH, 'redeemed');
        expect(red.balance).toBe(redeemed);
        await checkInvariants();
      }),
      { numRuns: 50, seed: 20261208 },
    );
  }, 600_000);

  it('fifty holds raced on 100 minutes: exactly ten of 10 are placed, the rest refused, nothing overdrawn', async () => {
    const { account } = await inTx(ctx, (tx) => bank.ensureMemberAccount(tx, 99_000_001, 99, PATH));
    const issuance = await bank.ensureCommunityAccount(t.platform.db, 99, PATH, 'issuance');
    await inTx(ctx, (tx) =>
      post(tx, ctx, {
        kind: 'earn',
        sourceType: 'race',
        sourceId: 1,
        lines: [
          { accountId: issuance.id, amount: -100 },
          { accountId: account.id, amount: 100 },
        ],
      }),
    );
    const codes = await Promise.all(
      Array.from({ length: 50 }, () => attempt(() => inTx(ctx, (tx) => placeHold(tx, ctx, account.id, 10, null, new Date(Date.now() + 3600000))))),
    );
    expect(codes.filter((c) => c === 'ok')).toHaveLength(10);
    expect(codes.filter((c) => c !== 'ok').every((c) => c === 'VOL_INSUFFICIENT_MINUTES')).toBe(true);
    expect(await bank.findAccount(t.platform.db, account.id)).toMatchObject({ balance: 100, held: 100 });
    // And the database's own rule, whatever the code path: no direct write may overdraw it.
    await expect(t.platform.db.execute(sql`UPDATE vol_bank_accounts SET held = held + 1 WHERE id = ${account.id}`)).rejects.toThrow();
    await expect(t.platform.db.execute(sql`DELETE FROM vol_bank_lines`)).rejects.toThrow();
    await checkInvariants();
  }, 120_000);

  it('an unbalanced posting written by hand is refused at commit', async () => {
    await expect(
      inTx(ctx, async (tx) => {
        const p = await bank.insertPosting(tx, {
          kind: 'fund',
          sourceType: null,
          sourceId: null,
          reversesId: null,
          memo: null,
          createdBy: null,
          at: new Date(),
        });
        await bank.applyLine(tx, p!.id, (await bank.ensureCommunityAccount(tx, 98, PATH, 'issuance')).id, -5, new Date());
      }),
    ).rejects.toThrow();
    await checkInvariants();
  });
});
