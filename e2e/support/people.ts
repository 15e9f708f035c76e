import { idNumberCheckChar } from '../../contracts/src/id-number';

/** A valid 18-digit resident ID for a birth date and a serial (odd serial: male). */
export function idNumber(birth: string, serial: number): string {
  const first17 = `370502${birth.replace(/-/g, '')}${String(serial).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
}

/** The same number with a wrong check character. */
export function withBadChecksum(id: string): string {
  const good = id[17]!;
  const bad = '0123456789X'.split('').find((c) => c !== good)!;
  return id.slice(0, 17) + bad;
}
