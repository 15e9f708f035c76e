import { jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { bytea, createdAt } from '../db/columns.js';

/**
 * Ed25519 keys that sign passes (QR tokens). The newest unretired key signs; every key stays
 * published in the JWKS until `expires_at`, so tokens signed before a rotation still verify.
 * The private key exists here only sealed (AES-256-GCM) under the personal-data master key.
 */
export const passKeys = pgTable('pass_keys', {
  kid: text('kid').primaryKey(),
  alg: text('alg').notNull().default('EdDSA'),
  publicJwk: jsonb('public_jwk').$type<Record<string, string>>().notNull(),
  privateKeyEnc: bytea('private_key_enc').notNull(),
  createdAt: createdAt(),
  retiredAt: timestamp('retired_at', { withTimezone: true }),
  expiresAt: timestamp('expires_at', { withTimezone: true }),
});
