import type { SameKeys } from '../../platform/i18n/types';

// The names of this module's audit actions on the audit page (audit.actions.<action, dots as _>).
// Every action the server can record has a name in both languages (modules/audit/audit.labels.test.ts).
const zh = {
  audit: {
    actions: {
      screening_campaign_created: '新建摸排活动',
      screening_campaign_updated: '修改摸排活动',
      screening_campaign_started: '开始摸排活动',
      screening_campaign_new_round: '开始新一轮摸排',
      screening_campaign_closed: '结束摸排活动',
      screening_assignment_created: '分配走访任务',
      screening_assignment_deleted: '取消走访分工',
      screening_visit_synced: '同步入户记录',
      screening_finding_resolved: '处理需跟进人员',
      screening_finding_case_opened: '需跟进人员转居家观察',
      screening_coverage_exported: '导出摸排进度',
    },
  },
};

const en: SameKeys<typeof zh> = {
  audit: {
    actions: {
      screening_campaign_created: 'Created screening campaign',
      screening_campaign_updated: 'Changed screening campaign',
      screening_campaign_started: 'Started screening campaign',
      screening_campaign_new_round: 'Started a new screening round',
      screening_campaign_closed: 'Closed screening campaign',
      screening_assignment_created: 'Assigned visitors',
      screening_assignment_deleted: 'Removed an assignment',
      screening_visit_synced: 'Synced visits',
      screening_finding_resolved: 'Resolved a finding',
      screening_finding_case_opened: 'Opened observation for a finding',
      screening_coverage_exported: 'Exported coverage',
    },
  },
};

export { zh, en };
