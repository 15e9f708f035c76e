import type { SameKeys } from '../../platform/i18n/types';

// The names of this module's audit actions on the audit page (audit.actions.<action, dots as _>).
// Every action the server can record has a name in both languages (modules/audit/audit.labels.test.ts).
const zh = {
  audit: {
    actions: {
      access_pass_issued: '发放通行证',
      access_pass_renewed: '续期通行证',
      access_pass_revoked: '注销通行证',
      access_gate_created: '新建门岗卡口',
      access_gate_event_recorded: '门岗通行登记',
      access_gate_events_synced: '同步门岗通行登记',
      access_fever_referral_created: '门岗发热转诊',
      pass_key_rotated: '更换通行证签名密钥',
    },
  },
};

const en: SameKeys<typeof zh> = {
  audit: {
    actions: {
      access_pass_issued: 'Issued a pass',
      access_pass_renewed: 'Renewed a pass',
      access_pass_revoked: 'Revoked a pass',
      access_gate_created: 'Created a gate',
      access_gate_event_recorded: 'Recorded a gate event',
      access_gate_events_synced: 'Synced gate events',
      access_fever_referral_created: 'Referred a fever from a gate',
      pass_key_rotated: 'Rotated the pass signing key',
    },
  },
};

export { zh, en };
