import { defineWebModule } from '../../platform/modules';

// One page for several addresses: one loader, so the page stays mounted from one to the other.
const registryPage = () => import('./places/RegistryPage');

/** The register: the place tree (and its first-run setup), households, residents, grids, employers. */
export default defineWebModule({
  name: 'registry',
  routes: {
    console: [
      { path: 'setup', page: () => import('./setup/PlaceSetupPage') },
      { path: 'registry', page: registryPage },
      { path: 'registry/:placeId', page: registryPage },
      // Links the server puts in notifications and to-dos.
      { path: 'registry/places/:placeId', page: registryPage },
      { path: 'households', page: () => import('./households/HouseholdsPage') },
      { path: 'residents', page: () => import('./residents/ResidentsPage') },
      { path: 'residents/:id', page: () => import('./residents/ResidentDetailPage') },
      { path: 'grids', page: () => import('./grids/GridsPage') },
      { path: 'employers', page: () => import('./employers/EmployersPage') },
    ],
  },
  menu: () => import('./menu'),
  texts: { 'zh-CN': () => import('./i18n-zh-CN'), 'en-US': () => import('./i18n-en-US') },
});
