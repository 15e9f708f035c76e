import type { SameKeys } from '../../platform/i18n/types';

// The names of this module's audit actions on the audit page (audit.actions.<action, dots as _>).
// Every action the server can record has a name in both languages (modules/audit/audit.labels.test.ts).
const zh = {
  audit: {
    actions: {
      inbound_submitted: '提交返程申请',
      inbound_declared: '入城在线申报',
      inbound_route: '协调部分派',
      inbound_reroute: '改派社区',
      inbound_approve: '居委会审核通过',
      inbound_reject: '居委会审核不通过',
      inbound_appeal: '申请复核',
      inbound_resubmit: '重新提交',
      inbound_markNotified: '标记已通知本人',
      inbound_checkIn: '抵达报备',
      inbound_withdraw: '撤回申请',
      inbound_selfReport: '本人抵达报备',
      inbound_settings_saved: '设置闭环时限',
    },
  },
};

const en: SameKeys<typeof zh> = {
  audit: {
    actions: {
      inbound_submitted: 'Submitted a return request',
      inbound_declared: 'Online entry declaration',
      inbound_route: 'Routed by the department',
      inbound_reroute: 'Re-routed',
      inbound_approve: 'Approved by the committee',
      inbound_reject: 'Rejected by the committee',
      inbound_appeal: 'Appealed',
      inbound_resubmit: 'Resubmitted',
      inbound_markNotified: 'Marked the person as told',
      inbound_checkIn: 'Arrival check-in',
      inbound_withdraw: 'Withdrew the request',
      inbound_selfReport: 'Person reported arrival',
      inbound_settings_saved: 'Set the loop’s time limits',
    },
  },
};

export { zh, en };
