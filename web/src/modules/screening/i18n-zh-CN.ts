// The screening module's zh-CN texts: one chunk, fetched with every module's before a console page is drawn
// (platform/i18n/i18n.ts); vite.config.ts keeps the other language out of it.
import { mergeBundles } from '../../platform/i18n/merge';
import { zh as screening } from './screening.i18n';

export default mergeBundles([screening]);
