import type { LocalizedText } from '@jiayuan/contracts';

/**
 * The names of the kinds of to-do, as a person reads them in a to-do group's heading. Modules
 * register theirs at start (routes.ts); a recurring duty's kind needs none: its rule's title
 * names it.
 */
const labels = new Map<string, LocalizedText>();

export function registerObligationKinds(kinds: Record<string, LocalizedText>) {
  for (const [kind, label] of Object.entries(kinds)) labels.set(kind, label);
}

/** A kind's registered name, else the title its to-dos share (a recurring duty's), else the code itself. */
export function obligationKindLabel(kind: string, sharedTitle: LocalizedText | null): LocalizedText {
  return labels.get(kind) ?? sharedTitle ?? { 'zh-CN': kind, 'en-US': kind };
}
