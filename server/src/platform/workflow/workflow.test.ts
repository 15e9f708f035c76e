import type { Permission } from '@jiayuan/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestPlatform } from '../../test-support/test-platform.js';
import { systemActor } from '../access/actor.js';
import type { Ctx } from '../context.js';
import { queryOne, queryRows, sql, type Tx } from '../db/database.js';
import { AppError } from '../errors/app-error.js';
import { commonErrors } from '../errors/common-errors.js';
import { defineWorkflow, step, transition } from './workflow.js';

/**
 * The kernel's contract on a table of its own: scope (404), state (409), guard, permission and
 * policy (403), the version the caller read, a lost race (409), the audit row named
 * <module>.<entity>.<verb>, effects in the transaction and after it.
 */
interface Row {
  id: number;
  status: 'draft' | 'submitted' | 'approved' | 'rejected';
  version: number;
  place_path: string;
  owner: number | null;
  note: string | null;
}

let t: TestPlatform;
const afterCommit: string[] = [];

const ctx = (permissions: Permission[], opts: { userId?: number; path?: string } = {}): Ctx => ({
  platform: t.platform,
  actor: {
    ...systemActor('wftest'),
    kind: 'user',
    userId: opts.userId ?? 1,
    permissions: new Set(permissions),
    scope: opts.path ? { all: false, places: [{ id: 1, path: opts.path }], employerIds: [] } : { all: true, places: [], employerIds: [] },
  },
  origin: { ip: null, channel: 'web', requestId: null },
  lang: 'zh-CN',
});

const transitions = {
  submit: step<Row, { version?: number }>({ from: ['draft'], to: 'submitted', permission: 'inbound.submit' }),
  approve: step<Row, { version?: number; note: string }, undefined>({
    from: ['submitted'],
    to: 'approved',
    permission: 'inbound.review',
    guard: (_row, input) => (input.note.trim() ? null : commonErrors.VALIDATION_FAILED().onField('note')),
    // Nobody approves their own item.
    policy: (c, row) => row.owner !== c.actor.userId,
    apply: ({ input }) => ({ values: { note: input.note }, note: input.note }),
    async effects({ after, afterCommit: later }) {
      later(() => void afterCommit.push(`approved ${after.id}`));
    },
  }),
};
const spec = {
  module: 'wftest',
  entity: 'item',
  entityType: 'sd_order' as const,
  async load(tx: Tx, c: Ctx, id: number) {
    const within = c.actor.scope.all ? '' : c.actor.scope.places[0]!.path;
    return queryOne<Row>(tx, sql`SELECT * FROM wf_items WHERE id = ${id} AND place_path LIKE ${`${within}%`} FOR UPDATE`);
  },
  async update(tx: Tx, row: Row, values: Partial<Row>) {
    return queryOne<Row>(
      tx,
      sql`UPDATE wf_items SET status = ${values.status!}, note = coalesce(${values.note ?? null}, note), version = version + 1
            WHERE id = ${row.id} AND status = ${row.status} AND version = ${row.version} RETURNING *`,
    );
  },
  wrongState: () => commonErrors.CONFLICT(),
  auditView: (row: Row) => ({ status: row.status }),
};
const items = defineWorkflow(spec, transitions);

async function item(status: Row['status'] = 'submitted', path = '1.2.', owner: number | null = 99) {
  return (await queryOne<{ id: number }>(
    t.platform.db,
    sql`INSERT INTO wf_items (status, place_path, owner) VALUES (${status}, ${path}, ${owner}) RETURNING id`,
  ))!.id;
}
const reviewer = () => ctx(['inbound.review']);
const codeOf = async (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: unknown) => (e instanceof AppError ? `${e.status} ${e.code}` : String(e)),
  );

beforeAll(async () => {
  t = await createTestPlatform();
  await t.platform.db.execute(
    sql`CREATE TABLE wf_items (id serial PRIMARY KEY, status text NOT NULL, version int NOT NULL DEFAULT 1, place_path text NOT NULL, owner int, note text)`,
  );
});
afterAll(() => t.close());

describe('a transition through the kernel', () => {
  it('moves the row, bumps its version, writes the audit row <module>.<entity>.<verb> and runs after-commit effects', async () => {
    const id = await item();
    const after = await transition(reviewer(), items, 'approve', id, { note: '同意', version: 1 });
    expect([after.status, after.version, after.note]).toEqual(['approved', 2, '同意']);
    const audit = await queryRows<{ action: string; after: { status: string; note: string } }>(
      t.platform.db,
      sql`SELECT action, after FROM audit_log WHERE entity_id = ${String(id)} AND action LIKE 'wftest.%'`,
    );
    expect(audit.map((a) => [a.action, a.after.status, a.after.note])).toEqual([['wftest.item.approve', 'approved', '同意']]);
    expect(afterCommit).toContain(`approved ${id}`);
  });

  it('answers 404 outside the caller’s scope, before anything else is told', async () => {
    const id = await item('draft', '9.9.');
    expect(await codeOf(transition(ctx([], { path: '1.' }), items, 'approve', id, { note: 'x' }))).toBe('404 NOT_FOUND');
  });

  it('answers 409 for a state the transition does not leave from, 400 from the guard, 403 without the permission or against the policy', async () => {
    expect(await codeOf(transition(reviewer(), items, 'approve', await item('draft'), { note: 'x' }))).toBe('409 CONFLICT');
    expect(await codeOf(transition(reviewer(), items, 'approve', await item(), { note: '  ' }))).toBe('400 VALIDATION_FAILED');
    expect(await codeOf(transition(ctx(['inbound.submit']), items, 'approve', await item(), { note: 'x' }))).toBe('403 FORBIDDEN');
    expect(await codeOf(transition(ctx(['inbound.review'], { userId: 99 }), items, 'approve', await item(), { note: 'x' }))).toBe('403 FORBIDDEN');
  });

  it('answers 409 STALE_VERSION to a caller who read an older version, and changes nothing', async () => {
    const id = await item();
    expect(await codeOf(transition(reviewer(), items, 'approve', id, { note: 'x', version: 7 }))).toBe('409 STALE_VERSION');
    expect((await queryOne<Row>(t.platform.db, sql`SELECT * FROM wf_items WHERE id = ${id}`))!.status).toBe('submitted');
  });

  it('gives two reviewers racing on one item exactly one success and one 409, and one audit row', async () => {
    for (let round = 0; round < 5; round++) {
      const id = await item();
      const results = await Promise.all(Array.from({ length: 8 }, () => codeOf(transition(reviewer(), items, 'approve', id, { note: '并发', version: 1 }))));
      expect(results.filter((r) => r === 'ok')).toHaveLength(1);
      // The losers read the same version the winner moved on from: each is told it is stale (or, once locked behind it, that the state moved).
      expect(results.filter((r) => r !== 'ok').every((r) => r === '409 STALE_VERSION' || r === '409 CONFLICT')).toBe(true);
      const audit = await queryRows(t.platform.db, sql`SELECT 1 FROM audit_log WHERE entity_id = ${String(id)} AND action = 'wftest.item.approve'`);
      expect(audit).toHaveLength(1);
    }
  });
});
