import { defineWebModule } from '../../platform/modules';

/** A resident's own home page on the phone: their household, every module's tiles, notifications. */
export default defineWebModule({
  name: 'resident',
  routes: { resident: [{ path: '/resident', page: () => import('./ResidentHomePage') }] },
});
