import type { SameKeys } from '../../platform/i18n/types';

// The names of this module's audit actions on the audit page (audit.actions.<action, dots as _>).
// Every action the server can record has a name in both languages (modules/audit/audit.labels.test.ts).
const zh = {
  audit: {
    actions: {
      servicedesk_order_created: '登记工单',
      servicedesk_dispatch: '派单',
      servicedesk_take: '抢单',
      servicedesk_accept: '接单',
      servicedesk_arrive: '到场',
      servicedesk_resolve: '处理完成',
      servicedesk_reply: '答复',
      servicedesk_callback: '回访结案',
      servicedesk_pause: '等待配合',
      servicedesk_resume: '继续办理',
      servicedesk_transfer: '申请转办',
      servicedesk_acceptTransfer: '接收转办',
      servicedesk_rejectTransfer: '退回转办',
      servicedesk_cancel: '取消工单',
      servicedesk_reopen: '重新办理',
      servicedesk_merge: '合并工单',
      servicedesk_photo_added: '添加照片',
      servicedesk_limit_missed: '超过时限',
      servicedesk_breach_explained: '说明超时原因',
      servicedesk_breach_reviewed: '审核超时原因',
      servicedesk_category_created: '新建事项分类',
      servicedesk_category_updated: '修改事项分类',
      servicedesk_team_created: '新建班组',
      servicedesk_team_updated: '修改班组',
    },
  },
};

const en: SameKeys<typeof zh> = {
  audit: {
    actions: {
      servicedesk_order_created: 'Registered an order',
      servicedesk_dispatch: 'Dispatched',
      servicedesk_take: 'Took from the pool',
      servicedesk_accept: 'Accepted',
      servicedesk_arrive: 'Arrived on site',
      servicedesk_resolve: 'Resolved',
      servicedesk_reply: 'Answered',
      servicedesk_callback: 'Callback, closed',
      servicedesk_pause: 'Waiting on the reporter',
      servicedesk_resume: 'Resumed',
      servicedesk_transfer: 'Asked to transfer',
      servicedesk_acceptTransfer: 'Accepted a transfer',
      servicedesk_rejectTransfer: 'Refused a transfer',
      servicedesk_cancel: 'Cancelled',
      servicedesk_reopen: 'Reopened',
      servicedesk_merge: 'Merged',
      servicedesk_photo_added: 'Added a photo',
      servicedesk_limit_missed: 'Missed a time limit',
      servicedesk_breach_explained: 'Explained a missed limit',
      servicedesk_breach_reviewed: 'Reviewed a missed limit',
      servicedesk_category_created: 'Created a category',
      servicedesk_category_updated: 'Changed a category',
      servicedesk_team_created: 'Created a team',
      servicedesk_team_updated: 'Changed a team',
    },
  },
};

export { zh, en };
