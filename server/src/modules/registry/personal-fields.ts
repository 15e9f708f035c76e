import { ageOn, maskIdNumber, maskPhone, normalizePhone, parseIdNumber, type IdType } from '@jiayuan/contracts';
import type { PersonalDataCipher } from '../../platform/crypto/personal-data.js';
import { ID_PROBLEM_TEXT, registryErrors } from './registry.errors.js';

export interface SealedIdentity {
  idNumberEnc: Buffer | null;
  idNumberBi: Buffer | null;
  birthDate: string | null;
  sex: 'male' | 'female' | null;
}

/** Validates an ID number for its type and seals it; a citizen ID also yields birth date and sex. */
export function sealIdNumber(cipher: PersonalDataCipher, idType: IdType, raw: string | null | undefined): SealedIdentity {
  const value = raw?.trim();
  if (!value) return { idNumberEnc: null, idNumberBi: null, birthDate: null, sex: null };
  if (idType === 'resident_id') {
    const parsed = parseIdNumber(value);
    if (!parsed.ok) {
      const t = ID_PROBLEM_TEXT[parsed.problem];
      throw registryErrors.REGISTRY_ID_NUMBER_INVALID({ problemZh: t.zh, problemEn: t.en }).onField('idNumber');
    }
    const id = parsed.value.normalized;
    return {
      idNumberEnc: cipher.encrypt('idNumber', id),
      idNumberBi: cipher.blindIndex('idNumber', id),
      birthDate: parsed.value.birthDate,
      sex: parsed.value.sex,
    };
  }
  const id = value.toUpperCase().replace(/\s+/g, '');
  return { idNumberEnc: cipher.encrypt('idNumber', id), idNumberBi: cipher.blindIndex('idNumber', `${idType}:${id}`), birthDate: null, sex: null };
}

export function sealPhone(cipher: PersonalDataCipher, raw: string | null | undefined) {
  const value = raw?.trim();
  if (!value) return { phoneEnc: null, phoneBi: null };
  const phone = normalizePhone(value);
  if (!phone) throw registryErrors.REGISTRY_PHONE_INVALID().onField('phone');
  return { phoneEnc: cipher.encrypt('phone', phone), phoneBi: cipher.blindIndex('phone', phone) };
}

export function maskedIdNumber(cipher: PersonalDataCipher, enc: Buffer | null): string | null {
  return enc ? maskIdNumber(cipher.decrypt('idNumber', enc)) : null;
}

export function maskedPhone(cipher: PersonalDataCipher, enc: Buffer | null): string | null {
  return enc ? maskPhone(cipher.decrypt('phone', enc)) : null;
}

/**
 * The birth date for those who may reveal the resident's numbers, the age for everyone: with the
 * last four digits of the mask, a birth date leaves only the region and three digits unknown.
 */
export function birthShown(mayReveal: boolean, birthDate: string | null, today: string): { birthDate: string | null; age: number | null } {
  return { birthDate: mayReveal ? birthDate : null, age: birthDate ? ageOn(birthDate, today) : null };
}
