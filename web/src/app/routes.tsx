import { lazy, type ReactNode } from 'react';
import { Navigate, createBrowserRouter } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useMe } from '../platform/auth/me';
import { fetchChildren, placeKeys } from '../modules/registry/shared/registry.api';
import { PageSpin } from '../platform/ui/PageSpin';
import { RequireAuth } from './RequireAuth';
import { homeFor } from './home';
import { PHONE_QUERY } from '../platform/layout/useIsPhone';

// Every page is its own chunk, the console's frame too: the sign-in page loads no console, the
// first screen no other page (issue 10, item 23: ≤ 300 KB of gzipped script on a first load).
const AppLayout = lazy(() => import('../platform/layout/AppLayout').then((m) => ({ default: m.AppLayout })));
const LoginPage = lazy(() => import('../modules/auth/LoginPage').then((m) => ({ default: m.LoginPage })));
const ForcedPasswordPage = lazy(() => import('../modules/auth/ForcedPasswordPage').then((m) => ({ default: m.ForcedPasswordPage })));
const NotFoundPage = lazy(() => import('../modules/auth/NotFoundPage').then((m) => ({ default: m.NotFoundPage })));
const TodosPage = lazy(() => import('../modules/todos/TodosPage').then((m) => ({ default: m.TodosPage })));

const RegistryPage = lazy(() => import('../modules/registry/places/RegistryPage'));
const PlaceSetupPage = lazy(() => import('../modules/registry/setup/PlaceSetupPage'));
const HouseholdsPage = lazy(() => import('../modules/registry/households/HouseholdsPage'));
const ResidentsPage = lazy(() => import('../modules/registry/residents/ResidentsPage'));
const ResidentDetailPage = lazy(() => import('../modules/registry/residents/ResidentDetailPage'));
const GridsPage = lazy(() => import('../modules/registry/grids/GridsPage'));
const EmployersPage = lazy(() => import('../modules/registry/employers/EmployersPage'));
const ImportPage = lazy(() => import('../modules/imports/ImportPage'));
const UsersPage = lazy(() => import('../modules/admin/users/UsersPage'));
const TokensPage = lazy(() => import('../modules/admin/tokens/TokensPage'));
const CalendarPage = lazy(() => import('../modules/admin/calendar/CalendarPage'));
const DutiesPage = lazy(() => import('../modules/admin/duties/DutiesPage'));
const AuditPage = lazy(() => import('../modules/audit/AuditPage'));
const ResidentHomePage = lazy(() => import('../modules/resident/ResidentHomePage'));
const CampaignsPage = lazy(() => import('../modules/screening/CampaignsPage'));
const CampaignDetailPage = lazy(() => import('../modules/screening/CampaignDetailPage'));
const FindingPage = lazy(() => import('../modules/screening/FindingPage'));
const VisitPage = lazy(() => import('../modules/screening/visit/VisitPage'));
const DashboardPage = lazy(() => import('../modules/dashboard/DashboardPage'));
const InboundQueuePage = lazy(() => import('../modules/inbound/InboundQueuePage'));
const InboundRequestPage = lazy(() => import('../modules/inbound/InboundRequestPage'));
const InboundSubmitPage = lazy(() => import('../modules/inbound/InboundSubmitPage'));
const InboundSettingsPage = lazy(() => import('../modules/inbound/InboundSettingsPage'));
const InboundFiguresPage = lazy(() => import('../modules/inbound/InboundFiguresPage'));
const NoticePage = lazy(() => import('../modules/inbound/NoticePage'));
const ScanPage = lazy(() => import('../modules/inbound/ScanPage'));
const DeclarePage = lazy(() => import('../modules/inbound/DeclarePage'));
const DeclarationStatusPage = lazy(() => import('../modules/inbound/DeclarationStatusPage'));
const ObservationListPage = lazy(() => import('../modules/observation/ObservationListPage'));
const ObservationCasePage = lazy(() => import('../modules/observation/ObservationCasePage'));
const ObservationTodayPage = lazy(() => import('../modules/observation/ObservationTodayPage'));
const ObservationSettingsPage = lazy(() => import('../modules/observation/ObservationSettingsPage'));
const ContainmentCasesPage = lazy(() => import('../modules/containment/CasesPage'));
const ContainmentOrdersPage = lazy(() => import('../modules/containment/OrdersPage'));
const SealedMapPage = lazy(() => import('../modules/containment/SealedMapPage'));
const ContainmentSettingsPage = lazy(() => import('../modules/containment/ContainmentSettingsPage'));

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
const SdBoardPage = lazy(() => import('../modules/servicedesk/BoardPage'));
const SdOrdersPage = lazy(() => import('../modules/servicedesk/OrdersPage'));
const SdOrderDetailPage = lazy(() => import('../modules/servicedesk/OrderDetailPage'));
const SdFiguresPage = lazy(() => import('../modules/servicedesk/FiguresPage'));
const SdAccountabilityPage = lazy(() => import('../modules/servicedesk/AccountabilityPage'));
const SdSettingsPage = lazy(() => import('../modules/servicedesk/SettingsPage'));
const SdFieldPage = lazy(() => import('../modules/servicedesk/FieldPage'));
const SdFieldOrderPage = lazy(() => import('../modules/servicedesk/FieldPage').then((m) => ({ default: m.FieldOrderPage })));
const SdResidentReportPage = lazy(() => import('../modules/servicedesk/ResidentPages').then((m) => ({ default: m.ResidentReportPage })));
const GateScannerPage = lazy(() => import('../modules/access/GateScannerPage'));
const PassesPage = lazy(() => import('../modules/access/PassesPage'));
const PassCardPage = lazy(() => import('../modules/access/PassCardPage'));
const GatesPage = lazy(() => import('../modules/access/GatesPage'));
const GateFiguresPage = lazy(() => import('../modules/access/GateFiguresPage'));
const GateEventsPage = lazy(() => import('../modules/access/GateEventsPage'));
const MyPassesPage = lazy(() => import('../modules/access/MyPassesPage'));
const SdResidentOrderPage = lazy(() => import('../modules/servicedesk/ResidentPages').then((m) => ({ default: m.ResidentOrderPage })));

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
