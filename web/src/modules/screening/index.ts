import { defineWebModule } from '../../platform/modules';

/** Door-to-door screening: campaigns, assignments, findings, and the visitor's offline phone page. */
export default defineWebModule({
  name: 'screening',
  routes: {
    console: [
      { path: 'screening/campaigns', page: () => import('./CampaignsPage') },
      { path: 'screening/campaigns/:id', page: () => import('./CampaignDetailPage') },
      { path: 'screening/findings/:id', page: () => import('./FindingPage') },
    ],
    // The visitor's phone page works offline, so it checks who is signed in itself (see VisitPage).
    bare: [{ path: '/screening/visit', page: () => import('./visit/VisitPage') }],
  },
  menu: () => import('./menu'),
  texts: { 'zh-CN': () => import('./i18n-zh-CN'), 'en-US': () => import('./i18n-en-US') },
  liveTopics: [{ topic: 'screening', event: 'screening.coverage' }],
});
