import { defineWebModule } from '../../platform/modules';
import { auditTexts } from '../../platform/i18n/i18n';

/** The audit log: who did what, filtered and labelled in both languages. */
export default defineWebModule({
  name: 'audit',
  // The log names every module's actions and record types: the page waits for those names (auditTexts).
  routes: { console: [{ path: 'audit', page: () => Promise.all([import('./AuditPage'), auditTexts()]).then(([m]) => m) }] },
  menu: () => import('./menu'),
  texts: { 'zh-CN': () => import('./i18n-zh-CN'), 'en-US': () => import('./i18n-en-US') },
});
