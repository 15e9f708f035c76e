import type { SameKeys } from '../../i18n/types';

const zh = {
  charts: {
    export: '导出 Excel',
    range: '{{from}} 至 {{to}}',
    drillHint: '点击图中的点或柱、或表中的数字，查看对应的记录',
    trend: '逐日趋势',
    breakdown: '分项对比',
    ranking: '排名',
  },
};

const en: SameKeys<typeof zh> = {
  charts: {
    export: 'Export to Excel',
    range: '{{from}} to {{to}}',
    drillHint: 'Click a point or bar, or a number in the table, to see its records',
    trend: 'By day',
    breakdown: 'Side by side',
    ranking: 'Ranking',
  },
};

export { zh, en };
