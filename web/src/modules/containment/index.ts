import { defineWebModule } from '../../platform/modules';

/** Containment: confirmed and suspected cases, sealing orders and the sealed-places map. */
export default defineWebModule({
  name: 'containment',
  routes: {
    console: [
      { path: 'containment/cases', page: () => import('./CasesPage') },
      { path: 'containment/orders', page: () => import('./OrdersPage') },
      { path: 'containment/map', page: () => import('./SealedMapPage') },
      { path: 'containment/settings', page: () => import('./ContainmentSettingsPage') },
    ],
  },
  menu: () => import('./menu'),
  texts: { 'zh-CN': () => import('./i18n-zh-CN'), 'en-US': () => import('./i18n-en-US') },
  dashboardCards: { 'containment.sealed': () => import('./SealedCard') },
  liveTopics: [{ topic: 'containment', event: 'containment.changed' }],
});
