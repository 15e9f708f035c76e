import { DashboardOutlined } from '@ant-design/icons';
import type { MenuEntryDef } from '../../platform/modules';

const menu: MenuEntryDef[] = [
  { key: 'dashboard', path: '/dashboard', labelKey: 'menu.dashboard', icon: <DashboardOutlined />, permission: 'dashboard.read', order: 10 },
];
export default menu;
