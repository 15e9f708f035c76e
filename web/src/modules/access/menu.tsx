import { ApartmentOutlined, FundOutlined, IdcardOutlined, ScanOutlined } from '@ant-design/icons';
import type { MenuEntryDef } from '../../platform/modules';

const menu: MenuEntryDef[] = [
  {
    key: 'access-passes',
    path: '/access/passes',
    labelKey: 'menu.accessPasses',
    icon: <IdcardOutlined />,
    permission: 'access.pass.read',
    group: 'access',
    order: 10,
  },
  {
    key: 'access-gates',
    path: '/access/gates',
    labelKey: 'menu.accessGates',
    icon: <ApartmentOutlined />,
    permission: 'access.gate.manage',
    group: 'access',
    order: 20,
  },
  { key: 'access-scanner', path: '/gate', labelKey: 'menu.accessScanner', icon: <ScanOutlined />, permission: 'access.gate.scan', group: 'access', order: 30 },
  {
    key: 'access-figures',
    path: '/access/figures',
    labelKey: 'menu.accessFigures',
    icon: <FundOutlined />,
    permission: 'access.figures',
    group: 'access',
    order: 40,
  },
];
export default menu;
