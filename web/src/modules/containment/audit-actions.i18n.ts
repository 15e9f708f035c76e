import type { SameKeys } from '../../platform/i18n/types';

// The names of this module's audit actions on the audit page (audit.actions.<action, dots as _>).
// Every action the server can record has a name in both languages (modules/audit/audit.labels.test.ts).
const zh = {
  audit: {
    actions: {
      containment_case_recorded: '登记病例',
      containment_case_confirmed: '确诊病例',
      containment_case_excluded: '排除病例',
      containment_case_closed: '病例结案',
      containment_case_revealed: '查看病例完整号码',
      containment_settings_saved: '设置封控规则',
      lockdown_proposed: '生成封控建议',
      lockdown_auto_confirmed: '自动确认封控',
      lockdown_created: '新建封控令',
      lockdown_confirmed: '确认封控',
      lockdown_dismissed: '驳回封控建议',
      lockdown_released: '解除封控',
      lockdown_release_due: '满足解封条件',
      lockdown_rescheduled: '调整解封日期',
      lockdown_superseded: '封控范围扩大替代',
      lockdown_withdrawn: '撤销封控',
    },
  },
};

const en: SameKeys<typeof zh> = {
  audit: {
    actions: {
      containment_case_recorded: 'Recorded a case',
      containment_case_confirmed: 'Confirmed a case',
      containment_case_excluded: 'Excluded a case',
      containment_case_closed: 'Closed a case',
      containment_case_revealed: 'Revealed a case’s number',
      containment_settings_saved: 'Set the containment rule',
      lockdown_proposed: 'Proposed a lockdown',
      lockdown_auto_confirmed: 'Lockdown in force at once',
      lockdown_created: 'Created a lockdown order',
      lockdown_confirmed: 'Confirmed a lockdown',
      lockdown_dismissed: 'Dismissed a proposal',
      lockdown_released: 'Released a lockdown',
      lockdown_release_due: 'Release is due',
      lockdown_rescheduled: 'Rescheduled the release',
      lockdown_superseded: 'Superseded by a wider lockdown',
      lockdown_withdrawn: 'Withdrew a lockdown',
    },
  },
};

export { zh, en };
