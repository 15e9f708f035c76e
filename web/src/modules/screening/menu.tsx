import { MobileOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import type { MenuEntryDef } from '../../platform/modules';

const menu: MenuEntryDef[] = [
  { key: 'screening', path: '/screening/campaigns', labelKey: 'menu.screening', icon: <SafetyCertificateOutlined />, permission: 'screening.read', order: 100 },
  { key: 'screeningVisit', path: '/screening/visit', labelKey: 'menu.screeningVisit', icon: <MobileOutlined />, permission: 'screening.visit', order: 110 },
];
export default menu;
