import type { SameKeys } from '../../platform/i18n/types';

// The names of this module's audit actions and record types on the audit page (audit.actions.<action, dots as _>).
// Every action the server can record has a name in both languages (modules/audit/audit.labels.test.ts).
const zh = {
  audit: {
    entity: {
      duty_member: '报到党员',
      duty_post: '值班岗位',
      duty_shift: '班次',
      duty_claim: '班次认领',
      duty_call_up: '吹哨任务',
      duty_team: '工作队',
      duty_roster: '“2+1”包保',
      duty_settings: '值班规则',
    },
    actions: {
      duty_member_report: '党员报到',
      duty_member_register: '登记党员报到',
      duty_member_confirm: '确认党员报到',
      duty_member_reject: '退回党员报到',
      duty_post_create: '新建岗位',
      duty_shift_create: '新建班次',
      duty_shift_generate: '按模板生成班次',
      duty_claim_create: '认领班次',
      duty_claim_assign: '指派班次',
      duty_claim_cancel: '取消认领',
      duty_claim_promote: '候补转正',
      duty_claim_checkIn: '签到',
      duty_claim_checkOut: '签退',
      duty_claim_noShow: '未到岗',
      duty_callUp_create: '吹哨召集',
      duty_callUp_fill: '吹哨满员',
      duty_callUp_close: '结束吹哨',
      duty_team_create: '新建工作队',
      duty_team_addMember: '加入工作队',
      duty_team_removeMember: '移出工作队',
      duty_roster_save: '配备“2+1”',
      duty_settings_save: '修改值班规则',
      duty_calendar_renew: '重新生成日历订阅链接',
    },
  },
};

const en: SameKeys<typeof zh> = {
  audit: {
    entity: {
      duty_member: 'Reported member',
      duty_post: 'Duty post',
      duty_shift: 'Shift',
      duty_claim: 'Shift claim',
      duty_call_up: 'Call-up',
      duty_team: 'Work team',
      duty_roster: '"2+1" roster',
      duty_settings: 'Duty rules',
    },
    actions: {
      duty_member_report: 'Reported in',
      duty_member_register: 'Registered a member’s report',
      duty_member_confirm: 'Confirmed a report',
      duty_member_reject: 'Did not accept a report',
      duty_post_create: 'Created a post',
      duty_shift_create: 'Created a shift',
      duty_shift_generate: 'Generated shifts from a template',
      duty_claim_create: 'Claimed a shift',
      duty_claim_assign: 'Assigned a shift',
      duty_claim_cancel: 'Cancelled a claim',
      duty_claim_promote: 'Moved up from the waiting list',
      duty_claim_checkIn: 'Checked in',
      duty_claim_checkOut: 'Checked out',
      duty_claim_noShow: 'Did not show up',
      duty_callUp_create: 'Blew the whistle',
      duty_callUp_fill: 'Call-up filled',
      duty_callUp_close: 'Closed a call-up',
      duty_team_create: 'Created a work team',
      duty_team_addMember: 'Added to a work team',
      duty_team_removeMember: 'Removed from a work team',
      duty_roster_save: 'Set a "2+1" building roster',
      duty_settings_save: 'Changed the duty rules',
      duty_calendar_renew: 'Made a new calendar feed address',
    },
  },
};

export { zh, en };
