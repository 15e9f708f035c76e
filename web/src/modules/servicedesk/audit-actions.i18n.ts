import type { SameKeys } from '../../platform/i18n/types';

// The names of this module's codes: its permissions (codes.permission.<permission>, on the users' and tokens' pages)
// and its audit actions on the audit page (audit.actions.<action, dots as _>). Every permission and every action the
// server can record has a name in both languages (modules/audit/audit.labels.test.ts, modules/admin/permission-labels.test.ts).
const zh = {
  codes: {
    permission: {
      'servicedesk.read': '查看工单',
      'servicedesk.intake': '受理报修投诉',
      'servicedesk.work': '办理工单',
      'servicedesk.dispatch': '派单与转办',
      'servicedesk.figures': '查看服务统计与责任追究',
      'servicedesk.review': '复核超时责任',
      'servicedesk.manage': '配置分类与班组',
    },
  },
  audit: {
    actions: {
      servicedesk_order_create: '登记工单',
      servicedesk_order_dispatch: '派单',
      servicedesk_order_take: '抢单',
      servicedesk_order_accept: '接单',
      servicedesk_order_arrive: '到场',
      servicedesk_order_resolve: '处理完成',
      servicedesk_order_reply: '答复',
      servicedesk_order_callback: '回访结案',
      servicedesk_order_pause: '等待配合',
      servicedesk_order_resume: '继续办理',
      servicedesk_order_transfer: '申请转办',
      servicedesk_order_acceptTransfer: '接收转办',
      servicedesk_order_rejectTransfer: '退回转办',
      servicedesk_order_cancel: '取消工单',
      servicedesk_order_reopen: '重新办理',
      servicedesk_order_merge: '合并工单',
      servicedesk_order_feedback: '住户评价',
      servicedesk_photo_add: '添加照片',
      servicedesk_breach_record: '超过时限',
      servicedesk_breach_explain: '说明超时原因',
      servicedesk_breach_review: '审核超时原因',
      servicedesk_breach_export: '导出责任追究记录',
      servicedesk_category_create: '新建事项分类',
      servicedesk_category_update: '修改事项分类',
      servicedesk_team_create: '新建班组',
      servicedesk_team_update: '修改班组',
    },
  },
};

const en: SameKeys<typeof zh> = {
  codes: {
    permission: {
      'servicedesk.read': 'View service orders',
      'servicedesk.intake': 'Take repair and complaint calls',
      'servicedesk.work': 'Work on service orders',
      'servicedesk.dispatch': 'Dispatch and transfer orders',
      'servicedesk.figures': 'Service figures and accountability record',
      'servicedesk.review': 'Review missed limits',
      'servicedesk.manage': 'Configure categories and teams',
    },
  },
  audit: {
    actions: {
      servicedesk_order_create: 'Registered an order',
      servicedesk_order_dispatch: 'Dispatched',
      servicedesk_order_take: 'Took from the pool',
      servicedesk_order_accept: 'Accepted',
      servicedesk_order_arrive: 'Arrived on site',
      servicedesk_order_resolve: 'Resolved',
      servicedesk_order_reply: 'Answered',
      servicedesk_order_callback: 'Callback, closed',
      servicedesk_order_pause: 'Waiting on the reporter',
      servicedesk_order_resume: 'Resumed',
      servicedesk_order_transfer: 'Asked to transfer',
      servicedesk_order_acceptTransfer: 'Accepted a transfer',
      servicedesk_order_rejectTransfer: 'Refused a transfer',
      servicedesk_order_cancel: 'Cancelled',
      servicedesk_order_reopen: 'Reopened',
      servicedesk_order_merge: 'Merged',
      servicedesk_order_feedback: 'Rated by the resident',
      servicedesk_photo_add: 'Added a photo',
      servicedesk_breach_record: 'Missed a time limit',
      servicedesk_breach_explain: 'Explained a missed limit',
      servicedesk_breach_review: 'Reviewed a missed limit',
      servicedesk_breach_export: 'Exported the missed-limit records',
      servicedesk_category_create: 'Created a category',
      servicedesk_category_update: 'Changed a category',
      servicedesk_team_create: 'Created a team',
      servicedesk_team_update: 'Changed a team',
    },
  },
};

export { zh, en };
