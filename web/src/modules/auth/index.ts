import { defineWebModule } from '../../platform/modules';

/** Signing in, the forced password change, and the console's page for an unknown address. */
export default defineWebModule({
  name: 'auth',
  routes: {
    bare: [
      // The sign-in page draws with the shell's texts alone (a first visit loads no module's texts).
      { path: '/login', page: () => import('./LoginPage').then((m) => ({ default: m.LoginPage })), shellTextsOnly: true },
      { path: '/change-password', page: () => import('./ForcedPasswordPage').then((m) => ({ default: m.ForcedPasswordPage })) },
    ],
    console: [{ path: '*', page: () => import('./NotFoundPage').then((m) => ({ default: m.NotFoundPage })) }],
  },
});
