import { lazy, type ReactNode } from 'react';
import { Navigate, createBrowserRouter, type RouteObject } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useMe } from '../platform/auth/me';
import { fetchChildren, placeKeys } from '../platform/places/places.api';
import { installModules, type BareRoute, type PageLoader } from '../platform/modules';
import { MODULES } from './modules';
import { PageSpin } from '../platform/ui/PageSpin';
import { moduleTexts } from '../platform/i18n/i18n';
import { RequireAuth } from './RequireAuth';
import { homeFor } from './home';
import { PHONE_QUERY } from '../platform/layout/useIsPhone';

installModules(MODULES);

// Every page is its own chunk, the console's frame too: the sign-in page loads no console, the
// first screen no other page (issue 10, item 23: ≤ 300 KB of gzipped script on a first load).
// Every page but sign-in is drawn once the modules' texts are in too (fetched with it).
const page = (load: PageLoader) => lazy(() => Promise.all([load(), moduleTexts()]).then(([m]) => m));
// The console's frame waits for the modules' menu entries as well (their icons are in their chunks).
const AppLayout = page(() =>
  Promise.all([import('../platform/layout/AppLayout'), import('../platform/layout/menu').then((m) => m.loadMenu())]).then(([m]) => ({ default: m.AppLayout })),
);

// One component per loader: paths that share a page (a manifest's one loader) keep it mounted
// from one to the other, as one lazy component always did.
const pages = new Map<PageLoader, ReturnType<typeof page>>();

/** A module's page as a route, behind the sign-in its kind asks for. */
function element(route: BareRoute, kind: 'console' | 'bare' | 'resident'): ReactNode {
  let Page = pages.get(route.page);
  if (!Page) pages.set(route.page, (Page = route.shellTextsOnly ? lazy(route.page) : page(route.page)));
  if (kind === 'resident')
    return (
      <RequireAuth kind="resident">
        <Page />
      </RequireAuth>
    );
  if (kind === 'bare' && route.auth === 'staff')
    return (
      <RequireAuth kind="staff">
        <Page />
      </RequireAuth>
    );
  return <Page />;
}

/** Each role starts on the page it works from (see home.ts). */
function Home() {
  const { me } = useMe();
  // A fresh install has no places: its admin is led to the first-run setup before anything else.
  const mayStart = !!me?.scope.all && !!me?.permissions.includes('place.manage');
  const roots = useQuery({ queryKey: placeKeys.children(null), queryFn: () => fetchChildren(null), enabled: mayStart });
  if (mayStart && roots.isPending) return <PageSpin />;
  if (mayStart && roots.data?.length === 0) return <Navigate to="/setup" replace />;
  const phone = window.matchMedia(PHONE_QUERY).matches;
  return <Navigate to={homeFor(me?.roles ?? [], phone)} replace />;
}

const routes = (kind: 'console' | 'bare' | 'resident') =>
  MODULES.flatMap((m) => (m.routes?.[kind] ?? []).map((r): RouteObject => ({ path: r.path, element: element(r, kind) })));

export const router = createBrowserRouter([
  ...routes('bare'),
  ...routes('resident'),
  {
    path: '/',
    element: (
      <RequireAuth kind="staff">
        <AppLayout />
      </RequireAuth>
    ),
    children: [{ index: true, element: <Home /> }, ...routes('console')],
  },
]);
