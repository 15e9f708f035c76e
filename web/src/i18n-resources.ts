import type { Lang } from '@jiayuan/contracts';
import { mergeBundles } from './platform/i18n/merge';
import zhShell from './i18n-zh-CN';
import zhPlatform from './i18n-zh-CN.modules';
import enShell from './i18n-en-US';
import enPlatform from './i18n-en-US.modules';
import { MODULES } from './app/modules';

/**
 * Every text, one tree per language (for tests and checks): the sign-in page's and the console
 * frame's (i18n-zh-CN.ts, i18n-en-US.ts), the platform's console texts (i18n-*.modules.ts) and
 * every listed module's own bundle. The app loads only the language in use, the sign-in page's
 * texts first and the rest before any other page, see platform/i18n/i18n.ts.
 */
async function all(lang: Lang, shell: object, platform: object) {
  const modules = await Promise.all(MODULES.flatMap((m) => (m.texts ? [m.texts[lang]().then((b) => b.default)] : [])));
  return mergeBundles([platform, ...modules, shell]);
}

export const resources = { 'zh-CN': await all('zh-CN', zhShell, zhPlatform), 'en-US': await all('en-US', enShell, enPlatform) };
