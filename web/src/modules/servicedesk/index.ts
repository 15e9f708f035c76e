import { defineWebModule } from '../../platform/modules';

/** The service desk: the hotline board, work orders, the repairer's phone pages, residents' reports. */
export default defineWebModule({
  name: 'servicedesk',
  routes: {
    console: [
      { path: 'servicedesk', page: () => import('./BoardPage') },
      { path: 'servicedesk/orders', page: () => import('./OrdersPage') },
      { path: 'servicedesk/orders/:id', page: () => import('./OrderDetailPage') },
      { path: 'servicedesk/figures', page: () => import('./FiguresPage') },
      { path: 'servicedesk/accountability', page: () => import('./AccountabilityPage') },
      { path: 'servicedesk/settings', page: () => import('./SettingsPage') },
    ],
    // The repairer's phone pages: staff, but without the console around them.
    bare: [
      { path: '/field', page: () => import('./FieldPage'), auth: 'staff' },
      { path: '/field/orders/:id', page: () => import('./FieldPage').then((m) => ({ default: m.FieldOrderPage })), auth: 'staff' },
    ],
    resident: [
      { path: '/resident/report', page: () => import('./ResidentPages').then((m) => ({ default: m.ResidentReportPage })) },
      { path: '/resident/orders/:id', page: () => import('./ResidentPages').then((m) => ({ default: m.ResidentOrderPage })) },
    ],
  },
  menu: () => import('./menu'),
  texts: { 'zh-CN': () => import('./i18n-zh-CN'), 'en-US': () => import('./i18n-en-US') },
  liveTopics: [{ topic: 'servicedesk', event: 'servicedesk.changed' }],
  residentTiles: [{ key: 'servicedesk-orders', order: 40, tile: () => import('./ResidentPages').then((m) => ({ default: m.ResidentOrdersCard })) }],
});
