import type { SameKeys } from '../../platform/i18n/types';

// The names of this module's audit actions on the audit page (audit.actions.<action, dots as _>).
// Every action the server can record has a name in both languages (modules/audit/audit.labels.test.ts).
const zh = {
  audit: {
    actions: {
      inbound_request_submit: '提交返程申请',
      inbound_request_declare: '入城在线申报',
      inbound_request_route: '协调部分派',
      inbound_request_reroute: '改派社区',
      inbound_request_approve: '居委会审核通过',
      inbound_request_reject: '居委会审核不通过',
      inbound_request_appeal: '申请复核',
      inbound_request_resubmit: '重新提交',
      inbound_request_markNotified: '标记已通知本人',
      inbound_request_checkIn: '抵达报备',
      inbound_request_withdraw: '撤回申请',
      inbound_request_selfReport: '本人抵达报备',
      inbound_settings_save: '设置闭环时限',
    },
  },
};

const en: SameKeys<typeof zh> = {
  audit: {
    actions: {
      inbound_request_submit: 'Submitted a return request',
      inbound_request_declare: 'Online entry declaration',
      inbound_request_route: 'Routed by the department',
      inbound_request_reroute: 'Re-routed',
      inbound_request_approve: 'Approved by the committee',
      inbound_request_reject: 'Rejected by the committee',
      inbound_request_appeal: 'Appealed',
      inbound_request_resubmit: 'Resubmitted',
      inbound_request_markNotified: 'Marked the person as told',
      inbound_request_checkIn: 'Arrival check-in',
      inbound_request_withdraw: 'Withdrew the request',
      inbound_request_selfReport: 'Person reported arrival',
      inbound_settings_save: 'Set the loop’s time limits',
    },
  },
};

export { zh, en };
