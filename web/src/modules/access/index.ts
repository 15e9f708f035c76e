import { defineWebModule } from '../../platform/modules';

/** Passes and gates: issuing passes, the gates and their figures, the guard's offline scanner. */
export default defineWebModule({
  name: 'access',
  routes: {
    console: [
      { path: 'access/passes', page: () => import('./PassesPage') },
      { path: 'access/gates', page: () => import('./GatesPage') },
      { path: 'access/figures', page: () => import('./GateFiguresPage') },
      { path: 'access/events', page: () => import('./GateEventsPage') },
    ],
    bare: [
      // The gate scanner works offline, so it checks who is signed in itself (see GateScannerPage).
      { path: '/gate', page: () => import('./GateScannerPage') },
      { path: '/access/passes/:id/card', page: () => import('./PassCardPage'), auth: 'staff' },
    ],
    resident: [{ path: '/resident/passes', page: () => import('./MyPassesPage') }],
  },
  menu: () => import('./menu'),
  texts: { 'zh-CN': () => import('./i18n-zh-CN'), 'en-US': () => import('./i18n-en-US') },
  residentTiles: [{ key: 'access-passes', order: 30, tile: () => import('./ResidentPassesTile') }],
});
