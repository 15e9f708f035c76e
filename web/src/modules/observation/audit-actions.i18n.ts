import type { SameKeys } from '../../platform/i18n/types';

// The names of this module's codes: its permissions (codes.permission.<permission>, on the users' and tokens' pages)
// and its audit actions on the audit page (audit.actions.<action, dots as _>). Every permission and every action the
// server can record has a name in both languages (modules/audit/audit.labels.test.ts, modules/admin/permission-labels.test.ts).
const zh = {
  codes: {
    permission: {
      'observation.read': '查看居家观察',
      'observation.manage': '管理居家观察',
      'observation.check': '健康监测录入',
      'observation.release': '确认解除观察',
      'observation.export': '导出健康监测（疾控）',
    },
  },
  audit: {
    actions: {
      observation_settings_saveCounting: '设置观察期首日计法',
      observation_case_open: '启动居家观察',
      observation_check_record: '录入体温检测',
      observation_alert_handle: '处理异常提醒',
      observation_case_proposeRelease: '建议解除观察',
      observation_case_release: '解除观察',
      observation_case_extend: '延长观察期',
      observation_case_shorten: '缩短观察期',
      observation_case_setCustodians: '设置 3+1 包保人员',
      observation_case_setMembers: '修改观察人员',
      observation_delivery_record: '登记物资配送',
      observation_check_export: '导出健康监测记录（疾控）',
      observation_settings_saveSlots: '设置检测时段',
    },
  },
};

const en: SameKeys<typeof zh> = {
  codes: {
    permission: {
      'observation.read': 'See observation cases',
      'observation.manage': 'Manage observation cases',
      'observation.check': 'Record health checks',
      'observation.release': 'Confirm release from observation',
      'observation.export': 'Export health checks for the CDC',
    },
  },
  audit: {
    actions: {
      observation_settings_saveCounting: 'Set how observation days are counted',
      observation_case_open: 'Started home observation',
      observation_check_record: 'Recorded a reading',
      observation_alert_handle: 'Handled an alert',
      observation_case_proposeRelease: 'Proposed release',
      observation_case_release: 'Released',
      observation_case_extend: 'Extended the observation',
      observation_case_shorten: 'Shortened the observation',
      observation_case_setCustodians: 'Set the custodians',
      observation_case_setMembers: 'Changed the people observed',
      observation_delivery_record: 'Recorded a delivery',
      observation_check_export: 'Exported the health readings (for the CDC)',
      observation_settings_saveSlots: 'Set check slots',
    },
  },
};

export { zh, en };
