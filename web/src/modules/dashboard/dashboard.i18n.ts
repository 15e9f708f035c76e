import type { SameKeys } from '../../platform/i18n/types';

const zh = {
  dashboard: {
    title: '数据看板',
    subtitle: '{{name}}，{{date}} 的实时数据',
    minutes: '分钟',
    attention: '逾期待办',
  },
  menu: {
    dashboard: '数据看板',
    epidemic: '疫情防控',
    inbound: '返程申请',
    observation: '居家观察',
    inboundFigures: '闭环统计',
    inboundSettings: '闭环时限',
    observationSettings: '检测时段',
  },
};

const en: SameKeys<typeof zh> = {
  dashboard: {
    title: 'Dashboard',
    subtitle: '{{name}}, live figures for {{date}}',
    minutes: 'min',
    attention: 'Overdue',
  },
  menu: {
    dashboard: 'Dashboard',
    epidemic: 'Epidemic control',
    inbound: 'Return requests',
    observation: 'Observation',
    inboundFigures: 'Loop figures',
    inboundSettings: 'Loop deadlines',
    observationSettings: 'Check slots',
  },
};

export { zh, en };
