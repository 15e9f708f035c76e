import type { SameKeys } from '../../platform/i18n/types';

// The names of this module's codes: its permissions (codes.permission.<permission>, on the users' and tokens' pages)
// and its audit actions on the audit page (audit.actions.<action, dots as _>). Every permission and every action the
// server can record has a name in both languages (modules/audit/audit.labels.test.ts, modules/admin/permission-labels.test.ts).
const zh = {
  codes: {
    permission: {
      'place.read': '查看区域',
      'place.manage': '管理区域',
      'employer.read': '查看二级单位',
      'employer.manage': '管理二级单位',
      'household.read': '查看住户',
      'household.manage': '管理住户',
      'resident.read': '查看居民',
      'resident.manage': '管理居民',
      'resident.reveal': '查看完整证件号/手机号',
      'resident.import': '导入居民',
      'resident.export': '导出居民',
    },
  },
  audit: {
    actions: {
      registry_place_create: '新建区域',
      registry_place_update: '修改区域',
      registry_place_delete: '删除区域',
      registry_place_applyLayout: '生成单元和房屋',
      registry_building_setHead: '设置楼长',
      registry_grid_create: '新建网格',
      registry_grid_update: '修改网格',
      registry_grid_delete: '删除网格',
      registry_employer_create: '新建单位',
      registry_employer_update: '修改单位',
      registry_employer_delete: '删除单位',
      registry_household_create: '新建住户',
      registry_household_delete: '删除住户',
      registry_resident_create: '登记居民',
      registry_resident_update: '修改居民',
      registry_resident_delete: '删除居民',
      registry_resident_reveal: '查看完整号码',
      identifier_searched: '按完整证件号/手机号查询',
      registry_resident_export: '导出居民',
      registry_resident_import: '导入居民',
      registry_place_import: '批量建立区域',
      registry_household_export: '导出住户',
    },
  },
};

const en: SameKeys<typeof zh> = {
  codes: {
    permission: {
      'place.read': 'View places',
      'place.manage': 'Manage places',
      'employer.read': 'View employers',
      'employer.manage': 'Manage employers',
      'household.read': 'View households',
      'household.manage': 'Manage households',
      'resident.read': 'View residents',
      'resident.manage': 'Manage residents',
      'resident.reveal': 'Reveal ID and phone numbers',
      'resident.import': 'Import residents',
      'resident.export': 'Export residents',
    },
  },
  audit: {
    actions: {
      registry_place_create: 'Created place',
      registry_place_update: 'Changed place',
      registry_place_delete: 'Deleted place',
      registry_place_applyLayout: 'Laid out building',
      registry_building_setHead: 'Set building head',
      registry_grid_create: 'Created grid',
      registry_grid_update: 'Changed grid',
      registry_grid_delete: 'Deleted grid',
      registry_employer_create: 'Created employer',
      registry_employer_update: 'Changed employer',
      registry_employer_delete: 'Deleted employer',
      registry_household_create: 'Created household',
      registry_household_delete: 'Deleted household',
      registry_resident_create: 'Registered resident',
      registry_resident_update: 'Changed resident',
      registry_resident_delete: 'Deleted resident',
      registry_resident_reveal: 'Revealed a number',
      identifier_searched: 'Searched by a full ID or phone number',
      registry_resident_export: 'Exported residents',
      registry_resident_import: 'Imported residents',
      registry_place_import: 'Created places in one go',
      registry_household_export: 'Exported households',
    },
  },
};

export { zh, en };
