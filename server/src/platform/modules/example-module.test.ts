import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { MODULES } from '../../modules.js';
import { signIn, userWith, type TestClient } from '../../test-support/http-client.js';
import { createTestPlatform, type TestPlatform } from '../../test-support/test-platform.js';
import { inPlaceScope } from '../access/actor.js';
import type { Ctx, Platform } from '../context.js';
import { queryOne, queryRows, sql, type Tx } from '../db/database.js';
import { commonErrors } from '../errors/common-errors.js';
import { ctxOf } from '../http/request-context.js';
import { measure } from '../figures/figures.registry.js';
import { defineWorkflow, step, transition } from '../workflow/workflow.js';
import { defineModule } from './define-module.js';

/**
 * The example of docs/architecture.md ("Adding a module"), as a test: a module with one route
 * pair, one workflow, one dashboard card and one figure set is added by its manifest alone, and
 * the platform serves, audits, counts and races it like every other module.
 */
interface Notice {
  id: number;
  status: 'draft' | 'published';
  version: number;
  place_path: string;
  title: string;
}

const notices = defineWorkflow(
  {
    module: 'notices',
    entity: 'notice',
    entityType: 'place' as const,
    load: (tx: Tx, ctx: Ctx, id: number) =>
      queryOne<Notice>(tx, sql`SELECT * FROM example_notices WHERE id = ${id} FOR UPDATE`).then((n) =>
        n && inPlaceScope(ctx.actor, n.place_path) ? n : undefined,
      ),
    update: (tx: Tx, n: Notice, values: Partial<Notice>) =>
      queryOne<Notice>(
        tx,
        sql`UPDATE example_notices SET status = ${values.status!}, version = version + 1 WHERE id = ${n.id} AND status = ${n.status} AND version = ${n.version} RETURNING *`,
      ),
    wrongState: () => commonErrors.CONFLICT(),
    auditView: (n: Notice) => ({ status: n.status }),
  },
  { publish: step<Notice, { version: number }>({ from: ['draft'], to: 'published', permission: 'dashboard.read' }) },
);

function noticeRoutes(platform: Platform): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/notices',
      { schema: { body: z.object({ title: z.string().min(1).max(50), placePath: z.string() }) }, config: { access: 'dashboard.read' } },
      async (req) =>
        queryOne<Notice>(platform.db, sql`INSERT INTO example_notices (title, place_path) VALUES (${req.body.title}, ${req.body.placePath}) RETURNING *`),
    );
    app.post(
      '/notices/:id/publish',
      { schema: { params: z.object({ id: z.coerce.number() }), body: z.object({ version: z.number() }) }, config: { access: 'dashboard.read' } },
      async (req) => transition(ctxOf(platform, req), notices, 'publish', req.params.id, req.body),
    );
  };
}

const counts = (ctx: Ctx) =>
  queryRows<{ status: string; n: number }>(ctx.platform.db, sql`SELECT status, count(*)::int AS n FROM example_notices GROUP BY status ORDER BY status`);

const noticesModule = defineModule({
  name: 'notices',
  routes: [noticeRoutes],
  dashboardCards: [
    {
      key: 'notices.drafts',
      order: 99,
      permission: 'dashboard.read',
      async load(ctx) {
        const drafts = (await counts(ctx)).find((c) => c.status === 'draft')?.n ?? 0;
        return {
          title: { 'zh-CN': '通知', 'en-US': 'Notices' },
          figures: [{ key: 'drafts', label: { 'zh-CN': '草稿', 'en-US': 'Drafts' }, value: drafts, unit: 'count', tone: 'normal', link: null }],
          rows: [],
        };
      },
    },
  ],
  figures: [
    {
      key: 'notices.published',
      module: 'notices',
      title: { 'zh-CN': '通知', 'en-US': 'Notices' },
      permission: 'dashboard.read',
      groupings: ['total'],
      measures: [measure('published', 'count', ['已发布', 'Published'], ['已发布的通知数', 'Notices published'])],
      async compute(ctx) {
        const published = (await counts(ctx)).find((c) => c.status === 'published')?.n ?? 0;
        return { rows: [], total: { group: 'total', label: 'Total', values: { published } } };
      },
    },
  ],
});

let t: TestPlatform;
let staff: TestClient;
let app: Awaited<ReturnType<typeof buildApp>>;

beforeAll(async () => {
  t = await createTestPlatform();
  await t.platform.db.execute(
    sql`CREATE TABLE example_notices (id serial PRIMARY KEY, title text NOT NULL, status text NOT NULL DEFAULT 'draft', version int NOT NULL DEFAULT 1, place_path text NOT NULL)`,
  );
  await userWith(t.platform, t.app, ['community_staff'], { all: true }, 'noticestaff');
  app = await buildApp(t.platform, { serveWeb: false, modules: [...MODULES, noticesModule] });
  await app.ready();
  staff = await signIn(app, 'noticestaff');
});
afterAll(async () => {
  await app.close();
  await t.close();
});

describe('a module added by its manifest alone', () => {
  it('serves its routes, runs its workflow through the kernel (audited, raced), and shows on the dashboard and in the figures', async () => {
    const n = (await staff.post('/api/notices', { title: '停水通知', placePath: '1.' })).json as Notice;
    const answers = await Promise.all([1, 2, 3].map(() => staff.post(`/api/notices/${n.id}/publish`, { version: n.version })));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409]);
    const audit = await queryRows<{ action: string }>(t.platform.db, sql`SELECT action FROM audit_log WHERE action LIKE 'notices.%'`);
    expect(audit.map((a) => a.action)).toEqual(['notices.notice.publish']);
    await staff.post('/api/notices', { title: '停电通知', placePath: '1.' });
    const card = (await staff.get('/api/dashboard')).json.cards.find((c: { key: string }) => c.key === 'notices.drafts');
    expect(card.figures[0].value).toBe(1);
    expect((await staff.get('/api/figures')).json.items.map((i: { key: string }) => i.key)).toContain('notices.published');
    expect((await staff.get('/api/figures/notices.published?from=2026-01-01&to=2026-01-02')).json.total.values.published).toBe(1);
  });
});
