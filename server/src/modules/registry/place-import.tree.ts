import { PLACE_CHILDREN, type PlaceType } from '@jiayuan/contracts';
import type { Actor } from '../../platform/access/actor.js';
import { inPlaceScope } from '../../platform/access/actor.js';
import { copyLine } from '../../platform/db/copy-format.js';
import type { RowError } from '../../platform/imports/importer.js';
import { MAX_PLACE_NAME, PLACE_IMPORT_COLUMNS, SKIPPABLE_LEVELS } from './place-import.columns.js';
import { placeKey } from './resident-import.columns.js';

/** A place already on file, as the import needs it. */
export interface ExistingPlace {
  id: number;
  parentId: number | null;
  type: string;
  name: string;
  path: string;
  depth: number;
}

interface TreeNode {
  type: PlaceType;
  depth: number;
  /** An existing place's id and path; a new place's number in the job (`ref`). */
  id: number | null;
  path: string | null;
  ref: number | null;
  children: Map<string, TreeNode> | null;
  /** The sort order the next new child gets: after the children already there. */
  nextSort: number;
}

/** Columns of the staging table, in the order `stagingLine` writes them. */
export const PLACE_STAGING_COLUMNS = ['job_id', 'ref', 'row_no', 'parent_id', 'parent_ref', 'type', 'name', 'depth', 'sort_order'];

const LEVELS = PLACE_IMPORT_COLUMNS.map((c) => c.type);
const COLUMN_ZH = PLACE_IMPORT_COLUMNS.map((c) => c.zh);

/**
 * Grows the place tree row by row, in memory, over the places already on file: every row names
 * one path from its centre down; places met before (on file, or earlier in the workbook) are
 * reused, by name under the same parent ("3号楼" and "3" are one building); the others become
 * staging lines, each new place once. A row with a problem adds nothing, so the rows that pass
 * can be imported on their own. No database access.
 */
export class PlaceTreeBuilder {
  private readonly roots = new Map<string, TreeNode>();
  private readonly defaultCentre: { name: string } | { node: TreeNode } | { error: string };
  private nextRef = 1;
  /** Staging lines not yet taken by `takeLines`. */
  private lines: string[] = [];

  constructor(
    private readonly jobId: number,
    private readonly actor: Actor,
    existing: Iterable<ExistingPlace>,
    /** The centre rows without one go under, when the installation has none yet (from the upload form). */
    centreName: string | null,
  ) {
    const byId = new Map<number, TreeNode>();
    for (const p of existing) {
      const node: TreeNode = { type: p.type as PlaceType, depth: p.depth, id: p.id, path: p.path, ref: null, children: null, nextSort: 0 };
      byId.set(p.id, node);
      const parent = p.parentId === null ? null : byId.get(p.parentId);
      if (p.parentId === null) this.roots.set(placeKey(p.name), node);
      else if (parent) this.attach(parent, p.name, node);
    }
    const visibleCentres = [...this.roots.values()].filter((n) => n.type === 'center' && this.visible(n));
    if (centreName) this.defaultCentre = { name: centreName };
    else if (visibleCentres.length === 1) this.defaultCentre = { node: visibleCentres[0]! };
    else this.defaultCentre = { error: visibleCentres.length === 0 ? 'ROW_PLACE_CENTER_MISSING' : 'ROW_PLACE_CENTER_AMBIGUOUS' };
  }

  /** How many new places the rows so far add. */
  get created(): number {
    return this.nextRef - 1;
  }

  /** The staging lines made since the last call. */
  takeLines(): string[] {
    const out = this.lines;
    this.lines = [];
    return out;
  }

  /** Takes one row (cells in the template's column order); returns its problems, or null when it was added. */
  addRow(rowNo: number, cells: readonly string[]): RowError[] | null {
    const errors: RowError[] = [];
    const problem = (level: number, code: string, value: string | null = cells[level] || null) =>
      errors.push({ rowNo, column: COLUMN_ZH[level]!, code, value });
    let last = 0;
    cells.forEach((c, i) => {
      if (c !== '') last = i;
      if (c.length > MAX_PLACE_NAME) problem(i, 'ROW_PLACE_NAME_TOO_LONG', `${c.slice(0, 20)}…`);
    });
    for (let i = 1; i < last; i++) if (cells[i] === '' && !SKIPPABLE_LEVELS.has(LEVELS[i]!)) problem(i, 'ROW_PLACE_LEVEL_MISSING', null);
    if (errors.length > 0) return errors;

    // The centre: named in the row, or the installation's own.
    let centreName = cells[0]!;
    let node: TreeNode | undefined;
    if (centreName === '') {
      const d = this.defaultCentre;
      if ('error' in d) return [{ rowNo, column: COLUMN_ZH[0]!, code: d.error, value: null }];
      if ('node' in d) node = d.node;
      else centreName = d.name;
    }
    node ??= this.roots.get(placeKey(centreName));
    if (node && (node.type !== 'center' || !this.visible(node))) {
      return [{ rowNo, column: COLUMN_ZH[0]!, code: node.type !== 'center' ? 'ROW_PLACE_TYPE_CONFLICT' : 'ROW_PLACE_OUT_OF_SCOPE', value: centreName }];
    }
    if (!node && !this.actor.scope.all) return [{ rowNo, column: COLUMN_ZH[0]!, code: 'ROW_PLACE_OUT_OF_SCOPE', value: centreName }];

    // Walk down over what exists; the first missing level starts the new part of the path.
    const fresh: { level: number; name: string }[] = node ? [] : [{ level: 0, name: centreName }];
    let type: PlaceType = 'center';
    for (let i = 1; i <= last; i++) {
      const name = cells[i]!;
      if (name === '') continue;
      const level = LEVELS[i]!;
      if (!PLACE_CHILDREN[type].includes(level)) return [{ rowNo, column: COLUMN_ZH[i]!, code: 'ROW_PLACE_TYPE_NOT_ALLOWED', value: name }];
      type = level;
      if (fresh.length > 0) {
        fresh.push({ level: i, name });
        continue;
      }
      const child = node!.children?.get(placeKey(name));
      if (!child) {
        if (node!.id !== null && !this.mayAddUnder(node!)) return [{ rowNo, column: COLUMN_ZH[i]!, code: 'ROW_PLACE_OUT_OF_SCOPE', value: name }];
        fresh.push({ level: i, name });
        continue;
      }
      if (child.type !== level) return [{ rowNo, column: COLUMN_ZH[i]!, code: 'ROW_PLACE_TYPE_CONFLICT', value: name }];
      if (child.id !== null && !this.visible(child)) return [{ rowNo, column: COLUMN_ZH[i]!, code: 'ROW_PLACE_OUT_OF_SCOPE', value: name }];
      node = child;
    }

    let parent = node ?? null;
    for (const f of fresh) {
      const ref = this.nextRef++;
      const created: TreeNode = { type: LEVELS[f.level]!, depth: parent ? parent.depth + 1 : 0, id: null, path: null, ref, children: null, nextSort: 0 };
      this.lines.push(
        copyLine([
          this.jobId,
          ref,
          rowNo,
          parent?.id ?? null,
          parent?.ref ?? null,
          created.type,
          f.name,
          created.depth,
          parent ? parent.nextSort : this.roots.size,
        ]),
      );
      if (parent) this.attach(parent, f.name, created);
      else this.roots.set(placeKey(f.name), created);
      parent = created;
    }
    return null;
  }

  private attach(parent: TreeNode, name: string, child: TreeNode) {
    (parent.children ??= new Map()).set(placeKey(name), child);
    parent.nextSort++;
  }

  /** An existing place the actor may name: inside their scope, or above it (their centre, their department). */
  private visible(n: TreeNode): boolean {
    if (n.id === null) return true; // made by an earlier row of this file
    if (inPlaceScope(this.actor, n.path)) return true;
    return this.actor.scope.places.some((s) => s.path.startsWith(n.path!));
  }

  /** May the actor add places under this existing one (the same rule as adding one by hand)? */
  private mayAddUnder(n: TreeNode): boolean {
    return inPlaceScope(this.actor, n.path) && PLACE_CHILDREN[n.type].length > 0;
  }
}
