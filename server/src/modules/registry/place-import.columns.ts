import type { PlaceType } from '@jiayuan/contracts';

/**
 * The columns of the place-tree import, top to bottom of the tree; a row names one path and may
 * stop at any level. Headers match in Chinese or English, or as users' own sheets title them.
 */
export const PLACE_IMPORT_COLUMNS = [
  { key: 'center', type: 'center', zh: '协调中心', en: 'Centre', required: false, aliases: ['服务协调中心', '中心'], width: 20 },
  { key: 'department', type: 'department', zh: '协调部', en: 'Department', required: true, aliases: ['部门', '服务部', '居民事务协调部'], width: 16 },
  { key: 'community', type: 'community', zh: '社区', en: 'Community', required: true, aliases: ['居委会'], width: 14 },
  { key: 'station', type: 'station', zh: '协调站', en: 'Station', required: false, aliases: ['服务站'] /* users' own sheets */, width: 14 },
  { key: 'compound', type: 'compound', zh: '小区', en: 'Compound', required: false, aliases: [], width: 14 },
  { key: 'building', type: 'building', zh: '楼栋', en: 'Building', required: false, aliases: ['楼号'], width: 10 },
  { key: 'stairwell', type: 'stairwell', zh: '单元', en: 'Stairwell', required: false, aliases: ['楼道'], width: 8 },
  { key: 'dwelling', type: 'dwelling', zh: '房号', en: 'Dwelling', required: false, aliases: ['房屋', '门牌号'], width: 8 },
] as const satisfies readonly { key: string; type: PlaceType; zh: string; en: string; required: boolean; aliases: readonly string[]; width: number }[];

/** Levels a row may leave empty while naming a deeper one: a compound may sit right under its community. */
export const SKIPPABLE_LEVELS: ReadonlySet<PlaceType> = new Set(['station']);

/** The longest place name, as the place form allows. */
export const MAX_PLACE_NAME = 60;
