/** Words ending in -s after a number that are not plural nouns ("{{name}} has…", "… as done"). */
const NOT_PLURAL = new Set(['has', 'was', 'its', 'this', 'does', 'is', 'as']);

/**
 * Whether an English text sets a number before a plural noun ("{{n}} days", "{minutes} more
 * minutes"), which reads "1 days" for one: such a text is a plural key or says it another way
 * ("Days: {{n}}"). `placeholder` finds what is set in and the up to three words after it (group 1
 * an optional "/ " before it, 2 its name, 3 the words); `notCounts` names what is set in but is not
 * a number (a name, a field). A fraction ("{{done}} / {{total}} rows") is not a count of one.
 */
export function countBeforePlural(text: string, placeholder: RegExp, notCounts: ReadonlySet<string>): boolean {
  return [...text.matchAll(placeholder)].some(
    ([, fraction, v, words]) =>
      !fraction &&
      !notCounts.has(v!) &&
      words!
        .trim()
        .split(/\s+/)
        .some((w) => w.length > 2 && w.endsWith('s') && !NOT_PLURAL.has(w)),
  );
}

/** i18next's `{{n}}`, and the server's messages' `{n}`, each with an optional "/ " before and three words after. */
export const I18NEXT_VALUE = /(\/\s?)?\{\{\s*(\w+)\s*\}\}((?:\s+[a-z]+){1,3})/g;
export const MESSAGE_VALUE = /(\/\s?)?\{(\w+)\}((?:\s+[a-z]+){1,3})/g;
