import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { countBeforePlural, I18NEXT_VALUE } from '@jiayuan/contracts';
import { resources } from '../../i18n-resources';

type Tree = { [k: string]: string | Tree };
const srcDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function leaves(t: Tree, prefix = ''): string[] {
  return Object.entries(t).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : leaves(v, `${prefix}${k}.`)));
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.tsx?$/.test(e.name) && !e.name.endsWith('.test.ts') ? [p] : [];
  });
}

describe('UI texts', () => {
  const zh = new Set(leaves(resources['zh-CN']));
  const en = new Set(leaves(resources['en-US']));

  it('exist in both Chinese and English', () => {
    expect([...zh].filter((k) => !en.has(k))).toEqual([]);
    expect([...en].filter((k) => !zh.has(k))).toEqual([]);
  });

  it('cover every key the pages ask for', () => {
    const used = new Set<string>();
    for (const f of sourceFiles(srcDir)) {
      const text = fs.readFileSync(f, 'utf8');
      for (const m of text.matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g)) used.add(m[1]!);
      for (const m of text.matchAll(/labelKey: '([a-zA-Z0-9_.]+)'/g)) used.add(m[1]!);
    }
    // A plural key is asked for by its base name (t('span.day', { count })): its _other form must exist.
    expect([...used].filter((k) => !zh.has(k) && !zh.has(`${k}_other`)).sort()).toEqual([]);
  });

  it('say "1 day" and "2 days" in English: a number before a plural noun is a plural key (_one/_other by count)', () => {
    // A number set in a text ({{n}}, {{count}}…) followed by a word in -s, e.g. "{{n}} days", reads
    // "1 days" for one; such a text is a plural key or says it another way ("Days: {{n}}"). Words
    // set in ({{name}} has…) and fractions ("{{done}} / {{total}} rows") are not counts of one.
    const WORDS_SET_IN = new Set(['name', 'what', 'team', 'place', 'reason', 'by', 'head', 'type', 'question', 'community', 'reference', 'slot']);
    const flat = (t: Tree, prefix = ''): [string, string][] =>
      Object.entries(t).flatMap(([k, v]) => (typeof v === 'string' ? [[`${prefix}${k}`, v] as [string, string]] : flat(v, `${prefix}${k}.`)));
    const wrong = flat(resources['en-US'] as Tree).filter(([key, text]) => {
      if (/\(s\)/.test(text)) return true;
      if (/_(one|other)$/.test(key)) return false;
      return countBeforePlural(text, I18NEXT_VALUE, WORDS_SET_IN);
    });
    expect(wrong).toEqual([]);
  });
});
