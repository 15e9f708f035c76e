import type { ReactNode } from 'react';
import {
  AlertOutlined,
  ApartmentOutlined,
  AppstoreOutlined,
  IdcardOutlined,
  ScanOutlined,
  SafetyOutlined,
  AuditOutlined,
  BankOutlined,
  BarChartOutlined,
  CalendarOutlined,
  CheckSquareOutlined,
  CloudUploadOutlined,
  ClusterOutlined,
  CustomerServiceOutlined,
  DashboardOutlined,
  FieldTimeOutlined,
  FundOutlined,
  HeartOutlined,
  HomeOutlined,
  KeyOutlined,
  LockOutlined,
  LoginOutlined,
  MobileOutlined,
  OrderedListOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  SettingOutlined,
  TeamOutlined,
  ToolOutlined,
  UserOutlined,
} from '@ant-design/icons';
import type { Permission } from '@jiayuan/contracts';

export interface MenuEntry {
  key: string;
  path?: string;
  labelKey: string;
  icon: ReactNode;
  permission?: Permission;
  children?: MenuEntry[];
}

/** The staff console's side menu; an entry shows only with its permission. */
export const MENU: MenuEntry[] = [
  { key: 'dashboard', path: '/dashboard', labelKey: 'menu.dashboard', icon: <DashboardOutlined />, permission: 'dashboard.read' },
  { key: 'todos', path: '/todos', labelKey: 'menu.todos', icon: <CheckSquareOutlined /> },
  {
    key: 'epidemic',
    labelKey: 'menu.epidemic',
    icon: <HeartOutlined />,
    children: [
      { key: 'inbound', path: '/inbound', labelKey: 'menu.inbound', icon: <LoginOutlined />, permission: 'inbound.read' },
      { key: 'observation', path: '/observation', labelKey: 'menu.observation', icon: <HeartOutlined />, permission: 'observation.read' },
      { key: 'inboundFigures', path: '/inbound/figures', labelKey: 'menu.inboundFigures', icon: <BarChartOutlined />, permission: 'inbound.read' },
      { key: 'inboundSettings', path: '/inbound/settings', labelKey: 'menu.inboundSettings', icon: <FieldTimeOutlined />, permission: 'inbound.configure' },
      { key: 'observationSettings', path: '/observation/settings', labelKey: 'menu.observationSettings', icon: <FieldTimeOutlined />, permission: 'observation.manage' },
      { key: 'containmentOrders', path: '/containment/orders', labelKey: 'menu.containmentOrders', icon: <LockOutlined />, permission: 'containment.order.view' },
      { key: 'containmentMap', path: '/containment/map', labelKey: 'menu.containmentMap', icon: <AppstoreOutlined />, permission: 'containment.order.view' },
      { key: 'containmentCases', path: '/containment/cases', labelKey: 'menu.containmentCases', icon: <AlertOutlined />, permission: 'containment.case.view' },
      { key: 'containmentSettings', path: '/containment/settings', labelKey: 'menu.containmentSettings', icon: <FieldTimeOutlined />, permission: 'containment.settings' },
    ],
  },
  { key: 'registry', path: '/registry', labelKey: 'menu.registry', icon: <ApartmentOutlined />, permission: 'place.read' },
  { key: 'households', path: '/households', labelKey: 'menu.households', icon: <HomeOutlined />, permission: 'household.read' },
  { key: 'residents', path: '/residents', labelKey: 'menu.residents', icon: <TeamOutlined />, permission: 'resident.read' },
  { key: 'imports', path: '/imports', labelKey: 'menu.imports', icon: <CloudUploadOutlined />, permission: 'resident.import' },
  { key: 'grids', path: '/grids', labelKey: 'menu.grids', icon: <ClusterOutlined />, permission: 'place.read' },
  { key: 'employers', path: '/employers', labelKey: 'menu.employers', icon: <BankOutlined />, permission: 'employer.read' },
  { key: 'screening', path: '/screening/campaigns', labelKey: 'menu.screening', icon: <SafetyCertificateOutlined />, permission: 'screening.read' },
  { key: 'screeningVisit', path: '/screening/visit', labelKey: 'menu.screeningVisit', icon: <MobileOutlined />, permission: 'screening.visit' },
  {
    key: 'servicedesk',
    labelKey: 'menu.servicedesk',
    icon: <CustomerServiceOutlined />,
    children: [
      { key: 'sd-board', path: '/servicedesk', labelKey: 'menu.sdBoard', icon: <DashboardOutlined />, permission: 'servicedesk.read' },
      { key: 'sd-orders', path: '/servicedesk/orders', labelKey: 'menu.sdOrders', icon: <OrderedListOutlined />, permission: 'servicedesk.read' },
      { key: 'sd-field', path: '/field', labelKey: 'menu.sdField', icon: <MobileOutlined />, permission: 'servicedesk.work' },
      { key: 'sd-figures', path: '/servicedesk/figures', labelKey: 'menu.sdFigures', icon: <FundOutlined />, permission: 'servicedesk.figures' },
      { key: 'sd-accountability', path: '/servicedesk/accountability', labelKey: 'menu.sdAccountability', icon: <SafetyCertificateOutlined />, permission: 'servicedesk.figures' },
      { key: 'sd-settings', path: '/servicedesk/settings', labelKey: 'menu.sdSettings', icon: <ToolOutlined />, permission: 'servicedesk.manage' },
    ],
  },
  {
    key: 'access',
    labelKey: 'menu.access',
    icon: <SafetyOutlined />,
    children: [
      { key: 'access-passes', path: '/access/passes', labelKey: 'menu.accessPasses', icon: <IdcardOutlined />, permission: 'access.pass.read' },
      { key: 'access-gates', path: '/access/gates', labelKey: 'menu.accessGates', icon: <ApartmentOutlined />, permission: 'access.gate.manage' },
      { key: 'access-scanner', path: '/gate', labelKey: 'menu.accessScanner', icon: <ScanOutlined />, permission: 'access.gate.scan' },
      { key: 'access-figures', path: '/access/figures', labelKey: 'menu.accessFigures', icon: <FundOutlined />, permission: 'access.figures' },
    ],
  },
  { key: 'duties', path: '/duties', labelKey: 'menu.duties', icon: <ScheduleOutlined />, permission: 'obligation.manage' },
  {
    key: 'admin',
    labelKey: 'menu.admin',
    icon: <SettingOutlined />,
    children: [
      { key: 'users', path: '/admin/users', labelKey: 'menu.users', icon: <UserOutlined />, permission: 'user.manage' },
      { key: 'tokens', path: '/admin/tokens', labelKey: 'menu.tokens', icon: <KeyOutlined />, permission: 'token.manage' },
      { key: 'calendar', path: '/admin/calendar', labelKey: 'menu.calendar', icon: <CalendarOutlined />, permission: 'calendar.manage' },
    ],
  },
  { key: 'audit', path: '/audit', labelKey: 'menu.audit', icon: <AuditOutlined />, permission: 'audit.read' },
];

export function visibleMenu(can: (p: Permission) => boolean, entries: MenuEntry[] = MENU): MenuEntry[] {
  const out: MenuEntry[] = [];
  for (const e of entries) {
    if (e.children) {
      const kids = visibleMenu(can, e.children);
      if (kids.length) out.push({ ...e, children: kids });
    } else if (!e.permission || can(e.permission)) out.push(e);
  }
  return out;
}

/** The menu key for a URL, longest path first so /admin/users beats /. */
export function menuKeyFor(pathname: string, entries: MenuEntry[] = MENU): string {
  const flat = entries.flatMap((e) => (e.children ? e.children : [e])).filter((e) => e.path);
  const hit = flat
    .filter((e) => (e.path === '/' ? pathname === '/' : pathname === e.path || pathname.startsWith(`${e.path}/`)))
    .sort((a, b) => b.path!.length - a.path!.length)[0];
  return hit?.key ?? '';
}

/** The menu entry a URL belongs to (for the window's title), if any. */
export function menuEntryFor(pathname: string, entries: MenuEntry[] = MENU): MenuEntry | undefined {
  const key = menuKeyFor(pathname, entries);
  return entries.flatMap((e) => (e.children ? e.children : [e])).find((e) => e.key === key);
}
