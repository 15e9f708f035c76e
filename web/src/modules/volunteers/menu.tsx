import {
  AuditOutlined,
  BankOutlined,
  BarChartOutlined,
  CalendarOutlined,
  ProfileOutlined,
  SendOutlined,
  TeamOutlined,
  TrophyOutlined,
} from '@ant-design/icons';
import type { MenuEntryDef } from '../../platform/modules';

const g = 'volunteering' as const;
const menu: MenuEntryDef[] = [
  { key: 'vol-needs', path: '/volunteers/needs', labelKey: 'menu.volNeeds', icon: <ProfileOutlined />, permission: 'volunteers.read', group: g, order: 10 },
  { key: 'vol-people', path: '/volunteers/people', labelKey: 'menu.volPeople', icon: <TeamOutlined />, permission: 'volunteers.read', group: g, order: 20 },
  {
    key: 'vol-activities',
    path: '/volunteers/activities',
    labelKey: 'menu.volActivities',
    icon: <CalendarOutlined />,
    permission: 'volunteers.read',
    group: g,
    order: 30,
  },
  {
    key: 'vol-dispatches',
    path: '/volunteers/dispatches',
    labelKey: 'menu.volDispatches',
    icon: <SendOutlined />,
    permission: ['volunteers.dispatch', 'volunteers.dispatch.answer'],
    group: g,
    order: 40,
  },
  { key: 'vol-hours', path: '/volunteers/hours', labelKey: 'menu.volHours', icon: <AuditOutlined />, permission: 'volunteers.read', group: g, order: 50 },
  { key: 'vol-bank', path: '/volunteers/bank', labelKey: 'menu.volBank', icon: <BankOutlined />, permission: 'volunteers.bank.read', group: g, order: 60 },
  {
    key: 'vol-awards',
    path: '/volunteers/awards',
    labelKey: 'menu.volAwards',
    icon: <TrophyOutlined />,
    permission: 'volunteers.award.manage',
    group: g,
    order: 70,
  },
  {
    key: 'vol-figures',
    path: '/volunteers/figures',
    labelKey: 'menu.volFigures',
    icon: <BarChartOutlined />,
    permission: 'volunteers.read',
    group: g,
    order: 80,
  },
];
export default menu;
