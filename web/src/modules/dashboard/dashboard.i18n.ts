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
  },
};

export { zh, en };
