import { AlertOutlined, AppstoreOutlined, FieldTimeOutlined, LockOutlined } from '@ant-design/icons';
import type { MenuEntryDef } from '../../platform/modules';

const menu: MenuEntryDef[] = [
  {
    key: 'containmentOrders',
    path: '/containment/orders',
    labelKey: 'menu.containmentOrders',
    icon: <LockOutlined />,
    permission: 'containment.order.view',
    group: 'epidemic',
    order: 60,
  },
  {
    key: 'containmentMap',
    path: '/containment/map',
    labelKey: 'menu.containmentMap',
    icon: <AppstoreOutlined />,
    permission: 'containment.order.view',
    group: 'epidemic',
    order: 70,
  },
  {
    key: 'containmentCases',
    path: '/containment/cases',
    labelKey: 'menu.containmentCases',
    icon: <AlertOutlined />,
    permission: 'containment.case.view',
    group: 'epidemic',
    order: 80,
  },
  {
    key: 'containmentSettings',
    path: '/containment/settings',
    labelKey: 'menu.containmentSettings',
    icon: <FieldTimeOutlined />,
    permission: 'containment.settings',
    group: 'epidemic',
    order: 90,
  },
];
export default menu;
