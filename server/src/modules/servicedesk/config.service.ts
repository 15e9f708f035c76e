import type { CategorySave, CategoryView, TeamSave, TeamView } from '@jiayuan/contracts';
import { can, inPlaceScope } from '../../platform/access/actor.js';
import { definePolicy } from '../../platform/access/policy.js';
import { recordAudit } from '../../platform/audit/audit.service.js';
import { inTx, type Ctx } from '../../platform/context.js';
import type { Executor } from '../../platform/db/database.js';
import { commonErrors } from '../../platform/errors/common-errors.js';
import * as places from '../../platform/places/places.repository.js';
import * as repo from './servicedesk.repository.js';
import { sdErrors } from './servicedesk.errors.js';

export const categoryPolicy = definePolicy<repo.CategoryRow, 'update'>({
  update: (a) => can(a, 'servicedesk.manage'),
});
export const teamPolicy = definePolicy<repo.TeamRow, 'update'>({
  update: (a, t) => can(a, 'servicedesk.manage') && inPlaceScope(a, t.placePath),
});

/** The paths of a place and of every place above it: `1.5.23.` → `1.`, `1.5.`, `1.5.23.`. */
function pathsAbove(path: string): string[] {
  const ids = places.pathIds(path);
  return ids.map((_, i) => `${ids.slice(0, i + 1).join('.')}.`);
}

/**
 * The team an order of this category at this place goes to: of the category and then its
 * ancestors, the nearest that has an active team serving the place (the team's place contains
 * the order's); of that category's teams, the one with the most specific place (a community's
 * team before its department's). Null when no team serves the place: the order is refused
 * rather than handed to a team (and its members) outside their own place.
 */
export async function routeTeam(ex: Executor, cat: repo.CategoryRow, placePath: string): Promise<repo.TeamRow | null> {
  if (!placePath) return null;
  const chain: repo.CategoryRow[] = [];
  for (let c: repo.CategoryRow | undefined = cat; c && chain.length < 20; c = c.parentId ? await repo.findCategory(ex, c.parentId) : undefined) chain.push(c);
  const serving = await repo.categoryTeamsAt(
    ex,
    chain.map((c) => c.id),
    pathsAbove(placePath),
  );
  for (const c of chain) {
    const teams = serving.filter((s) => s.categoryId === c.id).map((s) => s.team);
    teams.sort((a, b) => b.placePath.length - a.placePath.length || a.id - b.id);
    if (teams[0]) return teams[0];
  }
  return null;
}

/** Whether a team's place contains the place of an order (an order without a place lies in none). */
export const teamServes = (team: Pick<repo.TeamRow, 'placePath'>, orderPath: string) => !!orderPath && orderPath.startsWith(team.placePath);

/** Every category, in tree order; anyone signed in may read them (residents choose one when reporting). */
export async function listCategories(ctx: Ctx): Promise<{ items: CategoryView[] }> {
  const rows = await repo.listCategories(ctx.platform.db);
  const [teams, teamIds] = await Promise.all([repo.allTeams(ctx.platform.db), repo.categoryTeamIds(ctx.platform.db)]);
  const labels = await places.labelsForPaths(
    ctx.platform.db,
    teams.map((t) => t.placePath),
  );
  const team = new Map(teams.map((t) => [t.id, { id: t.id, name: t.name, placeLabel: labels.get(t.placePath) ?? '' }]));
  const shown = ctx.actor.residentId !== null || !can(ctx.actor, 'servicedesk.manage') ? rows.filter((r) => r.active) : rows;
  return {
    items: shown.map((r) => ({
      id: r.id,
      parentId: r.parentId,
      code: r.code,
      name: r.name,
      kind: r.kind,
      teams: (teamIds.get(r.id) ?? []).flatMap((id) => team.get(id) ?? []),
      emergency: r.emergency,
      limits: r.limits,
      escalateAfterMinutes: r.escalateAfterMinutes,
      publicVisible: r.publicVisible,
      keywords: r.keywords,
      attributes: r.attributes,
      sortOrder: r.sortOrder,
      active: r.active,
      version: r.version,
      actions: categoryPolicy.actions(ctx.actor, r),
    })),
  };
}

async function assertParent(ex: Executor, parentId: number | null, selfId: number | null) {
  for (let id = parentId, depth = 0; id !== null; depth++) {
    if (id === selfId || depth > 20) throw sdErrors.SD_CATEGORY_PARENT_INVALID().onField('parentId');
    const p = await repo.findCategory(ex, id);
    if (!p) throw sdErrors.SD_CATEGORY_PARENT_INVALID().onField('parentId');
    id = p.parentId;
  }
}

/** Creates or changes a category; its limits apply to orders filed from now on. */
export async function saveCategory(ctx: Ctx, id: number | null, input: CategorySave & { version?: number }) {
  const row = await inTx(ctx, async (tx) => {
    await assertParent(tx, input.parentId, id);
    for (const teamId of input.teamIds) if (!(await repo.findTeam(tx, teamId))) throw sdErrors.SD_TEAM_UNKNOWN().onField('teamIds');
    const clash = await repo.categoryByCode(tx, input.code);
    if (clash && clash.id !== id) throw sdErrors.SD_CATEGORY_CODE_TAKEN({ code: input.code }).onField('code');
    const values = {
      parentId: input.parentId,
      code: input.code,
      name: input.name,
      kind: input.kind,
      emergency: input.emergency,
      limits: input.limits,
      escalateAfterMinutes: input.escalateAfterMinutes,
      publicVisible: input.publicVisible,
      keywords: input.keywords ?? null,
      attributes: input.attributes,
      sortOrder: input.sortOrder,
      active: input.active,
    };
    if (id === null) {
      const r = await repo.insertCategory(tx, values);
      await repo.setCategoryTeams(tx, r.id, input.teamIds);
      await recordAudit(tx, ctx, {
        action: 'servicedesk.category.create',
        entityType: 'sd_category',
        entityId: r.id,
        after: { ...values, teamIds: input.teamIds },
      });
      return r;
    }
    const before = await repo.findCategory(tx, id);
    if (!before) throw commonErrors.NOT_FOUND();
    categoryPolicy.assert(ctx.actor, 'update', before);
    const after = await repo.updateCategory(tx, id, input.version ?? before.version, values, ctx.platform.clock.now());
    if (!after) throw commonErrors.STALE_VERSION();
    const teamsBefore = (await repo.categoryTeamIds(tx)).get(id) ?? [];
    await repo.setCategoryTeams(tx, id, input.teamIds);
    await recordAudit(tx, ctx, {
      action: 'servicedesk.category.update',
      entityType: 'sd_category',
      entityId: id,
      before: { ...before, teamIds: teamsBefore },
      after: { ...values, teamIds: input.teamIds },
    });
    return after;
  });
  return (await listCategories(ctx)).items.find((c) => c.id === row.id)!;
}

async function presentTeams(ctx: Ctx, rows: repo.TeamRow[]): Promise<TeamView[]> {
  const db = ctx.platform.db;
  const ids = rows.map((r) => r.id);
  const [members, counts, labels, leaders] = await Promise.all([
    repo.membersOf(db, ids),
    repo.openCountsByTeam(db, ids),
    places.labelsForPaths(
      db,
      rows.map((r) => r.placePath),
    ),
    repo.userNames(
      db,
      rows.map((r) => r.leaderUserId),
    ),
  ]);
  return rows.map((t) => ({
    id: t.id,
    name: t.name,
    placeId: t.placeId,
    placeLabel: labels.get(t.placePath) ?? '',
    leader: t.leaderUserId ? { userId: t.leaderUserId, name: leaders.get(t.leaderUserId) ?? '' } : null,
    members: members.filter((m) => m.teamId === t.id).map((m) => ({ userId: m.userId, name: m.name })),
    active: t.active,
    openOrders: counts.get(t.id) ?? 0,
    version: t.version,
    actions: teamPolicy.actions(ctx.actor, t),
  }));
}

/**
 * Teams in my scope and the teams I belong to; a dispatcher also sees the teams above their area
 * (a department's team serves its communities), which is where an order in their area can be
 * transferred. Another community's teams are none of theirs.
 */
export async function listTeams(ctx: Ctx) {
  const db = ctx.platform.db;
  const mine = new Set(await repo.teamIdsOf(db, ctx.actor.userId));
  const all = await repo.allTeams(db);
  const servesMyArea = (t: repo.TeamRow) => can(ctx.actor, 'servicedesk.dispatch') && ctx.actor.scope.places.some((p) => teamServes(t, p.path));
  const visible = all.filter((t) => inPlaceScope(ctx.actor, t.placePath) || mine.has(t.id) || servesMyArea(t));
  return { items: await presentTeams(ctx, visible) };
}

/** Creates or changes a team, its leader and members (active staff only). */
export async function saveTeam(ctx: Ctx, id: number | null, input: TeamSave) {
  const teamId = await inTx(ctx, async (tx) => {
    const place = await places.findPlaceInScope(tx, ctx.actor, input.placeId);
    if (!place || !inPlaceScope(ctx.actor, place.path)) throw commonErrors.NOT_FOUND();
    if (await repo.teamByName(tx, input.name, id ?? undefined)) throw sdErrors.SD_TEAM_NAME_TAKEN({ name: input.name }).onField('name');
    const people = [...new Set([...input.memberUserIds, ...(input.leaderUserId ? [input.leaderUserId] : [])])];
    if ((await repo.activeStaff(tx, people)).length !== people.length) throw sdErrors.SD_MEMBER_UNKNOWN().onField('memberUserIds');
    const values = { name: input.name, placeId: place.id, placePath: place.path, leaderUserId: input.leaderUserId, active: input.active };
    let tid: number;
    if (id === null) {
      tid = (await repo.insertTeam(tx, values)).id;
      await recordAudit(tx, ctx, {
        action: 'servicedesk.team.create',
        entityType: 'sd_team',
        entityId: tid,
        after: { ...values, memberUserIds: input.memberUserIds },
      });
    } else {
      const before = await repo.findTeam(tx, id, true);
      if (!before || !inPlaceScope(ctx.actor, before.placePath)) throw commonErrors.NOT_FOUND();
      teamPolicy.assert(ctx.actor, 'update', before);
      // A team sees and works the orders it holds: moving its place must not leave some outside it.
      if (place.path !== before.placePath) {
        const outside = await repo.openOrdersOutside(tx, id, place.path);
        if (outside > 0) throw sdErrors.SD_TEAM_PLACE_HOLDS_ORDERS({ n: outside }).onField('placeId');
      }
      await repo.updateTeam(tx, id, values, ctx.platform.clock.now());
      await recordAudit(tx, ctx, {
        action: 'servicedesk.team.update',
        entityType: 'sd_team',
        entityId: id,
        before,
        after: { ...values, memberUserIds: input.memberUserIds },
      });
      tid = id;
    }
    await repo.setMembers(tx, tid, input.memberUserIds);
    return tid;
  });
  return (await presentTeams(ctx, [(await repo.findTeam(ctx.platform.db, teamId))!]))[0]!;
}
