import { createLocalJWKSet, jwtVerify, errors, type JSONWebKeySet } from 'jose';
import { decideOnClaims, type GateDecision, type GateReason, type GateSubject, type PassClaimsView, type PassKind } from '@jiayuan/contracts';
import type { GateCache } from './gate-store';

const KIND_OF_TYP: Record<string, PassKind> = {
  'access.health_pass': 'health_pass',
  'access.entry_ticket': 'entry_ticket',
  'access.vehicle_pass': 'vehicle_pass',
};

export interface LocalVerdict {
  decision: GateDecision;
  reason: GateReason | null;
  subject: GateSubject;
}

const NOBODY: GateSubject = {
  passId: null,
  kind: null,
  maskedName: null,
  dwellingLabel: null,
  plate: null,
  residentId: null,
  validUntil: null,
  usesLeft: null,
};

/**
 * Decides on a scanned token with what the gate holds, no network needed: the signature
 * against the cached public keys (Ed25519, WebCrypto through jose), then the same rule the
 * server applies to the revocation and lockdown lists, and to the gate's place (`gatePath`: a
 * pass of another compound is refused here too).
 */
export async function verifyOffline(token: string, cache: GateCache, now = Date.now(), gatePath?: string): Promise<LocalVerdict> {
  if (!cache.jwks) return { decision: 'refused', reason: 'invalid', subject: NOBODY };
  let claims: PassClaimsView;
  try {
    const { payload } = await jwtVerify(token, createLocalJWKSet(cache.jwks as unknown as JSONWebKeySet), {
      issuer: 'jiayuan',
      currentDate: new Date(now),
      clockTolerance: 60,
    });
    claims = payload as unknown as PassClaimsView;
  } catch (err) {
    if (err instanceof errors.JWTExpired) return { decision: 'refused', reason: 'expired', subject: NOBODY };
    if (err instanceof errors.JWTClaimValidationFailed && err.claim === 'nbf') return { decision: 'refused', reason: 'not_yet_valid', subject: NOBODY };
    return { decision: 'refused', reason: 'invalid', subject: NOBODY };
  }
  const kind = KIND_OF_TYP[claims.typ];
  if (!kind || typeof claims.pid !== 'number') return { decision: 'refused', reason: 'invalid', subject: NOBODY };
  const revoked = new Map(cache.revocations.entries.map((e) => [e.passId, e.reason]));
  const verdict = decideOnClaims(claims, { revoked, lockdowns: cache.lockdowns.entries, gatePath }, now);
  return {
    ...verdict,
    subject: {
      passId: claims.pid,
      kind,
      maskedName: claims.n,
      dwellingLabel: claims.d,
      plate: claims.pl ?? null,
      residentId: null,
      validUntil: new Date(claims.exp * 1000).toISOString(),
      usesLeft: null,
    },
  };
}
