import { BarChartOutlined, FieldTimeOutlined, LoginOutlined } from '@ant-design/icons';
import type { MenuEntryDef } from '../../platform/modules';

const menu: MenuEntryDef[] = [
  { key: 'inbound', path: '/inbound', labelKey: 'menu.inbound', icon: <LoginOutlined />, permission: 'inbound.read', group: 'epidemic', order: 10 },
  {
    key: 'inboundFigures',
    path: '/inbound/figures',
    labelKey: 'menu.inboundFigures',
    icon: <BarChartOutlined />,
    permission: 'inbound.read',
    group: 'epidemic',
    order: 30,
  },
  {
    key: 'inboundSettings',
    path: '/inbound/settings',
    labelKey: 'menu.inboundSettings',
    icon: <FieldTimeOutlined />,
    permission: 'inbound.configure',
    group: 'epidemic',
    order: 40,
  },
];
export default menu;
