import type { Lang } from '@jiayuan/contracts';
import { mergeBundles } from './platform/i18n/merge';
import zhShell from './i18n-zh-CN';
import zhPlatform from './i18n-zh-CN.modules';
import enShell from './i18n-en-US';
import enPlatform from './i18n-en-US.modules';
import zhAudit from './i18n-zh-CN.audit';
import enAudit from './i18n-en-US.audit';
import { MODULES } from './app/modules';

/**
 * Every text, one tree per language (for tests and checks): the sign-in page's and the console
 * frame's (i18n-zh-CN.ts, i18n-en-US.ts), the platform's console texts (i18n-*.modules.ts) and
 * every listed module's own bundle, and the names of permissions and audit actions (i18n-*.audit.ts). The app loads only the language in use, the sign-in page's
 * texts first and the rest before any other page, see platform/i18n/i18n.ts.
 */
async function all(lang: Lang, shell: object, platform: object, audit: object) {
  const modules = await Promise.all(MODULES.flatMap((m) => (m.texts ? [m.texts[lang]().then((b) => b.default)] : [])));
  return mergeBundles([platform, ...modules, audit, shell]);
}

export const resources = { 'zh-CN': await all('zh-CN', zhShell, zhPlatform, zhAudit), 'en-US': await all('en-US', enShell, enPlatform, enAudit) };
