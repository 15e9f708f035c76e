import crypto from 'node:crypto';
import { desc, eq, sql } from 'drizzle-orm';
import type { ApiTokenView, Permission, ScopeInput } from '@jiayuan/contracts';
import { can, type Actor } from '../access/actor.js';
import { definePolicy } from '../access/policy.js';
import { recordAudit } from '../audit/audit.service.js';
import { inTx, type Ctx } from '../context.js';
import type { Executor } from '../db/database.js';
import { commonErrors } from '../errors/common-errors.js';
import { authErrors } from './auth.errors.js';
import { presentScope } from './actor-factory.js';
import { forgetTokenActors } from './identity.service.js';
import { apiTokens, users } from './identity.schema.js';
import type { ApiTokenRow } from './identity.repository.js';
import { sha256Hex } from './passwords.js';
import { validateScope } from './users.service.js';

export const tokenPolicy = definePolicy<ApiTokenRow, 'revoke'>({
  revoke: (a, t) => can(a, 'token.manage') && !t.revokedAt,
});

async function present(ex: Executor, actor: Actor, t: ApiTokenRow, createdByName: string): Promise<ApiTokenView> {
  return {
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    permissions: t.permissions as Permission[],
    scope: await presentScope(ex, t.scope),
    createdAt: t.createdAt.toISOString(),
    expiresAt: t.expiresAt?.toISOString() ?? null,
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    revokedAt: t.revokedAt?.toISOString() ?? null,
    createdByName,
    actions: tokenPolicy.actions(actor, t),
  };
}

export async function listTokens(ctx: Ctx): Promise<ApiTokenView[]> {
  const rows = await ctx.platform.db
    .select({ t: apiTokens, by: users.displayName })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.createdBy))
    .orderBy(desc(apiTokens.createdAt));
  return Promise.all(rows.map((r) => present(ctx.platform.db, ctx.actor, r.t, r.by)));
}

/** Creates a token; its secret is returned once and only its hash is kept. */
export async function createToken(
  ctx: Ctx,
  input: { name: string; permissions: Permission[]; scope: ScopeInput; expiresInDays?: number | null | undefined },
): Promise<{ token: ApiTokenView; secret: string }> {
  const prefix = crypto.randomBytes(4).toString('hex');
  const secret = `jy_${prefix}_${crypto.randomBytes(24).toString('base64url')}`;
  const now = ctx.platform.clock.now();
  const row = await inTx(ctx, async (tx) => {
    const scope = await validateScope(tx, input.scope);
    if (!scope.all && scope.placeIds.length === 0 && scope.employerIds.length === 0) throw authErrors.USER_SCOPE_REQUIRED();
    const [t] = await tx
      .insert(apiTokens)
      .values({
        name: input.name,
        prefix,
        secretHash: sha256Hex(secret),
        permissions: [...new Set(input.permissions)],
        scope,
        createdBy: ctx.actor.userId!,
        createdAt: now,
        expiresAt: input.expiresInDays ? new Date(now.getTime() + input.expiresInDays * 86400000) : null,
      })
      .returning();
    await recordAudit(tx, ctx, {
      action: 'token.created',
      entityType: 'api_token',
      entityId: t!.id,
      after: { name: t!.name, prefix, permissions: t!.permissions, scope },
    });
    return t!;
  });
  return { token: await present(ctx.platform.db, ctx.actor, row, ctx.actor.name), secret };
}

export async function revokeToken(ctx: Ctx, id: number): Promise<ApiTokenView> {
  const row = await inTx(ctx, async (tx) => {
    const [t] = await tx.select().from(apiTokens).where(eq(apiTokens.id, id)).for('update');
    if (!t) throw commonErrors.NOT_FOUND();
    if (t.revokedAt) throw authErrors.TOKEN_ALREADY_REVOKED();
    const [after] = await tx
      .update(apiTokens)
      .set({ revokedAt: ctx.platform.clock.now(), version: sql`${apiTokens.version} + 1` })
      .where(eq(apiTokens.id, id))
      .returning();
    await recordAudit(tx, ctx, { action: 'token.revoked', entityType: 'api_token', entityId: id });
    return after!;
  });
  forgetTokenActors(ctx.platform);
  const [by] = await ctx.platform.db.select({ n: users.displayName }).from(users).where(eq(users.id, row.createdBy));
  return present(ctx.platform.db, ctx.actor, row, by?.n ?? '');
}
