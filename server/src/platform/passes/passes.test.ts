import { createRemoteJWKSet, jwtVerify } from 'jose';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userWith, type TestClient } from '../../test-support/http-client.js';
import { createTestPlatform, type TestPlatform } from '../../test-support/test-platform.js';
import { queryRows } from '../db/database.js';
import { MAX_PASS_VALIDITY_MS, PassError, rotateIfDue, rotatePassKey, signPass, verifyPass } from './passes.service.js';

let t: TestPlatform;
let base: string;
let admin: TestClient;
const HOUR = 3600000;

beforeAll(async () => {
  t = await createTestPlatform();
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  admin = await userWith(t.platform, t.app, ['admin'], { all: true }, 'passadmin');
});
afterAll(() => t.close());

const later = (ms: number) => new Date(t.clock.now().getTime() + ms);

describe('passes', () => {
  let first: string;

  it('are compact JWS tokens that an outside verifier checks against our published keys', async () => {
    first = await signPass(t.platform, { typ: 'test.pass', sub: 'inbound_request:1' }, { validUntil: later(2 * HOUR) });
    expect(first.split('.')).toHaveLength(3);
    const outside = createRemoteJWKSet(new URL(`${base}/.well-known/jwks.json`));
    const { payload, protectedHeader } = await jwtVerify(first, outside, { issuer: 'jiayuan' });
    expect(payload).toMatchObject({ typ: 'test.pass', sub: 'inbound_request:1' });
    expect(protectedHeader.alg).toBe('EdDSA');
    expect(await verifyPass(t.platform, first, 'test.pass')).toMatchObject({ sub: 'inbound_request:1' });
  });

  it('still verify after a key rotation, while new ones are signed with the new key', async () => {
    const res = await admin.post('/api/passes/keys/rotate');
    expect(res.status).toBe(200);
    const second = await signPass(t.platform, { typ: 'test.pass', sub: 'inbound_request:2' }, { validUntil: later(HOUR) });
    const kidOf = (tok: string) => JSON.parse(Buffer.from(tok.split('.')[0]!, 'base64url').toString()).kid;
    expect(kidOf(second)).toBe(res.json.kid);
    expect(kidOf(first)).not.toBe(res.json.kid);
    const outside = createRemoteJWKSet(new URL(`${base}/.well-known/jwks.json`));
    for (const tok of [first, second]) expect((await jwtVerify(tok, outside)).payload.typ).toBe('test.pass');
    expect((await verifyPass(t.platform, first)).sub).toBe('inbound_request:1');
    const jwks = (await t.app.inject({ method: 'GET', url: '/.well-known/jwks.json' })).json();
    expect(jwks.keys.map((k: any) => k.kid)).toContain(kidOf(first));
    expect(jwks.keys.every((k: any) => k.kty === 'OKP' && k.crv === 'Ed25519' && !('d' in k))).toBe(true);
  });

  it('are refused once expired, when tampered with, or when of another kind', async () => {
    const tok = await signPass(t.platform, { typ: 'test.pass', sub: 'x:1' }, { validUntil: later(HOUR) });
    const [h, p, s] = tok.split('.');
    const forged = `${h}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p!, 'base64url').toString()), sub: 'x:2' })).toString('base64url')}.${s}`;
    await expect(verifyPass(t.platform, forged)).rejects.toMatchObject({ problem: 'bad_signature' });
    await expect(verifyPass(t.platform, tok, 'other.pass')).rejects.toMatchObject({ problem: 'bad_signature' });
    await expect(verifyPass(t.platform, 'not-a-token')).rejects.toBeInstanceOf(PassError);
    t.clock.advance(2 * HOUR);
    try {
      await expect(verifyPass(t.platform, tok)).rejects.toMatchObject({ problem: 'expired' });
    } finally {
      t.clock.advance(-2 * HOUR);
    }
  });

  it('keep their private keys only sealed in the database', async () => {
    const rows = await queryRows<{ private_key_enc: Buffer; public_jwk: unknown }>(t.platform.db, sql`SELECT private_key_enc, public_jwk FROM pass_keys`);
    expect(rows.length).toBe(2);
    for (const r of rows) {
      expect(Buffer.from(r.private_key_enc).toString('utf8')).not.toContain('"d"');
      expect(JSON.stringify(r.public_jwk)).not.toContain('"d"');
    }
  });

  it('rotate on schedule, and retired keys leave the key set once no pass of theirs can still be valid', async () => {
    expect(await rotateIfDue(t.platform)).toBe(false);
    t.clock.advance(31 * 86400000);
    expect(await rotateIfDue(t.platform)).toBe(true);
    t.clock.advance(MAX_PASS_VALIDITY_MS + 60000);
    const jwks = (await t.app.inject({ method: 'GET', url: '/.well-known/jwks.json' })).json();
    expect(jwks.keys).toHaveLength(1);
    await rotatePassKey(t.platform);
  });
});
