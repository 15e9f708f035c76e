import { defineWebModule } from '../../platform/modules';

/** Returning residents: requests, the online declaration, the closed loop and its figures. */
export default defineWebModule({
  name: 'inbound',
  routes: {
    console: [
      { path: 'inbound', page: () => import('./InboundQueuePage') },
      { path: 'inbound/new', page: () => import('./InboundSubmitPage') },
      { path: 'inbound/requests/:id', page: () => import('./InboundRequestPage') },
      { path: 'inbound/settings', page: () => import('./InboundSettingsPage') },
      { path: 'inbound/figures', page: () => import('./InboundFiguresPage') },
    ],
    bare: [
      // Public: the online entry declaration and its status page (no account needed).
      { path: '/declare', page: () => import('./DeclarePage') },
      { path: '/declare/status', page: () => import('./DeclarationStatusPage') },
      // Staff pages without the console around them: the printable notice, and the phone's scanner.
      { path: '/inbound/requests/:id/notice', page: () => import('./NoticePage'), auth: 'staff' },
      { path: '/inbound/scan', page: () => import('./ScanPage'), auth: 'staff' },
    ],
  },
  menu: () => import('./menu'),
  texts: { 'zh-CN': () => import('./i18n-zh-CN'), 'en-US': () => import('./i18n-en-US') },
  liveTopics: [{ topic: 'inbound', event: 'inbound.changed' }],
  residentTiles: [{ key: 'inbound-declarations', order: 20, tile: () => import('./ResidentDeclarationsTile') }],
});
