import { mergeBundles } from './i18n-merge';
import zhShell from './i18n-zh-CN';
import zhModules from './i18n-zh-CN.modules';
import enShell from './i18n-en-US';
import enModules from './i18n-en-US.modules';

/**
 * Every module's texts, one tree per language (for tests and checks). The app loads only the
 * language in use, the sign-in page's texts first (i18n-zh-CN.ts, i18n-en-US.ts) and the modules'
 * before any other page (i18n-*.modules.ts), see platform/i18n/i18n.ts.
 */
export const resources = { 'zh-CN': mergeBundles([zhModules, zhShell]), 'en-US': mergeBundles([enModules, enShell]) };
