import type { SameKeys } from '../../platform/i18n/types';

// The names of this module's audit actions on the audit page (audit.actions.<action, dots as _>).
// Every action the server can record has a name in both languages (modules/audit/audit.labels.test.ts).
const zh = {
  audit: {
    actions: {
      user_created: '新建用户',
      user_updated: '修改用户',
      user_password_reset: '重置密码',
      user_unlocked: '解锁用户',
      token_created: '新建令牌',
      token_revoked: '撤销令牌',
      obligation_rule_created: '新建周期任务',
      obligation_rule_updated: '修改周期任务',
      obligation_rule_deleted: '停止周期任务',
      calendar_override_saved: '调整日历',
      calendar_override_deleted: '恢复日历',
      calendar_arrangement_saved: '录入年度节假日安排',
      calendar_hours_saved: '设置办公时间',
      user_disabled: '停用用户',
      user_enabled: '启用用户',
    },
  },
};

const en: SameKeys<typeof zh> = {
  audit: {
    actions: {
      user_created: 'Created user',
      user_updated: 'Changed user',
      user_password_reset: 'Reset password',
      user_unlocked: 'Unlocked user',
      token_created: 'Created token',
      token_revoked: 'Revoked token',
      obligation_rule_created: 'Created recurring duty',
      obligation_rule_updated: 'Changed recurring duty',
      obligation_rule_deleted: 'Stopped recurring duty',
      calendar_override_saved: 'Changed calendar',
      calendar_override_deleted: 'Reset calendar day',
      calendar_arrangement_saved: "Entered a year's holiday arrangement",
      calendar_hours_saved: 'Set working hours',
      user_disabled: 'Disabled user',
      user_enabled: 'Enabled user',
    },
  },
};

export { zh, en };
