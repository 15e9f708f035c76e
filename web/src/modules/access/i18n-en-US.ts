// The access module's en-US texts: one chunk, fetched with every module's before a console page is drawn
// (platform/i18n/i18n.ts); vite.config.ts keeps the other language out of it.
import { mergeBundles } from '../../platform/i18n/merge';
import { en as access } from './access.i18n';

export default mergeBundles([access]);
