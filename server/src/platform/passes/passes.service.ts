import crypto from 'node:crypto';
import { desc, sql } from 'drizzle-orm';
import { SignJWT, exportJWK, generateKeyPair, importJWK, jwtVerify, type JWK, type JWTPayload, type CryptoKey } from 'jose';
import type { Platform } from '../context.js';
import { passKeys } from './passes.schema.js';

/** The longest any pass may be valid; a retired key is published this much longer. */
export const MAX_PASS_VALIDITY_MS = 60 * 86400000;
/** A signing key older than this is replaced by the rotation job. */
export const KEY_ROTATION_MS = 30 * 86400000;
const ISSUER = 'jiayuan';

export interface PassClaims {
  /** What kind of pass: `inbound.notice`, `inbound.track`, later `access.health`… */
  typ: string;
  /** The subject: which record the pass stands for, e.g. `inbound_request:42`. */
  sub: string;
  [claim: string]: unknown;
}

export interface VerifiedPass extends PassClaims {
  kid: string;
  iat: number;
  nbf: number;
  exp: number;
}

export type PassProblem = 'bad_signature' | 'expired' | 'not_yet_valid' | 'malformed';

export class PassError extends Error {
  constructor(readonly problem: PassProblem) {
    super(`pass ${problem}`);
  }
}

interface KeyRow {
  kid: string;
  publicJwk: Record<string, string>;
  privateKeyEnc: Buffer;
  createdAt: Date;
  retiredAt: Date | null;
  expiresAt: Date | null;
}

interface Cached {
  signing: { kid: string; key: CryptoKey; createdAt: Date } | null;
  loading: Promise<{ kid: string; key: CryptoKey; createdAt: Date }> | null;
  verify: Map<string, CryptoKey>;
  /** Tokens whose signature was checked, with their claims (bounded: cleared when full). */
  verified: Map<string, VerifiedPass>;
}

const VERIFIED_MAX = 100_000;

const caches = new WeakMap<Platform['database'], Cached>();
function cacheOf(platform: Pick<Platform, 'database'>): Cached {
  let c = caches.get(platform.database);
  if (!c) {
    c = { signing: null, loading: null, verify: new Map(), verified: new Map() };
    caches.set(platform.database, c);
  }
  return c;
}

async function rows(platform: Pick<Platform, 'db'>): Promise<KeyRow[]> {
  return platform.db.select().from(passKeys).orderBy(desc(passKeys.createdAt), desc(passKeys.kid));
}

/** Makes a new signing key and retires the previous one (its public key stays published). */
export async function rotatePassKey(platform: Pick<Platform, 'db' | 'database' | 'cipher' | 'clock'>): Promise<string> {
  const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const pub = await exportJWK(publicKey);
  const priv = await exportJWK(privateKey);
  const now = platform.clock.now();
  const kid = `${now.toISOString().slice(0, 10).replaceAll('-', '')}-${crypto.randomBytes(4).toString('hex')}`;
  const publicJwk = { kty: pub.kty!, crv: pub.crv!, x: pub.x!, kid, alg: 'EdDSA', use: 'sig' };
  await platform.db.transaction(async (tx) => {
    // Serialise rotations across instances: one new key at a time.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(7355609)`);
    await tx
      .update(passKeys)
      .set({ retiredAt: now, expiresAt: new Date(now.getTime() + MAX_PASS_VALIDITY_MS) })
      .where(sql`${passKeys.retiredAt} IS NULL`);
    await tx.insert(passKeys).values({
      kid,
      publicJwk,
      privateKeyEnc: platform.cipher.encrypt('passKey', JSON.stringify(priv)),
      createdAt: now,
    });
  });
  // The new key at once: a request signing inside its transaction must never have to load it
  // through the pool (with every connection held by such transactions, that would wait forever).
  cacheOf(platform).signing = { kid, key: privateKey, createdAt: now };
  return kid;
}

async function signingKey(platform: Pick<Platform, 'db' | 'database' | 'cipher' | 'clock'>) {
  const cache = cacheOf(platform);
  if (cache.signing) return cache.signing;
  // One load at a time: requests arriving together on a fresh database make one key, not one each.
  cache.loading ??= loadSigningKey(platform, cache).finally(() => {
    cache.loading = null;
  });
  return cache.loading;
}

async function loadSigningKey(platform: Pick<Platform, 'db' | 'database' | 'cipher' | 'clock'>, cache: Cached) {
  let active = (await rows(platform)).find((r) => !r.retiredAt);
  if (!active) {
    await rotatePassKey(platform);
    active = (await rows(platform)).find((r) => !r.retiredAt)!;
  }
  const jwk = JSON.parse(platform.cipher.decrypt('passKey', active.privateKeyEnc)) as JWK;
  cache.signing = { kid: active.kid, key: (await importJWK(jwk, 'EdDSA')) as CryptoKey, createdAt: active.createdAt };
  return cache.signing;
}

/**
 * Loads (or makes) the signing key outside any transaction, so a pass can then be signed
 * inside one: on the embedded database a key lookup from inside a transaction would wait on it.
 */
export async function ensureSigningKey(platform: Pick<Platform, 'db' | 'database' | 'cipher' | 'clock'>): Promise<string> {
  return (await signingKey(platform)).kid;
}

/**
 * Signs a pass: a compact JWS (a JWT with EdDSA over Ed25519) carrying the claims, valid from
 * `validFrom` (default now) until `validUntil`. Short on purpose: it is printed as a QR code.
 */
export async function signPass(
  platform: Pick<Platform, 'db' | 'database' | 'cipher' | 'clock'>,
  claims: PassClaims,
  validity: { validUntil: Date; validFrom?: Date },
): Promise<string> {
  const now = platform.clock.now();
  const from = validity.validFrom ?? now;
  if (validity.validUntil.getTime() - from.getTime() > MAX_PASS_VALIDITY_MS) throw new Error('pass validity too long');
  const key = await signingKey(platform);
  return new SignJWT({ ...claims })
    .setProtectedHeader({ alg: 'EdDSA', kid: key.kid, typ: 'JWT' })
    .setIssuer(ISSUER)
    .setSubject(claims.sub)
    .setIssuedAt(Math.floor(now.getTime() / 1000))
    .setNotBefore(Math.floor(from.getTime() / 1000))
    .setExpirationTime(Math.floor(validity.validUntil.getTime() / 1000))
    .sign(key.key);
}

async function verifyKey(platform: Pick<Platform, 'db' | 'database'>, kid: string): Promise<CryptoKey | null> {
  const cache = cacheOf(platform);
  const hit = cache.verify.get(kid);
  if (hit) return hit;
  const row = (await rows(platform)).find((r) => r.kid === kid);
  if (!row) return null;
  const key = (await importJWK(row.publicJwk, 'EdDSA')) as CryptoKey;
  cache.verify.set(kid, key);
  return key;
}

/** Verifies a pass's signature (with any published key) and its validity at the platform's clock. */
export async function verifyPass(platform: Pick<Platform, 'db' | 'database' | 'clock'>, token: string, expectedTyp?: string): Promise<VerifiedPass> {
  // The same token bytes always pass or fail the signature check the same way: a token seen
  // before skips it, and only its dates are checked again (as jose does: exp, then nbf).
  const cache = cacheOf(platform);
  const seen = cache.verified.get(token);
  if (seen) {
    const now = Math.floor(platform.clock.now().getTime() / 1000);
    if (seen.exp <= now) throw new PassError('expired');
    if (seen.nbf > now) throw new PassError('not_yet_valid');
    if (expectedTyp && seen.typ !== expectedTyp) throw new PassError('bad_signature');
    return seen;
  }
  let kid: string | undefined;
  try {
    const header = JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString('utf8')) as { kid?: string; alg?: string };
    kid = header.kid;
    if (header.alg !== 'EdDSA') throw new PassError('malformed');
  } catch {
    throw new PassError('malformed');
  }
  if (!kid) throw new PassError('malformed');
  const key = await verifyKey(platform, kid);
  if (!key) throw new PassError('bad_signature');
  try {
    const { payload } = await jwtVerify(token, key, {
      issuer: ISSUER,
      algorithms: ['EdDSA'],
      currentDate: platform.clock.now(),
    });
    const p = payload as JWTPayload & PassClaims;
    if (expectedTyp && p.typ !== expectedTyp) throw new PassError('bad_signature');
    const verified = { ...(p as PassClaims), kid, iat: p.iat!, nbf: p.nbf!, exp: p.exp! };
    if (cache.verified.size >= VERIFIED_MAX) cache.verified.clear();
    cache.verified.set(token, verified);
    return verified;
  } catch (err) {
    if (err instanceof PassError) throw err;
    const code = (err as { code?: string }).code;
    if (code === 'ERR_JWT_EXPIRED') throw new PassError('expired');
    if (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED' && (err as { claim?: string }).claim === 'nbf') throw new PassError('not_yet_valid');
    throw new PassError('bad_signature');
  }
}

/** The public keys, for anyone who verifies passes offline (a gate's scanner, another system). */
export async function jwks(platform: Pick<Platform, 'db' | 'database' | 'cipher' | 'clock'>): Promise<{ keys: Record<string, string>[] }> {
  await signingKey(platform);
  const now = platform.clock.now();
  const all = await rows(platform);
  return { keys: all.filter((r) => !r.expiresAt || r.expiresAt > now).map((r) => r.publicJwk) };
}

/** Rotates when the signing key is older than KEY_ROTATION_MS (run by the scheduler). */
export async function rotateIfDue(platform: Pick<Platform, 'db' | 'database' | 'cipher' | 'clock'>): Promise<boolean> {
  const active = (await rows(platform)).find((r) => !r.retiredAt);
  if (active && platform.clock.now().getTime() - active.createdAt.getTime() < KEY_ROTATION_MS) return false;
  await rotatePassKey(platform);
  return true;
}
