import { DashboardOutlined, FundOutlined, MobileOutlined, OrderedListOutlined, SafetyCertificateOutlined, ToolOutlined } from '@ant-design/icons';
import type { MenuEntryDef } from '../../platform/modules';

const menu: MenuEntryDef[] = [
  {
    key: 'sd-board',
    path: '/servicedesk',
    labelKey: 'menu.sdBoard',
    icon: <DashboardOutlined />,
    permission: 'servicedesk.read',
    group: 'servicedesk',
    order: 10,
  },
  {
    key: 'sd-orders',
    path: '/servicedesk/orders',
    labelKey: 'menu.sdOrders',
    icon: <OrderedListOutlined />,
    permission: 'servicedesk.read',
    group: 'servicedesk',
    order: 20,
  },
  { key: 'sd-field', path: '/field', labelKey: 'menu.sdField', icon: <MobileOutlined />, permission: 'servicedesk.work', group: 'servicedesk', order: 30 },
  {
    key: 'sd-figures',
    path: '/servicedesk/figures',
    labelKey: 'menu.sdFigures',
    icon: <FundOutlined />,
    permission: 'servicedesk.figures',
    group: 'servicedesk',
    order: 40,
  },
  {
    key: 'sd-accountability',
    path: '/servicedesk/accountability',
    labelKey: 'menu.sdAccountability',
    icon: <SafetyCertificateOutlined />,
    permission: 'servicedesk.figures',
    group: 'servicedesk',
    order: 50,
  },
  {
    key: 'sd-settings',
    path: '/servicedesk/settings',
    labelKey: 'menu.sdSettings',
    icon: <ToolOutlined />,
    permission: 'servicedesk.manage',
    group: 'servicedesk',
    order: 60,
  },
];
export default menu;
