import { defineWebModule } from '../../platform/modules';

/** The audit log: who did what, filtered and labelled in both languages. */
export default defineWebModule({
  name: 'audit',
  routes: { console: [{ path: 'audit', page: () => import('./AuditPage') }] },
  menu: () => import('./menu'),
  texts: { 'zh-CN': () => import('./i18n-zh-CN'), 'en-US': () => import('./i18n-en-US') },
});
