import { z } from 'zod';

/** The two UI languages; zh-CN is the default everywhere. */
export const LANGS = ['zh-CN', 'en-US'] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = 'zh-CN';

/** A text in both UI languages, e.g. an error message or a notification title. */
export const LocalizedText = z.object({ 'zh-CN': z.string(), 'en-US': z.string() });
export type LocalizedText = z.infer<typeof LocalizedText>;

/** Picks the request language from an Accept-Language header; zh-CN unless English is preferred. */
export function pickLang(acceptLanguage: string | undefined | null): Lang {
  if (!acceptLanguage) return DEFAULT_LANG;
  const first = acceptLanguage.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en-US' : DEFAULT_LANG;
}
