import type { SameKeys } from '../../platform/i18n/types';

// The names of this module's codes: its permissions (codes.permission.<permission>, on the users' and tokens' pages)
// and its audit actions on the audit page (audit.actions.<action, dots as _>). Every permission and every action the
// server can record has a name in both languages (modules/audit/audit.labels.test.ts, modules/admin/permission-labels.test.ts).
const zh = {
  codes: {
    permission: {
      'containment.case.record': '登记确诊/疑似病例',
      'containment.case.view': '查看病例（知悉范围）',
      'containment.order.view': '查看封控区域',
      'containment.order.confirm': '确认、驳回、解除封控',
      'containment.settings': '设置封控规则',
    },
  },
  audit: {
    actions: {
      containment_case_record: '登记病例',
      containment_case_confirm: '确诊病例',
      containment_case_exclude: '排除病例',
      containment_case_close: '病例结案',
      containment_case_reveal: '查看病例完整号码',
      containment_settings_save: '设置封控规则',
      containment_order_propose: '生成封控建议',
      containment_order_auto_confirm: '自动确认封控',
      containment_order_create: '新建封控令',
      containment_order_confirm: '确认封控',
      containment_order_dismiss: '驳回封控建议',
      containment_order_release: '解除封控',
      containment_order_release_due: '满足解封条件',
      containment_order_reschedule: '调整解封日期',
      containment_order_supersede: '封控范围扩大替代',
      containment_order_withdraw: '撤销封控',
    },
  },
};

const en: SameKeys<typeof zh> = {
  codes: {
    permission: {
      'containment.case.record': 'Record confirmed and suspected cases',
      'containment.case.view': 'See cases (need-to-know)',
      'containment.order.view': 'See sealed places',
      'containment.order.confirm': 'Confirm, dismiss and release lockdowns',
      'containment.settings': 'Set the lockdown rule',
    },
  },
  audit: {
    actions: {
      containment_case_record: 'Recorded a case',
      containment_case_confirm: 'Confirmed a case',
      containment_case_exclude: 'Excluded a case',
      containment_case_close: 'Closed a case',
      containment_case_reveal: 'Revealed a case’s number',
      containment_settings_save: 'Set the containment rule',
      containment_order_propose: 'Proposed a lockdown',
      containment_order_auto_confirm: 'Lockdown in force at once',
      containment_order_create: 'Created a lockdown order',
      containment_order_confirm: 'Confirmed a lockdown',
      containment_order_dismiss: 'Dismissed a proposal',
      containment_order_release: 'Released a lockdown',
      containment_order_release_due: 'Release is due',
      containment_order_reschedule: 'Rescheduled the release',
      containment_order_supersede: 'Superseded by a wider lockdown',
      containment_order_withdraw: 'Withdrew a lockdown',
    },
  },
};

export { zh, en };
