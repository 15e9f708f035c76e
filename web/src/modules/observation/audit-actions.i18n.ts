import type { SameKeys } from '../../platform/i18n/types';

// The names of this module's audit actions on the audit page (audit.actions.<action, dots as _>).
// Every action the server can record has a name in both languages (modules/audit/audit.labels.test.ts).
const zh = {
  audit: {
    actions: {
      observation_counting_saved: '设置观察期首日计法',
      observation_opened: '启动居家观察',
      observation_reading: '录入体温检测',
      observation_alert_handled: '处理异常提醒',
      observation_release_proposed: '建议解除观察',
      observation_released: '解除观察',
      observation_extended: '延长观察期',
      observation_shortened: '缩短观察期',
      observation_custodians: '设置 3+1 包保人员',
      observation_members: '修改观察人员',
      observation_delivered: '登记物资配送',
      observation_slots_saved: '设置检测时段',
    },
  },
};

const en: SameKeys<typeof zh> = {
  audit: {
    actions: {
      observation_counting_saved: 'Set how observation days are counted',
      observation_opened: 'Started home observation',
      observation_reading: 'Recorded a reading',
      observation_alert_handled: 'Handled an alert',
      observation_release_proposed: 'Proposed release',
      observation_released: 'Released',
      observation_extended: 'Extended the observation',
      observation_shortened: 'Shortened the observation',
      observation_custodians: 'Set the custodians',
      observation_members: 'Changed the people observed',
      observation_delivered: 'Recorded a delivery',
      observation_slots_saved: 'Set check slots',
    },
  },
};

export { zh, en };
