import { defineWebModule } from '../../platform/modules';

// One page for several addresses: one loader, so the page stays mounted from one to the other.
const importPage = () => import('./ImportPage');

/** The residents' register imported from Excel (the upload and job panels are the platform's: platform/imports). */
export default defineWebModule({
  name: 'imports',
  routes: {
    console: [
      { path: 'imports', page: importPage },
      { path: 'imports/:id', page: importPage },
    ],
  },
  menu: () => import('./menu'),
  texts: { 'zh-CN': () => import('./i18n-zh-CN'), 'en-US': () => import('./i18n-en-US') },
});
