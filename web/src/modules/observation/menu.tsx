import { FieldTimeOutlined, HeartOutlined } from '@ant-design/icons';
import type { MenuEntryDef } from '../../platform/modules';

const menu: MenuEntryDef[] = [
  {
    key: 'observation',
    path: '/observation',
    labelKey: 'menu.observation',
    icon: <HeartOutlined />,
    permission: 'observation.read',
    group: 'epidemic',
    order: 20,
  },
  {
    key: 'observationSettings',
    path: '/observation/settings',
    labelKey: 'menu.observationSettings',
    icon: <FieldTimeOutlined />,
    permission: 'observation.manage',
    group: 'epidemic',
    order: 50,
  },
];
export default menu;
