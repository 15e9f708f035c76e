import { defineWebModule } from '../../platform/modules';

/** Duty and mobilisation: call-ups filling live, posts and shifts, the roster of reported members, teams, "2+1"; members on the phone. */
export default defineWebModule({
  name: 'duty',
  routes: {
    console: [
      { path: 'duty/call-ups', page: () => import('./CallUpsPage') },
      { path: 'duty/call-ups/:id', page: () => import('./CallUpPage') },
      { path: 'duty/posts', page: () => import('./PostsPage') },
      { path: 'duty/calendar', page: () => import('./CalendarPage') },
      { path: 'duty/shifts/:id', page: () => import('./ShiftPage') },
      { path: 'duty/members', page: () => import('./MembersPage') },
      { path: 'duty/teams', page: () => import('./TeamsPage') },
      { path: 'duty/coverage', page: () => import('./CoveragePage') },
      { path: 'duty/settings', page: () => import('./SettingsPage') },
    ],
    // The weekly duty table, printed and pinned up at the post.
    bare: [{ path: '/duty/posts/:id/table', page: () => import('./DutyTablePage'), auth: 'staff' }],
    resident: [
      { path: '/resident/duty', page: () => import('./MyDutyPage') },
      { path: '/resident/duty/report', page: () => import('./ReportPage') },
      { path: '/resident/duty/shifts', page: () => import('./OpenShiftsPage') },
      { path: '/resident/duty/scan', page: () => import('./ScanPage') },
    ],
  },
  menu: () => import('./menu'),
  texts: { 'zh-CN': () => import('./i18n-zh-CN'), 'en-US': () => import('./i18n-en-US') },
  dashboardCards: { 'duty.today': () => import('./DutyCard') },
  liveTopics: [{ topic: 'duty', event: 'duty.changed' }],
  residentTiles: [{ key: 'duty', order: 35, tile: () => import('./DutyTile') }],
});
