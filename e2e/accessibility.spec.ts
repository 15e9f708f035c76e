import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { AdminApi, unique } from './support/api';
import { expectAccessible } from './support/axe';
import { signedInState } from './support/first-load';
import { idNumber } from './support/people';
import { DEFAULT_QUESTIONS } from '../contracts/src/screening';

/**
 * Every page of the web app, run through axe-core (WCAG 2.0/2.1 A and AA) on a phone (390×844)
 * (where it may not scroll sideways either),
 * and the console's pages at a desk (1440×900) too, as a user who may open it, with a small
 * community's data on it. The list of routes is read from the modules' manifests
 * (`web/src/modules/<m>/index.ts`) and `web/src/app/routes.tsx`: a route added there without a visit
 * below (or a reason in SKIPPED) fails this spec.
 */

const PHONE = { width: 390, height: 844 };
const DESK = { width: 1440, height: 900 };
const WEB_SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../web/src');
const ROUTES_FILE = path.join(WEB_SRC, 'app/routes.tsx');
const MODULES_DIR = path.join(WEB_SRC, 'modules');

type Who = 'admin' | 'coord' | 'staff' | 'guard' | 'resident' | 'anonymous';
interface Visit {
  /** The route as written in a manifest or routes.tsx (console pages without their leading slash get one). */
  route: string;
  who: Who;
  /** The address to open, with the seeded ids filled in. */
  to: (d: Seeded) => string;
  /** A console page (inside AppLayout): checked at a desk too. */
  console: boolean;
}

interface Seeded {
  s: string;
  pw: string;
  phone: string;
  community: number;
  resident: number;
  inbound: number;
  observation: number;
  campaign: number;
  order: number;
  pass: number;
  dutyPost: number;
  dutyShift: number;
  callUp: number;
  need: number;
  activity: number;
  dispatch: number;
}

const v = (route: string, who: Who, console: boolean, to?: (d: Seeded) => string): Visit => ({ route, who, console, to: to ?? (() => route) });

const VISITS: Visit[] = [
  v('/login', 'anonymous', false),
  v('/declare', 'anonymous', false),
  v('/declare/status', 'anonymous', false),
  v('/inbound/scan', 'staff', false),
  v('/observation/today', 'staff', false),
  v('/resident', 'resident', false),
  v('/screening/visit', 'staff', false),
  v('/gate', 'guard', false),
  v('/access/passes/:id/card', 'coord', false, (d) => `/access/passes/${d.pass}/card`),
  v('/resident/passes', 'resident', false),
  v('/resident/report', 'resident', false),
  v('/field', 'guard', false),
  v('/field/orders/:id', 'guard', false, (d) => `/field/orders/${d.order}`),
  v('/todos', 'staff', true),
  v('/dashboard', 'coord', true),
  v('/inbound', 'coord', true),
  v('/inbound/new', 'coord', true),
  v('/inbound/requests/:id', 'coord', true, (d) => `/inbound/requests/${d.inbound}`),
  v('/inbound/settings', 'coord', true),
  v('/inbound/figures', 'coord', true),
  v('/observation', 'coord', true),
  v('/observation/cases/:id', 'coord', true, (d) => `/observation/cases/${d.observation}`),
  v('/observation/settings', 'coord', true),
  v('/containment/cases', 'coord', true),
  v('/containment/orders', 'coord', true),
  v('/containment/map', 'coord', true),
  v('/containment/settings', 'coord', true),
  v('/setup', 'admin', true),
  v('/registry', 'coord', true),
  v('/registry/:placeId', 'coord', true, (d) => `/registry/${d.community}`),
  v('/registry/places/:placeId', 'coord', true, (d) => `/registry/places/${d.community}`),
  v('/households', 'coord', true),
  v('/residents', 'coord', true),
  v('/residents/:id', 'coord', true, (d) => `/residents/${d.resident}`),
  v('/imports', 'coord', true),
  v('/grids', 'coord', true),
  v('/employers', 'coord', true),
  v('/duties', 'admin', true),
  v('/admin/users', 'admin', true),
  v('/admin/tokens', 'admin', true),
  v('/admin/calendar', 'admin', true),
  v('/audit', 'admin', true),
  v('/screening/campaigns', 'coord', true),
  v('/screening/campaigns/:id', 'coord', true, (d) => `/screening/campaigns/${d.campaign}`),
  v('/servicedesk', 'coord', true),
  v('/servicedesk/orders', 'coord', true),
  v('/servicedesk/orders/:id', 'coord', true, (d) => `/servicedesk/orders/${d.order}`),
  v('/servicedesk/figures', 'coord', true),
  v('/servicedesk/accountability', 'coord', true),
  v('/servicedesk/settings', 'coord', true),
  v('/access/passes', 'coord', true),
  v('/access/gates', 'coord', true),
  v('/access/figures', 'coord', true),
  v('/access/events', 'coord', true),
  v('/duty/call-ups', 'coord', true),
  v('/duty/call-ups/:id', 'coord', true, (d) => `/duty/call-ups/${d.callUp}`),
  v('/duty/posts', 'coord', true),
  v('/duty/calendar', 'coord', true),
  v('/duty/members', 'coord', true),
  v('/duty/teams', 'coord', true),
  v('/duty/coverage', 'coord', true, (d) => `/duty/coverage?communityId=${d.community}`),
  v('/duty/posts/:id/table', 'coord', false, (d) => `/duty/posts/${d.dutyPost}/table`),
  v('/duty/shifts/:id', 'coord', true, (d) => `/duty/shifts/${d.dutyShift}`),
  v('/duty/settings', 'coord', true),
  v('/resident/duty', 'resident', false),
  v('/resident/duty/report', 'resident', false),
  v('/resident/duty/shifts', 'resident', false),
  v('/resident/duty/scan', 'resident', false),
  v('/volunteers/needs', 'coord', true),
  v('/volunteers/needs/:id', 'coord', true, (d) => `/volunteers/needs/${d.need}`),
  v('/volunteers/people', 'coord', true),
  v('/volunteers/activities', 'coord', true),
  v('/volunteers/activities/:id', 'coord', true, (d) => `/volunteers/activities/${d.activity}`),
  v('/volunteers/dispatches', 'coord', true),
  v('/volunteers/dispatches/:id', 'coord', true, (d) => `/volunteers/dispatches/${d.dispatch}`),
  v('/volunteers/hours', 'coord', true),
  v('/volunteers/bank', 'coord', true),
  v('/volunteers/awards', 'coord', true),
  v('/volunteers/figures', 'coord', true),
  v('/resident/volunteers', 'resident', false),
  v('/resident/volunteers/needs/new', 'resident', false),
  v('/resident/volunteers/needs/:id', 'resident', false, (d) => `/resident/volunteers/needs/${d.need}`),
  v('/resident/volunteers/near', 'resident', false),
  v('/resident/volunteers/activities', 'resident', false),
  v('/resident/volunteers/scan', 'resident', false),
  v('/resident/volunteers/me', 'resident', false),
  v('/resident/volunteers/bank', 'resident', false),
  v('*', 'coord', true, () => '/no-such-page'),
];

/** Routes not visited here, each with why. */
const SKIPPED: Record<string, string> = {
  '/': 'only redirects to the role’s first screen, which is visited itself',
  '/change-password': 'shown only to a user with a temporary password; the same form is visited in forced-password.spec.ts',
  '/imports/:id': 'the same page as /imports with one upload’s report open; an upload needs a workbook (import-residents.spec.ts)',
  '/resident/orders/:id':
    'a resident sees only the orders they reported themselves, which needs the report form (servicedesk.spec.ts); same MobileShell as /resident/report',
  '/inbound/requests/:id/notice':
    'a notice exists once a request is approved, after the community’s review and check-in (inbound-loop.spec.ts prints one); its title is the h1 of ApprovalNoticeView',
  '/volunteers/my': 'the address of the server’s notifications to volunteers: the same page as /resident/volunteers, visited',
  '/volunteers/my/needs/:id': 'the address of the server’s notifications to residents: the same page as /resident/volunteers/needs/:id, visited',
  '/screening/findings/:id':
    'a finding needs a volunteer’s synced visit that records one (screening-offline.spec.ts); same page frame and table as the campaign page',
};

/** Every route path in the modules' manifests and routes.tsx, console pages with a leading slash. */
function declaredRoutes(): string[] {
  const manifests = fs
    .readdirSync(MODULES_DIR)
    .map((m) => path.join(MODULES_DIR, m, 'index.ts'))
    .filter((f) => fs.existsSync(f));
  const src = [ROUTES_FILE, ...manifests].map((f) => fs.readFileSync(f, 'utf8')).join('\n');
  const out = [...src.matchAll(/path: '([^']+)'/g)].map((m) => (m[1]!.startsWith('/') || m[1] === '*' ? m[1]! : `/${m[1]}`));
  if (/index: true/.test(src)) out.push('/');
  return out;
}

test('every route of the web app is visited by the accessibility check or listed with a reason', () => {
  const routes = declaredRoutes();
  expect(routes.length).toBeGreaterThan(50);
  const covered = new Set([...VISITS.map((x) => x.route), ...Object.keys(SKIPPED)]);
  expect(
    routes.filter((r) => !covered.has(r)),
    'routes neither visited nor skipped with a reason',
  ).toEqual([]);
  expect(
    [...covered].filter((r) => !routes.includes(r)),
    'visits of routes that no longer exist',
  ).toEqual([]);
});

let seeded: Seeded;

test.beforeAll(async ({ baseURL }) => {
  test.setTimeout(120_000);
  const api = await AdminApi.signIn(baseURL!);
  const s = unique();
  const pw = `Axe-pass-1${s}`;
  const phone = `139${String(Date.now()).slice(-8)}`;
  const c = await api.community(`无障碍社区${s}`);
  const resident = await api.resident(c.flats[0]!.id, '张建国', idNumber('1979-03-05', 100 + (Date.now() % 800)), phone);
  const employer = await api.post<{ id: number }>('/employers', { name: `无障碍单位${s}` });
  await api.user(`coord${s}`, `协调部专班${s}`, ['department_coordinator'], { placeIds: [c.department] }, pw);
  await api.user(`staff${s}`, `居委会干事${s}`, ['community_staff'], { placeIds: [c.community] }, pw);
  const guard = await api.user(`guard${s}`, `门岗${s}`, ['property_staff'], { placeIds: [c.compound] }, pw);
  const team = await api.post<{ id: number }>('/servicedesk/teams', {
    name: `维修班${s}`,
    placeId: c.community,
    leaderUserId: guard.user.id,
    memberUserIds: [guard.user.id],
  });
  const category = await api.repairCategory(`axe.leak.${s}`, { 'zh-CN': `漏水${s}`, 'en-US': `Leak ${s}` }, [team.id]);
  await api.dispose();

  const coord = await AdminApi.as(baseURL!, `coord${s}`, pw);
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  const inbound = await coord.post<{ id: number }>('/inbound/requests', {
    name: `返程${s}`,
    idNumber: idNumber('1990-02-02', 100 + (Date.now() % 800)),
    phone: '13700001111',
    dwellingId: c.flats[1]!.id,
    fromCity: '武汉',
    fromRisk: 'high',
    plannedArrival: today,
    health: { symptoms: [], contactWithCase: false },
  });
  const observation = await coord.post<{ id: number }>('/observation/cases', {
    residentId: resident.id,
    kind: 'home_observation',
    reason: '返程',
    plan: { basis: 'arrival', basisDate: today, days: 14 },
  });
  const campaign = await coord.post<{ id: number }>('/screening/campaigns', {
    name: `入户摸排${s}`,
    placeIds: [c.community],
    questions: DEFAULT_QUESTIONS,
    startsOn: today,
    endsOn: today,
  });
  await coord.post('/access/gates', { name: `东门${s}`, kind: 'gate', placeId: c.compound });
  const pass = await coord.post<{ id: number }>('/access/passes', { kind: 'health_pass', residentId: resident.id });
  const order = await coord.post<{ id: number }>('/servicedesk/orders', { categoryId: category.id, description: '厨房水管漏水', dwellingId: c.flats[0]!.id });
  // Duty: the resident reported and confirmed, a gate post with this week's shifts, a call-up filling.
  const member = await coord.post<{ id: number; version: number }>('/duty/members', { residentId: resident.id, roles: ['gatekeeper'], skills: [] });
  await coord.post(`/duty/members/${member.id}/confirm`, { version: member.version });
  const dutyPost = await coord.post<{ id: number }>('/duty/posts', { placeId: c.compound, kind: 'gate', name: `东门值守${s}`, role: 'gatekeeper' });
  const tomorrow = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + 86_400_000));
  const shifts = await coord.post<{ shiftIds: number[] }>(`/duty/posts/${dutyPost.id}/shifts/generate`, {
    from: tomorrow,
    to: tomorrow,
    pattern: '3x8',
    headcount: 2,
  });
  const dayAfter = Date.now() + 2 * 86_400_000;
  const callUp = await coord.post<{ id: number }>('/duty/call-ups', {
    title: `东门吹哨${s}`,
    placeId: c.community,
    postIds: [dutyPost.id],
    needed: 3,
    roles: [],
    startsAt: new Date(dayAfter).toISOString(),
    endsAt: new Date(dayAfter + 4 * 3_600_000).toISOString(),
    deadline: new Date(Date.now() + 86_400_000).toISOString(),
  });
  // Volunteers: the resident on file as a volunteer, a need published for them, an activity tomorrow, a dispatch today.
  await coord.post('/volunteers/people', { residentId: resident.id, placeId: c.community, serviceTypes: ['elderCare', 'shopping'], skills: [] });
  const need = await coord.post<{ id: number }>('/volunteers/needs', {
    residentId: resident.id,
    category: 'shopping',
    title: `帮忙买菜${s}`,
    windowStart: new Date(Date.now() + 3_600_000).toISOString(),
    windowEnd: new Date(Date.now() + 3 * 3_600_000).toISOString(),
  });
  const activity = await coord.post<{ id: number }>('/volunteers/activities', {
    title: `健康讲座${s}`,
    placeId: c.community,
    venue: '社区活动室',
    theme: 'health',
    startsAt: new Date(dayAfter).toISOString(),
    endsAt: new Date(dayAfter + 2 * 3_600_000).toISOString(),
    capacity: 20,
  });
  const dispatch = await coord.post<{ id: number }>('/volunteers/dispatches', {
    title: `核酸点秩序${s}`,
    placeId: c.community,
    startsAt: new Date(Date.now() + 3_600_000).toISOString(),
    endsAt: new Date(Date.now() + 5 * 3_600_000).toISOString(),
    quotas: [{ employerId: employer.id, quota: 5 }],
  });
  await coord.dispose();
  // The others choose their own password (`<pw>-new`) once through the API.
  for (const u of ['staff', 'guard']) await (await AdminApi.as(baseURL!, `${u}${s}`, pw)).dispose();
  seeded = {
    s,
    pw: `${pw}-new`,
    phone,
    community: c.community,
    resident: resident.id,
    inbound: inbound.id,
    observation: observation.id,
    campaign: campaign.id,
    order: order.id,
    pass: pass.id,
    dutyPost: dutyPost.id,
    dutyShift: shifts.shiftIds[0]!,
    callUp: callUp.id,
    need: need.id,
    activity: activity.id,
    dispatch: dispatch.id,
  };
});

/** A resident's signed-in page: the sign-in code from the SMS outbox. */
async function residentSignIn(page: Page, phone: string) {
  const outbox = process.env.JIAYUAN_SMS_OUTBOX!;
  const before = fs.existsSync(outbox) ? fs.readFileSync(outbox, 'utf8').length : 0;
  const ctx = page.context().request;
  const sent = await ctx.post('/api/auth/otp', { data: { phone } });
  expect(sent.status(), await sent.text()).toBeLessThan(300);
  let code = '';
  await expect
    .poll(() => (code = /验证码是(\d{6})/.exec(fs.existsSync(outbox) ? fs.readFileSync(outbox, 'utf8').slice(before) : '')?.[1] ?? ''))
    .toMatch(/^\d{6}$/);
  const login = await ctx.post('/api/auth/otp/verify', { data: { phone, code } });
  expect(login.status(), await login.text()).toBe(200);
}

async function pageFor(browser: Browser, baseURL: string, who: Who): Promise<Page> {
  const storageState =
    who === 'admin'
      ? await signedInState(browser, baseURL, 'admin', process.env.E2E_ADMIN_PASSWORD!)
      : who === 'anonymous' || who === 'resident'
        ? undefined
        : await signedInState(browser, baseURL, `${who}${seeded.s}`, seeded.pw);
  const context = await browser.newContext({ baseURL, viewport: PHONE, storageState, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', serviceWorkers: 'block' });
  const page = await context.newPage();
  if (who === 'resident') await residentSignIn(page, seeded.phone);
  return page;
}

/** Opens the page and waits until it is drawn: its h1 shows and no spinner or skeleton is left. */
async function open(page: Page, to: string) {
  await page.goto(to);
  await drawn(page, to);
}

async function drawn(page: Page, to: string) {
  // Every page names itself with an h1 (an error or a missing link too) and ends its loading; soft,
  // so the test still checks the rest of its pages.
  const where = `${to} at ${page.viewportSize()?.width}px`;
  await expect.soft(page.locator('h1').first(), `${where}: the page's h1`).toBeVisible({ timeout: 15_000 });
  await expect
    .soft(page.locator('.ant-spin-spinning, .ant-skeleton-active'), `${where}: a spinner or skeleton still showing`)
    .toHaveCount(0, { timeout: 10_000 });
}

/** A few pages per test, each test one browser page for one user. */
const CHUNK = 6;
const groups: [Who, Visit[]][] = [];
for (const who of ['anonymous', 'resident', 'staff', 'guard', 'coord', 'admin'] as const) {
  const mine = VISITS.filter((x) => x.who === who);
  // A resident signs in by a phone code, which the server sends once a minute to a number: their pages (phone only) are one group.
  const size = who === 'resident' ? mine.length : CHUNK;
  for (let i = 0; i < mine.length; i += size) groups.push([who, mine.slice(i, i + size)]);
}

for (const [who, visits] of groups) {
  test(`axe finds nothing on ${visits.map((x) => x.route).join(', ')} (${who}), on a phone and at a desk`, async ({ browser, baseURL }) => {
    test.setTimeout(150_000);
    const page = await pageFor(browser, baseURL!, who);
    try {
      for (const visit of visits) {
        const to = visit.to(seeded);
        await page.setViewportSize(PHONE);
        await open(page, to);
        await expectAccessible(page, to, true);
        // On a phone nothing runs off the side: the page never scrolls sideways (item 16).
        const sideways = await page.locator('html').evaluate((html) => html.scrollWidth - html.clientWidth);
        expect.soft(sideways, `${to} at 390px scrolls sideways by ${sideways}px`).toBeLessThanOrEqual(0);
        if (visit.console) {
          // The same page at a desk: the layout follows the window's width, no reload needed.
          await page.setViewportSize(DESK);
          await drawn(page, to);
          await expectAccessible(page, to, true);
        }
      }
    } finally {
      await page.context().close();
    }
  });
}
