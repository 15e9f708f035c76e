import type { SameKeys } from '../../platform/i18n/types';

// The names of this module's audit actions on the audit page (audit.actions.<action, dots as _>).
// Every action the server can record has a name in both languages (modules/audit/audit.labels.test.ts).
const zh = {
  audit: {
    actions: {
      place_created: '新建区域',
      place_updated: '修改区域',
      place_deleted: '删除区域',
      place_layout_applied: '生成单元和房屋',
      building_head_set: '设置楼长',
      grid_created: '新建网格',
      grid_updated: '修改网格',
      grid_deleted: '删除网格',
      employer_created: '新建单位',
      employer_updated: '修改单位',
      employer_deleted: '删除单位',
      household_created: '新建住户',
      household_deleted: '删除住户',
      resident_created: '登记居民',
      resident_updated: '修改居民',
      resident_deleted: '删除居民',
      resident_revealed: '查看完整号码',
      identifier_searched: '按完整证件号/手机号查询',
      resident_exported: '导出居民',
      residents_imported: '导入居民',
      places_imported: '批量建立区域',
      household_exported: '导出住户',
    },
  },
};

const en: SameKeys<typeof zh> = {
  audit: {
    actions: {
      place_created: 'Created place',
      place_updated: 'Changed place',
      place_deleted: 'Deleted place',
      place_layout_applied: 'Laid out building',
      building_head_set: 'Set building head',
      grid_created: 'Created grid',
      grid_updated: 'Changed grid',
      grid_deleted: 'Deleted grid',
      employer_created: 'Created employer',
      employer_updated: 'Changed employer',
      employer_deleted: 'Deleted employer',
      household_created: 'Created household',
      household_deleted: 'Deleted household',
      resident_created: 'Registered resident',
      resident_updated: 'Changed resident',
      resident_deleted: 'Deleted resident',
      resident_revealed: 'Revealed a number',
      identifier_searched: 'Searched by a full ID or phone number',
      resident_exported: 'Exported residents',
      residents_imported: 'Imported residents',
      places_imported: 'Created places in one go',
      household_exported: 'Exported households',
    },
  },
};

export { zh, en };
