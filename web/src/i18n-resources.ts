import zhCN from './i18n-zh-CN';
import enUS from './i18n-en-US';

/**
 * Every module's texts, one tree per language (for tests and checks). The app loads only the
 * language in use: i18n-zh-CN.ts or i18n-en-US.ts, see platform/i18n/i18n.ts.
 */
export const resources = { 'zh-CN': zhCN, 'en-US': enUS };
