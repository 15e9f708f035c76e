import { normalizePhone, type Lang } from '@jiayuan/contracts';
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { can, inPlaceScope } from '../../../platform/access/actor.js';
import { inTx, type Ctx } from '../../../platform/context.js';
import { commonErrors } from '../../../platform/errors/common-errors.js';
import * as places from '../../../platform/places/places.repository.js';
import { insertNewOrder, loadCategory } from '../orders.service.js';
import * as repo from '../servicedesk.repository.js';
import { sdErrors } from '../servicedesk.errors.js';
import { sdCategories, sdOrders, sdTeams } from '../servicedesk.schema.js';
import { isOpen } from '../servicedesk.workflow.js';
import { attributesOf } from './open311.format.js';
import { ADDRESS_MAX, checkAttributes, DESCRIPTION_MAX, NAME_MAX, notLongerThan, requestRange } from './open311.validate.js';

/** A reader of the Open311 API: anonymous (public categories only) or an API token (its scope). */
export type Reader = Pick<Ctx, 'platform' | 'lang'> & { actor: Ctx['actor'] | null };

const STATUS_TEXT: Record<string, [string, string]> = {
  received: ['已登记，等待派单', 'Received, waiting to be dispatched'],
  dispatched: ['已派单', 'Dispatched to a repairer'],
  accepted: ['已接单，正在办理', 'Accepted and being handled'],
  on_site: ['维修人员已到场', 'The repairer is on site'],
  resolved: ['已处理，等待回访', 'Dealt with; waiting for the callback'],
  replied: ['已答复，等待回访', 'Answered; waiting for the callback'],
  waiting: ['等待报告人配合', 'Waiting for the reporter'],
  closed: ['已结案', 'Closed'],
  cancelled: ['已取消', 'Cancelled'],
  merged: ['与同一问题的工单合并办理', 'Merged with another request about the same problem'],
};

/**
 * The services an Open311 client may file and read: the active categories shown in the open
 * interface. A non-public category is not a service at all, so no client can file a request it
 * could then not read back by its id (GET Service Request needs no api_key).
 */
async function openServices(r: Pick<Reader, 'platform'>) {
  return (await repo.listCategories(r.platform.db)).filter((c) => c.active && c.publicVisible);
}

export async function services(r: Reader) {
  const cats = await openServices(r);
  const byId = new Map((await repo.listCategories(r.platform.db)).map((c) => [c.id, c]));
  return cats.map((c) => ({
    service_code: c.code,
    service_name: c.name[r.lang],
    description: c.keywords ?? c.name[r.lang === 'zh-CN' ? 'en-US' : 'zh-CN'],
    metadata: c.attributes.length > 0,
    type: 'realtime' as const,
    keywords: c.keywords,
    group: c.parentId ? (byId.get(c.parentId)?.name[r.lang] ?? null) : c.name[r.lang],
  }));
}

async function openService(r: Pick<Reader, 'platform'>, code: string) {
  const c = code ? await repo.categoryByCode(r.platform.db, code) : undefined;
  if (!c || !c.active || !c.publicVisible) throw sdErrors.SD_OPEN311_SERVICE_UNKNOWN();
  return c;
}

export async function serviceDefinition(r: Reader, code: string) {
  const c = await openService(r, code);
  return {
    service_code: c.code,
    attributes: c.attributes.map((a, i) => ({
      variable: true,
      code: a.code,
      datatype: a.datatype,
      required: a.required,
      datatype_description: null,
      order: i + 1,
      description: a.description,
      values: a.values,
    })),
  };
}

export interface PostInput {
  service_code?: string;
  lat?: string;
  long?: string;
  address_string?: string;
  address_id?: string;
  description?: string;
  first_name?: string;
  last_name?: string;
  phone?: string;
  email?: string;
  [k: string]: unknown;
}

const num = (v: string | undefined, min: number, max: number) => {
  if (v === undefined || v === '') return null;
  const n = Number(v);
  if (!Number.isFinite(n) || n < min || n > max) throw commonErrors.VALIDATION_FAILED();
  return String(n);
};

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

/**
 * POST requests: an integration files an order with its API token; the order's clocks start at
 * once. Services are `realtime`, so the answer carries the service_request_id and no token
 * (GeoReport v2: the one "should not be returned if" the other is).
 */
export async function postRequest(ctx: Ctx, body: PostInput) {
  if (!can(ctx.actor, 'servicedesk.intake')) throw commonErrors.FORBIDDEN();
  // "400 - service_code … was not provided"; "404 - service_code … was not found".
  const code = text(body.service_code);
  if (!code) throw sdErrors.SD_OPEN311_SERVICE_CODE_REQUIRED();
  const cat = await openService(ctx, code);
  const lat = num(body.lat, -90, 90);
  const long = num(body.long, -180, 180);
  const address = notLongerThan('address_string', text(body.address_string), ADDRESS_MAX);
  const addressId = typeof body.address_id === 'string' && /^\d{1,15}$/.test(body.address_id) ? Number(body.address_id) : null;
  if (!address && addressId === null && (lat === null || long === null)) throw sdErrors.SD_OPEN311_LOCATION_REQUIRED();
  const attributes = checkAttributes(cat.attributes, attributesOf(body));
  let phoneEnc: Buffer | null = null;
  if (text(body.phone)) {
    const phone = normalizePhone(text(body.phone));
    if (!phone) throw sdErrors.SD_PHONE_INVALID();
    phoneEnc = ctx.platform.cipher.encrypt('phone', phone);
  }
  const name = notLongerThan('first_name + last_name', [text(body.last_name), text(body.first_name)].join(''), NAME_MAX) || null;
  const description = notLongerThan('description', text(body.description), DESCRIPTION_MAX) || cat.name['zh-CN'];
  return inTx(ctx, async (tx, afterCommit) => {
    await loadCategory(tx, cat.id);
    let placeId: number | null = null;
    let placePath = ctx.actor.scope.all ? '' : (ctx.actor.scope.places[0]?.path ?? '');
    if (addressId !== null) {
      const p = await places.findPlaceInScope(tx, ctx.actor, addressId);
      if (!p || !inPlaceScope(ctx.actor, p.path)) throw commonErrors.NOT_FOUND();
      placeId = p.id;
      placePath = p.path;
    }
    const o = await insertNewOrder(tx, ctx, afterCommit, {
      channel: 'open311',
      categoryId: cat.id,
      description,
      placeId,
      placePath,
      address: address || null,
      reporterResidentId: null,
      reporterHouseholdId: null,
      reporterName: name,
      reporterPhoneEnc: phoneEnc,
      ownerUserId: null,
      lat,
      long,
      attributes,
    });
    const due = o.resolveDueAt ?? o.nextDueAt;
    return {
      service_request_id: String(o.id),
      service_notice: due ? `expected by ${due.toISOString()}` : 'received',
    };
  });
}

export interface RequestFilter {
  service_request_id?: string;
  service_code?: string;
  start_date?: string;
  end_date?: string;
  status?: string;
}

/** GET requests with the standard filters; anonymous readers see public categories only, addresses to the building. */
export async function listRequests(r: Reader, f: RequestFilter) {
  const db = r.platform.db;
  const conds: SQL[] = [sql`TRUE`];
  if (f.service_request_id) {
    const ids = f.service_request_id
      .split(',')
      .map((s) => s.trim())
      .filter((s) => /^\d{1,15}$/.test(s))
      .map(Number)
      .slice(0, 1000);
    conds.push(ids.length ? inArray(sdOrders.id, ids) : sql`FALSE`);
  } else {
    const { start, end } = requestRange(r.platform.clock.now(), f.start_date, f.end_date);
    conds.push(sql`${sdOrders.receivedAt} >= ${start}`, sql`${sdOrders.receivedAt} <= ${end}`);
    if (f.service_code) {
      const codes = f.service_code
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
        .slice(0, 100);
      conds.push(
        sql`${sdOrders.categoryId} IN (SELECT id FROM sd_categories WHERE code IN (${sql.join(
          codes.map((c) => sql`${c}`),
          sql`, `,
        )}))`,
      );
    }
    if (f.status) {
      const wanted = f.status.split(',').map((s) => s.trim());
      const open = wanted.includes('open');
      const closed = wanted.includes('closed');
      if (open && !closed) conds.push(sql`${sdOrders.status} NOT IN ('closed', 'cancelled', 'merged')`);
      if (closed && !open) conds.push(sql`${sdOrders.status} IN ('closed', 'cancelled', 'merged')`);
      if (!open && !closed) throw commonErrors.VALIDATION_FAILED();
    }
  }
  // Anonymous readers see public services, and every request an Open311 client filed (even if its
  // service has since been taken out of the open interface): a client can always read back its own.
  conds.push(fullView(r) ? repo.orderVisible(r.actor!, []) : sql`(${sdCategories.publicVisible} OR ${sdOrders.channel} = 'open311')`);
  const rows = await db
    .select({ o: sdOrders, code: sdCategories.code, name: sdCategories.name, team: sdTeams.name })
    .from(sdOrders)
    .innerJoin(sdCategories, eq(sdCategories.id, sdOrders.categoryId))
    .leftJoin(sdTeams, eq(sdTeams.id, sdOrders.teamId))
    .where(and(...conds))
    .orderBy(desc(sdOrders.receivedAt), asc(sdOrders.id))
    .limit(1000);
  return present(r, rows);
}

export async function getRequest(r: Reader, id: string) {
  if (!/^\d{1,15}$/.test(id)) throw commonErrors.NOT_FOUND();
  const list = await listRequests(r, { service_request_id: id });
  if (list.length === 0) throw commonErrors.NOT_FOUND();
  return list;
}

export async function resolveToken(r: Reader, token: string) {
  const o = /^[A-Za-z0-9_-]{8,64}$/.test(token) ? await repo.findOrderByToken(r.platform.db, token) : undefined;
  if (!o) throw commonErrors.NOT_FOUND();
  return [{ service_request_id: String(o.id), token }];
}

/** An API key with servicedesk.read sees its whole scope, to the flat; everyone else the public view. */
const fullView = (r: Reader) => !!r.actor && can(r.actor, 'servicedesk.read');

type Row = { o: repo.OrderRow; code: string; name: { 'zh-CN': string; 'en-US': string }; team: string | null };

async function present(r: Reader, rows: Row[]) {
  const db = r.platform.db;
  const lang: Lang = r.lang;
  const full = fullView(r);
  const paths = rows.map((x) => x.o.placePath).filter(Boolean);
  const chainIds = [...new Set(paths.flatMap(places.pathIds))];
  const chain = new Map((await places.findPlaces(db, chainIds)).map((p) => [p.id, p]));
  // Anonymous readers get the building, not the flat.
  const shownPath = (path: string) => {
    if (full) return path;
    const ids = places.pathIds(path);
    const cut = ids.findIndex((id) => chain.get(id)?.type === 'stairwell');
    return cut < 0 ? path : `${ids.slice(0, cut).join('.')}.`;
  };
  const labels = await places.labelsForPaths(db, paths.map(shownPath));
  return rows.map(({ o, code, name, team }) => {
    const path = o.placePath ? shownPath(o.placePath) : '';
    const label = path ? (labels.get(path) ?? '') : '';
    const placeId = path ? (places.pathIds(path).at(-1) ?? null) : null;
    const [zh, en] = STATUS_TEXT[o.status] ?? ['', ''];
    const detail = o.status === 'cancelled' ? o.cancelReason : o.status === 'merged' ? `#${o.mergedIntoId}` : o.kind !== 'repair' ? o.reply : o.workDone;
    const expected = o.resolveDueAt ?? o.nextDueAt;
    return {
      service_request_id: String(o.id),
      status: isOpen(o.status) ? ('open' as const) : ('closed' as const),
      status_notes: `${lang === 'zh-CN' ? zh : en}${detail ? `: ${detail}` : ''}`,
      service_name: name[lang],
      service_code: code,
      description: o.description.slice(0, 4000),
      agency_responsible: team,
      service_notice: null,
      requested_datetime: o.receivedAt.toISOString(),
      updated_datetime: o.updatedAt.toISOString(),
      expected_datetime: expected ? expected.toISOString() : null,
      address: [label, full ? o.address : null].filter(Boolean).join(' ') || null,
      address_id: placeId !== null ? String(placeId) : null,
      zipcode: null,
      lat: o.lat !== null ? Number(o.lat) : null,
      long: o.long !== null ? Number(o.long) : null,
      media_url: null,
    };
  });
}
