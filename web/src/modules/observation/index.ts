import { defineWebModule } from '../../platform/modules';

/** Home observation: the cases, their readings, and the health worker's day on the phone. */
export default defineWebModule({
  name: 'observation',
  routes: {
    console: [
      { path: 'observation', page: () => import('./ObservationListPage') },
      { path: 'observation/cases/:id', page: () => import('./ObservationCasePage') },
      { path: 'observation/settings', page: () => import('./ObservationSettingsPage') },
    ],
    bare: [{ path: '/observation/today', page: () => import('./ObservationTodayPage'), auth: 'staff' }],
  },
  menu: () => import('./menu'),
  texts: { 'zh-CN': () => import('./i18n-zh-CN'), 'en-US': () => import('./i18n-en-US') },
  liveTopics: [{ topic: 'observation', event: 'observation.changed' }],
});
