/**
 * Chinese motor-vehicle plates (GA 36): a province character, the issuing office's letter,
 * then five characters for an ordinary plate, or six for a new-energy plate. Letters I and O
 * are never used. Shared by server and web so both accept the same plates.
 */
const PROVINCES = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼';
const L = 'A-HJ-NP-Z';

const ORDINARY = new RegExp(`^[${PROVINCES}][${L}][${L}0-9]{4}[${L}0-9挂学警港澳]$`);
/** Small new-energy cars: the third character marks electric (D, A–E) or other (F, F–K). */
const NEW_ENERGY_SMALL = new RegExp(`^[${PROVINCES}][${L}][A-HJK][${L}0-9][0-9]{4}$`);
/** Large new-energy vehicles: five digits then D or F. */
const NEW_ENERGY_LARGE = new RegExp(`^[${PROVINCES}][${L}][0-9]{5}[DF]$`);

export type PlateKind = 'ordinary' | 'new_energy';

/** Upper-cases, drops spaces, dots and dashes (`鲁E·12345` → `鲁E12345`). */
export function normalizePlate(raw: string): string {
  return raw
    .normalize('NFKC')
    .replace(/[\s·.\-•]/g, '')
    .toUpperCase();
}

export function parsePlate(raw: string): { ok: true; plate: string; kind: PlateKind } | { ok: false } {
  const plate = normalizePlate(raw);
  if (plate.length === 8 && (NEW_ENERGY_SMALL.test(plate) || NEW_ENERGY_LARGE.test(plate))) return { ok: true, plate, kind: 'new_energy' };
  if (plate.length === 7 && ORDINARY.test(plate)) return { ok: true, plate, kind: 'ordinary' };
  return { ok: false };
}
