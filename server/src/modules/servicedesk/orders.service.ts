import { normalizePhone, type MyOrderCreate, type OrderCreate, type OrderQuery } from '@jiayuan/contracts';
import { inPlaceScope } from '../../platform/access/actor.js';
import { identifierSearch } from '../../platform/access/identifier-search.js';
import { recordAudit } from '../../platform/audit/audit.service.js';
import { inTx, type AfterCommit, type Ctx } from '../../platform/context.js';
import type { Executor, Tx } from '../../platform/db/database.js';
import { commonErrors } from '../../platform/errors/common-errors.js';
import { defineLiveTopic } from '../../platform/notifications/live-topics.js';
import { notifyUsers } from '../../platform/notifications/notifications.service.js';
import * as places from '../../platform/places/places.repository.js';
import { addDays, startOfLocalDay } from '../../platform/time.js';
import { residentContact, residentsByPhoneIndex } from '../registry/index.js';
import { freshDues, nextDue, syncObligations } from './clocks.js';
import { routeTeam } from './config.service.js';
import { notifyReporter } from './notices.js';
import { presentDetail, presentSummaries } from './orders.present.js';
import * as repo from './servicedesk.repository.js';
import { sdErrors } from './servicedesk.errors.js';
import type { Who } from './servicedesk.workflow.js';

export const LIVE_TOPIC = defineLiveTopic('servicedesk', ['servicedesk.read']);

/** The acting user and their teams, read once per use-case. */
const whoOfRequest = new WeakMap<Ctx, Promise<Who>>();

/** The acting user's teams, read once per request (loading the order and checking the step both need them). */
export function whoIs(ex: Executor, ctx: Ctx): Promise<Who> {
  let who = whoOfRequest.get(ctx);
  if (!who) whoOfRequest.set(ctx, (who = repo.teamsOf(ex, ctx.actor.userId).then((t) => ({ userId: ctx.actor.userId, ...t }))));
  return who;
}

/** Tells open boards (in scope) that orders changed; heard only if the transaction commits. */
export async function publishChange(ex: Executor, ctx: Pick<Ctx, 'platform'>, o: repo.OrderRow) {
  await ctx.platform.live.publish(ex, { type: 'servicedesk.changed', topic: LIVE_TOPIC, placePath: o.placePath || null, data: { id: o.id, status: o.status } });
  const team = o.teamId ? await repo.findTeam(ex, o.teamId) : null;
  const ids = [o.assigneeUserId, o.ownerUserId, team?.leaderUserId].filter((x): x is number => typeof x === 'number');
  if (ids.length) await ctx.platform.live.publish(ex, { type: 'servicedesk.changed', userIds: [...new Set(ids)], data: { id: o.id, status: o.status } });
}

export async function loadCategory(ex: Executor, id: number) {
  const cat = await repo.findCategory(ex, id);
  if (!cat || !cat.active) throw sdErrors.SD_CATEGORY_UNKNOWN().onField('categoryId');
  return cat;
}

/** The community and building a place lies in (for figures and duplicates). */
async function placeFacts(ex: Executor, path: string) {
  const chain = await places.findPlaces(ex, places.pathIds(path));
  return {
    communityId: chain.find((p) => p.type === 'community')?.id ?? null,
    buildingId: chain.find((p) => p.type === 'building')?.id ?? null,
  };
}

export interface NewOrder {
  channel: repo.OrderInsert['channel'];
  categoryId: number;
  description: string;
  placeId: number | null;
  placePath: string;
  address: string | null;
  reporterResidentId: number | null;
  reporterHouseholdId: number | null;
  reporterName: string | null;
  reporterPhoneEnc: Buffer | null;
  ownerUserId: number | null;
  lat?: string | null;
  long?: string | null;
  attributes?: Record<string, string | string[]> | null;
  open311Token?: string | null;
}

/**
 * Files a new order in the caller's transaction: routed to the team serving its place (refused
 * where none does), clocks started, team told, reporter told, boards updated.
 */
export async function insertNewOrder(tx: Tx, ctx: Ctx, afterCommit: AfterCommit, n: NewOrder): Promise<repo.OrderRow> {
  const cat = await loadCategory(tx, n.categoryId);
  const team = await routeTeam(tx, cat, n.placePath);
  if (!team) throw sdErrors.SD_NO_TEAM_FOR_PLACE({ zh: cat.name['zh-CN'], en: cat.name['en-US'] }).onField('categoryId');
  const now = ctx.platform.clock.now();
  const facts = n.placePath ? await placeFacts(tx, n.placePath) : { communityId: null, buildingId: null };
  const dues = freshDues(ctx.platform, cat.kind, cat.limits, now);
  const values: repo.OrderInsert = {
    kind: cat.kind,
    channel: n.channel,
    status: 'received',
    categoryId: cat.id,
    emergency: cat.emergency,
    placeId: n.placeId,
    placePath: n.placePath,
    ...facts,
    address: n.address,
    description: n.description,
    reporterResidentId: n.reporterResidentId,
    reporterHouseholdId: n.reporterHouseholdId,
    reporterName: n.reporterName,
    reporterPhoneEnc: n.reporterPhoneEnc,
    ownerUserId: n.ownerUserId,
    teamId: team.id,
    receivedAt: now,
    clockStartAt: now,
    ...dues,
    lat: n.lat ?? null,
    long: n.long ?? null,
    attributes: n.attributes ?? null,
    open311Token: n.open311Token ?? null,
    createdBy: ctx.actor.userId,
    updatedAt: now,
  };
  values.nextDueAt = nextDue({ ...dues, acceptedAt: null, arrivedAt: null, resolvedAt: null, status: 'received', pausedAt: null });
  const o = await repo.insertOrder(tx, values);
  await repo.insertEvent(tx, { orderId: o.id, at: now, action: 'received', actorUserId: ctx.actor.userId, actorName: ctx.actor.name, note: n.channel });
  await recordAudit(tx, ctx, {
    action: 'servicedesk.order.create',
    entityType: 'sd_order',
    entityId: o.id,
    after: {
      kind: o.kind,
      channel: o.channel,
      categoryId: o.categoryId,
      placeId: o.placeId,
      teamId: o.teamId,
      ownerUserId: o.ownerUserId,
      hasPhone: !!o.reporterPhoneEnc,
    },
  });
  await syncObligations(tx, ctx.platform, o, cat, team);
  const members = (await repo.membersOf(tx, [team.id])).map((m) => m.userId);
  const notify = cat.emergency ? [...members, team.leaderUserId] : [team.leaderUserId];
  await notifyUsers(
    tx,
    ctx.platform,
    notify.filter((x): x is number => typeof x === 'number'),
    {
      kind: cat.emergency ? 'servicedesk.emergency' : 'servicedesk.new',
      title: {
        'zh-CN': `${cat.emergency ? '【紧急】' : ''}新工单 #${o.id}：${cat.name['zh-CN']}`,
        'en-US': `${cat.emergency ? '[Emergency] ' : ''}New order #${o.id}: ${cat.name['en-US']}`,
      },
      link: `/servicedesk/orders/${o.id}`,
      subjectType: 'sd_order',
      subjectId: o.id,
    },
  );
  await notifyReporter(tx, ctx.platform, afterCommit, o, 'received');
  await publishChange(tx, ctx, o);
  return o;
}

function sealCallerPhone(ctx: Ctx, raw: string | null | undefined): Buffer | null {
  if (!raw?.trim()) return null;
  const phone = normalizePhone(raw);
  if (!phone) throw sdErrors.SD_PHONE_INVALID().onField('callerPhone');
  return ctx.platform.cipher.encrypt('phone', phone);
}

/** The hotline or walk-in desk files an order for a caller; the desk person owns it (首问责任). */
export async function createOrder(ctx: Ctx, input: OrderCreate) {
  const phoneEnc = sealCallerPhone(ctx, input.callerPhone);
  const id = await inTx(ctx, async (tx, afterCommit) => {
    let placeId: number | null = null;
    let placePath = '';
    let household: number | null = null;
    let residentId: number | null = null;
    let name = input.callerName ?? null;
    if (input.residentId) {
      const r = await residentContact(tx, ctx.actor, input.residentId);
      if (!r) throw commonErrors.NOT_FOUND();
      residentId = r.residentId;
      household = r.householdId;
      placeId = r.dwellingId;
      placePath = r.placePath;
      name ??= r.name;
    }
    if (input.dwellingId) {
      const p = await places.findPlaceInScope(tx, ctx.actor, input.dwellingId);
      if (!p || !inPlaceScope(ctx.actor, p.path)) throw commonErrors.NOT_FOUND();
      placeId = p.id;
      placePath = p.path;
    }
    if (!placeId) {
      if (!input.address) throw sdErrors.SD_PLACE_REQUIRED().onField('address');
      // A free address still belongs somewhere: the desk's own area, so its people see it.
      placePath = ctx.actor.scope.all ? '' : (ctx.actor.scope.places[0]?.path ?? '');
    }
    const o = await insertNewOrder(tx, ctx, afterCommit, {
      channel: input.channel,
      categoryId: input.categoryId,
      description: input.description,
      placeId,
      placePath,
      address: input.address ?? null,
      reporterResidentId: residentId,
      reporterHouseholdId: household,
      reporterName: name,
      reporterPhoneEnc: phoneEnc,
      ownerUserId: ctx.actor.userId,
    });
    return o.id;
  });
  return getOrder(ctx, id);
}

/** A resident reports from the phone: their dwelling and phone come from the registry. */
export async function createMyOrder(ctx: Ctx, input: MyOrderCreate) {
  const id = await inTx(ctx, async (tx, afterCommit) => {
    const me = ctx.actor.residentId === null ? undefined : await residentContact(tx, ctx.actor, ctx.actor.residentId);
    if (!me) throw sdErrors.SD_NO_DWELLING();
    const o = await insertNewOrder(tx, ctx, afterCommit, {
      channel: 'self_service',
      categoryId: input.categoryId,
      description: input.description,
      placeId: me.dwellingId,
      placePath: me.placePath,
      address: null,
      reporterResidentId: me.residentId,
      reporterHouseholdId: me.householdId,
      reporterName: me.name,
      reporterPhoneEnc: me.phoneEnc,
      ownerUserId: null,
    });
    return o.id;
  });
  return getOrder(ctx, id);
}

export async function loadVisible(ex: Executor, ctx: Ctx, id: number, who: Who) {
  const o = await repo.findOrderVisible(ex, ctx.actor, who.teamIds, id);
  if (!o) throw commonErrors.NOT_FOUND();
  return o;
}

export async function getOrder(ctx: Ctx, id: number) {
  const db = ctx.platform.db;
  const who = await whoIs(db, ctx);
  const o = await loadVisible(db, ctx, id, who);
  const base = ctx.actor.residentId !== null ? '/api/servicedesk/my/orders' : '/api/servicedesk/orders';
  return presentDetail(ctx, o, who, base);
}

export async function listOrders(ctx: Ctx, q: OrderQuery) {
  const db = ctx.platform.db;
  const who = await whoIs(db, ctx);
  let placePath: string | null = null;
  if (q.placeId) {
    const p = await places.findPlaceInScope(db, ctx.actor, q.placeId);
    if (!p) throw commonErrors.NOT_FOUND();
    placePath = p.path;
  }
  const { rows, total } = await repo.listOrders(
    db,
    ctx.actor,
    who.teamIds,
    {
      ...q,
      placePath,
      overdueAt: q.overdue ? ctx.platform.clock.now() : null,
      receivedFrom: q.receivedFrom ? startOfLocalDay(q.receivedFrom, ctx.platform.config.timezone) : null,
      receivedBefore: q.receivedTo ? startOfLocalDay(addDays(q.receivedTo, 1), ctx.platform.config.timezone) : null,
    },
    { limit: q.pageSize, offset: (q.page - 1) * q.pageSize },
  );
  return { items: await presentSummaries(ctx, rows, who), total, page: q.page, pageSize: q.pageSize };
}

/** A resident's own orders, newest first. */
export async function listMyOrders(ctx: Ctx) {
  const db = ctx.platform.db;
  if (ctx.actor.householdId === null) return { items: [], total: 0, page: 1, pageSize: 50 };
  const { rows, total } = await repo.listOrders(db, ctx.actor, [], { status: 'all', householdId: ctx.actor.householdId }, { limit: 50, offset: 0 });
  return { items: await presentSummaries(ctx, rows, { userId: ctx.actor.userId, teamIds: [], leaderOf: [] }), total, page: 1, pageSize: 50 };
}

/** The hotline board: new, unassigned, due within the hour, overdue. */
export async function board(ctx: Ctx) {
  const db = ctx.platform.db;
  const who = await whoIs(db, ctx);
  const now = ctx.platform.clock.now();
  const [n, u, s, o, open] = await Promise.all([
    repo.boardColumn(db, ctx.actor, who.teamIds, 'new', now, 50),
    repo.boardColumn(db, ctx.actor, who.teamIds, 'unassigned', now, 50),
    repo.boardColumn(db, ctx.actor, who.teamIds, 'dueSoon', now, 50),
    repo.boardColumn(db, ctx.actor, who.teamIds, 'overdue', now, 50),
    repo.countOpen(db, ctx.actor, who.teamIds),
  ]);
  const all = await presentSummaries(ctx, [...n.rows, ...u.rows, ...s.rows, ...o.rows], who);
  let i = 0;
  const take = (k: number) => all.slice(i, (i += k));
  return {
    counts: { new: n.total, unassigned: u.total, dueSoon: s.total, overdue: o.total, open },
    new: take(n.rows.length),
    unassigned: take(u.rows.length),
    dueSoon: take(s.rows.length),
    overdue: take(o.rows.length),
  };
}

/** The repairer's phone page: orders assigned to me, and my teams' pool. */
export async function myWork(ctx: Ctx) {
  const db = ctx.platform.db;
  const who = await whoIs(db, ctx);
  const { mine, pool } = await repo.workOf(db, ctx.actor.userId ?? -1, who.teamIds);
  const all = await presentSummaries(ctx, [...mine, ...pool], who);
  return { mine: all.slice(0, mine.length), pool: all.slice(mine.length) };
}

/** Residents in scope with this phone number (blind index; a counted, audited identifier search), with their dwellings. */
export async function lookupCaller(ctx: Ctx, phone: string) {
  const normalized = normalizePhone(phone);
  if (!normalized) throw sdErrors.SD_PHONE_INVALID().onField('phone');
  const db = ctx.platform.db;
  const rows = await residentsByPhoneIndex(db, ctx.actor, await identifierSearch(ctx, { kind: 'phone', indexed: normalized, purpose: 'servicedesk.caller' }));
  const [labels, open] = await Promise.all([
    places.labelsForPaths(
      db,
      rows.map((r) => r.placePath),
    ),
    repo.openOrdersOfHousehold(
      db,
      rows.map((r) => r.householdId),
    ),
  ]);
  return {
    items: rows.map((r) => ({
      residentId: r.residentId,
      name: r.name,
      householdId: r.householdId,
      dwellingId: r.dwellingId,
      dwellingLabel: labels.get(r.placePath) ?? '',
      openOrders: open.get(r.householdId) ?? 0,
    })),
  };
}

/** Open orders of the same category in the same building (or place) in the last seven days. */
export async function duplicates(ctx: Ctx, categoryId: number, placeId: number) {
  const db = ctx.platform.db;
  const p = await places.findPlaceInScope(db, ctx.actor, placeId);
  if (!p) throw commonErrors.NOT_FOUND();
  const who = await whoIs(db, ctx);
  const facts = await placeFacts(db, p.path);
  const rows = await repo.likelyDuplicates(db, ctx.actor, who.teamIds, {
    categoryId,
    buildingId: facts.buildingId,
    placePath: p.path,
    since: new Date(ctx.platform.clock.now().getTime() - 7 * 86400000),
  });
  return { items: await presentSummaries(ctx, rows, who) };
}
