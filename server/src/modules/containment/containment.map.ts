import type { LockdownLevelName, MapCompound, SealedMap } from '@jiayuan/contracts';
import { sql } from 'drizzle-orm';
import { can, inPlaceScope } from '../../platform/access/actor.js';
import type { Ctx } from '../../platform/context.js';
import type { DashboardCardSource } from '../../platform/dashboard/dashboard.service.js';
import { queryRows } from '../../platform/db/database.js';
import { commonErrors } from '../../platform/errors/common-errors.js';
import * as places from '../../platform/places/places.repository.js';
import { householdsUnder, occupancyCount } from '../registry/index.js';
import * as repo from './containment.repository.js';

const DAY = 86400000;

function sealOf(orders: repo.OrderRow[], node: { id: number; path: string }) {
  // An order in force wins over a proposal; the widest order covering the place is the one shown.
  const covering = orders
    .filter((o) => node.path.startsWith(o.placePath))
    .sort((a, b) => (a.status === b.status ? a.placePath.length - b.placePath.length : a.status === 'active' ? -1 : 1));
  const o = covering[0];
  return o ? { orderId: o.id, level: o.level as LockdownLevelName, status: o.status as 'proposed' | 'active', inherited: o.placeId !== node.id } : null;
}

async function compoundMap(ctx: Ctx, compound: places.PlaceRow, orders: repo.OrderRow[]): Promise<MapCompound> {
  const db = ctx.platform.db;
  const nodes = await queryRows<{ id: number; parent_id: number; type: string; name: string; path: string }>(
    db,
    sql`SELECT id::int AS id, parent_id::int AS parent_id, type, name, path FROM places
        WHERE path LIKE ${`${compound.path}%`} AND type IN ('building', 'stairwell') ORDER BY sort_order, id`,
  );
  const homes = await householdsUnder(db, compound.path);
  const showCases = can(ctx.actor, 'containment.case.view');
  const cases = showCases ? await repo.casePathsUnder(db, compound.path) : [];
  const tally = (path: string) => {
    const hs = homes.filter((h) => h.placePath.startsWith(path));
    return { households: hs.length, residents: hs.reduce((n, h) => n + h.residents, 0), cases: cases.filter((c) => c.placePath.startsWith(path)).length };
  };
  const mine = orders.filter((o) => o.placePath.startsWith(compound.path));
  const active = mine.filter((o) => o.status === 'active');
  const sealedHomes = homes.filter((h) => active.some((o) => h.placePath.startsWith(o.placePath)));
  const release =
    active
      .map((o) => o.releaseAfter)
      .filter((d): d is Date => !!d)
      .sort((a, b) => b.getTime() - a.getTime())[0] ?? null;
  const now = ctx.platform.clock.now();
  const all = tally(compound.path);
  return {
    id: compound.id,
    label: await places.labelFor(db, compound.path),
    seal: sealOf(mine, compound),
    households: all.households,
    residents: all.residents,
    sealedHouseholds: sealedHomes.length,
    sealedResidents: sealedHomes.reduce((n, h) => n + h.residents, 0),
    releaseAfter: release?.toISOString() ?? null,
    daysToRelease: release ? Math.max(0, Math.ceil((release.getTime() - now.getTime()) / DAY)) : null,
    buildings: nodes
      .filter((b) => b.type === 'building')
      .map((b) => ({
        id: b.id,
        name: b.name,
        seal: sealOf(mine, b),
        ...tally(b.path),
        stairwells: nodes
          .filter((s) => s.type === 'stairwell' && s.parent_id === b.id)
          .map((s) => ({ id: s.id, name: s.name, seal: sealOf(mine, s), ...tally(s.path) })),
      })),
  };
}

/** The sealed-places map: each compound with an order in force or proposed (or the one asked for), down to its stairwells. */
export async function sealedMap(ctx: Ctx, compoundId?: number): Promise<SealedMap> {
  const db = ctx.platform.db;
  const orders = await repo.openOrdersInScope(db, ctx.actor);
  let compounds: places.PlaceRow[];
  if (compoundId) {
    const c = await places.findPlaceInScope(db, ctx.actor, compoundId);
    if (!c || c.type !== 'compound' || !inPlaceScope(ctx.actor, c.path)) throw commonErrors.NOT_FOUND();
    compounds = [c];
  } else {
    const ids = [...new Set(orders.flatMap((o) => places.pathIds(o.placePath)))];
    compounds = (await places.findPlaces(db, ids)).filter((p) => p.type === 'compound').sort((a, b) => a.path.localeCompare(b.path));
  }
  return { compounds: await Promise.all(compounds.map((c) => compoundMap(ctx, c, orders))) };
}

/** Sealed places on the coordinator's first screen: orders in force, proposals waiting, households sealed, releases due. */
export const containmentDashboardCard: DashboardCardSource = {
  key: 'containment.sealed',
  order: 30,
  permission: 'containment.order.view',
  async load(ctx) {
    const db = ctx.platform.db;
    const now = ctx.platform.clock.now();
    const orders = await repo.openOrdersInScope(db, ctx.actor);
    const active = orders.filter((o) => o.status === 'active');
    const proposed = orders.filter((o) => o.status === 'proposed');
    const due = active.filter((o) => o.releaseAfter && o.releaseAfter <= now);
    const sealed = await occupancyCount(
      db,
      active.map((o) => o.placePath),
    );
    const labels = await places.labelsForPaths(
      db,
      active.map((o) => o.placePath),
    );
    const level = { stairwell: { zh: '单元', en: 'stairwell' }, building: { zh: '楼栋', en: 'building' }, compound: { zh: '小区', en: 'compound' } } as const;
    return {
      title: { 'zh-CN': '封控区域', 'en-US': 'Sealed places' },
      figures: [
        {
          key: 'active',
          label: { 'zh-CN': '封控中', 'en-US': 'In force' },
          value: active.length,
          unit: 'count',
          tone: active.length > 0 ? 'danger' : 'good',
          link: '/containment/map',
        },
        {
          key: 'proposed',
          label: { 'zh-CN': '待确认', 'en-US': 'To confirm' },
          value: proposed.length,
          unit: 'count',
          tone: proposed.length > 0 ? 'warning' : 'normal',
          link: '/containment/orders?status=proposed',
        },
        {
          key: 'households',
          label: { 'zh-CN': '封控户数', 'en-US': 'Sealed households' },
          value: sealed.households,
          unit: 'count',
          tone: 'normal',
          link: '/containment/map',
        },
        {
          key: 'residents',
          label: { 'zh-CN': '封控人数', 'en-US': 'Sealed residents' },
          value: sealed.residents,
          unit: 'count',
          tone: 'normal',
          link: '/containment/map',
        },
        {
          key: 'releaseDue',
          label: { 'zh-CN': '可解封', 'en-US': 'Release due' },
          value: due.length,
          unit: 'count',
          tone: due.length > 0 ? 'warning' : 'normal',
          link: '/containment/orders?status=active',
        },
      ],
      rows: active.slice(0, 5).map((o) => {
        const l = level[o.level as LockdownLevelName];
        const left = o.releaseAfter ? Math.max(0, Math.ceil((o.releaseAfter.getTime() - now.getTime()) / DAY)) : null;
        return {
          label: labels.get(o.placePath) ?? '',
          detail:
            left === null
              ? { 'zh-CN': `封控${l.zh}`, 'en-US': `Sealed ${l.en}` }
              : { 'zh-CN': `封控${l.zh}，距解封 ${left} 天`, 'en-US': `Sealed ${l.en}, ${left} days to release` },
          at: o.releaseAfter?.toISOString() ?? null,
          link: '/containment/map',
          tone: left === 0 ? ('warning' as const) : ('danger' as const),
        };
      }),
    };
  },
};
