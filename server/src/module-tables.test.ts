import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * No module reads another module's tables: each module's tables (drizzle `pgTable` names in its
 * `*.schema.ts` / `*.table.ts`) may be named only by that module's own code; the identity
 * tables only by platform/auth, the audit log only by platform/audit. Other code calls the
 * owner's exported functions (registry's typed reads, platform/auth's `userNames`…).
 */

const SRC = path.dirname(fileURLToPath(import.meta.url));

interface Table {
  sqlName: string;
  constName: string;
  owner: string;
}

/** The owners whose tables are checked: every module, and the platform pieces that keep tables nobody else may name. */
function owners(): string[] {
  const modules = fs
    .readdirSync(path.join(SRC, 'modules'), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => `modules/${d.name}`);
  return [...modules, 'platform/auth', 'platform/audit'];
}

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...filesUnder(p));
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

const rel = (file: string) => path.relative(SRC, file).split(path.sep).join('/');

function tablesOf(owner: string): Table[] {
  const out: Table[] = [];
  for (const file of filesUnder(path.join(SRC, owner))) {
    if (!/\.(schema|table)\.ts$/.test(file)) continue;
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(/export const (\w+)\s*=\s*pgTable\(\s*'([a-z0-9_]+)'/g)) out.push({ constName: m[1]!, sqlName: m[2]!, owner });
  }
  return out;
}

/** The code without comments, so prose ("read from residents") is not taken for SQL. */
function stripComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

/** Where `code` (of a file at `file`) names one of `tables`: in SQL text, or by importing its drizzle table. */
export function tableUses(file: string, code: string, tables: readonly Table[]): string[] {
  const text = stripComments(code);
  const found: string[] = [];
  for (const t of tables) {
    const inSql = new RegExp(`\\b(from|join|into|update|table)\\s+"?${t.sqlName}"?(?![\\w.'(])`, 'i');
    if (inSql.test(text)) found.push(`${t.owner}:${t.sqlName} (SQL)`);
  }
  // A drizzle table imported from its owner's folder (its index re-exporting it counts too).
  for (const m of text.matchAll(/import\s+(?:type\s+)?\{([^}]*)\}\s+from\s+'([^']+)'/g)) {
    if (!m[2]!.startsWith('.')) continue;
    const target = rel(path.resolve(path.dirname(file), m[2]!));
    const names = m[1]!.split(',').map((s) =>
      s
        .trim()
        .split(/\s+as\s+/)[0]!
        .replace(/^type\s+/, ''),
    );
    for (const t of tables) {
      if ((target === t.owner || target.startsWith(`${t.owner}/`)) && names.includes(t.constName)) found.push(`${t.owner}:${t.sqlName} (import)`);
    }
  }
  return found;
}

describe('module boundaries in the data', () => {
  const all = owners().flatMap(tablesOf);

  it("finds each owner's tables (the check would see nothing otherwise)", () => {
    const names = new Set(all.map((t) => `${t.owner}:${t.sqlName}`));
    for (const n of [
      'modules/registry:residents',
      'modules/registry:households',
      'modules/registry:grid_buildings',
      'modules/access:gate_events',
      'modules/screening:screening_visits',
      'platform/auth:users',
      'platform/auth:api_tokens',
      'platform/audit:audit_log',
    ]) {
      expect(names, n).toContain(n);
    }
  });

  it('flags SQL and imports naming another owner’s table, and not prose or look-alike names', () => {
    const residents = all.filter((t) => t.sqlName === 'residents' || t.sqlName === 'users');
    const at = path.join(SRC, 'modules/screening/x.repository.ts');
    expect(tableUses(at, 'sql`SELECT id FROM residents WHERE id = 1`', residents)).toEqual(['modules/registry:residents (SQL)']);
    expect(tableUses(at, 'sql`SELECT 1 FROM x LEFT JOIN users u ON u.id = x.user_id`', residents)).toEqual(['platform/auth:users (SQL)']);
    expect(tableUses(at, "import { residents } from '../registry/registry.schema.js';", residents)).toEqual(['modules/registry:residents (import)']);
    expect(tableUses(at, "import { users } from '../../platform/auth/identity.schema.js';", residents)).toEqual(['platform/auth:users (import)']);
    expect(tableUses(at, '// read from residents\nconst residentsCount = 1; /* join users later */', residents)).toEqual([]);
    expect(tableUses(at, "sql`SELECT 1 FROM residents_archive`; const x = 'from users.';", residents)).toEqual([]);
  });

  it('no code names a table of another module, and only platform/auth and platform/audit name theirs', () => {
    const problems: string[] = [];
    for (const file of [...filesUnder(path.join(SRC, 'modules')), ...filesUnder(path.join(SRC, 'platform'))]) {
      const where = rel(file);
      const others = all.filter((t) => !(where === t.owner || where.startsWith(`${t.owner}/`)));
      for (const use of tableUses(file, fs.readFileSync(file, 'utf8'), others)) problems.push(`${where} names ${use}`);
    }
    expect(problems).toEqual([]);
  });
});
