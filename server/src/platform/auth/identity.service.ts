import crypto from 'node:crypto';
import { normalizePhone, type Me } from '@jiayuan/contracts';
import type { Actor } from '../access/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import { inTx, type Ctx, type Origin, type Platform } from '../context.js';
import type { Executor } from '../db/database.js';
import { authErrors } from './auth.errors.js';
import { actorForToken, actorForUser, presentScope } from './actor-factory.js';
import * as repo from './identity.repository.js';
import { cachedSession, rememberSession, sessionCacheSeq } from './session-cache.js';
import { assertStrongPassword, burnPasswordCheck, generatePassword, hashPassword, randomToken, sha256Hex, verifyPassword } from './passwords.js';
import { residentsByPhoneIndex } from './resident-link.js';

export interface SignedIn {
  token: string;
  expiresAt: Date;
  userId: number;
}

function systemCtx(platform: Platform, origin: Origin, name = 'anonymous', userId: number | null = null): Pick<Ctx, 'platform' | 'actor' | 'origin'> {
  return {
    platform,
    origin,
    actor: {
      kind: 'system',
      userId,
      tokenId: null,
      name,
      roles: [],
      permissions: new Set(),
      scope: { all: false, places: [], employerIds: [] },
      residentId: null,
      householdId: null,
    },
  };
}

async function startSession(ex: Executor, platform: Platform, userId: number, origin: Origin, userAgent: string | null): Promise<SignedIn> {
  const token = randomToken();
  const now = platform.clock.now();
  const expiresAt = new Date(now.getTime() + platform.config.session.maxMinutes * 60000);
  await repo.insertSession(ex, {
    id: sha256Hex(token),
    userId,
    csrfToken: randomToken(24),
    createdAt: now,
    lastSeenAt: now,
    expiresAt,
    ip: origin.ip,
    userAgent: userAgent?.slice(0, 300) ?? null,
  });
  return { token, expiresAt, userId };
}

/** Staff sign-in with username and password; wrong passwords count towards a lockout. */
export async function login(platform: Platform, input: { username: string; password: string }, origin: Origin, userAgent: string | null): Promise<SignedIn> {
  const user = await repo.findUserByUsername(platform.db, input.username);
  if (!user || !user.passwordHash) {
    await burnPasswordCheck(input.password);
    throw authErrors.AUTH_INVALID_CREDENTIALS();
  }
  const now = platform.clock.now();
  const locked = (until: Date) => authErrors.AUTH_ACCOUNT_LOCKED({ minutes: Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60000)) });
  if (user.lockedUntil && user.lockedUntil > now) throw locked(user.lockedUntil);
  const ok = await verifyPassword(user.passwordHash, input.password);
  const { maxFailures, lockMinutes } = platform.config.login;
  if (!ok) {
    // Guesses sent in parallel all passed the check above; each is counted in the database.
    const counted = await inTx({ platform }, async (tx) => {
      const c = await repo.recordFailedLogin(tx, user.id, now, maxFailures, new Date(now.getTime() + lockMinutes * 60000));
      await recordAudit(tx, systemCtx(platform, origin), {
        action: c.lockedNow ? 'auth.locked' : 'auth.login_failed',
        entityType: 'user',
        entityId: user.id,
        after: { failures: c.failures },
      });
      return c;
    });
    if (counted.lockedUntil && counted.lockedUntil > now) throw locked(counted.lockedUntil);
    throw authErrors.AUTH_INVALID_CREDENTIALS();
  }
  if (user.disabledAt) throw authErrors.AUTH_ACCOUNT_DISABLED();
  return inTx({ platform }, async (tx) => {
    // The right password among parallel wrong ones counts only while they have not locked the account.
    if (!(await repo.recordSuccessfulLogin(tx, user.id, now))) {
      const current = await repo.findUser(tx, user.id);
      throw locked(current?.lockedUntil ?? new Date(now.getTime() + lockMinutes * 60000));
    }
    await recordAudit(tx, systemCtx(platform, origin, user.displayName, user.id), {
      action: 'auth.login',
      entityType: 'user',
      entityId: user.id,
    });
    return startSession(tx, platform, user.id, origin, userAgent);
  });
}

export async function logout(platform: Platform, token: string) {
  await repo.deleteSession(platform.db, sha256Hex(token));
}

export interface SessionActor {
  actor: Actor;
  sessionId: string;
  csrfToken: string;
  mustChangePassword: boolean;
  lang: string | null;
}

/** The actor behind a session cookie, or null when the session is unknown, expired or idle too long. */
export async function actorFromSession(platform: Platform, token: string): Promise<SessionActor | null> {
  const id = sha256Hex(token);
  const now = platform.clock.now();
  const kept = cachedSession<SessionActor>(platform.database, id, now.getTime(), TOUCH_EVERY_MS);
  if (kept) return kept;
  const seq = sessionCacheSeq();
  const found = await repo.findSessionWithUser(platform.db, id, now);
  if (!found) return null;
  const { session, user } = found;
  const idleLimit = now.getTime() - platform.config.session.idleMinutes * 60000;
  if (session.lastSeenAt.getTime() < idleLimit || user.disabledAt) {
    await repo.deleteSession(platform.db, id);
    return null;
  }
  let lastSeenAt = session.lastSeenAt.getTime();
  if (now.getTime() - lastSeenAt > TOUCH_EVERY_MS) {
    await repo.touchSession(platform.db, id, now);
    lastSeenAt = now.getTime();
  }
  const value: SessionActor = {
    actor: await actorForUser(platform.db, user),
    sessionId: id,
    csrfToken: session.csrfToken,
    mustChangePassword: user.mustChangePassword,
    lang: user.lang,
  };
  rememberSession(platform.database, id, user.id, value, seq, now.getTime(), lastSeenAt, session.expiresAt.getTime());
  return value;
}

/** A session's last-seen time is written at most this often (the idle timeout is counted in hours). */
const TOUCH_EVERY_MS = 60000;

/**
 * Token actors, kept a few seconds: a gate device calls many times a second, and each call
 * would otherwise read the token and its scope again. Revoking a token forgets it here at
 * once; another instance of the app notices within TOKEN_CACHE_MS. Kept by the bearer as sent
 * (it is in this process's memory with every request anyway), so a hit costs no SHA-256.
 */
const TOKEN_CACHE_MS = 5000;
const tokenActors = new WeakMap<Platform['database'], Map<string, { actor: Actor; until: number; expiresAt: number | null }>>();

/** Forgets every cached token actor (after a token is revoked). */
export function forgetTokenActors(platform: Pick<Platform, 'database'>) {
  tokenActors.get(platform.database)?.clear();
}

/** A token's actor when it is kept and still valid, without waiting (a gate device's every call). */
export function cachedTokenActor(platform: Pick<Platform, 'database' | 'clock'>, bearer: string): Actor | undefined {
  const hit = tokenActors.get(platform.database)?.get(bearer);
  if (!hit) return undefined;
  const now = platform.clock.now().getTime();
  return hit.until > now && (hit.expiresAt === null || hit.expiresAt > now) ? hit.actor : undefined;
}

/** `jy_<prefix>_<secret>` bearer tokens for devices and integrations. */
export async function actorFromApiToken(platform: Platform, bearer: string): Promise<Actor> {
  const known = cachedTokenActor(platform, bearer);
  if (known) return known;
  const now = platform.clock.now();
  let cache = tokenActors.get(platform.database);
  const hash = sha256Hex(bearer);
  const token = await repo.findTokenByHash(platform.db, hash);
  if (!token || token.revokedAt || (token.expiresAt && token.expiresAt <= now)) throw authErrors.AUTH_TOKEN_INVALID();
  if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() > 60000) {
    await repo.touchToken(platform.db, token.id, now);
  }
  const actor = await actorForToken(platform.db, token);
  if (!cache) tokenActors.set(platform.database, (cache = new Map()));
  if (cache.size > 10000) cache.clear();
  cache.set(bearer, { actor, until: now.getTime() + TOKEN_CACHE_MS, expiresAt: token.expiresAt?.getTime() ?? null });
  return actor;
}

export async function me(ctx: Ctx, session: SessionActor): Promise<Me> {
  const user = (await repo.findUser(ctx.platform.db, ctx.actor.userId!))!;
  return {
    id: user.id,
    kind: user.kind,
    username: user.username,
    displayName: user.displayName,
    roles: user.roles,
    permissions: [...ctx.actor.permissions].sort(),
    scope: await presentScope(ctx.platform.db, user.scope),
    mustChangePassword: user.mustChangePassword,
    csrfToken: session.csrfToken,
    lang: (user.lang as Me['lang']) ?? null,
  };
}

export async function setLanguage(ctx: Ctx, lang: string) {
  await repo.setUserFields(ctx.platform.db, ctx.actor.userId!, { lang });
}

/** Changes my password; other sessions of mine end. */
export async function changePassword(ctx: Ctx, sessionId: string, input: { currentPassword: string; newPassword: string }) {
  const user = (await repo.findUser(ctx.platform.db, ctx.actor.userId!))!;
  if (!user.passwordHash || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw authErrors.AUTH_WRONG_PASSWORD();
  }
  assertStrongPassword(input.newPassword);
  if (input.currentPassword === input.newPassword) throw authErrors.AUTH_PASSWORD_REUSED();
  const passwordHash = await hashPassword(input.newPassword);
  await inTx(ctx, async (tx) => {
    await repo.setUserFields(tx, user.id, { passwordHash, mustChangePassword: false, updatedAt: ctx.platform.clock.now() });
    await repo.deleteUserSessions(tx, user.id, sessionId);
    await recordAudit(tx, ctx, { action: 'auth.password_changed', entityType: 'user', entityId: user.id });
  });
}

const OTP_TTL_MS = 5 * 60000;
const OTP_RESEND_MS = 60000;
const OTP_MAX_PER_DAY = 10;
const OTP_MAX_ATTEMPTS = 5;

function otpHash(phoneBi: Buffer, code: string) {
  return sha256Hex(`${phoneBi.toString('hex')}:${code}`);
}

/**
 * Sends a sign-in code to a resident's phone. Answers the same whether or not the number is
 * on file, so the endpoint cannot be used to find out who lives here.
 */
export async function requestOtp(platform: Platform, rawPhone: string, origin: Origin): Promise<{ retryAfterSeconds: number }> {
  const phone = normalizePhone(rawPhone);
  if (!phone) throw authErrors.AUTH_PHONE_INVALID();
  const phoneBi = platform.cipher.blindIndex('phone', phone);
  const now = platform.clock.now();
  const code = String(crypto.randomInt(0, 1_000_000)).padStart(6, '0');
  const send = await inTx({ platform }, async (tx) => {
    await repo.lockOtpPhone(tx, phoneBi);
    const last = await repo.latestOtp(tx, phoneBi);
    if (last && now.getTime() - last.createdAt.getTime() < OTP_RESEND_MS) {
      throw authErrors.AUTH_OTP_TOO_SOON({
        seconds: Math.ceil((OTP_RESEND_MS - (now.getTime() - last.createdAt.getTime())) / 1000),
      });
    }
    if ((await repo.countOtpsSince(tx, phoneBi, new Date(now.getTime() - 86400000))) >= OTP_MAX_PER_DAY) {
      throw authErrors.AUTH_OTP_TOO_SOON({ seconds: 3600 });
    }
    await repo.insertOtp(tx, { phoneBi, codeHash: otpHash(phoneBi, code), expiresAt: new Date(now.getTime() + OTP_TTL_MS), createdAt: now });
    return (await residentsByPhoneIndex(tx, phoneBi)).length > 0;
  });
  if (send) {
    await platform.sms.send(phone, `【家园】您的登录验证码是${code}，5分钟内有效。Your Jiayuan sign-in code is ${code}.`);
  } else {
    platform.log.info({ origin: origin.ip }, 'otp requested for a number not on file');
  }
  return { retryAfterSeconds: OTP_RESEND_MS / 1000 };
}

/** Checks a resident's code and signs them in, creating their resident account on first use. */
export async function verifyOtp(platform: Platform, input: { phone: string; code: string }, origin: Origin, userAgent: string | null): Promise<SignedIn> {
  const phone = normalizePhone(input.phone);
  if (!phone) throw authErrors.AUTH_PHONE_INVALID();
  const phoneBi = platform.cipher.blindIndex('phone', phone);
  const now = platform.clock.now();
  const userId = await inTx({ platform }, async (tx) => {
    const otp = await repo.latestOtp(tx, phoneBi);
    if (!otp || otp.consumedAt || otp.expiresAt <= now || otp.attempts >= OTP_MAX_ATTEMPTS) return null;
    const good = crypto.timingSafeEqual(Buffer.from(otp.codeHash), Buffer.from(otpHash(phoneBi, input.code)));
    if (!good) {
      await repo.countOtpAttempt(tx, otp.id);
      return null;
    }
    const [resident] = await residentsByPhoneIndex(tx, phoneBi);
    if (!resident) return null;
    await repo.updateOtp(tx, otp.id, { consumedAt: now });
    let user = await repo.findUserByResident(tx, resident.id);
    if (!user) {
      user = await repo.insertUser(tx, {
        username: `resident-${resident.id}`,
        displayName: resident.name,
        kind: 'resident',
        residentId: resident.id,
        roles: ['resident'],
        scope: { all: false, placeIds: [], employerIds: [] },
      });
      await recordAudit(tx, systemCtx(platform, origin), {
        action: 'user.created',
        entityType: 'user',
        entityId: user.id,
        after: { kind: 'resident', residentId: resident.id },
      });
    }
    if (user.disabledAt) return null;
    await repo.setUserFields(tx, user.id, { lastLoginAt: now });
    return user.id;
  });
  if (userId === null) throw authErrors.AUTH_OTP_INVALID();
  return startSession(platform.db, platform, userId, origin, userAgent);
}

/** On first start with no users, creates `admin` with the configured or a generated password. */
export async function bootstrapAdmin(platform: Platform): Promise<{ created: boolean; password: string | null }> {
  if ((await repo.countUsers(platform.db)) > 0) return { created: false, password: null };
  const generated = platform.config.adminPassword ? null : generatePassword();
  const password = platform.config.adminPassword ?? generated!;
  const passwordHash = await hashPassword(password);
  await inTx({ platform }, async (tx) => {
    if ((await repo.countUsers(tx)) > 0) return;
    const user = await repo.insertUser(tx, {
      username: 'admin',
      displayName: '系统管理员',
      roles: ['admin'],
      scope: { all: true, placeIds: [], employerIds: [] },
      passwordHash,
      mustChangePassword: generated !== null,
    });
    await recordAudit(tx, systemCtx(platform, { ip: null, channel: 'system', requestId: null }, 'system'), {
      action: 'user.created',
      entityType: 'user',
      entityId: user.id,
      after: { username: 'admin', roles: ['admin'] },
    });
  });
  return { created: true, password: generated };
}

export async function cleanupSessions(platform: Platform) {
  const now = platform.clock.now();
  const idleBefore = new Date(now.getTime() - platform.config.session.idleMinutes * 60000);
  const n = await repo.deleteExpiredSessions(platform.db, now, idleBefore);
  await repo.deleteOldOtps(platform.db, new Date(now.getTime() - 2 * 86400000));
  return n;
}
