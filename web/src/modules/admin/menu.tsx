import { CalendarOutlined, KeyOutlined, ScheduleOutlined, UserOutlined } from '@ant-design/icons';
import type { MenuEntryDef } from '../../platform/modules';

const menu: MenuEntryDef[] = [
  { key: 'duties', path: '/duties', labelKey: 'menu.duties', icon: <ScheduleOutlined />, permission: 'obligation.manage', order: 140 },
  { key: 'users', path: '/admin/users', labelKey: 'menu.users', icon: <UserOutlined />, permission: 'user.manage', group: 'admin', order: 10 },
  { key: 'tokens', path: '/admin/tokens', labelKey: 'menu.tokens', icon: <KeyOutlined />, permission: 'token.manage', group: 'admin', order: 20 },
  { key: 'calendar', path: '/admin/calendar', labelKey: 'menu.calendar', icon: <CalendarOutlined />, permission: 'calendar.manage', group: 'admin', order: 30 },
];
export default menu;
