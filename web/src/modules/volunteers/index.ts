import { defineWebModule } from '../../platform/modules';

/** Volunteers and the love bank: needs ordered online and served offline, activities, same-day dispatch, verified hours, the time bank; residents and volunteers on the phone. */
export default defineWebModule({
  name: 'volunteers',
  routes: {
    console: [
      { path: 'volunteers/needs', page: () => import('./NeedsBoardPage') },
      { path: 'volunteers/needs/:id', page: () => import('./NeedDetailPage') },
      { path: 'volunteers/people', page: () => import('./PeoplePage') },
      { path: 'volunteers/activities', page: () => import('./ActivitiesPage') },
      { path: 'volunteers/activities/:id', page: () => import('./ActivityPage') },
      { path: 'volunteers/dispatches', page: () => import('./DispatchesPage') },
      { path: 'volunteers/dispatches/:id', page: () => import('./DispatchPage') },
      { path: 'volunteers/hours', page: () => import('./HoursPage') },
      { path: 'volunteers/bank', page: () => import('./BankAdminPage') },
      { path: 'volunteers/awards', page: () => import('./AwardsPage') },
      { path: 'volunteers/figures', page: () => import('./FiguresPage') },
    ],
    resident: [
      { path: '/resident/volunteers', page: () => import('./HomePage') },
      { path: '/resident/volunteers/needs/new', page: () => import('./PublishNeedPage') },
      { path: '/resident/volunteers/needs/:id', page: () => import('./NeedPage') },
      { path: '/resident/volunteers/near', page: () => import('./NearNeedsPage') },
      { path: '/resident/volunteers/activities', page: () => import('./ActivitiesPhonePage') },
      { path: '/resident/volunteers/scan', page: () => import('./ScanPage') },
      { path: '/resident/volunteers/me', page: () => import('./MePage') },
      { path: '/resident/volunteers/bank', page: () => import('./BankPage') },
      // The addresses the server's notifications to residents and volunteers point at.
      { path: '/volunteers/my', page: () => import('./HomePage') },
      { path: '/volunteers/my/needs/:id', page: () => import('./NeedPage') },
    ],
  },
  menu: () => import('./menu'),
  texts: { 'zh-CN': () => import('./i18n-zh-CN'), 'en-US': () => import('./i18n-en-US') },
  dashboardCards: { 'volunteers.today': () => import('./VolunteersCard') },
  liveTopics: [{ topic: 'volunteers', event: 'volunteers.changed' }],
  residentTiles: [{ key: 'volunteers', order: 40, tile: () => import('./VolunteersTile') }],
});
