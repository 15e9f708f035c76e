import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Which field a value belongs to; bound into the ciphertext so values can't be swapped.
 * `passKey` seals the private signing keys of passes (platform/passes) under the same master key;
 * `caseNote` seals the source note of a containment case (health data).
 */
export type PersonalField = 'idNumber' | 'phone' | 'passKey' | 'caseNote';

const VERSION = 1;
const AAD: Record<PersonalField, Buffer> = {
  idNumber: Buffer.from('idNumber'),
  phone: Buffer.from('phone'),
  passKey: Buffer.from('passKey'),
  caseNote: Buffer.from('caseNote'),
};
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Encrypts ID and phone numbers (AES-256-GCM) and computes their blind index (HMAC-SHA256,
 * truncated to 16 bytes) from subkeys derived from one master key. Plaintext never reaches
 * the database or a log.
 */
export class PersonalDataCipher {
  private readonly encKey: Buffer;
  private readonly indexKey: Buffer;

  constructor(private readonly masterKey: Buffer) {
    if (masterKey.length !== 32) throw new Error('master key must be 32 bytes');
    this.encKey = Buffer.from(crypto.hkdfSync('sha256', masterKey, Buffer.alloc(0), 'jiayuan personal-data enc v1', 32));
    this.indexKey = Buffer.from(crypto.hkdfSync('sha256', masterKey, Buffer.alloc(0), 'jiayuan personal-data index v1', 32));
  }

  private ivPool = Buffer.alloc(0);
  private ivOffset = 0;

  /** Random 96-bit IVs, drawn from a pooled buffer: one syscall per 4,096 encryptions. */
  private nextIv(): Buffer {
    if (this.ivOffset + IV_BYTES > this.ivPool.length) {
      this.ivPool = crypto.randomBytes(IV_BYTES * 4096);
      this.ivOffset = 0;
    }
    const iv = this.ivPool.subarray(this.ivOffset, this.ivOffset + IV_BYTES);
    this.ivOffset += IV_BYTES;
    return iv;
  }

  encrypt(field: PersonalField, plaintext: string): Buffer {
    const iv = this.nextIv();
    const cipher = crypto.createCipheriv('aes-256-gcm', this.encKey, iv);
    cipher.setAAD(AAD[field]);
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]);
  }

  decrypt(field: PersonalField, sealed: Buffer): string {
    if (sealed[0] !== VERSION) throw new Error('unknown ciphertext version');
    const iv = sealed.subarray(1, 1 + IV_BYTES);
    const tag = sealed.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
    const decipher = crypto.createDecipheriv('aes-256-gcm', this.encKey, iv);
    decipher.setAAD(AAD[field]);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(sealed.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  }

  /** The key, for a worker thread of this process to build its own cipher. Never send it elsewhere. */
  keyForWorker(): Uint8Array {
    return new Uint8Array(this.masterKey);
  }

  /** Deterministic keyed hash of a normalised value, for exact lookup and uniqueness. */
  blindIndex(field: PersonalField, normalized: string): Buffer {
    return crypto.createHmac('sha256', this.indexKey).update(field).update('\0').update(normalized).digest().subarray(0, 16);
  }
}

/**
 * The master key: JIAYUAN_SECRET_KEY when set; otherwise a key file under the data folder,
 * created on first start (mode 0600) for the embedded default.
 */
export function loadMasterKey(secretKey: string | null, dataDir: string): Buffer {
  if (secretKey) return Buffer.from(secretKey, 'base64');
  const file = path.join(dataDir, 'secret.key');
  if (fs.existsSync(file)) {
    const key = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
    if (key.length !== 32) throw new Error(`${file} does not hold a 32-byte base64 key`);
    return key;
  }
  fs.mkdirSync(dataDir, { recursive: true });
  const key = crypto.randomBytes(32);
  fs.writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  return key;
}
