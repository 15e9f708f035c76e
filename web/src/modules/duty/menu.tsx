import { ApartmentOutlined, CalendarOutlined, ControlOutlined, IdcardOutlined, NotificationOutlined, ScheduleOutlined, TeamOutlined } from '@ant-design/icons';
import type { MenuEntryDef } from '../../platform/modules';

// Duty sits in the epidemic group, after containment (its entries 60–90 there are the other modules').
const menu: MenuEntryDef[] = [
  {
    key: 'duty-call-ups',
    path: '/duty/call-ups',
    labelKey: 'menu.dutyCallUps',
    icon: <NotificationOutlined />,
    permission: 'duty.read',
    group: 'epidemic',
    order: 100,
  },
  { key: 'duty-posts', path: '/duty/posts', labelKey: 'menu.dutyPosts', icon: <ScheduleOutlined />, permission: 'duty.read', group: 'epidemic', order: 101 },
  {
    key: 'duty-calendar',
    path: '/duty/calendar',
    labelKey: 'menu.dutyCalendar',
    icon: <CalendarOutlined />,
    permission: 'duty.read',
    group: 'epidemic',
    order: 102,
  },
  {
    key: 'duty-members',
    path: '/duty/members',
    labelKey: 'menu.dutyMembers',
    icon: <IdcardOutlined />,
    permission: 'duty.member.read',
    group: 'epidemic',
    order: 103,
  },
  { key: 'duty-teams', path: '/duty/teams', labelKey: 'menu.dutyTeams', icon: <TeamOutlined />, permission: 'duty.read', group: 'epidemic', order: 104 },
  {
    key: 'duty-coverage',
    path: '/duty/coverage',
    labelKey: 'menu.dutyCoverage',
    icon: <ApartmentOutlined />,
    permission: 'duty.read',
    group: 'epidemic',
    order: 105,
  },
  {
    key: 'duty-settings',
    path: '/duty/settings',
    labelKey: 'menu.dutySettings',
    icon: <ControlOutlined />,
    permission: 'duty.settings',
    group: 'epidemic',
    order: 106,
  },
];
export default menu;
