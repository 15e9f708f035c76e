import { defineWebModule } from '../../platform/modules';

/** Administration: users and their scopes, API tokens, the working calendar, and recurring duties. */
export default defineWebModule({
  name: 'admin',
  routes: {
    console: [
      { path: 'duties', page: () => import('./duties/DutiesPage') },
      { path: 'admin/users', page: () => import('./users/UsersPage') },
      { path: 'admin/tokens', page: () => import('./tokens/TokensPage') },
      { path: 'admin/calendar', page: () => import('./calendar/CalendarPage') },
    ],
  },
  menu: () => import('./menu'),
  texts: { 'zh-CN': () => import('./i18n-zh-CN'), 'en-US': () => import('./i18n-en-US') },
});
