import i18n from 'i18next';
import type { Locale } from 'antd/es/locale';
import { initReactI18next, useTranslation } from 'react-i18next';
import type { Lang, LocalizedText } from '@jiayuan/contracts';

// The contracts' LANGS and DEFAULT_LANG, spelled out here: importing a value from the contracts
// brings zod (their schemas) into the first load of every page (issue 10, item 23).
const LANGS: readonly Lang[] = ['zh-CN', 'en-US'];
const DEFAULT_LANG: Lang = 'zh-CN';
import { setApiLang } from '../api/client';
import { setTimeLocale } from '../time';
import { webModulesReady } from '../modules';

const STORAGE_KEY = 'jiayuan.lang';

function initialLang(): Lang {
  const stored = typeof localStorage !== 'undefined' ? localStorage.getItem(STORAGE_KEY) : null;
  if (stored && (LANGS as readonly string[]).includes(stored)) return stored as Lang;
  return DEFAULT_LANG;
}

// Only the language in use is fetched (issue 10, item 23): the sign-in page's texts (and the
// console frame's), then, before any other page is drawn, the platform's console texts and every
// module's own (each module's manifest names its bundles; the build puts them in one chunk).
const bundles: Record<Lang, () => Promise<{ default: object; antdLocale: Locale }>> = {
  'zh-CN': () => import('../../i18n-zh-CN'),
  'en-US': () => import('../../i18n-en-US'),
};
const moduleBundles: Record<Lang, () => Promise<{ default: object }>> = {
  'zh-CN': () => import('../../i18n-zh-CN.modules'),
  'en-US': () => import('../../i18n-en-US.modules'),
};

// The names of every permission, audit action and record type: only the pages that show them wait for these.
const auditBundles: Record<Lang, () => Promise<{ default: object }>> = {
  'zh-CN': () => import('../../i18n-zh-CN.audit'),
  'en-US': () => import('../../i18n-en-US.audit'),
};

const antdLocales: Partial<Record<Lang, Locale>> = {};
/** Set once a page beyond sign-in asked for the modules' texts: a switch of language brings them too. */
let modulesWanted = false;
const modulesIn = new Set<Lang>();

async function loadModules(lang: Lang) {
  if (modulesIn.has(lang)) return;
  const modules = await webModulesReady();
  const loaded = await Promise.all([moduleBundles[lang](), ...modules.map((m) => m.texts?.[lang]()).filter((p) => p !== undefined)]);
  // Deep, and never over the frame's own texts.
  for (const bundle of loaded) i18n.addResourceBundle(lang, 'translation', bundle.default, true, false);
  modulesIn.add(lang);
}

/** Set once a page showing permission or audit-action names asked for them: a switch of language brings them too. */
let auditWanted = false;
const auditIn = new Set<Lang>();

async function loadAudit(lang: Lang) {
  if (auditIn.has(lang)) return;
  i18n.addResourceBundle(lang, 'translation', (await auditBundles[lang]()).default, true, false);
  auditIn.add(lang);
}

/** The names of permissions, audit actions and record types in the language in use: the audit log and API tokens pages wait for them. */
export function auditTexts(): Promise<void> {
  auditWanted = true;
  return loadAudit(currentLang());
}

async function loadLang(lang: Lang) {
  const frame = antdLocales[lang]
    ? Promise.resolve()
    : bundles[lang]().then((bundle) => {
        antdLocales[lang] = bundle.antdLocale;
        i18n.addResourceBundle(lang, 'translation', bundle.default, true, true);
      });
  await Promise.all([frame, modulesWanted ? loadModules(lang) : null, auditWanted ? loadAudit(lang) : null]);
}

/** The modules' texts in the language in use: every page but sign-in waits for them (see routes.tsx). */
export function moduleTexts(): Promise<void> {
  modulesWanted = true;
  return loadModules(currentLang());
}

/** antd's locale for a language already loaded (see loadLang). */
export function antdLocaleOf(lang: Lang): Locale | undefined {
  return antdLocales[lang];
}

const first = initialLang();
/** Settles when the first language's texts are in: render after it (see main.tsx). */
export const i18nReady: Promise<void> = (async () => {
  await i18n.use(initReactI18next).init({
    resources: {},
    lng: first,
    fallbackLng: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  // A first load of any page but sign-in fetches the modules' texts at the same time.
  if (typeof location !== 'undefined' && location.pathname !== '/login') modulesWanted = true;
  await loadLang(first);
})();
applyLang(first);

function applyLang(lang: Lang) {
  setApiLang(lang);
  setTimeLocale(lang);
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
}

/** Switches the UI language now and remembers it on this device. */
export async function changeLang(lang: Lang) {
  await loadLang(lang);
  localStorage.setItem(STORAGE_KEY, lang);
  applyLang(lang);
  await i18n.changeLanguage(lang);
}

export function currentLang(): Lang {
  return (i18n.language as Lang) ?? DEFAULT_LANG;
}

/** useTranslation plus the current language and a picker for server texts in both languages. */
export function useI18n() {
  const { t, i18n: inst } = useTranslation();
  const lang = (inst.language as Lang) ?? DEFAULT_LANG;
  const pick = (text: LocalizedText | null | undefined) => (text ? text[lang] || text['zh-CN'] : '');
  return { t, lang, pick };
}

export { i18n };
