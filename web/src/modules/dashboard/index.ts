import { defineWebModule } from '../../platform/modules';

/** The coordinator's first screen: every module's dashboard card, refreshed live. */
export default defineWebModule({
  name: 'dashboard',
  routes: { console: [{ path: 'dashboard', page: () => import('./DashboardPage') }] },
  menu: () => import('./menu'),
  texts: { 'zh-CN': () => import('./i18n-zh-CN'), 'en-US': () => import('./i18n-en-US') },
});
