import { describe, expect, it } from 'vitest';
import { ageOn, idNumberCheckChar, maskIdNumber, maskPhone, normalizePhone, parseIdNumber } from './id-number.js';

describe('citizen ID numbers (GB 11643)', () => {
  it('accepts the standard example and derives birth date and sex', () => {
    const r = parseIdNumber('11010519491231002X');
    expect(r).toEqual({ ok: true, value: { normalized: '11010519491231002X', birthDate: '1949-12-31', sex: 'female' } });
  });

  it('accepts a lower-case x and spaces', () => {
    const r = parseIdNumber(' 11010519491231002x ');
    expect(r.ok && r.value.normalized).toBe('11010519491231002X');
  });

  it('computes the check character for every position of the MOD 11-2 table', () => {
    expect(idNumberCheckChar('11010519491231002')).toBe('X');
    // Worked by hand: weighted sum 268, 268 mod 11 = 4 → '8'.
    expect(idNumberCheckChar('44030419900307503')).toBe('8');
  });

  it('rejects a wrong check digit', () => {
    expect(parseIdNumber('110105194912310021')).toEqual({ ok: false, problem: 'checksum' });
  });

  it('rejects impossible birth dates, unknown provinces and bad formats', () => {
    const withCheck = (first17: string) => first17 + idNumberCheckChar(first17);
    expect(parseIdNumber(withCheck('11010519490230002'))).toEqual({ ok: false, problem: 'birthDate' });
    expect(parseIdNumber(withCheck('01010519491231002'))).toEqual({ ok: false, problem: 'region' });
    expect(parseIdNumber('1101051949123100')).toEqual({ ok: false, problem: 'format' });
    expect(parseIdNumber('11010519491231002Y')).toEqual({ ok: false, problem: 'format' });
  });

  it('derives male from an odd sequence digit', () => {
    const first17 = '37050219800101123';
    const r = parseIdNumber(first17 + idNumberCheckChar(first17));
    expect(r.ok && r.value.sex).toBe('male');
  });

  it('masks to the last four characters only: no region code, no birth date, no prefix', () => {
    expect(maskIdNumber('370502198001011237')).toBe('**************1237');
    expect(maskPhone('13800138000')).toBe('*******8000');
    // A short passport number keeps nothing a guess could build on.
    expect(maskIdNumber('E1234567')).toBe('********');
    expect(maskIdNumber('E12345678')).toBe('*****5678');
  });

  it('counts an age in full years, the birthday itself included', () => {
    expect(ageOn('1980-03-01', '2026-02-28')).toBe(45);
    expect(ageOn('1980-03-01', '2026-03-01')).toBe(46);
    expect(ageOn('2000-02-29', '2025-02-28')).toBe(24);
    expect(ageOn('2000-02-29', '2025-03-01')).toBe(25);
    expect(ageOn('2026-01-01', '2026-01-01')).toBe(0);
  });
});

describe('mobile numbers', () => {
  it('keeps 11 digits and drops a +86 prefix', () => {
    expect(normalizePhone('138 0013 8000')).toBe('13800138000');
    expect(normalizePhone('+8613800138000')).toBe('13800138000');
    expect(normalizePhone('8613800138000')).toBe('13800138000');
  });
  it('rejects landlines and short numbers', () => {
    expect(normalizePhone('0546-8888888')).toBeNull();
    expect(normalizePhone('1380013800')).toBeNull();
    expect(normalizePhone('12800138000')).toBeNull();
  });
});
