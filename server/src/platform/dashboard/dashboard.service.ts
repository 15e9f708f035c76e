import type { DashboardCard, DashboardView, Permission } from '@jiayuan/contracts';
import { can } from '../access/actor.js';
import type { Ctx } from '../context.js';
import { localDate } from '../time.js';

/** A card a module contributes to the dashboard; shown to actors holding its permission. */
export interface DashboardCardSource {
  key: string;
  order: number;
  permission: Permission;
  load(ctx: Ctx): Promise<Omit<DashboardCard, 'key' | 'order'>>;
}

const sources = new Map<string, DashboardCardSource>();

/** Modules register their cards at start (routes.ts); a later module adds its own the same way. */
export function registerDashboardCard(source: DashboardCardSource) {
  sources.set(source.key, source);
}

/** The coordinator's first screen: every card the actor may see, computed now from the data. */
export async function dashboard(ctx: Ctx): Promise<DashboardView> {
  const visible = [...sources.values()].filter((s) => can(ctx.actor, s.permission)).sort((a, b) => a.order - b.order);
  const cards = await Promise.all(visible.map(async (s) => ({ key: s.key, order: s.order, ...(await s.load(ctx)) })));
  return { date: localDate(ctx.platform.clock.now(), ctx.platform.config.timezone), cards };
}
