// Every module's names for its permissions, audit actions and record types (modules/<m>/audit-actions.i18n.ts), in
// en-US: fetched only by the pages that show them (the audit log, API tokens; see platform/i18n/i18n.ts auditTexts), not
// with every console page (issue 10, item 23). vite.config.ts keeps the other language out and puts them in one chunk.
import { mergeBundles } from './platform/i18n/merge';

const bundles = import.meta.glob<{ en: object }>('./modules/*/audit-actions.i18n.ts', { eager: true });

export default mergeBundles(Object.values(bundles).map((b) => b.en));
