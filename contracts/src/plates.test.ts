import { describe, expect, it } from 'vitest';
import { parsePlate } from './plates.js';

describe('vehicle plates', () => {
  it('accepts ordinary plates, with or without the separator dot', () => {
    expect(parsePlate('鲁E12345')).toEqual({ ok: true, plate: '鲁E12345', kind: 'ordinary' });
    expect(parsePlate('鲁e·a8k23')).toEqual({ ok: true, plate: '鲁EA8K23', kind: 'ordinary' });
    expect(parsePlate('京A 1234学')).toEqual({ ok: true, plate: '京A1234学', kind: 'ordinary' });
  });

  it('accepts small and large new-energy plates', () => {
    expect(parsePlate('鲁ED12345')).toEqual({ ok: true, plate: '鲁ED12345', kind: 'new_energy' });
    expect(parsePlate('粤BFA1234')).toEqual({ ok: true, plate: '粤BFA1234', kind: 'new_energy' });
    // After the D/F letter a letter or digit, then four digits only.
    expect(parsePlate('粤BF1A234').ok).toBe(false);
    expect(parsePlate('沪A12345D')).toEqual({ ok: true, plate: '沪A12345D', kind: 'new_energy' });
  });

  it('refuses I and O, unknown provinces and wrong lengths', () => {
    expect(parsePlate('鲁I12345').ok).toBe(false);
    expect(parsePlate('鲁E1234O').ok).toBe(false);
    expect(parsePlate('港E12345').ok).toBe(false);
    expect(parsePlate('鲁E1234').ok).toBe(false);
    expect(parsePlate('鲁ED123').ok).toBe(false);
    expect(parsePlate('鲁EZ12345').ok).toBe(false);
  });
});
