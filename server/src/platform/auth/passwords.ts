import crypto from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { authErrors } from './auth.errors.js';

// OWASP's argon2id baseline: 19 MiB, 2 iterations, 1 lane.
const ARGON2ID = 2; // Algorithm.Argon2id (a const enum, not importable under isolatedModules)
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | null = null;
/** Spends the same time as a real check, so a wrong username is not faster than a wrong password. */
export async function burnPasswordCheck(password: string) {
  dummy ??= hashPassword(crypto.randomBytes(16).toString('hex'));
  await verifyPassword(await dummy, password);
}

export function assertStrongPassword(password: string) {
  if (password.length < 10 || !/[a-zA-Z]/.test(password) || !/\d/.test(password)) throw authErrors.AUTH_PASSWORD_WEAK();
}

const ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
/** A readable random password (no 0/O, 1/l/I) with at least one letter and one digit. */
export function generatePassword(length = 14): string {
  for (;;) {
    let s = '';
    for (let i = 0; i < length; i++) s += ALPHABET[crypto.randomInt(ALPHABET.length)];
    if (/\d/.test(s) && /[a-zA-Z]/.test(s)) return s;
  }
}

export function sha256Hex(s: string): string {
  return crypto.createHash('sha256').update(s).digest('hex');
}

export function randomToken(bytes = 32): string {
  return crypto.randomBytes(bytes).toString('base64url');
}
