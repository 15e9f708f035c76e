import type { SameKeys } from '../../platform/i18n/types';

// The names of this module's codes: its permissions (codes.permission.<permission>, on the users' and tokens' pages)
// and its audit actions on the audit page (audit.actions.<action, dots as _>). Every permission and every action the
// server can record has a name in both languages (modules/audit/audit.labels.test.ts, modules/admin/permission-labels.test.ts).
const zh = {
  codes: {
    permission: {
      'access.pass.read': '查看通行证',
      'access.pass.issue': '发放、续期、注销通行证',
      'access.gate.scan': '门岗卡口扫码登记',
      'access.gate.manage': '管理门岗卡口及其设备令牌',
      'access.figures': '查看门岗卡口统计',
    },
  },
  audit: {
    actions: {
      access_pass_issue: '发放通行证',
      access_pass_renew: '续期通行证',
      access_pass_revoke: '注销通行证',
      access_gate_create: '新建门岗卡口',
      access_gateEvent_record: '门岗通行登记',
      access_gateEvent_sync: '同步门岗通行登记',
      access_feverReferral_create: '门岗发热转诊',
      pass_key_rotated: '更换通行证签名密钥',
    },
  },
};

const en: SameKeys<typeof zh> = {
  codes: {
    permission: {
      'access.pass.read': 'See passes',
      'access.pass.issue': 'Issue, renew and revoke passes',
      'access.gate.scan': 'Scan and register at gates and checkpoints',
      'access.gate.manage': 'Manage gates, checkpoints and their device tokens',
      'access.figures': 'Gate and checkpoint figures',
    },
  },
  audit: {
    actions: {
      access_pass_issue: 'Issued a pass',
      access_pass_renew: 'Renewed a pass',
      access_pass_revoke: 'Revoked a pass',
      access_gate_create: 'Created a gate',
      access_gateEvent_record: 'Recorded a gate event',
      access_gateEvent_sync: 'Synced gate events',
      access_feverReferral_create: 'Referred a fever from a gate',
      pass_key_rotated: 'Rotated the pass signing key',
    },
  },
};

export { zh, en };
