import type { SameKeys } from '../../platform/i18n/types';

// The names of this module's codes: its permissions (codes.permission.<permission>) and its audit actions and record
// types on the audit page (audit.actions.<action, dots as _>). Every one has a name in both languages
// (modules/audit/audit.labels.test.ts, modules/admin/permission-labels.test.ts).
const zh = {
  codes: {
    permission: {
      'duty.read': '查看岗位、班次、吹哨、工作队和“2+1”包保',
      'duty.member.read': '查看党员报到名册（联系方式脱敏）',
      'duty.member.manage': '登记、确认或退回党员报到',
      'duty.post.manage': '管理岗位和班次，指派和取消认领',
      'duty.checkIn.confirm': '确认到岗签到、签退',
      'duty.callUp': '吹哨召集和结束召集',
      'duty.team.manage': '管理工作队及其队员',
      'duty.roster.manage': '配备楼栋“2+1”人员',
      'duty.settings': '设置值班规则（休息、取消、签到时间）',
    },
  },
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
  codes: {
    permission: {
      'duty.read': 'View posts, shifts, call-ups, work teams and the "2+1" roster',
      'duty.member.read': 'View the roster of reported members (contacts masked)',
      'duty.member.manage': 'Register, confirm or not accept members’ reports',
      'duty.post.manage': 'Manage posts and shifts; assign and cancel claims',
      'duty.checkIn.confirm': 'Confirm check-ins and check-outs at a post',
      'duty.callUp': 'Blow the whistle and close call-ups',
      'duty.team.manage': 'Manage work teams and their members',
      'duty.roster.manage': 'Assign a building’s "2+1" roster',
      'duty.settings': 'Set the duty rules (rest, cancelling, check-in times)',
    },
  },
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
