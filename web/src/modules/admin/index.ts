import { defineWebModule } from '../../platform/modules';
import { auditTexts } from '../../platform/i18n/i18n';

/** Administration: users and their scopes, API tokens, the working calendar, and recurring duties. */
export default defineWebModule({
  name: 'admin',
  routes: {
    console: [
      { path: 'duties', page: () => import('./duties/DutiesPage') },
      { path: 'admin/users', page: () => import('./users/UsersPage') },
      // A token's permissions are named: the page waits for those names (auditTexts).
      { path: 'admin/tokens', page: () => Promise.all([import('./tokens/TokensPage'), auditTexts()]).then(([m]) => m) },
      { path: 'admin/calendar', page: () => import('./calendar/CalendarPage') },
    ],
  },
  menu: () => import('./menu'),
  texts: { 'zh-CN': () => import('./i18n-zh-CN'), 'en-US': () => import('./i18n-en-US') },
});
