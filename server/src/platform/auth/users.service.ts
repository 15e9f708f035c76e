import { and, asc, sql } from 'drizzle-orm';
import type { ScopeInput, UserCreate, UserUpdate, UserView } from '@jiayuan/contracts';
import type { Actor } from '../access/actor.js';
import { can } from '../access/actor.js';
import { definePolicy } from '../access/policy.js';
import { recordAudit } from '../audit/audit.service.js';
import { inTx, type Ctx } from '../context.js';
import type { Executor } from '../db/database.js';
import { commonErrors } from '../errors/common-errors.js';
import { findEmployers, findPlaces } from '../places/places.repository.js';
import { authErrors } from './auth.errors.js';
import { presentScope } from './actor-factory.js';
import { users, type StoredScope } from './identity.schema.js';
import * as repo from './identity.repository.js';
import { assertStrongPassword, generatePassword, hashPassword } from './passwords.js';

/** The most names a picker is offered at once; typing narrows them. */
const LOOKUP_LIMIT = 50;

export const userPolicy = definePolicy<repo.UserRow, 'update' | 'disable' | 'enable' | 'resetPassword' | 'unlock'>({
  update: (a) => can(a, 'user.manage'),
  disable: (a, u) => can(a, 'user.manage') && !u.disabledAt && u.id !== a.userId,
  enable: (a, u) => can(a, 'user.manage') && !!u.disabledAt,
  resetPassword: (a, u) => can(a, 'user.manage') && u.kind === 'staff',
  unlock: (a, u) => can(a, 'user.manage') && !!u.lockedUntil,
});

/** Checks that every place and employer in a scope exists. */
export async function validateScope(ex: Executor, scope: ScopeInput): Promise<StoredScope> {
  const placeIds = [...new Set(scope.placeIds)];
  const employerIds = [...new Set(scope.employerIds)];
  const [p, e] = await Promise.all([findPlaces(ex, placeIds), findEmployers(ex, employerIds)]);
  if (p.length !== placeIds.length || e.length !== employerIds.length) throw authErrors.USER_SCOPE_UNKNOWN();
  return { all: scope.all, placeIds, employerIds };
}

async function present(ex: Executor, actor: Actor, u: repo.UserRow, now: Date): Promise<UserView> {
  return {
    id: u.id,
    kind: u.kind,
    username: u.username,
    displayName: u.displayName,
    roles: u.roles,
    scope: await presentScope(ex, u.scope),
    disabled: !!u.disabledAt,
    locked: !!u.lockedUntil && u.lockedUntil > now,
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
    createdAt: u.createdAt.toISOString(),
    version: u.version,
    actions: userPolicy.actions(actor, u),
  };
}

export async function listUsers(ctx: Ctx, q: { page: number; pageSize: number; q?: string | undefined; role?: string | undefined; includeResidents: boolean }) {
  const db = ctx.platform.db;
  const conds = [
    q.includeResidents ? sql`TRUE` : sql`${users.kind} = 'staff'`,
    q.q ? sql`(${users.username} ILIKE ${`%${q.q}%`} OR ${users.displayName} ILIKE ${`%${q.q}%`})` : sql`TRUE`,
    q.role ? sql`${q.role} = ANY(${users.roles})` : sql`TRUE`,
  ];
  const where = and(...conds);
  const [rows, [count]] = await Promise.all([
    db
      .select()
      .from(users)
      .where(where)
      .orderBy(asc(users.username))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(users)
      .where(where),
  ]);
  const now = ctx.platform.clock.now();
  return {
    items: await Promise.all(rows.map((r) => present(db, ctx.actor, r, now))),
    total: count?.n ?? 0,
    page: q.page,
    pageSize: q.pageSize,
  };
}

export async function getUser(ctx: Ctx, id: number) {
  const u = await repo.findUser(ctx.platform.db, id);
  if (!u) throw commonErrors.NOT_FOUND();
  return present(ctx.platform.db, ctx.actor, u, ctx.platform.clock.now());
}

function needsScope(roles: string[], scope: StoredScope) {
  const global = roles.every((r) => r === 'admin' || r === 'auditor');
  return !global && !scope.all && scope.placeIds.length === 0 && scope.employerIds.length === 0;
}

/** Creates a staff account; without a given password one is generated, shown once, and must be changed. */
export async function createUser(ctx: Ctx, input: UserCreate): Promise<{ user: UserView; initialPassword: string | null }> {
  if (input.password) assertStrongPassword(input.password);
  const initialPassword = input.password ? null : generatePassword();
  const passwordHash = await hashPassword(input.password ?? initialPassword!);
  const row = await inTx(ctx, async (tx) => {
    const scope = await validateScope(tx, input.scope);
    if (needsScope(input.roles, scope)) throw authErrors.USER_SCOPE_REQUIRED();
    if (await repo.findUserByUsername(tx, input.username)) throw authErrors.USER_USERNAME_TAKEN({ username: input.username }).onField('username');
    const user = await repo.insertUser(tx, {
      username: input.username,
      displayName: input.displayName,
      roles: [...new Set(input.roles)],
      scope,
      passwordHash,
      mustChangePassword: true,
      createdAt: ctx.platform.clock.now(),
    });
    await recordAudit(tx, ctx, {
      action: 'user.created',
      entityType: 'user',
      entityId: user.id,
      after: { username: user.username, displayName: user.displayName, roles: user.roles, scope },
    });
    return user;
  });
  return { user: await present(ctx.platform.db, ctx.actor, row, ctx.platform.clock.now()), initialPassword };
}

export async function updateUser(ctx: Ctx, id: number, input: UserUpdate): Promise<UserView> {
  const row = await inTx(ctx, async (tx) => {
    const before = await repo.lockUserRow(tx, id);
    if (!before) throw commonErrors.NOT_FOUND();
    if (before.version !== input.version) throw commonErrors.STALE_VERSION();
    const scope = input.scope ? await validateScope(tx, input.scope) : before.scope;
    const roles = input.roles ? [...new Set(input.roles)] : before.roles;
    if (before.kind === 'staff' && needsScope(roles, scope)) throw authErrors.USER_SCOPE_REQUIRED();
    let disabledAt = before.disabledAt;
    if (input.disabled === true && !before.disabledAt) {
      userPolicy.assert(ctx.actor, 'disable', before);
      disabledAt = ctx.platform.clock.now();
    } else if (input.disabled === false) disabledAt = null;
    const losesAdmin = before.roles.includes('admin') && !before.disabledAt && (!roles.includes('admin') || disabledAt);
    if (losesAdmin && (await repo.countActiveAdmins(tx)) <= 1) throw authErrors.USER_LAST_ADMIN();
    const after = await repo.updateUserVersioned(
      tx,
      id,
      input.version,
      { displayName: input.displayName ?? before.displayName, roles, scope, disabledAt },
      ctx.platform.clock.now(),
    );
    if (!after) throw commonErrors.STALE_VERSION();
    if (disabledAt) await repo.deleteUserSessions(tx, id);
    await recordAudit(tx, ctx, {
      action: input.disabled === true ? 'user.disabled' : input.disabled === false && before.disabledAt ? 'user.enabled' : 'user.updated',
      entityType: 'user',
      entityId: id,
      before: { displayName: before.displayName, roles: before.roles, scope: before.scope, disabled: !!before.disabledAt },
      after: { displayName: after.displayName, roles: after.roles, scope: after.scope, disabled: !!after.disabledAt },
    });
    return after;
  });
  return present(ctx.platform.db, ctx.actor, row, ctx.platform.clock.now());
}

/** Issues a temporary password (shown once), ends the user's sessions and clears a lockout. */
export async function resetPassword(ctx: Ctx, id: number): Promise<{ temporaryPassword: string }> {
  const temporaryPassword = generatePassword();
  const passwordHash = await hashPassword(temporaryPassword);
  await inTx(ctx, async (tx) => {
    const u = await repo.lockUserRow(tx, id);
    if (!u) throw commonErrors.NOT_FOUND();
    userPolicy.assert(ctx.actor, 'resetPassword', u);
    await repo.setUserFields(tx, id, {
      passwordHash,
      mustChangePassword: true,
      failedLogins: 0,
      lockedUntil: null,
      updatedAt: ctx.platform.clock.now(),
    });
    await repo.deleteUserSessions(tx, id);
    await recordAudit(tx, ctx, { action: 'user.password_reset', entityType: 'user', entityId: id });
  });
  return { temporaryPassword };
}

export async function unlockUser(ctx: Ctx, id: number) {
  await inTx(ctx, async (tx) => {
    const u = await repo.lockUserRow(tx, id);
    if (!u) throw commonErrors.NOT_FOUND();
    await repo.setUserFields(tx, id, { failedLogins: 0, lockedUntil: null });
    await recordAudit(tx, ctx, { action: 'user.unlocked', entityType: 'user', entityId: id });
  });
  return getUser(ctx, id);
}

/**
 * Staff a picker may offer, at most 50 (a picker shows its first page before anything is typed):
 * everyone for an actor with the whole tree (or auditors), otherwise staff with a place of their
 * scope inside one of the actor's places.
 */
export async function lookupUsers(ctx: Ctx, q: string | undefined, role: string | undefined) {
  const a = ctx.actor;
  const everyone = a.scope.all || can(a, 'audit.read');
  const under = everyone ? ('all' as const) : a.scope.places.map((p) => p.path);
  return { items: await repo.lookupStaffQuery(ctx.platform.db, { q, role, under, limit: LOOKUP_LIMIT }) };
}
