import { describe, expect, it } from 'vitest';
import { normalizeText, text } from './text.js';

describe('a text as typed', () => {
  it('is composed (NFC), trimmed, and loses control and invisible characters', () => {
    expect(normalizeText('  Jose\u0301  ')).toBe('José');
    expect(normalizeText('张\u200b三\u200d')).toBe('张三');
    expect(normalizeText('\ufeff李\u202e四\u2066')).toBe('李四');
    expect(normalizeText('王\u0000五\u0007\u001b\u007f\u0085\u00ad')).toBe('王五');
    expect(normalizeText('\ud800赵六')).toBe('赵六');
    expect(normalizeText('\u3000孙七\u3000')).toBe('孙七');
  });

  it('turns line breaks and tabs into spaces on one line, and keeps them (as \\n) in a multi-line text', () => {
    expect(normalizeText('一\t二\r\n三')).toBe('一 二  三');
    expect(normalizeText('第一行\r\n第二行\r第三行\u2028第四行\t完', true)).toBe('第一行\n第二行\n第三行\n第四行\t完');
    expect(normalizeText('\n\n  说明\u200b\n\n', true)).toBe('说明');
  });
});

describe('a text input', () => {
  it('is stored normalised', () => {
    expect(text(40).parse(' 张\u200b三 ')).toBe('张三');
  });

  it('is refused when nothing is left once invisible characters and spaces are gone', () => {
    for (const blank of ['', '   ', '\u200b\u200c\u200d\ufeff', '\u0000\u0001\u001f', '\u202e\u2066 \u3000']) {
      const r = text(40).safeParse(blank);
      expect(r.success).toBe(false);
      expect(r.error!.issues).toEqual([expect.objectContaining({ code: 'custom', params: { textEmpty: true } })]);
    }
  });

  it('counts its length after normalising, and an optional text may be empty', () => {
    expect(text(3).safeParse('一二三\u200b\u200b').success).toBe(true);
    expect(text(3).safeParse('一二三四').success).toBe(false);
    expect(text(200, { min: 2 }).safeParse('一\u200b').success).toBe(false);
    expect(text(200, { min: 0 }).parse('\u200b')).toBe('');
  });
});
