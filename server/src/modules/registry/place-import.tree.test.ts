import { permissionsOf } from '@jiayuan/contracts';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/access/actor.js';
import { PlaceTreeBuilder, type ExistingPlace } from './place-import.tree.js';

/** centre 1 → department 2 → communities 3 and 4; community 3 → compound 5 → building 6. */
const EXISTING: ExistingPlace[] = [
  { id: 1, parentId: null, type: 'center', name: '中心', path: '1.', depth: 0 },
  { id: 2, parentId: 1, type: 'department', name: '协调部', path: '1.2.', depth: 1 },
  { id: 3, parentId: 2, type: 'community', name: '甲社区', path: '1.2.3.', depth: 2 },
  { id: 4, parentId: 2, type: 'community', name: '乙社区', path: '1.2.4.', depth: 2 },
  { id: 5, parentId: 3, type: 'compound', name: '建工小区', path: '1.2.3.5.', depth: 3 },
  { id: 6, parentId: 5, type: 'building', name: '3号楼', path: '1.2.3.5.6.', depth: 4 },
];

function actor(scope: Actor['scope']): Actor {
  return {
    kind: 'user',
    userId: 1,
    tokenId: null,
    name: 't',
    roles: ['admin'],
    permissions: permissionsOf(['admin']),
    scope,
    residentId: null,
    householdId: null,
  };
}
const everything = actor({ all: true, places: [], employerIds: [] });
const communityA = actor({ all: false, places: [{ id: 3, path: '1.2.3.' }], employerIds: [] });

/** Cells in the template's order: centre, department, community, station, compound, building, stairwell, dwelling. */
const row = (...cells: string[]) => [...cells, ...Array(8 - cells.length).fill('')];
/** The staging lines as [ref, parent_id, parent_ref, type, name, depth]. */
const staged = (b: PlaceTreeBuilder) =>
  b.takeLines().map((l) => {
    const f = l.trimEnd().split('\t');
    return [f[1], f[3], f[4], f[5], f[6], f[7]];
  });

describe('growing the place tree from rows', () => {
  it('reuses what exists by name ("3" is 3号楼) and makes each new place once, children pointing at their new parent', () => {
    const b = new PlaceTreeBuilder(9, everything, EXISTING, null);
    expect(b.addRow(2, row('', '协调部', '甲社区', '', '建工小区', '3', '1单元', '101'))).toBeNull();
    expect(b.addRow(3, row('', '协调部', '甲社区', '', '建工小区', '3号楼', '1单元', '102'))).toBeNull();
    expect(b.addRow(4, row('中心', '协调部', '甲社区', '', '建工小区', '3号楼', '1单元', '102'))).toBeNull();
    expect(staged(b)).toEqual([
      ['1', '6', '\\N', 'stairwell', '1单元', '5'],
      ['2', '\\N', '1', 'dwelling', '101', '6'],
      ['3', '\\N', '1', 'dwelling', '102', '6'],
    ]);
    expect(b.created).toBe(3);
  });

  it('lets only the station be skipped, and names every empty level above a filled one', () => {
    const b = new PlaceTreeBuilder(9, everything, EXISTING, null);
    expect(b.addRow(2, row('', '协调部', '甲社区', '协调站', '新小区'))).toBeNull();
    expect(b.addRow(3, row('', '', '甲社区', '', '', '5号楼'))?.map((e) => [e.column, e.code])).toEqual([
      ['协调部', 'ROW_PLACE_LEVEL_MISSING'],
      ['小区', 'ROW_PLACE_LEVEL_MISSING'],
    ]);
    expect(staged(b).map((l) => l[3])).toEqual(['station', 'compound']);
  });

  it('keeps a scoped admin inside their community: above it may be named, beside it not, and no new centre', () => {
    const b = new PlaceTreeBuilder(9, communityA, EXISTING, null);
    expect(b.addRow(2, row('', '协调部', '甲社区', '', '新小区'))).toBeNull();
    expect(b.addRow(3, row('', '协调部', '甲社区'))).toBeNull();
    expect(b.addRow(4, row('', '协调部', '乙社区'))?.[0]?.code).toBe('ROW_PLACE_OUT_OF_SCOPE');
    expect(b.addRow(5, row('', '协调部', '丙社区'))?.[0]).toMatchObject({ column: '社区', code: 'ROW_PLACE_OUT_OF_SCOPE' });
    expect(b.addRow(6, row('新中心', '协调部', '甲社区'))?.[0]).toMatchObject({ column: '协调中心', code: 'ROW_PLACE_OUT_OF_SCOPE' });
    expect(b.created).toBe(1);
  });

  it('starts a new tree under the centre given on the form when there is none', () => {
    const b = new PlaceTreeBuilder(9, everything, [], '西城中心');
    expect(b.addRow(2, row('', '文汇部', '荟萃社区'))).toBeNull();
    expect(staged(b)).toEqual([
      ['1', '\\N', '\\N', 'center', '西城中心', '0'],
      ['2', '\\N', '1', 'department', '文汇部', '1'],
      ['3', '\\N', '2', 'community', '荟萃社区', '2'],
    ]);
    expect(new PlaceTreeBuilder(9, everything, [], null).addRow(2, row('', '文汇部'))?.[0]?.code).toBe('ROW_PLACE_CENTER_MISSING');
  });
});
