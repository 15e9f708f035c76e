import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { resources } from '../../i18n-resources';

type Tree = { [k: string]: string | Tree };
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

function entries(t: Tree, prefix = ''): [string, string][] {
  return Object.entries(t).flatMap(([k, v]) => (typeof v === 'string' ? [[`${prefix}${k}`, v] as [string, string]] : entries(v, `${prefix}${k}.`)));
}

/**
 * The users' words (docs/glossary.md, "Words the UI uses"): each banned variant with the term that
 * replaces it. A variant is found in any zh-CN text, unless the text holds the right term around it.
 */
const BANNED: { variant: RegExp; use: string; only?: RegExp }[] = [
  { variant: /社区审核/, use: '居委会审核' },
  { variant: /服务站/, use: '协调站 (the station, as in the data and the seed)' },
  { variant: /卫生人员/, use: '医务人员' },
  { variant: /港澳通行证/, use: '港澳居民来往内地通行证 (the permit residents from Hong Kong and Macao hold)' },
  { variant: /临时通行证/, use: '车辆通行证' },
  { variant: /出入票/, use: '出入通行门票' },
  { variant: /已受理/, use: '待受理 / 已登记 (受理 is 接单: it stops the 受理时限)' },
  // The service desk's 办结 is met at 处理完成 (its 办结时限); the order is 已结案 after the callback.
  { variant: /已办结(?!待回访)|直到办结/, use: '已结案 after the callback; 已办结待回访 at 处理完成', only: /^(sd\.|servicedesk\/)/ },
  { variant: /未办结/, use: '未结案' },
];

/** Role names name people, not organisations. */
const ROLE_NAMES_ARE_PEOPLE = /(人员|员|者|民)$/;

describe('zh-CN words', () => {
  const zh = entries(resources['zh-CN'] as Tree);

  it('use the glossary term, never a banned variant', () => {
    const found = zh.flatMap(([key, text]) =>
      BANNED.filter((b) => b.variant.test(text) && (!b.only || b.only.test(key))).map((b) => `${key}: “${text}” → ${b.use}`),
    );
    expect(found).toEqual([]);
  });

  it('name every role after the people who hold it', () => {
    const roles = zh.filter(([key]) => key.startsWith('codes.role.'));
    expect(roles.length).toBe(11);
    expect(roles.filter(([, name]) => !ROLE_NAMES_ARE_PEOPLE.test(name))).toEqual([]);
  });

  it('name the vehicle pass the same way in both languages', () => {
    const en = Object.fromEntries(entries(resources['en-US'] as Tree));
    const zhMap = Object.fromEntries(zh);
    expect([zhMap['access.kind.vehicle_pass'], en['access.kind.vehicle_pass']]).toEqual(['车辆通行证', 'Vehicle pass']);
    expect([zhMap['access.kind.entry_ticket'], en['access.kind.entry_ticket']]).toEqual(['出入通行门票', 'Household entry ticket']);
  });

  it('are the same words in the server’s own Chinese texts (errors, notices, exports, seeds)', () => {
    const files = (dir: string): string[] =>
      fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) return e.name === 'node_modules' || e.name === 'dist' ? [] : files(p);
        return /\.tsx?$/.test(e.name) && !e.name.endsWith('.test.ts') ? [p] : [];
      });
    const found: string[] = [];
    for (const f of files(path.join(root, 'server/src'))) {
      const lines = fs.readFileSync(f, 'utf8').split('\n');
      lines.forEach((line, i) => {
        // The import still reads the old names people type into a workbook's 证件类型 column.
        if (f.endsWith('resident-import.columns.ts') && line.includes("港澳通行证: 'hkmo_permit'")) return;
        // The place-tree import reads a 服务站 column header as the station's.
        if (f.endsWith('place-import.columns.ts') && line.includes("aliases: ['服务站']")) return;
        for (const b of BANNED)
          if (b.variant.test(line) && (!b.only || b.only.test(path.relative(path.join(root, 'server/src/modules'), f))))
            found.push(`${path.relative(root, f)}:${i + 1}: ${line.trim()} → ${b.use}`);
      });
    }
    expect(found).toEqual([]);
  });
});
