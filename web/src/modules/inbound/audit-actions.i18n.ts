import type { SameKeys } from '../../platform/i18n/types';

// The names of this module's codes: its permissions (codes.permission.<permission>, on the users' and tokens' pages)
// and its audit actions on the audit page (audit.actions.<action, dots as _>). Every permission and every action the
// server can record has a name in both languages (modules/audit/audit.labels.test.ts, modules/admin/permission-labels.test.ts).
const zh = {
  codes: {
    permission: {
      'inbound.read': '查看返程申请',
      'inbound.submit': '提交返程申请',
      'inbound.route': '分派返程申请',
      'inbound.review': '审核返程申请',
      'inbound.checkin': '返程人员抵达报备',
      'inbound.configure': '设置闭环时限',
    },
  },
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
  codes: {
    permission: {
      'inbound.read': 'See return requests',
      'inbound.submit': 'Submit return requests',
      'inbound.route': 'Route return requests',
      'inbound.review': 'Review return requests',
      'inbound.checkin': 'Check returning people in',
      'inbound.configure': 'Set the loop’s deadlines',
    },
  },
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
