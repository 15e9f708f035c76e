import { ROLE_PERMISSIONS, ROLES, type Permission, type Role } from '@jiayuan/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertSession } from '../platform/auth/identity.repository.js';
import { randomToken, sha256Hex } from '../platform/auth/passwords.js';
import { queryOne, sql } from '../platform/db/database.js';
import type { RouteAccess } from '../platform/http/request-context.js';
import { localDate } from '../platform/time.js';
import { buildSmallTree, makeIdNumber, type SmallTree } from './fixtures.js';
import { TEST_PASSWORD, TestClient, userWith } from './http-client.js';
import { createTestPlatformWithRoutes, type SeenRoute } from './routes.js';
import { PNG_1PX, repairCategory, residentClient, step } from './servicedesk.js';
import type { TestPlatform } from './test-platform.js';
import { multipartFile } from './workbooks.js';

/**
 * The access matrix's harness: every /api route, read from the app itself, called by every role, an
 * anonymous caller, a resident signed in by phone, and each of them on records of another community.
 * The cases (how to call each route in and out of the caller's scope) live beside each module's code,
 * in `modules/<m>/<m>.access-cases.ts` and `platform/access-cases.ts`; server/src/access-matrix.test.ts
 * collects them and runs `describeAccessMatrix`.
 */

export interface Req {
  method: string;
  url: string;
  body?: unknown;
  upload?: Buffer;
  /** Server-sent events: read the status over a real connection, then hang up. */
  stream?: boolean;
  /** Spreads sign-in attempts over addresses, so the sign-in rate limit does not answer instead. */
  remoteAddress?: string;
  /** Use a session of its own (the request ends the caller's session). */
  ownSession?: boolean;
}

export interface Caller {
  /** `phone_resident`: a resident signed in with a phone code (a user of their own kind, not a staff role). */
  role: Role | 'anonymous' | 'phone_resident';
  client: TestClient;
  username: string | null;
  userId: number | null;
}

export interface Case {
  inScope(c: Caller): Promise<Req> | Req;
  /** What a permitted caller gets in scope, when it is not a success (a wrong password, a file with errors). */
  ok?: number[] | ((c: Caller) => number[]);
  /** The same request aimed at a record outside the caller's scope; answered 404 to whoever may call the route. */
  outOfScope?(c: Caller): Promise<Req> | Req;
  /** Which holders of the permission the out-of-scope variant applies to (default: all). */
  scopedFor?(role: Role): boolean;
}

/**
 * Who may do the sensitive things, written out by hand (issue 10, item 31): not read from
 * ROLE_PERMISSIONS or the routes' access rules, so a wrong grant in those tables fails the matrix. For
 * these routes the matrix expects exactly these roles to get through and every other role a 403.
 * Change a line only when the product decision changes, and say so in the commit.
 */
export type SensitiveRoutes = Record<string, readonly Role[]>;

/**
 * What a case file exports: `accessCases(m)`, the cases of its routes keyed 'METHOD /api/path'
 * (it may register fixtures with `m.setup`), and optionally `sensitive`, its hand-written lines.
 */
export interface ModuleAccessCases {
  accessCases(m: MatrixContext): Record<string, Case>;
  sensitive?: SensitiveRoutes;
}

/**
 * Two residents signed in by phone code, neighbours in community A: each with an order (and its
 * photo), a resolved order waiting for feedback and an approved return request. `me` is the
 * caller; the neighbour's records are what `me` must not reach. Made once, on first use.
 */
export interface PhoneFixtures {
  me: Caller;
  myOrder: number;
  myPhoto: number;
  myResolvedOrder: number;
  myRequest: number;
  neighbourOrder: number;
  neighbourPhoto: number;
  neighbourResolvedOrder: number;
  neighbourRequest: number;
}

/** What case files receive. `tree`, `admin` and `desk` exist once the fixtures are made: read them inside the cases. */
export interface MatrixContext {
  readonly t: TestPlatform;
  readonly tree: SmallTree;
  /** A district-wide administrator (`matrixadmin`). */
  readonly admin: TestClient;
  /** A district-wide center coordinator (`matrixdesk`). */
  readonly desk: TestClient;
  /** Ids of the fixtures: the shared ones (employerA/B, residentA/B, adminId) and those the modules' setups add. */
  readonly fx: Record<string, number>;
  /** Fixture users who act the other steps of workflows: coord (department), staffA/B (community staff), healthA/B (health workers). */
  readonly ix: Record<string, TestClient & { userId: number }>;
  /** The callers by role, scoped to community A (an employer liaison to employer A). */
  readonly callers: ReadonlyMap<Role, Caller>;
  next(): number;
  /** A fresh remote address (rate limits are per address). */
  nextAddress(): string;
  created(res: { status: number; json: any }, what: string): Promise<any>;
  freshPlace(parentId: number, type?: string): Promise<number>;
  freshResident(dwellingId: number): Promise<number>;
  /** The `version` of a record, read by the admin. */
  versionOf(url: string): Promise<number>;
  adminCaller(): Caller;
  today(): string;
  /** A trip home, for return requests and declarations. */
  trip(): { fromCity: string; fromRisk: string; plannedArrival: string; health: { symptoms: string[]; contactWithCase: boolean } };
  /** A fresh valid ID number (birth dates step through the 1970s, serials through 0–999). */
  freshId(): string;
  phoneFixtures(): Promise<PhoneFixtures>;
  /** Makes a module's fixtures before the tests: after the shared fixtures, before the callers; in the order of the modules' list. */
  setup(fn: () => Promise<void>): void;
  /** Runs after the tests, before the database goes away. */
  teardown(fn: () => Promise<void>): void;
}

export interface AccessMatrix {
  context: MatrixContext;
  apiRoutes: SeenRoute[];
  docsRoutes: SeenRoute[];
}

/** Starts the app and builds the context (its fixtures are made in `beforeAll`, by `describeAccessMatrix`). */
export async function createAccessMatrix(): Promise<AccessMatrix & { internals: Internals }> {
  const { t, routes: seen } = await createTestPlatformWithRoutes();
  const apiRoutes = seen.filter((r) => r.url.startsWith('/api/') && !r.url.startsWith('/api/docs'));
  const docsRoutes = seen.filter((r) => r.url.startsWith('/api/docs'));

  let admin: TestClient | undefined;
  let desk: TestClient | undefined;
  let tree: SmallTree | undefined;
  const fx: Record<string, number> = {};
  const ix: Record<string, TestClient & { userId: number }> = {};
  const callers = new Map<Role, Caller>();
  const setups: (() => Promise<void>)[] = [];
  const teardowns: (() => Promise<void>)[] = [];
  let seq = 0;
  const next = () => ++seq;
  const nextAddress = () => {
    const n = next();
    return `10.0.${Math.floor(n / 250) % 250}.${(n % 250) + 1}`;
  };
  const ready = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`the matrix's ${what} is made in beforeAll: read it inside a case or a setup`);
    return value;
  };
  async function created(res: { status: number; json: any }, what: string) {
    if (res.status !== 201 && res.status !== 200) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.json)}`);
    return res.json;
  }
  let idSeq = 0;
  let phoneSetup: Promise<PhoneFixtures> | null = null;
  const today = () => localDate(t.platform.clock.now(), 'Asia/Shanghai');

  const m: MatrixContext = {
    t,
    get tree() {
      return ready(tree, 'tree');
    },
    get admin() {
      return ready(admin, 'admin');
    },
    get desk() {
      return ready(desk, 'desk');
    },
    fx,
    ix,
    callers,
    next,
    nextAddress,
    created,
    freshPlace: async (parentId, type = 'building') =>
      (await created(await m.admin.post('/api/places', { parentId, type, name: `矩阵${type}${next()}` }), 'place')).id as number,
    freshResident: async (dwellingId) =>
      (await created(await m.admin.post('/api/residents', { dwellingId, name: `矩阵居民${next()}` }), 'resident')).id as number,
    versionOf: async (url) => (await m.admin.get(url)).json.version as number,
    adminCaller: () => ({ role: 'admin', client: m.admin, username: 'matrixadmin', userId: fx.adminId! }),
    today,
    trip: () => ({ fromCity: '河南濮阳', fromRisk: 'low', plannedArrival: today(), health: { symptoms: [], contactWithCase: false } }),
    freshId: () => {
      const n = ++idSeq;
      const d = new Date(Date.UTC(1970, 0, 1 + Math.floor(n / 900)));
      return makeIdNumber(d.toISOString().slice(0, 10).replaceAll('-', ''), n % 900);
    },
    phoneFixtures: () => (phoneSetup ??= phoneFixtures(m)),
    setup: (fn) => void setups.push(fn),
    teardown: (fn) => void teardowns.push(fn),
  };

  async function makeFixtures() {
    admin = await userWith(t.platform, t.app, ['admin'], { all: true }, 'matrixadmin');
    fx.adminId = (admin as TestClient & { userId: number }).userId;
    tree = await buildSmallTree(admin);
    fx.employerA = (await admin.post('/api/employers', { name: '钻井一公司' })).json.id;
    fx.employerB = (await admin.post('/api/employers', { name: '钻井二公司' })).json.id;
    fx.residentA = (
      await admin.post('/api/residents', {
        dwellingId: tree.dwellingsA[0],
        name: '甲',
        phone: '13911112222',
        idNumber: makeIdNumber('19800101', 1),
        employerId: fx.employerA,
      })
    ).json.id;
    fx.residentB = (await admin.post('/api/residents', { dwellingId: tree.dwellingsB[0], name: '乙', phone: '13933334444', employerId: fx.employerB })).json.id;
    ix.coord = await userWith(t.platform, t.app, ['department_coordinator'], { placeIds: [tree.department] }, 'matrixfxcoord');
    ix.staffA = await userWith(t.platform, t.app, ['community_staff'], { placeIds: [tree.communityA] }, 'matrixfxstaffa');
    ix.staffB = await userWith(t.platform, t.app, ['community_staff'], { placeIds: [tree.communityB] }, 'matrixfxstaffb');
    ix.healthA = await userWith(t.platform, t.app, ['health_worker'], { placeIds: [tree.communityA] }, 'matrixfxhealtha');
    ix.healthB = await userWith(t.platform, t.app, ['health_worker'], { placeIds: [tree.communityB] }, 'matrixfxhealthb');
    desk = await userWith(t.platform, t.app, ['center_coordinator'], { all: true }, 'matrixdesk');
    for (const setup of setups) await setup();
    for (const role of ROLES) {
      const scope = role === 'employer_liaison' ? { employerIds: [fx.employerA!] } : { placeIds: [tree.communityA] };
      const u = await userWith(t.platform, t.app, [role], scope, `matrix_${role}`);
      callers.set(role, { role, client: u, username: `matrix_${role}`, userId: u.userId });
    }
  }

  return { context: m, apiRoutes, docsRoutes, internals: { makeFixtures, teardowns } };
}

interface Internals {
  makeFixtures(): Promise<void>;
  teardowns: (() => Promise<void>)[];
}

/** Collects the modules' cases and sensitive lines; a route claimed twice is an error. */
export function collectCases(m: MatrixContext, modules: readonly ModuleAccessCases[]): { cases: Record<string, Case>; sensitive: SensitiveRoutes } {
  const cases: Record<string, Case> = {};
  const sensitive: Record<string, readonly Role[]> = {};
  for (const mod of modules) {
    for (const [key, c] of Object.entries(mod.accessCases(m))) {
      if (cases[key]) throw new Error(`two modules have a matrix case for ${key}`);
      cases[key] = c;
    }
    for (const [key, roles] of Object.entries(mod.sensitive ?? {})) {
      if (sensitive[key]) throw new Error(`two modules have a sensitive line for ${key}`);
      sensitive[key] = roles;
    }
  }
  return { cases, sensitive };
}

/** Made once per matrix, on first use (see PhoneFixtures). */
function phoneFixtures(m: MatrixContext): Promise<PhoneFixtures> {
  const { t, ix, created, next, trip, freshId } = m;
  return (async () => {
    const repairer = await userWith(t.platform, t.app, ['property_staff'], { placeIds: [m.tree.communityA] }, 'matrixphonerepairer');
    const team = await created(
      await m.desk.post('/api/servicedesk/teams', { name: '矩阵住户报修班', placeId: m.tree.communityA, leaderUserId: null, memberUserIds: [repairer.userId] }),
      'team',
    );
    const categoryId = (await created(await m.desk.post('/api/servicedesk/categories', repairCategory('matrix.resident', team.id)), 'category')).id as number;
    const person = async (dwellingId: number, phone: string) => {
      const idNumber = freshId();
      const r = await created(await m.admin.post('/api/residents', { dwellingId, name: `住户${next()}`, phone, idNumber }), 'resident');
      const client = await residentClient(t, phone);
      const order = (await created(await client.post('/api/servicedesk/my/orders', { categoryId, description: '矩阵报修' }), 'order')).id as number;
      const file = multipartFile('leak.png', PNG_1PX);
      const photo = (
        await created(await client.request('POST', `/api/servicedesk/my/orders/${order}/photos`, file.payload, { 'content-type': file.contentType }), 'photo')
      ).id as number;
      const resolved = (await created(await client.post('/api/servicedesk/my/orders', { categoryId, description: '矩阵待评价' }), 'order')).id as number;
      await created(await step(m.desk, resolved, { action: 'dispatch', assigneeUserId: repairer.userId }), 'dispatch');
      for (const action of ['accept', 'arrive']) await created(await step(repairer, resolved, { action }), action);
      await created(await step(repairer, resolved, { action: 'resolve', firstVisitFix: true, workDone: '矩阵' }), 'resolve');
      const d = await created(
        await client.post('/api/inbound/declarations', { name: r.name, idNumber, phone, communityId: m.tree.communityA, address: '建工小区', ...trip() }),
        'declaration',
      );
      let q = (await ix.coord!.get(`/api/inbound/requests/${d.id}`)).json;
      q = await created(await ix.coord!.post(`/api/inbound/requests/${q.id}/route`, { version: q.version }), 'route');
      await created(
        await ix.staffA!.post(`/api/inbound/requests/${q.id}/approve`, { measure: { kind: 'home_observation', days: 14 }, version: q.version }),
        'approve',
      );
      const userId = (await queryOne<{ id: number }>(t.platform.db, sql`SELECT id FROM users WHERE resident_id = ${r.id}`))!.id;
      return { client, userId, order, photo, resolved, request: d.id as number };
    };
    const me = await person(m.tree.dwellingsA[3]!, '13766660001');
    const neighbour = await person(m.tree.dwellingsA[4]!, '13766660002');
    return {
      me: { role: 'phone_resident', client: me.client, username: null, userId: me.userId },
      myOrder: me.order,
      myPhoto: me.photo,
      myResolvedOrder: me.resolved,
      myRequest: me.request,
      neighbourOrder: neighbour.order,
      neighbourPhoto: neighbour.photo,
      neighbourResolvedOrder: neighbour.resolved,
      neighbourRequest: neighbour.request,
    };
  })();
}

/** Routes that must have a hand-written sensitive line: reveals, exports, approvals, seals, tokens and keys, users. */
const isSensitive = (key: string) =>
  /reveal|\.xlsx$|\/approve$|\/reject$|\/release$|^POST \/api\/containment\/orders|tokens|\/keys\/|\/api\/users(\/:id)?(\/[a-z-]+)?$|^POST \/api\/access\/passes$/.test(
    key,
  ) && !/import-template|imports\/:id\/errors|\/users\/lookup|\/gate\/tokens|open311/.test(key);

/** Residents signed in by phone hold no permission: their own pages ('resident') and what any signed-in person may call. */
function permittedForPhoneResident(access: RouteAccess): boolean {
  return access === 'public' || access === 'authenticated' || access === 'user' || access === 'resident';
}

function permitted(access: RouteAccess, role: Role): boolean {
  if (access === 'public' || access === 'authenticated' || access === 'user' || access === 'staff') return true;
  if (access === 'resident') return false;
  const perms = ROLE_PERMISSIONS[role] as readonly Permission[];
  if (typeof access === 'string') return perms.includes(access);
  return access.any.some((p) => perms.includes(p));
}

/**
 * The checks: 401 without a session, 403 without the route's permission (or, for a sensitive route,
 * outside its hand-written roles), 404 for a record outside the caller's scope, and otherwise an
 * answer that is neither a refusal nor a server error. A route without a case fails the first test.
 */
export function describeAccessMatrix(matrix: AccessMatrix & { internals: Internals }, cases: Record<string, Case>, SENSITIVE: SensitiveRoutes): void {
  const { context: m, apiRoutes, docsRoutes, internals } = matrix;
  const { t, callers, nextAddress } = m;
  let port = 0;

  async function sessionOf(c: Caller): Promise<TestClient> {
    if (c.role === 'phone_resident') {
      // A second phone-code session would wait out the code's resend interval: the session row is made directly.
      const token = randomToken();
      const now = t.clock.now();
      await insertSession(t.platform.db, {
        id: sha256Hex(token),
        userId: c.userId!,
        csrfToken: randomToken(24),
        createdAt: now,
        lastSeenAt: now,
        expiresAt: new Date(now.getTime() + 3600000),
      });
      const cookie = `jy_session=${token}`;
      const me = await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } });
      return new TestClient(t.app, cookie, me.json().csrfToken);
    }
    if (!c.username) return c.client;
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: c.username, password: TEST_PASSWORD },
      remoteAddress: nextAddress(),
    });
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    const me = await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } });
    return new TestClient(t.app, cookie, me.json().csrfToken);
  }

  /** Sends the request as the caller; returns the status and the problem code, if any. */
  async function send(c: Caller, req: Req): Promise<{ status: number; code: string | undefined }> {
    const client = req.ownSession ? await sessionOf(c) : c.client;
    const headers: Record<string, string> = { 'accept-language': 'en-US' };
    if (client.cookie) headers.cookie = client.cookie;
    if (client.csrf && req.method !== 'GET') headers['x-csrf-token'] = client.csrf;
    if (req.stream) {
      const abort = new AbortController();
      const res = await fetch(`http://127.0.0.1:${port}${req.url}`, { headers, signal: abort.signal });
      const code = res.status >= 400 ? ((await res.json()) as { code?: string }).code : undefined;
      abort.abort();
      await res.body?.cancel().catch(() => undefined);
      return { status: res.status, code };
    }
    let payload: string | Buffer | undefined;
    if (req.upload) {
      const m = multipartFile('矩阵.xlsx', req.upload);
      payload = m.payload;
      headers['content-type'] = m.contentType;
    } else if (req.body !== undefined) {
      payload = JSON.stringify(req.body);
      headers['content-type'] = 'application/json';
    }
    const res = await t.app.inject({
      method: req.method as 'GET',
      url: req.url,
      headers,
      ...(payload !== undefined ? { payload } : {}),
      ...(req.remoteAddress ? { remoteAddress: req.remoteAddress } : {}),
    });
    let code: string | undefined;
    try {
      code = res.json().code;
    } catch {
      code = undefined;
    }
    return { status: res.statusCode, code };
  }

  beforeAll(async () => {
    port = Number(new URL(await t.app.listen({ port: 0, host: '127.0.0.1' })).port);
    await internals.makeFixtures();
  });

  afterAll(async () => {
    for (const teardown of internals.teardowns) await teardown();
    await t.close();
  });

  describe('the access matrix', () => {
    it('has found the routes of the app, and each /api route declares who may call it and has a case here', () => {
      expect(apiRoutes.length).toBeGreaterThan(50);
      const undeclared = apiRoutes.filter((r) => !r.access).map((r) => `${r.method} ${r.url}`);
      expect(undeclared).toEqual([]);
      const missing = apiRoutes.map((r) => `${r.method} ${r.url}`).filter((k) => !cases[k]);
      expect(missing).toEqual([]);
      const stale = Object.keys(cases).filter((k) => !apiRoutes.some((r) => `${r.method} ${r.url}` === k));
      expect(stale).toEqual([]);
      // The only /api pages without an access rule are the API documentation's.
      expect(docsRoutes.every((r) => r.method === 'GET')).toBe(true);
    });

    it('has a hand-written expectation for every sensitive route (reveal, export, approve, seal, tokens, users)', () => {
      const keys = apiRoutes.map((r) => `${r.method} ${r.url}`);
      expect(keys.filter((k) => isSensitive(k) && !SENSITIVE[k])).toEqual([]);
      expect(Object.keys(SENSITIVE).filter((k) => !keys.includes(k))).toEqual([]);
    });

    it.each(apiRoutes.map((r) => [`${r.method} ${r.url}`, r] as const))('%s answers each caller as its access rule says', async (key, route) => {
      const spec = cases[key];
      if (!spec) throw new Error(`no matrix case for ${key}`);
      const access = route.access!;
      const problems: string[] = [];
      const anon: Caller = { role: 'anonymous', client: new TestClient(t.app, null, null), username: null, userId: null };

      const okFor = (c: Caller) => (typeof spec.ok === 'function' ? spec.ok(c) : spec.ok);
      const succeeded = (status: number, c: Caller) => {
        const ok = okFor(c);
        return ok ? ok.includes(status) : status >= 200 && status < 300;
      };
      const a = await send(anon, await spec.inScope(anon));
      if (access === 'public') {
        if (!succeeded(a.status, anon)) problems.push(`anonymous: ${a.status} ${a.code}`);
      } else if (a.status !== 401 || a.code !== 'UNAUTHENTICATED') problems.push(`anonymous: expected 401, got ${a.status} ${a.code}`);

      for (const role of ROLES) {
        const c = callers.get(role)!;
        const allowed = SENSITIVE[key] ? SENSITIVE[key].includes(role) : permitted(access, role);
        const res = await send(c, await spec.inScope(c));
        if (!allowed) {
          if (res.status !== 403 || res.code !== 'FORBIDDEN') problems.push(`${role}: expected 403, got ${res.status} ${res.code}`);
          continue;
        }
        if (!succeeded(res.status, c)) problems.push(`${role} in scope: got ${res.status} ${res.code}`);
        if (spec.outOfScope && (spec.scopedFor?.(role) ?? true)) {
          const out = await send(c, await spec.outOfScope(c));
          if (out.status !== 404 || out.code !== 'NOT_FOUND') problems.push(`${role} out of scope: expected 404, got ${out.status} ${out.code}`);
        }
      }

      // A resident signed in by phone: their own pages, and whatever any signed-in person may call; nothing else.
      const me = (await m.phoneFixtures()).me;
      const res = await send(me, await spec.inScope(me));
      if (!permittedForPhoneResident(access)) {
        if (res.status !== 403 || res.code !== 'FORBIDDEN') problems.push(`phone resident: expected 403, got ${res.status} ${res.code}`);
      } else {
        if (!succeeded(res.status, me)) problems.push(`phone resident in scope: got ${res.status} ${res.code}`);
        if (spec.outOfScope) {
          const out = await send(me, await spec.outOfScope(me));
          if (out.status !== 404 || out.code !== 'NOT_FOUND')
            problems.push(`phone resident, a neighbour's record: expected 404, got ${out.status} ${out.code}`);
        }
      }
      expect(problems).toEqual([]);
    });

    it('serves the API documentation to anyone, without personal data', async () => {
      const docs = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
      expect(docs.statusCode).toBe(200);
      expect(Object.keys(docs.json().paths).length).toBeGreaterThan(40);
    });
  });
}
