import type { SameKeys } from '../../platform/i18n/types';

// The module's own texts; the import page's others are the platform's (platform/imports/imports.i18n.ts).
const zh = {
  menu: { imports: '导入' },
};

const en: SameKeys<typeof zh> = {
  menu: { imports: 'Import' },
};

export { zh, en };
