import { lazy, type ReactNode } from 'react';
import { Navigate, createBrowserRouter } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useMe } from '../platform/auth/me';
import { fetchChildren, placeKeys } from '../platform/places/places.api';
import { PageSpin } from '../platform/ui/PageSpin';
import { moduleTexts } from '../platform/i18n/i18n';
import { RequireAuth } from './RequireAuth';
import { homeFor } from './home';
import { PHONE_QUERY } from '../platform/layout/useIsPhone';

// Every page is its own chunk, the console's frame too: the sign-in page loads no console, the
// first screen no other page (issue 10, item 23: ≤ 300 KB of gzipped script on a first load).
// Every page but sign-in is drawn once the modules' texts are in too (one chunk, fetched with it).
const page = (load: Parameters<typeof lazy>[0]) => lazy(() => Promise.all([load(), moduleTexts()]).then(([m]) => m));
const AppLayout = page(() => import('../platform/layout/AppLayout').then((m) => ({ default: m.AppLayout })));
const LoginPage = lazy(() => import('../modules/auth/LoginPage').then((m) => ({ default: m.LoginPage })));
const ForcedPasswordPage = page(() => import('../modules/auth/ForcedPasswordPage').then((m) => ({ default: m.ForcedPasswordPage })));
const NotFoundPage = page(() => import('../modules/auth/NotFoundPage').then((m) => ({ default: m.NotFoundPage })));
const TodosPage = page(() => import('../modules/todos/TodosPage').then((m) => ({ default: m.TodosPage })));

const RegistryPage = page(() => import('../modules/registry/places/RegistryPage'));
const PlaceSetupPage = page(() => import('../modules/registry/setup/PlaceSetupPage'));
const HouseholdsPage = page(() => import('../modules/registry/households/HouseholdsPage'));
const ResidentsPage = page(() => import('../modules/registry/residents/ResidentsPage'));
const ResidentDetailPage = page(() => import('../modules/registry/residents/ResidentDetailPage'));
const GridsPage = page(() => import('../modules/registry/grids/GridsPage'));
const EmployersPage = page(() => import('../modules/registry/employers/EmployersPage'));
const ImportPage = page(() => import('../modules/imports/ImportPage'));
const UsersPage = page(() => import('../modules/admin/users/UsersPage'));
const TokensPage = page(() => import('../modules/admin/tokens/TokensPage'));
const CalendarPage = page(() => import('../modules/admin/calendar/CalendarPage'));
const DutiesPage = page(() => import('../modules/admin/duties/DutiesPage'));
const AuditPage = page(() => import('../modules/audit/AuditPage'));
const ResidentHomePage = page(() => import('../modules/resident/ResidentHomePage'));
const CampaignsPage = page(() => import('../modules/screening/CampaignsPage'));
const CampaignDetailPage = page(() => import('../modules/screening/CampaignDetailPage'));
const FindingPage = page(() => import('../modules/screening/FindingPage'));
const VisitPage = page(() => import('../modules/screening/visit/VisitPage'));
const DashboardPage = page(() => import('../modules/dashboard/DashboardPage'));
const InboundQueuePage = page(() => import('../modules/inbound/InboundQueuePage'));
const InboundRequestPage = page(() => import('../modules/inbound/InboundRequestPage'));
const InboundSubmitPage = page(() => import('../modules/inbound/InboundSubmitPage'));
const InboundSettingsPage = page(() => import('../modules/inbound/InboundSettingsPage'));
const InboundFiguresPage = page(() => import('../modules/inbound/InboundFiguresPage'));
const NoticePage = page(() => import('../modules/inbound/NoticePage'));
const ScanPage = page(() => import('../modules/inbound/ScanPage'));
const DeclarePage = page(() => import('../modules/inbound/DeclarePage'));
const DeclarationStatusPage = page(() => import('../modules/inbound/DeclarationStatusPage'));
const ObservationListPage = page(() => import('../modules/observation/ObservationListPage'));
const ObservationCasePage = page(() => import('../modules/observation/ObservationCasePage'));
const ObservationTodayPage = page(() => import('../modules/observation/ObservationTodayPage'));
const ObservationSettingsPage = page(() => import('../modules/observation/ObservationSettingsPage'));
const ContainmentCasesPage = page(() => import('../modules/containment/CasesPage'));
const ContainmentOrdersPage = page(() => import('../modules/containment/OrdersPage'));
const SealedMapPage = page(() => import('../modules/containment/SealedMapPage'));
const ContainmentSettingsPage = page(() => import('../modules/containment/ContainmentSettingsPage'));

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

const staffPage = (element: ReactNode) => <RequireAuth kind="staff">{element}</RequireAuth>;
const SdBoardPage = page(() => import('../modules/servicedesk/BoardPage'));
const SdOrdersPage = page(() => import('../modules/servicedesk/OrdersPage'));
const SdOrderDetailPage = page(() => import('../modules/servicedesk/OrderDetailPage'));
const SdFiguresPage = page(() => import('../modules/servicedesk/FiguresPage'));
const SdAccountabilityPage = page(() => import('../modules/servicedesk/AccountabilityPage'));
const SdSettingsPage = page(() => import('../modules/servicedesk/SettingsPage'));
const SdFieldPage = page(() => import('../modules/servicedesk/FieldPage'));
const SdFieldOrderPage = page(() => import('../modules/servicedesk/FieldPage').then((m) => ({ default: m.FieldOrderPage })));
const SdResidentReportPage = page(() => import('../modules/servicedesk/ResidentPages').then((m) => ({ default: m.ResidentReportPage })));
const GateScannerPage = page(() => import('../modules/access/GateScannerPage'));
const PassesPage = page(() => import('../modules/access/PassesPage'));
const PassCardPage = page(() => import('../modules/access/PassCardPage'));
const GatesPage = page(() => import('../modules/access/GatesPage'));
const GateFiguresPage = page(() => import('../modules/access/GateFiguresPage'));
const GateEventsPage = page(() => import('../modules/access/GateEventsPage'));
const MyPassesPage = page(() => import('../modules/access/MyPassesPage'));
const SdResidentOrderPage = page(() => import('../modules/servicedesk/ResidentPages').then((m) => ({ default: m.ResidentOrderPage })));

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  { path: '/change-password', element: <ForcedPasswordPage /> },
  // Public: the online entry declaration and its status page (no account needed).
  { path: '/declare', element: <DeclarePage /> },
  { path: '/declare/status', element: <DeclarationStatusPage /> },
  // Staff pages without the console around them: the printable notice, and phone pages.
  { path: '/inbound/requests/:id/notice', element: staffPage(<NoticePage />) },
  { path: '/inbound/scan', element: staffPage(<ScanPage />) },
  { path: '/observation/today', element: staffPage(<ObservationTodayPage />) },
  {
    path: '/resident',
    element: (
      <RequireAuth kind="resident">
        <ResidentHomePage />
      </RequireAuth>
    ),
  },
  // The visitor's phone page works offline, so it checks who is signed in itself (see VisitPage).
  { path: '/screening/visit', element: <VisitPage /> },
  // The gate scanner works offline too, so it checks who is signed in itself (see GateScannerPage).
  { path: '/gate', element: <GateScannerPage /> },
  { path: '/access/passes/:id/card', element: staffPage(<PassCardPage />) },
  {
    path: '/resident/passes',
    element: (
      <RequireAuth kind="resident">
        <MyPassesPage />
      </RequireAuth>
    ),
  },
  {
    path: '/resident/report',
    element: (
      <RequireAuth kind="resident">
        <SdResidentReportPage />
      </RequireAuth>
    ),
  },
  {
    path: '/resident/orders/:id',
    element: (
      <RequireAuth kind="resident">
        <SdResidentOrderPage />
      </RequireAuth>
    ),
  },
  // The repairer's phone pages: staff, but without the console around them.
  {
    path: '/field',
    element: (
      <RequireAuth kind="staff">
        <SdFieldPage />
      </RequireAuth>
    ),
  },
  {
    path: '/field/orders/:id',
    element: (
      <RequireAuth kind="staff">
        <SdFieldOrderPage />
      </RequireAuth>
    ),
  },
  {
    path: '/',
    element: (
      <RequireAuth kind="staff">
        <AppLayout />
      </RequireAuth>
    ),
    children: [
      { index: true, element: <Home /> },
      { path: 'todos', element: <TodosPage /> },
      { path: 'dashboard', element: <DashboardPage /> },
      { path: 'inbound', element: <InboundQueuePage /> },
      { path: 'inbound/new', element: <InboundSubmitPage /> },
      { path: 'inbound/requests/:id', element: <InboundRequestPage /> },
      { path: 'inbound/settings', element: <InboundSettingsPage /> },
      { path: 'inbound/figures', element: <InboundFiguresPage /> },
      { path: 'observation', element: <ObservationListPage /> },
      { path: 'observation/cases/:id', element: <ObservationCasePage /> },
      { path: 'observation/settings', element: <ObservationSettingsPage /> },
      { path: 'containment/cases', element: <ContainmentCasesPage /> },
      { path: 'containment/orders', element: <ContainmentOrdersPage /> },
      { path: 'containment/map', element: <SealedMapPage /> },
      { path: 'containment/settings', element: <ContainmentSettingsPage /> },
      { path: 'setup', element: <PlaceSetupPage /> },
      { path: 'registry', element: <RegistryPage /> },
      { path: 'registry/:placeId', element: <RegistryPage /> },
      // Links the server puts in notifications and to-dos.
      { path: 'registry/places/:placeId', element: <RegistryPage /> },
      { path: 'households', element: <HouseholdsPage /> },
      { path: 'residents', element: <ResidentsPage /> },
      { path: 'residents/:id', element: <ResidentDetailPage /> },
      { path: 'imports', element: <ImportPage /> },
      { path: 'imports/:id', element: <ImportPage /> },
      { path: 'grids', element: <GridsPage /> },
      { path: 'employers', element: <EmployersPage /> },
      { path: 'duties', element: <DutiesPage /> },
      { path: 'admin/users', element: <UsersPage /> },
      { path: 'admin/tokens', element: <TokensPage /> },
      { path: 'admin/calendar', element: <CalendarPage /> },
      { path: 'audit', element: <AuditPage /> },
      { path: 'screening/campaigns', element: <CampaignsPage /> },
      { path: 'screening/campaigns/:id', element: <CampaignDetailPage /> },
      { path: 'screening/findings/:id', element: <FindingPage /> },
      { path: 'servicedesk', element: <SdBoardPage /> },
      { path: 'servicedesk/orders', element: <SdOrdersPage /> },
      { path: 'servicedesk/orders/:id', element: <SdOrderDetailPage /> },
      { path: 'servicedesk/figures', element: <SdFiguresPage /> },
      { path: 'servicedesk/accountability', element: <SdAccountabilityPage /> },
      { path: 'servicedesk/settings', element: <SdSettingsPage /> },
      { path: 'access/passes', element: <PassesPage /> },
      { path: 'access/gates', element: <GatesPage /> },
      { path: 'access/figures', element: <GateFiguresPage /> },
      { path: 'access/events', element: <GateEventsPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
