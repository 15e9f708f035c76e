import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { countBeforePlural, MESSAGE_VALUE } from '@jiayuan/contracts';
import { describe, expect, it } from 'vitest';

const serverSrc = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function errorFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? errorFiles(p) : e.name.endsWith('.errors.ts') || e.name === 'common-errors.ts' ? [p] : [];
  });
}

describe('error messages in English', () => {
  it('never put a count that may be 1 before a plural noun ("locked for 1 more minutes"): they say it another way', () => {
    // A limit ({max}) is a fixed number above one; other numbers set in may be 1.
    const SET_IN_NOT_COUNTS = new Set(['max', 'field', 'code', 'date', 'year', 'round', 'reasonEn', 'name', 'place']);
    const files = errorFiles(serverSrc);
    expect(files.length).toBeGreaterThan(10);
    const wrong: string[] = [];
    for (const f of files) {
      for (const [, en] of fs.readFileSync(f, 'utf8').matchAll(/\ben:\s*'((?:[^'\\]|\\.)*)'/g)) {
        if (countBeforePlural(en!, MESSAGE_VALUE, SET_IN_NOT_COUNTS)) wrong.push(`${path.relative(serverSrc, f)}: ${en}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
