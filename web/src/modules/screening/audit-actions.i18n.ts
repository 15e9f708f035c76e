import type { SameKeys } from '../../platform/i18n/types';

// The names of this module's codes: its permissions (codes.permission.<permission>, on the users' and tokens' pages)
// and its audit actions on the audit page (audit.actions.<action, dots as _>). Every permission and every action the
// server can record has a name in both languages (modules/audit/audit.labels.test.ts, modules/admin/permission-labels.test.ts).
const zh = {
  codes: {
    permission: {
      'screening.read': '查看入户摸排进度',
      'screening.manage': '组织入户摸排',
      'screening.visit': '入户走访',
      'screening.followup': '处理摸排发现',
      'screening.export': '导出摸排统计',
    },
  },
  audit: {
    actions: {
      screening_campaign_create: '新建摸排活动',
      screening_campaign_update: '修改摸排活动',
      screening_campaign_start: '开始摸排活动',
      screening_campaign_newRound: '开始新一轮摸排',
      screening_campaign_close: '结束摸排活动',
      screening_assignment_create: '分配走访任务',
      screening_assignment_delete: '取消走访分工',
      screening_visit_sync: '同步入户记录',
      screening_finding_resolve: '处理需跟进人员',
      screening_finding_openCase: '需跟进人员转居家观察',
      screening_coverage_export: '导出摸排进度',
    },
  },
};

const en: SameKeys<typeof zh> = {
  codes: {
    permission: {
      'screening.read': 'View screening progress',
      'screening.manage': 'Run screening campaigns',
      'screening.visit': 'Visit households',
      'screening.followup': 'Follow up screening findings',
      'screening.export': 'Export screening figures',
    },
  },
  audit: {
    actions: {
      screening_campaign_create: 'Created screening campaign',
      screening_campaign_update: 'Changed screening campaign',
      screening_campaign_start: 'Started screening campaign',
      screening_campaign_newRound: 'Started a new screening round',
      screening_campaign_close: 'Closed screening campaign',
      screening_assignment_create: 'Assigned visitors',
      screening_assignment_delete: 'Removed an assignment',
      screening_visit_sync: 'Synced visits',
      screening_finding_resolve: 'Resolved a finding',
      screening_finding_openCase: 'Opened observation for a finding',
      screening_coverage_export: 'Exported coverage',
    },
  },
};

export { zh, en };
