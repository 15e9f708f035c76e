import type { CategoryAttribute } from '@jiayuan/contracts';
import { describe, expect, it } from 'vitest';
import { checkAttributes, notLongerThan, requestRange } from './open311.validate.js';

const attr = (code: string, datatype: CategoryAttribute['datatype'], over: Partial<CategoryAttribute> = {}): CategoryAttribute => ({
  code,
  datatype,
  required: false,
  description: code,
  values: [],
  ...over,
});
const list = [
  { key: 'led', name: 'LED' },
  { key: 'sensor', name: '声控灯' },
];
const codeOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return `${(e as { code: string }).code} ${JSON.stringify((e as { params: unknown }).params)}`;
  }
  return null;
};

describe('Open311 attribute answers, checked by datatype', () => {
  it("take a single-value list's key, one of them only", () => {
    const defs = [attr('KIND', 'singlevaluelist', { values: list })];
    expect(checkAttributes(defs, { KIND: 'led' })).toEqual({ KIND: 'led' });
    expect(codeOf(() => checkAttributes(defs, { KIND: 'LED' }))).toContain('SD_OPEN311_ATTRIBUTE_INVALID');
    expect(codeOf(() => checkAttributes(defs, { KIND: ['led', 'sensor'] }))).toContain('只能填一个值');
  });

  it("take a multi-value list's keys, each once", () => {
    const defs = [attr('KINDS', 'multivaluelist', { values: list })];
    expect(checkAttributes(defs, { KINDS: ['led', 'sensor', 'led'] })).toEqual({ KINDS: ['led', 'sensor'] });
    expect(checkAttributes(defs, { KINDS: 'sensor' })).toEqual({ KINDS: ['sensor'] });
    expect(codeOf(() => checkAttributes(defs, { KINDS: ['led', 'halogen'] }))).toContain('不在可选值中');
  });

  it('take a number, an ISO 8601 time with its zone, one line for a string and up to 4,000 characters of text', () => {
    const defs = [attr('N', 'number'), attr('AT', 'datetime'), attr('S', 'string'), attr('T', 'text')];
    expect(checkAttributes(defs, { N: '-2.5', AT: '2026-12-07T08:00:00+08:00', S: '3号楼', T: '第一行\n第二行' })).toEqual({
      N: '-2.5',
      AT: '2026-12-07T08:00:00+08:00',
      S: '3号楼',
      T: '第一行\n第二行',
    });
    expect(codeOf(() => checkAttributes(defs, { N: '1e999' }))).toContain('不是数字');
    expect(codeOf(() => checkAttributes(defs, { N: '3楼' }))).toContain('不是数字');
    expect(codeOf(() => checkAttributes(defs, { AT: '2026-12-07 08:00' }))).toContain('不是有效的时间');
    expect(codeOf(() => checkAttributes(defs, { S: '一\n二' }))).toContain('不能换行');
    expect(codeOf(() => checkAttributes(defs, { S: 'x'.repeat(201) }))).toContain('太长');
    expect(checkAttributes(defs, { T: '字'.repeat(4000) }).T).toHaveLength(4000);
    expect(codeOf(() => checkAttributes(defs, { T: '字'.repeat(4001) }))).toContain('太长');
  });

  it('refuse a required answer that is missing or blank, and leave out codes the service does not define', () => {
    const defs = [attr('FLOOR', 'number', { required: true })];
    expect(codeOf(() => checkAttributes(defs, {}))).toBe('SD_OPEN311_ATTRIBUTE_REQUIRED {"code":"FLOOR"}');
    expect(codeOf(() => checkAttributes(defs, { FLOOR: '  ' }))).toBe('SD_OPEN311_ATTRIBUTE_REQUIRED {"code":"FLOOR"}');
    expect(checkAttributes(defs, { FLOOR: '3', OTHER: 'x' })).toEqual({ FLOOR: '3' });
  });
});

describe('the other limits of an Open311 request', () => {
  it('count characters, not bytes', () => {
    expect(notLongerThan('description', '灯'.repeat(4000), 4000)).toHaveLength(4000);
    expect(codeOf(() => notLongerThan('description', '灯'.repeat(4001), 4000))).toBe('SD_OPEN311_TOO_LONG {"field":"description","max":4000}');
  });

  it('list over the last 90 days by default, and over at most 90 days when asked', () => {
    const now = new Date('2026-12-07T00:00:00Z');
    expect(requestRange(now, undefined, undefined)).toEqual({ start: new Date('2026-09-08T00:00:00Z'), end: now });
    expect(requestRange(now, '2026-09-08T00:00:00Z', '2026-12-07T00:00:00Z').start).toEqual(new Date('2026-09-08T00:00:00Z'));
    expect(requestRange(now, undefined, '2026-01-31')).toEqual({ start: new Date('2025-11-02T00:00:00Z'), end: new Date('2026-01-31T00:00:00Z') });
    expect(codeOf(() => requestRange(now, '2026-09-07T23:59:59Z', '2026-12-07T00:00:00Z'))).toContain('SD_OPEN311_RANGE_TOO_LONG');
    expect(codeOf(() => requestRange(now, '2026-01-01T00:00:00Z', undefined))).toContain('SD_OPEN311_RANGE_TOO_LONG');
    expect(codeOf(() => requestRange(now, '2026-12-07T00:00:00Z', '2026-12-06T00:00:00Z'))).toContain('SD_OPEN311_RANGE_TOO_LONG');
    expect(codeOf(() => requestRange(now, '2026-12-01T00:00:00', undefined))).toBe('SD_OPEN311_DATE_INVALID {"field":"start_date"}');
  });
});
